import type { TestStack } from '@luodi/testing';
import type { MatrixContext, MatrixRow } from './access-matrix';

/**
 * Matrix rows of the dispatch routes (issue 14: problems, meetings, supervision notices).
 *
 * Deterministic requests:
 * - transitions: each call takes a fresh open problem (owned by the department user's department, or
 *   by another) and starts it: admin and the owner department 200, another department 404, bureau and
 *   leader 403 (only the owner starts work).
 */
export interface DispatchContext {
  ownProblemId: string;
  otherProblemId: string;
  nextOpenProblemId(target: 'own' | 'other'): string;
}

declare module './access-matrix' {
  interface MatrixContext {
    dispatch?: DispatchContext;
  }
}

function dispatch(context: MatrixContext): DispatchContext {
  if (!context.dispatch) throw new Error('MatrixContext.dispatch is missing: merge dispatchContext(stack)');
  return context.dispatch;
}

/** Problems of the department user's department and of another one, made as the bureau. */
export async function dispatchContext(stack: TestStack, context: MatrixContext): Promise<DispatchContext> {
  const bureau = await stack.login('bureau');
  const raise = async (departmentId: string, projectId: string) => {
    const answer = await stack.call('POST', '/api/problems', {
      token: bureau,
      body: {
        subjectType: 'project',
        subjectId: projectId,
        category: 'land',
        description: '矩阵问题',
        ownerDepartmentId: departmentId,
        dueDate: '2100-01-01',
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
  return {
    ownProblemId: own.pop()!,
    otherProblemId: other.pop()!,
    nextOpenProblemId: (target) => {
      const id = (target === 'own' ? own : other).shift();
      if (!id) throw new Error('matrix: out of open problems');
      return id;
    },
  };
}

const ownOther = (own: number) => ({ own, other: 404 });
const problemBody = (context: MatrixContext) => ({
  subjectType: 'project',
  subjectId: context.ownProjectId,
  category: 'policy',
  description: '矩阵新问题',
  ownerDepartmentId: context.ownDepartmentId,
  dueDate: '2100-01-01',
});

export const DISPATCH_MATRIX: MatrixRow[] = [
  {
    route: 'GET /api/problems',
    request: () => ({ path: '/api/problems?overdue=false' }),
    expect: { anonymous: 401, admin: 200, bureau: 200, leader: 200, department: 200 },
  },
  {
    route: 'GET /api/problems/export',
    request: () => ({ path: '/api/problems/export?category=land' }),
    expect: { anonymous: 401, admin: 200, bureau: 200, leader: 200, department: 403 },
  },
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
    expect: { anonymous: 401, admin: 201, bureau: 201, leader: 201, department: 403 },
  },
  {
    route: 'POST /api/problems/{id}/transitions',
    request: (context, target) => ({
      path: `/api/problems/${dispatch(context).nextOpenProblemId(target)}/transitions`,
      body: { action: 'start', text: '矩阵方案' },
    }),
    expect: { anonymous: 401, admin: 200, bureau: 403, leader: 403, department: ownOther(200) },
  },
];
