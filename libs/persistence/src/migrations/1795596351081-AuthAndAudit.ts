import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthAndAudit1795596351081 implements MigrationInterface {
  name = 'AuthAndAudit1795596351081';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`department\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`code\` varchar(32) NOT NULL, \`name\` varchar(100) NOT NULL, \`email\` varchar(254) NULL, \`webhook_url\` varchar(500) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_62690f4fe31da9eb824d909285\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`app_user\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`username\` varchar(64) NOT NULL, \`display_name\` varchar(100) NOT NULL, \`role\` enum ('admin', 'bureau', 'leader', 'department') NOT NULL, \`department_id\` bigint UNSIGNED NULL, \`password_hash\` varchar(255) NOT NULL, \`enabled\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_app_user_department_id\` (\`department_id\`), UNIQUE INDEX \`IDX_c480e576dd71729addbc2d51b6\` (\`username\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
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
      `ALTER TABLE \`app_user\` ADD CONSTRAINT \`fk_app_user_department\` FOREIGN KEY (\`department_id\`) REFERENCES \`department\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`auth_session\` ADD CONSTRAINT \`fk_auth_session_user\` FOREIGN KEY (\`user_id\`) REFERENCES \`app_user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The audit chain starts at its genesis head.
    await queryRunner.query(
      `INSERT INTO \`audit_head\` (\`id\`, \`last_seq\`, \`last_hash\`) VALUES (1, 0, REPEAT('0', 64))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`auth_session\` DROP FOREIGN KEY \`fk_auth_session_user\``);
    await queryRunner.query(`ALTER TABLE \`app_user\` DROP FOREIGN KEY \`fk_app_user_department\``);
    await queryRunner.query(`DROP INDEX \`idx_auth_session_user_id\` ON \`auth_session\``);
    await queryRunner.query(`DROP TABLE \`auth_session\``);
    await queryRunner.query(`DROP TABLE \`audit_head\``);
    await queryRunner.query(`DROP INDEX \`idx_audit_log_entity\` ON \`audit_log\``);
    await queryRunner.query(`DROP INDEX \`idx_audit_log_at\` ON \`audit_log\``);
    await queryRunner.query(`DROP TABLE \`audit_log\``);
    await queryRunner.query(`DROP INDEX \`IDX_c480e576dd71729addbc2d51b6\` ON \`app_user\``);
    await queryRunner.query(`DROP INDEX \`idx_app_user_department_id\` ON \`app_user\``);
    await queryRunner.query(`DROP TABLE \`app_user\``);
    await queryRunner.query(`DROP INDEX \`IDX_62690f4fe31da9eb824d909285\` ON \`department\``);
    await queryRunner.query(`DROP TABLE \`department\``);
  }
}
