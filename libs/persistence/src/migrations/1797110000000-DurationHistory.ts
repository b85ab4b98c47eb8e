import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DurationHistory1797110000000 implements MigrationInterface {
  name = 'DurationHistory1797110000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`duration_history\` (\`as_of\` date NOT NULL, \`item_code\` varchar(32) NOT NULL, \`department_id\` bigint UNSIGNED NOT NULL, \`finished\` int UNSIGNED NOT NULL, \`censored\` int UNSIGNED NOT NULL, \`histogram\` text NOT NULL, \`computed_at\` datetime(3) NOT NULL, PRIMARY KEY (\`as_of\`, \`item_code\`, \`department_id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`duration_history\``);
  }
}
