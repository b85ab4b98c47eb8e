import { ALL_MIGRATIONS } from '@luodi/persistence';
import { type TestDatabase, useTestDatabase } from '@luodi/testing';
import { describe, expect, it } from 'vitest';

/**
 * Issue 14 (known gap): a problem's history keeps the owner department each event set. The migration
 * fills it for the events recorded before it, from what they recorded: a reassignment's new owner (its
 * text `<old id> → <new id>`), a raising's owner the old one of the first reassignment, else the
 * problem's owner now; any other event stays null.
 */
describe('migration ProblemEventOwner (real MariaDB)', () => {
  let database: TestDatabase;

  useTestDatabase((created) => {
    database = created;
  });

  it('backfills the owner of raisings and reassignments from the history', async () => {
    const dataSource = await database.dataSource();
    const Migration = ALL_MIGRATIONS.find((candidate) => candidate.name === 'ProblemEventOwner1797100000000');
    expect(Migration, 'the migration is listed').toBeDefined();
    const migration = new Migration!();
    const runner = dataSource.createQueryRunner();
    const ids: Record<string, string> = {};
    try {
      await migration.down(runner);
      // The rows as the app wrote them before the migration (the parents are not what is tested here).
      await runner.query('SET FOREIGN_KEY_CHECKS = 0');
      const problem = async (code: string, owner: number) => {
        const result = (await runner.query(
          `INSERT INTO problem (code, subject_type, subject_id, project_id, category, description, raised_by,
                                raised_at, owner_department_id, due_date)
           VALUES (?, 'project', 1, 1, 'land', '用地', 1, '2026-10-01', ?, '2026-12-31')`,
          [code, owner],
        )) as { insertId: number };
        return String(result.insertId);
      };
      const event = async (name: string, problemId: string, type: string, text: string, at: string) => {
        const result = (await runner.query(
          `INSERT INTO problem_event (problem_id, type, text, at) VALUES (?, ?, ?, ?)`,
          [problemId, type, text, at],
        )) as { insertId: number };
        ids[name] = String(result.insertId);
      };
      const kept = await problem('WT-2026-0001', 7);
      await event('keptRaised', kept, 'raised', '用地', '2026-10-01 02:00:00');
      await event('keptStart', kept, 'start', '方案', '2026-10-02 02:00:00');
      const moved = await problem('WT-2026-0002', 7);
      await event('movedRaised', moved, 'raised', '用地', '2026-10-01 02:00:00');
      await event('movedFirst', moved, 'reassigned', '5 → 6', '2026-10-10 02:00:00');
      await event('movedDue', moved, 'due_changed', '2026-12-31 → 2027-01-31', '2026-10-10 02:00:00');
      await event('movedSecond', moved, 'reassigned', '6 → 7', '2026-11-10 02:00:00');
      const unreadable = await problem('WT-2026-0003', 9);
      await event('unreadableRaised', unreadable, 'raised', '用地', '2026-10-01 02:00:00');
      await event('unreadableMove', unreadable, 'reassigned', '改由其他单位', '2026-10-10 02:00:00');
      await runner.query('SET FOREIGN_KEY_CHECKS = 1');
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const rows = (await dataSource.query(
      'SELECT id, owner_department_id AS owner FROM problem_event',
    )) as Array<{
      id: string;
      owner: string | null;
    }>;
    const owner = (name: string) => {
      const value = rows.find((row) => String(row.id) === ids[name])?.owner;
      return value == null ? null : String(value);
    };
    expect(Object.fromEntries(Object.keys(ids).map((name) => [name, owner(name)]))).toEqual({
      keptRaised: '7',
      keptStart: null,
      movedRaised: '5',
      movedFirst: '6',
      movedDue: null,
      movedSecond: '7',
      // An owner change it cannot read: the raising gets the owner the problem has now.
      unreadableRaised: '9',
      unreadableMove: null,
    });
  });
});
