#!/usr/bin/env bash
# Two real processes across a gap: the packaged jar started twice, an external node and an internal
# node, each with its own data folder and database, sharing only a gap folder (bundles one way,
# receipts the other). Pushes FERRY_CASES cases (default 10,000) to the external node, kills the
# internal node with SIGKILL while it ingests and restarts it, then checks through the public APIs
# that every case is inside exactly once and every submission outside shows its receipt. Then a
# department system inside updates FERRY_FEEDBACK cases (default 100) with a reviewed result; they travel
# back on the return lane (feedback) and are checked readable outside, each version exactly once.
# Usage: bash .ci/two-nodes.sh   (after mvn package; called from .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/hub-jar.sh
source .ci/java-tool.sh
trap stop_hubs EXIT

cases=${FERRY_CASES:-10000}
batch=${FERRY_BATCH:-500}
ext_port=${FERRY_EXT_PORT:-18281}
int_port=${FERRY_INT_PORT:-18282}
timeout_s=${FERRY_TIMEOUT:-600}
feedback=${FERRY_FEEDBACK:-100}
tag="ferry-$(date +%s)"
gap="$HUB_RUN_ROOT/gap"
mkdir -p "$gap/bundles" "$gap/return"
# The driver needs only Jackson, taken from the hub's own libraries.
jackson_cp=$(ls target/quarkus-app/lib/main/com.fasterxml.jackson.core.jackson-*.jar | tr '\n' ':')
driver() { java_tool .ci/ferry/TwoNodes.java "$jackson_cp" -- "$@"; }

common=(HUB_FERRY_ENABLED=true HUB_FERRY_OUTBOUND_DIR="$gap/bundles" HUB_FERRY_INBOUND_DIR="$gap/bundles"
  HUB_FERRY_RETURN_DIR="$gap/return" HUB_FERRY_POLL_MILLIS=300 HUB_FERRY_MAX_AGE=PT1S HUB_TIER=province
  HUB_REGION_CODE=330000 ${FERRY_EXTRA_ENV:-})
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

# Last bundle sequence the internal node has ingested on the cases lane (0 when none or unknown).
received() {
  local token n
  token=$(curl -fsS -d grant_type=client_credentials -d client_id=admin --data-urlencode "client_secret=$int_secret" \
    "http://127.0.0.1:$int_port/api/v1/auth/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/') || true
  n=$(curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$int_port/api/v1/ferry/status" 2>/dev/null \
    | grep -o '"lastSequenceReceived":[0-9]*' | head -n 1 | grep -o '[0-9]*$') || true
  echo "${n:-0}"
}
# Bundles waiting on the internal side (gap folder and inbox), i.e. ingest work in progress.
pending_inside() { find "$gap/bundles" "$(hub_dir internal)/data/ferry/inbox" -maxdepth 1 -name '*.zip' ! -name '.*' 2>/dev/null | wc -l; }

echo "== pushing $cases cases in batches of $batch to the external node"
driver push "http://127.0.0.1:$ext_port" "$ext_secret" "$cases" "$batch" "$tag" "$HUB_RUN_ROOT/submissions.txt" &
pusher=$!

echo "== killing the internal node (SIGKILL) while it ingests"
for _ in $(seq 1 1500); do
  [ "$(received)" -ge 2 ] && [ "$(pending_inside)" -ge 1 ] && break
  sleep 0.2
done
echo "   internal node had ingested $(received) bundle(s), $(pending_inside) more waiting; kill -9 ${HUB_PIDS[internal]}"
kill -9 "${HUB_PIDS[internal]}"
wait "${HUB_PIDS[internal]}" 2>/dev/null || true
unset "HUB_PIDS[internal]"
start_hub internal "$int_port" "${internal_env[@]}"

wait "$pusher"
echo "== verifying through the public APIs (timeout ${timeout_s} s)"
driver verify "http://127.0.0.1:$ext_port" "$ext_secret" "http://127.0.0.1:$int_port" "$int_secret" "$cases" "$tag" \
  "$HUB_RUN_ROOT/submissions.txt" "$timeout_s"

echo "== feedback: a department updates $feedback cases inside; they must be readable outside with the result"
driver feedback "http://127.0.0.1:$int_port" "$int_secret" "http://127.0.0.1:$ext_port" "$ext_secret" "$tag" "$feedback" \
  "${FERRY_FEEDBACK_TIMEOUT:-120}"
