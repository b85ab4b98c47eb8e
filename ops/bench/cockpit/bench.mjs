#!/usr/bin/env node
// Bench of the cockpit's endpoints (issue 7) at the M and L tiers (25 000 and 250 000 projects, ten
// milestones each; data from generate.mjs, kept between runs). Starts the built API against the
// tier's database on a free port, signs in as the leader, warms up, then for each endpoint sends
// requests at a fixed rate (open loop: latency measured from each request's scheduled time), and
// runs the bare SQL of the same figures at the same rate through mysql2 in the same run. The key
// numbers of the endpoint's answer are compared once with those of the bare SQL.
//
// Run: node ops/bench/cockpit/bench.mjs [M|L] [--rate 20] [--seconds 20] [--warmup 5] [--only summary,trend]
//        [--max-service-ms 2000] [--max-in-flight 50] [--request-timeout-ms 120000] [--cache-seconds 0]
// --cache-seconds is the API's FIGURES_CACHE_SECONDS (default 0 here: measure the computation). With the
// cache on, the first request of an endpoint (`cold`, timed alone) computes and fills the cache; the
// one-at-a-time figures after it are cache hits (`oneAtATime.cached: true`), and the fixed-rate run
// measures the cache (entries expire after N s, so a run longer than N s recomputes, shared by the
// requests arriving meanwhile). The load average is recorded at the start and the end.
// A side (API or SQL) whose one-at-a-time p50 exceeds --max-service-ms is not run at the fixed rate
// (it is saturated by construction: reported with `saturated` and its one-at-a-time figures).
// Writes ops/bench/results/cockpit-<tier>-cache<N>-<date>.json and prints a table.
import { loadavg } from 'node:os';
import {
  benchEnv,
  log,
  machineInfo,
  parseArgs,
  requireFromRoot,
  runMain,
  sleep,
  startApi,
  writeDatedResult,
} from '../lib/common.mjs';
import { fixedRate, round, sequential } from '../lib/load.mjs';
import { BENCH_PASSWORD, ensureTier, rowCounts } from './generate.mjs';
import { bareSql, businessDateOf, loadCalendar } from './sql.mjs';

const mysql = requireFromRoot('mysql2/promise');

const { options, positional } = parseArgs();
const TIER = (positional[0] ?? 'M').toUpperCase();
const RATE = Number(options.rate ?? 20);
const SECONDS = Number(options.seconds ?? 20);
const WARMUP = Number(options.warmup ?? 5);
const ONLY = options.only ? new Set(options.only.split(',')) : null;
/** A request slower than this alone is not put under the fixed rate (it could only queue up). */
const MAX_SERVICE_MS = Number(options['max-service-ms'] ?? 2_000);
/** An API request not answered by then fails (the endpoints are measured in order, the slowest last). */
const REQUEST_TIMEOUT_MS = Number(options['request-timeout-ms'] ?? 120_000);
/** Unanswered requests beyond this are not sent (counted as dropped). */
const MAX_IN_FLIGHT = Number(options['max-in-flight'] ?? 50);
/** The API's figures cache (FIGURES_CACHE_SECONDS); 0 = off, every request computes. */
const CACHE_SECONDS = Number(options['cache-seconds'] ?? 0);

const money = (value) => (value === null || value === undefined ? value : Number(value).toFixed(2));
const ratio = (part, whole) => (whole ? round(part / whole, 6) : null);

/** The endpoints, the bare SQL of the same figures, and the key numbers of each answer. */
const ENDPOINTS = [
  {
    name: 'summary',
    path: '/api/dashboard/summary',
    sql: 'summary',
    fromApi: (body) => ({
      negotiatingCount: body.negotiatingCount,
      signedCount: body.signedCount,
      contractAmount: money(body.contractAmount),
      registeredCount: body.registeredCount,
      startedCount: body.startedCount,
      fundsArrived: money(body.fundsArrived),
      keyWorks: {
        count: body.keyWorks.count,
        plannedStartCount: body.keyWorks.plannedStartCount,
        startedCount: body.keyWorks.startedCount,
        annualPlanInvestment: money(body.keyWorks.annualPlanInvestment),
        completedInvestment: money(body.keyWorks.completedInvestment),
      },
      approvals: {
        decidedCount: body.approvals.decidedCount,
        onTimeCount: body.approvals.onTimeCount,
        overdueOpen: body.approvals.overdueOpen,
      },
      alerts: { level1: body.alerts.level1, level2: body.alerts.level2, level3: body.alerts.level3 },
    }),
    fromSql: (figures) => ({
      ...figures,
      contractAmount: money(figures.contractAmount),
      fundsArrived: money(figures.fundsArrived),
      keyWorks: {
        ...figures.keyWorks,
        annualPlanInvestment: money(figures.keyWorks.annualPlanInvestment),
        completedInvestment: money(figures.keyWorks.completedInvestment),
      },
    }),
  },
  {
    name: 'funnel',
    path: '/api/dashboard/funnel',
    sql: 'funnel',
    fromApi: (body) => Object.fromEntries(body.stages.map((stage) => [stage.stage, stage.count])),
    fromSql: (figures) => figures,
  },
  ...['source', 'industry'].map((by) => ({
    name: `breakdown?by=${by}`,
    path: `/api/dashboard/breakdown?by=${by}`,
    sql: by === 'source' ? 'breakdownSource' : 'breakdownIndustry',
    fromApi: (body) =>
      body.items.map((item) => ({
        key: item.key,
        signedCount: item.signedCount,
        contractAmount: money(item.contractAmount),
        registeredCount: item.registeredCount,
        startedCount: item.startedCount,
      })),
    fromSql: (rows) => rows.map((row) => ({ ...row, contractAmount: money(row.contractAmount) })),
  })),
  {
    name: 'trend',
    path: '/api/dashboard/trend',
    sql: 'trend',
    fromApi: (body) => ({
      annualPlanInvestment: money(body.annualPlanInvestment),
      months: Object.fromEntries(
        body.months
          .filter((month) => month.signedCount !== null)
          .map((month) => [
            Number(month.month.slice(5, 7)),
            {
              signedCount: month.signedCount,
              startedCount: month.startedCount,
              completedInvestment: money(month.completedInvestment),
            },
          ]),
      ),
    }),
    fromSql: (figures) => {
      const lastMonth = Number(businessDateOf(new Date()).slice(5, 7));
      const months = {};
      for (let month = 1; month <= lastMonth; month += 1) {
        const facts = figures.months[month] ?? {
          signedCount: 0,
          startedCount: 0,
          completedInvestment: '0.00',
        };
        months[month] = { ...facts, completedInvestment: money(facts.completedInvestment) };
      }
      return { annualPlanInvestment: money(figures.annualPlanInvestment), months };
    },
  },
  {
    name: 'approvals-by-department',
    path: '/api/dashboard/approvals-by-department',
    sql: 'approvalsByDepartment',
    fromApi: (body) =>
      Object.fromEntries(
        body.items.map((item) => [
          item.departmentId,
          { red: item.red, yellow: item.yellow, green: item.green },
        ]),
      ),
    fromSql: (figures) => figures,
  },
  {
    name: 'departments',
    path: '/api/dashboard/departments',
    sql: 'departments',
    fromApi: (body) =>
      Object.fromEntries(
        body.items.map((item) => [
          item.departmentId,
          {
            handled: item.handled,
            onTimeRate: item.onTimeRate === null ? null : round(item.onTimeRate, 6),
            deemed: item.deemedApprovals,
            overdueOpen: item.overdueOpen,
          },
        ]),
      ),
    fromSql: (figures) =>
      Object.fromEntries(
        Object.entries(figures).map(([id, row]) => [
          id,
          {
            handled: row.handled,
            onTimeRate: ratio(row.onTime, row.handled),
            deemed: row.deemed,
            overdueOpen: row.overdueOpen,
          },
        ]),
      ),
  },
];

/** Paths where two answers differ (empty when they hold the same numbers). */
function differences(left, right, path = '') {
  if (typeof left !== 'object' || left === null || typeof right !== 'object' || right === null)
    return Object.is(left, right)
      ? []
      : [`${path || '.'}: api ${JSON.stringify(left)} ≠ sql ${JSON.stringify(right)}`];
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].flatMap((key) => differences(left[key], right[key], `${path}.${key}`));
}

async function tableSizes(pool, database) {
  const [rows] = await pool.query(
    `SELECT TABLE_NAME AS name, TABLE_ROWS AS estimatedRows, ROUND((DATA_LENGTH + INDEX_LENGTH) / 1048576, 1) AS mib
       FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN ('project','milestone','alert','fund_arrival','key_work','key_work_report')`,
    [database],
  );
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.mib)]));
}

const pad = (value, width) => ` ${String(value ?? '—')}`.padStart(width);

async function main() {
  const tier = await ensureTier(TIER);
  const pool = mysql.createPool({
    uri: tier.url,
    connectionLimit: 10,
    timezone: 'Z',
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  const machine = await machineInfo(pool);
  const counts = await rowCounts(pool);
  const sizes = await tableSizes(pool, tier.database);
  const year = Number(businessDateOf(new Date()).slice(0, 4));
  const sql = bareSql(pool, { year, calendar: await loadCalendar(pool) });
  log(
    `bench: tier ${TIER} (${tier.database}), ${RATE} req/s for ${SECONDS} s per endpoint, figures cache ${CACHE_SECONDS} s; load ${machine.loadAverageAtStart.join(' ')}`,
  );
  log(`rows: ${JSON.stringify(counts)}`);

  const api = await startApi({
    ...benchEnv({
      databaseUrl: tier.url,
      redisUrl: tier.redisUrl,
      queuePrefix: `benchcockpit${Date.now().toString(36)}`,
    }),
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    FIGURES_CACHE_SECONDS: String(CACHE_SECONDS),
  });
  const results = [];
  try {
    const token = await api.signIn('leader', BENCH_PASSWORD);
    const get = async (path) => {
      const response = await fetch(`${api.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${text.slice(0, 200)}`);
      return JSON.parse(text);
    };
    for (const endpoint of ENDPOINTS) {
      if (ONLY && !ONLY.has(endpoint.name)) continue;
      try {
        log(`\n${endpoint.name}`);
        // Warm-up (JIT, buffer pool; with the figures cache on, this fills it: timed as `cold`), then
        // the same figures from both sides, compared once.
        const coldStart = performance.now();
        const apiBody = await get(endpoint.path);
        const coldMs = round(performance.now() - coldStart, 1);
        const sqlFigures = await sql[endpoint.sql]();
        const mismatches = differences(endpoint.fromApi(apiBody), endpoint.fromSql(sqlFigures));
        log(
          mismatches.length
            ? `  figures DIFFER:\n    ${mismatches.slice(0, 10).join('\n    ')}`
            : '  same figures as the bare SQL',
        );
        const apiAlone = await sequential({
          count: WARMUP,
          fire: () => get(endpoint.path),
          budgetMs: 30_000,
        });
        const sqlAlone = await sequential({
          count: WARMUP,
          fire: () => sql[endpoint.sql](),
          budgetMs: 30_000,
        });
        log(
          `  first request ${coldMs} ms; one at a time${CACHE_SECONDS ? ' (cached)' : ''}: api p50 ${apiAlone.p50} ms, sql p50 ${sqlAlone.p50} ms`,
        );
        const underLoad = async (side, alone, fire) => {
          if (alone.p50 > MAX_SERVICE_MS) {
            log(`  ${side}: one request alone takes ${alone.p50} ms: not run at ${RATE}/s (saturated)`);
            return { saturated: true, p50: null, p90: null, p99: null, max: null, errors: 0, dropped: 0 };
          }
          const load = await fixedRate({ rate: RATE, seconds: SECONDS, fire, maxInFlight: MAX_IN_FLIGHT });
          log(
            `  ${side} at ${RATE}/s: p50 ${load.p50} p99 ${load.p99} max ${load.max} ms, errors ${load.errors}, dropped ${load.dropped}`,
          );
          await sleep(1_000);
          return { saturated: load.dropped > 0, ...load };
        };
        const apiLoad = await underLoad('api', apiAlone, () => get(endpoint.path));
        const sqlLoad = await underLoad('sql', sqlAlone, () => sql[endpoint.sql]());
        results.push({
          endpoint: endpoint.name,
          path: endpoint.path,
          sameFigures: mismatches.length === 0,
          mismatches: mismatches.slice(0, 20),
          cold: { api: coldMs },
          oneAtATime: { cached: CACHE_SECONDS > 0, api: apiAlone, sql: sqlAlone },
          api: apiLoad,
          sql: sqlLoad,
          ratioAloneP50: apiAlone.p50 && sqlAlone.p50 ? round(apiAlone.p50 / sqlAlone.p50, 1) : null,
          ratioP50: apiLoad.p50 && sqlLoad.p50 ? round(apiLoad.p50 / sqlLoad.p50, 1) : null,
          ratioP99: apiLoad.p99 && sqlLoad.p99 ? round(apiLoad.p99 / sqlLoad.p99, 1) : null,
        });
      } catch (error) {
        log(`  failed: ${error.message}`);
        results.push({
          endpoint: endpoint.name,
          path: endpoint.path,
          failed: String(error.message).slice(0, 500),
        });
      }
    }
  } finally {
    await api.stop();
    await pool.end();
  }

  const result = {
    at: new Date().toISOString(),
    tier: TIER,
    database: tier.database,
    generated: tier.meta,
    machine: { ...machine, loadAverageAtEnd: loadavg().map((value) => round(value, 2)) },
    rows: counts,
    tableMiB: sizes,
    load: {
      rate: RATE,
      seconds: SECONDS,
      scheduling: 'open loop, latency from the scheduled time',
      warmup: WARMUP,
      maxServiceMs: MAX_SERVICE_MS,
      maxInFlight: MAX_IN_FLIGHT,
    },
    figuresCacheSeconds: CACHE_SECONDS,
    endpoints: results,
  };
  const file = writeDatedResult(`cockpit-${TIER}-cache${CACHE_SECONDS}`, result);

  log(
    `\ntier ${TIER}: ${counts.project} projects, ${counts.milestone} milestones; ${RATE} req/s × ${SECONDS} s; ms`,
  );
  log(
    `${'endpoint'.padEnd(26)}${pad('api p50', 9)}${pad('api p99', 9)}${pad('sql p50', 9)}${pad('sql p99', 9)}${pad('×p50', 7)}${pad('×p99', 7)}${pad('×alone', 8)}${pad('err', 5)}${pad('drop', 6)}  same`,
  );
  const cell = (load, alone, key) => (load.saturated && load[key] === null ? `(${alone[key]})` : load[key]);
  for (const row of results.filter((result) => !result.failed))
    log(
      `${row.endpoint.padEnd(26)}${pad(cell(row.api, row.oneAtATime.api, 'p50'), 9)}${pad(cell(row.api, row.oneAtATime.api, 'p99'), 9)}${pad(cell(row.sql, row.oneAtATime.sql, 'p50'), 9)}${pad(cell(row.sql, row.oneAtATime.sql, 'p99'), 9)}${pad(row.ratioP50, 7)}${pad(row.ratioP99, 7)}${pad(row.ratioAloneP50, 8)}${pad(row.api.errors, 5)}${pad(row.api.dropped, 6)}  ${row.sameFigures ? 'yes' : 'NO'}`,
    );
  log(
    '(n): one request at a time only — saturated at this rate; drop: requests not sent, too many unanswered',
  );
  log(`written to ${file}`);
  for (const row of results.filter((result) => result.failed))
    log(`${row.endpoint.padEnd(26)} failed: ${row.failed}`);
  if (results.some((row) => !row.sameFigures)) process.exitCode = 2;
}

runMain(main);
