#!/usr/bin/env node
// Bench of the in-app deliveries end to end (issue 18), next to raw BullMQ on the same Redis in the
// same run. On a database of its own with the demo district: the built API (a bureau user's live
// stream open on /api/events) and one built worker run; N pending in-app outbox rows are inserted at
// once and the clock runs until the stream has received N `notified` messages. Baseline: N no-op jobs
// added to a BullMQ queue of the same Redis, then processed by one BullMQ Worker (concurrency 100).
// Run: node ops/bench/delivery/bench.mjs [--deliveries 20000]
// Uses the built api and worker (npm run build) and the services of ops/services; writes
// ops/bench/results/delivery-<date>.json.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import {
  BENCH_PASSWORD,
  benchDatabase,
  log,
  login,
  parseArgs,
  requireFromRoot,
  runMain,
  sleep,
  startApi,
  WORKER_MAIN,
  writeResult,
} from '../lib/common.mjs';

const { Queue, Worker } = requireFromRoot('bullmq');
const { Redis } = requireFromRoot('ioredis');
const { options } = parseArgs();
const N = Number(options.deliveries ?? 20_000);
const bench = benchDatabase('delivery', {
  CHECKS_INTERVAL_MS: '3600000',
  CLOCK_INTERVAL_MS: '3600000',
  RELAY_INTERVAL_MS: '200',
  WORKER_CONCURRENCY: '8',
});
const { env } = bench;
const load = () => loadavg().map((value) => Math.round(value * 100) / 100);

/** Counts the `notified` messages of a live stream; resolves `until(n)` when n have come. */
async function openStream(baseUrl, token) {
  const response = await fetch(`${baseUrl}/api/events?access_token=${encodeURIComponent(token)}`, {
    headers: { accept: 'text/event-stream' },
  });
  if (response.status !== 200) throw new Error(`events: ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let count = 0;
  let buffer = '';
  let waiting;
  (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      const lines = buffer.split('\n');
      buffer = lines.pop();
      for (const line of lines) if (line.startsWith('data:') && line.includes('"notified"')) count += 1;
      if (waiting && count >= waiting.n) waiting.resolve(performance.now());
    }
  })().catch(() => undefined);
  return {
    count: () => count,
    until: (n) => new Promise((resolve) => (waiting = { n, resolve })),
    close: () => reader.cancel().catch(() => undefined),
  };
}

async function rawBullmq() {
  const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = `${env.QUEUE_PREFIX}raw`;
  const queue = new Queue('noop', { connection, prefix });
  for (let start = 0; start < N; start += 1000)
    await queue.addBulk(
      Array.from({ length: Math.min(1000, N - start) }, (_, index) => ({
        name: 'noop',
        data: { index: start + index },
        opts: { removeOnComplete: true },
      })),
    );
  let done = 0;
  let finished;
  const allDone = new Promise((resolve) => (finished = resolve));
  const t0 = performance.now();
  const worker = new Worker('noop', async () => undefined, { connection, prefix, concurrency: 100 });
  worker.on('completed', () => {
    done += 1;
    if (done === N) finished(performance.now());
  });
  const t1 = await allDone;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return { jobs: N, seconds: (t1 - t0) / 1000, perSecond: N / ((t1 - t0) / 1000) };
}

async function main() {
  log(`bench: ${N} in-app deliveries end to end, database ${bench.database}`);
  const { db, machine } = await bench.load();
  const api = await startApi(env);
  const token = await login(api.baseUrl, 'bureau', BENCH_PASSWORD);
  const worker = spawn(process.execPath, [WORKER_MAIN], {
    env: { PATH: process.env.PATH, ...env },
    stdio: 'ignore',
  });
  await sleep(5000); // the worker's boot (its first check run) is not measured

  // N alerts on subjects no check touches, one in-app delivery each.
  const [[project]] = await db.query(
    'SELECT id, lead_department_id AS departmentId FROM project ORDER BY id LIMIT 1',
  );
  const now = new Date();
  for (let start = 0; start < N; start += 5000) {
    const count = Math.min(5000, N - start);
    const values = Array.from({ length: count }, (_, index) => [
      'milestone_overdue',
      'milestone',
      String(5_000_000 + start + index),
      project.id,
      project.departmentId,
      2,
      'open',
      '{}',
      now,
      now,
    ]);
    await db.query(
      `INSERT INTO alert (kind, subject_type, subject_id, project_id, department_id, level, status, detail, raised_at, level_since) VALUES ?`,
      [values],
    );
  }
  const [alerts] = await db.query(
    "SELECT id FROM alert WHERE subject_type = 'milestone' AND subject_id >= 5000000 ORDER BY id",
  );
  const stream = await openStream(api.baseUrl, token);
  await sleep(500);
  const before = stream.count();
  const recipient = `department:${project.departmentId}`;
  const rows = alerts.map((alert) => [
    randomUUID(),
    alert.id,
    2,
    recipient,
    'in_app',
    null,
    'pending',
    0,
    0,
    new Date(),
  ]);
  const loadAtRun = load();
  // One transaction: every row becomes visible to the relay at once; the clock starts at the commit.
  await db.beginTransaction();
  for (let start = 0; start < rows.length; start += 5000)
    await db.query(
      'INSERT INTO delivery (id, alert_id, level, recipient, channel, target, status, attempts, generation, created_at) VALUES ?',
      [rows.slice(start, start + 5000)],
    );
  await db.commit();
  const t0 = performance.now();
  const t1 = await Promise.race([stream.until(before + N), sleep(300_000).then(() => null)]);
  const endToEnd = t1
    ? { deliveries: N, seconds: (t1 - t0) / 1000, perSecond: N / ((t1 - t0) / 1000) }
    : { deliveries: N, received: stream.count() - before, timedOut: true };
  const [[{ notifications }]] = await db.query('SELECT COUNT(*) AS notifications FROM notification');
  stream.close();
  worker.kill('SIGTERM');
  await api.stop();
  await sleep(1000);

  const loadAtBaseline = load();
  const raw = await rawBullmq();
  await bench.drop(db);

  const result = {
    at: new Date().toISOString(),
    machine: `${machine.cores} cores`,
    machineDetail: machine,
    loadAverageAtEndToEnd: loadAtRun,
    loadAverageAtBaseline: loadAtBaseline,
    endToEnd,
    notifications: Number(notifications),
    rawBullmqNoop: raw,
    shareOfRawBullmq: endToEnd.perSecond ? endToEnd.perSecond / raw.perSecond : null,
    targets: { endToEndPerSecond: 5000, shareOfRawBullmq: 0.2 },
  };
  const file = writeResult(`delivery-${result.at.slice(0, 10)}.json`, result);
  log(JSON.stringify(result, null, 2));
  log(`written to ${file}`);
}

runMain(main);
