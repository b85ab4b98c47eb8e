import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { clockContext, sh } from '../testing/published-calendar';
import { allowedEvents } from './allowed-events';
import {
  computeClock,
  cureOverdue,
  type EventRequest,
  type MilestoneEvent,
  validateEvent,
} from './milestone';

// The real 2026 calendar as published (State Council), from the maintained data package: Thu 24 Sep
// is worked, 25 Sep (中秋) and 1–7 Oct are holidays, Sat 10 Oct is a 调休 workday.
const context = clockContext;

/** Record `request` on `events` as the department would, at `now` (the request's moment by default). */
function record(
  events: MilestoneEvent[],
  request: Omit<EventRequest, 'actorRole'>,
  ctx = context(),
  now = request.at,
): MilestoneEvent[] {
  return [...events, validateEvent(events, { ...request, actorRole: 'department' }, ctx, now)];
}

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const submitted: MilestoneEvent[] = [{ type: 'submit', at: sh('2026-09-24T09:00:00') }];
const acceptWithMissing = (cureDeadline: string) =>
  record(submitted, {
    type: 'accept',
    at: sh('2026-09-24T10:00:00'),
    missingMaterials: [' 环评批复（原件） ', ''],
    cureDeadline,
  });

describe('容缺受理 on the real 2026 calendar', () => {
  it('accepts with materials missing; the clock runs as usual and shows 容缺 until the cure', () => {
    const events = acceptWithMissing('2026-10-09');
    const clock = computeClock(events, context(), sh('2026-09-30T12:00:00'));
    // 10 promised working days from Thu 24 Sep: 28, 29, 30 Sep, 8, 9, 10 (Sat, worked), 12–15 Oct.
    expect(clock).toMatchObject({ state: 'accepted', deadline: '2026-10-15', light: 'green' });
    expect(clock.cure).toEqual({
      missingMaterials: ['环评批复（原件）'],
      deadline: '2026-10-09',
      curedAt: null,
    });
    expect(cureOverdue(clock.cure, '2026-10-09')).toBe(false);
    expect(cureOverdue(clock.cure, '2026-10-10')).toBe(true);
    expect(allowedEvents('accepted', 'department', { curePending: true })).not.toContain('approve');

    // No approval and no termination before the cure deadline; the cure on its last day.
    expect(
      refusal(() => record(events, { type: 'approve', at: sh('2026-10-08T10:00:00') })).message,
    ).toContain('cured before the approval');
    expect(
      refusal(() => record(events, { type: 'terminate', at: sh('2026-10-09T10:00:00'), reason: '未补正' }))
        .message,
    ).toContain('only after the cure deadline (2026-10-09)');
    const cured = record(events, { type: 'cure', at: sh('2026-10-09T16:00:00') });
    const after = computeClock(cured, context(), sh('2026-10-12T09:00:00'));
    expect(after.cure?.curedAt).toEqual(sh('2026-10-09T16:00:00'));
    expect(after).toMatchObject({ state: 'accepted', deadline: '2026-10-15', remainingWorkingDays: 3 });
    expect(refusal(() => record(cured, { type: 'cure', at: sh('2026-10-12T10:00:00') })).code).toBe(
      'milestone_event_not_allowed',
    );
    const approved = record(cured, { type: 'approve', at: sh('2026-10-13T10:00:00') });
    expect(computeClock(approved, context(), sh('2026-10-13T11:00:00'))).toMatchObject({
      state: 'approved',
      decidedOnTime: true,
    });
  });

  it('terminates, with a reason, once the cure deadline passed without the materials', () => {
    const events = acceptWithMissing('2026-10-09');
    const at = sh('2026-10-10T09:00:00'); // the 调休 Saturday, the day after the deadline
    const noReason = refusal(() => record(events, { type: 'terminate', at }));
    expect(noReason).toMatchObject({ code: 'reason_required', params: { field: 'reason' } });
    const terminated = record(events, { type: 'terminate', at, reason: '逾期未补正环评批复' });
    const clock = computeClock(terminated, context(), sh('2026-10-20T09:00:00'));
    expect(clock).toMatchObject({
      state: 'discontinued',
      light: null,
      remainingWorkingDays: null,
      decidedAt: at,
    });
    expect(clock.nextChangeAt).toBeNull();
    expect(
      refusal(() => record(terminated, { type: 'cure', at: sh('2026-10-12T09:00:00') })).message,
    ).toContain('decided');
    expect(allowedEvents('discontinued', 'admin')).toEqual([]);
  });

  it('refuses a cure deadline beyond the promised working days, or not after the acceptance date (400 naming the field)', () => {
    // 2026-10-15 is the 10th working day (within); 10-16 is beyond — 10 calendar days would end 4 Oct.
    expect(acceptWithMissing('2026-10-15').at(-1)?.cureDeadline).toBe('2026-10-15');
    for (const deadline of ['2026-10-16', '2026-09-24', '2026-09-01']) {
      const error = refusal(() => acceptWithMissing(deadline));
      expect(error).toMatchObject({
        kind: 'validation',
        code: 'cure_deadline_out_of_range',
        params: { field: 'cureDeadline', acceptedOn: '2026-09-24', limit: '2026-10-15', promisedDays: 10 },
      });
    }
    const at = sh('2026-09-24T10:00:00');
    expect(
      refusal(() => record(submitted, { type: 'accept', at, missingMaterials: ['图纸'] })),
    ).toMatchObject({ code: 'field_required', params: { field: 'cureDeadline' } });
    expect(
      refusal(() => record(submitted, { type: 'accept', at, cureDeadline: '2026-10-09' })),
    ).toMatchObject({ code: 'field_required', params: { field: 'missingMaterials' } });
    expect(
      refusal(() =>
        record(submitted, { type: 'accept', at, missingMaterials: [' '], cureDeadline: '2026-10-09' }),
      ),
    ).toMatchObject({ code: 'field_not_empty', params: { field: 'missingMaterials' } });
    expect(
      refusal(() =>
        record([], { type: 'submit', at, missingMaterials: ['图纸'], cureDeadline: '2026-10-09' }),
      ),
    ).toMatchObject({ code: 'field_not_allowed', params: { field: 'missingMaterials' } });
  });

  it('holds 超时默认 while the materials are missing', () => {
    const ctx = context({ deemedApproval: true }, '20000.00');
    const events = record(
      submitted,
      {
        type: 'accept',
        at: sh('2026-09-24T10:00:00'),
        missingMaterials: ['图纸'],
        cureDeadline: '2026-10-15',
      },
      ctx,
    );
    expect(computeClock(events, ctx, sh('2026-10-16T09:00:00'))).toMatchObject({
      state: 'accepted',
      light: 'red',
    });
  });
});

describe('告知承诺制 on the real 2026 calendar', () => {
  const accepted = record(submitted, { type: 'accept', at: sh('2026-09-24T10:00:00') });

  it('approves on a promise; the approval stands and waits for 核查通过 by verifyBy', () => {
    const approvedAt = sh('2026-10-10T10:00:00');
    const events = record(accepted, {
      type: 'approve',
      at: approvedAt,
      byPromise: true,
      verifyBy: '2026-12-31',
    });
    const clock = computeClock(events, context(), sh('2026-11-02T09:00:00'));
    expect(clock).toMatchObject({
      state: 'approved',
      decidedAt: approvedAt,
      decidedOnTime: true,
      light: null,
    });
    expect(clock.promise).toEqual({
      verifyBy: '2026-12-31',
      outcome: null,
      verifiedAt: null,
      failureReason: null,
    });
    expect(allowedEvents('approved', 'department', { promisePending: true })).toEqual([
      'verified',
      'verification_failed',
    ]);
    const verified = record(events, { type: 'verified', at: sh('2026-11-02T10:00:00') });
    expect(computeClock(verified, context(), sh('2026-11-03T09:00:00'))).toMatchObject({
      state: 'approved',
      promise: { outcome: 'verified', verifiedAt: sh('2026-11-02T10:00:00') },
    });
    expect(
      refusal(() =>
        record(verified, { type: 'verification_failed', at: sh('2026-11-03T10:00:00'), reason: 'x' }),
      ).message,
    ).toContain('verified already');
  });

  it('records a failed verification with a reason: the approval stands, flagged', () => {
    const events = record(accepted, {
      type: 'approve',
      at: sh('2026-10-12T10:00:00'),
      byPromise: true,
      verifyBy: '2026-10-12',
    });
    const at = sh('2026-10-20T10:00:00'); // late: still recorded (promise_unverified resolves)
    expect(refusal(() => record(events, { type: 'verification_failed', at }))).toMatchObject({
      code: 'reason_required',
    });
    const failed = record(events, { type: 'verification_failed', at, reason: '现场核查与承诺不符' });
    expect(computeClock(failed, context(), at)).toMatchObject({
      state: 'approved',
      promise: { outcome: 'verification_failed', failureReason: '现场核查与承诺不符' },
    });
  });

  it('refuses a verifyBy before the approval date, a promise without verifyBy, and verification of a plain approval', () => {
    const at = sh('2026-10-12T10:00:00');
    expect(
      refusal(() => record(accepted, { type: 'approve', at, byPromise: true, verifyBy: '2026-10-09' })),
    ).toMatchObject({
      code: 'verify_by_before_approval',
      params: { field: 'verifyBy', approvedOn: '2026-10-12' },
    });
    expect(refusal(() => record(accepted, { type: 'approve', at, byPromise: true }))).toMatchObject({
      code: 'field_required',
      params: { field: 'verifyBy' },
    });
    expect(refusal(() => record(accepted, { type: 'approve', at, verifyBy: '2026-12-31' }))).toMatchObject({
      code: 'field_not_allowed',
      params: { field: 'verifyBy' },
    });
    const plain = record(accepted, { type: 'approve', at });
    expect(computeClock(plain, context(), at).promise).toBeNull();
    expect(refusal(() => record(plain, { type: 'verified', at: sh('2026-10-13T10:00:00') })).code).toBe(
      'milestone_event_not_allowed',
    );
  });
});
