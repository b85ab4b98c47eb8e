# shellcheck shell=bash disable=SC2034
# Shared settings for ops/cluster/{up,down,status}.sh. Sourced, not executed.
#
# A private cluster on this machine, for the cluster drill and for trying a province set-up by hand:
# three MariaDB Galera nodes and a Redis primary + replica watched by three Sentinels, each on its own
# ports and data folder under .data/cluster/ (git-ignored). The machine's shared MariaDB (3306) and
# Redis (6379) are never touched.

CLUSTER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${CLUSTER_DIR}/../.." && pwd)"
DATA="${LUODI_CLUSTER_DATA:-${REPO_ROOT}/.data/cluster}"
CLUSTER_ENV="${DATA}/cluster.env"

# Galera node i (1..3): SQL port, group communication, incremental (IST) and full (SST) transfer ports.
DB_PORTS=(3407 3408 3409)
GCOMM_PORTS=(4567 4577 4587)
IST_PORTS=(4568 4578 4588)
SST_PORTS=(4444 4454 4464)
CLUSTER_NAME=luodi_drill
# Redis primary, replica and three sentinels.
REDIS_PRIMARY_PORT=6391
REDIS_REPLICA_PORT=6392
SENTINEL_PORTS=(26391 26392 26393)
SENTINEL_NAME=luodi

die() {
  printf 'cluster: %s\n' "$*" >&2
  exit 1
}

say() {
  printf 'cluster: %s\n' "$*" >&2
}

node_dir() { printf '%s/db%s' "${DATA}" "$1"; }
gcomm_address() {
  local list=() port
  for port in "${GCOMM_PORTS[@]}"; do list+=("127.0.0.1:${port}"); done
  local IFS=,
  printf 'gcomm://%s' "${list[*]}"
}

# The pid in FILE when that process is alive (not a zombie).
alive_pid() {
  local file="$1" pid stat
  [[ -f "${file}" ]] || return 1
  pid="$(tr -dc '0-9' <"${file}" 2>/dev/null || true)"
  [[ -n "${pid}" ]] || return 1
  stat="$(ps -o stat= -p "${pid}" 2>/dev/null || true)"
  stat="${stat//[[:space:]]/}"
  [[ -n "${stat}" && "${stat}" != Z* ]] || return 1
  printf '%s' "${pid}"
}

sql() {
  local node="$1"
  shift
  mariadb --no-defaults -uroot -h127.0.0.1 "-P${DB_PORTS[$((node - 1))]}" --connect-timeout=2 -N -B -e "$*" 2>/dev/null
}

rcli() {
  redis-cli -h 127.0.0.1 -p "$1" "${@:2}" 2>/dev/null
}
