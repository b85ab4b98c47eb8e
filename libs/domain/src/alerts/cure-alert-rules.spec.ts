import { describe, expect, it } from 'vitest';
import { ALERT_KIND_LABELS } from './alert-labels';
import { type MilestoneFacts, milestoneCureConditions } from './alert-rules';

const milestone: MilestoneFacts = {
  id: '7',
  projectId: '2',
  departmentId: '3',
  state: 'accepted',
  light: 'green',
  deadline: '2026-10-15',
  decidedAt: null,
  cureDeadline: null,
  curedAt: null,
  verifyBy: null,
  verified: false,
};

describe('cure_overdue (容缺 not cured by its deadline)', () => {
  const missing = { ...milestone, cureDeadline: '2026-10-09' };

  it('holds from the day after the cure deadline, level 2, on the milestone', () => {
    expect(milestoneCureConditions(missing, '2026-10-09')).toEqual([]);
    expect(milestoneCureConditions(missing, '2026-10-10')).toEqual([
      {
        kind: 'cure_overdue',
        subjectType: 'milestone',
        subjectId: '7',
        departmentId: '3',
        projectId: '2',
        level: 2,
        detail: { cureDeadline: '2026-10-09' },
      },
    ]);
  });

  it('clears on the cure and on termination (the milestone is decided)', () => {
    expect(
      milestoneCureConditions({ ...missing, curedAt: new Date('2026-10-12T02:00:00Z') }, '2026-10-20'),
    ).toEqual([]);
    expect(
      milestoneCureConditions(
        { ...missing, state: 'discontinued', decidedAt: new Date('2026-10-12T02:00:00Z') },
        '2026-10-20',
      ),
    ).toEqual([]);
    expect(milestoneCureConditions(milestone, '2026-12-31')).toEqual([]);
  });
});

describe('promise_unverified (告知承诺 not verified by verifyBy)', () => {
  const promised = {
    ...milestone,
    state: 'approved',
    light: null,
    decidedAt: new Date('2026-10-12T02:00:00Z'),
    verifyBy: '2026-12-31',
  };

  it('holds from the day after verifyBy until a verification event, level 2', () => {
    expect(milestoneCureConditions(promised, '2026-12-31')).toEqual([]);
    expect(milestoneCureConditions(promised, '2027-01-01')).toMatchObject([
      { kind: 'promise_unverified', level: 2, subjectId: '7', detail: { verifyBy: '2026-12-31' } },
    ]);
    expect(milestoneCureConditions({ ...promised, verified: true }, '2027-01-01')).toEqual([]);
  });

  it('has its one name in both languages', () => {
    expect(ALERT_KIND_LABELS.cure_overdue['zh-CN']).toBe('容缺补正逾期');
    expect(ALERT_KIND_LABELS.promise_unverified.en).toBe('Promise not verified');
  });
});
