#!/usr/bin/env bash
# Stop the private cluster started by ops/cluster/up.sh (only the processes in its pid files).
# --wipe also deletes .data/cluster/ (the next up.sh starts a new cluster from nothing).
set -euo pipefail
# shellcheck source=ops/cluster/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

pidfiles=()
for i in 1 2 3; do pidfiles+=("$(node_dir "${i}")/mariadbd.pid" "${DATA}/sentinel${i}/sentinel.pid"); done
pidfiles+=("${DATA}/redis1/redis.pid" "${DATA}/redis2/redis.pid")

pids=()
for file in "${pidfiles[@]}"; do
  if pid="$(alive_pid "${file}")"; then
    comm="$(ps -o comm= -p "${pid}" 2>/dev/null || true)"
    if [[ "${comm}" =~ ^(mariadbd|redis-server|redis-sentinel|redis-check-rdb) ]]; then
      kill -TERM "${pid}" 2>/dev/null || true
      pids+=("${pid}")
    fi
  fi
done
deadline=$((SECONDS + 30))
for pid in "${pids[@]}"; do
  while kill -0 "${pid}" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  kill -0 "${pid}" 2>/dev/null && kill -KILL "${pid}" 2>/dev/null || true
done
say "stopped ${#pids[@]} processes"
if [[ "${1:-}" == --wipe ]]; then
  rm -rf "${DATA}"
  say "wiped ${DATA#"${REPO_ROOT}/"}"
fi
