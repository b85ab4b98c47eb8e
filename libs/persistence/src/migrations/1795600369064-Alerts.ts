import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Alerts1795600369064 implements MigrationInterface {
  name = 'Alerts1795600369064';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`alert_event\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`alert_id\` bigint UNSIGNED NOT NULL, \`type\` enum ('raised', 'level_up', 'acknowledged', 'answered', 'resolved', 'reopened') NOT NULL, \`level\` tinyint UNSIGNED NOT NULL, \`at\` datetime(3) NOT NULL, \`actor_user_id\` bigint UNSIGNED NULL, \`note\` varchar(2000) NULL, INDEX \`idx_alert_event_alert\` (\`alert_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`alert\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`kind\` enum ('milestone_due', 'milestone_overdue', 'deemed_approval', 'not_registered', 'not_started', 'investment_behind', 'report_missing') NOT NULL, \`subject_type\` enum ('milestone', 'project', 'key_work') NOT NULL, \`subject_id\` bigint UNSIGNED NOT NULL, \`project_id\` bigint UNSIGNED NOT NULL, \`department_id\` bigint UNSIGNED NOT NULL, \`level\` tinyint UNSIGNED NOT NULL, \`status\` enum ('open', 'acknowledged', 'resolved') NOT NULL DEFAULT 'open', \`acknowledged_level\` tinyint UNSIGNED NULL, \`acknowledged_at\` datetime(3) NULL, \`acknowledged_by\` bigint UNSIGNED NULL, \`ack_note\` varchar(1000) NULL, \`answer_category\` enum ('in_progress', 'waiting_applicant', 'not_a_problem', 'needs_coordination') NULL, \`answer_cause\` varchar(2000) NULL, \`answer_measures\` varchar(2000) NULL, \`answer_expected_date\` date NULL, \`answered_at\` datetime(3) NULL, \`answered_by\` bigint UNSIGNED NULL, \`detail\` text NULL, \`raised_at\` datetime(3) NOT NULL, \`level_since\` datetime(3) NOT NULL, \`resolved_at\` datetime(3) NULL, INDEX \`idx_alert_status_level\` (\`status\`, \`level\`), INDEX \`idx_alert_department_status\` (\`department_id\`, \`status\`), UNIQUE INDEX \`uq_alert_subject_kind\` (\`subject_type\`, \`subject_id\`, \`kind\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`delivery\` (\`id\` char(36) NOT NULL, \`alert_id\` bigint UNSIGNED NOT NULL, \`level\` tinyint UNSIGNED NOT NULL, \`recipient\` varchar(64) NOT NULL, \`channel\` enum ('in_app', 'email', 'webhook') NOT NULL, \`target\` varchar(500) NULL, \`status\` enum ('pending', 'sent', 'failed') NOT NULL DEFAULT 'pending', \`attempts\` smallint UNSIGNED NOT NULL DEFAULT '0', \`generation\` smallint UNSIGNED NOT NULL DEFAULT '0', \`last_error\` varchar(1000) NULL, \`created_at\` datetime(3) NOT NULL, \`enqueued_at\` datetime(3) NULL, \`sent_at\` datetime(3) NULL, INDEX \`idx_delivery_status_enqueued\` (\`status\`, \`enqueued_at\`), UNIQUE INDEX \`uq_delivery_alert_level_recipient_channel\` (\`alert_id\`, \`level\`, \`recipient\`, \`channel\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`notification\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`delivery_id\` char(36) NOT NULL, \`alert_id\` bigint UNSIGNED NOT NULL, \`recipient\` varchar(64) NOT NULL, \`level\` tinyint UNSIGNED NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_notification_recipient\` (\`recipient\`, \`id\`), UNIQUE INDEX \`uq_notification_delivery\` (\`delivery_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`CREATE INDEX \`idx_project_registered_at\` ON \`project\` (\`registered_at\`)`);
    await queryRunner.query(`CREATE INDEX \`idx_milestone_light\` ON \`milestone\` (\`light\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_milestone_light\` ON \`milestone\``);
    await queryRunner.query(`DROP INDEX \`idx_project_registered_at\` ON \`project\``);
    await queryRunner.query(`DROP INDEX \`uq_notification_delivery\` ON \`notification\``);
    await queryRunner.query(`DROP INDEX \`idx_notification_recipient\` ON \`notification\``);
    await queryRunner.query(`DROP TABLE \`notification\``);
    await queryRunner.query(`DROP INDEX \`uq_delivery_alert_level_recipient_channel\` ON \`delivery\``);
    await queryRunner.query(`DROP INDEX \`idx_delivery_status_enqueued\` ON \`delivery\``);
    await queryRunner.query(`DROP TABLE \`delivery\``);
    await queryRunner.query(`DROP INDEX \`uq_alert_subject_kind\` ON \`alert\``);
    await queryRunner.query(`DROP INDEX \`idx_alert_department_status\` ON \`alert\``);
    await queryRunner.query(`DROP INDEX \`idx_alert_status_level\` ON \`alert\``);
    await queryRunner.query(`DROP TABLE \`alert\``);
    await queryRunner.query(`DROP INDEX \`idx_alert_event_alert\` ON \`alert_event\``);
    await queryRunner.query(`DROP TABLE \`alert_event\``);
  }
}
