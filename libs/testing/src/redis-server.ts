import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, waitFor } from './environment';

/**
 * A throwaway redis-server of the test's own, for fault tests (stopping it must not disturb anything
 * else). Uses the same binary ops/services installs. Without `appendonly` it keeps nothing across a
 * restart; with it, it runs as in production (`appendonly yes`, fsync every second) in a temporary
 * folder, so that a SIGKILL and a restart bring back what the append-only file holds.
 */
export class PrivateRedis {
  private child?: ChildProcess;
  private dir?: string;
  private constructor(
    readonly port: number,
    private readonly appendonly: boolean,
  ) {}

  static async start(options: { appendonly?: boolean } = {}): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), options.appendonly ?? false);
    if (redis.appendonly) redis.dir = mkdtempSync(join(tmpdir(), 'luodi-redis-'));
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        this.appendonly ? 'yes' : 'no',
        ...(this.dir ? ['--dir', this.dir, '--appendfsync', 'everysec'] : []),
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    await waitFor(`redis on ${this.port}`, async () => {
      const client = new Redis(this.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      client.on('error', () => undefined);
      try {
        await client.connect();
        return (await client.ping()) === 'PONG';
      } finally {
        client.disconnect();
      }
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolveExit) => child.on('exit', resolveExit));
    child.kill('SIGKILL');
    await exited;
  }

  /** Stop (SIGKILL) and remove the append-only folder, if any. */
  async destroy(): Promise<void> {
    await this.stop();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
