import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 容缺受理 and 告知承诺制 (routes-and-forecast §2): the events cure, terminate, verified and
 * verification_failed; the state discontinued (终止办理, by a terminate event); the accept event's missing materials and cure deadline,
 * the approve event's promise and verify-by date; the alert kinds cure_overdue and promise_unverified.
 */
export class CureAndPromise1797070000000 implements MigrationInterface {
  name = 'CureAndPromise1797070000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`milestone_event\` CHANGE \`type\` \`type\` enum ('submit', 'request_supplement', 'accept', 'suspend', 'resume', 'extend', 'approve', 'reject', 'cure', 'terminate', 'verified', 'verification_failed', 'deemed_approve') NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE \`milestone_event\` ADD \`missing_materials\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`milestone_event\` ADD \`cure_deadline\` date NULL`);
    await queryRunner.query(`ALTER TABLE \`milestone_event\` ADD \`by_promise\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE \`milestone_event\` ADD \`verify_by\` date NULL`);
    await queryRunner.query(
      `ALTER TABLE \`milestone\` CHANGE \`state\` \`state\` enum ('planned', 'submitted', 'supplement_requested', 'accepted', 'suspended', 'approved', 'rejected', 'deemed_approved', 'discontinued') NOT NULL DEFAULT 'planned'`,
    );
    await queryRunner.query(`DROP INDEX \`uq_alert_subject_kind\` ON \`alert\``);
    await queryRunner.query(
      `ALTER TABLE \`alert\` CHANGE \`kind\` \`kind\` enum ('milestone_due', 'milestone_overdue', 'deemed_approval', 'not_registered', 'not_started', 'investment_behind', 'report_missing', 'calendar_unconfirmed', 'problem_overdue', 'notice_overdue', 'commitment_due', 'commitment_unmet', 'idle_land', 'cure_overdue', 'promise_unverified') NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_alert_subject_kind\` ON \`alert\` (\`subject_type\`, \`subject_id\`, \`kind\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_alert_subject_kind\` ON \`alert\``);
    await queryRunner.query(
      `ALTER TABLE \`alert\` CHANGE \`kind\` \`kind\` enum ('milestone_due', 'milestone_overdue', 'deemed_approval', 'not_registered', 'not_started', 'investment_behind', 'report_missing', 'calendar_unconfirmed', 'problem_overdue', 'notice_overdue', 'commitment_due', 'commitment_unmet', 'idle_land') NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_alert_subject_kind\` ON \`alert\` (\`subject_type\`, \`subject_id\`, \`kind\`)`,
    );
    await queryRunner.query(
      `ALTER TABLE \`milestone\` CHANGE \`state\` \`state\` enum ('planned', 'submitted', 'supplement_requested', 'accepted', 'suspended', 'approved', 'rejected', 'deemed_approved') NOT NULL DEFAULT 'planned'`,
    );
    await queryRunner.query(`ALTER TABLE \`milestone_event\` DROP COLUMN \`verify_by\``);
    await queryRunner.query(`ALTER TABLE \`milestone_event\` DROP COLUMN \`by_promise\``);
    await queryRunner.query(`ALTER TABLE \`milestone_event\` DROP COLUMN \`cure_deadline\``);
    await queryRunner.query(`ALTER TABLE \`milestone_event\` DROP COLUMN \`missing_materials\``);
    await queryRunner.query(
      `ALTER TABLE \`milestone_event\` CHANGE \`type\` \`type\` enum ('submit', 'request_supplement', 'accept', 'suspend', 'resume', 'extend', 'approve', 'reject', 'deemed_approve') NOT NULL`,
    );
  }
}
