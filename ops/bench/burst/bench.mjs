#!/usr/bin/env node
// Bench of a burst of parallel writes (issue 11): on a database of its own with the demo district,
// the built API is started once per pool size (DATABASE_POOL_SIZE), and fires at once 45 `submit`
// events on 45 different milestones plus 50 identical `submit` events on one more milestone, and
// then 50 project creates without a code. Records per burst: the wall time, the answers by status
// (expected: 200/201, and 409 for the 49 repeated submits), and the latency p50/p99/max.
// Run: node ops/bench/burst/bench.mjs [--pools 1,10]
// Uses the built api (npm run build) and the services of ops/services; writes
// ops/bench/results/burst-<date>.json.
import {
  BENCH_PASSWORD,
  benchDatabase,
  log,
  login,
  parseArgs,
  percentile,
  runMain,
  startApi,
  writeResult,
} from '../lib/common.mjs';

const { options } = parseArgs();
const POOLS = String(options.pools ?? '1,10')
  .split(',')
  .map(Number);
const bench = benchDatabase('burst');

async function call(baseUrl, token, method, path, body) {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    const text = await response.text();
    return { status: response.status, ms: performance.now() - started, body: text };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, body: String(error) };
  }
}

async function burst(requests) {
  const started = performance.now();
  const answers = await Promise.all(requests.map((request) => request()));
  const wallMs = performance.now() - started;
  const statuses = {};
  for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
  const latencies = answers.map((answer) => answer.ms);
  const round = (value) => Math.round(value);
  return {
    requests: answers.length,
    wallMs: round(wallMs),
    statuses,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(Math.max(...latencies)),
  };
}

async function measure(poolSize, departmentId) {
  const api = await startApi({ ...bench.env, DATABASE_POOL_SIZE: String(poolSize) });
  try {
    const [admin, bureau] = [
      await login(api.baseUrl, 'admin', BENCH_PASSWORD),
      await login(api.baseUrl, 'bureau', BENCH_PASSWORD),
    ];
    const itemCode = `B_BURST${poolSize}`;
    const item = await call(api.baseUrl, admin, 'POST', '/api/approval-items', {
      code: itemCode,
      name: `压测事项${poolSize}`,
      departmentId,
      statutoryDays: 5,
      promisedDays: 3,
    });
    if (item.status !== 201) throw new Error(`approval item: ${item.status} ${item.body}`);
    const project = (index) => ({
      name: `压测项目${poolSize}-${index}`,
      investor: `压测投资${poolSize}-${index}`,
      investorOrigin: 'domestic',
      industry: '新材料',
      source: '沪洽会',
      contractAmount: '1000.00',
      leadDepartmentId: departmentId,
    });
    const milestones = [];
    for (let index = 0; index < 46; index += 1) {
      const created = await call(api.baseUrl, bureau, 'POST', '/api/projects', project(`m${index}`));
      const projectId = JSON.parse(created.body).id;
      const milestone = await call(api.baseUrl, bureau, 'POST', `/api/projects/${projectId}/milestones`, {
        itemCode,
      });
      milestones.push(JSON.parse(milestone.body).id);
    }
    const submit = { type: 'submit', at: new Date(Date.now() - 3_600_000).toISOString() };
    const events = await burst([
      ...milestones
        .slice(0, 45)
        .map((id) => () => call(api.baseUrl, bureau, 'POST', `/api/milestones/${id}/events`, submit)),
      ...Array.from(
        { length: 50 },
        () => () => call(api.baseUrl, bureau, 'POST', `/api/milestones/${milestones[45]}/events`, submit),
      ),
    ]);
    const creates = await burst(
      Array.from(
        { length: 50 },
        (_, index) => () => call(api.baseUrl, bureau, 'POST', '/api/projects', project(index)),
      ),
    );
    return { poolSize, events, creates };
  } finally {
    await api.stop();
  }
}

async function main() {
  log(`bench: bursts of parallel writes, pool sizes ${POOLS.join(', ')}, database ${bench.database}`);
  const { db, machine } = await bench.load();
  const [[department]] = await db.query("SELECT id FROM department WHERE code = 'ZRZYJ'");
  const runs = [];
  try {
    for (const poolSize of POOLS) {
      const run = await measure(poolSize, String(department.id));
      runs.push(run);
      log(
        `pool ${poolSize}: events ${JSON.stringify(run.events)}\n         creates ${JSON.stringify(run.creates)}`,
      );
    }
  } finally {
    await bench.drop(db);
  }
  const result = { at: new Date().toISOString(), machine, runs };
  const file = writeResult(`burst-${result.at.slice(0, 10)}.json`, result);
  log(`written ${file}`);
}

runMain(main);
