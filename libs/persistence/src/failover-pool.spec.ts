import { describe, expect, it } from 'vitest';
import { type DatabaseHost, failoverPool, type FailoverPoolMember } from './failover-pool';

const hosts: DatabaseHost[] = [
  { host: 'db1', port: 3306 },
  { host: 'db2', port: 3306 },
  { host: 'db3', port: 3306 },
];

/** Fake per-host pools: a host in `down` refuses connections like a stopped server. */
function fakes(down: Set<string>) {
  const made: string[] = [];
  const ended: string[] = [];
  const makePool = (host: DatabaseHost): FailoverPoolMember => {
    made.push(host.host);
    return {
      getConnection: (callback) =>
        setImmediate(() =>
          down.has(host.host)
            ? callback(
                Object.assign(new Error(`connect ECONNREFUSED ${host.host}`), { code: 'ECONNREFUSED' }),
              )
            : callback(null, { host: host.host }),
        ),
      end: (callback) => {
        ended.push(host.host);
        callback?.(null);
      },
    };
  };
  return { made, ended, makePool };
}

const connect = (pool: FailoverPoolMember) =>
  new Promise<unknown>((resolve, reject) =>
    pool.getConnection((error, connection) => (error ? reject(error) : resolve(connection))),
  );

describe('failoverPool', () => {
  it('uses the first host while it answers, and only it', async () => {
    const { made, makePool } = fakes(new Set());
    const pool = failoverPool(hosts, makePool);
    expect(await connect(pool)).toEqual({ host: 'db1' });
    expect(await connect(pool)).toEqual({ host: 'db1' });
    expect(made).toEqual(['db1']);
  });

  it('moves to the next host when one is away, stays there, and says so once', async () => {
    const down = new Set<string>();
    const { makePool } = fakes(down);
    const changes: string[] = [];
    const pool = failoverPool(hosts, makePool, (from, to) => changes.push(`${from.host}->${to.host}`));
    expect(await connect(pool)).toEqual({ host: 'db1' });
    down.add('db1');
    const answers = await Promise.all([connect(pool), connect(pool), connect(pool)]);
    expect(answers).toEqual([{ host: 'db2' }, { host: 'db2' }, { host: 'db2' }]);
    expect(changes).toEqual(['db1->db2']);
    // No failback: db1 back does not move the connections again.
    down.delete('db1');
    expect(await connect(pool)).toEqual({ host: 'db2' });
    expect(pool.currentHost()).toEqual(hosts[1]);
  });

  it('fails with the last error when every host is away, and ends every pool it made', async () => {
    const { ended, makePool } = fakes(new Set(['db1', 'db2', 'db3']));
    const pool = failoverPool(hosts, makePool);
    await expect(connect(pool)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await new Promise<void>((resolve) => pool.end(() => resolve()));
    expect(ended.sort()).toEqual(['db1', 'db2', 'db3']);
  });

  it('does not move on an error that is not the host being away', async () => {
    const makePool = (): FailoverPoolMember => ({
      getConnection: (callback) =>
        setImmediate(() =>
          callback(Object.assign(new Error('no free connection'), { code: 'POOL_ACQUIRE_TIMEOUT' })),
        ),
      end: (callback) => callback?.(null),
    });
    const pool = failoverPool(hosts, makePool);
    await expect(connect(pool)).rejects.toMatchObject({ code: 'POOL_ACQUIRE_TIMEOUT' });
    expect(pool.currentHost()).toEqual(hosts[0]);
  });
});
