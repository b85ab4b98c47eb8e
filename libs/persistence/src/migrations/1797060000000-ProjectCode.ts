import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 项目代码 (routes-and-forecast.md §1): the project's code of the national approval platform, indexed
 * for the service's locking uniqueness check among live projects (as the credit code), and the
 * district's region code prefix setting (empty = any region).
 */
export class ProjectCode1797060000000 implements MigrationInterface {
  name = 'ProjectCode1797060000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`project\` ADD \`project_code\` varchar(24) NULL`);
    await queryRunner.query(`CREATE INDEX \`idx_project_project_code\` ON \`project\` (\`project_code\`)`);
    await queryRunner.query(
      `ALTER TABLE \`app_setting\` ADD \`region_code_prefix\` varchar(6) NOT NULL DEFAULT ''`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`app_setting\` DROP COLUMN \`region_code_prefix\``);
    await queryRunner.query(`DROP INDEX \`idx_project_project_code\` ON \`project\``);
    await queryRunner.query(`ALTER TABLE \`project\` DROP COLUMN \`project_code\``);
  }
}
