import type { TestStack } from '@luodi/testing';
import type { MatrixContext, MatrixRow } from './access-matrix';
import { adminOnly, contextPart, editors, everyone, ownOther, pathRow } from './callers';

/**
 * Matrix rows of the alert routes (issue 6). The context runs the checks once, so that the demo's
 * stalls raise alerts of the department user's own department and of others.
 *
 * Deterministic requests:
 * - ack: each call takes a fresh open alert (own or other department) from pools made beforehand: 200
 *   for admin and for a department on its own, 404 on another's; bureau and leader may not (403).
 * - answer: alerts acknowledged beforehand (answering again is allowed): same statuses.
 * - resend: a delivery that was sent: admin 409 (only a failed one can be sent again), others 403.
 * - events: the stream's status only.
 */
export interface AlertsContext {
  ownAlertId: string;
  otherAlertId: string;
  nextOpenAlertId(target: 'own' | 'other'): string;
  ownAcknowledgedAlertId: string;
  otherAcknowledgedAlertId: string;
  sentDeliveryId: string;
}

declare module './access-matrix' {
  interface MatrixContext {
    alerts?: AlertsContext;
  }
}

const alerts = (context: MatrixContext): AlertsContext => contextPart(context, 'alerts');

export const ALERTS_MATRIX: MatrixRow[] = [
  pathRow('GET /api/alerts', everyone(200)),
  {
    route: 'GET /api/alerts/{id}',
    request: (context, target) => ({
      path: `/api/alerts/${target === 'own' ? alerts(context).ownAlertId : alerts(context).otherAlertId}`,
    }),
    expect: { anonymous: 401, admin: 200, bureau: 200, leader: 200, department: ownOther(200) },
  },
  {
    route: 'POST /api/alerts/{id}/ack',
    request: (context, target) => ({
      path: `/api/alerts/${alerts(context).nextOpenAlertId(target)}/ack`,
      body: { note: '矩阵签收' },
    }),
    expect: { anonymous: 401, admin: 200, bureau: 403, leader: 403, department: ownOther(200) },
  },
  {
    route: 'POST /api/alerts/{id}/answer',
    request: (context, target) => ({
      path: `/api/alerts/${target === 'own' ? alerts(context).ownAcknowledgedAlertId : alerts(context).otherAcknowledgedAlertId}/answer`,
      body: { category: 'in_progress', cause: '矩阵', measures: '矩阵', expectedDate: '2030-01-01' },
    }),
    expect: { anonymous: 401, admin: 200, bureau: 403, leader: 403, department: ownOther(200) },
  },
  pathRow('POST /api/checks/run', editors(200)),
  pathRow('GET /api/deliveries', adminOnly(200), 'status=failed'),
  {
    route: 'POST /api/deliveries/{id}/resend',
    request: (context) => ({ path: `/api/deliveries/${alerts(context).sentDeliveryId}/resend` }),
    expect: adminOnly(409),
  },
  { route: 'GET /api/events', request: () => ({ path: '/api/events', stream: true }), expect: everyone(200) },
];

export async function alertsContext(stack: TestStack): Promise<AlertsContext> {
  const [admin, bureau, dept] = await Promise.all(
    ['admin', 'bureau', 'dept'].map((user) => stack.login(user)),
  );
  const run = await stack.call('POST', '/api/checks/run', { token: bureau });
  if (run.status !== 200) throw new Error(`checks: ${run.status} ${JSON.stringify(run.body)}`);
  const own = String((await stack.call('GET', '/api/me', { token: dept })).body.departmentId);
  const open = (await stack.call('GET', '/api/alerts?status=open&pageSize=200', { token: admin })).body
    .items as Array<{
    id: string;
    departmentId: string;
  }>;
  const ownOpen = open.filter((alert) => alert.departmentId === own).map((alert) => alert.id);
  const otherOpen = open.filter((alert) => alert.departmentId !== own).map((alert) => alert.id);
  if (ownOpen.length < 5 || otherOpen.length < 5)
    throw new Error(`matrix: too few open alerts (${ownOpen.length}/${otherOpen.length})`);
  // Two of each acknowledged beforehand (for the answer row); the rest stay open for the ack row.
  const ownAcknowledged = ownOpen.pop()!;
  const otherAcknowledged = otherOpen.pop()!;
  for (const id of [ownAcknowledged, otherAcknowledged]) {
    const ack = await stack.call('POST', `/api/alerts/${id}/ack`, {
      token: admin,
      body: { note: '矩阵准备' },
    });
    if (ack.status !== 200) throw new Error(`ack ${id}: ${ack.status}`);
  }
  const dataSource = await stack.database.dataSource();
  // Deliveries are sent by a worker; the matrix runs without one, so mark one sent for the resend row.
  const [delivery] = (await dataSource.query('SELECT id FROM delivery LIMIT 1')) as Array<{ id: string }>;
  if (!delivery) throw new Error('matrix: no delivery was written by the checks');
  await dataSource.query("UPDATE delivery SET status = 'sent' WHERE id = ?", [delivery.id]);
  return {
    ownAlertId: ownOpen[0]!,
    otherAlertId: otherOpen[0]!,
    nextOpenAlertId: (target) => {
      const id = (target === 'own' ? ownOpen : otherOpen).pop();
      if (!id) throw new Error('matrix: out of open alerts');
      return id;
    },
    ownAcknowledgedAlertId: ownAcknowledged,
    otherAcknowledgedAlertId: otherAcknowledged,
    sentDeliveryId: delivery.id,
  };
}
