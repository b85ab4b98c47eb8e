import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795597178159 implements MigrationInterface {
  name = 'InitialSchema1795597178159';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`calendar_override\` (\`date\` date NOT NULL, \`kind\` enum ('holiday', 'workday') NOT NULL, \`name\` varchar(100) NULL, \`updated_at\` datetime(3) NOT NULL, PRIMARY KEY (\`date\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`department\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`code\` varchar(32) NOT NULL, \`name\` varchar(100) NOT NULL, \`email\` varchar(254) NULL, \`webhook_url\` varchar(500) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_62690f4fe31da9eb824d909285\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`project\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`code\` varchar(32) NOT NULL, \`name\` varchar(200) NOT NULL, \`investor\` varchar(200) NOT NULL, \`investor_origin\` enum ('domestic', 'hmt', 'foreign') NOT NULL DEFAULT 'domestic', \`industry\` varchar(64) NOT NULL, \`source\` varchar(64) NOT NULL, \`contract_amount\` decimal(14,2) NOT NULL, \`funds_arrived\` decimal(14,2) NOT NULL DEFAULT '0.00', \`lead_department_id\` bigint UNSIGNED NOT NULL, \`lead_official\` varchar(64) NULL, \`location\` varchar(100) NULL, \`planned_start_date\` date NULL, \`stage\` enum ('negotiating', 'signed', 'registered', 'started', 'operating', 'terminated') NOT NULL DEFAULT 'negotiating', \`talks_started_at\` date NOT NULL, \`signed_at\` date NULL, \`registered_at\` date NULL, \`started_at\` date NULL, \`operating_at\` date NULL, \`terminated_at\` date NULL, \`termination_reason\` varchar(500) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`idx_project_lead_department_id\` (\`lead_department_id\`), INDEX \`idx_project_source\` (\`source\`), INDEX \`idx_project_stage\` (\`stage\`), INDEX \`idx_project_talks_started_at\` (\`talks_started_at\`), INDEX \`idx_project_signed_at\` (\`signed_at\`), UNIQUE INDEX \`IDX_b58774a8460d69d09c888158ab\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`fund_arrival\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`project_id\` bigint UNSIGNED NOT NULL, \`amount\` decimal(14,2) NOT NULL, \`at\` date NOT NULL, \`note\` varchar(500) NULL, \`recorded_by\` bigint UNSIGNED NULL, \`recorded_at\` datetime(3) NOT NULL, INDEX \`idx_fund_arrival_project_at\` (\`project_id\`, \`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`key_work\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`project_id\` bigint UNSIGNED NOT NULL, \`year\` smallint UNSIGNED NOT NULL, \`annual_plan_investment\` decimal(14,2) NOT NULL, \`planned_start_month\` tinyint UNSIGNED NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`idx_key_work_year\` (\`year\`), UNIQUE INDEX \`uq_key_work_project_year\` (\`project_id\`, \`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`key_work_report\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`key_work_id\` bigint UNSIGNED NOT NULL, \`month\` char(7) NOT NULL, \`completed_investment\` decimal(14,2) NOT NULL, \`progress\` varchar(2000) NULL, \`problems\` varchar(2000) NULL, \`reported_at\` datetime(3) NOT NULL, \`reported_by\` bigint UNSIGNED NULL, \`corrected_at\` datetime(3) NULL, INDEX \`idx_key_work_report_reported_at\` (\`reported_at\`), UNIQUE INDEX \`uq_key_work_report_month\` (\`key_work_id\`, \`month\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`lookup_item\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`kind\` enum ('source', 'industry', 'location') NOT NULL, \`name\` varchar(64) NOT NULL, \`sort_order\` int NOT NULL DEFAULT '0', \`enabled\` tinyint NOT NULL DEFAULT 1, UNIQUE INDEX \`uq_lookup_item_kind_name\` (\`kind\`, \`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`project_stage_event\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`project_id\` bigint UNSIGNED NOT NULL, \`stage\` enum ('negotiating', 'signed', 'registered', 'started', 'operating', 'terminated') NOT NULL, \`at\` date NOT NULL, \`reason\` varchar(500) NULL, \`recorded_by\` bigint UNSIGNED NULL, \`recorded_at\` datetime(3) NOT NULL, INDEX \`idx_project_stage_event_project\` (\`project_id\`, \`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`app_user\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`username\` varchar(64) NOT NULL, \`display_name\` varchar(100) NOT NULL, \`role\` enum ('admin', 'bureau', 'leader', 'department') NOT NULL, \`department_id\` bigint UNSIGNED NULL, \`password_hash\` varchar(255) NOT NULL, \`enabled\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`idx_app_user_department_id\` (\`department_id\`), UNIQUE INDEX \`IDX_c480e576dd71729addbc2d51b6\` (\`username\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`audit_log\` (\`seq\` bigint UNSIGNED NOT NULL, \`at\` datetime(3) NOT NULL, \`actor_user_id\` bigint UNSIGNED NULL, \`actor_username\` varchar(64) NULL, \`action\` varchar(64) NOT NULL, \`entity_type\` varchar(64) NOT NULL, \`entity_id\` varchar(64) NULL, \`before_json\` longtext NULL, \`after_json\` longtext NULL, \`ip\` varchar(64) NULL, \`request_id\` varchar(128) NULL, \`prev_hash\` char(64) NOT NULL, \`hash\` char(64) NOT NULL, INDEX \`idx_audit_log_at\` (\`at\`), INDEX \`idx_audit_log_entity\` (\`entity_type\`, \`entity_id\`, \`seq\`), PRIMARY KEY (\`seq\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`audit_head\` (\`id\` tinyint UNSIGNED NOT NULL, \`last_seq\` bigint UNSIGNED NOT NULL, \`last_hash\` char(64) NOT NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`auth_session\` (\`id\` char(36) NOT NULL, \`user_id\` bigint UNSIGNED NOT NULL, \`refresh_token_hash\` char(64) NOT NULL, \`created_at\` datetime(3) NOT NULL, \`last_used_at\` datetime(3) NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`revoked_at\` datetime(3) NULL, \`ip\` varchar(64) NULL, \`user_agent\` varchar(255) NULL, INDEX \`idx_auth_session_user_id\` (\`user_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`worker_heartbeat\` (\`worker_id\` varchar(191) NOT NULL, \`hostname\` varchar(191) NOT NULL, \`pid\` int UNSIGNED NOT NULL, \`started_at\` datetime(3) NOT NULL, \`last_seen_at\` datetime(3) NOT NULL, INDEX \`idx_worker_heartbeat_last_seen_at\` (\`last_seen_at\`), PRIMARY KEY (\`worker_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`project\` ADD CONSTRAINT \`fk_project_lead_department\` FOREIGN KEY (\`lead_department_id\`) REFERENCES \`department\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`fund_arrival\` ADD CONSTRAINT \`fk_fund_arrival_project\` FOREIGN KEY (\`project_id\`) REFERENCES \`project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`key_work\` ADD CONSTRAINT \`fk_key_work_project\` FOREIGN KEY (\`project_id\`) REFERENCES \`project\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`key_work_report\` ADD CONSTRAINT \`fk_key_work_report_key_work\` FOREIGN KEY (\`key_work_id\`) REFERENCES \`key_work\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`project_stage_event\` ADD CONSTRAINT \`fk_project_stage_event_project\` FOREIGN KEY (\`project_id\`) REFERENCES \`project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`app_user\` ADD CONSTRAINT \`fk_app_user_department\` FOREIGN KEY (\`department_id\`) REFERENCES \`department\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`auth_session\` ADD CONSTRAINT \`fk_auth_session_user\` FOREIGN KEY (\`user_id\`) REFERENCES \`app_user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The audit chain starts at its genesis head.
    await queryRunner.query(
      "INSERT INTO `audit_head` (`id`, `last_seq`, `last_hash`) VALUES (1, 0, REPEAT('0', 64))",
    );
    // Default managed lists (admins and the bureau edit them later).
    const lists: Array<[string, string[]]> = [
      ['source', ['沪洽会', '港洽会', '中博会', '厦洽会', '进博会', '自主招商', '以商招商']],
      [
        'industry',
        [
          '先进制造',
          '新能源',
          '新材料',
          '生物医药',
          '电子信息',
          '现代物流',
          '文化旅游',
          '现代农业',
          '商贸服务',
          '基础设施',
        ],
      ],
      ['location', ['经济开发区', '高新技术产业园', '城东街道', '城西街道', '临港镇', '青山镇', '白石乡']],
    ];
    for (const [kind, names] of lists) {
      for (const [index, name] of names.entries()) {
        await queryRunner.query(
          'INSERT INTO `lookup_item` (`kind`, `name`, `sort_order`, `enabled`) VALUES (?, ?, ?, 1)',
          [kind, name, index],
        );
      }
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`auth_session\` DROP FOREIGN KEY \`fk_auth_session_user\``);
    await queryRunner.query(`ALTER TABLE \`app_user\` DROP FOREIGN KEY \`fk_app_user_department\``);
    await queryRunner.query(
      `ALTER TABLE \`project_stage_event\` DROP FOREIGN KEY \`fk_project_stage_event_project\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`key_work_report\` DROP FOREIGN KEY \`fk_key_work_report_key_work\``,
    );
    await queryRunner.query(`ALTER TABLE \`key_work\` DROP FOREIGN KEY \`fk_key_work_project\``);
    await queryRunner.query(`ALTER TABLE \`fund_arrival\` DROP FOREIGN KEY \`fk_fund_arrival_project\``);
    await queryRunner.query(`ALTER TABLE \`project\` DROP FOREIGN KEY \`fk_project_lead_department\``);
    await queryRunner.query(`DROP INDEX \`idx_worker_heartbeat_last_seen_at\` ON \`worker_heartbeat\``);
    await queryRunner.query(`DROP TABLE \`worker_heartbeat\``);
    await queryRunner.query(`DROP INDEX \`idx_auth_session_user_id\` ON \`auth_session\``);
    await queryRunner.query(`DROP TABLE \`auth_session\``);
    await queryRunner.query(`DROP TABLE \`audit_head\``);
    await queryRunner.query(`DROP INDEX \`idx_audit_log_entity\` ON \`audit_log\``);
    await queryRunner.query(`DROP INDEX \`idx_audit_log_at\` ON \`audit_log\``);
    await queryRunner.query(`DROP TABLE \`audit_log\``);
    await queryRunner.query(`DROP INDEX \`IDX_c480e576dd71729addbc2d51b6\` ON \`app_user\``);
    await queryRunner.query(`DROP INDEX \`idx_app_user_department_id\` ON \`app_user\``);
    await queryRunner.query(`DROP TABLE \`app_user\``);
    await queryRunner.query(`DROP INDEX \`idx_project_stage_event_project\` ON \`project_stage_event\``);
    await queryRunner.query(`DROP TABLE \`project_stage_event\``);
    await queryRunner.query(`DROP INDEX \`uq_lookup_item_kind_name\` ON \`lookup_item\``);
    await queryRunner.query(`DROP TABLE \`lookup_item\``);
    await queryRunner.query(`DROP INDEX \`uq_key_work_report_month\` ON \`key_work_report\``);
    await queryRunner.query(`DROP INDEX \`idx_key_work_report_reported_at\` ON \`key_work_report\``);
    await queryRunner.query(`DROP TABLE \`key_work_report\``);
    await queryRunner.query(`DROP INDEX \`uq_key_work_project_year\` ON \`key_work\``);
    await queryRunner.query(`DROP INDEX \`idx_key_work_year\` ON \`key_work\``);
    await queryRunner.query(`DROP TABLE \`key_work\``);
    await queryRunner.query(`DROP INDEX \`idx_fund_arrival_project_at\` ON \`fund_arrival\``);
    await queryRunner.query(`DROP TABLE \`fund_arrival\``);
    await queryRunner.query(`DROP INDEX \`IDX_b58774a8460d69d09c888158ab\` ON \`project\``);
    await queryRunner.query(`DROP INDEX \`idx_project_signed_at\` ON \`project\``);
    await queryRunner.query(`DROP INDEX \`idx_project_talks_started_at\` ON \`project\``);
    await queryRunner.query(`DROP INDEX \`idx_project_stage\` ON \`project\``);
    await queryRunner.query(`DROP INDEX \`idx_project_source\` ON \`project\``);
    await queryRunner.query(`DROP INDEX \`idx_project_lead_department_id\` ON \`project\``);
    await queryRunner.query(`DROP TABLE \`project\``);
    await queryRunner.query(`DROP INDEX \`IDX_62690f4fe31da9eb824d909285\` ON \`department\``);
    await queryRunner.query(`DROP TABLE \`department\``);
    await queryRunner.query(`DROP TABLE \`calendar_override\``);
  }
}
