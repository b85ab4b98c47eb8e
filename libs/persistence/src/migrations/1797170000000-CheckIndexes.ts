import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the stall check's milestone source at province scale (issue 18): the 容缺 acceptances
 * (an accept event with a cure deadline) and the 告知承诺 approvals (by_promise) are found through
 * these few events instead of by looking at every milestone's history (a scan of every milestone).
 */
export class CheckIndexes1797170000000 implements MigrationInterface {
  name = 'CheckIndexes1797170000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX \`idx_milestone_event_cure_deadline\` ON \`milestone_event\` (\`cure_deadline\`)`,
    );
    await queryRunner.query(
      `CREATE INDEX \`idx_milestone_event_by_promise\` ON \`milestone_event\` (\`by_promise\`, \`type\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_milestone_event_by_promise\` ON \`milestone_event\``);
    await queryRunner.query(`DROP INDEX \`idx_milestone_event_cure_deadline\` ON \`milestone_event\``);
  }
}
