import { LIGHT_GREEN, LIGHT_RED, LIGHT_YELLOW } from '@luodi/charts';
import { describe, expect, it } from 'vitest';
import { MILESTONE_STATES, type MilestoneState } from '../../api/approvals';
import { ROLES } from '../../auth/types';
import {
  allowedEvents,
  byCatalogOrder,
  contextOf,
  flagTags,
  isFutureMoment,
  lightColor,
  needsReason,
  promisedWithinStatutory,
  remainingOf,
} from './milestone-rules';

describe('allowedEvents', () => {
  it('offers a handling user (department, bureau) exactly the state machine’s next events', () => {
    const expected: Record<MilestoneState, string[]> = {
      planned: ['submit'],
      submitted: ['accept', 'request_supplement'],
      supplement_requested: ['submit'],
      accepted: ['approve', 'reject', 'suspend'],
      suspended: ['resume'],
      approved: [],
      rejected: [],
      deemed_approved: [],
      discontinued: [],
    };
    for (const role of ['department', 'bureau'] as const) {
      for (const state of MILESTONE_STATES)
        expect(allowedEvents(state, role), `${role} ${state}`).toEqual(expected[state]);
    }
  });

  it('offers 补正 and (after the cure deadline) 终止 while 容缺, never 准予; 核查 on a promise approval', () => {
    expect(allowedEvents('accepted', 'department', { curePending: true })).toEqual([
      'reject',
      'suspend',
      'cure',
    ]);
    expect(allowedEvents('accepted', 'department', { curePending: true, cureOverdue: true })).toEqual([
      'reject',
      'suspend',
      'cure',
      'terminate',
    ]);
    expect(allowedEvents('suspended', 'bureau', { curePending: true })).toEqual(['resume', 'cure']);
    expect(allowedEvents('approved', 'department', { promisePending: true })).toEqual([
      'verified',
      'verification_failed',
    ]);
    expect(allowedEvents('approved', 'department', { promisePending: true, ownDepartment: false })).toEqual(
      [],
    );
    expect(allowedEvents('approved', 'leader', { promisePending: true })).toEqual([]);
    expect(allowedEvents('discontinued', 'admin')).toEqual([]);
  });

  it('reads the 容缺 / 告知承诺 flags of a row into the context and its tags', () => {
    const row = {
      extensionDays: 0,
      remainingWorkingDays: 5,
      departmentId: '3',
      cure: { deadline: '2026-03-06', curedAt: null, overdue: true },
      promise: null,
    };
    expect(contextOf(row)).toMatchObject({ curePending: true, cureOverdue: true, promisePending: false });
    expect(flagTags(row)).toEqual([{ key: 'cureOverdue', type: 'danger' }]);
    expect(
      flagTags({
        cure: { deadline: '2026-03-06', curedAt: '2026-03-05T02:00:00.000Z', overdue: false },
        promise: { verifyBy: '2026-06-30', outcome: null, overdue: false },
      }),
    ).toEqual([{ key: 'promise', type: 'warning' }]);
    expect(
      flagTags({ promise: { verifyBy: '2026-06-30', outcome: 'verification_failed', overdue: false } }),
    ).toEqual([{ key: 'verificationFailed', type: 'danger' }]);
  });

  it('never offers request_supplement after acceptance (首办负责制) nor deciding while suspended', () => {
    for (const role of ROLES) {
      expect(allowedEvents('accepted', role)).not.toContain('request_supplement');
      expect(allowedEvents('suspended', role)).not.toContain('request_supplement');
      expect(allowedEvents('suspended', role)).not.toContain('approve');
      expect(allowedEvents('suspended', role)).not.toContain('reject');
    }
  });

  it('gives a leader only the extension, once, before the deadline, on an accepted or suspended milestone', () => {
    expect(allowedEvents('accepted', 'leader')).toEqual(['extend']);
    expect(allowedEvents('suspended', 'leader')).toEqual(['extend']);
    expect(allowedEvents('accepted', 'leader', { extended: true })).toEqual([]);
    expect(allowedEvents('accepted', 'leader', { deadlinePassed: true })).toEqual([]);
    for (const state of ['planned', 'submitted', 'supplement_requested', 'approved', 'rejected'] as const)
      expect(allowedEvents(state, 'leader')).toEqual([]);
  });

  it('never gives the bureau or a department the extension (a leader approves it)', () => {
    for (const state of MILESTONE_STATES) {
      expect(allowedEvents(state, 'bureau')).not.toContain('extend');
      expect(allowedEvents(state, 'department')).not.toContain('extend');
    }
  });

  it('gives an admin everything the state allows, the extension included', () => {
    expect(allowedEvents('accepted', 'admin')).toEqual(['approve', 'reject', 'suspend', 'extend']);
    expect(allowedEvents('accepted', 'admin', { extended: true })).toEqual(['approve', 'reject', 'suspend']);
    expect(allowedEvents('suspended', 'admin')).toEqual(['resume', 'extend']);
  });

  it('gives nothing on a decided milestone, to no one, and nothing without a role', () => {
    for (const role of ROLES)
      for (const state of ['approved', 'rejected', 'deemed_approved'] as const)
        expect(allowedEvents(state, role)).toEqual([]);
    expect(allowedEvents('accepted', null)).toEqual([]);
  });

  it('gives a department nothing on another department’s milestone', () => {
    const row = { extensionDays: 0, remainingWorkingDays: 3, departmentId: '7' };
    expect(allowedEvents('accepted', 'department', contextOf(row, '7'))).toEqual([
      'approve',
      'reject',
      'suspend',
    ]);
    expect(allowedEvents('accepted', 'department', contextOf(row, '8'))).toEqual([]);
  });
});

describe('contextOf', () => {
  it('reads the extension and an overdue clock from a list row', () => {
    expect(contextOf({ extensionDays: 3, remainingWorkingDays: 0, departmentId: '1' })).toEqual({
      extended: true,
      deadlinePassed: false,
      ownDepartment: true,
      curePending: false,
      cureOverdue: false,
      promisePending: false,
    });
    expect(contextOf({ extensionDays: 0, remainingWorkingDays: -1, departmentId: '1' }).deadlinePassed).toBe(
      true,
    );
    expect(
      contextOf({ extensionDays: 0, remainingWorkingDays: null, departmentId: '1' }).deadlinePassed,
    ).toBe(false);
  });
});

describe('display helpers', () => {
  it('reads remaining working days as left, overdue or none', () => {
    expect(remainingOf(5)).toEqual({ kind: 'left', days: 5 });
    expect(remainingOf(0)).toEqual({ kind: 'left', days: 0 });
    expect(remainingOf(-2)).toEqual({ kind: 'overdue', days: 2 });
    expect(remainingOf(null)).toEqual({ kind: 'none', days: 0 });
  });

  it('colours lights with the shared constants', () => {
    expect(lightColor('green')).toBe(LIGHT_GREEN);
    expect(lightColor('yellow')).toBe(LIGHT_YELLOW);
    expect(lightColor('red')).toBe(LIGHT_RED);
    expect(lightColor(null)).toBeNull();
  });

  it('asks a reason for reject, extend, request_supplement, terminate and a failed verification only', () => {
    expect(
      ['reject', 'extend', 'request_supplement', 'terminate', 'verification_failed'].every((type) =>
        needsReason(type as never),
      ),
    ).toBe(true);
    expect(
      ['submit', 'accept', 'approve', 'suspend', 'resume', 'cure', 'verified'].some((type) =>
        needsReason(type as never),
      ),
    ).toBe(false);
  });

  it('refuses future moments beyond a minute of clock skew', () => {
    const now = new Date('2026-03-02T02:00:00Z');
    expect(isFutureMoment(new Date('2026-03-02T02:00:30Z'), now)).toBe(false);
    expect(isFutureMoment(new Date('2026-03-02T02:05:00Z'), now)).toBe(true);
  });

  it('keeps the promised limit within the statutory one', () => {
    expect(promisedWithinStatutory(5, 20)).toBe(true);
    expect(promisedWithinStatutory(20, 20)).toBe(true);
    expect(promisedWithinStatutory(21, 20)).toBe(false);
    expect(promisedWithinStatutory(undefined, 20)).toBe(true);
  });

  it('orders a track by the catalog', () => {
    const order = new Map([
      ['FILING', 1],
      ['LAND_PRE', 2],
      ['CONSTRUCT', 9],
    ]);
    const rows = [
      { itemCode: 'CONSTRUCT' },
      { itemCode: 'ZZZ' },
      { itemCode: 'FILING' },
      { itemCode: 'LAND_PRE' },
    ];
    expect(byCatalogOrder(rows, order).map((row) => row.itemCode)).toEqual([
      'FILING',
      'LAND_PRE',
      'CONSTRUCT',
      'ZZZ',
    ]);
  });
});
