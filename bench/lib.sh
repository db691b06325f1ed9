#!/usr/bin/env bash
# Shared helpers for the benchmarks. Source it from a bench script run at the project root.
set -euo pipefail
source .ci/java-tool.sh

# Classpath of the JMH benchmarks. Every build writes it just before compiling the tests (pom.xml,
# process-test-resources); Maven runs again only when a source or the pom is newer than it.
bench_classpath() {
  local deps=target/bench-classpath.txt
  if [ ! -s "$deps" ] || [ -n "$(find pom.xml src -newer "$deps" -print -quit)" ]; then
    mvn -B -q test-compile -DskipTests >/dev/null
  fi
  echo "target/test-classes:target/classes:$(cat "$deps")"
}

# ratio A B: A/B with three decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.3f", a / b }'; }

# Appends a row to bench/RESULTS.md's run log (BENCH_RECORD=0 prints only).
record_result() {
  # record_result ID "what" "figure" "reference" "ratio" "goal" "command" ["load average"]
  local file=bench/RESULTS.md
  if [ "${BENCH_RECORD:-1}" = 1 ]; then
    grep -q '^## Run log' "$file" || printf '\n## Run log\n\n| date | cores | id | figure | reference | ratio | goal | command | load average |\n|---|---|---|---|---|---|---|---|---|\n' >> "$file"
    printf '| %s | %s | %s | %s | %s | %s | %s | `%s` | %s |\n' "$(date -u +%Y-%m-%d)" "$(nproc)" "$1" "$3" "$4" "$5" "$6" "$7" "${8:-$(load_avg)}" >> "$file"
  fi
}

# Load average (1, 5, 15 min) as "a b c".
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }

# Peak resident set size (VmHWM) of a process in MB.
peak_rss_mb() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# CPU time (user + system) of the given processes in clock ticks (getconf CLK_TCK per second); gone ones count 0.
cpu_ticks() {
  local t=0 p
  for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$(( t + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0) )); done
  echo "$t"
}

# CPU ticks of the local PostgreSQL server: live processes, plus the backends that have exited (counted in the
# postmaster's children time once it has reaped them, e.g. the \copy session's backend).
pg_cpu_ticks() {
  local postmaster; postmaster=$(pgrep -o -x postgres || true)
  [ -n "$postmaster" ] || { echo 0; return; }
  echo $(( $(cpu_ticks $(pgrep -x postgres)) + $(awk '{ print $16 + $17 }' "/proc/$postmaster/stat") ))
}

# Microseconds of CPU per item: cpu_us_per TICKS_BEFORE TICKS_AFTER ITEMS.
cpu_us_per() { awk -v a="$1" -v b="$2" -v n="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", (b - a) / hz * 1e6 / n }'; }

# The case benchmarks' client (bench/CaseBench.java) with the hub's own Jackson on the classpath.
case_bench() {
  local cp; cp=$(ls "$(dirname "${HUB_JAR:-target/quarkus-app/quarkus-run.jar}")"/lib/main/com.fasterxml.jackson.core.jackson-*.jar | tr '\n' ':')
  java_tool bench/CaseBench.java "$cp" -Xmx2g -- "$@"
}

# Value of KEY in the "RESULT k=v ..." line of a CaseBench output file.
result_of() { sed -n 's/^RESULT .*\b'"$2"'=\([^ ]*\).*/\1/p' "$1" | tail -n 1; }

# The jar must have been packaged for PostgreSQL (the datasource kind is fixed at build time).
require_pg_jar() {
  local jar=${HUB_JAR:-target/quarkus-app/quarkus-run.jar}
  [ -f "$jar" ] || { echo "FAIL: no $jar; build it with: mvn -B -q package -DskipTests -Dquarkus.profile=pg"; exit 2; }
}

# start_pg_hub NAME PORT DATABASE [extra env...]: a province node (330000) from the packaged jar on PostgreSQL
# database DATABASE, which is CLEANED at start (Flyway clean, as the test suite does). The supervision
# follower, the deadline scan and the archive job are off so only the measured work runs.
# launch_pg_hub and await_pg_hub are its two halves, for nodes started together. Needs .ci/hub-jar.sh sourced.
start_pg_hub() {
  launch_pg_hub "$@"
  await_pg_hub "$1" "$2"
}

launch_pg_hub() {
  local name=$1 port=$2 db=$3; shift 3
  launch_hub "$name" "$port" QUARKUS_PROFILE=pg PGHOST="${PGHOST:-localhost}" PGPORT="${PGPORT:-5432}" \
    PGUSER="${PGUSER:-govhub}" PGPASSWORD="${PGPASSWORD:-govhub}" PGDATABASE="$db" \
    QUARKUS_FLYWAY_CLEAN_AT_START=true QUARKUS_FLYWAY_CLEAN_DISABLED=false HUB_TIER=province HUB_REGION_CODE=330000 \
    HUB_NODE_ID="bench-$name" HUB_SUPERVISION_FOLLOW_EVERY=off HUB_SUPERVISION_DEADLINE_SCAN_EVERY=off \
    HUB_ARCHIVE_ENABLED=false "$@"
}

await_pg_hub() {
  await_hub "$1" "$2" || {
    grep -q 'Driver does not support the provided URL: jdbc:postgresql\|jdbc:h2' "$(hub_dir "$1")/hub.log" \
      && echo "FAIL: the jar was built for H2; package it with: mvn -B -q package -DskipTests -Dquarkus.profile=pg"
    return 1; }
}

# start_s3_server DIR PORT: a standalone S3 server (S3Proxy on a filesystem backend under DIR) on loopback, where
# production has MinIO, so that a measured hub does not carry its embedded one (in P1 that was about 20 MB of the
# hub's RSS). Sets S3_ACCESS, S3_SECRET and S3_HUB_ENV (the hub's HUB_STORAGE_* settings); stop_s3_server stops it.
# Needs .ci/hub-jar.sh sourced (S3Proxy is on the packaged jar's class path).
start_s3_server() {
  local dir=$1 port=$2
  S3_ACCESS=benchaccess; S3_SECRET=benchsecret0123456789
  mkdir -p "$dir/s3"
  cat >"$dir/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS
s3proxy.credential=$S3_SECRET
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$dir/s3
PROPS
  java -cp "$(dirname "$HUB_JAR")/lib/main/*" org.gaul.s3proxy.Main --properties "$dir/s3proxy.properties" \
    >"$dir/s3proxy.log" 2>&1 &
  S3_PID=$!
  for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
  S3_HUB_ENV="HUB_STORAGE_ENDPOINT=http://127.0.0.1:$port HUB_STORAGE_ACCESS_KEY=$S3_ACCESS HUB_STORAGE_SECRET_KEY=$S3_SECRET"
}

stop_s3_server() {
  [ -n "${S3_PID:-}" ] || return 0
  kill "$S3_PID" 2>/dev/null || true
  wait "$S3_PID" 2>/dev/null || true
}

# await_outbox DATABASE: waits until every submission a node accepted for the gap is sealed and written
# (at once on a node without the ferry); fails after five minutes.
await_outbox() {
  for _ in $(seq 1 1500); do
    [ "$(psql -tA -d "$1" -c "SELECT count(*) FROM ferry_outbox WHERE state IN ('accepted', 'bundled')")" = 0 ] && return
    sleep 0.2
  done
  echo "FAIL: the ferry outbox of $1 did not empty within five minutes"; exit 1
}

# Creates database $1 when missing (benchmark databases are named govhub_bench*).
ensure_db() {
  PGPASSWORD=${PGPASSWORD:-govhub} psql -h "${PGHOST:-localhost}" -U "${PGUSER:-govhub}" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1 \
    || PGPASSWORD=${PGPASSWORD:-govhub} psql -q -h "${PGHOST:-localhost}" -U "${PGUSER:-govhub}" -d postgres -c "CREATE DATABASE $1"
}
