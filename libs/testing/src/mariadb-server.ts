import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { freePort, waitFor } from './environment';

/** The first of `names` found on PATH or in /usr/sbin (mariadbd is not on a non-root PATH). */
function findBinary(...names: string[]): string {
  for (const name of names) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
    if (found) return found;
    if (existsSync(`/usr/sbin/${name}`)) return `/usr/sbin/${name}`;
  }
  throw new Error(`none of ${names.join(', ')} found: run bash ops/services/up.sh (installs mariadb-server)`);
}

/**
 * A throwaway MariaDB server of the test's own, for fault drills (stopping it must not disturb the
 * shared server other tests use). Started the way ops/services/up.sh starts its private instance —
 * `mariadb-install-db` into a fresh datadir, then `mariadbd --no-defaults` on 127.0.0.1 with its own
 * port and socket, utf8mb4 and `default-time-zone=+00:00` — but in a temporary folder removed by
 * `destroy()`. `stop()` and `start()` keep the data, as a real restart does.
 */
export class PrivateMariaDb {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private readonly mariadbd = findBinary('mariadbd', 'mysqld');

  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  /** Initialise a datadir in a temporary folder and start the server on a free port. */
  static async create(): Promise<PrivateMariaDb> {
    const dir = mkdtempSync(join(tmpdir(), 'luodi-mdb-'));
    const server = new PrivateMariaDb(await freePort(), dir);
    const installDb = findBinary('mariadb-install-db', 'mysql_install_db');
    const help = spawnSync(installDb, ['--help'], { encoding: 'utf8' });
    const args = ['--no-defaults', `--datadir=${server.dataDir}`];
    if (`${help.stdout}${help.stderr}`.includes('--auth-root-authentication-method'))
      args.push('--auth-root-authentication-method=normal');
    if (`${help.stdout}${help.stderr}`.includes('--skip-test-db')) args.push('--skip-test-db');
    if (process.getuid?.() === 0) args.push('--user=root');
    const installed = spawnSync(installDb, args, { encoding: 'utf8' });
    if (installed.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(
        `mariadb-install-db failed (${installed.status}):\n${installed.stdout}${installed.stderr}`,
      );
    }
    await server.start();
    return server;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** The server's root URL for a database name. */
  urlFor(database: string): string {
    return `mysql://root@127.0.0.1:${this.port}/${database}`;
  }

  /** True while the server process runs (stopped with SIGSTOP counts as running). */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const args = [
      '--no-defaults',
      `--datadir=${this.dataDir}`,
      `--port=${this.port}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(this.dir, 'mariadb.sock')}`,
      `--pid-file=${join(this.dir, 'mariadb.pid')}`,
      `--log-error=${join(this.dir, 'mariadb.log')}`,
      '--skip-name-resolve',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      '--default-time-zone=+00:00',
      '--max-connections=300',
      '--innodb-buffer-pool-size=64M',
    ];
    if (process.getuid?.() === 0) args.push('--user=root');
    const child = spawn(this.mariadbd, args, { stdio: 'ignore' });
    this.child = child;
    this.exited = new Promise((resolveExit) => child.on('exit', () => resolveExit()));
    await waitFor(
      `mariadbd on ${this.port}`,
      async () => {
        if (!this.running) throw new Error(`mariadbd exited; see ${join(this.dir, 'mariadb.log')}`);
        const connection = await createConnection({
          host: '127.0.0.1',
          port: this.port,
          user: 'root',
          connectTimeout: 1_000,
        });
        try {
          await connection.query('SELECT 1');
          return true;
        } finally {
          await connection.end();
        }
      },
      60_000,
      100,
    );
  }

  /**
   * Stop the server: SIGTERM (a clean shutdown, clients see their connections closed and new ones
   * refused) waits for the exit; SIGKILL likewise; SIGSTOP freezes it (connections hang) until resume().
   */
  async stop(signal: 'SIGTERM' | 'SIGKILL' | 'SIGSTOP' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.kill(signal);
    if (signal !== 'SIGSTOP') await this.exited;
  }

  /** Continue a server frozen by stop('SIGSTOP'). */
  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** Stop the server for good and remove its folder. */
  async destroy(): Promise<void> {
    if (this.running) {
      this.child!.kill('SIGCONT');
      this.child!.kill('SIGKILL');
      await this.exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
