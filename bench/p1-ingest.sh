#!/usr/bin/env bash
# P1: case ingest through POST /api/v1/cases/batches on PostgreSQL against `psql \copy` of the same rows
# into a table like case_version (same columns, primary key and index), both in this run.
# N generated records (default 100,000; ≈2.4 KB of JSON each: Chinese text, five steps, materials, facts,
# a result) are pushed in batches of 500 by 4 concurrent clients (bench/CaseBench.java, bodies prepared
# before the clock starts). Prints records/s for both, the ratio and the hub's peak RSS (VmHWM). The hub runs as
# in production: on PostgreSQL, with its object store in a separate S3 server (standalone S3Proxy, for MinIO).
# Before the timed push the hub gets an untimed push of P1_WARMUP other records (default 3 x N; none in
# --smoke, where two more bench-client runs would add 10 s to CI). The JIT compilers of a fresh hub sharing
# two busy cores with PostgreSQL take that long to settle:
# after 100,000 records C2 still had 28 % of the hub's CPU samples, and the rate kept rising (3,104, 4,853,
# 4,875, then 5,963 records/s in the fourth 100,000). A long-running hub has this behind it.
# P1_WARMUP=0 measures the cold hub. Also printed: CPU per record of the hub and of PostgreSQL during the
# timed push, and PostgreSQL's CPU per row during the \copy.
# Package for PostgreSQL first:  mvn -B -q package -DskipTests -Dquarkus.profile=pg
# Usage: bench/p1-ingest.sh [N] [--smoke]     (--smoke: 2,000 records, nothing recorded)
# WIPES database BENCH_DB (default govhub_bench): the hub starts on it with Flyway clean-at-start.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
source .ci/hub-jar.sh
n=100000; clients=${BENCH_CLIENTS:-4}; batch=${BENCH_BATCH:-500}
for arg in "$@"; do
  case "$arg" in --smoke) n=2000; smoke_warmup=0; export BENCH_RECORD=0 ;; *) n=$arg ;; esac
done
warmup=${P1_WARMUP:-${smoke_warmup:-$((3 * n))}}
require_pg_jar
export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-govhub} PGPASSWORD=${PGPASSWORD:-govhub}
db=${BENCH_DB:-govhub_bench}; ensure_db "$db"
port=${BENCH_PORT:-19501}
work=$(mktemp -d /tmp/govhub-p1.XXXXXX)
cleanup() { stop_hubs; stop_s3_server; psql -q -d "$db" -c 'DROP TABLE IF EXISTS bench_case_copy' 2>/dev/null || true; rm -rf "$work" "$HUB_RUN_ROOT"; }
trap cleanup EXIT

tag="P1-$(date +%s)"
echo "== generating $n records"
case_bench gen "$n" "$tag" "$work/cases.ndjson" "$work/cases.csv"
# The warm-up records go into files of at most 100,000 (the bench client holds a file's bodies in memory).
warm_files=()
for ((from = 0; from < warmup; from += 100000)); do
  part=$(( warmup - from < 100000 ? warmup - from : 100000 ))
  case_bench gen "$part" "P1W$from-${tag#P1-}" "$work/warm$from.ndjson" /dev/null
  warm_files+=("$work/warm$from.ndjson")
done

# The hub stores licence files in a standalone S3 server, as it would in MinIO in production: its peak RSS is then
# the hub's own, without the embedded S3 server of the defaults.
start_s3_server "$work" "${P1_S3_PORT:-19591}"
start_pg_hub p1 "$port" "$db" $S3_HUB_ENV ${BENCH_HUB_ENV:-}
base="http://127.0.0.1:$port"; secret=$(cat "$(hub_dir p1)/data/admin-client-secret")
case_bench item "$base" "$secret" 33030300AJ-CF-0003 >/dev/null

load_before=$(load_avg)
echo "== reference: psql \\copy of the same $n rows into bench_case_copy (LIKE case_version INCLUDING ALL)"
psql -q -v ON_ERROR_STOP=1 -d "$db" -c 'DROP TABLE IF EXISTS bench_case_copy' -c 'CREATE TABLE bench_case_copy (LIKE case_version INCLUDING ALL)'
pg0=$(pg_cpu_ticks); t0=$(date +%s%N)
psql -q -v ON_ERROR_STOP=1 -d "$db" -c "\\copy bench_case_copy (case_no, data_version, item_code, region_code, status, content_sm3, record_json, source_client, received_at, batch_id) FROM '$work/cases.csv' WITH (FORMAT csv)"
copy_s=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
copy_pg_us=$(cpu_us_per "$pg0" "$(pg_cpu_ticks)" "$n")
copy_rate=$(awk -v n="$n" -v s="$copy_s" 'BEGIN { printf "%.0f", n / s }')
echo "   $n rows in $copy_s s: $copy_rate rows/s"

if [ "$warmup" -gt 0 ]; then
  echo "== hub warm-up (untimed): $warmup other records, same batches and clients"
  for f in "${warm_files[@]}"; do case_bench push "$base" "$secret" "$f" "$clients" "$batch"; done
fi
echo "== hub: $n records, batches of $batch, $clients concurrent clients"
hub0=$(cpu_ticks "${HUB_PIDS[p1]}"); pg0=$(pg_cpu_ticks)
case_bench push "$base" "$secret" "$work/cases.ndjson" "$clients" "$batch" | tee "$work/push.out"
hub_us=$(cpu_us_per "$hub0" "$(cpu_ticks "${HUB_PIDS[p1]}")" "$n"); push_pg_us=$(cpu_us_per "$pg0" "$(pg_cpu_ticks)" "$n")
hub_rate=$(result_of "$work/push.out" rate | awk '{ printf "%.0f", $1 }')
[ "$(result_of "$work/push.out" records)" = "$n" ] || { echo "FAIL: not every record was created"; exit 1; }
stored=$(psql -tA -d "$db" -c "SELECT count(*) FROM case_version WHERE case_no LIKE '$tag-%'")
[ "$stored" = "$n" ] || { echo "FAIL: case_version holds $stored rows of this run, expected $n"; exit 1; }
rss=$(peak_rss_mb "${HUB_PIDS[p1]}")
load_after=$(load_avg)

r=$(ratio "$hub_rate" "$copy_rate")
echo "P1 ingest (after $warmup warm-up records): hub $hub_rate records/s, psql \\copy $copy_rate rows/s, ratio $r (goal >= 0.5); hub peak RSS $rss MB (goal <= 400); load average $load_before -> $load_after on $(nproc) cores"
echo "   CPU per record: hub $hub_us us + PostgreSQL $push_pg_us us; \\copy: PostgreSQL $copy_pg_us us (psql itself not counted)"
record_result P1 "case ingest, $n records" "$hub_rate rec/s after $warmup warm-up, RSS $rss MB" "psql \\copy $copy_rate rows/s" "$r" ">= 0.5, RSS <= 400 MB" "bench/p1-ingest.sh $n" "$load_before -> $load_after"
echo "$hub_rate" > "${BENCH_P1_OUT:-/dev/null}"
