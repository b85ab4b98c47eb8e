import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The calendar_unconfirmed alert (a year without the State Council's holiday arrangement): its kind,
 * its subject type (the year), and no project or department (it is the admins', district-wide).
 */
export class CalendarYearAlerts1796646526710 implements MigrationInterface {
  name = 'CalendarYearAlerts1796646526710';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`alert\` MODIFY \`kind\` enum ('milestone_due', 'milestone_overdue', 'deemed_approval', 'not_registered', 'not_started', 'investment_behind', 'report_missing', 'calendar_unconfirmed') NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`alert\` MODIFY \`subject_type\` enum ('milestone', 'project', 'key_work', 'calendar_year') NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE \`alert\` MODIFY \`project_id\` bigint UNSIGNED NULL`);
    await queryRunner.query(`ALTER TABLE \`alert\` MODIFY \`department_id\` bigint UNSIGNED NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM \`alert\` WHERE \`kind\` = 'calendar_unconfirmed'`);
    await queryRunner.query(`ALTER TABLE \`alert\` MODIFY \`department_id\` bigint UNSIGNED NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`alert\` MODIFY \`project_id\` bigint UNSIGNED NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE \`alert\` MODIFY \`subject_type\` enum ('milestone', 'project', 'key_work') NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`alert\` MODIFY \`kind\` enum ('milestone_due', 'milestone_overdue', 'deemed_approval', 'not_registered', 'not_started', 'investment_behind', 'report_missing') NOT NULL`,
    );
  }
}
