import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AlertRounds1795601556640 implements MigrationInterface {
  name = 'AlertRounds1795601556640';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_delivery_alert_level_recipient_channel\` ON \`delivery\``);
    await queryRunner.query(`ALTER TABLE \`alert\` ADD \`round\` smallint UNSIGNED NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE \`delivery\` ADD \`round\` smallint UNSIGNED NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_delivery_alert_round_level_recipient_channel\` ON \`delivery\` (\`alert_id\`, \`round\`, \`level\`, \`recipient\`, \`channel\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_delivery_alert_round_level_recipient_channel\` ON \`delivery\``);
    await queryRunner.query(`ALTER TABLE \`delivery\` DROP COLUMN \`round\``);
    await queryRunner.query(`ALTER TABLE \`alert\` DROP COLUMN \`round\``);
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_delivery_alert_level_recipient_channel\` ON \`delivery\` (\`alert_id\`, \`level\`, \`recipient\`, \`channel\`)`,
    );
  }
}
