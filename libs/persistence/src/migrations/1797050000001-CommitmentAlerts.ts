import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The alert kinds commitment_due, commitment_unmet, idle_land and the subject type clause (commitments.md §4). */
export class CommitmentAlerts1797050000001 implements MigrationInterface {
  name = 'CommitmentAlerts1797050000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_alert_subject_kind\` ON \`alert\``);
    await queryRunner.query(
      `ALTER TABLE \`alert\` CHANGE \`kind\` \`kind\` enum ('milestone_due', 'milestone_overdue', 'deemed_approval', 'not_registered', 'not_started', 'investment_behind', 'report_missing', 'calendar_unconfirmed', 'problem_overdue', 'notice_overdue', 'commitment_due', 'commitment_unmet', 'idle_land') NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`alert\` CHANGE \`subject_type\` \`subject_type\` enum ('milestone', 'project', 'key_work', 'calendar_year', 'problem', 'notice', 'clause') NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_alert_subject_kind\` ON \`alert\` (\`subject_type\`, \`subject_id\`, \`kind\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_alert_subject_kind\` ON \`alert\``);
    await queryRunner.query(
      `ALTER TABLE \`alert\` CHANGE \`subject_type\` \`subject_type\` enum ('milestone', 'project', 'key_work', 'calendar_year', 'problem', 'notice') NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`alert\` CHANGE \`kind\` \`kind\` enum ('milestone_due', 'milestone_overdue', 'deemed_approval', 'not_registered', 'not_started', 'investment_behind', 'report_missing', 'calendar_unconfirmed', 'problem_overdue', 'notice_overdue') NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_alert_subject_kind\` ON \`alert\` (\`subject_type\`, \`subject_id\`, \`kind\`)`,
    );
  }
}
