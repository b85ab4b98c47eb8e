/* Generated districts shared by the figures and cockpit scenarios: a seeded draw and the stage walk. */
import type { TestStack } from '@luodi/testing';
import { expect } from 'vitest';
import { addDays, money, seeded } from './fixtures';

export const DEPARTMENT_CODES = ['ZRZYJ', 'FGJ', 'ZJJ'];
export const PIPELINE = ['negotiating', 'signed', 'registered', 'started', 'operating'] as const;
export const DATE_FIELD = {
  signed: 'signedAt',
  registered: 'registeredAt',
  started: 'startedAt',
  operating: 'operatingAt',
} as const;

/** The scope of a figure: all, one source, one department. */
export interface Filter {
  source?: string;
  departmentId?: string;
}

/** The stage dates a generated project keeps in the test's model. */
export interface StagedProject {
  signedAt: string | null;
  registeredAt: string | null;
  startedAt: string | null;
  operatingAt: string | null;
  terminatedAt: string | null;
}

/** A generated project in the test's model: what the API was given, its stage dates, its id once created. */
export interface GeneratedProject extends StagedProject {
  id: string;
  source: string;
  departmentId: string;
  amount: bigint;
  talksStartedAt: string;
}

/** A project of the model before its walk (no stage dates yet, no id until created). */
export function newGeneratedProject<P extends GeneratedProject>(
  fields: Omit<P, 'id' | keyof StagedProject>,
): P {
  return {
    id: '',
    signedAt: null,
    registeredAt: null,
    startedAt: null,
    operatingAt: null,
    terminatedAt: null,
    ...fields,
  } as P;
}

/** A monthly report the test entered, with the moment it was backdated to. */
export interface GeneratedReport {
  month: string;
  amount: bigint;
  reportedAt: Date;
}

export type StageChange = { stage: string; at: string; reason?: string };

export function ratio(numerator: bigint | number, denominator: bigint | number): number | null {
  return Number(denominator) === 0 ? null : Number(numerator) / Number(denominator);
}

export const minDate = (a: string, b: string) => (a < b ? a : b);

/** A seeded draw: the same seed gives the same district on every run. */
export function seededDraw(seed: number) {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (from: string, to: string): string => {
    const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    return addDays(from, Math.floor(random() * (Math.max(0, span) + 1)));
  };
  return { random, pick, between };
}

/**
 * A random walk through the stages from `talksStartedAt` (jumps of two stages now and then, sometimes
 * a termination), no date after `lastDay`: writes the stage dates into the project's model and
 * returns the stage changes to make through the API.
 */
export function walkStages(
  draw: ReturnType<typeof seededDraw>,
  project: StagedProject,
  talksStartedAt: string,
  lastDay: string,
): StageChange[] {
  const { random, pick, between } = draw;
  const target = pick([0, 1, 1, 2, 2, 3, 3, 3, 4]);
  const changes: StageChange[] = [];
  let position = 0;
  let last = talksStartedAt;
  while (position < target) {
    const jump = random() < 0.3 ? Math.min(target, position + 2) : position + 1;
    const at = minDate(between(last, addDays(last, 150)), lastDay);
    for (let stage = position + 1; stage <= jump; stage += 1) {
      project[DATE_FIELD[PIPELINE[stage] as keyof typeof DATE_FIELD]] = at;
    }
    changes.push({ stage: PIPELINE[jump]!, at });
    position = jump;
    last = at;
  }
  if (position < 4 && random() < 0.15) {
    const at = minDate(between(last, addDays(last, 90)), lastDay);
    project.terminatedAt = at;
    changes.push({ stage: 'terminated', at, reason: '投资方终止合作' });
  }
  return changes;
}

/**
 * When the report of `month` (1–12) of `year` was entered: a random moment within `days` days of the
 * next month's start (Asia/Shanghai), never after a minute ago.
 */
export function reportedAtFor(year: number, month: number, randomValue: number, days: number): Date {
  const nextMonthStart = new Date(
    `${month === 12 ? year + 1 : year}-${String((month % 12) + 1).padStart(2, '0')}-01T00:00:00+08:00`,
  );
  return new Date(
    Math.min(nextMonthStart.getTime() + Math.floor(randomValue * days * 86_400_000), Date.now() - 60_000),
  );
}

/**
 * The monthly reports of a key work of `year` through the API (a month skipped with probability
 * `skip`, amounts below `maxAmount`, `body` added to each), each backdated to `reportedAtFor` the
 * month within `days` days: returns what was entered, in month order.
 */
export async function enterMonthlyReports(
  stack: TestStack,
  token: string,
  draw: ReturnType<typeof seededDraw>,
  work: { id: string; year: number },
  options: { skip: number; maxAmount: number; days: number; body?: Record<string, string> },
): Promise<GeneratedReport[]> {
  const dataSource = await stack.database.dataSource();
  const reports: GeneratedReport[] = [];
  for (let month = 1; month <= 12; month += 1) {
    if (draw.random() < options.skip) continue;
    const label = `${work.year}-${String(month).padStart(2, '0')}`;
    const amount = BigInt(Math.floor(draw.random() * options.maxAmount));
    const reportedAt = reportedAtFor(work.year, month, draw.random(), options.days);
    const answer = await stack.call('POST', `/api/key-works/${work.id}/reports`, {
      token,
      body: { month: label, completedInvestment: money(amount), ...options.body },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    await dataSource.query('UPDATE key_work_report SET reported_at = ? WHERE key_work_id = ? AND month = ?', [
      reportedAt,
      work.id,
      label,
    ]);
    reports.push({ month: label, amount, reportedAt });
  }
  return reports;
}

/** Run the plans eight at a time. */
export async function inBatchesOfEight(plans: Array<() => Promise<void>>): Promise<void> {
  for (let start = 0; start < plans.length; start += 8) {
    await Promise.all(plans.slice(start, start + 8).map((plan) => plan()));
  }
}
