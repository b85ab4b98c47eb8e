#!/usr/bin/env bash
# Tools the test suites need on the machine: Debian's chromium (browser e2e; Playwright's own browser
# downloads do not work here), CJK fonts for readable screenshots, and redis-server (fault tests start
# throwaway Redis instances of their own) and the MariaDB clients (the backup-and-restore test runs
# npm run backup / restore: mariadb-dump and mariadb). Installed from Debian packages when missing (root only).
set -euo pipefail

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v redis-server > /dev/null 2>&1 || [[ -x /usr/bin/redis-server ]] || missing+=(redis-server)
if ! { command -v mariadb-dump || command -v mysqldump; } > /dev/null 2>&1 ||
  ! { command -v mariadb || command -v mysql; } > /dev/null 2>&1; then
  missing+=(mariadb-client)
fi
if command -v fc-list > /dev/null 2>&1; then
  [[ -n "$(fc-list :lang=zh 2>/dev/null | head -1)" ]] || missing+=(fonts-wqy-microhei)
else
  missing+=(fonts-wqy-microhei)
fi

if ((${#missing[@]} == 0)); then
  exit 0
fi
if [[ "$(id -u)" != "0" ]]; then
  echo "tests need: ${missing[*]}. Install them with:" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "installing ${missing[*]} (apt-get) ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
