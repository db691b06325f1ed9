#!/usr/bin/env bash
# The newcomer path, checked: start the packaged jar on embedded defaults (H2 file database,
# embedded S3 server, generated admin secret) and run the black-box conformance suite against it.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/hub-jar.sh
trap stop_hubs EXIT
port=${CONFORMANCE_PORT:-18080}
start_hub newcomer "$port"
data="$(hub_dir newcomer)/data"

for secret_file in "$data/admin-client-secret" "$data/keys/signing.p12" "$data/keys/token-hmac.key"; do
  mode=$(stat -c %a "$secret_file")
  [ "$mode" = "600" ] || { echo "!! $secret_file has mode $mode, expected 600"; exit 1; }
done
echo "== secret files are 0600"

bash .ci/readme-session.sh "http://127.0.0.1:$port" "$(hub_dir newcomer)"

set +e
mvn -B -q -f conformance-tests/pom.xml test -Dhub.url="http://127.0.0.1:$port" \
  -Dhub.client-id=admin -Dhub.client-secret="$(cat "$data/admin-client-secret")"
status=$?
set -e
grep -hE "Tests run:" conformance-tests/target/surefire-reports/*.txt | awk -F'[:,]' '{r+=$2; f+=$4; e+=$6} END {printf "conformance: %d passed, %d failed\n", r-f-e, f+e}' || true

bash .ci/log-scan.sh --admin-secret-file "$data/admin-client-secret" "$(hub_dir newcomer)/hub.log"
exit "$status"
