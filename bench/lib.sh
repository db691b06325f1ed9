#!/usr/bin/env bash
# Shared helpers for the benchmarks. Source it from a bench script run at the project root.
set -euo pipefail

bench_classpath() {
  mvn -B -q test-compile -DskipTests >/dev/null
  local deps=target/bench-classpath.txt
  mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$deps" >/dev/null
  echo "target/test-classes:target/classes:$(cat "$deps")"
}

# ratio A B: A/B with three decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.3f", a / b }'; }

# Appends a row to bench/RESULTS.md's run log (BENCH_RECORD=0 prints only).
record_result() {
  # record_result ID "what" "figure" "reference" "ratio" "goal" "command"
  local file=bench/RESULTS.md
  if [ "${BENCH_RECORD:-1}" = 1 ]; then
    grep -q '^## Run log' "$file" || printf '\n## Run log\n\n| date | cores | id | figure | reference | ratio | goal | command |\n|---|---|---|---|---|---|---|---|\n' >> "$file"
    printf '| %s | %s | %s | %s | %s | %s | %s | `%s` |\n' "$(date -u +%Y-%m-%d)" "$(nproc)" "$1" "$3" "$4" "$5" "$6" "$7" >> "$file"
  fi
}
