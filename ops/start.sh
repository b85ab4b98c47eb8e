#!/usr/bin/env bash
# npm start: everything a fresh clone needs, then serve api + worker + web on one port.
#   1. install npm packages when missing or out of date
#   2. MariaDB + Redis: use the ones at DATABASE_URL/REDIS_URL, or start private ones (ops/services)
#   3. build (Nx caches: a second start rebuilds only what changed)
#   4. apply migrations; load the demo district when the database is empty
#   5. run the API (which serves the web app) and the worker until Ctrl-C
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${REPO_ROOT}"
say() { printf '\033[1m[luodi]\033[0m %s\n' "$*"; }

# The range of package.json "engines": ^20.19.0 || ^22.13.0 || >=24.11.0 (Node 24 LTS in production).
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>24||(a===24&&b>=11)||(a===22&&b>=13)||(a===20&&b>=19)?0:1)' ||
  { say "Node.js 24 LTS is required (20.19+ and 22.13+ still work; found $(node --version))"; exit 1; }

# 1. packages
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing npm packages (npm ci) ..."
  npm ci --no-audit --no-fund
fi

# 2. services
bash ops/services/up.sh
set -a
# shellcheck source=/dev/null
source .data/services.env
set +a
export NODE_ENV="${NODE_ENV:-production}" PORT="${PORT:-3000}" LOG_FORMAT="${LOG_FORMAT:-pretty}"

# Secrets are never in the repo: a signing key is generated once into .data/secrets.env (git-ignored,
# mode 600) unless the environment provides JWT_SECRET.
if [[ -z "${JWT_SECRET:-}" ]]; then
  if [[ ! -f .data/secrets.env ]]; then
    (umask 077 && printf 'JWT_SECRET=%s\n' "$(node -e 'process.stdout.write(require("crypto").randomBytes(48).toString("base64url"))')" > .data/secrets.env)
  fi
  set -a
  # shellcheck source=/dev/null
  source .data/secrets.env
  set +a
fi
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

# 3. build
say "building api, worker and web ..."
npx nx run-many -t build --parallel=2 --output-style=stream-without-prefixes > .data/log/build.log 2>&1 ||
  { tail -40 .data/log/build.log; say "build failed (full log: .data/log/build.log)"; exit 1; }

# 4. schema, then the demo district on an empty database (never twice)
node dist/apps/api/apps/api/src/cli.js migrate
node dist/apps/api/apps/api/src/cli.js demo:load .data/demo-credentials.txt

# 5. serve
pids=()
stop_all() {
  trap - INT TERM
  say "stopping ..."
  for pid in "${pids[@]}"; do kill -TERM "${pid}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  say "stopped (MariaDB/Redis keep running; 'npm run services:down' stops private ones)"
}
trap 'stop_all; exit 0' INT TERM

node dist/apps/api/apps/api/src/main.js &
pids+=($!)
node dist/apps/worker/apps/worker/src/main.js &
pids+=($!)

url="http://localhost:${PORT}"
healthy=0
for _ in $(seq 1 120); do
  if curl -fsS "${url}/api/health" > /dev/null 2>&1; then healthy=1; break; fi
  for pid in "${pids[@]}"; do
    kill -0 "${pid}" 2>/dev/null || { say "a process exited during start-up"; stop_all; exit 1; }
  done
  sleep 0.5
done
if ((healthy == 0)); then
  say "the API did not report healthy within 60 s (${url}/api/health)"
  stop_all
  exit 1
fi

cat <<INFO

  Luodi is running:   ${url}
  API documentation:  ${url}/api/docs
  Health:             ${url}/api/health
  Database:           $(node ops/services/probe.mjs --mask "${DATABASE_URL}")
  Redis:              $(node ops/services/probe.mjs --mask "${REDIS_URL}")

INFO
if [[ -n "${DEMO_PASSWORD:-}" ]]; then
  echo "  Demo logins (admin, bureau, leader, dept): password from DEMO_PASSWORD"
elif [[ -f .data/demo-credentials.txt ]]; then
  echo "  Demo logins (username / role / password):"
  while IFS=$'\t' read -r user role password; do
    printf '    %-8s %-11s %s\n' "${user}" "${role}" "${password}"
  done < .data/demo-credentials.txt
else
  echo "  Demo logins: the demo was loaded earlier with DEMO_PASSWORD or on another machine"
fi
printf '\n  Press Ctrl-C to stop.\n\n'

# If either process dies, stop the other and fail.
set +e
wait -n "${pids[@]}"
code=$?
set -e
say "a process exited (code ${code})"
stop_all
exit "${code}"
