#!/usr/bin/env bash
# P2: reading N stored case versions through the change feed (GET /api/v1/cases/changes as JSON pages of
# 1,000, and as one NDJSON stream) against `COPY (the feed's own query) TO STDOUT` in psql, same run.
# The N records (default 100,000, the P1 records) are first pushed through the hub (not timed).
# The reference runs the feed's query (case_feed joined to case_version, in position order, the same
# columns) through COPY ... TO STDOUT into /dev/null. Each reader is timed end to end, entries/s.
#
# Package for PostgreSQL first:  mvn -B -q package -DskipTests -Dquarkus.profile=pg
# Usage: bench/p2-pull.sh [N] [--smoke]     (--smoke: 2,000 records, nothing recorded)
# WIPES database BENCH_DB (default govhub_bench).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
source .ci/hub-jar.sh
n=100000
for arg in "$@"; do
  case "$arg" in --smoke) n=2000; export BENCH_RECORD=0 ;; *) n=$arg ;; esac
done
require_pg_jar
export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-govhub} PGPASSWORD=${PGPASSWORD:-govhub}
db=${BENCH_DB:-govhub_bench}; ensure_db "$db"
port=${BENCH_PORT:-19502}
work=$(mktemp -d /tmp/govhub-p2.XXXXXX)
cleanup() { stop_hubs; rm -rf "$work" "$HUB_RUN_ROOT"; }
trap cleanup EXIT

tag="P2-$(date +%s)"
case_bench gen "$n" "$tag" "$work/cases.ndjson" "$work/cases.csv"
start_pg_hub p2 "$port" "$db" ${BENCH_HUB_ENV:-}
base="http://127.0.0.1:$port"; secret=$(cat "$(hub_dir p2)/data/admin-client-secret")
case_bench item "$base" "$secret" 33030300AJ-CF-0003 >/dev/null
echo "== loading $n records through the hub (not timed)"
case_bench push "$base" "$secret" "$work/cases.ndjson" 4 500 >/dev/null
psql -q -d "$db" -c 'VACUUM ANALYZE case_feed' -c 'VACUUM ANALYZE case_version'

load_before=$(load_avg)
sql="SELECT f.feed_position, v.case_no, v.data_version, v.item_code, v.region_code, v.received_at, v.source_client, v.content_sm3, v.record_json, v.origin_json FROM case_feed f JOIN case_version v ON v.case_no = f.case_no AND v.data_version = f.data_version WHERE f.feed_position > 0 AND f.region_code LIKE '33%' ORDER BY f.feed_position"
psql -q -d "$db" -c "COPY ($sql) TO STDOUT" >/dev/null   # warm the cache like the hub's first read would
t0=$(date +%s%N)
psql -q -d "$db" -c "COPY ($sql) TO STDOUT" | wc -l >"$work/copy.count"
copy_s=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
copy_rate=$(awk -v n="$(cat "$work/copy.count")" -v s="$copy_s" 'BEGIN { printf "%.0f", n / s }')
echo "== reference: COPY (feed query) TO STDOUT: $(cat "$work/copy.count") rows in $copy_s s, $copy_rate rows/s"

# Each timed read follows P2_WARM_UPS untimed ones of the same kind (the hub's feed code is cold after the load;
# the reference COPY gets its warm-up read too). One read of pages is only 100 requests, and the JIT goes on
# compiling the per-request code for thousands of them: with 5 reads first, pages ran 10 % faster than after 1.
warm_ups=${P2_WARM_UPS:-5}
echo "== hub: JSON pages of 1,000 (after $warm_ups untimed reads)"
case_bench pull "$base" "$secret" "$tag" "$n" pages "$warm_ups" | tee "$work/pages.out"
echo "== hub: one NDJSON stream"
case_bench pull "$base" "$secret" "$tag" "$n" ndjson "$warm_ups" | tee "$work/ndjson.out"
rss=$(peak_rss_mb "${HUB_PIDS[p2]}")
load_after=$(load_avg)
pages_rate=$(result_of "$work/pages.out" rate | awk '{ printf "%.0f", $1 }')
ndjson_rate=$(result_of "$work/ndjson.out" rate | awk '{ printf "%.0f", $1 }')
rp=$(ratio "$pages_rate" "$copy_rate"); rn=$(ratio "$ndjson_rate" "$copy_rate")
echo "P2 pages of 1,000: hub $pages_rate entries/s, COPY TO STDOUT $copy_rate rows/s, ratio $rp (goal >= 0.5)"
echo "P2 NDJSON stream:  hub $ndjson_rate entries/s, COPY TO STDOUT $copy_rate rows/s, ratio $rn (goal >= 0.5)"
echo "   hub peak RSS $rss MB; load average $load_before -> $load_after on $(nproc) cores"
record_result P2-pages "feed pull, pages of 1,000, $n records" "$pages_rate entries/s" "COPY TO STDOUT $copy_rate rows/s" "$rp" ">= 0.5" "bench/p2-pull.sh $n" "$load_before -> $load_after"
record_result P2-ndjson "feed pull, NDJSON stream, $n records" "$ndjson_rate entries/s" "COPY TO STDOUT $copy_rate rows/s" "$rn" ">= 0.5" "bench/p2-pull.sh $n" "$load_before -> $load_after"
