#!/usr/bin/env bash
# Installs and starts what the test suite needs on a Debian machine, as root, without systemd.
# Idempotent: already-installed packages and running services are left as they are.
set -euo pipefail

need_apt=()
command -v java >/dev/null && java -version 2>&1 | grep -q '"17' || need_apt+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need_apt+=(maven)
command -v openssl >/dev/null || need_apt+=(openssl)
command -v pg_ctlcluster >/dev/null || need_apt+=(postgresql)
[ -x /usr/sbin/sshd ] || need_apt+=(openssh-server)
command -v npm >/dev/null || need_apt+=(nodejs npm)
command -v curl >/dev/null || need_apt+=(curl)
command -v jq >/dev/null || need_apt+=(jq)  # .ci/three-nodes.sh reads the hubs' JSON answers
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing: ${need_apt[*]}"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need_apt[@]}" >/dev/null
fi

# PostgreSQL: the first cluster found, started with pg_ctlcluster (no systemd).
pg_version=$(ls /etc/postgresql | sort -V | tail -n 1)
if [ -z "$pg_version" ]; then
  pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  pg_createcluster "$pg_version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$pg_version" '$1==v && $2=="main"' | grep -q online; then
  pg_ctlcluster "$pg_version" main start
fi
as_postgres() { su postgres -s /bin/sh -c "env -u PGUSER -u PGPASSWORD -u PGHOST -u PGDATABASE $*"; }
for i in $(seq 1 30); do
  as_postgres "psql -qAtc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-govhub} PGPASSWORD=${PGPASSWORD:-govhub}
as_postgres "psql -qAt" <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PGUSER') THEN
    CREATE ROLE "$PGUSER" LOGIN PASSWORD '$PGPASSWORD' CREATEDB;
  ELSE
    ALTER ROLE "$PGUSER" LOGIN PASSWORD '$PGPASSWORD' CREATEDB;
  END IF;
END \$\$;
SQL
for db in govhub_test govhub "$@"; do
  as_postgres "psql -qAtc \"SELECT 1 FROM pg_database WHERE datname = '$db'\"" | grep -q 1 \
    || as_postgres "createdb -O $PGUSER $db"
done

# Spectral for the contract lint, installed outside the work tree and reused.
tools=${GOVHUB_TOOLS:-/opt/govhub-tools}
if [ ! -x "$tools/node_modules/.bin/spectral" ]; then
  mkdir -p "$tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" @stoplight/spectral-cli@6.16.3 >/dev/null
fi
echo "== services ready: PostgreSQL $pg_version on $PGHOST:$PGPORT, spectral in $tools"
