#!/usr/bin/env bash
# Runs the README's "first session with curl" exactly as written against a running hub, from the
# folder holding its data/ (the newcomer's view). Usage: .ci/readme-session.sh HUB_URL RUN_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
url=$1; dir=$2
script=$(awk '/^## A first session with curl/{on=1} /^## Configuration/{on=0}
  on && /^```sh$/{code=1; next} on && /^```$/{code=0; next} on && code' "$root/README.md")
script=${script//http:\/\/localhost:8080/$url}
out=$(cd "$dir" && bash -eo pipefail -c "$script" 2>&1) || { echo "$out"; echo "!! the README session failed"; exit 1; }
echo "$out" | grep -q 'effective' || { echo "$out"; echo "!! the README's item did not take effect"; exit 1; }
echo "$out" | grep -q '"outcome":"created"' || { echo "$out"; echo "!! the README's push did not create the case"; exit 1; }
echo "$out" | grep -q 'LW-2026-000001' || { echo "$out"; echo "!! the README's pull did not return the case"; exit 1; }
echo "$out" | grep -q 'Verified OK' || { echo "$out"; echo "!! openssl did not verify the README's signed result"; exit 1; }
echo "== README session: item approved, case pushed and pulled, result verified with openssl"
