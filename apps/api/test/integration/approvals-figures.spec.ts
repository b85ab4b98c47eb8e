import { startStack, type TestStack } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  createProject,
  departmentIds,
  loginAll,
  shanghaiToday,
  type Tokens,
} from './support/fixtures';
import { workingDaysBetween } from './support/calendar';

/**
 * The approvals figures (domain §6: 按期办结率, 逾期未办, and the department scorecard 效能) checked
 * against an independent computation over the `milestone` rows read by SQL, in plain TypeScript —
 * none of the app's functions. Working days come straight from the `chinese-days` data package.
 */
const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;

interface Row {
  departmentId: string;
  departmentName: string;
  state: string;
  deadline: string | null;
  decidedAt: Date | null;
  decidedOnTime: boolean | null;
  acceptedOn: string | null;
}

const shanghaiDate = (moment: Date) => shanghaiToday(moment);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

describe('approvals figures: 按期办结率, 逾期未办 and the department scorecard (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let departments: Map<string, string>;
  const today = shanghaiToday();
  const year = Number(today.slice(0, 4));

  /** A milestone of `itemCode` on a fresh project with these events (as the bureau; extensions as the leader). */
  const milestoneWith = async (
    itemCode: string,
    events: Array<{ type: string; at: string; reason?: string; days?: number }>,
    contractAmount = '1000.00',
  ) => {
    const project = await createProject(stack, tokens.bureau, departments.get('ZSJ')!, {
      industry: '新能源',
      contractAmount,
    });
    const created = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
      token: tokens.bureau,
      body: { itemCode },
    });
    expect(created.status).toBe(201);
    for (const event of events) {
      const answer = await stack.call('POST', `/api/milestones/${created.body.id}/events`, {
        token: event.type === 'extend' ? tokens.leader : tokens.bureau,
        body: event,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    return created.body.id as string;
  };

  beforeAll(async () => {
    stack = await startStack();
    tokens = await loginAll(stack);
    departments = await departmentIds(stack);
    // Beside the demo's milestones (dated back from today): decisions of this year and the last, on
    // time, late, rejected and deemed, in several departments — and one decided at 00:30 on 1 January
    // in Asia/Shanghai (still 31 December in UTC), which belongs to the year that starts.
    const accepted = (date: string) => [
      { type: 'submit', at: at(date, '09:00') },
      { type: 'accept', at: at(date, '15:00') },
    ];
    // Dated back from today so that every event is in the past whenever the tests run.
    const back = (days: number) => addDays(today, -days);
    await milestoneWith('LAND_PLAN', [...accepted(back(30)), { type: 'approve', at: at(back(29)) }]);
    await milestoneWith('CONSTRUCT', [...accepted(back(45)), { type: 'approve', at: at(back(20)) }]);
    await milestoneWith('EIA', [
      ...accepted(back(25)),
      { type: 'reject', at: at(back(24)), reason: '不符合环境准入' },
    ]);
    await milestoneWith('PLAN_REVIEW', accepted(back(30)), '20000.00');
    await milestoneWith('FIRE', [
      ...accepted(`${year - 1}-12-29`),
      { type: 'approve', at: `${year}-01-01T00:30:00+08:00` },
    ]);
    await milestoneWith('ENERGY', [
      ...accepted(`${year - 1}-12-01`),
      { type: 'approve', at: `${year - 1}-12-31T23:30:00+08:00` },
    ]);
    await milestoneWith('BUILD_PLAN', accepted(back(40)));
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const readRows = async (): Promise<Row[]> => {
    const dataSource = await stack.database.dataSource();
    const rows = (await dataSource.query(
      `SELECT m.department_id, d.name AS department_name, m.state, m.deadline, m.decided_at, m.decided_on_time,
              m.accepted_on
         FROM milestone m JOIN department d ON d.id = m.department_id`,
    )) as Array<Record<string, unknown>>;
    const date = (value: unknown) =>
      value === null ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    return rows.map((row) => ({
      departmentId: String(row['department_id']),
      departmentName: String(row['department_name']),
      state: String(row['state']),
      deadline: date(row['deadline']),
      decidedAt: row['decided_at'] === null ? null : new Date(row['decided_at'] as Date),
      decidedOnTime: row['decided_on_time'] === null ? null : Boolean(Number(row['decided_on_time'])),
      acceptedOn: date(row['accepted_on']),
    }));
  };

  const decidedIn = (row: Row, y: number, asOf: Date) =>
    row.decidedAt !== null && shanghaiDate(row.decidedAt).startsWith(`${y}-`) && row.decidedAt <= asOf;
  const onTime = (row: Row) => row.decidedOnTime === true && row.state !== 'deemed_approved';

  it('summary.approvals equals the count over the rows: decided in the year, on time, overdue and open', async () => {
    const summary = await stack.call('GET', '/api/dashboard/summary', { token: tokens.leader });
    expect(summary.status).toBe(200);
    const asOf = new Date(summary.body.asOf);
    const rows = await readRows();
    const decided = rows.filter((row) => decidedIn(row, year, asOf));
    const timely = decided.filter(onTime);
    const overdueOpen = rows.filter(
      (row) =>
        row.deadline !== null && row.deadline < today && (row.decidedAt === null || row.decidedAt > asOf),
    );
    expect(decided.length).toBeGreaterThan(0);
    expect(overdueOpen.length).toBeGreaterThan(0);
    expect(summary.body.approvals).toEqual({
      decidedCount: decided.length,
      onTimeCount: timely.length,
      onTimeRate: timely.length / decided.length,
      overdueOpen: overdueOpen.length,
    });
    expect(rows.some((row) => row.state === 'deemed_approved')).toBe(true);

    // Last year: only the decisions dated last year in Asia/Shanghai.
    const last = await stack.call('GET', `/api/dashboard/summary?year=${year - 1}`, { token: tokens.leader });
    const lastDecided = rows.filter((row) => decidedIn(row, year - 1, asOf));
    expect(lastDecided.length).toBeGreaterThan(0);
    expect(last.body.approvals).toMatchObject({
      decidedCount: lastDecided.length,
      onTimeCount: lastDecided.filter(onTime).length,
    });
  });

  it('the scorecard per department and its ranking equal the independent computation', async () => {
    const answer = await stack.call('GET', `/api/dashboard/departments?year=${year}`, { token: tokens.dept });
    expect(answer.status).toBe(200);
    const now = new Date();
    const rows = await readRows();
    const byDepartment = new Map<string, Row[]>();
    for (const row of rows)
      byDepartment.set(row.departmentId, [...(byDepartment.get(row.departmentId) ?? []), row]);
    const expected = [...byDepartment.entries()].map(([departmentId, own]) => {
      const handled = own.filter((row) => decidedIn(row, year, now));
      return {
        departmentId,
        departmentName: own[0]!.departmentName,
        handled: handled.length,
        onTimeRate: handled.length ? handled.filter(onTime).length / handled.length : null,
        medianWorkingDays: median(
          handled
            .filter((row) => row.acceptedOn !== null)
            .map((row) => workingDaysBetween(row.acceptedOn!, shanghaiDate(row.decidedAt!))),
        ),
        overdueOpen: own.filter(
          (row) => row.decidedAt === null && row.deadline !== null && row.deadline < today,
        ).length,
        deemedApprovals: handled.filter((row) => row.state === 'deemed_approved').length,
      };
    });
    const items = answer.body.items as Array<
      Record<string, unknown> & { departmentId: string; rank: number }
    >;
    // Every department holding a milestone is scored; any other one has handled nothing.
    for (const score of expected) {
      const item = items.find((candidate) => candidate.departmentId === score.departmentId);
      expect(item, score.departmentName).toMatchObject(score);
    }
    for (const item of items.filter((candidate) => !byDepartment.has(candidate.departmentId))) {
      expect(item).toMatchObject({ handled: 0, overdueOpen: 0, deemedApprovals: 0, onTimeRate: null });
    }
    // Ranks 1..n in order: the best on-time rate first (those that decided nothing last), then fewer
    // overdue, fewer deemed approvals, more handled.
    expect(items.map((item) => item.rank)).toEqual(items.map((_, index) => index + 1));
    const key = (item: Record<string, unknown>) => [
      item['onTimeRate'] === null ? -1 : (item['onTimeRate'] as number),
      -(item['overdueOpen'] as number),
      -(item['deemedApprovals'] as number),
      item['handled'] as number,
    ];
    for (let index = 1; index < items.length; index += 1) {
      const [a, b] = [key(items[index - 1]!), key(items[index]!)];
      const firstDifference = a.findIndex((value, position) => value !== b[position]);
      if (firstDifference >= 0) {
        expect(
          a[firstDifference]!,
          `${String(items[index - 1]!['departmentName'])} before ${String(items[index]!['departmentName'])}`,
        ).toBeGreaterThan(b[firstDifference]!);
      }
    }
  });

  it('a department user reads the same scorecard and summary figures (they are district-wide)', async () => {
    const [leader, dept] = await Promise.all(
      [tokens.leader, tokens.dept].map((token) =>
        stack.call('GET', `/api/dashboard/departments?year=${year}`, { token }),
      ),
    );
    expect(dept!.body.items).toEqual(leader!.body.items);
  });
});
