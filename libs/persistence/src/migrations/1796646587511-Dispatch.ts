import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 调度 (dispatch.md): problems with co-owners and history, dispatch meetings with attendees and
 * decisions, supervision notices, the yearly number counters; the alert kinds problem_overdue and
 * notice_overdue on the subjects problem and notice.
 *
 * The alert enums also carry `calendar_unconfirmed` / `calendar_year` of the earlier migration
 * 1796646526710-CalendarYearAlerts (branch h-calrill): this one redefines the whole lists, so after
 * both run the columns hold every value; down() restores the lists with the calendar values.
 */
export class Dispatch1796646587511 implements MigrationInterface {
  name = 'Dispatch1796646587511';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`problem\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`code\` varchar(16) NOT NULL, \`subject_type\` enum ('project', 'key_work') NOT NULL, \`subject_id\` bigint UNSIGNED NOT NULL, \`project_id\` bigint UNSIGNED NOT NULL, \`category\` enum ('land', 'planning', 'environment', 'energy', 'utilities', 'demolition', 'funding', 'policy', 'other') NOT NULL, \`description\` varchar(2000) NOT NULL, \`raised_by\` bigint UNSIGNED NOT NULL, \`raised_at\` date NOT NULL, \`owner_department_id\` bigint UNSIGNED NOT NULL, \`lead_official\` varchar(100) NULL, \`due_date\` date NOT NULL, \`status\` enum ('open', 'in_progress', 'resolved', 'closed') NOT NULL DEFAULT 'open', \`supervised\` tinyint NOT NULL DEFAULT 0, \`resolved_on\` date NULL, \`closed_on\` date NULL, \`closed_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`idx_problem_subject\` (\`subject_type\`, \`subject_id\`), INDEX \`idx_problem_status_due\` (\`status\`, \`due_date\`), INDEX \`idx_problem_owner_status\` (\`owner_department_id\`, \`status\`), UNIQUE INDEX \`uq_problem_code\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`problem_co_department\` (\`problem_id\` bigint UNSIGNED NOT NULL, \`department_id\` bigint UNSIGNED NOT NULL, INDEX \`idx_problem_co_department_department\` (\`department_id\`), PRIMARY KEY (\`problem_id\`, \`department_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`problem_event\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`problem_id\` bigint UNSIGNED NOT NULL, \`type\` enum ('raised', 'start', 'resolve', 'close', 'reject', 'reassigned', 'due_changed', 'supervised') NOT NULL, \`from_status\` enum ('open', 'in_progress', 'resolved', 'closed') NULL, \`to_status\` enum ('open', 'in_progress', 'resolved', 'closed') NULL, \`text\` varchar(2000) NULL, \`meeting_id\` bigint UNSIGNED NULL, \`actor_user_id\` bigint UNSIGNED NULL, \`at\` datetime(3) NOT NULL, INDEX \`idx_problem_event_problem\` (\`problem_id\`, \`at\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`meeting\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`date\` date NOT NULL, \`title\` varchar(200) NOT NULL, \`kind\` enum ('monthly', 'special') NOT NULL, \`chair_user_id\` bigint UNSIGNED NOT NULL, \`status\` enum ('open', 'closed') NOT NULL DEFAULT 'open', \`agenda\` mediumtext NULL, \`closed_at\` datetime(3) NULL, \`created_by\` bigint UNSIGNED NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`idx_meeting_date\` (\`date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`meeting_attendee\` (\`meeting_id\` bigint UNSIGNED NOT NULL, \`department_id\` bigint UNSIGNED NOT NULL, PRIMARY KEY (\`meeting_id\`, \`department_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`meeting_decision\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`meeting_id\` bigint UNSIGNED NOT NULL, \`seq\` smallint UNSIGNED NOT NULL, \`kind\` enum ('create', 'update') NOT NULL, \`problem_id\` bigint UNSIGNED NOT NULL, \`text\` varchar(2000) NOT NULL, \`owner_department_id\` bigint UNSIGNED NOT NULL, \`co_department_ids\` varchar(1000) NOT NULL, \`due_date\` date NOT NULL, \`lead_official\` varchar(100) NULL, \`supervised\` tinyint NOT NULL DEFAULT 0, \`created_by\` bigint UNSIGNED NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`idx_meeting_decision_problem\` (\`problem_id\`), UNIQUE INDEX \`uq_meeting_decision_seq\` (\`meeting_id\`, \`seq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`notice\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`year\` smallint UNSIGNED NOT NULL, \`seq\` int UNSIGNED NOT NULL, \`number\` varchar(32) NOT NULL, \`department_id\` bigint UNSIGNED NOT NULL, \`source_type\` enum ('alert', 'problem', 'decision') NOT NULL, \`source_id\` bigint UNSIGNED NOT NULL, \`project_id\` bigint UNSIGNED NOT NULL, \`subject\` varchar(300) NOT NULL, \`facts\` varchar(2000) NOT NULL, \`measures\` varchar(2000) NOT NULL, \`issued_on\` date NOT NULL, \`reply_due_date\` date NOT NULL, \`issued_by\` bigint UNSIGNED NOT NULL, \`status\` enum ('issued', 'signed', 'replied') NOT NULL DEFAULT 'issued', \`signed_at\` datetime(3) NULL, \`signed_by\` bigint UNSIGNED NULL, \`reply_done\` varchar(2000) NULL, \`reply_remaining\` varchar(2000) NULL, \`reply_expected_date\` date NULL, \`replied_at\` datetime(3) NULL, \`replied_on\` date NULL, \`replied_by\` bigint UNSIGNED NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`idx_notice_status_reply_due\` (\`status\`, \`reply_due_date\`), INDEX \`idx_notice_department_status\` (\`department_id\`, \`status\`), UNIQUE INDEX \`uq_notice_year_seq\` (\`year\`, \`seq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`number_sequence\` (\`series\` enum ('problem', 'notice') NOT NULL, \`year\` smallint UNSIGNED NOT NULL, \`last_number\` int UNSIGNED NOT NULL, PRIMARY KEY (\`series\`, \`year\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`DROP INDEX \`uq_alert_subject_kind\` ON \`alert\``);
    await queryRunner.query(
      `ALTER TABLE \`alert\` CHANGE \`kind\` \`kind\` enum ('milestone_due', 'milestone_overdue', 'deemed_approval', 'not_registered', 'not_started', 'investment_behind', 'report_missing', 'calendar_unconfirmed', 'problem_overdue', 'notice_overdue') NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`alert\` CHANGE \`subject_type\` \`subject_type\` enum ('milestone', 'project', 'key_work', 'calendar_year', 'problem', 'notice') NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_alert_subject_kind\` ON \`alert\` (\`subject_type\`, \`subject_id\`, \`kind\`)`,
    );
    await queryRunner.query(
      `ALTER TABLE \`problem\` ADD CONSTRAINT \`fk_problem_project\` FOREIGN KEY (\`project_id\`) REFERENCES \`project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`problem\` ADD CONSTRAINT \`fk_problem_raised_by\` FOREIGN KEY (\`raised_by\`) REFERENCES \`app_user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`problem\` ADD CONSTRAINT \`fk_problem_owner\` FOREIGN KEY (\`owner_department_id\`) REFERENCES \`department\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`problem_co_department\` ADD CONSTRAINT \`fk_problem_co_problem\` FOREIGN KEY (\`problem_id\`) REFERENCES \`problem\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`problem_co_department\` ADD CONSTRAINT \`fk_problem_co_department\` FOREIGN KEY (\`department_id\`) REFERENCES \`department\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`problem_event\` ADD CONSTRAINT \`fk_problem_event_problem\` FOREIGN KEY (\`problem_id\`) REFERENCES \`problem\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`meeting\` ADD CONSTRAINT \`fk_meeting_chair\` FOREIGN KEY (\`chair_user_id\`) REFERENCES \`app_user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`meeting_attendee\` ADD CONSTRAINT \`fk_meeting_attendee_meeting\` FOREIGN KEY (\`meeting_id\`) REFERENCES \`meeting\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`meeting_attendee\` ADD CONSTRAINT \`fk_meeting_attendee_department\` FOREIGN KEY (\`department_id\`) REFERENCES \`department\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`meeting_decision\` ADD CONSTRAINT \`fk_meeting_decision_meeting\` FOREIGN KEY (\`meeting_id\`) REFERENCES \`meeting\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`meeting_decision\` ADD CONSTRAINT \`fk_meeting_decision_problem\` FOREIGN KEY (\`problem_id\`) REFERENCES \`problem\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`meeting_decision\` ADD CONSTRAINT \`fk_meeting_decision_owner\` FOREIGN KEY (\`owner_department_id\`) REFERENCES \`department\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`notice\` ADD CONSTRAINT \`fk_notice_department\` FOREIGN KEY (\`department_id\`) REFERENCES \`department\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`notice\` ADD CONSTRAINT \`fk_notice_project\` FOREIGN KEY (\`project_id\`) REFERENCES \`project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`notice\` ADD CONSTRAINT \`fk_notice_issued_by\` FOREIGN KEY (\`issued_by\`) REFERENCES \`app_user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`notice\` DROP FOREIGN KEY \`fk_notice_issued_by\``);
    await queryRunner.query(`ALTER TABLE \`notice\` DROP FOREIGN KEY \`fk_notice_project\``);
    await queryRunner.query(`ALTER TABLE \`notice\` DROP FOREIGN KEY \`fk_notice_department\``);
    await queryRunner.query(
      `ALTER TABLE \`meeting_decision\` DROP FOREIGN KEY \`fk_meeting_decision_owner\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`meeting_decision\` DROP FOREIGN KEY \`fk_meeting_decision_problem\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`meeting_decision\` DROP FOREIGN KEY \`fk_meeting_decision_meeting\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`meeting_attendee\` DROP FOREIGN KEY \`fk_meeting_attendee_department\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`meeting_attendee\` DROP FOREIGN KEY \`fk_meeting_attendee_meeting\``,
    );
    await queryRunner.query(`ALTER TABLE \`meeting\` DROP FOREIGN KEY \`fk_meeting_chair\``);
    await queryRunner.query(`ALTER TABLE \`problem_event\` DROP FOREIGN KEY \`fk_problem_event_problem\``);
    await queryRunner.query(
      `ALTER TABLE \`problem_co_department\` DROP FOREIGN KEY \`fk_problem_co_department\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`problem_co_department\` DROP FOREIGN KEY \`fk_problem_co_problem\``,
    );
    await queryRunner.query(`ALTER TABLE \`problem\` DROP FOREIGN KEY \`fk_problem_owner\``);
    await queryRunner.query(`ALTER TABLE \`problem\` DROP FOREIGN KEY \`fk_problem_raised_by\``);
    await queryRunner.query(`ALTER TABLE \`problem\` DROP FOREIGN KEY \`fk_problem_project\``);
    await queryRunner.query(`DROP INDEX \`uq_alert_subject_kind\` ON \`alert\``);
    await queryRunner.query(
      `ALTER TABLE \`alert\` CHANGE \`subject_type\` \`subject_type\` enum ('milestone', 'project', 'key_work', 'calendar_year') NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`alert\` CHANGE \`kind\` \`kind\` enum ('milestone_due', 'milestone_overdue', 'deemed_approval', 'not_registered', 'not_started', 'investment_behind', 'report_missing', 'calendar_unconfirmed') NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_alert_subject_kind\` ON \`alert\` (\`subject_type\`, \`subject_id\`, \`kind\`)`,
    );
    await queryRunner.query(`DROP TABLE \`number_sequence\``);
    await queryRunner.query(`DROP INDEX \`uq_notice_year_seq\` ON \`notice\``);
    await queryRunner.query(`DROP INDEX \`idx_notice_department_status\` ON \`notice\``);
    await queryRunner.query(`DROP INDEX \`idx_notice_status_reply_due\` ON \`notice\``);
    await queryRunner.query(`DROP TABLE \`notice\``);
    await queryRunner.query(`DROP INDEX \`uq_meeting_decision_seq\` ON \`meeting_decision\``);
    await queryRunner.query(`DROP INDEX \`idx_meeting_decision_problem\` ON \`meeting_decision\``);
    await queryRunner.query(`DROP TABLE \`meeting_decision\``);
    await queryRunner.query(`DROP TABLE \`meeting_attendee\``);
    await queryRunner.query(`DROP INDEX \`idx_meeting_date\` ON \`meeting\``);
    await queryRunner.query(`DROP TABLE \`meeting\``);
    await queryRunner.query(`DROP INDEX \`idx_problem_event_problem\` ON \`problem_event\``);
    await queryRunner.query(`DROP TABLE \`problem_event\``);
    await queryRunner.query(
      `DROP INDEX \`idx_problem_co_department_department\` ON \`problem_co_department\``,
    );
    await queryRunner.query(`DROP TABLE \`problem_co_department\``);
    await queryRunner.query(`DROP INDEX \`uq_problem_code\` ON \`problem\``);
    await queryRunner.query(`DROP INDEX \`idx_problem_owner_status\` ON \`problem\``);
    await queryRunner.query(`DROP INDEX \`idx_problem_status_due\` ON \`problem\``);
    await queryRunner.query(`DROP INDEX \`idx_problem_subject\` ON \`problem\``);
    await queryRunner.query(`DROP TABLE \`problem\``);
  }
}
