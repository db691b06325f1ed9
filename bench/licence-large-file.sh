#!/usr/bin/env bash
# Licence library, large file: a 200 MB licence goes in and comes back unchanged while the hub's JVM
# is capped at -Xmx256m, i.e. the upload and the download stream instead of sitting in the heap.
#
# Builds nothing. Package first:  mvn -B -q package -DskipTests
# Usage: bench/licence-large-file.sh [path/to/quarkus-run.jar] [size in MB]   (defaults: the packaged
#        jar, 200). HEAP=256m overrides the heap cap.
#
# Starts the jar on the embedded defaults (H2 + embedded S3) in a fresh temporary data folder
# (HUB_DATA_DIR), registers a department client through the admin API with the generated admin
# secret, issues a generated file that starts with the PDF magic, downloads it, compares SHA-256,
# prints PASS or FAIL, and removes everything it created. Needs java 17, curl, jq, sha256sum.
set -euo pipefail

jar=${1:-target/quarkus-app/quarkus-run.jar}
size_mb=${2:-200}
heap=${HEAP:-256m}
for tool in java curl jq sha256sum; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is required"; exit 2; }
done
[ -f "$jar" ] || { echo "FAIL: no $jar; build it with: mvn -B -q package -DskipTests"; exit 2; }
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")

work=$(mktemp -d "${TMPDIR:-/tmp}/govhub-licence-bench.XXXXXX")
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" && wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  echo "--- last lines of the hub log:"; tail -n 20 "$work/hub.log" 2>/dev/null || true
  exit 1
}

# ---- start the hub: fresh data folder, random HTTP port, temp files (multipart uploads) in the work folder
mkdir -p "$work/data" "$work/tmp"
(cd "$work" && HUB_DATA_DIR="$work/data" QUARKUS_HTTP_PORT=0 QUARKUS_HTTP_HOST=127.0.0.1 \
  exec java "-Xmx$heap" -XX:+ExitOnOutOfMemoryError "-Djava.io.tmpdir=$work/tmp" -jar "$jar") >"$work/hub.log" 2>&1 &
pid=$!
port=
for _ in $(seq 1 120); do
  port=$(sed -n 's/.*Listening on: http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$work/hub.log" | head -n 1)
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || fail "the hub exited during start-up"
  sleep 0.5
done
[ -n "$port" ] || fail "the hub did not start within 60 s"
base="http://127.0.0.1:$port"
echo "hub pid $pid on $base, heap cap -Xmx$heap, data in $work/data"

# ---- a department client for the hub's own region, registered by the bootstrap admin
token() { curl -sf -d grant_type=client_credentials --data-urlencode "client_id=$1" --data-urlencode "client_secret=$2" \
  "$base/api/v1/auth/token" | jq -r .access_token; }
admin_token=$(token admin "$(cat "$work/data/admin-client-secret")")
region=$(curl -sf "$base/api/v1/node" | jq -r .regionCode)
prefix=$region; while [ ${#prefix} -gt 2 ] && [ "${prefix: -2}" = "00" ]; do prefix=${prefix:0:${#prefix}-2}; done
dept_secret=$(curl -sf -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
  -d "{\"clientId\":\"bench-department\",\"name\":\"large-file bench\",\"roles\":[\"department\"],\"regionPrefix\":\"$prefix\"}" \
  "$base/api/v1/admin/clients" | jq -r .clientSecret)
dept_token=$(token bench-department "$dept_secret")

# ---- a licence id with its ISO/IEC 7064 MOD 37,36 check character (over type + issuer + serial + version)
mod3736() {
  local s=$1 alphabet=0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ p=36 i c v t
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}; v=${alphabet%%"$c"*}; v=${#v}
    t=$(( (p % 37 + v) % 36 )); [ "$t" -eq 0 ] && t=36
    p=$(( t * 2 ))
  done
  echo "${alphabet:$(( (37 - p % 37) % 36 )):1}"
}
type_code=11100000000013338W011 issuer_code=11330300MB0000000X serial=$(date +%s) version=001
id="1.2.156.3005.2.$type_code.$issuer_code.$serial.$version.$(mod3736 "$type_code$issuer_code$serial$version")"
cat >"$work/metadata.json" <<JSON
{"id":"$id","licenceName":"营业执照","typeName":"营业执照","typeCode":"$type_code","licenceNumber":"BENCH-$serial",
 "holderName":"大文件测试有限公司","holderIdType":"统一社会信用代码","holderIdNumber":"91${region}MA2BENCH0X",
 "issuerName":"市场监督管理局","issuerCode":"$issuer_code","issueDate":"2026-01-05","validFrom":"2026-01-05",
 "longTerm":true,"regionCode":"$region"}
JSON

# ---- the file: PDF magic, then random bytes
{ printf '%%PDF-1.7\n'; head -c $(( size_mb * 1024 * 1024 - 9 )) /dev/urandom; } >"$work/large.pdf"
sent_sha=$(sha256sum "$work/large.pdf" | cut -d' ' -f1)
echo "issuing $id with a $size_mb MB file"

start=$(date +%s.%N)
status=$(curl -s -o "$work/issued.json" -w '%{http_code}' --max-time 900 -H "Authorization: Bearer $dept_token" \
  -F "metadata=<$work/metadata.json;type=application/json" -F "file=@$work/large.pdf;type=application/pdf" \
  "$base/api/v1/licences")
uploaded=$(date +%s.%N)
[ "$status" = 201 ] || fail "issue answered $status: $(head -c 600 "$work/issued.json")"
status=$(curl -s -o "$work/downloaded.pdf" -w '%{http_code}' --max-time 900 -H "Authorization: Bearer $dept_token" \
  -H "X-Purpose: large-file bench" "$base/api/v1/licences/$id/file")
downloaded=$(date +%s.%N)
[ "$status" = 200 ] || fail "download answered $status"
kill -0 "$pid" 2>/dev/null || fail "the hub died (out of memory?)"

got_sha=$(sha256sum "$work/downloaded.pdf" | cut -d' ' -f1)
sent_size=$(stat -c %s "$work/large.pdf"); got_size=$(stat -c %s "$work/downloaded.pdf")
peak_rss_kb=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null || echo "?")
awk -v s="$start" -v u="$uploaded" -v d="$downloaded" -v rss="$peak_rss_kb" -v heap="$heap" \
  'BEGIN { printf "upload %.1f s, download %.1f s, hub peak RSS %d MB (heap cap %s)\n", u - s, d - u, rss / 1024, heap }'
echo "sent     $sent_size bytes sha256 $sent_sha"
echo "received $got_size bytes sha256 $got_sha"
echo "hub SM3  $(jq -r .file.sm3 "$work/issued.json") (size $(jq -r .file.size "$work/issued.json"))"
if grep -q OutOfMemoryError "$work/hub.log"; then fail "OutOfMemoryError in the hub log"; fi
if [ "$sent_sha" = "$got_sha" ] && [ "$sent_size" = "$got_size" ] && [ "$(jq -r .file.size "$work/issued.json")" = "$sent_size" ]; then
  echo "PASS: $size_mb MB licence issued and downloaded unchanged with -Xmx$heap"
else
  fail "the downloaded file differs from the uploaded one"
fi
