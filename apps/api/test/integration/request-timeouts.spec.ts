import { connect } from 'node:net';
import { startStack, type TestStack } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A request body trickled in slower than REQUEST_TIMEOUT_MS is cut off (issue 11, item 7d): before,
 * such a body held its connection for as long as the client liked (more than 100 s).
 */
describe('request timeouts (slow bodies)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ env: { REQUEST_TIMEOUT_MS: '2000' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('closes a connection whose body trickles in slower than the request timeout', async () => {
    const { hostname, port } = new URL(stack.api.baseUrl);
    const body = JSON.stringify({ username: 'admin', password: 'x'.repeat(200) });
    const socket = connect(Number(port), hostname);
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `POST /api/auth/login HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    // One byte every 250 ms: the whole body would take about 55 s.
    let sent = 0;
    let open = true;
    void closed.then(() => (open = false));
    while (open && sent < body.length) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (open && !socket.destroyed) socket.write(body[sent]!);
      sent += 1;
    }
    await closed;
    // Cut off long before the body was complete, with 408 when Node could still answer.
    expect(sent).toBeLessThan(body.length / 2);
    if (answer) expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // The server goes on serving everyone else.
    expect((await stack.call('GET', '/api/health')).status).toBe(200);
  });

  it('takes a body sent at an ordinary pace', async () => {
    const answer = await stack.call('POST', '/api/auth/login', {
      body: { username: 'admin', password: 'not the password at all' },
    });
    expect(answer.status).toBe(401);
  });
});
