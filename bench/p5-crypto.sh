#!/usr/bin/env bash
# P5: SM2 sign/verify per second in the hub's signing code (JMH) against `openssl speed sm2`, both
# measured in this run on this machine. Usage: bench/p5-crypto.sh [--smoke]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
smoke=${1:-}
if [ "$smoke" = --smoke ]; then jmh=(-f 1 -wi 0 -i 1 -r 1s); secs=1; export BENCH_RECORD=0
else jmh=(-f 1 -wi 2 -w 3s -i 5 -r 5s); secs=10; fi

cp=$(bench_classpath)
java -cp "$cp" org.openjdk.jmh.Main 'org.govhub.bench.Sm2SigningBenchmark' "${jmh[@]}" -t 1 \
  -rf json -rff target/p5-jmh.json >target/p5-jmh.log
hub_sign=$(python3 -c "import json;d=json.load(open('target/p5-jmh.json'));print([b['primaryMetric']['score'] for b in d if b['benchmark'].endswith('.sign')][0])")
hub_verify=$(python3 -c "import json;d=json.load(open('target/p5-jmh.json'));print([b['primaryMetric']['score'] for b in d if b['benchmark'].endswith('.verify')][0])")

line=$(openssl speed -seconds "$secs" sm2 2>/dev/null | grep 'SM2 (CurveSM2)')
ossl_sign=$(echo "$line" | awk '{print $(NF-1)}')
ossl_verify=$(echo "$line" | awk '{print $NF}')

sign_ratio=$(ratio "$hub_sign" "$ossl_sign")
verify_ratio=$(ratio "$hub_verify" "$ossl_verify")
printf 'P5 sign:   hub %.0f/s, openssl %.0f/s, ratio %s (goal >= 0.5)\n' "$hub_sign" "$ossl_sign" "$sign_ratio"
printf 'P5 verify: hub %.0f/s, openssl %.0f/s, ratio %s (goal >= 0.5)\n' "$hub_verify" "$ossl_verify" "$verify_ratio"
record_result P5-sign "SM2 sign" "$(printf '%.0f/s' "$hub_sign")" "openssl speed sm2 $(printf '%.0f/s' "$ossl_sign")" "$sign_ratio" ">= 0.5" "bench/p5-crypto.sh"
record_result P5-verify "SM2 verify" "$(printf '%.0f/s' "$hub_verify")" "openssl speed sm2 $(printf '%.0f/s' "$ossl_verify")" "$verify_ratio" ">= 0.5" "bench/p5-crypto.sh"
