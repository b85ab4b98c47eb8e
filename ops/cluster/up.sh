#!/usr/bin/env bash
# Start the private cluster (idempotent): three MariaDB Galera nodes (SQL 3407-3409, Galera 4567/4577/4587)
# and a Redis primary (6391) + replica (6392) watched by three Sentinels (26391-26393), data under
# .data/cluster/. Installs Debian's galera-4 / redis-sentinel when missing. Writes .data/cluster/cluster.env
# with DATABASE_URL, DATABASE_HOSTS, REDIS_URL, REDIS_SENTINELS and REDIS_SENTINEL_NAME for the app.
# Nodes that are not running are started; the first node bootstraps a new cluster (--wsrep-new-cluster)
# only when no node runs.
set -euo pipefail
# shellcheck source=ops/cluster/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PROVIDER=/usr/lib/galera/libgalera_smm.so

install_missing() {
  local pkgs=()
  [[ -f "${PROVIDER}" ]] || pkgs+=(galera-4)
  command -v redis-sentinel >/dev/null 2>&1 || pkgs+=(redis-sentinel)
  command -v mariadbd >/dev/null 2>&1 || pkgs+=(mariadb-server)
  command -v rsync >/dev/null 2>&1 || pkgs+=(rsync) # Galera's state transfer (SST) to a joining node
  ((${#pkgs[@]} == 0)) && return 0
  [[ "$(id -u)" == 0 ]] || die "missing ${pkgs[*]}; install them with: sudo apt-get install -y ${pkgs[*]}"
  say "installing ${pkgs[*]} (apt-get)"
  apt-get update -qq >&2 || die "apt-get update failed"
  # policy-rc.d (or no init system) keeps Debian's own services from starting; ours use other ports.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >&2 ||
    die "could not install ${pkgs[*]}"
  [[ -f "${PROVIDER}" ]] || die "galera-4 installed but ${PROVIDER} is missing"
}

start_node() {
  local i="$1" bootstrap="$2" dir pid
  dir="$(node_dir "${i}")"
  if pid="$(alive_pid "${dir}/mariadbd.pid")"; then
    return 0
  fi
  mkdir -p "${dir}"
  if [[ "${bootstrap}" == no && ! -d "${dir}/data/mysql" ]]; then
    # A joining node gets everything from a donor (rsync SST). Debian's SST script runs rsync's daemon
    # without a uid, so as root it writes as "nobody": the empty data folder must belong to it.
    mkdir -p "${dir}/data"
    chown nobody:nogroup "${dir}/data"
  elif [[ ! -d "${dir}/data/mysql" ]]; then
    mariadb-install-db --no-defaults "--datadir=${dir}/data" --auth-root-authentication-method=normal \
      --skip-test-db --user=root >"${dir}/install.log" 2>&1 || die "mariadb-install-db failed (${dir}/install.log)"
  fi
  local idx=$((i - 1)) args
  args=(
    --no-defaults "--datadir=${dir}/data" "--port=${DB_PORTS[idx]}" --bind-address=127.0.0.1
    "--socket=${dir}/mariadbd.sock" "--pid-file=${dir}/mariadbd.pid" "--log-error=${dir}/mariadbd.log"
    --user=root --skip-name-resolve --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci
    --default-time-zone=+00:00 --max-connections=300 --innodb-buffer-pool-size=64M
    --innodb-log-file-size=48M --performance-schema=OFF
    # What Galera requires: row-based replication, InnoDB, interleaved auto-increment locks.
    --binlog-format=ROW --default-storage-engine=InnoDB --innodb-autoinc-lock-mode=2
    --wsrep-on=ON "--wsrep-provider=${PROVIDER}" "--wsrep-cluster-name=${CLUSTER_NAME}"
    "--wsrep-cluster-address=$(gcomm_address)" "--wsrep-node-name=node${i}"
    "--wsrep-node-address=127.0.0.1:${GCOMM_PORTS[idx]}"
    "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${GCOMM_PORTS[idx]};ist.recv_addr=127.0.0.1:${IST_PORTS[idx]};gcache.size=64M;evs.keepalive_period=PT1S;evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.inactive_check_period=PT1S"
    --wsrep-sst-method=rsync "--wsrep-sst-receive-address=127.0.0.1:${SST_PORTS[idx]}"
  )
  if [[ "${bootstrap}" == yes ]]; then
    # galera_new_cluster semantics: this node forms a new primary component alone.
    [[ -f "${dir}/data/grastate.dat" ]] &&
      sed -i 's/^safe_to_bootstrap:.*/safe_to_bootstrap: 1/' "${dir}/data/grastate.dat"
    args+=(--wsrep-new-cluster)
  fi
  local note=''
  [[ "${bootstrap}" == yes ]] && note=' (new cluster)'
  say "starting Galera node ${i} on port ${DB_PORTS[idx]}${note}"
  setsid mariadbd "${args[@]}" </dev/null >>"${dir}/mariadbd.log" 2>&1 &
  wait_synced "${i}" 120 "$!"
}

wait_synced() {
  local i="$1" seconds="$2" pid="$3" state deadline=$((SECONDS + $2)) dir
  dir="$(node_dir "${i}")"
  while ((SECONDS < deadline)); do
    if ! kill -0 "${pid}" 2>/dev/null; then
      tail -n 30 "${dir}/mariadbd.log" >&2 || true
      die "Galera node ${i} exited while starting (${dir}/mariadbd.log)"
    fi
    state="$(sql "${i}" "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME='wsrep_local_state_comment'" || true)"
    [[ "${state}" == Synced ]] && return 0
    sleep 0.5
  done
  tail -n 30 "${dir}/mariadbd.log" >&2 || true
  die "Galera node ${i} not Synced within ${seconds} s (last state: ${state:-no answer})"
}

start_redis() {
  local name="$1" port="$2" extra=("${@:3}") dir
  dir="${DATA}/${name}"
  alive_pid "${dir}/redis.pid" >/dev/null && return 0
  mkdir -p "${dir}"
  say "starting Redis ${name} on port ${port}"
  setsid redis-server --port "${port}" --bind 127.0.0.1 --dir "${dir}" --pidfile "${dir}/redis.pid" \
    --logfile "${dir}/redis.log" --save '' --appendonly no "${extra[@]}" </dev/null >/dev/null 2>&1 &
  local deadline=$((SECONDS + 20))
  until [[ "$(rcli "${port}" ping)" == PONG ]]; do
    ((SECONDS < deadline)) || die "Redis ${name} did not answer on ${port} (${dir}/redis.log)"
    sleep 0.2
  done
}

# The current primary as the sentinels see it (after a failover it is the former replica).
sentinel_primary() {
  local port out
  for port in "${SENTINEL_PORTS[@]}"; do
    out="$(rcli "${port}" sentinel get-master-addr-by-name "${SENTINEL_NAME}" | tr '\n' ' ')" || continue
    [[ -n "${out}" ]] && { printf '%s' "${out}"; return 0; }
  done
  return 1
}

start_sentinel() {
  local i="$1" port="${SENTINEL_PORTS[$(($1 - 1))]}" dir primary
  dir="${DATA}/sentinel${i}"
  alive_pid "${dir}/sentinel.pid" >/dev/null && return 0
  mkdir -p "${dir}"
  if [[ ! -f "${dir}/sentinel.conf" ]]; then
    # The sentinel rewrites this file with what it learns (the replica, the other sentinels, failovers).
    cat >"${dir}/sentinel.conf" <<CONF
port ${port}
bind 127.0.0.1
dir ${dir}
pidfile ${dir}/sentinel.pid
logfile ${dir}/sentinel.log
sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${REDIS_PRIMARY_PORT} 2
sentinel down-after-milliseconds ${SENTINEL_NAME} 2000
sentinel failover-timeout ${SENTINEL_NAME} 10000
sentinel parallel-syncs ${SENTINEL_NAME} 1
CONF
  fi
  say "starting Sentinel ${i} on port ${port}"
  setsid redis-sentinel "${dir}/sentinel.conf" </dev/null >/dev/null 2>&1 &
  local deadline=$((SECONDS + 20))
  until [[ "$(rcli "${port}" ping)" == PONG ]]; do
    ((SECONDS < deadline)) || die "Sentinel ${i} did not answer on ${port} (${dir}/sentinel.log)"
    sleep 0.2
  done
}

main() {
  install_missing
  mkdir -p "${DATA}"
  exec 9>"${DATA}/up.lock"
  flock -w 300 9 || die "another ops/cluster/up.sh is running"
  local i any=no
  for i in 1 2 3; do
    alive_pid "$(node_dir "${i}")/mariadbd.pid" >/dev/null && any=yes
  done
  for i in 1 2 3; do
    if [[ "${any}" == no && "${i}" == 1 ]]; then
      start_node 1 yes 9>&-
    else
      start_node "${i}" no 9>&-
    fi
  done
  # Redis: start the primary and the replica only on a fresh set-up; after a failover the sentinels
  # know who is primary, and a restarted node comes back as the replica of the current primary.
  local primary primary_port
  if primary="$(sentinel_primary)"; then
    primary_port="${primary#* }"
    primary_port="${primary_port%% *}"
    for port_name in "redis1:${REDIS_PRIMARY_PORT}" "redis2:${REDIS_REPLICA_PORT}"; do
      if [[ "${port_name#*:}" == "${primary_port}" ]]; then
        start_redis "${port_name%%:*}" "${port_name#*:}" 9>&-
      else
        start_redis "${port_name%%:*}" "${port_name#*:}" --replicaof 127.0.0.1 "${primary_port}" 9>&-
      fi
    done
  else
    start_redis redis1 "${REDIS_PRIMARY_PORT}" 9>&-
    start_redis redis2 "${REDIS_REPLICA_PORT}" --replicaof 127.0.0.1 "${REDIS_PRIMARY_PORT}" 9>&-
  fi
  for i in 1 2 3; do start_sentinel "${i}" 9>&-; done
  local hosts=() sentinels=() port
  for port in "${DB_PORTS[@]}"; do hosts+=("127.0.0.1:${port}"); done
  for port in "${SENTINEL_PORTS[@]}"; do sentinels+=("127.0.0.1:${port}"); done
  {
    local IFS=,
    printf 'DATABASE_URL=mysql://root@127.0.0.1:%s/luodi\n' "${DB_PORTS[0]}"
    printf 'DATABASE_HOSTS=%s\n' "${hosts[*]}"
    printf 'REDIS_URL=redis://127.0.0.1:%s\n' "${REDIS_PRIMARY_PORT}"
    printf 'REDIS_SENTINELS=%s\n' "${sentinels[*]}"
    printf 'REDIS_SENTINEL_NAME=%s\n' "${SENTINEL_NAME}"
  } >"${CLUSTER_ENV}"
  say "up: Galera $(sql 1 "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME='wsrep_cluster_size'" || echo '?') nodes; settings in ${CLUSTER_ENV#"${REPO_ROOT}/"}"
}

main "$@"
