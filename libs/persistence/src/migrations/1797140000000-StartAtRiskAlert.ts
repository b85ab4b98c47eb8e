import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The alert kind start_at_risk (routes-and-forecast §3): the P80 start date is after the planned start. */
export class StartAtRiskAlert1797140000000 implements MigrationInterface {
  name = 'StartAtRiskAlert1797140000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_alert_subject_kind\` ON \`alert\``);
    await queryRunner.query(
      `ALTER TABLE \`alert\` CHANGE \`kind\` \`kind\` enum ('milestone_due', 'milestone_overdue', 'deemed_approval', 'not_registered', 'not_started', 'investment_behind', 'report_missing', 'calendar_unconfirmed', 'problem_overdue', 'notice_overdue', 'commitment_due', 'commitment_unmet', 'idle_land', 'cure_overdue', 'promise_unverified', 'start_at_risk') NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_alert_subject_kind\` ON \`alert\` (\`subject_type\`, \`subject_id\`, \`kind\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM \`alert\` WHERE \`kind\` = 'start_at_risk'`);
    await queryRunner.query(`DROP INDEX \`uq_alert_subject_kind\` ON \`alert\``);
    await queryRunner.query(
      `ALTER TABLE \`alert\` CHANGE \`kind\` \`kind\` enum ('milestone_due', 'milestone_overdue', 'deemed_approval', 'not_registered', 'not_started', 'investment_behind', 'report_missing', 'calendar_unconfirmed', 'problem_overdue', 'notice_overdue', 'commitment_due', 'commitment_unmet', 'idle_land', 'cure_overdue', 'promise_unverified') NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_alert_subject_kind\` ON \`alert\` (\`subject_type\`, \`subject_id\`, \`kind\`)`,
    );
  }
}
