#!/usr/bin/env bash
# Stop the PRIVATE MariaDB/Redis instances that up.sh started (found via their pid files
# under <repo>/.data/run). Never touches anything else. Data stays in <repo>/.data/.
set -euo pipefail

# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

STOP_SECONDS="${LUODI_SERVICES_STOP_SECONDS:-60}"

# stop_private NAME PIDFILE COMM_RE
stop_private() {
  local name="$1" pidfile="$2" comm_re="$3" pid deadline
  if ! pid="$(pid_alive "${pidfile}" "${comm_re}")"; then
    if [[ -f "${pidfile}" ]]; then
      rm -f "${pidfile}"
      printf '%s: no private instance running (removed stale pid file)\n' "${name}"
    else
      printf '%s: no private instance running\n' "${name}"
    fi
    return 0
  fi
  kill -TERM "${pid}" 2>/dev/null || true
  deadline=$((SECONDS + STOP_SECONDS))
  while proc_running "${pid}" && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if proc_running "${pid}"; then
    warn "${name} (pid ${pid}) did not stop within ${STOP_SECONDS}s; sending SIGKILL"
    kill -KILL "${pid}" 2>/dev/null || true
    deadline=$((SECONDS + 10))
    while proc_running "${pid}" && ((SECONDS < deadline)); do sleep 0.2; done
  fi
  rm -f "${pidfile}"
  printf '%s: stopped private instance (pid %s); data kept in .data/\n' "${name}" "${pid}"
}

take_lock
stop_private MariaDB "${MYSQL_PIDFILE}" "${MYSQL_COMM_RE}"
stop_private Redis "${REDIS_PIDFILE}" "${REDIS_COMM_RE}"
