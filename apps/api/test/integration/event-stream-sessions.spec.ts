import { liveChannel } from '@luodi/jobs';
import { readServerSentEvents, type RunningApi, startApi, startStack, type TestStack } from '@luodi/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 11 item 6: a live stream (`GET /api/events`) must not outlive its session. Two API processes
 * on one database and Redis: the session ends on one, the stream is held by the other.
 */

interface Stream {
  status: number;
  headers: Headers;
  body: unknown;
  events: Array<{ event: string; data: unknown }>;
  /** Settles when the server ends the stream (not when the test closes it). */
  ended: Promise<void>;
  isEnded(): boolean;
  close(): void;
}

/** Open a stream as a browser's EventSource would (token in the query); keeps every event. */
async function openStream(baseUrl: string, token: string): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/events?access_token=${encodeURIComponent(token)}`, {
    signal: controller.signal,
    headers: { accept: 'text/event-stream' },
  });
  const events: Stream['events'] = [];
  let done = false;
  if (response.status !== 200 || !response.body) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text
    }
    return {
      status: response.status,
      headers: response.headers,
      body,
      events,
      ended: Promise.resolve(),
      isEnded: () => true,
      close: () => undefined,
    };
  }
  const ended = readServerSentEvents(response.body, (message) => events.push(message)).then((serverEnded) => {
    done = serverEnded;
  });
  return {
    status: 200,
    headers: response.headers,
    body: null,
    events,
    ended,
    isEnded: () => done,
    close: () => controller.abort(),
  };
}

async function until(what: string, condition: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('live streams end with their session, on every API instance (real MariaDB + Redis)', () => {
  let stack: TestStack;
  let second: RunningApi;
  let redis: Redis;
  let admin: string;
  const open: Stream[] = [];
  const PASSWORD = 'amber meadow quiet river';

  /** A figures message on the live channel, as the API and worker send after a change. */
  const publishFigures = async (marker: string) => {
    await redis.publish(
      liveChannel(stack.env['QUEUE_PREFIX']!),
      JSON.stringify({ type: 'figures', subject: 'project', marker }),
    );
  };
  const markers = (stream: Stream) =>
    stream.events
      .filter((event) => event.event === 'figures')
      .map((event) => (event.data as { marker?: string }).marker);
  const stream = async (baseUrl: string, token: string) => {
    const opened = await openStream(baseUrl, token);
    open.push(opened);
    return opened;
  };
  const createUser = async (username: string) => {
    const created = await stack.call('POST', '/api/users', {
      token: admin,
      body: { username, password: PASSWORD, displayName: username, role: 'leader' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };

  beforeAll(async () => {
    stack = await startStack();
    second = await startApi(stack.env);
    redis = new Redis(stack.env['REDIS_URL']!);
    admin = await stack.login('admin');
  });
  afterAll(async () => {
    for (const opened of open) opened.close();
    redis?.disconnect();
    await second?.stop();
    await stack?.stop();
  });

  it('ends the stream of a session logged out on another instance; the same user’s other session keeps its stream', async () => {
    await createUser('stream.logout');
    const first = await stack.login('stream.logout', PASSWORD);
    const other = await stack.login('stream.logout', PASSWORD);
    const held = await stream(second.baseUrl, first);
    const kept = await stream(second.baseUrl, other);
    expect(held.status).toBe(200);
    await publishFigures('before');
    await until(
      'the first message',
      () => markers(held).includes('before') && markers(kept).includes('before'),
    );

    expect((await stack.call('POST', '/api/auth/logout', { token: first })).status).toBe(204);
    await publishFigures('after');
    await until('the other session to get the later message', () => markers(kept).includes('after'));
    await until('the logged-out stream to end', () => held.isEnded(), 5_000);
    expect(markers(held)).toEqual(['before']);
    expect(held.events.at(-1)).toMatchObject({ event: 'session-ended', data: { reason: 'logout' } });
    expect(kept.isEnded()).toBe(false);
  });

  it('ends every stream of a user who is disabled, or whose role changes, on every instance', async () => {
    for (const [username, patch, reason] of [
      ['stream.disabled', { enabled: false }, 'disabled'],
      ['stream.role', { role: 'bureau' }, 'role-changed'],
    ] as const) {
      const id = await createUser(username);
      const token = await stack.login(username, PASSWORD);
      const here = await stream(stack.api.baseUrl, token);
      const there = await stream(second.baseUrl, token);
      expect([here.status, there.status]).toEqual([200, 200]);

      const changed = await stack.call('PATCH', `/api/users/${id}`, { token: admin, body: patch });
      expect(changed.status).toBe(200);
      await publishFigures(`after-${reason}`);
      await until(`both streams of ${username} to end`, () => here.isEnded() && there.isEnded(), 5_000);
      for (const ended of [here, there]) {
        expect(markers(ended)).toEqual([]);
        expect(ended.events.at(-1)).toMatchObject({ event: 'session-ended', data: { reason } });
      }
      // The stream cannot be opened again with the old token either.
      expect((await openStream(second.baseUrl, token)).status).toBe(401);
    }
  });

  it('ends a stream whose session was revoked without any message, at its next keep-alive check', async () => {
    await createUser('stream.silent');
    const token = await stack.login('stream.silent', PASSWORD);
    const held = await stream(second.baseUrl, token);
    expect(held.status).toBe(200);
    // As if the session-ended message were lost (Redis away): the row changes, nobody is told.
    const { sid } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as {
      sid: string;
    };
    const dataSource = await stack.database.dataSource();
    await dataSource.query('UPDATE auth_session SET revoked_at = NOW(3) WHERE id = ?', [sid]);
    // The keep-alive (and with it the check) comes every 25 s.
    await until('the stream to end at its check', () => held.isEnded(), 60_000);
    expect(held.events.at(-1)).toMatchObject({ event: 'session-ended', data: { reason: 'ended' } });
    expect(held.events.filter((event) => event.event === 'ping')).toEqual([]);
  }, 90_000);

  it('allows 5 streams per user across instances; the 6th gets 429 with Retry-After until one closes', async () => {
    await createUser('stream.many');
    const token = await stack.login('stream.many', PASSWORD);
    const five: Stream[] = [];
    for (let index = 0; index < 5; index += 1) {
      five.push(await stream(index % 2 === 0 ? stack.api.baseUrl : second.baseUrl, token));
    }
    expect(five.map((opened) => opened.status)).toEqual([200, 200, 200, 200, 200]);

    for (const baseUrl of [stack.api.baseUrl, second.baseUrl]) {
      const sixth = await openStream(baseUrl, token);
      expect(sixth.status).toBe(429);
      expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(sixth.body).toMatchObject({ statusCode: 429, code: 'live_streams_exhausted' });
      expect(
        (sixth.body as { params: { retryAfterSeconds: number } }).params.retryAfterSeconds,
      ).toBeGreaterThan(0);
      expect((sixth.body as { message: string }).message).toMatch(/实时连接过多/);
    }
    // Another user is not affected.
    const leader = await stream(second.baseUrl, await stack.login('leader'));
    expect(leader.status).toBe(200);

    // Closing one frees its place (the server notices the closed connection).
    five[0]!.close();
    let again: Stream | undefined;
    await until('a freed place', async () => {
      again = await openStream(second.baseUrl, token);
      if (again.status === 200) open.push(again);
      return again.status === 200;
    });
    expect(again!.status).toBe(200);
  });
});
