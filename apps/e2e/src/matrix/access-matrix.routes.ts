import type { TestStack } from '@luodi/testing';
import type { MatrixContext, MatrixRow } from './access-matrix';
import { adminOnly, contextPart, editors, everyone } from './callers';

/**
 * Matrix rows of the approval routes (审批路线, routes-and-forecast.md §2): the admin edits templates
 * (every role reads them: api.md `GET /api/route-templates` is for all), the bureau and admins apply a template and
 * add or drop items, everyone reads the route of a project they can see (a department: 404 for a
 * project it cannot).
 *
 * Deterministic requests: applying takes a fresh project without a route per call; adding takes the
 * next catalog item not yet on a one-item route; dropping takes the next planned item of a project on
 * the default route. The pools hold more than a row makes calls.
 */
export interface RoutesContext {
  templateId: string;
  nextBareProjectId(): string;
  addProjectId: string;
  nextAddableItem(): string;
  dropProjectId: string;
  nextDroppableMilestoneId(): string;
}

declare module './access-matrix' {
  interface MatrixContext {
    routes?: RoutesContext;
  }
}

const routes = (context: MatrixContext): RoutesContext => contextPart(context, 'routes');

const TEMPLATE = {
  name: '矩阵测试路线',
  stages: [{ name: '立项用地规划许可', items: [{ itemCode: 'FILING' }] }],
};

export const ROUTES_MATRIX: MatrixRow[] = [
  {
    route: 'GET /api/route-templates',
    request: () => ({ path: '/api/route-templates' }),
    expect: everyone(200),
  },
  {
    route: 'POST /api/route-templates',
    request: () => ({ path: '/api/route-templates', body: TEMPLATE }),
    expect: adminOnly(201),
  },
  {
    route: 'GET /api/route-templates/{id}',
    request: (context) => ({ path: `/api/route-templates/${routes(context).templateId}` }),
    expect: everyone(200),
  },
  {
    route: 'PUT /api/route-templates/{id}',
    request: (context) => ({ path: `/api/route-templates/${routes(context).templateId}`, body: TEMPLATE }),
    expect: adminOnly(200),
  },
  {
    route: 'GET /api/projects/{id}/route',
    request: (context, target) => ({
      path: `/api/projects/${target === 'own' ? context.ownProjectId : context.otherProjectId}/route`,
    }),
    expect: { anonymous: 401, admin: 200, bureau: 200, leader: 200, department: { own: 200, other: 404 } },
  },
  {
    route: 'POST /api/projects/{id}/route',
    request: (context) => ({
      path: `/api/projects/${routes(context).nextBareProjectId()}/route`,
      body: { templateId: routes(context).templateId },
    }),
    expect: editors(200),
  },
  {
    route: 'POST /api/projects/{id}/route/items',
    request: (context) => ({
      path: `/api/projects/${routes(context).addProjectId}/route/items`,
      body: { itemCode: routes(context).nextAddableItem(), stage: 2 },
    }),
    expect: editors(200),
  },
  {
    route: 'DELETE /api/projects/{id}/route/items/{milestoneId}',
    request: (context) => ({
      path: `/api/projects/${routes(context).dropProjectId}/route/items/${routes(context).nextDroppableMilestoneId()}`,
    }),
    expect: editors(200),
  },
];

/** Make the records the route rows need (through the API, as admin and bureau). */
export async function routesContext(stack: TestStack): Promise<RoutesContext> {
  const [admin, bureau] = await Promise.all(['admin', 'bureau'].map((user) => stack.login(user)));
  const ok = async (method: string, path: string, token: string, body?: unknown) => {
    const answer = await stack.call(method, path, { token, body });
    if (answer.status >= 300)
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const departmentId = String((await ok('GET', '/api/departments', admin)).items[0].id);
  let count = 0;
  const project = async () => {
    count += 1;
    return String(
      (
        await ok('POST', '/api/projects', bureau, {
          name: `矩阵路线项目${count}`,
          investor: `矩阵路线投资有限公司${count}`,
          investorOrigin: 'domestic',
          industry: '新能源',
          source: '沪洽会',
          contractAmount: '1000.00',
          leadDepartmentId: departmentId,
        })
      ).id,
    );
  };
  const templates = (await ok('GET', '/api/route-templates', admin)) as Array<{ id: string }>;
  const oneItem = await ok('POST', '/api/route-templates', admin, TEMPLATE);
  const bare: string[] = [];
  for (let index = 0; index < 8; index += 1) bare.push(await project());
  const addProjectId = await project();
  await ok('POST', `/api/projects/${addProjectId}/route`, bureau, { templateId: oneItem.id });
  const addable = [
    'LAND_PRE',
    'ENERGY',
    'LAND_PLAN',
    'PLAN_REVIEW',
    'BUILD_PLAN',
    'EIA',
    'FIRE',
    'CONSTRUCT',
  ];
  const dropProjectId = await project();
  const applied = await ok('POST', `/api/projects/${dropProjectId}/route`, bureau, {});
  const droppable = (applied.stages as Array<{ items: Array<{ milestone: { id: string } }> }>).flatMap(
    (stage) => stage.items.map((item) => String(item.milestone.id)),
  );
  const take = <T>(pool: T[], what: string): T => {
    const next = pool.shift();
    if (next === undefined) throw new Error(`the routes matrix pool of ${what} is used up`);
    return next;
  };
  return {
    templateId: String(templates[0]!.id),
    nextBareProjectId: () => take(bare, 'bare projects'),
    addProjectId,
    nextAddableItem: () => take(addable, 'addable items'),
    dropProjectId,
    nextDroppableMilestoneId: () => take(droppable, 'droppable milestones'),
  };
}
