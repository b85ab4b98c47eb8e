#!/usr/bin/env node
// npm test: every suite, in order, and one closing line "N passed, N failed" summed over all of them.
//   setup   : npm packages (when missing), MariaDB + Redis (ops/services), chromium & co (ensure-test-tools)
//   checks  : format, lint (incl. Nx module boundaries), type check, build — each counts as one test
//   vitest  : unit, web, integration (real MariaDB + Redis), e2e (HTTP + headless Chromium)
// Uses only Node built-ins, so it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(root);
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  FORCE_COLOR: process.env.CI ? '0' : '1',
};
const artifacts = join(root, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function run(title, command, args, { counts = true, allowFail = false } = {}) {
  process.stdout.write(`\n▶ ${title}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  const ok = result.status === 0;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`${ok ? '✔' : '✘'} ${title} (${seconds}s)\n`);
  if (counts) {
    if (ok) passed += 1;
    else {
      failed += 1;
      failures.push(title);
    }
  } else if (!ok && !allowFail) {
    failed += 1;
    failures.push(title);
  }
  return ok;
}

function finish() {
  process.stdout.write('\n');
  if (failures.length) process.stdout.write(`failed: ${failures.join('; ')}\n`);
  process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  process.exit(failed > 0 ? 1 : 0);
}

// --- setup -------------------------------------------------------------------------------------------
const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs)) {
  if (!run('install npm packages', 'npm', ['ci', '--no-audit', '--no-fund'], { counts: false })) finish();
}
if (!run('MariaDB and Redis (ops/services/up.sh)', 'bash', ['ops/services/up.sh'], { counts: false }))
  finish();
for (const line of readFileSync(join(root, '.data', 'services.env'), 'utf8').split('\n')) {
  const match = /^(DATABASE_URL|REDIS_URL)=(.*)$/.exec(line.trim());
  if (match) env[`LUODI_TEST_${match[1]}`] = match[2];
}
if (
  !run('test tools: chromium, fonts, redis-server', 'bash', ['ops/test/ensure-test-tools.sh'], {
    counts: false,
  })
)
  finish();

// --- static checks -----------------------------------------------------------------------------------
run('check: format (prettier)', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
run('check: lint (eslint + Nx module boundaries)', 'npm', ['run', '--silent', 'lint']);
run('check: types (tsc / vue-tsc)', 'npx', [
  'nx',
  'run-many',
  '-t',
  'typecheck',
  '--parallel=2',
  '--output-style=static',
]);
const built = run('check: build api, worker, web', 'npx', [
  'nx',
  'run-many',
  '-t',
  'build',
  '--parallel=2',
  '--output-style=static',
]);

// --- vitest suites -----------------------------------------------------------------------------------
const projects = built ? ['unit', 'web', 'integration', 'e2e'] : ['unit', 'web'];
if (!built)
  process.stdout.write('build failed: integration and e2e suites need the build and are counted as failed\n');
if (!built) {
  failed += 1;
  failures.push('integration and e2e (not run: build failed)');
}
const report = join(artifacts, 'vitest-results.json');
rmSync(report, { force: true });
process.stdout.write(`\n▶ vitest: ${projects.join(', ')}\n`);
const vitest = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    ...projects.flatMap((project) => ['--project', project]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ],
  { stdio: 'inherit', env },
);
if (!existsSync(report)) {
  failed += 1;
  failures.push('vitest produced no report');
} else {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  skipped += results.numPendingTests + results.numTodoTests;
  // A file that failed to load has no test results of its own: count it as a failure.
  for (const file of results.testResults) {
    if (file.status === 'failed' && file.assertionResults.length === 0) {
      failed += 1;
      failures.push(`${file.name.replace(`${root}/`, '')} (failed to load)`);
    }
    for (const test of file.assertionResults) {
      if (test.status === 'failed') failures.push(`${file.name.replace(`${root}/`, '')} › ${test.title}`);
    }
  }
}
// Vitest failing for a reason no test explains (an unhandled error, a crash after the report):
// count it, so a broken run never reads as green.
if (vitest.status !== 0 && failures.length === 0) {
  failed += 1;
  failures.push(`vitest exited with ${vitest.status ?? vitest.signal} (see its output above)`);
}
finish();
