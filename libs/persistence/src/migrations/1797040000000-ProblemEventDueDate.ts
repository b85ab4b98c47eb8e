import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The text of a due_changed event, as the dispatch module writes it: `<old> → <new>`. */
const DUE_CHANGE = /^(\d{4}-\d{2}-\d{2}) → (\d{4}-\d{2}-\d{2})$/;

/**
 * A problem's history keeps the due date each event set (`due_date`: the raising's due date, a
 * meeting's new one), so an agenda can give the due date a problem had on the meeting's day. Existing
 * events get it from what they recorded: a due_changed event's new date; a raising, the old date of
 * the first change (else the problem's due date).
 */
export class ProblemEventDueDate1797040000000 implements MigrationInterface {
  name = 'ProblemEventDueDate1797040000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`problem_event\` ADD \`due_date\` date NULL`);
    const changes = (await queryRunner.query(
      `SELECT id, problem_id AS problemId, text FROM problem_event WHERE type = 'due_changed' ORDER BY at, id`,
    )) as Array<{ id: string; problemId: string; text: string | null }>;
    const firstOld = new Map<string, string>();
    for (const change of changes) {
      const match = DUE_CHANGE.exec(change.text ?? '');
      if (!match) continue;
      if (!firstOld.has(String(change.problemId))) firstOld.set(String(change.problemId), match[1]!);
      await queryRunner.query(`UPDATE problem_event SET due_date = ? WHERE id = ?`, [match[2], change.id]);
    }
    await queryRunner.query(
      `UPDATE problem_event e JOIN problem q ON q.id = e.problem_id SET e.due_date = q.due_date WHERE e.type = 'raised'`,
    );
    for (const [problemId, due] of firstOld)
      await queryRunner.query(
        `UPDATE problem_event SET due_date = ? WHERE problem_id = ? AND type = 'raised'`,
        [due, problemId],
      );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`problem_event\` DROP COLUMN \`due_date\``);
  }
}
