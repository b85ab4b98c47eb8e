import { type Condition, WorkingCalendar } from '@luodi/domain';
import type { AlertEntity } from '@luodi/persistence';
import { describe, expect, it } from 'vitest';
import { byNumericId, planChunk, planIsEmpty } from './plan-chunk';

const calendar = new WorkingCalendar([]);
const today = '2026-12-07';
const now = new Date('2026-12-07T02:00:00Z');
const earlier = new Date('2026-12-01T02:00:00Z');

const condition = (subjectId: string, kind: Condition['kind'], level: 1 | 2, detail = {}): Condition => ({
  kind,
  subjectType: 'milestone',
  subjectId,
  departmentId: '7',
  projectId: '70',
  level,
  detail,
});

const alert = (subjectId: string, kind: string, patch: Partial<AlertEntity> = {}): AlertEntity =>
  ({
    id: `a${subjectId}`,
    kind,
    subjectType: 'milestone',
    subjectId,
    projectId: '70',
    departmentId: '7',
    level: 1,
    round: 0,
    status: 'open',
    acknowledgedLevel: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ackNote: null,
    detail: '{}',
    raisedAt: earlier,
    levelSince: earlier,
    resolvedAt: null,
    ...patch,
  }) as AlertEntity;

describe('planChunk: what one chunk of a check writes', () => {
  it('raises, reopens (next round), escalates, refreshes facts, resolves, and leaves the rest', () => {
    const conditions = new Map<string, Condition[]>([
      ['1', [condition('1', 'milestone_due', 1)]],
      ['2', [condition('2', 'milestone_due', 1)]],
      ['3', [condition('3', 'milestone_overdue', 2)]],
      ['4', [condition('4', 'milestone_due', 1, { days: 2 })]],
      ['5', [condition('5', 'milestone_due', 1)]],
      ['6', []],
    ]);
    const existing = [
      alert('2', 'milestone_due', {
        status: 'resolved',
        round: 1,
        acknowledgedLevel: 1,
        resolvedAt: earlier,
      }),
      alert('3', 'milestone_overdue', { level: 1 }),
      alert('4', 'milestone_due'),
      alert('5', 'milestone_due'),
      alert('6', 'milestone_due'),
      // A subject outside the chunk is never resolved by it.
      alert('9', 'milestone_due'),
    ];
    const plan = planChunk(['1', '2', '3', '4', '5', '6'], conditions, existing, calendar, today, now);
    expect(plan.raised.map((change) => [change.row.subjectId, change.row.level, change.row.round])).toEqual([
      ['1', 1, 0],
    ]);
    expect(plan.reopened.map((change) => change.row)).toEqual([
      expect.objectContaining({
        id: 'a2',
        round: 2,
        status: 'open',
        acknowledgedLevel: null,
        resolvedAt: null,
        levelSince: now,
      }),
    ]);
    expect(plan.escalated.map((change) => [change.row.id, change.row.level])).toEqual([['a3', 2]]);
    expect(plan.detailOnly.map((change) => [change.row.id, change.row.detail])).toEqual([
      ['a4', '{"days":2}'],
    ]);
    expect(plan.resolved.map((resolved) => resolved.id)).toEqual(['a6']);
    expect(planIsEmpty(plan)).toBe(false);
  });

  it('is empty when the alerts already match (a second run, or another process, did the work)', () => {
    const conditions = new Map([['1', [condition('1', 'milestone_due', 1)]]]);
    expect(
      planIsEmpty(planChunk(['1'], conditions, [alert('1', 'milestone_due')], calendar, today, now)),
    ).toBe(true);
  });

  it('orders ids as numbers', () => {
    expect(['10', '9', '100', '11'].sort(byNumericId)).toEqual(['9', '10', '11', '100']);
  });
});
