import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningProcess, startStack, startWorker, type TestStack, waitFor } from '@luodi/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ATTEMPTS = 3;
const HOUR_MS = 3_600_000;

/** One request a fake robot got, and what it answered. */
interface RobotCall {
  idempotencyKey: string | undefined;
  accepted: boolean;
  answer: unknown;
  text: string;
  /** The request body as sent. */
  raw: string;
}

interface FakeRobot {
  /** The webhook URL as the vendor hands it out (with its access token / key). */
  url: string;
  calls: RobotCall[];
  close(): Promise<void>;
}

type Verdict = { status?: number; answer: Record<string, unknown> | null; text?: string };

const hmac = (key: string, message: string) => createHmac('sha256', key).update(message, 'utf8').digest();
const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parse(raw: string): Record<string, any> | null {
  try {
    return JSON.parse(raw) as Record<string, any>;
  } catch {
    return null;
  }
}

/** A local robot on 127.0.0.1 (a random port) that judges each call as the vendor documents it. */
async function startRobot(
  path: string,
  judge: (url: URL, raw: string, request: IncomingMessage) => Verdict,
): Promise<FakeRobot> {
  const calls: RobotCall[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void readBody(request).then((raw) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const verdict = request.method === 'POST' ? judge(url, raw, request) : { status: 405, answer: null };
      const status = verdict.status ?? 200;
      const idempotencyKey = request.headers['idempotency-key'];
      calls.push({
        idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
        accepted: status === 200 && verdict.answer !== null && isSuccess(verdict.answer),
        answer: verdict.answer,
        text: verdict.text ?? '',
        raw,
      });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(verdict.answer === null ? '' : JSON.stringify(verdict.answer));
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    calls,
    close: () => new Promise<void>((resolveClose) => server.close(() => resolveClose())),
  };
}

function isSuccess(answer: Record<string, unknown>): boolean {
  if ('errcode' in answer) return answer['errcode'] === 0;
  if ('code' in answer) return answer['code'] === 0;
  return answer['ok'] === true;
}

/**
 * DingTalk custom robot (自定义机器人): `access_token` in the URL; with 加签, `timestamp` (ms, within an
 * hour) and `sign` = URL-encoded Base64 of HMAC-SHA256(key = secret, message = timestamp + "\n" + secret);
 * a keyword robot takes only messages containing its keyword. Refusals are HTTP 200 with errcode 310000.
 */
function dingTalkRobot(token: string, secret: string, keyword: string): Promise<FakeRobot> {
  return startRobot(`/robot/send?access_token=${token}`, (url, raw) => {
    if (url.searchParams.get('access_token') !== token)
      return { answer: { errcode: 300001, errmsg: 'token is not exist' } };
    const timestamp = url.searchParams.get('timestamp');
    const sign = url.searchParams.get('sign');
    if (!timestamp || !sign) return { answer: { errcode: 310000, errmsg: 'sign not match' } };
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > HOUR_MS)
      return { answer: { errcode: 310000, errmsg: 'invalid timestamp' } };
    const expected = hmac(secret, `${timestamp}\n${secret}`);
    // `sign` arrives URL-decoded: a sign sent without URL-encoding ('+' read as a space) does not match.
    if (sign !== expected.toString('base64'))
      return { answer: { errcode: 310000, errmsg: 'sign not match' } };
    const body = parse(raw);
    const text =
      body?.['msgtype'] === 'markdown' && typeof body['markdown']?.title === 'string'
        ? body['markdown']?.text
        : body?.['msgtype'] === 'text'
          ? body['text']?.content
          : undefined;
    if (typeof text !== 'string' || !text) return { answer: { errcode: 40035, errmsg: '缺少参数 json' } };
    if (!text.includes(keyword)) return { answer: { errcode: 310000, errmsg: 'keywords not in content' } };
    return { answer: { errcode: 0, errmsg: 'ok' }, text };
  });
}

/** WeCom group robot (群机器人): the `key` in the URL is its only credential; errcode 93000 otherwise. */
function weComRobot(key: string): Promise<FakeRobot> {
  return startRobot(`/cgi-bin/webhook/send?key=${key}`, (url, raw) => {
    if (url.searchParams.get('key') !== key)
      return { answer: { errcode: 93000, errmsg: 'invalid webhook url, hint: [fake robot]' } };
    const body = parse(raw);
    const text =
      body?.['msgtype'] === 'markdown'
        ? body['markdown']?.content
        : body?.['msgtype'] === 'text'
          ? body['text']?.content
          : undefined;
    if (typeof text !== 'string' || !text)
      return { answer: { errcode: 40008, errmsg: 'invalid message type' } };
    return { answer: { errcode: 0, errmsg: 'ok' }, text };
  });
}

/**
 * Feishu/Lark custom bot (自定义机器人) with 签名校验: `timestamp` (s, within an hour) and `sign` in the
 * body, sign = Base64 of HMAC-SHA256(key = timestamp + "\n" + secret, message = empty); code 19021 otherwise.
 */
function feishuRobot(hook: string, secret: string): Promise<FakeRobot> {
  return startRobot(`/open-apis/bot/v2/hook/${hook}`, (url, raw) => {
    if (url.pathname !== `/open-apis/bot/v2/hook/${hook}`)
      return {
        answer: { code: 19001, data: {}, msg: 'param invalid: incoming webhook access token invalid' },
      };
    const body = parse(raw);
    const timestamp = body?.['timestamp'];
    const sign = body?.['sign'];
    const fresh =
      typeof timestamp === 'string' &&
      /^\d+$/.test(timestamp) &&
      Math.abs(Date.now() / 1000 - Number(timestamp)) <= HOUR_MS / 1000;
    if (!fresh || typeof sign !== 'string' || sign !== hmac(`${timestamp}\n${secret}`, '').toString('base64'))
      return {
        answer: {
          code: 19021,
          data: {},
          msg: 'sign match fail or timestamp is not within one hour from current time',
        },
      };
    const text = body?.['msg_type'] === 'text' ? body['content']?.text : undefined;
    if (typeof text !== 'string' || !text) return { answer: { code: 9499, data: {}, msg: 'Bad Request' } };
    return { answer: { StatusCode: 0, StatusMessage: 'success', code: 0, data: {}, msg: 'success' }, text };
  });
}

/**
 * A generic receiver that verifies Luodi's signature exactly as the README tells receivers to:
 * X-Luodi-Signature = "sha256=" + hex HMAC-SHA256(secret, X-Luodi-Timestamp + "." + raw body),
 * timestamp within 5 minutes; 401 otherwise.
 */
function genericReceiver(secret: string): Promise<FakeRobot> {
  return startRobot('/hooks/luodi', (_url, raw, request) => {
    const timestamp = request.headers['x-luodi-timestamp'];
    const signature = request.headers['x-luodi-signature'];
    if (typeof timestamp !== 'string' || typeof signature !== 'string' || !/^\d+$/.test(timestamp))
      return { status: 401, answer: { ok: false, error: 'unsigned' } };
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300)
      return { status: 401, answer: { ok: false, error: 'stale' } };
    const expected = Buffer.from(`sha256=${hmac(secret, `${timestamp}.${raw}`).toString('hex')}`);
    if (!sameBytes(Buffer.from(signature), expected))
      return { status: 401, answer: { ok: false, error: 'bad signature' } };
    const body = parse(raw);
    if (!body?.['deliveryId'] || body['deliveryId'] !== request.headers['idempotency-key'])
      return { status: 400, answer: { ok: false, error: 'no delivery id' } };
    return { answer: { ok: true }, text: String(body['text']?.content ?? '') };
  });
}

interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  lastError: string | null;
  target: string | null;
}

/**
 * Chat robots as they really are (issue 11, item 8): local fake DingTalk, WeCom and Feishu robots and a
 * generic receiver, each checking the signature as its documentation says and answering HTTP 200 with
 * the vendor's error code when it refuses. A refusal is a failed attempt (retried, then `failed`, the
 * vendor's code kept); the admin fixes the secret and re-sends; the secret is never answered, queued,
 * audited or logged.
 */
describe('delivery: DingTalk, WeCom, Feishu robots and a signed generic webhook (real MariaDB + Redis)', () => {
  let stack: TestStack;
  let worker: RunningProcess | undefined;
  let admin: string;
  let dataSource: DataSource;
  const secrets = {
    dingtalk: `SEC${randomBytes(32).toString('hex')}`,
    feishu: randomBytes(16).toString('base64url'),
    generic: randomBytes(24).toString('base64url'),
  };
  const wrong = {
    dingtalk: `SEC${randomBytes(32).toString('hex')}`,
    feishu: randomBytes(16).toString('base64url'),
    generic: randomBytes(24).toString('base64url'),
  };
  const wecomKey = randomUUID();
  const robots = {} as Record<'dingtalk' | 'wecom' | 'feishu' | 'generic', FakeRobot>;
  const departments = {} as Record<keyof typeof robots, string>;
  let projectId: string;
  let subject = 9_100_000;

  beforeAll(async () => {
    robots.dingtalk = await dingTalkRobot(randomBytes(16).toString('hex'), secrets.dingtalk, '落地');
    robots.wecom = await weComRobot(wecomKey);
    robots.feishu = await feishuRobot(randomUUID(), secrets.feishu);
    robots.generic = await genericReceiver(secrets.generic);
    stack = await startStack({
      env: {
        CHECKS_INTERVAL_MS: '3600000',
        CLOCK_INTERVAL_MS: '3600000',
        RELAY_INTERVAL_MS: '200',
        OUTBOX_REENQUEUE_MS: '2000',
        DELIVERY_ATTEMPTS: String(ATTEMPTS),
        DELIVERY_BACKOFF_MS: '50',
      },
    });
    admin = await stack.login('admin');
    dataSource = await stack.database.dataSource();
    const rows = (await dataSource.query('SELECT id FROM department ORDER BY id LIMIT 4')) as Array<{
      id: string;
    }>;
    (['dingtalk', 'wecom', 'feishu', 'generic'] as const).forEach((kind, index) => {
      departments[kind] = String(rows[index]!.id);
    });
    const [project] = (await dataSource.query('SELECT id FROM project ORDER BY id LIMIT 1')) as Array<{
      id: string;
    }>;
    projectId = String(project!.id);
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await stack?.stop();
    await Promise.all(Object.values(robots).map((robot) => robot.close()));
  });

  const patch = (kind: keyof typeof robots, body: Record<string, unknown>) =>
    stack.call('PATCH', `/api/departments/${departments[kind]}`, { token: admin, body });

  /** One open alert and its webhook delivery for each department; returns the delivery ids by kind. */
  async function queueOnePerRobot(): Promise<Record<keyof typeof robots, string>> {
    const now = new Date();
    const ids = {} as Record<keyof typeof robots, string>;
    for (const kind of Object.keys(robots) as Array<keyof typeof robots>) {
      subject += 1;
      const inserted = (await dataSource.query(
        "INSERT INTO alert (kind, subject_type, subject_id, project_id, department_id, level, status, detail, raised_at, level_since) VALUES ('milestone_overdue', 'milestone', ?, ?, ?, 2, 'open', '{}', ?, ?)",
        [String(subject), projectId, departments[kind], now, now],
      )) as { insertId: number | string };
      ids[kind] = randomUUID();
      await dataSource.query(
        "INSERT INTO delivery (id, alert_id, level, recipient, channel, target, status, attempts, generation, created_at) VALUES (?, ?, 2, ?, 'webhook', ?, 'pending', 0, 0, ?)",
        [ids[kind], String(inserted.insertId), `department:${departments[kind]}`, robots[kind].url, now],
      );
    }
    return ids;
  }

  /** Waits until every delivery is done (sent or failed), then expects each to be `status`. */
  async function settled(ids: string[], status: 'sent' | 'failed'): Promise<DeliveryRow[]> {
    const rows = await waitFor(
      `deliveries done (expected ${status})`,
      async () => {
        const found = (await dataSource.query(
          `SELECT id, status, attempts, last_error AS lastError, target FROM delivery WHERE id IN (${ids.map(() => '?').join(',')})`,
          ids,
        )) as DeliveryRow[];
        return found.length === ids.length && found.every((row) => row.status !== 'pending')
          ? found
          : undefined;
      },
      60_000,
      200,
    );
    for (const row of rows) expect(row.status, JSON.stringify(row)).toBe(status);
    return rows;
  }

  const callsFor = (kind: keyof typeof robots, deliveryId: string) =>
    robots[kind].calls.filter((call) => call.idempotencyKey === deliveryId);

  it('takes kind and secret write-only through the API, with clear 400s for bad settings', async () => {
    const setup: Record<keyof typeof robots, Record<string, unknown>> = {
      dingtalk: { webhookUrl: robots.dingtalk.url, webhookKind: 'dingtalk', webhookSecret: secrets.dingtalk },
      wecom: { webhookUrl: robots.wecom.url, webhookKind: 'wecom' },
      feishu: { webhookUrl: robots.feishu.url, webhookKind: 'feishu', webhookSecret: secrets.feishu },
      generic: { webhookUrl: robots.generic.url, webhookKind: 'generic', webhookSecret: secrets.generic },
    };
    for (const kind of Object.keys(setup) as Array<keyof typeof robots>) {
      const answer = await patch(kind, setup[kind]);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({
        webhookUrl: robots[kind].url,
        webhookKind: kind,
        hasSecret: kind !== 'wecom',
      });
      expect(answer.body).not.toHaveProperty('webhookSecret');
      const read = await stack.call('GET', `/api/departments/${departments[kind]}`, { token: admin });
      expect(read.body).toMatchObject({ webhookKind: kind, hasSecret: kind !== 'wecom' });
      expect(JSON.stringify(read.body)).not.toContain(String(setup[kind]['webhookSecret'] ?? '\u0000'));
    }

    const before = await stack.call('GET', `/api/departments/${departments.dingtalk}`, { token: admin });
    const refused: Array<[keyof typeof robots, Record<string, unknown>, RegExp]> = [
      ['dingtalk', { webhookUrl: 'ftp://robot.example/x' }, /^webhookUrl: must be an http\(s\) URL/],
      ['dingtalk', { webhookKind: 'slack' }, /^webhookKind: must be one of dingtalk, wecom, feishu, generic/],
      ['dingtalk', { webhookKind: null }, /^webhookKind: /],
      ['dingtalk', { webhookSecret: 'has spaces in it' }, /^webhookSecret: must be 1–200 visible ASCII/],
      ['dingtalk', { webhookSecret: 42 }, /^webhookSecret: /],
      ['wecom', { webhookSecret: 'abc' }, /^webhookSecret: a wecom robot takes no signing secret/],
    ];
    for (const [kind, body, message] of refused) {
      const answer = await patch(kind, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      const text = Array.isArray(answer.body.message) ? answer.body.message.join('; ') : answer.body.message;
      expect(text, JSON.stringify(body)).toMatch(message);
    }
    // Refused changes changed nothing.
    const after = await stack.call('GET', `/api/departments/${departments.dingtalk}`, { token: admin });
    expect(after.body).toEqual(before.body);

    // The audit trail records that the secret changed, never its value.
    const audit = (await dataSource.query(
      "SELECT before_json AS beforeJson, after_json AS afterJson FROM audit_log WHERE entity_type = 'department'",
    )) as Array<{ beforeJson: string | null; afterJson: string | null }>;
    expect(audit.length).toBeGreaterThan(0);
    const trail = JSON.stringify(audit);
    for (const secret of Object.values(secrets)) expect(trail).not.toContain(secret);
    const afters = audit.map((row) => JSON.parse(row.afterJson ?? '{}') as Record<string, unknown>);
    expect(afters.filter((after) => after['webhookSecret'] === '(changed)')).toHaveLength(3);
  });

  it('correct settings → sent; wrong secret → errcode, retried, failed with the code; fixed and re-sent → sent', async () => {
    // 1. Correct settings: each robot accepts its signed message.
    worker = await startWorker({ ...stack.env, WORKER_CONCURRENCY: '4' });
    const good = await queueOnePerRobot();
    await settled(Object.values(good), 'sent');
    for (const kind of Object.keys(robots) as Array<keyof typeof robots>) {
      const calls = callsFor(kind, good[kind]);
      expect(calls, kind).toHaveLength(1);
      expect(calls[0]!.accepted, `${kind}: ${JSON.stringify(calls[0]!.answer)}`).toBe(true);
      expect(calls[0]!.text).toContain('落地预警');
    }

    // 2. Wrong secrets (and a WeCom URL with a wrong key): HTTP 200 with the vendor's code = a failure.
    expect((await patch('dingtalk', { webhookSecret: wrong.dingtalk })).status).toBe(200);
    expect((await patch('feishu', { webhookSecret: wrong.feishu })).status).toBe(200);
    expect((await patch('generic', { webhookSecret: wrong.generic })).status).toBe(200);
    const wrongWeComUrl = robots.wecom.url.replace(wecomKey, randomUUID());
    expect((await patch('wecom', { webhookUrl: wrongWeComUrl })).status).toBe(200);
    const bad = await queueOnePerRobot();
    const failed = await settled(Object.values(bad), 'failed');
    const byId = new Map(failed.map((row) => [row.id, row]));
    const expectedErrors: Record<keyof typeof robots, RegExp> = {
      dingtalk: /^dingtalk errcode 310000: sign not match$/,
      wecom: /^wecom errcode 93000: invalid webhook url/,
      feishu: /^feishu code 19021: sign match fail/,
      generic: /^generic webhook answered HTTP 401$/,
    };
    for (const kind of Object.keys(robots) as Array<keyof typeof robots>) {
      const row = byId.get(bad[kind])!;
      expect(row.attempts, kind).toBe(ATTEMPTS);
      expect(row.lastError, kind).toMatch(expectedErrors[kind]);
      // Retried: every attempt reached the robot and was refused.
      const calls = callsFor(kind, bad[kind]);
      expect(calls, kind).toHaveLength(ATTEMPTS);
      expect(calls.every((call) => !call.accepted)).toBe(true);
    }
    expect(byId.get(bad.wecom)!.target).toBe(wrongWeComUrl);

    // Listed for the admin with the vendor's code.
    const listed = await stack.call('GET', '/api/deliveries?status=failed&pageSize=200', { token: admin });
    expect(listed.status).toBe(200);
    const listedIds = listed.body.items.map((item: { id: string }) => item.id);
    expect(listedIds).toEqual(expect.arrayContaining(Object.values(bad)));

    // 3. The admin fixes the settings and re-sends: delivered, signed with the fixed secret.
    expect((await patch('dingtalk', { webhookSecret: secrets.dingtalk })).status).toBe(200);
    expect((await patch('feishu', { webhookSecret: secrets.feishu })).status).toBe(200);
    expect((await patch('generic', { webhookSecret: secrets.generic })).status).toBe(200);
    expect((await patch('wecom', { webhookUrl: robots.wecom.url })).status).toBe(200);
    for (const id of Object.values(bad)) {
      const resent = await stack.call('POST', `/api/deliveries/${id}/resend`, { token: admin });
      expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    }
    const sent = await settled(Object.values(bad), 'sent');
    for (const row of sent) expect(row.lastError).toBeNull();
    for (const kind of Object.keys(robots) as Array<keyof typeof robots>) {
      const calls = callsFor(kind, bad[kind]);
      expect(calls, kind).toHaveLength(ATTEMPTS + 1);
      expect(calls.at(-1)!.accepted, kind).toBe(true);
    }
    const [wecomRow] = (await dataSource.query('SELECT target FROM delivery WHERE id = ?', [
      bad.wecom,
    ])) as Array<{
      target: string;
    }>;
    expect(wecomRow!.target).toBe(robots.wecom.url);

    // The secrets were never queued or logged.
    const output = worker.output();
    expect(output).toContain('failed after 3 attempts');
    for (const secret of [...Object.values(secrets), ...Object.values(wrong)])
      expect(output).not.toContain(secret);
  });

  it('a DingTalk keyword robot refuses a message without its keyword: errcode 310000 kept, failed', async () => {
    const keywordRobot = await dingTalkRobot(
      randomBytes(16).toString('hex'),
      secrets.dingtalk,
      '不在消息里的关键词',
    );
    try {
      expect((await patch('dingtalk', { webhookUrl: keywordRobot.url })).status).toBe(200);
      const ids = await queueOnePerRobot();
      const [row] = (await settled([ids.dingtalk], 'failed')) as DeliveryRow[];
      expect(row!.lastError).toBe('dingtalk errcode 310000: keywords not in content');
      expect(keywordRobot.calls.filter((call) => call.idempotencyKey === ids.dingtalk)).toHaveLength(
        ATTEMPTS,
      );
      await settled([ids.wecom, ids.feishu, ids.generic], 'sent');
    } finally {
      await keywordRobot.close();
    }
  });
  it('the message names the project, the approval item with its department and lateness, and the measures', async () => {
    // An undecided milestone of the demo district, made overdue: its deadline 20 days ago.
    const [milestone] = (await dataSource.query(
      `SELECT m.id, m.project_id AS projectId, p.code AS projectCode, p.name AS projectName, i.name AS itemName,
              m.department_id AS departmentId
         FROM milestone m JOIN project p ON p.id = m.project_id JOIN approval_item i ON i.code = m.item_code
        WHERE m.decided_at IS NULL ORDER BY m.id LIMIT 1`,
    )) as Array<Record<string, string>>;
    expect(milestone, 'an undecided milestone in the demo district').toBeDefined();
    const deadline = new Date(Date.now() - 20 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await dataSource.query('UPDATE milestone SET deadline = ? WHERE id = ?', [deadline, milestone!.id]);
    // The alert goes to the milestone's department (its robot is the generic receiver here).
    const [robotDepartment] = (await dataSource.query('SELECT name FROM department WHERE id = ?', [
      departments.generic,
    ])) as Array<{ name: string }>;
    const now = new Date();
    const inserted = (await dataSource.query(
      `INSERT INTO alert (kind, subject_type, subject_id, project_id, department_id, level, status, detail, raised_at, level_since,
                          answer_category, answer_cause, answer_measures, answer_expected_date, answered_at)
       VALUES ('milestone_overdue', 'milestone', ?, ?, ?, 3, 'acknowledged', '{}', ?, ?,
               'needs_coordination', '用地指标待调剂', '分管领导牵头协调', '2099-01-01', ?)`,
      [milestone!.id, milestone!.projectId, departments.generic, now, now, now],
    )) as { insertId: number | string };
    const deliveryId = randomUUID();
    await dataSource.query(
      "INSERT INTO delivery (id, alert_id, level, recipient, channel, target, status, attempts, generation, created_at) VALUES (?, ?, 3, ?, 'webhook', ?, 'pending', 0, 0, ?)",
      [deliveryId, String(inserted.insertId), `department:${departments.generic}`, robots.generic.url, now],
    );
    await settled([deliveryId], 'sent');
    const [call] = callsFor('generic', deliveryId);
    const text = call!.text;
    expect(text).toContain('【督办】已逾期');
    expect(text).toContain(`${milestone!.projectCode} ${milestone!.projectName}`);
    expect(text).toContain(`${milestone!.itemName}（${robotDepartment!.name}）`);
    expect(text).toMatch(/逾期 \d+ 个工作日/);
    expect(text).toContain('整改措施：分管领导牵头协调');
    const body = JSON.parse(call!.raw) as Record<string, unknown>;
    expect(body).toMatchObject({ projectName: milestone!.projectName, itemName: milestone!.itemName });
    expect(Number(body['remainingWorkingDays'])).toBeLessThan(-3);
    expect(Number(body['remainingWorkingDays'])).toBeGreaterThan(-20);
  });
});
