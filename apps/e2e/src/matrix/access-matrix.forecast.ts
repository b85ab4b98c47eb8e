import type { TestStack } from '@luodi/testing';
import type { MatrixContext, MatrixRow } from './access-matrix';
import { contextPart, everyone, pathRow } from './callers';

/**
 * Matrix rows of the start forecast (预计开工, routes-and-forecast.md §3–4): everyone reads the
 * forecast of a project they can see (a department: 404 for a project it cannot), like the route.
 * A project on the default route led by the department user's department; the other department's
 * project of the base context (a project on the default route has items of most departments, so a
 * department sees it).
 */
export interface ForecastContext {
  ownRoutedProjectId: string;
}

declare module './access-matrix' {
  interface MatrixContext {
    forecast?: ForecastContext;
  }
}

const forecast = (context: MatrixContext): ForecastContext => contextPart(context, 'forecast');

export const FORECAST_MATRIX: MatrixRow[] = [
  {
    route: 'GET /api/projects/{id}/forecast',
    request: (context, target) => ({
      path: `/api/projects/${target === 'own' ? forecast(context).ownRoutedProjectId : context.otherProjectId}/forecast`,
    }),
    expect: { anonymous: 401, admin: 200, bureau: 200, leader: 200, department: { own: 200, other: 404 } },
  },
  // 预测准确度: every role (a department user's answer is its own department's figures).
  pathRow('GET /api/dashboard/forecast-accuracy', everyone(200), 'asOf=2026-10-31'),
];

/** A project on the default route (through the API, as the bureau). */
export async function forecastContext(stack: TestStack, context: MatrixContext): Promise<ForecastContext> {
  const bureau = await stack.login('bureau');
  const routed = async (leadDepartmentId: string) => {
    const project = await stack.call('POST', '/api/projects', {
      token: bureau,
      body: {
        name: `矩阵预计开工项目${context.unique()}`,
        investor: '矩阵投资有限公司',
        investorOrigin: 'domestic',
        industry: '新材料',
        source: '沪洽会',
        contractAmount: '100.00',
        leadDepartmentId,
      },
    });
    if (project.status !== 201) throw new Error(`project: ${project.status} ${JSON.stringify(project.body)}`);
    const id = String(project.body.id);
    const applied = await stack.call('POST', `/api/projects/${id}/route`, { token: bureau, body: {} });
    if (applied.status !== 200) throw new Error(`route: ${applied.status} ${JSON.stringify(applied.body)}`);
    return id;
  };
  return { ownRoutedProjectId: await routed(context.ownDepartmentId) };
}
