import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';

/** One call a webhook receiver got. */
export interface WebhookCall {
  idempotencyKey: string | undefined;
  deliveryIdHeader: string | undefined;
  body: Record<string, unknown>;
  receivedAt: number;
}

export interface WebhookReceiver {
  url: string;
  calls: WebhookCall[];
  /** Requests received and not answered yet (their idempotency keys). */
  inFlight(): string[];
  /** Stop answering: requests are held (still in flight) until resume(). */
  hold(): void;
  /** Answer again (held requests are answered now if their client is still there). */
  resume(): void;
  close(): Promise<void>;
}

/**
 * A local HTTP receiver for webhook deliveries (127.0.0.1): records every call's idempotency key and
 * answers 200 after `delayMs`, so that calls are in flight for a while.
 */
export async function startWebhookReceiver(options: { delayMs?: number } = {}): Promise<WebhookReceiver> {
  const delayMs = options.delayMs ?? 20;
  const calls: WebhookCall[] = [];
  const pending = new Map<ServerResponse, string>();
  let holding = false;
  const answer = (response: ServerResponse) => {
    if (!pending.has(response)) return;
    pending.delete(response);
    if (!response.destroyed)
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const key = request.headers['idempotency-key'];
      const idHeader = request.headers['x-luodi-delivery-id'];
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // keep {}
      }
      calls.push({
        idempotencyKey: typeof key === 'string' ? key : undefined,
        deliveryIdHeader: typeof idHeader === 'string' ? idHeader : undefined,
        body,
        receivedAt: Date.now(),
      });
      pending.set(response, typeof key === 'string' ? key : '');
      response.on('close', () => pending.delete(response));
      setTimeout(() => {
        if (!holding) answer(response);
      }, delayMs);
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    calls,
    inFlight: () => [...pending.values()],
    hold: () => {
      holding = true;
    },
    resume: () => {
      holding = false;
      for (const response of [...pending.keys()]) answer(response);
    },
    close: async () => {
      for (const response of pending.keys()) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}

export interface ServerSentMessage {
  event: string;
  data: unknown;
}

export interface EventStreamReader {
  messages: ServerSentMessage[];
  /** When the server ended the stream (ms since the epoch), or null while it is open. */
  endedAt(): number | null;
  close(): void;
}

/**
 * Read the body of a server-sent event stream to its end: parses `event:` and `data:` lines (data as
 * JSON when it is) and hands each message to `onMessage`. Resolves true when the server ended the
 * stream, false when the reading was aborted (the client closed it).
 */
export async function readServerSentEvents(
  body: ReadableStream<Uint8Array>,
  onMessage: (message: ServerSentMessage) => void,
): Promise<boolean> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (data.length === 0) continue;
        let parsed: unknown = data.join('\n');
        try {
          parsed = JSON.parse(parsed as string);
        } catch {
          // keep the text
        }
        onMessage({ event, data: parsed });
      }
    }
  } catch {
    return false; // aborted
  }
}

/**
 * Read a server-sent event stream with fetch (as a browser's EventSource would, token in the query):
 * parses `event:` and `data:` lines into messages. Resolves once the response headers are in.
 */
export async function openEventStream(url: string): Promise<EventStreamReader> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  if (response.status !== 200 || !response.body)
    throw new Error(`event stream answered ${response.status}: ${await response.text()}`);
  const messages: ServerSentMessage[] = [];
  let endedAt: number | null = null;
  void readServerSentEvents(response.body, (message) => messages.push(message)).then((ended) => {
    if (ended) endedAt = Date.now();
  });
  return { messages, endedAt: () => endedAt, close: () => controller.abort() };
}

/**
 * What must never repeat in the alert tables: alerts per (subject, kind), deliveries per (alert,
 * level, recipient, channel) and notifications per delivery. Empty arrays when all is well.
 */
export async function duplicatedAlertRows(dataSource: DataSource): Promise<{
  alerts: unknown[];
  deliveries: unknown[];
  notifications: unknown[];
}> {
  const [alerts, deliveries, notifications] = await Promise.all([
    dataSource.query(
      'SELECT subject_type, subject_id, kind, COUNT(*) AS n FROM alert GROUP BY subject_type, subject_id, kind HAVING COUNT(*) > 1',
    ) as Promise<unknown[]>,
    dataSource.query(
      'SELECT alert_id, round, level, recipient, channel, COUNT(*) AS n FROM delivery GROUP BY alert_id, round, level, recipient, channel HAVING COUNT(*) > 1',
    ) as Promise<unknown[]>,
    dataSource.query(
      'SELECT delivery_id, COUNT(*) AS n FROM notification GROUP BY delivery_id HAVING COUNT(*) > 1',
    ) as Promise<unknown[]>,
  ]);
  return { alerts, deliveries, notifications };
}

/**
 * Alerts (on milestone ids no milestone has, so no check touches them) and their outbox rows in the
 * shape the checks write: one webhook and one in-app delivery per alert, status pending (only the
 * first `webhooks` alerts get a webhook, when given). Returns the delivery ids by channel and the alert ids.
 */
export async function insertPendingDeliveries(
  dataSource: DataSource,
  options: { count: number; firstSubjectId: number; webhookUrl: string; webhooks?: number },
): Promise<{ webhook: string[]; inApp: string[]; alertIds: string[] }> {
  const [project] = (await dataSource.query(
    'SELECT id, lead_department_id AS departmentId FROM project ORDER BY id LIMIT 1',
  )) as Array<{ id: string; departmentId: string }>;
  const now = new Date();
  const subjects = Array.from({ length: options.count }, (_, index) =>
    String(options.firstSubjectId + index),
  );
  await dataSource.query(
    `INSERT INTO alert (kind, subject_type, subject_id, project_id, department_id, level, status, detail, raised_at, level_since) VALUES ${subjects.map(() => '(?,?,?,?,?,?,?,?,?,?)').join(',')}`,
    subjects.flatMap((subject) => [
      'milestone_overdue',
      'milestone',
      subject,
      project!.id,
      project!.departmentId,
      2,
      'open',
      '{}',
      now,
      now,
    ]),
  );
  const alertIds = (
    (await dataSource.query(
      "SELECT id FROM alert WHERE subject_type = 'milestone' AND subject_id IN (?) ORDER BY id",
      [subjects],
    )) as Array<{ id: string }>
  ).map((row) => String(row.id));
  const recipient = `department:${project!.departmentId}`;
  const webhook: string[] = [];
  const inApp: string[] = [];
  const rows = alertIds.flatMap((alertId, index) => {
    const [webhookId, inAppId] = [randomUUID(), randomUUID()];
    inApp.push(inAppId);
    const inAppRow = [inAppId, alertId, 2, recipient, 'in_app', null, 'pending', 0, 0, now];
    if (index >= (options.webhooks ?? alertIds.length)) return [inAppRow];
    webhook.push(webhookId);
    return [
      [webhookId, alertId, 2, recipient, 'webhook', options.webhookUrl, 'pending', 0, 0, now],
      inAppRow,
    ];
  });
  await dataSource.query(
    `INSERT INTO delivery (id, alert_id, level, recipient, channel, target, status, attempts, generation, created_at) VALUES ${rows.map(() => '(?,?,?,?,?,?,?,?,?,?)').join(',')}`,
    rows.flat(),
  );
  return { webhook, inApp, alertIds };
}

/**
 * A worker environment for delivery tests: the checks and clocks out of the way (only their run at
 * boot), the relay every 200 ms, a pending delivery re-enqueued after 2 s, quick retries.
 */
export function deliveryWorkerEnv(
  env: Record<string, string>,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    ...env,
    CHECKS_INTERVAL_MS: '3600000',
    CLOCK_INTERVAL_MS: '3600000',
    RELAY_INTERVAL_MS: '200',
    OUTBOX_REENQUEUE_MS: '2000',
    DELIVERY_ATTEMPTS: '5',
    DELIVERY_BACKOFF_MS: '100',
    WORKER_CONCURRENCY: '16',
    ...overrides,
  };
}

/** Settings for tests of failing deliveries: `attempts` tries 50 ms apart, the worker's default concurrency. */
export const quickFailures = (attempts: number): Record<string, string> => ({
  DELIVERY_ATTEMPTS: String(attempts),
  DELIVERY_BACKOFF_MS: '50',
  WORKER_CONCURRENCY: '4',
});

/** How many deliveries are not (yet) `sent`. */
export async function unsentDeliveries(dataSource: DataSource): Promise<number> {
  const [open] = (await dataSource.query(
    "SELECT COUNT(*) AS n FROM delivery WHERE status <> 'sent'",
  )) as Array<{
    n: string;
  }>;
  return Number(open!.n);
}

/** In-app figures: notifications written, the distinct deliveries among them, and in-app deliveries. */
export async function inAppCounts(
  dataSource: DataSource,
): Promise<{ notifications: number; distinctDeliveries: number; inAppDeliveries: number }> {
  const [notifications] = (await dataSource.query(
    'SELECT COUNT(*) AS n, COUNT(DISTINCT delivery_id) AS d FROM notification',
  )) as Array<{ n: string; d: string }>;
  const [inApp] = (await dataSource.query(
    "SELECT COUNT(*) AS n FROM delivery WHERE channel = 'in_app'",
  )) as Array<{
    n: string;
  }>;
  return {
    notifications: Number(notifications!.n),
    distinctDeliveries: Number(notifications!.d),
    inAppDeliveries: Number(inApp!.n),
  };
}

/**
 * `count` milestones whose clock is due now and, once recomputed, overdue: each on a project of its own
 * (code `<prefix>-<n>`), of an approval item without 超时默认, submitted and accepted 60 days ago, stored
 * as green with a next change in the past (as if the clock had last run before the deadline). Written
 * by SQL in a few statements (the sequence engine's seq_1_to_N), so thousands take a second. Returns
 * the milestone ids.
 */
export async function insertDueMilestones(
  dataSource: DataSource,
  options: { count: number; prefix: string },
): Promise<string[]> {
  const [item] = (await dataSource.query(
    'SELECT code, department_id AS departmentId FROM approval_item WHERE deemed_approval = 0 AND enabled = 1 ORDER BY sort_order LIMIT 1',
  )) as Array<{ code: string; departmentId: string }>;
  if (!item) throw new Error('no approval item without deemed approval');
  const longAgo = new Date(Date.now() - 60 * 86_400_000);
  await dataSource.query(
    `INSERT INTO project (code, name, investor, investor_origin, industry, source, contract_amount, funds_arrived, lead_department_id,
                          stage, talks_started_at, signed_at, registered_at, started_at)
     SELECT CONCAT(?, '-', seq), CONCAT('到期测试项目', seq), '测试投资方', 'domestic', '先进制造', '沪洽会', 5000, 0, ?,
            'started', DATE_SUB(CURDATE(), INTERVAL 400 DAY), DATE_SUB(CURDATE(), INTERVAL 390 DAY),
            DATE_SUB(CURDATE(), INTERVAL 380 DAY), DATE_SUB(CURDATE(), INTERVAL 370 DAY)
       FROM seq_1_to_${Math.trunc(options.count)}`,
    [options.prefix, item.departmentId],
  );
  await dataSource.query(
    `INSERT INTO milestone (project_id, item_code, department_id, state, submitted_at, accepted_on, deadline, light, next_change_at)
     SELECT p.id, ?, ?, 'accepted', ?, DATE(?), DATE_ADD(CURDATE(), INTERVAL 60 DAY), 'green', DATE_SUB(NOW(3), INTERVAL 1 MINUTE)
       FROM project p WHERE p.code LIKE CONCAT(?, '-%')`,
    [item.code, item.departmentId, longAgo, longAgo, options.prefix],
  );
  const rows = (await dataSource.query(
    `SELECT m.id FROM milestone m JOIN project p ON p.id = m.project_id WHERE p.code LIKE CONCAT(?, '-%') ORDER BY m.id`,
    [options.prefix],
  )) as Array<{ id: string | number }>;
  const ids = rows.map((row) => String(row.id));
  await dataSource.query(
    `INSERT INTO milestone_event (milestone_id, type, at, recorded_at)
     SELECT m.id, t.type, t.at, NOW(3) FROM milestone m JOIN project p ON p.id = m.project_id
       JOIN (SELECT 'submit' AS type, ? AS at UNION ALL SELECT 'accept', ?) t
      WHERE p.code LIKE CONCAT(?, '-%')`,
    [longAgo, new Date(longAgo.getTime() + 3_600_000), options.prefix],
  );
  return ids;
}
