#!/usr/bin/env bash
# Tier-by-tier aggregation (issue 7) with three real processes: county (330303) → city (330300) →
# province (330000), each the packaged jar on embedded defaults with its own data folder (H2 database,
# embedded S3 server, keys). Each upstream link is a client registered through the upper node's admin
# API (with the admin secret from <datadir>/admin-client-secret); its secret reaches the lower node
# as a 0600 file (hub.upstream.client-secret-file).
#  1. a case pushed to the county is readable at the province with its path county → city → province;
#     so are a licence (metadata and file) and a power-item change made at the county;
#  2. with the city stopped, more cases pushed to the county wait in the county's outbox; after the
#     city restarts they all reach the province, every version exactly once;
#  3. the province restarted with the county and the city as downstreams (pull, small pages) and
#     killed mid-pull ends with every version still exactly once, both cursors at the end of the feeds.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "${HUB_JAR:-target/quarkus-app/quarkus-run.jar}" ] || mvn -B -q package -DskipTests
source .ci/hub-jar.sh
trap stop_hubs EXIT

PROVINCE_PORT=${PROVINCE_PORT:-18191}
CITY_PORT=${CITY_PORT:-18192}
COUNTY_PORT=${COUNTY_PORT:-18193}
FAST=(HUB_AGGREGATION_FORWARD_EVERY=1s HUB_AGGREGATION_RETRY_ATTEMPTS=2 HUB_AGGREGATION_RETRY_DELAY_MS=200
      HUB_AGGREGATION_RETRY_MAX_DELAY_MS=1000)
RUN_ID=$(date +%s)

url() { echo "http://127.0.0.1:$1"; }
fail() { echo "!! $*"; exit 1; }

# A token is issued once per node and client and reused for the run (they live an hour and survive restarts:
# the signing key is in the data folder). Each issue costs the node a PBKDF2 check of the secret, and the
# waits below poll every second. Kept in files because callers run in command substitutions.
token() { # port client-id secret
  local cached="$HUB_RUN_ROOT/tokens/$1-$2"
  if [ ! -s "$cached" ]; then
    mkdir -p "$HUB_RUN_ROOT/tokens"
    curl -fsS --data grant_type=client_credentials --data-urlencode "client_id=$2" --data-urlencode "client_secret=$3" \
      "$(url "$1")/api/v1/auth/token" | jq -r .access_token >"$cached.tmp" && mv "$cached.tmp" "$cached"
  fi
  cat "$cached"
}
admin_token() { # node port
  token "$2" admin "$(cat "$(hub_dir "$1")/data/admin-client-secret")"
}
register() { # node port client-id region-prefix roles... ; prints the secret
  local node=$1 port=$2 id=$3 prefix=$4; shift 4
  local roles; roles=$(printf '%s\n' "$@" | jq -R . | jq -sc .)
  curl -fsS -H "Authorization: Bearer $(admin_token "$node" "$port")" -H 'Content-Type: application/json' \
    -d "{\"clientId\":\"$id\",\"name\":\"$id\",\"roles\":$roles,\"regionPrefix\":\"$prefix\"}" \
    "$(url "$port")/api/v1/admin/clients" | jq -r .clientSecret
}
secret_file() { # file secret: written 0600, read by the lower node when it needs a token
  (umask 077; printf '%s' "$2" >"$1")
}
get() { # port token path
  curl -fsS -H "Authorization: Bearer $2" "$(url "$1")$3"
}

ITEM=33030300ZZ-CF-0001
publish_item() { # node port [code]: an editor submits the penalty item, another client approves it
  local node=$1 port=$2 code=${3:-$ITEM} editor reviewer change who
  who=$node${3:+-2}
  editor=$(register "$node" "$port" "editor-$who" 330303 catalog-editor)
  reviewer=$(register "$node" "$port" "reviewer-$who" 330303 catalog-reviewer)
  change=$(jq -nc --arg code "$code" '{kind:"add", reason:"三级汇总测试事项", sources:[], items:[{code:$code,
      name:"未按规定对从业人员进行安全生产教育和培训", legalBasis:[{rank:"law", title:"中华人民共和国安全生产法", article:"第九十七条"}],
      subject:{name:"温州市龙湾区应急管理局", nature:"statutory-organ"}, handlingDepartment:"执法监察科",
      address:"温州市龙湾区永中街道", phone:"0577-86961234", supervisionPhone:"0577-86965678",
      penaltyKinds:["warning","fine"], discretionBaseline:[{penaltyKind:"warning"}, {penaltyKind:"fine", minYuan:1000, maxYuan:30000}],
      resultsPublished:true}]}')
  local id
  id=$(curl -fsS -H "Authorization: Bearer $(token "$port" "editor-$who" "$editor")" -H 'Content-Type: application/json' \
        -d "$change" "$(url "$port")/api/v1/items/changes" | jq -r .id)
  curl -fsS -o /dev/null -H "Authorization: Bearer $(token "$port" "reviewer-$who" "$reviewer")" -H 'Content-Type: application/json' \
    -d '{"reason":"依法审核通过"}' "$(url "$port")/api/v1/catalog/changes/$id/approval"
}

record() { # case-no data-version
  jq -nc --arg no "$1" --argjson v "$2" --arg item "$ITEM" '{caseNo:$no, itemCode:$item, regionCode:"330303", dataVersion:$v,
    applicant:{name:"温州市龙湾区某某化工有限公司", idType:"other", idNumber:"LW-\($no)", contact:"0577-86900000"},
    subject:"关于某某化工有限公司未按规定开展安全生产教育培训的处罚案 𠀀", acceptedAt:"2026-11-02T09:30:00+08:00",
    acceptor:"龙湾区行政服务中心 王五", promisedWorkingDays:20, status:"accepted",
    steps:[{name:"受理", action:"accept", post:"窗口", actor:"王五", opinion:"材料齐全，予以受理 (v\($v))",
            startedAt:"2026-11-02T09:30:00+08:00", endedAt:"2026-11-02T09:40:00+08:00"}],
    materials:[{name:"现场检查记录", required:true, submitted:true}],
    facts:{area:{value:1250.50, unit:"m2"}}}'
}
push() { # records as JSON lines on stdin; pushed to the county by the Longwan platform
  local body; body=$(jq -sc '{records: .}')
  curl -fsS -H "Authorization: Bearer $(token "$COUNTY_PORT" longwan-platform "$PLATFORM_SECRET")" \
    -H 'Content-Type: application/json' -d "$body" "$(url "$COUNTY_PORT")/api/v1/cases/batches" \
    | jq -r '[.records[].outcome] | group_by(.) | map("\(.[0]) \(length)") | join(", ")'
}
province_versions() { # every version in the province's feed as caseNo/dataVersion lines, in feed order
  get "$PROVINCE_PORT" "$(token "$PROVINCE_PORT" province-reader "$READER_SECRET")" "/api/v1/cases/changes?after=0&limit=5000" \
    | jq -r '.entries[] | "\(.caseNo)/\(.dataVersion)"'
}
wait_until() { # seconds description command...
  local seconds=$1 what=$2; shift 2
  for _ in $(seq 1 "$seconds"); do
    if "$@"; then return 0; fi
    sleep 1
  done
  fail "after $seconds s: $what"
}
province_holds_all() { # expected-file
  [ "$(province_versions | sort | uniq | wc -l)" -ge "$(wc -l <"$1")" ] && [ -z "$(comm -23 <(sort "$1") <(province_versions | sort))" ]
}
exactly_once() { # expected-file
  local got; got=$(province_versions)
  [ -z "$(sort <<<"$got" | uniq -d)" ] || fail "the province holds a version twice: $(sort <<<"$got" | uniq -d | head -3)"
  diff <(sort "$1") <(sort <<<"$got") >/dev/null || fail "the province's versions differ from those pushed: $(diff <(sort "$1") <(sort <<<"$got") | head -5)"
}

echo "== 1. three nodes: province $PROVINCE_PORT, city $CITY_PORT, county $COUNTY_PORT"
PROVINCE_ENV=(HUB_NODE_ID=zj-province HUB_TIER=province HUB_REGION_CODE=330000 "${FAST[@]}")
CITY_ENV=(HUB_NODE_ID=wz-city HUB_TIER=city HUB_REGION_CODE=330300 "HUB_UPSTREAM_URL=$(url "$PROVINCE_PORT")"
          HUB_UPSTREAM_CLIENT_ID=wz-city-hub "HUB_UPSTREAM_CLIENT_SECRET_FILE=$HUB_RUN_ROOT/city-upstream-secret" "${FAST[@]}")
COUNTY_ENV=(HUB_NODE_ID=lw-county HUB_TIER=county HUB_REGION_CODE=330303 "HUB_UPSTREAM_URL=$(url "$CITY_PORT")"
            HUB_UPSTREAM_CLIENT_ID=lw-county-hub "HUB_UPSTREAM_CLIENT_SECRET_FILE=$HUB_RUN_ROOT/county-upstream-secret" "${FAST[@]}")
# Started together: a lower node reads its upstream secret file only when it first forwards, and
# nothing is forwarded before its secret is in place below.
launch_hub province "$PROVINCE_PORT" "${PROVINCE_ENV[@]}"
launch_hub city "$CITY_PORT" "${CITY_ENV[@]}"
launch_hub county "$COUNTY_PORT" "${COUNTY_ENV[@]}"
await_hub province "$PROVINCE_PORT"
await_hub city "$CITY_PORT"
await_hub county "$COUNTY_PORT"

publish_item province "$PROVINCE_PORT"
secret_file "$HUB_RUN_ROOT/city-upstream-secret" "$(register province "$PROVINCE_PORT" wz-city-hub 3303 platform aggregator)"
READER_SECRET=$(register province "$PROVINCE_PORT" province-reader 33 aggregator supervisor)
publish_item city "$CITY_PORT"
secret_file "$HUB_RUN_ROOT/county-upstream-secret" "$(register city "$CITY_PORT" lw-county-hub 330303 platform aggregator)"
publish_item county "$COUNTY_PORT"
PLATFORM_SECRET=$(register county "$COUNTY_PORT" longwan-platform 330303 platform)

expected="$HUB_RUN_ROOT/expected-versions"
: >"$expected"
first="LW-$RUN_ID-0001"
echo "-- push $first to the county: $(record "$first" 1 | push)"
echo "$first/1" >>"$expected"
wait_until 60 "case $first did not reach the province" province_holds_all "$expected"
path=$(get "$PROVINCE_PORT" "$(token "$PROVINCE_PORT" province-reader "$READER_SECRET")" "/api/v1/cases/$first" \
  | jq -r '[.origin.path[] | "\(.node)(\(.tier) \(.region))"] | join(" -> ")')
echo "-- the province holds $first, path: $path"
[ "$path" = "lw-county(county 330303) -> wz-city(city 330300) -> zj-province(province 330000)" ] || fail "unexpected path: $path"

echo "-- a licence and a power-item change made at the county go up the same way"
COUNTY_ITEM=33030300ZY-CF-0001
publish_item county "$COUNTY_PORT" "$COUNTY_ITEM"
LICENCE=1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U
head -c 300000 /dev/urandom | { printf '%%PDF-1.7\n'; cat; } >"$HUB_RUN_ROOT/licence.pdf"
jq -nc --arg id "$LICENCE" '{id:$id, licenceName:"营业执照", typeName:"营业执照", typeCode:"11100000000013338W011",
    licenceNumber:"91330303MA2C8E1X7K", holderName:"温州市龙湾区示例贸易有限公司", holderIdType:"统一社会信用代码",
    holderIdNumber:"91330303MA2C8E1X7K", issuerName:"温州市龙湾区市场监督管理局", issuerCode:"11430000006122244L",
    issueDate:"2026-01-05", validFrom:"2026-01-05", validTo:"2036-01-04", regionCode:"330303"}' >"$HUB_RUN_ROOT/licence.json"
LW_DEPT=$(register county "$COUNTY_PORT" lw-department 330303 department)
curl -fsS -o /dev/null -H "Authorization: Bearer $(token "$COUNTY_PORT" lw-department "$LW_DEPT")" \
  -F "metadata=@$HUB_RUN_ROOT/licence.json;type=application/json" -F "file=@$HUB_RUN_ROOT/licence.pdf;type=application/pdf" \
  "$(url "$COUNTY_PORT")/api/v1/licences"
ZJ_DEPT=$(register province "$PROVINCE_PORT" zj-department 33 department)
province_licence() {
  curl -fsS -H "Authorization: Bearer $(token "$PROVINCE_PORT" zj-department "$ZJ_DEPT")" -H "X-Purpose: three-node check" \
    "$(url "$PROVINCE_PORT")/api/v1/licences/$LICENCE" >"$HUB_RUN_ROOT/province-licence.json" 2>/dev/null
}
province_item() {
  curl -fsS "$(url "$PROVINCE_PORT")/api/v1/items/$COUNTY_ITEM" >"$HUB_RUN_ROOT/province-item.json" 2>/dev/null &&
    [ "$(jq -r .status "$HUB_RUN_ROOT/province-item.json")" = effective ]
}
wait_until 60 "the licence issued at the county did not reach the province" province_licence
wait_until 60 "the item change approved at the county did not reach the province" province_item
hops='[.origin.path[] | "\(.node)(\(.tier) \(.region))"] | join(" -> ")'
path=$(jq -r "$hops" "$HUB_RUN_ROOT/province-licence.json")
echo "-- the province holds licence $LICENCE, path: $path"
[ "$path" = "lw-county(county 330303) -> wz-city(city 330300) -> zj-province(province 330000)" ] || fail "unexpected licence path: $path"
[ "$(jq -r .file.sm3 "$HUB_RUN_ROOT/province-licence.json")" = "$(curl -fsS -H "Authorization: Bearer $(token "$PROVINCE_PORT" zj-department "$ZJ_DEPT")" \
    -H "X-Purpose: three-node check" "$(url "$PROVINCE_PORT")/api/v1/licences/$LICENCE/file" | openssl dgst -sm3 -r | cut -d' ' -f1)" ] \
  || fail "the licence file at the province differs from its SM3"
cmp -s <(curl -fsS -H "Authorization: Bearer $(token "$PROVINCE_PORT" zj-department "$ZJ_DEPT")" -H "X-Purpose: three-node check" \
    "$(url "$PROVINCE_PORT")/api/v1/licences/$LICENCE/file") "$HUB_RUN_ROOT/licence.pdf" || fail "the licence file at the province is not the county's"
path=$(jq -r "$hops" "$HUB_RUN_ROOT/province-item.json")
echo "-- the province holds item $COUNTY_ITEM (approved by $(jq -r .origin.review.reviewedBy "$HUB_RUN_ROOT/province-item.json") at the county), path: $path"
[ "$path" = "lw-county(county 330303) -> wz-city(city 330300) -> zj-province(province 330000)" ] || fail "unexpected item path: $path"
for node in county:$COUNTY_PORT city:$CITY_PORT; do
  wait_until 30 "${node%%:*} outbox did not drain" sh -c "[ \"\$(curl -fsS -H 'Authorization: Bearer $(admin_token "${node%%:*}" "${node##*:}")' $(url "${node##*:}")/api/v1/aggregation/status | jq .upstream.pending)\" -eq 0 ]"
done

echo "== 2. city outage"
stop_hub city
echo "-- city stopped"
{
  record "$first" 2
  for i in $(seq 2 40); do record "LW-$RUN_ID-$(printf %04d "$i")" 1; done
} | push | sed 's/^/-- pushed to the county while the city is down: /'
echo "$first/2" >>"$expected"
for i in $(seq 2 40); do echo "LW-$RUN_ID-$(printf %04d "$i")/1" >>"$expected"; done
sleep 5
county_status=$(get "$COUNTY_PORT" "$(admin_token county "$COUNTY_PORT")" /api/v1/aggregation/status)
pending=$(jq -r .upstream.pending <<<"$county_status")
echo "-- after 5 s the county's outbox holds $pending versions; last error: $(jq -r .upstream.lastError <<<"$county_status")"
[ "$pending" -eq 40 ] || fail "expected 40 versions waiting at the county, found $pending"
[ "$(province_versions | wc -l)" -eq 1 ] || fail "the province got versions while the city was down"
start_hub city "$CITY_PORT" "${CITY_ENV[@]}"
wait_until 90 "the province did not receive every version after the city came back" province_holds_all "$expected"
exactly_once "$expected"
for node in county:$COUNTY_PORT city:$CITY_PORT; do
  wait_until 30 "${node%%:*} outbox did not drain" sh -c "[ \"\$(curl -fsS -H 'Authorization: Bearer $(admin_token "${node%%:*}" "${node##*:}")' $(url "${node##*:}")/api/v1/aggregation/status | jq .upstream.pending)\" -eq 0 ]"
done
echo "-- after the city's restart the province holds all $(wc -l <"$expected") versions exactly once; county and city outboxes are empty"

echo "== 3. province pulls from the county and the city, killed mid-pull"
stop_hub province
pull_dir="$HUB_RUN_ROOT/pull"; mkdir -p "$pull_dir"
secret_file "$pull_dir/county" "$(register county "$COUNTY_PORT" zj-puller 330303 aggregator)"
secret_file "$pull_dir/city" "$(register city "$CITY_PORT" zj-puller 3303 aggregator)"
cat >"$pull_dir/application.properties" <<EOF
hub.aggregation.downstreams.lw-county.url=$(url "$COUNTY_PORT")
hub.aggregation.downstreams.lw-county.client-id=zj-puller
hub.aggregation.downstreams.lw-county.client-secret-file=$pull_dir/county
hub.aggregation.downstreams.lw-county.region-prefix=330303
hub.aggregation.downstreams.wz-city.url=$(url "$CITY_PORT")
hub.aggregation.downstreams.wz-city.client-id=zj-puller
hub.aggregation.downstreams.wz-city.client-secret-file=$pull_dir/city
hub.aggregation.downstreams.wz-city.region-prefix=3303
hub.aggregation.pull-every=1s
hub.aggregation.pull-page-size=3
hub.aggregation.pull-pages-per-run=1
EOF
# more versions while the province is down: they wait in the city's outbox and sit in both feeds
{ for i in $(seq 41 70); do record "LW-$RUN_ID-$(printf %04d "$i")" 1; done; } | push | sed 's/^/-- pushed to the county while the province is down: /'
for i in $(seq 41 70); do echo "LW-$RUN_ID-$(printf %04d "$i")/1" >>"$expected"; done
PULL_ENV=("${PROVINCE_ENV[@]}" "SMALLRYE_CONFIG_LOCATIONS=$pull_dir/application.properties")
start_hub province "$PROVINCE_PORT" "${PULL_ENV[@]}"
cursors() { get "$PROVINCE_PORT" "$(admin_token province "$PROVINCE_PORT")" /api/v1/aggregation/status | jq -c '[.downstreams[] | {name, cursor, entries}]'; }
wait_until 60 "the province did not start pulling" sh -c "[ \"\$(curl -fsS -H 'Authorization: Bearer $(admin_token province "$PROVINCE_PORT")' $(url "$PROVINCE_PORT")/api/v1/aggregation/status | jq '[.downstreams[].entries] | add')\" -gt 0 ]"
echo "-- province killed mid-pull at cursors $(cursors)"
kill -9 "${HUB_PIDS[province]}"; wait "${HUB_PIDS[province]}" 2>/dev/null || true; unset "HUB_PIDS[province]"
# Restarted with the same small pages but ten of them per run: what is checked now is that the pull resumes
# at the stored cursors, and one page a second took 25 s to reach the ends.
sed 's/^hub.aggregation.pull-pages-per-run=1$/hub.aggregation.pull-pages-per-run=10/' "$pull_dir/application.properties" \
  >"$pull_dir/restart.properties"
PULL_ENV=("${PROVINCE_ENV[@]}" "SMALLRYE_CONFIG_LOCATIONS=$pull_dir/restart.properties")
start_hub province "$PROVINCE_PORT" "${PULL_ENV[@]}"
county_end=$(get "$COUNTY_PORT" "$(token "$COUNTY_PORT" zj-puller "$(cat "$pull_dir/county")")" "/api/v1/cases/changes?after=0&limit=5000" | jq '.entries | length')
city_end=$(get "$CITY_PORT" "$(token "$CITY_PORT" zj-puller "$(cat "$pull_dir/city")")" "/api/v1/cases/changes?after=0&limit=5000" | jq '.entries | length')
pulled_to_end() {
  local status; status=$(get "$PROVINCE_PORT" "$(admin_token province "$PROVINCE_PORT")" /api/v1/aggregation/status)
  [ "$(jq '.downstreams[] | select(.name=="lw-county") | .entries' <<<"$status")" -eq "$county_end" ] &&
  [ "$(jq '.downstreams[] | select(.name=="wz-city") | .entries' <<<"$status")" -eq "$city_end" ]
}
wait_until 180 "the province did not pull both feeds to their end ($county_end and $city_end entries)" pulled_to_end
echo "-- after the restart the cursors reached the feeds' ends: $(cursors) (county feed $county_end, city feed $city_end entries)"
wait_until 30 "the province misses versions" province_holds_all "$expected"
exactly_once "$expected"
echo "three-node aggregation: $(wc -l <"$expected") versions, each exactly once at the province, path county -> city -> province"
echo "three-nodes: 3 passed, 0 failed"
