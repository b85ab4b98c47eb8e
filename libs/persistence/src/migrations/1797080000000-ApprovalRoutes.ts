import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Approval routes (routes-and-forecast.md §2): versioned route templates and their items, the route
 * applied to a project and each milestone's place on it. Seeds the new catalog item JOINT_ACCEPT
 * 联合验收 (住建局 ZJJ, promised 10 / statutory 20 working days) where the catalog's department exists,
 * and the default four-stage template where every one of its items is in the catalog (a fresh database
 * gets both from the demo loader, which loads the catalog).
 */
export class ApprovalRoutes1797080000000 implements MigrationInterface {
  name = 'ApprovalRoutes1797080000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`route_template\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`template_key\` bigint UNSIGNED NOT NULL, \`name\` varchar(100) NOT NULL, \`version\` smallint UNSIGNED NOT NULL, \`target_days\` smallint UNSIGNED NOT NULL DEFAULT '60', \`active\` tinyint NOT NULL DEFAULT 1, \`created_by\` bigint UNSIGNED NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`uq_route_template_version\` (\`template_key\`, \`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`route_template_item\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`template_id\` bigint UNSIGNED NOT NULL, \`stage\` tinyint UNSIGNED NOT NULL, \`item_code\` varchar(32) NOT NULL, \`after_items\` varchar(500) NOT NULL DEFAULT '', \`sort_order\` smallint UNSIGNED NOT NULL DEFAULT '0', INDEX \`idx_route_template_item_item_code\` (\`item_code\`), UNIQUE INDEX \`uq_route_template_item\` (\`template_id\`, \`item_code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`project_route\` (\`project_id\` bigint UNSIGNED NOT NULL, \`template_id\` bigint UNSIGNED NOT NULL, \`target_days\` smallint UNSIGNED NOT NULL, \`applied_by\` bigint UNSIGNED NULL, \`applied_at\` datetime(3) NOT NULL, INDEX \`idx_project_route_template\` (\`template_id\`), PRIMARY KEY (\`project_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`project_route_item\` (\`milestone_id\` bigint UNSIGNED NOT NULL, \`project_id\` bigint UNSIGNED NOT NULL, \`stage\` tinyint UNSIGNED NOT NULL, \`after_items\` varchar(500) NOT NULL DEFAULT '', \`sort_order\` smallint UNSIGNED NOT NULL DEFAULT '0', INDEX \`idx_project_route_item_project\` (\`project_id\`), PRIMARY KEY (\`milestone_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`route_template\` ADD CONSTRAINT \`fk_route_template_created_by\` FOREIGN KEY (\`created_by\`) REFERENCES \`app_user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`route_template_item\` ADD CONSTRAINT \`fk_route_template_item_template\` FOREIGN KEY (\`template_id\`) REFERENCES \`route_template\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`route_template_item\` ADD CONSTRAINT \`fk_route_template_item_item\` FOREIGN KEY (\`item_code\`) REFERENCES \`approval_item\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`project_route\` ADD CONSTRAINT \`fk_project_route_project\` FOREIGN KEY (\`project_id\`) REFERENCES \`project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`project_route\` ADD CONSTRAINT \`fk_project_route_template\` FOREIGN KEY (\`template_id\`) REFERENCES \`route_template\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`project_route\` ADD CONSTRAINT \`fk_project_route_applied_by\` FOREIGN KEY (\`applied_by\`) REFERENCES \`app_user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`project_route_item\` ADD CONSTRAINT \`fk_project_route_item_milestone\` FOREIGN KEY (\`milestone_id\`) REFERENCES \`milestone\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`project_route_item\` ADD CONSTRAINT \`fk_project_route_item_project\` FOREIGN KEY (\`project_id\`) REFERENCES \`project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO \`approval_item\` (\`code\`, \`name\`, \`department_id\`, \`statutory_days\`, \`promised_days\`, \`deemed_approval\`, \`max_extension_days\`, \`materials\`, \`sort_order\`, \`enabled\`) SELECT 'JOINT_ACCEPT', '联合验收', d.\`id\`, 20, 10, 0, 10, '竣工验收申请表\\n竣工图\\n各专项验收意见', (SELECT COALESCE(MAX(\`sort_order\`), -1) + 1 FROM \`approval_item\`), 1 FROM \`department\` d WHERE d.\`code\` = 'ZJJ' AND NOT EXISTS (SELECT 1 FROM \`approval_item\` WHERE \`code\` = 'JOINT_ACCEPT')`,
    );
    const [{ items }] = (await queryRunner.query(
      `SELECT COUNT(*) AS items FROM \`approval_item\` WHERE \`code\` IN ('FILING', 'LAND_PRE', 'ENERGY', 'LAND_PLAN', 'PLAN_REVIEW', 'BUILD_PLAN', 'EIA', 'FIRE', 'CONSTRUCT', 'JOINT_ACCEPT')`,
    )) as Array<{ items: number | string }>;
    const [{ templates }] = (await queryRunner.query(
      `SELECT COUNT(*) AS templates FROM \`route_template\``,
    )) as Array<{ templates: number | string }>;
    if (Number(items) === 10 && Number(templates) === 0) {
      await queryRunner.query(
        `INSERT INTO \`route_template\` (\`template_key\`, \`name\`, \`version\`, \`target_days\`, \`active\`, \`created_by\`) VALUES (0, '工程建设项目审批（四阶段）', 1, 60, 1, NULL)`,
      );
      await queryRunner.query(
        `UPDATE \`route_template\` SET \`template_key\` = \`id\` WHERE \`template_key\` = 0`,
      );
      await queryRunner.query(
        `INSERT INTO \`route_template_item\` (\`template_id\`, \`item_code\`, \`stage\`, \`after_items\`, \`sort_order\`) SELECT t.\`id\`, v.\`code\`, v.\`stage\`, v.\`after_items\`, v.\`sort_order\` FROM \`route_template\` t CROSS JOIN (SELECT 'FILING' AS \`code\`, 1 AS \`stage\`, '' AS \`after_items\`, 0 AS \`sort_order\` UNION ALL SELECT 'LAND_PRE', 1, '', 1 UNION ALL SELECT 'ENERGY', 1, '', 2 UNION ALL SELECT 'LAND_PLAN', 1, 'LAND_PRE', 3 UNION ALL SELECT 'PLAN_REVIEW', 2, '', 4 UNION ALL SELECT 'BUILD_PLAN', 2, 'PLAN_REVIEW', 5 UNION ALL SELECT 'EIA', 2, '', 6 UNION ALL SELECT 'FIRE', 3, '', 7 UNION ALL SELECT 'CONSTRUCT', 3, 'FIRE', 8 UNION ALL SELECT 'JOINT_ACCEPT', 4, '', 9) v`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`project_route_item\` DROP FOREIGN KEY \`fk_project_route_item_project\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`project_route_item\` DROP FOREIGN KEY \`fk_project_route_item_milestone\``,
    );
    await queryRunner.query(`ALTER TABLE \`project_route\` DROP FOREIGN KEY \`fk_project_route_applied_by\``);
    await queryRunner.query(`ALTER TABLE \`project_route\` DROP FOREIGN KEY \`fk_project_route_template\``);
    await queryRunner.query(`ALTER TABLE \`project_route\` DROP FOREIGN KEY \`fk_project_route_project\``);
    await queryRunner.query(
      `ALTER TABLE \`route_template_item\` DROP FOREIGN KEY \`fk_route_template_item_item\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`route_template_item\` DROP FOREIGN KEY \`fk_route_template_item_template\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`route_template\` DROP FOREIGN KEY \`fk_route_template_created_by\``,
    );
    await queryRunner.query(`DROP TABLE \`project_route_item\``);
    await queryRunner.query(`DROP TABLE \`project_route\``);
    await queryRunner.query(`DROP TABLE \`route_template_item\``);
    await queryRunner.query(`DROP TABLE \`route_template\``);
    await queryRunner.query(
      `DELETE FROM \`approval_item\` WHERE \`code\` = 'JOINT_ACCEPT' AND NOT EXISTS (SELECT 1 FROM \`milestone\` WHERE \`item_code\` = 'JOINT_ACCEPT')`,
    );
  }
}
