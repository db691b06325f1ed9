#!/usr/bin/env bash
# Dependency outages under load: the packaged jar built for PostgreSQL (-Dquarkus.profile=pg) runs
# against its own PostgreSQL 15 cluster (created here, port 19150, never the shared `main` one) and a
# standalone S3 server (.ci/outage/S3Server.java: the S3Proxy the hub embeds, in its own process).
# While OUTAGE_WORKERS threads push case batches and issue licences (.ci/outage/OutageLoad.java), the
# script stops PostgreSQL for OUTAGE_SECONDS (pg_ctlcluster stop -m fast), lets the hub recover, then
# kills the S3 server for OUTAGE_SECONDS and restarts it on the same folder. It checks that the hub
# answered every request with 2xx or 503 application/problem+json + Retry-After (never 500, never a
# client timeout), that /q/health/ready went DOWN during each outage and UP after, and that every
# acknowledged case and licence is in the database (psql) and every acknowledged licence file can be
# read back. Prints the figures.
#
# Usage (root, PostgreSQL 15 installed): bash .ci/outage.sh     (builds target/quarkus-app-pg if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/hub-jar.sh

app=${OUTAGE_APP:-target/quarkus-app-pg}
if [ ! -f "$app/quarkus-run.jar" ]; then
  echo "== building the PostgreSQL jar into $app"
  mvn -B -q package -DskipTests -Dquarkus.profile=pg -Dquarkus.package.output-directory="$(basename "$app")"
fi
HUB_JAR="$app/quarkus-run.jar"
port=${OUTAGE_PORT:-19110}
s3_port=${OUTAGE_S3_PORT:-19111}
pg_port=${OUTAGE_PG_PORT:-19150}
cluster=${OUTAGE_PG_CLUSTER:-relb}
db=${OUTAGE_DB:-govhub_rel_b_outage}
down_s=${OUTAGE_SECONDS:-30}
settle_s=${OUTAGE_SETTLE:-8}
workers=${OUTAGE_WORKERS:-4}
tag="outage-$(date +%s)"
out="$HUB_RUN_ROOT/load"
mkdir -p "$out"
pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
as_postgres() { su postgres -s /bin/sh -c "env -u PGUSER -u PGPASSWORD -u PGHOST -u PGDATABASE -u PGPORT $*"; }
now_ms() { date +%s%3N; }

# ---- PostgreSQL: a cluster of its own, so stopping it disturbs nobody ----
if ! pg_lsclusters -h | awk -v v="$pg_version" -v c="$cluster" '$1==v && $2==c' | grep -q .; then
  pg_createcluster "$pg_version" "$cluster" -p "$pg_port" >/dev/null
fi
pg_lsclusters -h | awk -v v="$pg_version" -v c="$cluster" '$1==v && $2==c' | grep -q online || pg_ctlcluster "$pg_version" "$cluster" start
for _ in $(seq 1 30); do as_postgres "psql -p $pg_port -qAtc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
as_postgres "psql -p $pg_port -qAt" <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'govhub') THEN CREATE ROLE govhub LOGIN PASSWORD 'govhub'; END IF;
END \$\$;
DROP DATABASE IF EXISTS $db;
CREATE DATABASE $db OWNER govhub;
SQL
psql_hub() { PGPASSWORD=govhub psql -h localhost -p "$pg_port" -U govhub -d "$db" -qAt "$@"; }

# ---- S3: a standalone server the script can stop ----
cp="$app/app/*:$app/lib/main/*"
classes="$HUB_RUN_ROOT/classes"
javac -nowarn -cp "$cp" -d "$classes" .ci/outage/S3Server.java .ci/outage/OutageLoad.java .ci/ferry/TwoNodes.java
s3_key="outage-$(openssl rand -hex 6)"
s3_secret=$(openssl rand -hex 20)
s3_pid=
start_s3() {
  java -cp "$classes:$cp" S3Server "$HUB_RUN_ROOT/objects" "$s3_port" "$s3_key" "$s3_secret" >>"$HUB_RUN_ROOT/s3.log" 2>&1 &
  s3_pid=$!
  for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://127.0.0.1:$s3_port/" && return 0
    sleep 0.5
  done
  echo "!! S3 server did not start"; cat "$HUB_RUN_ROOT/s3.log"; return 1
}
stop_s3() { [ -n "$s3_pid" ] && { kill "$s3_pid" 2>/dev/null || true; wait "$s3_pid" 2>/dev/null || true; s3_pid=; }; }
cleanup() {
  touch "$out/STOP"
  stop_hubs
  stop_s3
  pg_ctlcluster "$pg_version" "$cluster" stop -m fast 2>/dev/null || true
}
trap cleanup EXIT
start_s3

start_hub outage "$port" PGHOST=localhost PGPORT="$pg_port" PGUSER=govhub PGPASSWORD=govhub PGDATABASE="$db" \
  HUB_STORAGE_ENDPOINT="http://127.0.0.1:$s3_port" HUB_STORAGE_ACCESS_KEY="$s3_key" HUB_STORAGE_SECRET_KEY="$s3_secret" \
  HUB_TIER=province HUB_REGION_CODE=330000 HUB_NODE_ID=outage
url="http://127.0.0.1:$port"
secret=$(cat "$(hub_dir outage)/data/admin-client-secret")
export FERRY_ITEM_CODE=${FERRY_ITEM_CODE:-33030300AJ-CF-0003}
java -cp "$classes:$cp" TwoNodes item "$url" "$secret" "$FERRY_ITEM_CODE"

# Readiness once a second through an outage: how many polls saw DOWN (503) and which check was down.
watch_ready() {
  local until=$1 label=$2 down=0 polls=0 body
  while [ "$(now_ms)" -lt "$until" ]; do
    body=$(curl -s -m 10 -w ' %{http_code}' "$url/q/health/ready" || true)
    polls=$((polls + 1))
    if [ "${body##* }" = 503 ]; then down=$((down + 1)); fi
    sleep 1
  done
  echo "$down $polls"
}
await_ready() {
  local from; from=$(now_ms)
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -m 10 -w '%{http_code}' "$url/q/health/ready")" = 200 ] && { echo $(( ($(now_ms) - from) / 1000 )); return 0; }
    sleep 1
  done
  echo "never"; return 1
}

echo "== steady load: $workers workers pushing case batches of 10 and issuing licences"
java -cp "$classes:$cp" OutageLoad load "$url" "$secret" "$workers" "$out" "$tag" >"$HUB_RUN_ROOT/load.log" 2>&1 &
loader=$!
for _ in $(seq 1 300); do
  [ -f "$out/STARTED" ] && break
  kill -0 "$loader" 2>/dev/null || { cat "$HUB_RUN_ROOT/load.log"; exit 1; }
  sleep 0.5
done
sleep "$settle_s"

echo "== PostgreSQL down for $down_s s (pg_ctlcluster $pg_version $cluster stop -m fast)"
pg_from=$(now_ms)
pg_ctlcluster "$pg_version" "$cluster" stop -m fast
read -r pg_down pg_polls < <(watch_ready $(( pg_from + down_s * 1000 )) pg)
pg_ctlcluster "$pg_version" "$cluster" start
pg_back=$(now_ms)
pg_recovery=$(await_ready)
echo "   readiness DOWN in $pg_down of $pg_polls polls during the outage; ready again ${pg_recovery} s after restart"
sleep "$settle_s"

echo "== S3 server down for $down_s s (killed, restarted on the same folder)"
s3_from=$(now_ms)
stop_s3
read -r s3_down s3_polls < <(watch_ready $(( s3_from + down_s * 1000 )) s3)
start_s3
s3_back=$(now_ms)
s3_recovery=$(await_ready)
echo "   readiness DOWN in $s3_down of $s3_polls polls during the outage; ready again ${s3_recovery} s after restart"
sleep "$settle_s"
touch "$out/STOP"
wait "$loader" || { cat "$HUB_RUN_ROOT/load.log"; exit 1; }

# ---- figures ----
# requests.csv: start_ms,kind,status,content_type,retry_after,latency_ms,client_error
figures() { # $1 label, $2 from_ms, $3 to_ms, $4 kind filter (regex)
  awk -F, -v label="$1" -v from="$2" -v to="$3" -v kind="$4" '
    $1 >= from && $1 < to && $2 ~ kind {
      n++; if ($6 > max) max = $6
      if ($3 ~ /^2/) ok++
      else if ($3 == 503 && $4 ~ /application\/problem\+json/ && $5 != "") u++
      else { other++; seen[$3 ($7 == "" ? "" : ":" $7)]++ }
    }
    END {
      o = ""; for (s in seen) o = o " " s "x" seen[s]
      printf "%-34s sent %6d  2xx %6d  503+Retry-After %5d  other %3d%s  max latency %d ms\n", label, n, ok, u, other, (o == "" ? "" : " (" o " )"), max
    }' "$out/requests.csv"
}
end=$(( $(now_ms) + 1 ))
echo "== figures"
figures "whole run, all requests" 0 "$end" "."
figures "PostgreSQL outage, all requests" "$pg_from" "$(( pg_back + 1000 ))" "."
figures "S3 outage, licence issues" "$s3_from" "$(( s3_back + 1000 ))" "licence"
figures "S3 outage, case pushes" "$s3_from" "$(( s3_back + 1000 ))" "cases"
others=$(awk -F, '!($3 ~ /^2/) && !($3 == 503 && $4 ~ /problem\+json/ && $5 != "")' "$out/requests.csv" | wc -l)
pg_503=$(awk -F, -v f="$pg_from" -v t="$(( pg_back + 1000 ))" '$1 >= f && $1 < t && $3 == 503' "$out/requests.csv" | wc -l)
s3_503=$(awk -F, -v f="$s3_from" -v t="$(( s3_back + 1000 ))" '$1 >= f && $1 < t && $2 == "licence" && $3 == 503' "$out/requests.csv" | wc -l)
timeout_s=$(awk -F, 'max < $6 { max = $6 } END { print int(max / 1000) }' "$out/requests.csv")

echo "== acknowledged records against the database (psql on the outage cluster)"
acked_cases=$(wc -l <"$out/acked-cases.txt")
acked_licences=$(wc -l <"$out/acked-licences.txt")
read -r missing_cases stored_cases missing_licences < <(psql_hub -F ' ' <<SQL
CREATE TEMP TABLE acked_case (case_no TEXT);
CREATE TEMP TABLE acked_licence (licence_id TEXT);
\copy acked_case FROM '$out/acked-cases.txt'
\copy acked_licence FROM '$out/acked-licences.txt'
SELECT (SELECT count(*) FROM acked_case a WHERE NOT EXISTS (SELECT 1 FROM case_version v WHERE v.case_no = a.case_no)),
       (SELECT count(DISTINCT case_no) FROM case_version WHERE case_no LIKE '$tag-%'),
       (SELECT count(*) FROM acked_licence a WHERE NOT EXISTS (SELECT 1 FROM licence l WHERE l.licence_id = a.licence_id));
SQL
)
echo "acknowledged cases $acked_cases: missing in case_version $missing_cases (case numbers stored: $stored_cases)"
echo "acknowledged licences $acked_licences: missing in licence $missing_licences"
files_ok=0
java -cp "$classes:$cp" OutageLoad files "$url" "$secret" "$out" || files_ok=$?

echo "outage figures: requests other than 2xx or 503+problem+json+Retry-After: $others; 503 during the PostgreSQL outage: $pg_503;"
echo "  licence 503 during the S3 outage: $s3_503; readiness DOWN polls: PostgreSQL $pg_down/$pg_polls, S3 $s3_down/$s3_polls;"
echo "  ready again after restart: PostgreSQL ${pg_recovery} s, S3 ${s3_recovery} s; slowest answer ${timeout_s} s"
if [ "$others" -eq 0 ] && [ "$pg_503" -gt 0 ] && [ "$s3_503" -gt 0 ] && [ "$pg_down" -gt 0 ] && [ "$s3_down" -gt 0 ] \
  && [ "$missing_cases" -eq 0 ] && [ "$missing_licences" -eq 0 ] && [ "$files_ok" -eq 0 ] && [ "$acked_cases" -gt 0 ]; then
  echo "OUTAGE OK: 503 problem+json with Retry-After during both outages, readiness DOWN then UP, every acknowledged record present"
else
  echo "OUTAGE FAILED (hub log: $(hub_dir outage)/hub.log)"; exit 1
fi
