import { ALL_MIGRATIONS } from '@luodi/persistence';
import { type TestDatabase, useTestDatabase } from '@luodi/testing';
import { describe, expect, it } from 'vitest';

/**
 * Issue 11 item 2: usernames stored before normalisation could be upper case (the old rule was 3–64
 * ASCII letters, digits, `.`, `_`, `-`); the migration brings them to the normalised (lower-case) form
 * that sign-in now looks up exactly.
 */
describe('migration NormalisedUsernames (real MariaDB)', () => {
  let database: TestDatabase;

  useTestDatabase((created) => {
    database = created;
  });

  it('lower-cases stored usernames, leaves the others and every other column alone, and can run twice', async () => {
    const dataSource = await database.dataSource();
    for (const username of ['Zhang.Wei', 'ADMIN2', 'already.lower']) {
      await dataSource.query(
        "INSERT INTO app_user (username, display_name, role, password_hash, enabled) VALUES (?, ?, 'bureau', 'x', 1)",
        [username, `name of ${username}`],
      );
    }
    const Migration = ALL_MIGRATIONS.find(
      (candidate) => candidate.name === 'NormalisedUsernames1796634946505',
    );
    expect(Migration, 'the migration is listed').toBeDefined();
    const migration = new Migration!();
    const runner = dataSource.createQueryRunner();
    try {
      await migration.up(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const rows = (await dataSource.query(
      'SELECT CAST(username AS BINARY) AS username, display_name AS displayName FROM app_user ORDER BY id',
    )) as Array<{ username: Buffer; displayName: string }>;
    expect(rows.map((row) => [row.username.toString('utf8'), row.displayName])).toEqual([
      ['zhang.wei', 'name of Zhang.Wei'],
      ['admin2', 'name of ADMIN2'],
      ['already.lower', 'name of already.lower'],
    ]);
  });
});
