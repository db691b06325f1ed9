#!/usr/bin/env bash
# Two real processes across a gap, and crash safety while the gap is crossed: the packaged jar started
# twice, an external and an internal node, each with its own data folder and H2 file database, sharing
# only a gap folder (bundles one way, receipts the other). FERRY_CASES records are pushed outside, and
# the internal node is killed with SIGKILL FERRY_KILLS times at random points WHILE it ingests (after
# at least one more bundle was ingested since the last restart and with bundles still waiting inside),
# restarted each time. Then, through the public APIs: every case inside exactly once, every submission
# outside receipted. Then a department system inside updates FERRY_FEEDBACK of the cases with a reviewed
# result; they travel back on the return lane (feedback) and must be readable outside, each version once.
# Last, directly in both nodes' databases: one row per case number and data version, every sealed
# bundle ingested once and receipted once.
#
# CI:        bash .ci/two-nodes.sh   (defaults: 10,000 records, 3 kills, 100 fed back; after mvn package)
# Full R1:   FERRY_CASES=100000 FERRY_KILLS=10 bash .ci/two-nodes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/hub-jar.sh
source .ci/java-tool.sh
trap stop_hubs EXIT

cases=${FERRY_CASES:-10000}
kills=${FERRY_KILLS:-3}
batch=${FERRY_BATCH:-250}
bundle_records=${FERRY_BUNDLE_RECORDS:-500}
feedback=${FERRY_FEEDBACK:-100}
ext_port=${FERRY_EXT_PORT:-18281}
int_port=${FERRY_INT_PORT:-18282}
timeout_s=${FERRY_TIMEOUT:-900}
tag="ferry-$(date +%s)"
gap="$HUB_RUN_ROOT/gap"
mkdir -p "$gap/bundles" "$gap/return"
lib=$(dirname "$HUB_JAR")/lib/main
# The driver needs only Jackson, taken from the hub's own libraries.
jackson_cp=$(ls "$lib"/com.fasterxml.jackson.core.jackson-*.jar | tr '\n' ':')
h2_jar=$(ls "$lib"/com.h2database.h2-*.jar)
driver() { java_tool .ci/ferry/TwoNodes.java "$jackson_cp" -- "$@"; }
# One query straight into a stopped node's H2 file database; prints the row's values separated by spaces.
h2_row() {
  java -cp "$h2_jar" org.h2.tools.Shell -url "jdbc:h2:file:$(hub_dir "$1")/data/db/govhub;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
    -user govhub -password govhub -sql "$2" | sed -n '2p' | tr -d ' ' | tr '|' ' '
}

common=(HUB_FERRY_ENABLED=true HUB_FERRY_OUTBOUND_DIR="$gap/bundles" HUB_FERRY_INBOUND_DIR="$gap/bundles"
  HUB_FERRY_RETURN_DIR="$gap/return" HUB_FERRY_POLL_MILLIS=300 HUB_FERRY_MAX_AGE=PT1S HUB_TIER=province
  HUB_REGION_CODE=330000 HUB_FERRY_BUNDLE_MAX_RECORDS="$bundle_records" ${FERRY_EXTRA_ENV:-})
# The return lane: the internal node packs it, the external node ingests it.
external_env=("${common[@]}" HUB_ZONE=external HUB_NODE_ID=ferry-external HUB_FERRY_INGEST_LANES=feedback
  HUB_FERRY_TRUSTED_PEER_CERTIFICATE="$HUB_RUN_ROOT/internal-certificate.pem")
internal_env=("${common[@]}" HUB_ZONE=internal HUB_NODE_ID=ferry-internal HUB_FERRY_PACK_LANES=feedback
  HUB_FERRY_TRUSTED_PEER_CERTIFICATE="$HUB_RUN_ROOT/external-certificate.pem")

launch_hub external "$ext_port" "${external_env[@]}"
launch_hub internal "$int_port" "${internal_env[@]}"
await_hub external "$ext_port"
await_hub internal "$int_port"
# Each node trusts the other's signing certificate, as an operator would install it.
curl -fsS "http://127.0.0.1:$ext_port/api/v1/signing/certificate" >"$HUB_RUN_ROOT/external-certificate.pem"
curl -fsS "http://127.0.0.1:$int_port/api/v1/signing/certificate" >"$HUB_RUN_ROOT/internal-certificate.pem"
ext_secret=$(cat "$(hub_dir external)/data/admin-client-secret")
int_secret=$(cat "$(hub_dir internal)/data/admin-client-secret")
# Each zone keeps its own catalogue; the item the cases refer to is made effective on both.
export FERRY_ITEM_CODE=${FERRY_ITEM_CODE:-33030300AJ-CF-0003}
driver item "http://127.0.0.1:$ext_port" "$ext_secret" "$FERRY_ITEM_CODE"
driver item "http://127.0.0.1:$int_port" "$int_secret" "$FERRY_ITEM_CODE"

# Bundles waiting on the internal side (gap folder and inbox): ingest work still to do. Both counts are
# read from the folders, cheap enough to watch every 50 ms.
pending_inside() { { find "$gap/bundles" "$(hub_dir internal)/data/ferry/inbox" -maxdepth 1 -name '*.zip' ! -name '.*' 2>/dev/null || true; } | wc -l; }
done_inside() { { find "$(hub_dir internal)/data/ferry/done" -maxdepth 1 -name '*.zip' 2>/dev/null || true; } | wc -l; }

echo "== pushing $cases records in batches of $batch to the external node (bundles of up to $bundle_records records)"
started=$(date +%s)
driver push "http://127.0.0.1:$ext_port" "$ext_secret" "$cases" "$batch" "$tag" "$HUB_RUN_ROOT/submissions.txt" &
pusher=$!

# Kill points spread over the run: kill k comes after 1 + random(0..spread) more bundles were ingested
# by the running incarnation, plus a random 0-0.3 s, and only while bundle files still wait inside.
expected=$(( (cases + bundle_records - 1) / bundle_records ))
spread=$(( expected / (kills + 1) / 2 ))
echo "== $kills kill -9 of the internal node while it ingests (about $expected bundles expected)"
landed=0
for k in $(seq 1 "$kills"); do
  target=$(( $(done_inside) + 1 + RANDOM % (spread + 1) ))
  idle=0
  while :; do
    if ! kill -0 "${HUB_PIDS[internal]}" 2>/dev/null; then
      echo "!! the internal node died by itself (restart failed?):"; tail -n 40 "$(hub_dir internal)/hub.log"; exit 1
    fi
    d=$(done_inside); p=$(pending_inside)
    if [ "$d" -ge "$target" ] && [ "$p" -ge 1 ]; then
      sleep "0.$(( RANDOM % 3 ))$(( RANDOM % 10 ))"
      [ "$(pending_inside)" -ge 1 ] && break
    fi
    # Nothing left to ingest and nothing coming: the kill cannot land mid-ingest any more.
    if [ "$p" -eq 0 ] && ! kill -0 "$pusher" 2>/dev/null; then
      idle=$((idle + 1)); [ "$idle" -gt 200 ] && break
    else
      idle=0
    fi
    sleep 0.05
  done
  d=$(done_inside); p=$(pending_inside)
  kill -9 "${HUB_PIDS[internal]}"
  wait "${HUB_PIDS[internal]}" 2>/dev/null || true
  unset "HUB_PIDS[internal]"
  if [ "$d" -ge 1 ] && [ "$p" -ge 1 ]; then landed=$((landed + 1)); fi
  echo "   kill $k: SIGKILL with $d bundle(s) in done/ and $p bundle file(s) still waiting inside"
  # Restarted without waiting for readiness: the next kill may land while it is still starting up.
  launch_hub internal "$int_port" "${internal_env[@]}"
done
await_hub internal "$int_port"

wait "$pusher"
echo "== verifying through the public APIs (timeout ${timeout_s} s)"
api_ok=0
driver verify "http://127.0.0.1:$ext_port" "$ext_secret" "http://127.0.0.1:$int_port" "$int_secret" "$cases" "$tag" \
  "$HUB_RUN_ROOT/submissions.txt" "$timeout_s" || api_ok=$?
elapsed=$(( $(date +%s) - started ))

feedback_ok=0
if [ "$feedback" -gt 0 ]; then
  echo "== feedback: a department updates $feedback cases inside; they must be readable outside with the result"
  driver feedback "http://127.0.0.1:$int_port" "$int_secret" "http://127.0.0.1:$ext_port" "$ext_secret" "$tag" "$feedback" \
    "${FERRY_FEEDBACK_TIMEOUT:-120}" || feedback_ok=$?
fi
stop_hubs

echo "== verifying in the databases (H2 files of both nodes, read after a clean stop)"
# Inside: rows and distinct case numbers of this run, (case, version) pairs stored more than once, bundles
# ingested on the cases lane, receipts written for them, and bundles with other than one receipt.
read -r rows distinct_cases dup_versions bundles_in receipts_inside receipts_per_bundle < <(h2_row internal "select
  (select count(*) from case_version where case_no like '$tag-%'),
  (select count(distinct case_no) from case_version where case_no like '$tag-%'),
  (select count(*) from (select case_no, data_version from case_version where case_no like '$tag-%'
     group by case_no, data_version having count(*) > 1) d),
  (select count(*) from ferry_bundle_in where lane = 'cases'),
  (select count(*) from ferry_return where kind = 'receipt' and lane = 'cases'),
  (select count(*) from (select sequence from ferry_return where kind = 'receipt' and lane = 'cases'
     group by sequence having count(*) <> 1) d)") || { echo "!! could not read the internal node's database"; exit 1; }
# Outside: bundles sealed on the cases lane, how many of them are receipted, and the most times one was shipped.
read -r bundles_out receipted_out max_ship < <(h2_row external "select
  (select count(*) from ferry_bundle_out where lane = 'cases'),
  (select count(*) from ferry_bundle_out where lane = 'cases' and receipt_status = 'accepted' and receipted_at is not null),
  (select max(ship_count) from ferry_bundle_out where lane = 'cases')") || { echo "!! could not read the external node's database"; exit 1; }
lost=$(( cases - distinct_cases ))
# Each case is stored as version 1 from outside; the fed-back ones also as version 2 from the department.
duplicated=$(( rows - cases - feedback ))

echo "two-node figures: records pushed $cases, kills $kills (landed mid-ingest $landed), bundles sealed $bundles_out,"
echo "  bundles ingested $bundles_in, receipts written inside $receipts_inside (bundles with other than one receipt: $receipts_per_bundle),"
echo "  bundles receipted outside $receipted_out (max times a bundle was shipped: $max_ship),"
echo "  case versions inside $rows for $distinct_cases case numbers ($feedback fed back as version 2): lost $lost,"
echo "  duplicated $duplicated, duplicate (case, version) pairs $dup_versions, elapsed ${elapsed} s from first push to verified"
if [ "$api_ok" -eq 0 ] && [ "$feedback_ok" -eq 0 ] && [ "$landed" -eq "$kills" ] && [ "$lost" -eq 0 ] && [ "$duplicated" -eq 0 ] \
  && [ "$dup_versions" -eq 0 ] && [ "$bundles_in" -eq "$bundles_out" ] && [ "$receipted_out" -eq "$bundles_out" ] \
  && [ "$receipts_inside" -eq "$bundles_in" ] && [ "$receipts_per_bundle" -eq 0 ]; then
  echo "TWO NODES OK: 0 lost, 0 duplicated, every bundle ingested once and receipted once, feedback read outside once"
else
  echo "TWO NODES FAILED"; exit 1
fi
