# shellcheck shell=bash disable=SC2034
# Shared helpers for ops/services/{up,down,status}.sh. Sourced, not executed.

SERVICES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${SERVICES_DIR}/../.." && pwd)"
DATA_DIR="${REPO_ROOT}/.data"
RUN_DIR="${DATA_DIR}/run"
LOG_DIR="${DATA_DIR}/log"
MYSQL_DATA="${DATA_DIR}/mariadb"
REDIS_DATA="${DATA_DIR}/redis"
MYSQL_PIDFILE="${RUN_DIR}/mariadb.pid"
MYSQL_SOCKET="${RUN_DIR}/mariadb.sock"
MYSQL_LOG="${LOG_DIR}/mariadb.log"
REDIS_PIDFILE="${RUN_DIR}/redis.pid"
REDIS_LOG="${LOG_DIR}/redis.log"
LOCK_FILE="${RUN_DIR}/services.lock"
SERVICES_ENV="${DATA_DIR}/services.env"
PROBE="${SERVICES_DIR}/probe.mjs"

DEFAULT_DATABASE_URL="mysql://root@127.0.0.1:3306/luodi"
DEFAULT_REDIS_URL="redis://127.0.0.1:6379"

die() {
  printf 'services: %s\n' "$*" >&2
  exit 1
}

warn() {
  printf 'services: warning: %s\n' "$*" >&2
}

require_node() {
  command -v node >/dev/null 2>&1 || die "node (>= 20) is required on PATH to probe services"
}

# Value of KEY from <repo>/.env (simple KEY=VALUE lines; optional "export ", optional quotes).
dotenv_get() {
  local key="$1" file="${REPO_ROOT}/.env" line val
  [[ -f "${file}" ]] || return 1
  line="$(grep -E "^[[:space:]]*(export[[:space:]]+)?${key}[[:space:]]*=" "${file}" | tail -n 1 || true)"
  [[ -n "${line}" ]] || return 1
  val="${line#*=}"
  val="${val%$'\r'}"
  # trim surrounding whitespace
  val="${val#"${val%%[![:space:]]*}"}"
  val="${val%"${val##*[![:space:]]}"}"
  if [[ "${val}" =~ ^\"(.*)\"$ || "${val}" =~ ^\'(.*)\'$ ]]; then
    val="${BASH_REMATCH[1]}"
  fi
  printf '%s' "${val}"
}

# Set variable NAME from the environment, else <repo>/.env, else DEFAULT.
load_setting() {
  local name="$1" default="$2" val
  if [[ -n "${!name:-}" ]]; then
    return 0
  fi
  if val="$(dotenv_get "${name}")" && [[ -n "${val}" ]]; then
    printf -v "${name}" '%s' "${val}"
  else
    printf -v "${name}" '%s' "${default}"
  fi
  export "${name?}"
}

load_settings() {
  load_setting DATABASE_URL "${DEFAULT_DATABASE_URL}"
  load_setting REDIS_URL "${DEFAULT_REDIS_URL}"
  load_setting LUODI_PRIVATE_MYSQL_PORT 3307
  load_setting LUODI_PRIVATE_REDIS_PORT 6380
  [[ "${LUODI_PRIVATE_MYSQL_PORT}" =~ ^[0-9]+$ ]] || die "LUODI_PRIVATE_MYSQL_PORT must be a port number"
  [[ "${LUODI_PRIVATE_REDIS_PORT}" =~ ^[0-9]+$ ]] || die "LUODI_PRIVATE_REDIS_PORT must be a port number"
}

mask_url() {
  node "${PROBE}" --mask "$1"
}

# Print the pid recorded in PIDFILE if that process is alive and its command matches REGEX.
pid_alive() {
  local pidfile="$1" regex="$2" pid comm
  [[ -f "${pidfile}" ]] || return 1
  pid="$(tr -dc '0-9' <"${pidfile}" 2>/dev/null || true)"
  [[ -n "${pid}" ]] || return 1
  kill -0 "${pid}" 2>/dev/null || return 1
  comm="$(ps -o stat=,comm= -p "${pid}" 2>/dev/null || true)"
  comm="${comm#"${comm%%[![:space:]]*}"}"
  [[ "${comm}" != Z* ]] || return 1 # zombie: already exited, not yet reaped
  comm="${comm#*[[:space:]]}"
  comm="${comm#"${comm%%[![:space:]]*}"}"
  [[ "${comm}" =~ ${regex} ]] || return 1
  printf '%s' "${pid}"
}

# True while PID exists and is not a zombie.
proc_running() {
  local stat
  stat="$(ps -o stat= -p "$1" 2>/dev/null || true)"
  stat="${stat//[[:space:]]/}"
  [[ -n "${stat}" && "${stat}" != Z* ]]
}

MYSQL_COMM_RE='^(mariadbd|mysqld)$'
REDIS_COMM_RE='^redis-server'

# Take the per-checkout lock (fd 9). Children we start must close fd 9 (9>&-).
take_lock() {
  mkdir -p "${RUN_DIR}" "${LOG_DIR}"
  command -v flock >/dev/null 2>&1 || { warn "flock not found; running without a lock"; return 0; }
  exec 9>"${LOCK_FILE}"
  flock -w 600 9 || die "timed out waiting for ${LOCK_FILE} (another up/down still running?)"
}

rel_path() {
  printf '%s' "${1#"${REPO_ROOT}/"}"
}
