import { describe, expect, it } from 'vitest';
import { targetLevel } from '../alerts/alert-rules';
import { WorkingCalendar } from '../calendar/working-calendar';
import { DomainError } from '../errors';
import type { Role } from '../access/roles';
import { PROBLEM_ACTIONS, PROBLEM_STATUSES, type ProblemAction, type ProblemStatus } from './dispatch-lists';
import {
  allowedProblemActions,
  isProblemOverdue,
  noticeConditions,
  noticeNumber,
  type ProblemRelation,
  problemCode,
  problemConditions,
  transitionProblem,
} from './problem-rules';

const kindOf = (run: () => unknown): string => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return (error as DomainError).kind;
  }
};

describe('problem state machine (dispatch.md §1)', () => {
  // Expected outcome per (role, relation, status, action), written out from the spec.
  const expected = (role: Role, relation: ProblemRelation, status: ProblemStatus, action: ProblemAction) => {
    const owner = role === 'admin' || (role === 'department' && relation === 'owner');
    const reviewer = role === 'admin' || role === 'bureau' || role === 'leader';
    const allowedBy = action === 'start' || action === 'resolve' ? owner : reviewer;
    if (!allowedBy) return 'forbidden';
    const from = { start: 'open', resolve: 'in_progress', close: 'resolved', reject: 'resolved' }[action];
    return status === from ? 'ok' : 'conflict';
  };
  const actors: Array<[Role, ProblemRelation]> = [
    ['admin', 'none'],
    ['bureau', 'none'],
    ['leader', 'none'],
    ['department', 'owner'],
    ['department', 'co_owner'],
    ['department', 'none'],
  ];
  for (const [role, relation] of actors) {
    it(`${role} (${relation}): every action in every state`, () => {
      for (const status of PROBLEM_STATUSES) {
        for (const action of PROBLEM_ACTIONS) {
          const got = kindOf(() => transitionProblem(status, action, { role, relation }, 'text'));
          expect(got, `${status} ${action}`).toBe(expected(role, relation, status, action));
          expect(allowedProblemActions(status, role, relation).includes(action)).toBe(got === 'ok');
        }
      }
    });
  }

  it('moves open → in_progress → resolved → closed, and resolved → in_progress on 复核不通过', () => {
    const owner = { role: 'department' as const, relation: 'owner' as const };
    const bureau = { role: 'bureau' as const, relation: 'none' as const };
    expect(transitionProblem('open', 'start', owner, '方案')).toBe('in_progress');
    expect(transitionProblem('in_progress', 'resolve', owner, '已解决')).toBe('resolved');
    expect(transitionProblem('resolved', 'reject', bureau, '未落实')).toBe('in_progress');
    expect(transitionProblem('resolved', 'close', bureau, null)).toBe('closed');
  });

  it('a plan, a resolution and a reason are required (400 naming text)', () => {
    const owner = { role: 'department' as const, relation: 'owner' as const };
    expect(() => transitionProblem('open', 'start', owner, '  ')).toThrow(/text/);
    expect(
      kindOf(() => transitionProblem('resolved', 'reject', { role: 'leader', relation: 'none' }, '')),
    ).toBe('validation');
  });
});

describe('overdue, codes and alert conditions', () => {
  const calendar = new WorkingCalendar([]);
  const problem = {
    id: '1',
    code: 'WT-2026-0001',
    projectId: '9',
    ownerDepartmentId: '3',
    status: 'open',
    dueDate: '2026-11-30',
    supervised: false,
  };

  it('is overdue from the day after the due date until resolved', () => {
    expect(isProblemOverdue(problem, '2026-11-30')).toBe(false);
    expect(isProblemOverdue(problem, '2026-12-01')).toBe(true);
    expect(isProblemOverdue({ ...problem, status: 'resolved' }, '2026-12-09')).toBe(false);
  });

  it('numbers: WT-YYYY-NNNN and 〔YYYY〕督字第N号', () => {
    expect(problemCode(2026, 7)).toBe('WT-2026-0007');
    expect(noticeNumber(2026, 12)).toBe('〔2026〕督字第12号');
  });

  it('problem_overdue: level 2 the day after, level 3 after 3 working days or when 督办', () => {
    expect(problemConditions(problem, '2026-11-30')).toEqual([]);
    const [condition] = problemConditions(problem, '2026-12-01'); // Tuesday
    expect(condition).toMatchObject({ kind: 'problem_overdue', level: 2, subjectType: 'problem' });
    expect(targetLevel(condition!, null, calendar, '2026-12-01')).toBe(2);
    expect(targetLevel(condition!, null, calendar, '2026-12-02')).toBe(2);
    expect(targetLevel(condition!, null, calendar, '2026-12-03')).toBe(3);
    const [supervised] = problemConditions({ ...problem, supervised: true }, '2026-12-01');
    expect(targetLevel(supervised!, null, calendar, '2026-12-01')).toBe(3);
  });

  it('notice_overdue: level 3 once the reply date has passed without a reply', () => {
    const notice = {
      id: '5',
      number: '〔2026〕督字第1号',
      projectId: '9',
      departmentId: '3',
      replyDueDate: '2026-12-03',
      repliedAt: null,
    };
    expect(noticeConditions(notice, '2026-12-03')).toEqual([]);
    const [condition] = noticeConditions(notice, '2026-12-04');
    expect(targetLevel(condition!, null, calendar, '2026-12-04')).toBe(3);
    expect(noticeConditions({ ...notice, repliedAt: new Date() }, '2026-12-09')).toEqual([]);
  });
});
