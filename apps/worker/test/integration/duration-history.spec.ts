import { historyKey } from '@luodi/domain';
import { ALL_JOB_NAMES, durationHistoryJobId, JobName, QueueName } from '@luodi/jobs';
import {
  ApprovalItemRepository,
  CalendarRepository,
  DurationHistoryRepository,
  MilestoneRepository,
  SettingsRepository,
  Transactions,
} from '@luodi/persistence';
import { CalendarService, Clock, DurationHistoryService } from '@luodi/server-core';
import {
  appEnv,
  createTestDatabase,
  type RunningProcess,
  serviceUrls,
  startWorker,
  type TestDatabase,
  waitFor,
} from '@luodi/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The forecast's duration history (issue 17, routes-and-forecast §3) on real MariaDB and Redis, on
 * the real 2026 calendar (春节 Feb 15–23 off, Sat Feb 14 worked), as of Mon 2026-12-07.
 */
const AS_OF = '2026-12-07';
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

describe('forecast: duration history from milestones, and its nightly job (real MariaDB + Redis)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let service: DurationHistoryService;
  let worker: RunningProcess | undefined;
  let connection: Redis;
  let queue: Queue;
  let env: Record<string, string>;
  let planning: string;
  let fire: string;

  /** One project with one milestone of `item` at `department`, its stored columns and its events. */
  const milestone = async (
    code: string,
    item: string,
    department: string,
    stored: { state: string; acceptedOn: string; decidedAt?: Date },
    events: Array<[string, Date]>,
  ) => {
    await dataSource.query(
      `INSERT INTO project (code, name, investor, industry, source, contract_amount, lead_department_id, stage, talks_started_at)
       VALUES (?, ?, '测试投资方', '先进制造', '沪洽会', 5000, ?, 'signed', '2023-01-01')`,
      [code, `历史测试 ${code}`, department],
    );
    const result = (await dataSource.query(
      `INSERT INTO milestone (project_id, item_code, department_id, state, accepted_on, decided_at)
       SELECT id, ?, ?, ?, ?, ? FROM project WHERE code = ?`,
      [item, department, stored.state, stored.acceptedOn, stored.decidedAt ?? null, code],
    )) as { insertId: number | string };
    for (const [type, moment] of events)
      await dataSource.query(
        'INSERT INTO milestone_event (milestone_id, type, at, recorded_at) VALUES (?, ?, ?, NOW(3))',
        [result.insertId, type, moment],
      );
  };

  const table = () =>
    dataSource.query(
      'SELECT as_of, item_code, department_id, finished, censored, histogram FROM duration_history ORDER BY as_of, item_code, department_id',
    ) as Promise<Array<Record<string, unknown>>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await database.dataSource();
    for (const [code, name] of [
      ['HPLAN', '历史规划'],
      ['HFIRE', '历史消防'],
    ]) {
      await dataSource.query('INSERT INTO department (code, name) VALUES (?, ?)', [code, name]);
    }
    const departments = (await dataSource.query(
      `SELECT id, code FROM department WHERE code IN ('HPLAN', 'HFIRE')`,
    )) as Array<{ id: string | number; code: string }>;
    planning = String(departments.find((row) => row.code === 'HPLAN')!.id);
    fire = String(departments.find((row) => row.code === 'HFIRE')!.id);
    await dataSource.query(
      `INSERT INTO approval_item (code, name, department_id, statutory_days, promised_days) VALUES
         ('H_PLAN', '历史规划许可', ?, 20, 10), ('H_FIRE', '历史消防审查', ?, 15, 8)`,
      [planning, fire],
    );

    // Decided: accepted Thu Feb 12, approved Wed Feb 25: Feb 13, Sat 14 (调休), [春节], 24, 25 → 4.
    await milestone(
      'H-1',
      'H_PLAN',
      planning,
      { state: 'approved', acceptedOn: '2026-02-12', decidedAt: at('2026-02-25') },
      [
        ['submit', at('2026-02-11')],
        ['accept', at('2026-02-12')],
        ['approve', at('2026-02-25')],
      ],
    );
    // Decided after a suspension: Mon Mar 2 → Fri Mar 13 is 9 working days, Wed 4–Fri 6 suspended → 6.
    await milestone(
      'H-2',
      'H_PLAN',
      planning,
      { state: 'approved', acceptedOn: '2026-03-02', decidedAt: at('2026-03-13') },
      [
        ['submit', at('2026-03-02', '09:00')],
        ['accept', at('2026-03-02')],
        ['suspend', at('2026-03-04')],
        ['resume', at('2026-03-09')],
        ['approve', at('2026-03-13')],
      ],
    );
    // Open: accepted Mon Nov 30, censored at Dec 1–4 and 7 → 5.
    await milestone('H-3', 'H_PLAN', planning, { state: 'accepted', acceptedOn: '2026-11-30' }, [
      ['submit', at('2026-11-27')],
      ['accept', at('2026-11-30')],
    ]);
    // Open and suspended since Wed Dec 2: Nov 24 → Dec 7 is 10 working days, Dec 2, 3, 4, 7 suspended → 6.
    await milestone('H-4', 'H_PLAN', planning, { state: 'suspended', acceptedOn: '2026-11-23' }, [
      ['submit', at('2026-11-20')],
      ['accept', at('2026-11-23')],
      ['suspend', at('2026-12-02')],
    ]);
    // Accepted more than 3 years before: left out.
    await milestone(
      'H-5',
      'H_PLAN',
      planning,
      { state: 'approved', acceptedOn: '2023-11-01', decidedAt: at('2023-11-10') },
      [
        ['submit', at('2023-10-31')],
        ['accept', at('2023-11-01')],
        ['approve', at('2023-11-10')],
      ],
    );
    // Another item at another department: decided Mon Jan 5 → Wed Jan 7 → 2.
    await milestone(
      'H-6',
      'H_FIRE',
      fire,
      { state: 'rejected', acceptedOn: '2026-01-05', decidedAt: at('2026-01-07') },
      [
        ['submit', at('2026-01-05', '09:00')],
        ['accept', at('2026-01-05')],
        ['reject', at('2026-01-07')],
      ],
    );

    // 终止办理 (discontinued) Fri Apr 17 after acceptance Mon Apr 13: not a decision, censored at 4.
    await milestone(
      'H-8',
      'H_FIRE',
      fire,
      { state: 'discontinued', acceptedOn: '2026-04-13', decidedAt: at('2026-04-17') },
      [
        ['submit', at('2026-04-13', '09:00')],
        ['accept', at('2026-04-13')],
        ['terminate', at('2026-04-17')],
      ],
    );

    service = new DurationHistoryService(
      new DurationHistoryRepository(dataSource),
      new MilestoneRepository(dataSource),
      new ApprovalItemRepository(dataSource),
      new SettingsRepository(dataSource),
      new CalendarService(new CalendarRepository(dataSource)),
      new Transactions(dataSource),
      new Clock(),
    );
    env = appEnv(database.url);
    connection = new Redis(serviceUrls().redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue(QueueName.System, { connection, prefix: env['QUEUE_PREFIX'] });
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    connection?.disconnect();
    await database?.drop();
  });

  it('observations: decided ones are events, open and discontinued ones censored, suspended days netted, older than 3 years left out', async () => {
    const observations = await service.observations(AS_OF);
    const sorted = (key: string) =>
      [...(observations.get(key)?.observations ?? [])].sort(
        (a, b) => a.days - b.days || Number(a.finished) - Number(b.finished),
      );
    expect([...observations.keys()].sort()).toEqual(
      [historyKey('H_FIRE', fire), historyKey('H_PLAN', planning)].sort(),
    );
    expect(sorted(historyKey('H_PLAN', planning))).toEqual([
      { days: 4, finished: true },
      { days: 5, finished: false },
      { days: 6, finished: false },
      { days: 6, finished: true },
    ]);
    expect(sorted(historyKey('H_FIRE', fire))).toEqual([
      { days: 2, finished: true },
      { days: 4, finished: false },
    ]);
    // As of a day before the decision of H-2 (Thu Mar 12), it is still open: censored at 8 − 3 = 5.
    const earlier = await service.observations('2026-03-12');
    expect(earlier.get(historyKey('H_PLAN', planning))?.observations).toEqual(
      expect.arrayContaining([{ days: 5, finished: false }]),
    );
  });

  it('the worker job stores the history; run twice it gives the same table; models fall back under 5 observations', async () => {
    worker = await startWorker(env);
    // The boot check passed (exactly one handler per job, the duration-history job included).
    expect(worker.output()).toContain(`with ${ALL_JOB_NAMES.length} job handlers`);

    const runJob = async () => {
      const jobId = durationHistoryJobId(AS_OF);
      await queue.add(JobName.DurationHistory, { asOf: AS_OF }, { jobId });
      await waitFor('the duration-history job', async () => {
        const job = await queue.getJob(jobId);
        if (job && (await job.isFailed())) throw new Error(`job failed: ${job.failedReason}`);
        return job && (await job.isCompleted()) ? job : undefined;
      });
      await (await queue.getJob(jobId))?.remove();
    };

    await runJob();
    const first = await table();
    expect(first).toEqual([
      {
        as_of: AS_OF,
        item_code: 'H_FIRE',
        department_id: fire,
        finished: 1,
        censored: 1,
        histogram: JSON.stringify([
          [2, 1, 0],
          [4, 0, 1],
        ]),
      },
      {
        as_of: AS_OF,
        item_code: 'H_PLAN',
        department_id: planning,
        finished: 2,
        censored: 2,
        histogram: JSON.stringify([
          [4, 1, 0],
          [5, 0, 1],
          [6, 1, 1],
        ]),
      },
    ]);
    await runJob();
    expect(await table()).toEqual(first);
    // A recomputation for the same day in-process replaces the same rows.
    await service.recompute(AS_OF);
    expect(await table()).toEqual(first);

    // Fewer than 5 observations: the promised days stand in (the catalog's, or the route's when given).
    const models = await service.modelsFor(AS_OF);
    expect(models.modelFor('H_PLAN', planning)).toEqual({ promisedDays: 10, curve: null });
    expect(models.modelFor('H_FIRE', fire, 12)).toEqual({ promisedDays: 12, curve: null });
  });

  it('with 5 or more observations the model is the Kaplan–Meier curve of the history; older sets are replaced', async () => {
    // A fifth observation at planning: decided Mon Jun 1 → Fri Jun 5 (端午 Jun 19 is later) → 4.
    await milestone(
      'H-7',
      'H_PLAN',
      planning,
      { state: 'approved', acceptedOn: '2026-06-01', decidedAt: at('2026-06-05') },
      [
        ['submit', at('2026-06-01', '09:00')],
        ['accept', at('2026-06-01')],
        ['approve', at('2026-06-05')],
      ],
    );
    await service.recompute('2026-12-08');
    const rows = await table();
    expect(new Set(rows.map((row) => row['as_of']))).toEqual(new Set(['2026-12-08']));
    const model = (await service.modelsFor('2026-12-08')).modelFor('H_PLAN', planning);
    expect(model.promisedDays).toBe(10);
    expect(model.curve?.observations).toBe(5);
    expect(model.curve?.events).toBe(3);
    // Nothing stored on or before an earlier day: every model is the promised days.
    expect((await service.modelsFor('2026-12-01')).modelFor('H_PLAN', planning).curve).toBeNull();
  });
});
