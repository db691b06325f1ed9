#!/usr/bin/env bash
# P3, the external node's share: what accepting pushes for the gap costs against a direct ingest, both nodes
# warm. A plain node and then an external node (ferry on, bundles of 1,000 sealed into a gap folder nobody
# reads) each get W warm-up records (default 300,000, as P1) and then the same N records (default 100,000),
# 4 clients, batches of 500. Prints records/s and the CPU per record of the node and of PostgreSQL (for the
# external node until its outbox is empty, so sealing and writing the bundles count), and the ratio.
# PROFILE=FILE attaches async-profiler (AP_LIB: path of libasyncProfiler.so) to the external node for the
# measured push and writes collapsed stacks to FILE. BENCH_DB and BENCH_DB2 are WIPED.
#
# Package for PostgreSQL first:  mvn -B -q package -DskipTests -Dquarkus.profile=pg
# Usage: bench/p3-outside.sh [N] [--smoke]     (--smoke: 2,000 records after 2,000 warm-up, nothing recorded)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
source .ci/hub-jar.sh
n=100000; warmup=${WARMUP:-300000}
for arg in "$@"; do
  case "$arg" in --smoke) n=2000; warmup=2000; export BENCH_RECORD=0 ;; *) n=$arg ;; esac
done
require_pg_jar
export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-govhub} PGPASSWORD=${PGPASSWORD:-govhub}
db1=${BENCH_DB:-govhub_bench}; db2=${BENCH_DB2:-govhub_bench2}
for d in "$db1" "$db2"; do ensure_db "$d"; done
work=$(mktemp -d /tmp/govhub-p3o.XXXXXX)
cleanup() { stop_hubs; rm -rf "$work" "$HUB_RUN_ROOT"; }
trap cleanup EXIT

tag="P3O-$(date +%s)"
case_bench gen "$n" "$tag" "$work/cases.ndjson" /dev/null
for ((from = 0; from < warmup; from += 100000)); do
  case_bench gen $(( warmup - from < 100000 ? warmup - from : 100000 )) "P3OW$from-${tag#P3O-}" "$work/warm$from.ndjson" /dev/null
done
load_before=$(load_avg)

# measure NAME PORT DATABASE [env...]: warm-up, then the timed push; sets rate, node_us and pg_us.
measure() {
  local name=$1 port=$2 db=$3; shift 3
  start_pg_hub "$name" "$port" "$db" "$@"
  local base="http://127.0.0.1:$port" secret pid
  secret=$(cat "$(hub_dir "$name")/data/admin-client-secret"); pid=${HUB_PIDS[$name]}
  case_bench item "$base" "$secret" 33030300AJ-CF-0003 >/dev/null
  echo "== $name: $warmup warm-up records, then $n measured"
  for f in "$work"/warm*.ndjson; do case_bench push "$base" "$secret" "$f" 4 500 >/dev/null; await_outbox "$db"; done
  [ -n "${PROFILE:-}" ] && [ "$name" = external ] \
    && jcmd "$pid" JVMTI.agent_load "${AP_LIB:?AP_LIB: path of libasyncProfiler.so}" "\"start,event=ctimer,interval=1ms\"" >/dev/null
  local node0 pg0; node0=$(cpu_ticks "$pid"); pg0=$(pg_cpu_ticks)
  case_bench push "$base" "$secret" "$work/cases.ndjson" 4 500 | tee "$work/$name.out"
  await_outbox "$db"
  node_us=$(cpu_us_per "$node0" "$(cpu_ticks "$pid")" "$n"); pg_us=$(cpu_us_per "$pg0" "$(pg_cpu_ticks)" "$n")
  [ -n "${PROFILE:-}" ] && [ "$name" = external ] \
    && jcmd "$pid" JVMTI.agent_load "$AP_LIB" "\"stop,collapsed,file=$PROFILE\"" >/dev/null
  rate=$(result_of "$work/$name.out" rate | awk '{ printf "%.0f", $1 }')
  [ "$(result_of "$work/$name.out" records)" = "$n" ] || { echo "FAIL: $name did not create every record"; exit 1; }
  stop_hub "$name"
}

measure direct 19521 "$db1"
direct_rate=$rate; direct_us=$node_us; direct_pg_us=$pg_us
gap="$work/gap"; mkdir -p "$gap/bundles" "$gap/return"
measure external 19522 "$db2" HUB_ZONE=external HUB_FERRY_ENABLED=true HUB_FERRY_OUTBOUND_DIR="$gap/bundles" \
  HUB_FERRY_INBOUND_DIR="$gap/bundles" HUB_FERRY_RETURN_DIR="$gap/return" HUB_FERRY_MAX_AGE=PT1S \
  HUB_FERRY_BUNDLE_MAX_RECORDS=1000 HUB_FERRY_TRUSTED_PEER_CERTIFICATE="$work/none.pem"
[ "$(find "$gap/bundles" -name 'cases-*.zip' | wc -l)" -gt 0 ] || { echo "FAIL: the external node wrote no bundle"; exit 1; }
load_after=$(load_avg)

r=$(ratio "$rate" "$direct_rate")
echo "P3 outside (warm, after $warmup warm-up records): external node $rate records/s, direct ingest $direct_rate records/s, ratio $r"
echo "   CPU per record: external node $node_us us + PostgreSQL $pg_us us; direct $direct_us us + PostgreSQL $direct_pg_us us; load average $load_before -> $load_after on $(nproc) cores"
record_result P3-outside-warm "external node accepts $n records after $warmup warm-up" "$rate rec/s (CPU $node_us + $pg_us us)" "direct ingest $direct_rate rec/s (CPU $direct_us + $direct_pg_us us)" "$r" "-" "bench/p3-outside.sh $n" "$load_before -> $load_after"
