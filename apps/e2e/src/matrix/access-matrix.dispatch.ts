import type { TestStack } from '@luodi/testing';
import type { MatrixContext, MatrixRow } from './access-matrix';
import { contextPart, editors, everyone, exporters, ownOther, pathRow } from './callers';

/**
 * Matrix rows of the dispatch routes (issue 14: problems, meetings, supervision notices).
 *
 * Deterministic requests:
 * - transitions: each call takes a fresh open problem (owned by the department user's department, or
 *   by another) and starts it: admin and the owner department 200, another department 404, bureau and
 *   leader 403 (only the owner starts work).
 * - meetings: decisions on one open meeting; close takes a fresh open meeting each call.
 * - notices: issued from an overdue problem; sign takes a fresh issued notice, reply a fresh signed one
 *   (own or another department's).
 */
export interface DispatchContext {
  ownProblemId: string;
  otherProblemId: string;
  nextOpenProblemId(target: 'own' | 'other'): string;
  /** An overdue problem of the department user's department (notices are issued from it). */
  overdueProblemId: string;
  meetingId: string;
  chairUserId: string;
  nextOpenMeetingId(): string;
  ownNoticeId: string;
  otherNoticeId: string;
  nextIssuedNoticeId(target: 'own' | 'other'): string;
  nextSignedNoticeId(target: 'own' | 'other'): string;
}

declare module './access-matrix' {
  interface MatrixContext {
    dispatch?: DispatchContext;
  }
}

const dispatch = (context: MatrixContext): DispatchContext => contextPart(context, 'dispatch');

/** Problems of the department user's department and of another one, made as the bureau. */
export async function dispatchContext(stack: TestStack, context: MatrixContext): Promise<DispatchContext> {
  const bureau = await stack.login('bureau');
  const admin = await stack.login('admin');
  const raise = async (departmentId: string, projectId: string, dates = { dueDate: '2100-01-01' }) => {
    const answer = await stack.call('POST', '/api/problems', {
      token: bureau,
      body: {
        subjectType: 'project',
        subjectId: projectId,
        category: 'land',
        description: '矩阵问题',
        ownerDepartmentId: departmentId,
        ...dates,
      },
    });
    if (answer.status !== 201) throw new Error(`problem: ${answer.status} ${JSON.stringify(answer.body)}`);
    return String(answer.body.id);
  };
  const pool = async (departmentId: string, projectId: string) => {
    const ids: string[] = [];
    for (let index = 0; index < 6; index += 1) ids.push(await raise(departmentId, projectId));
    return ids;
  };
  const own = await pool(context.ownDepartmentId, context.ownProjectId);
  const other = await pool(context.otherDepartmentId, context.otherProjectId);
  const year = Number(context.today.slice(0, 4));
  const past = { raisedAt: `${year - 1}-01-05`, dueDate: `${year - 1}-02-01` };
  const overdueOwn = await raise(context.ownDepartmentId, context.ownProjectId, past);
  const overdueOther = await raise(context.otherDepartmentId, context.otherProjectId, past);
  const post = async (path: string, body: unknown, expected: number) => {
    const answer = await stack.call('POST', path, { token: admin, body });
    if (answer.status !== expected)
      throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as { id: string };
  };
  const chairs = (await stack.call('GET', '/api/meetings/chairs', { token: bureau })).body as Array<{
    id: string;
  }>;
  const chairUserId = chairs[0]!.id;
  const meeting = () =>
    post('/api/meetings', { date: context.today, title: '矩阵调度会', kind: 'special', chairUserId }, 201);
  const meetingId = (await meeting()).id;
  const meetings: string[] = [];
  for (let index = 0; index < 5; index += 1) meetings.push((await meeting()).id);
  const notice = async (problemId: string) =>
    (await post('/api/notices', { sourceType: 'problem', sourceId: problemId, measures: '矩阵整改' }, 201))
      .id;
  // A row's request is built for every caller: five 'own' targets and one 'other' per row.
  const notices = async (problemId: string, signed: boolean, count: number) => {
    const made: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const id = await notice(problemId);
      if (signed) await post(`/api/notices/${id}/sign`, {}, 200);
      made.push(id);
    }
    return made;
  };
  const issued = { own: await notices(overdueOwn, false, 5), other: await notices(overdueOther, false, 2) };
  const signed = { own: await notices(overdueOwn, true, 5), other: await notices(overdueOther, true, 2) };
  const take = (list: string[], what: string) => {
    const id = list.shift();
    if (!id) throw new Error(`matrix: out of ${what}`);
    return id;
  };
  return {
    overdueProblemId: overdueOwn,
    meetingId,
    chairUserId,
    nextOpenMeetingId: () => take(meetings, 'open meetings'),
    ownNoticeId: await notice(overdueOwn),
    otherNoticeId: await notice(overdueOther),
    nextIssuedNoticeId: (target) => take(issued[target], 'issued notices'),
    nextSignedNoticeId: (target) => take(signed[target], 'signed notices'),
    ownProblemId: own.pop()!,
    otherProblemId: other.pop()!,
    nextOpenProblemId: (target) => {
      const id = (target === 'own' ? own : other).shift();
      if (!id) throw new Error('matrix: out of open problems');
      return id;
    },
  };
}

const problemBody = (context: MatrixContext) => ({
  subjectType: 'project',
  subjectId: context.ownProjectId,
  category: 'policy',
  description: '矩阵新问题',
  ownerDepartmentId: context.ownDepartmentId,
  dueDate: '2100-01-01',
});

export const DISPATCH_MATRIX: MatrixRow[] = [
  pathRow('GET /api/problems', everyone(200), 'overdue=false'),
  pathRow('GET /api/problems/export', exporters(200), 'category=land'),
  {
    route: 'GET /api/problems/{id}',
    request: (context, target) => ({
      path: `/api/problems/${target === 'own' ? dispatch(context).ownProblemId : dispatch(context).otherProblemId}`,
    }),
    expect: { anonymous: 401, admin: 200, bureau: 200, leader: 200, department: ownOther(200) },
  },
  {
    route: 'POST /api/problems',
    request: (context) => ({ path: '/api/problems', body: problemBody(context) }),
    expect: exporters(201),
  },
  {
    route: 'POST /api/problems/{id}/transitions',
    request: (context, target) => ({
      path: `/api/problems/${dispatch(context).nextOpenProblemId(target)}/transitions`,
      body: { action: 'start', text: '矩阵方案' },
    }),
    expect: { anonymous: 401, admin: 200, bureau: 403, leader: 403, department: ownOther(200) },
  },
  pathRow('GET /api/meetings', exporters(200)),
  pathRow('GET /api/meetings/chairs', exporters(200)),
  {
    route: 'POST /api/meetings',
    request: (context) => ({
      path: '/api/meetings',
      body: {
        date: context.today,
        title: '矩阵新会',
        kind: 'monthly',
        chairUserId: dispatch(context).chairUserId,
      },
    }),
    expect: editors(201),
  },
  ...['', '/agenda.docx', '/minutes.docx', '/agenda/print', '/minutes/print'].map((suffix): MatrixRow => ({
    route: `GET /api/meetings/{id}${suffix}`,
    request: (context) => ({ path: `/api/meetings/${dispatch(context).meetingId}${suffix}` }),
    expect: exporters(200),
  })),
  {
    route: 'POST /api/meetings/{id}/decisions',
    request: (context) => ({
      path: `/api/meetings/${dispatch(context).meetingId}/decisions`,
      body: { kind: 'update', text: '矩阵交办', problemId: dispatch(context).ownProblemId, supervised: true },
    }),
    expect: editors(201),
  },
  {
    route: 'POST /api/meetings/{id}/close',
    request: (context) => ({ path: `/api/meetings/${dispatch(context).nextOpenMeetingId()}/close` }),
    expect: editors(200),
  },
  pathRow('GET /api/notices', everyone(200), 'status=issued'),
  {
    route: 'POST /api/notices',
    request: (context) => ({
      path: '/api/notices',
      body: { sourceType: 'problem', sourceId: dispatch(context).overdueProblemId, measures: '矩阵整改' },
    }),
    expect: exporters(201),
  },
  ...['', '/notice.docx'].map((suffix): MatrixRow => ({
    route: `GET /api/notices/{id}${suffix}`,
    request: (context, target) => ({
      path: `/api/notices/${target === 'own' ? dispatch(context).ownNoticeId : dispatch(context).otherNoticeId}${suffix}`,
    }),
    expect: { anonymous: 401, admin: 200, bureau: 200, leader: 200, department: ownOther(200) },
  })),
  {
    route: 'POST /api/notices/{id}/sign',
    request: (context, target) => ({
      path: `/api/notices/${dispatch(context).nextIssuedNoticeId(target)}/sign`,
    }),
    expect: { anonymous: 401, admin: 200, bureau: 403, leader: 403, department: ownOther(200) },
  },
  {
    route: 'POST /api/notices/{id}/reply',
    request: (context, target) => ({
      path: `/api/notices/${dispatch(context).nextSignedNoticeId(target)}/reply`,
      body: { done: '矩阵已办', remaining: '', expectedDate: '2100-01-01' },
    }),
    expect: { anonymous: 401, admin: 200, bureau: 403, leader: 403, department: ownOther(200) },
  },
];
