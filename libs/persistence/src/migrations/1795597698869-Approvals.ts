import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Approvals1795597698869 implements MigrationInterface {
  name = 'Approvals1795597698869';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`app_setting\` (\`id\` tinyint UNSIGNED NOT NULL, \`yellow_days\` tinyint UNSIGNED NOT NULL DEFAULT '3', \`deemed_approval_threshold\` decimal(14,2) NOT NULL DEFAULT '10000.00', \`not_registered_days\` smallint UNSIGNED NOT NULL DEFAULT '90', \`not_started_days\` smallint UNSIGNED NOT NULL DEFAULT '180', \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`approval_item\` (\`code\` varchar(32) NOT NULL, \`name\` varchar(100) NOT NULL, \`department_id\` bigint UNSIGNED NOT NULL, \`statutory_days\` smallint UNSIGNED NOT NULL, \`promised_days\` smallint UNSIGNED NOT NULL, \`deemed_approval\` tinyint NOT NULL DEFAULT 0, \`max_extension_days\` tinyint UNSIGNED NOT NULL DEFAULT '10', \`yellow_days\` tinyint UNSIGNED NULL, \`materials\` text NULL, \`sort_order\` int NOT NULL DEFAULT '0', \`enabled\` tinyint NOT NULL DEFAULT 1, INDEX \`idx_approval_item_department_id\` (\`department_id\`), PRIMARY KEY (\`code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`milestone\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`project_id\` bigint UNSIGNED NOT NULL, \`item_code\` varchar(32) NOT NULL, \`department_id\` bigint UNSIGNED NOT NULL, \`state\` enum ('planned', 'submitted', 'supplement_requested', 'accepted', 'suspended', 'approved', 'rejected', 'deemed_approved') NOT NULL DEFAULT 'planned', \`submitted_at\` datetime(3) NULL, \`accepted_on\` date NULL, \`acceptance_deemed\` tinyint NOT NULL DEFAULT 0, \`deadline\` date NULL, \`light\` enum ('green', 'yellow', 'red') NULL, \`extension_days\` smallint UNSIGNED NOT NULL DEFAULT '0', \`decided_at\` datetime(3) NULL, \`decided_on_time\` tinyint NULL, \`next_change_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`idx_milestone_decided_at\` (\`decided_at\`), INDEX \`idx_milestone_state_deadline\` (\`state\`, \`deadline\`), INDEX \`idx_milestone_next_change_at\` (\`next_change_at\`), INDEX \`idx_milestone_department_state\` (\`department_id\`, \`state\`), UNIQUE INDEX \`uq_milestone_project_item\` (\`project_id\`, \`item_code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`milestone_event\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`milestone_id\` bigint UNSIGNED NOT NULL, \`type\` enum ('submit', 'request_supplement', 'accept', 'suspend', 'resume', 'extend', 'approve', 'reject') NOT NULL, \`at\` datetime(3) NOT NULL, \`days\` smallint UNSIGNED NULL, \`reason\` varchar(1000) NULL, \`note\` varchar(1000) NULL, \`actor_user_id\` bigint UNSIGNED NULL, \`recorded_at\` datetime(3) NOT NULL, INDEX \`idx_milestone_event_milestone\` (\`milestone_id\`, \`at\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`approval_item\` ADD CONSTRAINT \`fk_approval_item_department\` FOREIGN KEY (\`department_id\`) REFERENCES \`department\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`milestone\` ADD CONSTRAINT \`fk_milestone_project\` FOREIGN KEY (\`project_id\`) REFERENCES \`project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`milestone\` ADD CONSTRAINT \`fk_milestone_item\` FOREIGN KEY (\`item_code\`) REFERENCES \`approval_item\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`milestone\` ADD CONSTRAINT \`fk_milestone_department\` FOREIGN KEY (\`department_id\`) REFERENCES \`department\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`milestone_event\` ADD CONSTRAINT \`fk_milestone_event_milestone\` FOREIGN KEY (\`milestone_id\`) REFERENCES \`milestone\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The settings row with the defaults of domain §4/§5.
    await queryRunner.query('INSERT INTO `app_setting` (`id`) VALUES (1)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`milestone_event\` DROP FOREIGN KEY \`fk_milestone_event_milestone\``,
    );
    await queryRunner.query(`ALTER TABLE \`milestone\` DROP FOREIGN KEY \`fk_milestone_department\``);
    await queryRunner.query(`ALTER TABLE \`milestone\` DROP FOREIGN KEY \`fk_milestone_item\``);
    await queryRunner.query(`ALTER TABLE \`milestone\` DROP FOREIGN KEY \`fk_milestone_project\``);
    await queryRunner.query(`ALTER TABLE \`approval_item\` DROP FOREIGN KEY \`fk_approval_item_department\``);
    await queryRunner.query(`DROP INDEX \`idx_milestone_event_milestone\` ON \`milestone_event\``);
    await queryRunner.query(`DROP TABLE \`milestone_event\``);
    await queryRunner.query(`DROP INDEX \`uq_milestone_project_item\` ON \`milestone\``);
    await queryRunner.query(`DROP INDEX \`idx_milestone_department_state\` ON \`milestone\``);
    await queryRunner.query(`DROP INDEX \`idx_milestone_next_change_at\` ON \`milestone\``);
    await queryRunner.query(`DROP INDEX \`idx_milestone_state_deadline\` ON \`milestone\``);
    await queryRunner.query(`DROP INDEX \`idx_milestone_decided_at\` ON \`milestone\``);
    await queryRunner.query(`DROP TABLE \`milestone\``);
    await queryRunner.query(`DROP INDEX \`idx_approval_item_department_id\` ON \`approval_item\``);
    await queryRunner.query(`DROP TABLE \`approval_item\``);
    await queryRunner.query(`DROP TABLE \`app_setting\``);
  }
}
