import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A department's webhook gains its kind (which chat robot) and its signing secret (write-only). */
export class WebhookRobots1796634642666 implements MigrationInterface {
  name = 'WebhookRobots1796634642666';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`department\` ADD \`webhook_kind\` enum ('dingtalk', 'wecom', 'feishu', 'generic') NOT NULL DEFAULT 'generic'`,
    );
    await queryRunner.query(`ALTER TABLE \`department\` ADD \`webhook_secret\` varchar(200) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`department\` DROP COLUMN \`webhook_secret\``);
    await queryRunner.query(`ALTER TABLE \`department\` DROP COLUMN \`webhook_kind\``);
  }
}
