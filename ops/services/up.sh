#!/usr/bin/env bash
# Make sure MariaDB and Redis answer for Luodi.
#
# For each of DATABASE_URL / REDIS_URL (env, else <repo>/.env, else the defaults
# mysql://root@127.0.0.1:3306/luodi and redis://127.0.0.1:6379): if a server answers
# there, use it; otherwise start (or reuse) a PRIVATE instance bound to 127.0.0.1 with
# its data under <repo>/.data/ (MariaDB on ${LUODI_PRIVATE_MYSQL_PORT:-3307}, Redis on
# ${LUODI_PRIVATE_REDIS_PORT:-6380}). The URLs in use are written to
# <repo>/.data/services.env. Safe to run repeatedly; see down.sh / status.sh.
set -euo pipefail

# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

WAIT_SECONDS="${LUODI_SERVICES_WAIT_SECONDS:-60}"
APT_UPDATED=0

# ---------------------------------------------------------------- helpers

# Install Debian packages when binaries are missing (root only).
ensure_packages() {
  local pkgs=("$@")
  ((${#pkgs[@]})) || return 0
  if [[ "$(id -u)" != "0" ]]; then
    printf 'services: missing binaries; install them with:\n  sudo apt-get install -y --no-install-recommends %s\n' "${pkgs[*]}" >&2
    exit 1
  fi
  command -v apt-get >/dev/null 2>&1 ||
    die "missing ${pkgs[*]} and apt-get is not available; install them with your package manager"
  printf 'services: installing %s (apt-get) ...\n' "${pkgs[*]}" >&2
  if ((APT_UPDATED == 0)); then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 9>&- || die "apt-get update failed"
    APT_UPDATED=1
  fi
  # A postinst may start the distribution's own service on the default port; that is
  # harmless, our private instance uses its own port, datadir and --no-defaults.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >&2 9>&- ||
    die "apt-get install ${pkgs[*]} failed"
}

find_bin() {
  local b
  for b in "$@"; do
    if command -v "${b}" >/dev/null 2>&1; then
      command -v "${b}"
      return 0
    fi
    # sbin may not be on a non-root PATH
    if [[ -x "/usr/sbin/${b}" ]]; then
      printf '/usr/sbin/%s\n' "${b}"
      return 0
    fi
  done
  return 1
}

log_tail() {
  local file="$1"
  if [[ -f "${file}" ]]; then
    printf -- '--- last lines of %s ---\n' "$(rel_path "${file}")" >&2
    tail -n 25 "${file}" >&2 || true
    printf -- '---\n' >&2
  fi
}

# wait_answer NAME URL PIDFILE COMM_RE LOG [PID]
# Wait until URL answers; fail early if the process died.
wait_answer() {
  local name="$1" url="$2" pidfile="$3" comm_re="$4" log="$5" pid="${6:-}"
  local deadline=$((SECONDS + WAIT_SECONDS)) last=""
  while ((SECONDS < deadline)); do
    if last="$(node "${PROBE}" --timeout 1500 "${url}")"; then
      return 0
    fi
    if [[ -n "${pid}" ]] && ! proc_running "${pid}"; then
      log_tail "${log}"
      die "${name} private instance (pid ${pid}) exited during startup; see $(rel_path "${log}")"
    fi
    if [[ -z "${pid}" ]] && [[ -f "${pidfile}" ]]; then
      pid="$(pid_alive "${pidfile}" "${comm_re}" || true)"
    fi
    sleep 0.5
  done
  log_tail "${log}"
  die "${name} private instance did not answer at $(mask_url "${url}") within ${WAIT_SECONDS}s (${last}); see $(rel_path "${log}")"
}

# ---------------------------------------------------------------- MariaDB

init_mysql_datadir() {
  local install_db="$1"
  if [[ -d "${MYSQL_DATA}/mysql" ]]; then
    return 0
  fi
  if [[ -d "${MYSQL_DATA}" ]] && [[ -n "$(ls -A "${MYSQL_DATA}")" ]]; then
    die "$(rel_path "${MYSQL_DATA}") exists but is not an initialised MariaDB datadir; move it away"
  fi
  local tmp="${DATA_DIR}/mariadb.init.$$"
  local help args=(--no-defaults "--datadir=${tmp}")
  help="$("${install_db}" --help 2>&1 || true)"
  if grep -q -- '--auth-root-authentication-method' <<<"${help}"; then
    args+=(--auth-root-authentication-method=normal)
  fi
  if grep -q -- '--skip-test-db' <<<"${help}"; then
    args+=(--skip-test-db)
  fi
  if [[ "$(id -u)" == "0" ]]; then
    args+=(--user=root)
  fi
  rm -rf "${tmp}"
  printf 'services: initialising MariaDB datadir %s ...\n' "$(rel_path "${MYSQL_DATA}")" >&2
  if ! "${install_db}" "${args[@]}" >>"${MYSQL_LOG}" 2>&1 9>&-; then
    rm -rf "${tmp}"
    log_tail "${MYSQL_LOG}"
    die "mariadb-install-db failed; see $(rel_path "${MYSQL_LOG}")"
  fi
  rmdir "${MYSQL_DATA}" 2>/dev/null || true
  mv "${tmp}" "${MYSQL_DATA}"
}

start_private_mysql() {
  local url="$1" port="${LUODI_PRIVATE_MYSQL_PORT}" rc=0 out mariadbd install_db pid
  local missing=()
  find_bin mariadbd mysqld >/dev/null || missing+=(mariadb-server)
  find_bin mariadb-install-db mysql_install_db >/dev/null || missing+=(mariadb-server)
  ((${#missing[@]})) && ensure_packages mariadb-server
  mariadbd="$(find_bin mariadbd mysqld)" || die "mariadbd not found even after installing mariadb-server"
  install_db="$(find_bin mariadb-install-db mysql_install_db)" || die "mariadb-install-db not found"

  # Something other than our instance on the private port?
  out="$(node "${PROBE}" --timeout 1500 "${url}")" || rc=$?
  if ((rc != 1)); then
    die "port ${port} is already in use by something up.sh did not start (${out}); stop it or set LUODI_PRIVATE_MYSQL_PORT"
  fi
  if ((${#MYSQL_SOCKET} > 100)); then
    die "socket path too long for MariaDB (${#MYSQL_SOCKET} chars): ${MYSQL_SOCKET}; use a shorter checkout path"
  fi

  mkdir -p "${MYSQL_DATA%/*}"
  init_mysql_datadir "${install_db}"

  local args=(
    --no-defaults
    "--datadir=${MYSQL_DATA}"
    "--port=${port}"
    --bind-address=127.0.0.1
    "--socket=${MYSQL_SOCKET}"
    "--pid-file=${MYSQL_PIDFILE}"
    "--log-error=${MYSQL_LOG}"
    --skip-name-resolve
    --character-set-server=utf8mb4
    --default-time-zone=+00:00
    --collation-server=utf8mb4_unicode_ci
    --max-connections=300
  )
  if [[ "$(id -u)" == "0" ]]; then
    args+=(--user=root) # mariadbd refuses to run as root without it
  fi
  rm -f "${MYSQL_PIDFILE}"
  # Detach: own session, no inherited stdio or lock fd (callers may capture our output).
  if command -v setsid >/dev/null 2>&1; then
    setsid "${mariadbd}" "${args[@]}" </dev/null >>"${MYSQL_LOG}" 2>&1 9>&- &
  else
    nohup "${mariadbd}" "${args[@]}" </dev/null >>"${MYSQL_LOG}" 2>&1 9>&- &
  fi
  pid=$!
  disown "${pid}" 2>/dev/null || true
  wait_answer MariaDB "${url}" "${MYSQL_PIDFILE}" "${MYSQL_COMM_RE}" "${MYSQL_LOG}" "${pid}"
  # mariadbd writes its pid file once ready; make sure it is there for down.sh
  local i
  for i in 1 2 3 4 5 6 7 8 9 10; do
    [[ -s "${MYSQL_PIDFILE}" ]] && break
    sleep 0.2
    : "${i}"
  done
  [[ -s "${MYSQL_PIDFILE}" ]] || printf '%s\n' "${pid}" >"${MYSQL_PIDFILE}"
}

ensure_private_database() {
  local url="$1" db client
  db="$(node "${PROBE}" --field "${url}" db)"
  [[ -n "${db}" ]] || return 0
  if [[ ! "${db}" =~ ^[A-Za-z0-9_$-]+$ ]]; then
    warn "not creating database '${db}' (unexpected characters); create it yourself"
    return 0
  fi
  if ! client="$(find_bin mariadb mysql)"; then
    warn "mariadb client not found; cannot create database '${db}' on the private instance"
    return 0
  fi
  "${client}" --no-defaults -uroot "--socket=${MYSQL_SOCKET}" \
    -e "CREATE DATABASE IF NOT EXISTS \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" 9>&- ||
    die "could not create database '${db}' on the private MariaDB"
}

# Sets DB_URL_IN_USE and DB_NOTE.
ensure_mysql() {
  local url="${DATABASE_URL}" out rc=0 priv pid
  [[ "$(node "${PROBE}" --field "${url}" kind 2>/dev/null || true)" == mysql ]] ||
    die "DATABASE_URL is not a usable mysql:// URL: $(mask_url "${url}")"
  priv="$(node "${PROBE}" --private "${url}" "${LUODI_PRIVATE_MYSQL_PORT}")"
  pid="$(pid_alive "${MYSQL_PIDFILE}" "${MYSQL_COMM_RE}" || true)"

  out="$(node "${PROBE}" "${url}")" || rc=$?
  case "${rc}" in
    0)
      DB_URL_IN_USE="${url}"
      if [[ -n "${pid}" && "${url}" == "${priv}" ]]; then
        DB_NOTE="private instance already running, data in $(rel_path "${MYSQL_DATA}")"
        ensure_private_database "${priv}"
      else
        DB_NOTE="already running"
      fi
      return 0
      ;;
    1) ;; # nothing there -> private instance
    2) die "MariaDB at $(mask_url "${url}") answers but refuses us: ${out#* * * }" ;;
    *) die "something at $(mask_url "${url}") is not MariaDB/MySQL: ${out#* * * }" ;;
  esac

  if [[ -n "${pid}" ]]; then
    wait_answer MariaDB "${priv}" "${MYSQL_PIDFILE}" "${MYSQL_COMM_RE}" "${MYSQL_LOG}" "${pid}"
    DB_NOTE="private instance already running, data in $(rel_path "${MYSQL_DATA}")"
  else
    rm -f "${MYSQL_PIDFILE}"
    start_private_mysql "${priv}"
    DB_NOTE="started private instance, data in $(rel_path "${MYSQL_DATA}")"
  fi
  ensure_private_database "${priv}"
  DB_URL_IN_USE="${priv}"
}

# ---------------------------------------------------------------- Redis

start_private_redis() {
  local url="$1" port="${LUODI_PRIVATE_REDIS_PORT}" rc=0 out redis_server
  find_bin redis-server >/dev/null || ensure_packages redis-server
  redis_server="$(find_bin redis-server)" || die "redis-server not found even after installing redis-server"

  out="$(node "${PROBE}" --timeout 1500 "${url}")" || rc=$?
  if ((rc != 1)); then
    die "port ${port} is already in use by something up.sh did not start (${out}); stop it or set LUODI_PRIVATE_REDIS_PORT"
  fi

  mkdir -p "${REDIS_DATA}"
  rm -f "${REDIS_PIDFILE}"
  "${redis_server}" \
    --port "${port}" \
    --bind 127.0.0.1 \
    --dir "${REDIS_DATA}" \
    --appendonly yes \
    --maxmemory-policy noeviction \
    --daemonize yes \
    --pidfile "${REDIS_PIDFILE}" \
    --logfile "${REDIS_LOG}" \
    </dev/null >"${LOG_DIR}/redis-start.log" 2>&1 9>&- ||
    {
      log_tail "${LOG_DIR}/redis-start.log"
      die "redis-server failed to start; see $(rel_path "${LOG_DIR}/redis-start.log")"
    }
  wait_answer Redis "${url}" "${REDIS_PIDFILE}" "${REDIS_COMM_RE}" "${REDIS_LOG}"
}

# Sets REDIS_URL_IN_USE and REDIS_NOTE.
ensure_redis() {
  local url="${REDIS_URL}" out rc=0 priv pid
  [[ "$(node "${PROBE}" --field "${url}" kind 2>/dev/null || true)" == redis ]] ||
    die "REDIS_URL is not a usable redis:// URL: $(mask_url "${url}")"
  priv="$(node "${PROBE}" --private "${url}" "${LUODI_PRIVATE_REDIS_PORT}")"
  pid="$(pid_alive "${REDIS_PIDFILE}" "${REDIS_COMM_RE}" || true)"

  out="$(node "${PROBE}" "${url}")" || rc=$?
  case "${rc}" in
    0)
      REDIS_URL_IN_USE="${url}"
      if [[ -n "${pid}" && "${url}" == "${priv}" ]]; then
        REDIS_NOTE="private instance already running, data in $(rel_path "${REDIS_DATA}")"
      else
        REDIS_NOTE="already running"
      fi
      if [[ "${out}" == auth-required* ]]; then
        REDIS_NOTE="${REDIS_NOTE}; WARNING: it requires a password but REDIS_URL has none (use redis://:PASSWORD@host:port)"
      fi
      return 0
      ;;
    1) ;;
    2) die "Redis at $(mask_url "${url}") answers but refuses us: ${out#* * * }" ;;
    *) die "something at $(mask_url "${url}") is not Redis: ${out#* * * }" ;;
  esac

  if [[ -n "${pid}" ]]; then
    wait_answer Redis "${priv}" "${REDIS_PIDFILE}" "${REDIS_COMM_RE}" "${REDIS_LOG}" "${pid}"
    REDIS_NOTE="private instance already running, data in $(rel_path "${REDIS_DATA}")"
  else
    start_private_redis "${priv}"
    REDIS_NOTE="started private instance, data in $(rel_path "${REDIS_DATA}")"
  fi
  REDIS_URL_IN_USE="${priv}"
}

# ---------------------------------------------------------------- main

require_node
load_settings
take_lock

DB_URL_IN_USE="" DB_NOTE="" REDIS_URL_IN_USE="" REDIS_NOTE=""
ensure_mysql
ensure_redis

tmp_env="${SERVICES_ENV}.tmp.$$"
(
  umask 077
  printf 'DATABASE_URL=%s\nREDIS_URL=%s\n' "${DB_URL_IN_USE}" "${REDIS_URL_IN_USE}" >"${tmp_env}"
)
mv -f "${tmp_env}" "${SERVICES_ENV}"

printf 'MariaDB: using %s (%s)\n' "$(mask_url "${DB_URL_IN_USE}")" "${DB_NOTE}"
printf 'Redis: using %s (%s)\n' "$(mask_url "${REDIS_URL_IN_USE}")" "${REDIS_NOTE}"
