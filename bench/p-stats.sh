#!/usr/bin/env bash
# P-stats: efficiency statistics over 1,000,000 cases on PostgreSQL. The goal is an answer from
# GET /api/v1/supervision/stats in under 1 s; the reference is the same aggregate run directly in psql
# on the same data in the same invocation (ratio = endpoint / psql).
#
# Builds nothing. Package for PostgreSQL first (the datasource kind is fixed at build time):
#   mvn -B -q package -DskipTests -Dquarkus.profile=pg
# Usage: bench/p-stats.sh [cases] [--smoke]     (default 1000000; --smoke = 20000 cases, nothing recorded)
# The hub listens on BENCH_PORT (default: any free port).
#
# WIPES the bench database: the hub is started on it with Flyway clean-at-start (the same mechanism the
# test suite uses). BENCH_REUSE=1 keeps the database (migrating it) and skips the generation when it already
# holds exactly that many bench cases, to time a new build on the same data. Database from BENCH_DB (default govhub_supervision) on PGHOST/PGPORT/PGUSER/PGPASSWORD.
# Then it generates the cases with SQL (generate_series) straight into the tables the endpoint reads,
# the supervision view of the cases: supervision_case (one row per case) and supervision_case_part (one
# row per case and stage, one per case and post: 4 + 4 per case), and the stage and post buckets built from
# them (supervision_part_period, as migration V52 does). Cases are spread over 90 counties of
# province 35, 20 departments per county, 3 items per department, accepted from January 2025 to
# November 2026; 90 % finished, about a fifth of them late; 12 % with corrections.
#
# Times each grouping (department, item, stage, post) over the whole province and period: one warm-up,
# then the median of 5 requests (curl time_total, token already issued), against the median of 5 runs
# of the same SQL in psql (\timing). Needs java 17, curl, jq, psql.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

cases=1000000
smoke=
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=1; cases=20000; export BENCH_RECORD=0 ;;
    *) cases=$arg ;;
  esac
done
jar=${HUB_JAR:-target/quarkus-app/quarkus-run.jar}
for tool in java curl jq psql; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is required"; exit 2; }
done
[ -f "$jar" ] || { echo "FAIL: no $jar; build it with: mvn -B -q package -DskipTests -Dquarkus.profile=pg"; exit 2; }

export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-govhub} PGPASSWORD=${PGPASSWORD:-govhub}
export PGDATABASE=${BENCH_DB:-govhub_supervision}
work=$(mktemp -d "${TMPDIR:-/tmp}/govhub-stats-bench.XXXXXX")
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

# ---- the hub: a province node (350000) on the bench database, cleaned and migrated at start; the feed
# follower and the deadline scan are off so nothing but the measured requests runs
echo "== starting the hub on database $PGDATABASE ($([ "${BENCH_REUSE:-0}" = 1 ] && echo "kept, BENCH_REUSE=1" || echo "cleaned at start"))"
mkdir -p "$work/data"
(cd "$work" && QUARKUS_PROFILE=pg HUB_DATA_DIR="$work/data" HUB_REGION_CODE=350000 HUB_TIER=province \
  HUB_NODE_ID=stats-bench QUARKUS_HTTP_PORT=${BENCH_PORT:-0} QUARKUS_HTTP_HOST=127.0.0.1 \
  QUARKUS_FLYWAY_CLEAN_AT_START=$([ "${BENCH_REUSE:-0}" = 1 ] && echo false || echo true) QUARKUS_FLYWAY_CLEAN_DISABLED=false \
  HUB_SUPERVISION_FOLLOW_EVERY=off HUB_SUPERVISION_DEADLINE_SCAN_EVERY=off HUB_ARCHIVE_ENABLED=false \
  exec java -jar "$(realpath "$OLDPWD/$jar" 2>/dev/null || echo "$jar")") >"$work/hub.log" 2>&1 &
pid=$!
port=
for _ in $(seq 1 240); do
  port=$(sed -n 's/.*Listening on: http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$work/hub.log" | head -n 1)
  [ -n "$port" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then
    grep -q 'Driver does not support the provided URL: jdbc:postgresql' "$work/hub.log" \
      && fail "$jar was built for H2; package it with: mvn -B -q package -DskipTests -Dquarkus.profile=pg"
    fail "the hub exited during start-up"
  fi
  sleep 0.5
done
[ -n "$port" ] || fail "the hub did not start within 120 s"
base="http://127.0.0.1:$port"

token() { curl -sf -d grant_type=client_credentials --data-urlencode "client_id=$1" --data-urlencode "client_secret=$2" \
  "$base/api/v1/auth/token" | jq -r .access_token; }
admin_token=$(token admin "$(cat "$work/data/admin-client-secret")")
secret=$(curl -sf -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
  -d '{"clientId":"bench-supervisor-'$$'","name":"stats bench","roles":["supervisor"],"regionPrefix":"35"}' \
  "$base/api/v1/admin/clients" | jq -r .clientSecret)
supervisor=$(token "bench-supervisor-$$" "$secret")

# ---- the cases, generated in the database
echo "== generating $cases cases (supervision_case) and $((cases * 8)) stage/post rows (supervision_case_part)"
gen_start=$(date +%s)
if [ "${BENCH_REUSE:-0}" = 1 ] && [ "$(psql -At -c "SELECT COUNT(*) FROM supervision_case WHERE case_no LIKE 'BENCH-%'")" = "$cases" ]; then
  echo "   reusing the $cases cases already in $PGDATABASE (BENCH_REUSE=1)"
else
psql -q -v ON_ERROR_STOP=1 -v cases="$cases" <<'SQL'
SELECT setseed(0.42) \g /dev/null
INSERT INTO supervision_case (case_no, data_version, item_code, department, region_code, status, accepted_at,
    finished_at, promised_working_days, due_at, handling_working_days, on_time, correction_count, pauses,
    deadline_level, updated_at)
SELECT 'BENCH-' || g, 1, department || '-XK-000' || (1 + (g / 1800) % 3), department, region,
    CASE WHEN finished THEN 'finished' ELSE 'handling' END, accepted,
    CASE WHEN finished THEN accepted + handling * interval '1 day' * 1.4 END,
    promised, accepted + promised * interval '1 day' * 1.4,
    CASE WHEN finished THEN handling END, CASE WHEN finished THEN handling <= promised END,
    corrections, '[]', CASE WHEN finished AND handling > promised THEN 'red' ELSE 'none' END, now()
FROM (
    SELECT g, region, region || '00' || substr('AJGSCZSWJTHBWSGTZJNYSLMZJYKJWHTYRSMZFGSF', 1 + 2 * ((g / 90) % 20), 2)
            AS department,
        timestamptz '2025-01-01 08:00:00+08' + random() * 670 * interval '1 day' AS accepted,
        (5 + g % 16)::double precision AS promised,
        (5 + g % 16) * (0.2 + random() * 1.05) AS handling,
        random() < 0.9 AS finished,
        CASE WHEN random() < 0.12 THEN 1 + g % 3 ELSE 0 END AS corrections
    FROM (SELECT g, '35' || lpad((1 + g % 9)::text, 2, '0') || lpad((1 + (g / 9) % 10)::text, 2, '0') AS region
          FROM generate_series(1, :cases) g) numbered
) generated;

INSERT INTO supervision_case_part (case_no, kind, name, working_days, corrected, region_code, accepted_at,
    finished_at, on_time, due_at)
SELECT c.case_no, p.kind, p.name,
    CASE WHEN c.finished_at IS NOT NULL OR p.stage < 4 THEN COALESCE(c.handling_working_days, c.promised_working_days * 0.6)
        * p.share * (0.6 + random() * 0.8) END,
    p.stage = 1 AND c.correction_count > 0, c.region_code, c.accepted_at, c.finished_at, c.on_time, c.due_at
FROM supervision_case c
CROSS JOIN LATERAL (
    SELECT s.stage, 'stage' AS kind, s.name, s.share FROM (VALUES (1, '受理', 0.1), (2, '审查', 0.5), (3, '决定', 0.3),
        (4, '办结', 0.1)) s(stage, name, share)
    UNION ALL
    SELECT s.stage, 'post', (s.posts)[1 + (hashtext(c.case_no) & 65535) % array_length(s.posts, 1)], s.share
    FROM (VALUES (1, ARRAY['窗口', '前台'], 0.1), (2, ARRAY['科员', '审批科', '执法大队'], 0.5),
        (3, ARRAY['科长', '法制科'], 0.3), (4, ARRAY['分管局长', '局长'], 0.1)) s(stage, posts, share)
) p
WHERE c.case_no LIKE 'BENCH-%';
-- the stage and post buckets, as migration V52 builds them from existing rows (the hub keeps them equal to
-- the rows in the transaction that writes the rows)
INSERT INTO supervision_part_period (kind, period, region_code, name, accepted, finished, on_time, late, corrected,
    timed, timed_days, open_due, open_due_max)
SELECT kind, CAST(FLOOR(EXTRACT(EPOCH FROM accepted_at) / 864000) AS BIGINT), region_code, name, COUNT(*),
    SUM(CASE WHEN finished_at IS NOT NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN finished_at IS NOT NULL AND on_time THEN 1 ELSE 0 END),
    SUM(CASE WHEN finished_at IS NOT NULL AND NOT on_time THEN 1 ELSE 0 END),
    SUM(CASE WHEN corrected THEN 1 ELSE 0 END),
    SUM(CASE WHEN working_days IS NOT NULL THEN 1 ELSE 0 END),
    COALESCE(SUM(working_days), 0),
    SUM(CASE WHEN finished_at IS NULL AND due_at IS NOT NULL THEN 1 ELSE 0 END),
    MAX(CASE WHEN finished_at IS NULL THEN due_at END)
FROM supervision_case_part
GROUP BY kind, CAST(FLOOR(EXTRACT(EPOCH FROM accepted_at) / 864000) AS BIGINT), region_code, name;
VACUUM ANALYZE supervision_case;
VACUUM ANALYZE supervision_case_part;
VACUUM ANALYZE supervision_part_period;
SQL
fi
echo "   generated in $(( $(date +%s) - gen_start )) s"

# ---- the reference: EfficiencyStats.sql() with the parameters written in
reference_sql() {
  local now; now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  if [ "$1" = department ] || [ "$1" = item ]; then
    local column=department; [ "$1" = item ] && column=item_code
    cat <<SQL
SELECT $column AS group_key, COUNT(*) AS accepted,
    SUM(CASE WHEN finished_at IS NOT NULL THEN 1 ELSE 0 END) AS finished,
    SUM(CASE WHEN finished_at IS NOT NULL AND on_time THEN 1 ELSE 0 END) AS on_time,
    SUM(CASE WHEN (finished_at IS NOT NULL AND NOT on_time) OR (finished_at IS NULL AND due_at <= '$now')
        THEN 1 ELSE 0 END) AS overdue,
    AVG(handling_working_days) AS average_days,
    PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY handling_working_days) AS p90_days,
    SUM(CASE WHEN correction_count > 0 THEN 1 ELSE 0 END) AS corrected
FROM supervision_case
WHERE region_code LIKE '35%' AND accepted_at >= '1900-01-01T00:00:00Z' AND accepted_at < '9999-01-01T00:00:00Z'
GROUP BY $column ORDER BY $column;
SQL
  else
    cat <<SQL
SELECT name AS group_key, COUNT(*) AS accepted,
    SUM(CASE WHEN finished_at IS NOT NULL THEN 1 ELSE 0 END) AS finished,
    SUM(CASE WHEN finished_at IS NOT NULL AND on_time THEN 1 ELSE 0 END) AS on_time,
    SUM(CASE WHEN (finished_at IS NOT NULL AND NOT on_time) OR (finished_at IS NULL AND due_at <= '$now')
        THEN 1 ELSE 0 END) AS overdue,
    AVG(working_days) AS average_days,
    PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY working_days) AS p90_days,
    SUM(CASE WHEN corrected THEN 1 ELSE 0 END) AS corrected
FROM supervision_case_part
WHERE kind = '$1' AND region_code LIKE '35%' AND accepted_at >= '1900-01-01T00:00:00Z'
    AND accepted_at < '9999-01-01T00:00:00Z'
GROUP BY name ORDER BY name;
SQL
  fi
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== timing (load average $(load) on $(nproc) cores)"
worst=0
for group in department item stage post; do
  url="$base/api/v1/supervision/stats?groupBy=$group&region=35"
  curl -sf -H "Authorization: Bearer $supervisor" "$url" -o "$work/$group.json" || fail "stats by $group failed"
  endpoint_ms=$(for _ in 1 2 3 4 5; do
    curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $supervisor" "$url"
  done | awk '{ printf "%.1f\n", $1 * 1000 }' | median)
  sql=$(reference_sql "$group")
  psql_ms=$( { echo '\timing on'; for _ in 1 2 3 4 5 6; do echo "$sql"; done; } | psql -q -o /dev/null \
    | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 5 | median)
  groups=$(jq '.groups | length' "$work/$group.json")
  accepted=$(jq '[.groups[].accepted] | add' "$work/$group.json")
  expected=$(psql -At -c "SELECT COUNT(*) FROM $( [ "$group" = department ] || [ "$group" = item ] \
    && echo supervision_case || echo "supervision_case_part WHERE kind = '$group'")")
  [ "$accepted" = "$expected" ] || fail "stats by $group counted $accepted, the table holds $expected"
  r=$(ratio "$endpoint_ms" "$psql_ms")
  verdict=PASS; awk -v e="$endpoint_ms" 'BEGIN { exit !(e >= 1000) }' && verdict=FAIL
  printf 'P-stats %-10s %s: endpoint %7.1f ms, psql %7.1f ms, ratio %s, %d groups, %d rows (goal < 1000 ms)\n' \
    "$group" "$verdict" "$endpoint_ms" "$psql_ms" "$r" "$groups" "$accepted"
  record_result "P-stats-$group" "stats by $group, $cases cases" "$(printf '%.0f ms' "$endpoint_ms")" \
    "psql $(printf '%.0f ms' "$psql_ms")" "$r" "< 1000 ms" "bench/p-stats.sh $cases"
  worst=$(awk -v a="$worst" -v b="$endpoint_ms" 'BEGIN { print (b > a ? b : a) }')
done
echo "== load average after: $(load)"
if awk -v w="$worst" 'BEGIN { exit !(w < 1000) }'; then
  echo "PASS: every grouping answered in under 1 s over $cases cases (slowest ${worst} ms)"
else
  echo "FAIL: the slowest grouping took ${worst} ms over $cases cases"
  [ -n "$smoke" ] || exit 1
fi
