#!/usr/bin/env bash
# R6: scan logs for secrets. Fails (exit 1) when any log line holds the admin secret, a client secret or
# bearer token issued during the run, anything shaped like a bearer token (a JWT), or an 18-character
# resident ID number. Prints what it scanned and the hits (the matched value masked).
#
# Usage: .ci/log-scan.sh [--admin-secret-file FILE] [--secrets-list FILE] [LOG...]
#   With no LOG arguments it scans the test suite's logs: target/quarkus.log (the hub's log in the test
#   profile) and target/surefire-reports/*-output.txt. --secrets-list defaults to
#   target/issued-secrets.txt, where org.govhub.testing.Clients writes every secret and token it obtains.
set -euo pipefail
cd "$(dirname "$0")/.."
admin_secret_file="" secrets_list="target/issued-secrets.txt"
logs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --admin-secret-file) admin_secret_file=$2; shift 2 ;;
    --secrets-list) secrets_list=$2; shift 2 ;;
    *) logs+=("$1"); shift ;;
  esac
done
if [ ${#logs[@]} -eq 0 ]; then
  for f in target/quarkus.log target/surefire-reports/*-output.txt; do [ -f "$f" ] && logs+=("$f"); done
fi
[ ${#logs[@]} -gt 0 ] || { echo "!! log scan: no log files found"; exit 1; }

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fixed="$work/fixed"; : > "$fixed"
echo "test-admin-secret" >> "$fixed"                       # the test profile's admin secret
[ -n "$admin_secret_file" ] && [ -s "$admin_secret_file" ] && cat "$admin_secret_file" >> "$fixed" && echo >> "$fixed"
[ -s "$secrets_list" ] && grep -v '^$' "$secrets_list" | sort -u >> "$fixed"
sed -i '/^$/d' "$fixed"
jwt='eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{20,}'
# GB 11643 resident ID: 6-digit region, birth date 19xx/20xx, 3-digit serial, check digit or X
resident_id='(^|[^0-9A-Za-z])[1-6][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]([^0-9A-Za-z]|$)'

files=0 lines=0 hits=0
for log in "${logs[@]}"; do
  [ -f "$log" ] || { echo "!! log scan: missing $log"; exit 1; }
  files=$((files + 1)); lines=$((lines + $(wc -l < "$log")))
  n_secret=$( { grep -aFf "$fixed" "$log" || true; } | wc -l)
  n_jwt=$( { grep -aE "$jwt" "$log" || true; } | wc -l)
  n_id=$( { grep -aE "$resident_id" "$log" || true; } | wc -l)
  if [ $((n_secret + n_jwt + n_id)) -gt 0 ]; then
    echo "!! $log: $n_secret lines with an issued secret/token, $n_jwt with a bearer token, $n_id with a resident ID number"
    { grep -anFf "$fixed" "$log"; grep -anE "$jwt|$resident_id" "$log"; } 2>/dev/null | sort -un | head -5 \
      | sed -E "s/$jwt/<TOKEN>/g; s/[1-6][0-9]{5}(19|20)[0-9]{6}[0-9]{3}[0-9Xx]/<ID-NUMBER>/g" | cut -c1-300
    hits=$((hits + n_secret + n_jwt + n_id))
  fi
done
echo "log scan: $files files, $lines lines, $(wc -l < "$fixed") issued secrets/tokens + bearer-token + resident-ID patterns, $hits hits"
[ "$hits" -eq 0 ]
