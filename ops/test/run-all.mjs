#!/usr/bin/env node
// npm test: every suite, in order, and one closing line "N passed, N failed" summed over all of them.
//   setup   : npm packages (when missing), MariaDB + Redis (ops/services), chromium & co (ensure-test-tools)
//   checks  : format, lint (incl. Nx module boundaries), type check, build — each counts as one test
//   vitest  : unit, web, integration (real MariaDB + Redis), e2e (HTTP + headless Chromium)
//   again   : with LUODI_SECOND_RUNTIME=<major> (.ci/run sets 24), unit and integration once more on that
//             Node major from the npm registry (npx -y node@<major>); its counts join the closing line
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
  !run(
    'test tools: chromium, fonts, redis-server, mariadb-client',
    'bash',
    ['ops/test/ensure-test-tools.sh'],
    {
      counts: false,
    },
  )
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
/**
 * One vitest pass: run the projects with `command args…`, add the JSON report's counts to the totals.
 * `label` prefixes the failures of a pass on another runtime.
 */
function vitestPass({ title, command, args, projects: passProjects, reportName, label = '' }) {
  const report = join(artifacts, reportName);
  rmSync(report, { force: true });
  process.stdout.write(`\n▶ ${title}\n`);
  const failuresBefore = failures.length;
  const vitest = spawnSync(
    command,
    [
      ...args,
      'run',
      ...passProjects.flatMap((project) => ['--project', project]),
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    { stdio: 'inherit', env },
  );
  if (!existsSync(report)) {
    failed += 1;
    failures.push(`${label}vitest produced no report`);
  } else {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    passed += results.numPassedTests;
    failed += results.numFailedTests;
    skipped += results.numPendingTests + results.numTodoTests;
    // A file that failed to load has no test results of its own: count it as a failure.
    for (const file of results.testResults) {
      const name = file.name.replace(`${root}/`, '');
      if (file.status === 'failed' && file.assertionResults.length === 0) {
        failed += 1;
        failures.push(`${label}${name} (failed to load)`);
      }
      for (const test of file.assertionResults) {
        if (test.status === 'failed') failures.push(`${label}${name} › ${test.title}`);
      }
    }
  }
  // Vitest failing for a reason no test explains (an unhandled error, a crash after the report):
  // count it, so a broken run never reads as green.
  if (vitest.status !== 0 && failures.length === failuresBefore) {
    failed += 1;
    failures.push(`${label}vitest exited with ${vitest.status ?? vitest.signal} (see its output above)`);
  }
}

vitestPass({
  title: `vitest: ${projects.join(', ')} (node ${process.versions.node})`,
  command: 'npx',
  args: ['vitest'],
  projects,
  reportName: 'vitest-results.json',
});

// --- second runtime ----------------------------------------------------------------------------------
// LUODI_SECOND_RUNTIME=24 (set by .ci/run): the unit and integration suites once more on that Node
// major, taken from the npm registry's `node` package. Vitest's workers and the api/worker processes the
// integration tests spawn (process.execPath) then all run on it.
const second = (process.env.LUODI_SECOND_RUNTIME ?? '').trim();
if (second) {
  const major = process.versions.node.split('.')[0];
  if (!/^\d+$/.test(second)) {
    failed += 1;
    failures.push(`LUODI_SECOND_RUNTIME must be a Node major version such as 24, not "${second}"`);
  } else if (second === major) {
    process.stdout.write(`\nsecond runtime: already on node ${major}, the pass above ran on it\n`);
  } else {
    const node = ['-y', `node@${second}`];
    if (
      run(`node ${second} from the npm registry (npx -y node@${second})`, 'npx', [...node, '--version'], {
        counts: false,
      })
    ) {
      const secondProjects = built ? ['unit', 'integration'] : ['unit'];
      vitestPass({
        title: `vitest: ${secondProjects.join(', ')} again on node ${second}`,
        command: 'npx',
        args: [...node, join('node_modules', 'vitest', 'vitest.mjs')],
        projects: secondProjects,
        reportName: `vitest-results-node${second}.json`,
        label: `[node ${second}] `,
      });
    }
  }
}
finish();
