import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The text of a reassigned event, as the dispatch module writes it: `<old department id> → <new>`. */
const OWNER_CHANGE = /^(\d+) → (\d+)$/;

/**
 * A problem's history keeps the owner department (责任单位) each event set (`owner_department_id`: the
 * raising's owner, a meeting's new one), so an agenda can group a problem under the owner it had on the
 * meeting's day. Existing events get it from what they recorded: a reassigned event's new owner (its
 * text holds both ids); a raising, the old owner of the first reassignment (else the problem's owner).
 *
 * What this cannot know: an owner changed without a reassigned event (e.g. by hand in the database) —
 * the raising then gets the owner the problem has now, as if it had always had it; and a reassigned
 * event whose text is not `<id> → <id>` stays null (the agenda then skips it and keeps the owner before).
 * Co-owners (配合单位) are not kept per event: the agenda does not use them, and no event recorded them.
 */
export class ProblemEventOwner1797100000000 implements MigrationInterface {
  name = 'ProblemEventOwner1797100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`problem_event\` ADD \`owner_department_id\` bigint UNSIGNED NULL`);
    const changes = (await queryRunner.query(
      `SELECT id, problem_id AS problemId, text FROM problem_event WHERE type = 'reassigned' ORDER BY at, id`,
    )) as Array<{ id: string; problemId: string; text: string | null }>;
    const firstOld = new Map<string, string>();
    for (const change of changes) {
      const match = OWNER_CHANGE.exec(change.text ?? '');
      if (!match) continue;
      if (!firstOld.has(String(change.problemId))) firstOld.set(String(change.problemId), match[1]!);
      await queryRunner.query(`UPDATE problem_event SET owner_department_id = ? WHERE id = ?`, [
        match[2],
        change.id,
      ]);
    }
    await queryRunner.query(
      `UPDATE problem_event e JOIN problem q ON q.id = e.problem_id
          SET e.owner_department_id = q.owner_department_id WHERE e.type = 'raised'`,
    );
    for (const [problemId, owner] of firstOld)
      await queryRunner.query(
        `UPDATE problem_event SET owner_department_id = ? WHERE problem_id = ? AND type = 'raised'`,
        [owner, problemId],
      );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`problem_event\` DROP COLUMN \`owner_department_id\``);
  }
}
