#!/usr/bin/env node
// Bench of the stall checks and the outbox delivery (issues 6 and 18), on a database of its own:
//   `--milestones` milestones (default 250 000) of which `--due` (default 1% of them) are made due at
//   once; measured: a check with nothing due (p50/p99 over repeated runs, next to the bare SQL of the
//   due query as the baseline of the same run), a check with all the due ones due — their clocks
//   recomputed and their alerts raised with their outbox rows, set-based in chunks — next to the bare
//   SQL of the due query reading all of them (same run), and the in-app deliveries per second of the
//   relay + a worker (skip with --skip-delivery; ops/bench/delivery measures them end to end).
// Run: node ops/bench/checks/bench.mjs [--milestones 250000] [--due 2500 | --due-share 0.01] [--runs 20]
//        [--skip-delivery] [--label L] [--keep | --reuse <database>] [--chunk <CHECKS_CHUNK_SIZE>]
//        [--cpu-prof <folder>]
//   Tier L of issue 18 (2.5 M milestones, 25 000 due): --milestones 2500000 --due 25000 --skip-delivery --label L
// Uses the built api and worker (npm run build) and the services of ops/services (DATABASE_URL and
// REDIS_URL, else .data/services.env, else the defaults; helpers in ops/bench/lib).
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { loadavg } from 'node:os';
import {
  API_MAIN,
  benchEnv,
  cli as runCli,
  databaseUrl,
  freePort,
  log,
  machineInfo,
  percentile,
  requireFromRoot,
  runMain,
  serviceUrls,
  sleep,
  WORKER_MAIN,
  writeResult,
} from '../lib/common.mjs';

const mysql = requireFromRoot('mysql2/promise');

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce(
      (pairs, value, index, all) =>
        value.startsWith('--') ? [...pairs, [value.slice(2), all[index + 1]]] : pairs,
      [],
    ),
);
const MILESTONES = Number(args.milestones ?? 250_000);
const DUE = args.due ? Number(args.due) : Math.round(MILESTONES * Number(args['due-share'] ?? 0.01));
const SKIP_DELIVERY = 'skip-delivery' in args;
const LABEL = args.label ? `-${args.label}` : '';
const RUNS = Number(args.runs ?? 20);
const ITEMS = 9;
const PROJECTS = Math.ceil(MILESTONES / ITEMS);

const services = serviceUrls();
// --reuse <database>: a database a previous run kept (--keep): its alerts are removed and its due
// milestones set back to not due, so the data (minutes at 2.5 M milestones) is made once. A kept
// database without milestones (a run that stopped while generating) is generated again.
const REUSE = args.reuse && args.reuse !== 'undefined' ? args.reuse : null;
const KEEP = 'keep' in args;
if (REUSE && !/^luodi_bench_checks_[a-z0-9]+$/.test(REUSE))
  throw new Error('--reuse takes a luodi_bench_checks_… database');
const database = REUSE ?? `luodi_bench_checks_${Date.now().toString(36)}`;
const url = new URL(databaseUrl(services.databaseUrl, database));
const env = {
  PATH: process.env.PATH,
  ...benchEnv({
    databaseUrl: url.toString(),
    redisUrl: services.redisUrl,
    queuePrefix: `bench${Date.now().toString(36)}`,
  }),
  DEMO_PASSWORD: 'bench only Demo Passphrase',
  // The bench triggers checks itself; the worker only relays and delivers.
  CHECKS_INTERVAL_MS: '3600000',
  CLOCK_INTERVAL_MS: '3600000',
  RELAY_INTERVAL_MS: '200',
  WORKER_CONCURRENCY: '8',
  // --chunk <n>: CHECKS_CHUNK_SIZE of the API (default: the configuration's default).
  ...(args.chunk ? { CHECKS_CHUNK_SIZE: String(Number(args.chunk)) } : {}),
  // A check with tens of thousands due answers after many seconds: keep its connection open.
  CONNECTION_TIMEOUT_MS: '3600000',
  REQUEST_TIMEOUT_MS: '3600000',
};

const cli = (command) => runCli(command, env);

/** The projects and milestones of the bench, and the due ones in the temporary table due_ids. */
async function generate(db) {
  // Start from the demo's departments and catalog only (meetings first: their decisions hold the
  // demo's problems, which the projects' deletion removes).
  await db.query(
    'DELETE FROM meeting; DELETE FROM milestone_event; DELETE FROM milestone; DELETE FROM key_work_report; DELETE FROM key_work; DELETE FROM fund_arrival; DELETE FROM project_stage_event; DELETE FROM project;',
  );
  const [departments] = await db.query('SELECT id FROM department ORDER BY id');
  const [items] = await db.query(
    'SELECT code, department_id AS departmentId FROM approval_item ORDER BY sort_order LIMIT ?',
    [ITEMS],
  );
  // Projects: started last year (no project stalls), spread over the departments.
  await db.query(
    `INSERT INTO project (code, name, investor, investor_origin, industry, source, contract_amount, funds_arrived, lead_department_id,
                          stage, talks_started_at, signed_at, registered_at, started_at)
     SELECT CONCAT('B-', seq), CONCAT('基准项目', seq), '基准投资方', 'domestic', '先进制造', '沪洽会', 5000, 0,
            ? + (seq % ?), 'started', '2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01'
       FROM seq_1_to_${PROJECTS}`,
    [departments[0].id, departments.length],
  );
  // Milestones: accepted, green, next change far ahead.
  let made = 0;
  for (const item of items) {
    const count = Math.min(PROJECTS, MILESTONES - made);
    if (count <= 0) break;
    await db.query(
      `INSERT INTO milestone (project_id, item_code, department_id, state, submitted_at, accepted_on, deadline, light, next_change_at)
       SELECT p.id, ?, ?, 'accepted', NOW(3), CURDATE(), DATE_ADD(CURDATE(), INTERVAL 60 DAY), 'green', DATE_ADD(NOW(3), INTERVAL 30 DAY)
         FROM project p WHERE p.code LIKE 'B-%' ORDER BY p.id LIMIT ${count}`,
      [item.code, item.departmentId],
    );
    made += count;
    log(`  milestones: ${made} (${item.code})`);
  }
  // The due ones: accepted long ago (their deadline has passed), with their events.
  await db.query(`CREATE TEMPORARY TABLE due_ids AS SELECT id FROM milestone ORDER BY RAND(42) LIMIT ${DUE}`);
  await db.query(
    `INSERT INTO milestone_event (milestone_id, type, at, recorded_at) SELECT id, 'submit', '2026-01-05 02:00:00', NOW(3) FROM due_ids;
     INSERT INTO milestone_event (milestone_id, type, at, recorded_at) SELECT id, 'accept', '2026-01-05 03:00:00', NOW(3) FROM due_ids;`,
  );
}

async function main() {
  log(`bench: ${MILESTONES} milestones (${DUE} due) on ${PROJECTS} projects, database ${database}`);
  if (!REUSE) {
    cli('migrate');
    cli('demo:load');
  }
  const db = await mysql.createConnection({ uri: url.toString(), multipleStatements: true });
  const machine = await machineInfo(db);
  const started = Date.now();
  const [[{ made }]] = REUSE ? await db.query('SELECT COUNT(*) AS made FROM milestone') : [[{ made: 0 }]];
  if (REUSE && Number(made) > 0) {
    await db.query(
      `DELETE FROM notification; DELETE FROM delivery; DELETE FROM alert_event; DELETE FROM alert;
       CREATE TEMPORARY TABLE due_ids AS SELECT DISTINCT milestone_id AS id FROM milestone_event;
       UPDATE milestone m JOIN due_ids d ON d.id = m.id
          SET m.state = 'accepted', m.light = 'green', m.submitted_at = NOW(3), m.accepted_on = CURDATE(),
              m.deadline = DATE_ADD(CURDATE(), INTERVAL 60 DAY), m.next_change_at = DATE_ADD(NOW(3), INTERVAL 30 DAY);`,
    );
  } else await generate(db);
  log(`  data ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const port = await freePort();
  // --cpu-prof <folder>: a CPU profile of the API (written when it exits at the end of the run).
  const profile = args['cpu-prof'] ? [`--cpu-prof`, `--cpu-prof-dir=${args['cpu-prof']}`] : [];
  const api = spawn(process.execPath, [...profile, API_MAIN], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(`${base}/api/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bureau', password: env.DEMO_PASSWORD }),
  });
  const { accessToken } = await login.json();
  // One POST per run on a connection of its own and without a client timeout (fetch gives up on an
  // answer after 300 s and may reuse a kept-alive socket the server has just closed).
  const runChecks = () =>
    new Promise((resolveRun, reject) => {
      const t0 = performance.now();
      const request = httpRequest(
        `${base}/api/checks/run`,
        { method: 'POST', agent: false, headers: { authorization: `Bearer ${accessToken}` } },
        (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => {
            const ms = performance.now() - t0;
            if (response.statusCode !== 200) reject(new Error(`checks: ${response.statusCode} ${text}`));
            else resolveRun({ ms, body: JSON.parse(text) });
          });
        },
      );
      request.on('error', reject);
      request.end();
    });

  // Baseline of the same run: the bare SQL of the due query.
  const baseline = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t0 = performance.now();
    await db.query(
      'SELECT id FROM milestone WHERE next_change_at IS NOT NULL AND next_change_at <= NOW(3) ORDER BY next_change_at LIMIT 500',
    );
    baseline.push(performance.now() - t0);
  }
  // A check with nothing due, at a fixed rate of one per 250 ms.
  await runChecks();
  const idle = [];
  for (let i = 0; i < RUNS; i += 1) {
    const tick = performance.now();
    idle.push((await runChecks()).ms);
    await sleep(Math.max(0, 250 - (performance.now() - tick)));
  }
  // A check with the due ones due, next to the bare SQL of the due query reading all of them (the
  // rows the check must recompute and compare), in the same run.
  await db.query(
    'UPDATE milestone m JOIN due_ids d ON d.id = m.id SET m.next_change_at = DATE_SUB(NOW(3), INTERVAL 1 MINUTE)',
  );
  const dueBaseline = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t0 = performance.now();
    await db.query(
      'SELECT id FROM milestone WHERE next_change_at IS NOT NULL AND next_change_at <= NOW(3) ORDER BY next_change_at',
    );
    dueBaseline.push(performance.now() - t0);
  }
  const dueRun = await runChecks();
  const [[{ alerts }]] = await db.query('SELECT COUNT(*) AS alerts FROM alert');
  const [[{ pending }]] = await db.query("SELECT COUNT(*) AS pending FROM delivery WHERE status = 'pending'");
  const loadAfter = loadavg();

  // Deliveries per second: relay + one worker, in-app channel.
  let deliverySeconds = null;
  let left = Number(pending);
  if (!SKIP_DELIVERY) {
    const t0 = performance.now();
    const worker = spawn(process.execPath, [WORKER_MAIN], {
      env,
      stdio: 'ignore',
    });
    while (left > 0 && performance.now() - t0 < 300_000) {
      await sleep(250);
      const [[row]] = await db.query("SELECT COUNT(*) AS n FROM delivery WHERE status <> 'sent'");
      left = Number(row.n);
    }
    deliverySeconds = (performance.now() - t0) / 1000;
    worker.kill('SIGTERM');
  }
  const apiExited = new Promise((resolveExit) => api.once('exit', resolveExit));
  api.kill('SIGTERM');
  await Promise.race([apiExited, sleep(30_000)]);
  if (KEEP) log(`kept database ${database} (rerun with --reuse ${database})`);
  else await db.query(`DROP DATABASE \`${database}\``);
  await db.end();

  const result = {
    at: new Date().toISOString(),
    machine: `${machine.cores} cores`,
    machineDetail: machine,
    milestones: MILESTONES,
    due: DUE,
    runs: RUNS,
    baselineDueQueryMs: { p50: percentile(baseline, 50), p99: percentile(baseline, 99) },
    checkNothingDueMs: { p50: percentile(idle, 50), p99: percentile(idle, 99) },
    ratioNothingDueToBaselineP50: percentile(idle, 50) / percentile(baseline, 50),
    checkWithDueMs: dueRun.ms,
    checkWithDueResult: dueRun.body,
    dueQueryAllMs: { p50: percentile(dueBaseline, 50), p99: percentile(dueBaseline, 99) },
    ratioCheckWithDueToDueQueryP50: dueRun.ms / percentile(dueBaseline, 50),
    loadAverageAfterDueRun: loadAfter,
    checksChunkSize: args.chunk ? Number(args.chunk) : 'default',
    alerts: Number(alerts),
    deliveries: Number(pending),
    deliveriesPerSecond: deliverySeconds === null ? null : Number(pending) / deliverySeconds,
    deliveriesLeft: deliverySeconds === null ? null : left,
  };
  const file = writeResult(`checks${LABEL}-${result.at.slice(0, 10)}.json`, result);
  log(JSON.stringify(result, null, 2));
  log(`written to ${file}`);
}

runMain(main);
