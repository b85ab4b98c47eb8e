import {
  deliveryWorkerEnv,
  freePort,
  quickFailures,
  type RunningProcess,
  startStack,
  startWorker,
  type TestStack,
  waitFor,
} from '@luodi/testing';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ADDRESS = 'zrzyj-alerts@example.test';
const ATTEMPTS = 3;

interface ReceivedMail {
  to: string[];
  raw: string;
}

/**
 * E-mail delivery against a local SMTP server that refuses (issue 6): the delivery is retried with
 * backoff, then `failed`, listed for the admin and re-sendable; once the server accepts, the resend
 * is sent and the message carries the delivery id.
 */
describe('delivery: an SMTP server that refuses → retries, failed, resend (real MariaDB + Redis)', () => {
  let stack: TestStack;
  let worker: RunningProcess | undefined;
  let smtp: SMTPServer;
  let refusing = true;
  let refusedRecipients = 0;
  const received: ReceivedMail[] = [];
  let admin: string;

  beforeAll(async () => {
    const port = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (refusing) {
          refusedRecipients += 1;
          const error = new Error('mailbox unavailable (test server refuses)') as Error & {
            responseCode: number;
          };
          error.responseCode = 550;
          callback(error);
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolveListen) => smtp.listen(port, '127.0.0.1', resolveListen));
    stack = await startStack({
      env: deliveryWorkerEnv(
        {
          SMTP_URL: `smtp://127.0.0.1:${port}`,
          SMTP_FROM: 'Luodi Test <luodi@example.test>',
        },
        quickFailures(ATTEMPTS),
      ),
    });
    admin = await stack.login('admin');
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await stack?.stop();
    await new Promise<void>((resolveClose) => smtp.close(() => resolveClose()));
  });

  it('retries, then failed; after the server accepts, a resend is sent with X-Luodi-Delivery-Id', async () => {
    const dataSource = await stack.database.dataSource();
    const [department] = (await dataSource.query("SELECT id FROM department WHERE code = 'ZRZYJ'")) as Array<{
      id: string;
    }>;
    const patched = await stack.call('PATCH', `/api/departments/${department!.id}`, {
      token: admin,
      body: { email: ADDRESS },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const run = await stack.call('POST', '/api/checks/run', { token: admin });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body.raised).toBeGreaterThan(0);
    const emails = (await dataSource.query(
      "SELECT id, target, status FROM delivery WHERE channel = 'email'",
    )) as Array<{ id: string; target: string; status: string }>;
    expect(emails.length).toBeGreaterThan(0);
    expect(new Set(emails.map((row) => row.target))).toEqual(new Set([ADDRESS]));

    worker = await startWorker(stack.env);
    const failed = await waitFor(
      'every e-mail delivery failed',
      async () => {
        const rows = (await dataSource.query(
          "SELECT id, status, attempts, last_error AS lastError FROM delivery WHERE channel = 'email'",
        )) as Array<{ id: string; status: string; attempts: number; lastError: string | null }>;
        return rows.every((row) => row.status === 'failed') ? rows : undefined;
      },
      60_000,
      250,
    );
    for (const row of failed) {
      expect(row.attempts).toBe(ATTEMPTS);
      expect(row.lastError).toMatch(/550|mailbox unavailable/);
    }
    // Each attempt reached the server (retried, not given up at once).
    expect(refusedRecipients).toBeGreaterThanOrEqual(emails.length * ATTEMPTS);
    expect(received).toHaveLength(0);

    // The admin sees them and may send them again; nothing else may be re-sent.
    const listed = await stack.call('GET', '/api/deliveries?status=failed&pageSize=200', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { id: string }) => item.id).sort()).toEqual(
      expect.arrayContaining(emails.map((row) => row.id).sort()),
    );
    const sent = (await dataSource.query("SELECT id FROM delivery WHERE status = 'sent' LIMIT 1")) as Array<{
      id: string;
    }>;
    if (sent[0]) {
      const refused = await stack.call('POST', `/api/deliveries/${sent[0].id}/resend`, { token: admin });
      expect(refused.status).toBe(409);
    }
    const dept = await stack.login('dept');
    expect(
      (await stack.call('POST', `/api/deliveries/${emails[0]!.id}/resend`, { token: dept })).status,
    ).toBe(403);

    refusing = false;
    const target = emails[0]!.id;
    const resent = await stack.call('POST', `/api/deliveries/${target}/resend`, { token: admin });
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    expect(resent.body).toMatchObject({ id: target, status: 'pending', attempts: 0 });

    const row = await waitFor(
      'the resent delivery sent',
      async () => {
        const [found] = (await dataSource.query(
          'SELECT status, attempts, generation, sent_at AS sentAt FROM delivery WHERE id = ?',
          [target],
        )) as Array<{ status: string; attempts: number; generation: number; sentAt: Date | null }>;
        return found?.status === 'sent' ? found : undefined;
      },
      30_000,
      200,
    );
    expect(row.generation).toBe(1);
    expect(row.sentAt).not.toBeNull();
    const mail = await waitFor('the message at the SMTP server', async () => received[0]);
    expect(received).toHaveLength(1);
    expect(mail.to).toEqual([ADDRESS]);
    expect(mail.raw).toMatch(new RegExp(`^X-Luodi-Delivery-Id: ${target}\\r?$`, 'im'));
    // The others stay failed (nothing is re-sent unasked).
    const [stillFailed] = (await dataSource.query(
      "SELECT COUNT(*) AS n FROM delivery WHERE channel = 'email' AND status = 'failed'",
    )) as Array<{ n: string }>;
    expect(Number(stillFailed!.n)).toBe(emails.length - 1);
  });
});
