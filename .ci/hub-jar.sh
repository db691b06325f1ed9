#!/usr/bin/env bash
# Starts the packaged hub jar on embedded defaults in a fresh data folder and waits until ready.
# Usage: source .ci/hub-jar.sh; start_hub NAME PORT [extra env...]; stop_hubs
# Prints nothing secret: the admin secret stays in the data folder's 0600 file.
set -euo pipefail
HUB_JAR=${HUB_JAR:-target/quarkus-app/quarkus-run.jar}
HUB_RUN_ROOT=${HUB_RUN_ROOT:-$(mktemp -d /tmp/govhub-run.XXXXXX)}
declare -A HUB_PIDS=()

start_hub() {
  launch_hub "$@"
  await_hub "$1" "$2"
}

# Starts the jar without waiting (e.g. to watch or kill it while it starts). Nodes that do not need each
# other to start are launched together and then awaited. A start needs about 30 CPU-s in 17 s on two
# cores (half of it the JIT compilers), so the overlap is partial: two nodes were ready after 33 s
# instead of 39 s, three after 44 s instead of 58 s.
launch_hub() {
  local name=$1 port=$2; shift 2
  local dir="$HUB_RUN_ROOT/$name"
  mkdir -p "$dir"
  env "$@" HUB_DATA_DIR="$dir/data" QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_HOST=127.0.0.1 \
    java ${HUB_JAVA_OPTS:-} -jar "$HUB_JAR" >>"$dir/hub.log" 2>&1 &
  HUB_PIDS[$name]=$!
}

await_hub() {
  local name=$1 port=$2 dir="$HUB_RUN_ROOT/$1" limit=${HUB_START_TIMEOUT:-${HUB_READY_SECONDS:-120}}
  for _ in $(seq 1 "$limit"); do
    if curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then
      echo "== hub $name ready on port $port (data in $dir/data)"
      return 0
    fi
    if ! kill -0 "${HUB_PIDS[$name]}" 2>/dev/null; then
      echo "!! hub $name exited during start:"; tail -n 40 "$dir/hub.log"; return 1
    fi
    sleep 1
  done
  echo "!! hub $name not ready after $limit s:"; tail -n 40 "$dir/hub.log"; return 1
}

hub_dir() { echo "$HUB_RUN_ROOT/$1"; }

stop_hub() {
  local pid=${HUB_PIDS[$1]:-}
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    unset "HUB_PIDS[$1]"
  fi
}

stop_hubs() {
  for name in "${!HUB_PIDS[@]}"; do stop_hub "$name"; done
}
