import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '../calendar/working-calendar';
import { DomainError } from '../errors';
import { clockContext, publishedCalendar, sh } from '../testing/published-calendar';
import {
  computeClock,
  deadlineDay,
  type MilestoneEvent,
  remainingWorkingDays,
  validateEvent,
} from './milestone';

// The real 2026 calendar as published (State Council), from the maintained data package.
const calendar = publishedCalendar;
const context = clockContext;

const accepted = (acceptAt: string): MilestoneEvent[] => [
  { type: 'submit', at: sh(acceptAt) },
  { type: 'accept', at: sh(acceptAt) },
];

function conflict(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return `${error.kind}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the clock at the edges of the real 2026 calendar', () => {
  it('acceptance on the last working day before the Spring Festival (Fri 13 Feb; Sat 14 Feb is a 调休 workday)', () => {
    const clock = computeClock(
      accepted('2026-02-13T10:00:00'),
      context({ promisedDays: 3 }),
      sh('2026-02-13T11:00:00'),
    );
    expect(clock.acceptedOn).toBe('2026-02-13');
    // 14 Feb (Sat, worked) = 1; 15–23 Feb holiday; 24 Feb = 2; 25 Feb = 3.
    expect(clock.deadline).toBe('2026-02-25');
    expect(clock.remainingWorkingDays).toBe(3);
    expect(clock.light).toBe('yellow');
  });

  it('acceptance on the last working day before National Day (Wed 30 Sep)', () => {
    expect(deadlineDay(calendar, '2026-09-30', 1, 0)).toBe('2026-10-08');
    expect(deadlineDay(calendar, '2026-09-30', 3, 0)).toBe('2026-10-10'); // Sat 10 Oct is worked
  });

  it('a deadline landing on a 调休 Saturday, the deadline day itself (0) and after it (−1, −1, −2)', () => {
    const events = accepted('2026-02-10T09:00:00');
    const ctx = context({ promisedDays: 4 });
    expect(computeClock(events, ctx, sh('2026-02-14T12:00:00'))).toMatchObject({
      deadline: '2026-02-14',
      remainingWorkingDays: 0,
      light: 'yellow',
    });
    expect(computeClock(events, ctx, sh('2026-02-15T12:00:00'))).toMatchObject({
      remainingWorkingDays: -1,
      light: 'red',
    });
    expect(computeClock(events, ctx, sh('2026-02-24T12:00:00')).remainingWorkingDays).toBe(-1); // first working day after
    expect(computeClock(events, ctx, sh('2026-02-25T12:00:00')).remainingWorkingDays).toBe(-2);
  });

  it('suspension across a holiday pushes the deadline by the working days suspended (suspend day in, resume day out)', () => {
    const ctx = context({ promisedDays: 10 });
    const base = accepted('2026-09-21T09:00:00');
    expect(computeClock(base, ctx, sh('2026-09-21T10:00:00')).deadline).toBe('2026-10-12');
    const events: MilestoneEvent[] = [
      ...base,
      { type: 'suspend', at: sh('2026-09-29T15:00:00') },
      { type: 'resume', at: sh('2026-10-09T09:00:00') },
    ];
    const clock = computeClock(events, ctx, sh('2026-10-09T10:00:00'));
    expect(clock.suspendedWorkingDays).toBe(3); // 29 Sep, 30 Sep, 8 Oct
    expect(clock.deadline).toBe('2026-10-15');
  });

  it('extension days move the deadline by working days', () => {
    const ctx = context({ promisedDays: 5 });
    const events: MilestoneEvent[] = [
      ...accepted('2026-11-02T09:00:00'),
      { type: 'extend', at: sh('2026-11-03T09:00:00'), days: 5, reason: '专家评审' },
    ];
    expect(computeClock(events, ctx, sh('2026-11-03T10:00:00'))).toMatchObject({
      deadline: '2026-11-16',
      extensionDays: 5,
    });
  });

  it('uses the Shanghai date of a moment near midnight, whatever the server time zone', () => {
    // 16:30 UTC on 29 Sep is 00:30 on 30 Sep in Shanghai.
    const events: MilestoneEvent[] = [
      { type: 'submit', at: new Date('2026-09-29T16:20:00Z') },
      { type: 'accept', at: new Date('2026-09-29T16:30:00Z') },
    ];
    const clock = computeClock(events, context({ promisedDays: 1 }), new Date('2026-09-29T16:40:00Z'));
    expect(clock.acceptedOn).toBe('2026-09-30');
    expect(clock.deadline).toBe('2026-10-08');
    // 23:59 on the deadline day in Shanghai is still on time; one minute later is overdue.
    expect(computeClock(events, context({ promisedDays: 1 }), new Date('2026-10-08T15:59:00Z')).light).toBe(
      'yellow',
    );
    expect(computeClock(events, context({ promisedDays: 1 }), new Date('2026-10-08T16:00:00Z')).light).toBe(
      'red',
    );
  });

  it('counts a submission with no answer within 5 working days as accepted on the submit date', () => {
    const events: MilestoneEvent[] = [{ type: 'submit', at: sh('2026-11-02T10:00:00') }];
    const ctx = context({ promisedDays: 10 });
    const before = computeClock(events, ctx, sh('2026-11-09T23:00:00'));
    expect(before.state).toBe('submitted');
    expect(before.nextChangeAt?.toISOString()).toBe(sh('2026-11-10T00:00:00').toISOString());
    const after = computeClock(events, ctx, sh('2026-11-10T00:00:00'));
    expect(after).toMatchObject({
      state: 'accepted',
      acceptanceDeemed: true,
      acceptedOn: '2026-11-02',
      deadline: '2026-11-16',
    });
    // …and then the applicant cannot be sent back for materials.
    expect(
      conflict(() =>
        validateEvent(
          events,
          { type: 'request_supplement', at: sh('2026-11-10T09:00:00'), actorRole: 'department' },
          ctx,
          sh('2026-11-10T09:00:00'),
        ),
      ),
    ).toMatch(/^conflict: not allowed in state "accepted": after acceptance/);
  });

  it('applies 超时默认 at the deadline when the item allows it and the amount reaches the threshold', () => {
    const events = accepted('2026-11-02T09:00:00');
    const big = context({ promisedDays: 3, deemedApproval: true }, '10000.00');
    const clock = computeClock(events, big, sh('2026-11-06T00:00:01'));
    expect(clock).toMatchObject({ state: 'deemed_approved', decidedOnTime: false, deadline: '2026-11-05' });
    expect(clock.decidedAt?.toISOString()).toBe(new Date('2026-11-05T15:59:59.999Z').toISOString());
    const small = context({ promisedDays: 3, deemedApproval: true }, '9999.99');
    expect(computeClock(events, small, sh('2026-11-06T00:00:01'))).toMatchObject({
      state: 'accepted',
      light: 'red',
    });
  });

  it('tells when the light changes next: yellow at 3 remaining, red after the deadline, escalation at −3', () => {
    const events = accepted('2026-11-02T09:00:00'); // promised 10 → deadline Mon 16 Nov
    const ctx = context({ promisedDays: 10 });
    const green = computeClock(events, ctx, sh('2026-11-05T09:00:00'));
    expect(green.light).toBe('green');
    expect(green.nextChangeAt?.toISOString()).toBe(sh('2026-11-11T00:00:00').toISOString()); // 11 Nov: 12,13,16 left
    expect(computeClock(events, ctx, sh('2026-11-11T00:00:00')).light).toBe('yellow');
    expect(computeClock(events, ctx, sh('2026-11-10T23:59:59')).light).toBe('green');
    const red = computeClock(events, ctx, sh('2026-11-17T09:00:00'));
    expect(red.nextChangeAt?.toISOString()).toBe(sh('2026-11-19T00:00:00').toISOString());
  });
});

describe('events allowed in each state', () => {
  const ctx = context({ promisedDays: 5 });
  const now = sh('2026-11-20T12:00:00');
  const request = (type: Parameters<typeof validateEvent>[1]['type'], extra: object = {}) => ({
    type,
    at: sh('2026-11-20T11:00:00'),
    actorRole: 'department' as const,
    ...extra,
  });

  it('refuses events that do not fit the state, naming the state', () => {
    expect(conflict(() => validateEvent([], request('accept'), ctx, now))).toBe(
      'conflict: not allowed in state "planned": only submitted materials can be accepted',
    );
    const supplemented: MilestoneEvent[] = [
      { type: 'submit', at: sh('2026-11-19T09:00:00') },
      { type: 'request_supplement', at: sh('2026-11-19T10:00:00') },
      { type: 'submit', at: sh('2026-11-20T09:00:00') },
    ];
    // A new submission may get one supplement request of its own.
    expect(validateEvent(supplemented, request('request_supplement'), ctx, now).type).toBe(
      'request_supplement',
    );
    const twice: MilestoneEvent[] = [
      { type: 'submit', at: sh('2026-11-19T09:00:00') },
      { type: 'request_supplement', at: sh('2026-11-19T10:00:00') },
    ];
    expect(conflict(() => validateEvent(twice, request('request_supplement'), ctx, now))).toMatch(
      /supplement_requested/,
    );
  });

  it('allows an extension once, by a leader, before the deadline, within the maximum, with a reason', () => {
    const events = accepted('2026-11-16T09:00:00'); // deadline 23 Nov
    expect(
      validateEvent(events, request('extend', { actorRole: 'leader', days: 10, reason: '听证' }), ctx, now)
        .days,
    ).toBe(10);
    expect(
      conflict(() => validateEvent(events, request('extend', { days: 3, reason: 'x' }), ctx, now)),
    ).toMatch(/leader/);
    expect(
      conflict(() =>
        validateEvent(events, request('extend', { actorRole: 'leader', days: 11, reason: 'x' }), ctx, now),
      ),
    ).toMatch(/^validation: days: must be at most 10/);
    expect(
      conflict(() => validateEvent(events, request('extend', { actorRole: 'leader', days: 2 }), ctx, now)),
    ).toBe('validation: reason: is required for an extension');
    const extended = [
      ...events,
      { type: 'extend' as const, at: sh('2026-11-17T09:00:00'), days: 2, reason: 'x' },
    ];
    expect(
      conflict(() =>
        validateEvent(extended, request('extend', { actorRole: 'leader', days: 2, reason: 'y' }), ctx, now),
      ),
    ).toMatch(/allowed once/);
    const late = sh('2026-11-24T09:00:00');
    expect(
      conflict(() =>
        validateEvent(
          events,
          { type: 'extend', at: late, actorRole: 'leader', days: 2, reason: 'x' },
          ctx,
          late,
        ),
      ),
    ).toMatch(/before the deadline \(2026-11-23\)/);
  });

  it('needs a reason to reject, a resume before deciding, and takes nothing after the decision', () => {
    const events = accepted('2026-11-19T09:00:00');
    expect(conflict(() => validateEvent(events, request('reject'), ctx, now))).toBe(
      'validation: reason: is required to reject',
    );
    const suspended = [...events, { type: 'suspend' as const, at: sh('2026-11-19T10:00:00') }];
    expect(conflict(() => validateEvent(suspended, request('approve'), ctx, now))).toMatch(
      /resume the milestone before deciding/,
    );
    const decided = [...events, { type: 'approve' as const, at: sh('2026-11-19T11:00:00') }];
    expect(conflict(() => validateEvent(decided, request('suspend'), ctx, now))).toBe(
      'conflict: not allowed in state "approved": the milestone is decided; it takes no more events',
    );
  });

  it('refuses a future moment and one before the previous event', () => {
    const events = accepted('2026-11-19T09:00:00');
    expect(
      conflict(() =>
        validateEvent(events, { ...request('approve'), at: sh('2026-11-21T09:00:00') }, ctx, now),
      ),
    ).toBe('validation: at: must not be in the future');
    expect(
      conflict(() =>
        validateEvent(events, { ...request('approve'), at: sh('2026-11-18T09:00:00') }, ctx, now),
      ),
    ).toMatch(/^validation: at: must not be before the previous event/);
  });
});

describe('roles', () => {
  it('answers an extension by a department with 403 whatever the state', () => {
    const now = sh('2026-03-20T10:00:00');
    expect(
      conflict(() =>
        validateEvent(
          [],
          { type: 'extend', at: now, actorRole: 'department', days: 1, reason: 'x' },
          context(),
          now,
        ),
      ),
    ).toMatch(/^forbidden: role "department" may not extend/);
  });
});

describe('properties of the clock (fast-check)', () => {
  const dates = fc.integer({ min: 0, max: 330 }).map((offset) => addCalendarDays('2026-01-01', offset));

  it('the deadline never moves earlier when promised days, extension days or suspended days are added', () => {
    fc.assert(
      fc.property(
        dates,
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (accepted, promised, a, b) => {
          const base = deadlineDay(calendar, accepted, promised, a);
          expect(deadlineDay(calendar, accepted, promised + 1, a) > base).toBe(true);
          expect(deadlineDay(calendar, accepted, promised, a + b) >= base).toBe(true);
        },
      ),
    );
  });

  it('a suspension never makes the deadline earlier', () => {
    fc.assert(
      fc.property(
        dates,
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        (acceptedOn, startOffset, length) => {
          const events: MilestoneEvent[] = accepted(`${acceptedOn}T09:00:00`);
          const ctx = context({ promisedDays: 10 });
          const plain = computeClock(
            events,
            ctx,
            sh(`${addCalendarDays(acceptedOn, startOffset + length + 1)}T10:00:00`),
          ).deadline!;
          const suspended = [
            ...events,
            { type: 'suspend' as const, at: sh(`${addCalendarDays(acceptedOn, startOffset)}T10:00:00`) },
            {
              type: 'resume' as const,
              at: sh(`${addCalendarDays(acceptedOn, startOffset + length)}T11:00:00`),
            },
          ];
          const withSuspension = computeClock(
            suspended,
            ctx,
            sh(`${addCalendarDays(acceptedOn, startOffset + length + 1)}T10:00:00`),
          ).deadline!;
          expect(withSuspension >= plain).toBe(true);
        },
      ),
    );
  });

  it('remaining days fall by exactly one per working day, and weekends and holidays never count', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 25 }), (today, promised) => {
        const deadline = deadlineDay(calendar, today, promised, 0);
        expect(remainingWorkingDays(calendar, today, deadline)).toBe(promised);
        let previousDay = today;
        let previous = promised;
        for (
          let day = addCalendarDays(today, 1);
          day <= addCalendarDays(deadline, 15);
          day = addCalendarDays(day, 1)
        ) {
          const remaining = remainingWorkingDays(calendar, day, deadline);
          if (day <= deadline) {
            // Up to the deadline: one less on each working day, unchanged on other days.
            expect(remaining).toBe(calendar.isWorkingDay(day) ? previous - 1 : previous);
          } else if (previousDay === deadline) {
            expect(remaining).toBe(-1);
          } else {
            // Overdue: one more day overdue after each working day that passed.
            expect(remaining).toBe(calendar.isWorkingDay(previousDay) ? previous - 1 : previous);
          }
          previous = remaining;
          previousDay = day;
        }
      }),
    );
  });
});
