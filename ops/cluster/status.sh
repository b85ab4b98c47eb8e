#!/usr/bin/env bash
# Show the private cluster: each Galera node's state and cluster size, the Redis roles and who the
# Sentinels say is primary. Exit 0 when 3 nodes are Synced and the Sentinels name a primary.
set -uo pipefail
# shellcheck source=ops/cluster/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ok=0
for i in 1 2 3; do
  port="${DB_PORTS[$((i - 1))]}"
  out="$(sql "${i}" "SELECT GROUP_CONCAT(VARIABLE_VALUE ORDER BY VARIABLE_NAME SEPARATOR ' ') FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ('wsrep_cluster_size','wsrep_local_state_comment')")"
  if [[ -n "${out}" ]]; then
    printf 'galera node%s 127.0.0.1:%s  cluster size %s, %s\n' "${i}" "${port}" "${out%% *}" "${out#* }"
    [[ "${out}" == "3 Synced" ]] || ok=1
  else
    printf 'galera node%s 127.0.0.1:%s  down\n' "${i}" "${port}"
    ok=1
  fi
done
for port in "${REDIS_PRIMARY_PORT}" "${REDIS_REPLICA_PORT}"; do
  role="$(rcli "${port}" role | head -n 1)"
  printf 'redis 127.0.0.1:%s  %s\n' "${port}" "${role:-down}"
done
primary=''
for port in "${SENTINEL_PORTS[@]}"; do
  answer="$(rcli "${port}" sentinel get-master-addr-by-name "${SENTINEL_NAME}" | tr '\n' ':')"
  printf 'sentinel 127.0.0.1:%s  primary %s\n' "${port}" "${answer%:}"
  [[ -n "${answer}" ]] && primary="${answer%:}"
done
[[ -n "${primary}" ]] || ok=1
exit "${ok}"
