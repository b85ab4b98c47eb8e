import type { TestStack } from '@luodi/testing';
import type { MatrixContext, MatrixRow } from './access-matrix';
import { editors, scopedRead } from './callers';

/**
 * Matrix rows of the commitment routes (issue 15: 履约 → 达产).
 *
 * Deterministic requests: a clause on the department user's project and on another's; fresh clauses
 * for each removal; fresh projects past their agreed full-production date for each review decision
 * (a review is decided once).
 */
export interface CommitmentsContext {
  ownClauseId: string;
  nextClauseId(): string;
  nextReviewProjectId(): string;
}

declare module './access-matrix' {
  interface MatrixContext {
    commitments?: CommitmentsContext;
  }
}

function commitments(context: MatrixContext): CommitmentsContext {
  if (!context.commitments) throw new Error('MatrixContext.commitments is missing: merge commitmentsContext');
  return context.commitments;
}

export async function commitmentsContext(
  stack: TestStack,
  context: MatrixContext,
): Promise<CommitmentsContext> {
  const bureau = await stack.login('bureau');
  const post = async (path: string, body: unknown) => {
    const answer = await stack.call('POST', path, { token: bureau, body });
    if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as { id: string };
  };
  const clause = (projectId: string) =>
    post(`/api/projects/${projectId}/clauses`, { indicator: 'start_by', agreedDate: '2020-06-30' });
  const ownClauseId = (await clause(context.ownProjectId)).id;
  await clause(context.otherProjectId);
  const spare: string[] = [];
  // One id per caller (the matrix calls each row once per role, refused ones included).
  for (let index = 0; index < 5; index += 1) spare.push((await clause(context.otherProjectId)).id);
  const reviews: string[] = [];
  for (let index = 0; index < 5; index += 1) {
    const projectId = context.freshProjectId();
    await post(`/api/projects/${projectId}/clauses`, {
      indicator: 'full_production_by',
      agreedDate: '2020-06-30',
    });
    reviews.push(projectId);
  }
  const take = (list: string[], what: string) => {
    const id = list.shift();
    if (!id) throw new Error(`matrix: out of ${what}`);
    return id;
  };
  return {
    ownClauseId,
    nextClauseId: () => take(spare, 'clauses'),
    nextReviewProjectId: () => take(reviews, 'review projects'),
  };
}

const projectOf = (context: MatrixContext, target: 'own' | 'other') =>
  target === 'own' ? context.ownProjectId : context.otherProjectId;

export const COMMITMENTS_MATRIX: MatrixRow[] = [
  {
    route: 'POST /api/projects/{id}/subsidies',
    request: (context) => ({
      path: `/api/projects/${context.ownProjectId}/subsidies`,
      body: { amount: '1.00', at: context.today },
    }),
    expect: editors(201),
  },
  ...(['clauses', 'actuals', 'commitments', 'review'] as const).map((suffix): MatrixRow => ({
    route: `GET /api/projects/{id}/${suffix}`,
    request: (context, target) => ({ path: `/api/projects/${projectOf(context, target)}/${suffix}` }),
    expect: scopedRead,
  })),
  {
    route: 'POST /api/projects/{id}/clauses',
    request: (context) => ({
      path: `/api/projects/${context.ownProjectId}/clauses`,
      body: { indicator: 'jobs', agreedValue: '50', dueDate: '2030-12-31' },
    }),
    expect: editors(201),
  },
  {
    route: 'PATCH /api/clauses/{id}',
    request: (context) => ({
      path: `/api/clauses/${commitments(context).ownClauseId}`,
      body: { agreedDate: '2020-07-31' },
    }),
    expect: editors(200),
  },
  {
    route: 'DELETE /api/clauses/{id}',
    request: (context) => ({ path: `/api/clauses/${commitments(context).nextClauseId()}` }),
    expect: editors(204),
  },
  {
    route: 'PUT /api/projects/{id}/actuals/{period}',
    request: (context) => ({
      path: `/api/projects/${context.ownProjectId}/actuals/${Number(context.today.slice(0, 4)) - 1}`,
      body: { taxPaid: '1.00' },
    }),
    expect: editors(200),
  },
  {
    route: 'GET /api/actuals/import-template',
    request: () => ({ path: '/api/actuals/import-template' }),
    expect: editors(200),
  },
  {
    route: 'POST /api/actuals/import',
    // A JSON body instead of a multipart file: allowed callers get the validation answer (400).
    request: () => ({ path: '/api/actuals/import', body: {} }),
    expect: editors(400),
  },
  {
    route: 'POST /api/projects/{id}/review/decision',
    request: (context) => ({
      path: `/api/projects/${commitments(context).nextReviewProjectId()}/review/decision`,
      body: { decision: 'accept' },
    }),
    expect: editors(200),
  },
  {
    route: 'GET /api/projects/{id}/review.docx',
    request: (context) => ({ path: `/api/projects/${context.ownProjectId}/review.docx` }),
    expect: { anonymous: 401, admin: 200, bureau: 200, leader: 200, department: 403 },
  },
  {
    route: 'GET /api/commitments/projects',
    request: () => ({ path: '/api/commitments/projects?filter=clauses_due' }),
    expect: { anonymous: 401, admin: 200, bureau: 200, leader: 200, department: 200 },
  },
];
