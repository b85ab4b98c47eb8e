#!/usr/bin/env bash
# Show which MariaDB/Redis Luodi would use and whether they answer, plus the state of
# the private instances managed by up.sh/down.sh. Exit 0 when both configured services
# answer, 1 otherwise.
set -euo pipefail

# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

require_node

source_label="environment / .env / defaults"
if [[ -f "${SERVICES_ENV}" ]]; then
  # URLs written by the last up.sh win: that is what the app is told to use.
  DATABASE_URL="$(grep -E '^DATABASE_URL=' "${SERVICES_ENV}" | tail -n 1 | cut -d= -f2- || true)"
  REDIS_URL="$(grep -E '^REDIS_URL=' "${SERVICES_ENV}" | tail -n 1 | cut -d= -f2- || true)"
  source_label="$(rel_path "${SERVICES_ENV}")"
fi
load_settings

rc=0
printf 'Configured (%s):\n' "${source_label}"
for pair in "MariaDB|${DATABASE_URL}" "Redis|${REDIS_URL}"; do
  name="${pair%%|*}"
  url="${pair#*|}"
  if out="$(node "${PROBE}" "${url}")"; then
    printf '  %-8s %s  answers (%s)\n' "${name}" "$(mask_url "${url}")" "${out#* * * }"
  else
    rc=1
    printf '  %-8s %s  NOT answering (%s)\n' "${name}" "$(mask_url "${url}")" "${out}"
  fi
done

printf 'Private instances (managed by ops/services/up.sh):\n'
if pid="$(pid_alive "${MYSQL_PIDFILE}" "${MYSQL_COMM_RE}")"; then
  printf '  MariaDB  running, pid %s, 127.0.0.1:%s, data in %s\n' "${pid}" "${LUODI_PRIVATE_MYSQL_PORT}" "$(rel_path "${MYSQL_DATA}")"
else
  printf '  MariaDB  not running%s\n' "$([[ -d "${MYSQL_DATA}/mysql" ]] && printf ' (data kept in %s)' "$(rel_path "${MYSQL_DATA}")")"
fi
if pid="$(pid_alive "${REDIS_PIDFILE}" "${REDIS_COMM_RE}")"; then
  printf '  Redis    running, pid %s, 127.0.0.1:%s, data in %s\n' "${pid}" "${LUODI_PRIVATE_REDIS_PORT}" "$(rel_path "${REDIS_DATA}")"
else
  printf '  Redis    not running%s\n' "$([[ -d "${REDIS_DATA}" ]] && printf ' (data kept in %s)' "$(rel_path "${REDIS_DATA}")")"
fi
exit "${rc}"
