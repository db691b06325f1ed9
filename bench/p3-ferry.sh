#!/usr/bin/env bash
# P3: ingest across the gap. N records (default 100,000, the P1 records) pushed to an external node
# (4 clients, batches of 500) until all are readable in the change feed of the internal node, which
# ingests the bundles (1,000 records each, hub.ferry.bundle-max-records) from a shared gap folder;
# reference: P1 direct ingest of the same records into a single node, in this run. The clock stops when the
# feed inside has all of them (a one-entry page at the last position; the bench then checks every record).
# Each part prints the CPU per record of the hubs and of PostgreSQL. Then the latency
# part: one bundle per second (a push of 1,000 new records each second for LAT_SECONDS, default 60)
# and per bundle the time from the push to all its records being readable inside; p50/p95/max. Then the
# catch-up part: the internal node is stopped, N more records are pushed outside (timed: the external node
# accepting alone), and once their bundles wait in the gap the internal node (restarted) gets them all at
# once and works them off with the machine to itself: records/s from then until all are stored
# (CATCH_UP_PARALLELISM sets hub.ferry.ingest-parallelism).
# Three jars on three databases: BENCH_DB (direct), BENCH_DB2 (external), BENCH_DB3 (internal), all WIPED.
#
# Package for PostgreSQL first:  mvn -B -q package -DskipTests -Dquarkus.profile=pg
# Usage: bench/p3-ferry.sh [N] [--smoke]     (--smoke: 2,000 records, 3 latency bundles of 200, no catch-up part, nothing recorded)
# BENCH_FERRY_POLL (ms, default the product default 500) sets hub.ferry.poll-millis on both nodes.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
source .ci/hub-jar.sh
n=100000; lat_seconds=${LAT_SECONDS:-60}; lat_per=1000; smoke=0
for arg in "$@"; do
  case "$arg" in --smoke) n=2000; lat_seconds=3; lat_per=200; smoke=1; export BENCH_RECORD=0 ;; *) n=$arg ;; esac
done
require_pg_jar
export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-govhub} PGPASSWORD=${PGPASSWORD:-govhub}
db1=${BENCH_DB:-govhub_bench}; db2=${BENCH_DB2:-govhub_bench2}; db3=${BENCH_DB3:-govhub_bench3}
for d in "$db1" "$db2" "$db3"; do ensure_db "$d"; done
direct_port=19511; ext_port=19512; int_port=19513
work=$(mktemp -d /tmp/govhub-p3.XXXXXX)
cleanup() { stop_hubs; rm -rf "$work" "$HUB_RUN_ROOT"; }
trap cleanup EXIT
poll=${BENCH_FERRY_POLL:-500}

tag="P3-$(date +%s)"
case_bench gen "$n" "$tag" "$work/cases.ndjson" "$work/cases.csv"
load_before=$(load_avg)

echo "== reference: P1 direct ingest of the same $n records into one node"
start_pg_hub direct "$direct_port" "$db1"
direct="http://127.0.0.1:$direct_port"; direct_secret=$(cat "$(hub_dir direct)/data/admin-client-secret")
case_bench item "$direct" "$direct_secret" 33030300AJ-CF-0003 >/dev/null
direct0=$(cpu_ticks "${HUB_PIDS[direct]}"); pg0=$(pg_cpu_ticks)
case_bench push "$direct" "$direct_secret" "$work/cases.ndjson" 4 500 | tee "$work/direct.out"
direct_us=$(cpu_us_per "$direct0" "$(cpu_ticks "${HUB_PIDS[direct]}")" "$n"); direct_pg_us=$(cpu_us_per "$pg0" "$(pg_cpu_ticks)" "$n")
direct_rate=$(result_of "$work/direct.out" rate | awk '{ printf "%.0f", $1 }')
stop_hub direct

echo "== external and internal node, gap folder $work/gap, ferry poll every $poll ms"
gap="$work/gap"; mkdir -p "$gap/bundles" "$gap/return"
common=(HUB_FERRY_ENABLED=true HUB_FERRY_OUTBOUND_DIR="$gap/bundles" HUB_FERRY_INBOUND_DIR="$gap/bundles"
  HUB_FERRY_RETURN_DIR="$gap/return" HUB_FERRY_POLL_MILLIS="$poll" HUB_FERRY_MAX_AGE=PT1S HUB_FERRY_BUNDLE_MAX_RECORDS=1000)
launch_pg_hub external "$ext_port" "$db2" "${common[@]}" HUB_ZONE=external HUB_FERRY_TRUSTED_PEER_CERTIFICATE="$work/internal.pem"
launch_pg_hub internal "$int_port" "$db3" "${common[@]}" HUB_ZONE=internal HUB_FERRY_TRUSTED_PEER_CERTIFICATE="$work/external.pem"
await_pg_hub external "$ext_port"
await_pg_hub internal "$int_port"
ext="http://127.0.0.1:$ext_port"; int="http://127.0.0.1:$int_port"
curl -fsS "$ext/api/v1/signing/certificate" >"$work/external.pem"
curl -fsS "$int/api/v1/signing/certificate" >"$work/internal.pem"
ext_secret=$(cat "$(hub_dir external)/data/admin-client-secret"); int_secret=$(cat "$(hub_dir internal)/data/admin-client-secret")
case_bench item "$ext" "$ext_secret" 33030300AJ-CF-0003 >/dev/null
case_bench item "$int" "$int_secret" 33030300AJ-CF-0003 >/dev/null

echo "== across the gap: $n records pushed outside until all are readable inside"
ext0=$(cpu_ticks "${HUB_PIDS[external]}"); int0=$(cpu_ticks "${HUB_PIDS[internal]}"); pg0=$(pg_cpu_ticks)
case_bench ferry "$ext" "$ext_secret" "$int" "$int_secret" "$work/cases.ndjson" 4 500 | tee "$work/ferry.out"
ext_us=$(cpu_us_per "$ext0" "$(cpu_ticks "${HUB_PIDS[external]}")" "$n"); int_us=$(cpu_us_per "$int0" "$(cpu_ticks "${HUB_PIDS[internal]}")" "$n")
ferry_pg_us=$(cpu_us_per "$pg0" "$(pg_cpu_ticks)" "$n")
ferry_rate=$(result_of "$work/ferry.out" rate | awk '{ printf "%.0f", $1 }')

echo "== latency: one bundle of $lat_per records per second for $lat_seconds s"
case_bench latency "$ext" "$ext_secret" "$int" "$int_secret" "L$tag" "$lat_seconds" "$lat_per" | tee "$work/latency.out"
p50=$(result_of "$work/latency.out" p50_ms); p95=$(result_of "$work/latency.out" p95_ms); max=$(result_of "$work/latency.out" max_ms)
rss_ext=$(peak_rss_mb "${HUB_PIDS[external]}"); rss_int=$(peak_rss_mb "${HUB_PIDS[internal]}")

catchup_rate=""
if [ "$smoke" = 1 ]; then
  # The catch-up part restarts the internal node (≈35 s); CI's time budget leaves no room for it.
  echo "== catch-up part skipped in --smoke"
else
  echo "== catch-up: internal node stopped, $n more records pushed outside, then its backlog appears at once"
  stop_hub internal
  case_bench gen "$n" "${tag}C" "$work/catchup.ndjson" "$work/catchup.csv"
  # Timed as well: the external node accepting alone, as on its own machine in production.
  ext0=$(cpu_ticks "${HUB_PIDS[external]}"); pg0=$(pg_cpu_ticks)
  case_bench push "$ext" "$ext_secret" "$work/catchup.ndjson" 4 500 | tee "$work/outside.out"
  outside_rate=$(result_of "$work/outside.out" rate | awk '{ printf "%.0f", $1 }')
  outside_us=$(cpu_us_per "$ext0" "$(cpu_ticks "${HUB_PIDS[external]}")" "$n"); outside_pg_us=$(cpu_us_per "$pg0" "$(pg_cpu_ticks)" "$n")
  await_outbox "$db2"
  backlog=$(find "$gap/bundles" -name 'cases-*.zip' | wc -l)
  [ "$backlog" -gt 0 ] || { echo "FAIL: the external node shipped no bundle for the catch-up"; exit 1; }
  # Restarted on the same data, reading a folder that stays empty until the backlog is complete.
  mkdir -p "$gap/inside"
  start_pg_hub internal "$int_port" "$db3" "${common[@]}" HUB_ZONE=internal HUB_FERRY_TRUSTED_PEER_CERTIFICATE="$work/external.pem" \
    HUB_FERRY_INBOUND_DIR="$gap/inside" QUARKUS_FLYWAY_CLEAN_AT_START=false ${CATCH_UP_PARALLELISM:+HUB_FERRY_INGEST_PARALLELISM=$CATCH_UP_PARALLELISM}
  # The feed head counts the versions stored (positions are gap-free): one row to read, cheap to poll.
  head_sql="SELECT last_position FROM case_feed_head WHERE id = 1"
  target=$(( $(psql -tA -d "$db3" -c "$head_sql") + n ))
  int0=$(cpu_ticks "${HUB_PIDS[internal]}"); pg0=$(pg_cpu_ticks); t0=$(date +%s%N)
  mv "$gap/bundles"/cases-*.zip "$gap/inside/"
  while [ "$(psql -tA -d "$db3" -c "$head_sql")" -lt "$target" ]; do
    [ $(( ($(date +%s%N) - t0) / 1000000000 )) -lt 1800 ] || { echo "FAIL: the backlog was not stored inside within 30 minutes"; exit 1; }
    sleep 0.2
  done
  [ "$(psql -tA -d "$db3" -c "SELECT count(*) FROM case_version WHERE case_no LIKE '${tag}C-%'")" = "$n" ] \
    || { echo "FAIL: the internal node does not hold the $n catch-up records"; exit 1; }
  catchup_us=$(cpu_us_per "$int0" "$(cpu_ticks "${HUB_PIDS[internal]}")" "$n"); catchup_pg_us=$(cpu_us_per "$pg0" "$(pg_cpu_ticks)" "$n")
  catchup_s=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  catchup_rate=$(awk -v n="$n" -v s="$catchup_s" 'BEGIN { printf "%.0f", n / s }')
fi
load_after=$(load_avg)

r=$(ratio "$ferry_rate" "$direct_rate")
echo "P3 across the gap: $ferry_rate records/s push-to-readable-inside (push outside done after $(result_of "$work/ferry.out" push_seconds) s), direct ingest $direct_rate records/s, ratio $r (goal >= 0.5)"
echo "   CPU per record: direct hub $direct_us us + PostgreSQL $direct_pg_us us; across the gap external $ext_us us + internal $int_us us + PostgreSQL $ferry_pg_us us"
echo "P3 latency at one bundle of $lat_per per second: p50 $p50 ms, p95 $p95 ms, max $max ms (goal p95 <= 2000 ms)"
[ -n "$catchup_rate" ] && echo "P3 external node alone: accepted $outside_rate records/s with the internal node stopped, ratio $(ratio "$outside_rate" "$direct_rate") to direct ingest; CPU per record: external $outside_us us + PostgreSQL $outside_pg_us us"
[ -n "$catchup_rate" ] && echo "P3 catch-up: internal node $catchup_rate records/s working off $backlog bundles alone ($n records in $catchup_s s, ingest-parallelism ${CATCH_UP_PARALLELISM:-default}), ratio $(ratio "$catchup_rate" "$direct_rate") to direct ingest; CPU per record: internal $catchup_us us + PostgreSQL $catchup_pg_us us"
echo "   peak RSS external $rss_ext MB, internal $rss_int MB; load average $load_before -> $load_after on $(nproc) cores"
record_result P3 "ingest across the gap, $n records" "$ferry_rate rec/s" "direct ingest $direct_rate rec/s" "$r" ">= 0.5" "bench/p3-ferry.sh $n" "$load_before -> $load_after"
[ -n "$catchup_rate" ] && record_result P3-outside "external node alone accepts $n records, internal node stopped" "$outside_rate rec/s" "direct ingest $direct_rate rec/s" "$(ratio "$outside_rate" "$direct_rate")" "-" "bench/p3-ferry.sh $n" "$load_before -> $load_after"
[ -n "$catchup_rate" ] && record_result P3-catch-up "internal node alone works off $backlog bundles, ingest-parallelism ${CATCH_UP_PARALLELISM:-default}" "$catchup_rate rec/s" "direct ingest $direct_rate rec/s" "$(ratio "$catchup_rate" "$direct_rate")" "-" "bench/p3-ferry.sh $n" "$load_before -> $load_after"
record_result P3-latency "push to readable inside, 1 bundle/s of $lat_per, poll $poll ms" "p95 $p95 ms (p50 $p50, max $max)" "-" "-" "p95 <= 2000 ms" "bench/p3-ferry.sh $n" "$load_before -> $load_after"
