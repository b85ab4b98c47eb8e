import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectCodeSequence1796634877126 implements MigrationInterface {
  name = 'ProjectCodeSequence1796634877126';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`project_code_sequence\` (\`prefix\` varchar(32) NOT NULL, \`last_number\` int UNSIGNED NOT NULL, PRIMARY KEY (\`prefix\`)) ENGINE=InnoDB`,
    );
    // Continue each year's series after the highest code already given (YYYY-ZS-NNN).
    await queryRunner.query(
      `INSERT INTO \`project_code_sequence\` (\`prefix\`, \`last_number\`)
       SELECT LEFT(\`code\`, 8), MAX(CAST(SUBSTRING(\`code\`, 9) AS UNSIGNED))
         FROM \`project\` WHERE \`code\` REGEXP '^[0-9]{4}-ZS-[0-9]+$' GROUP BY LEFT(\`code\`, 8)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`project_code_sequence\``);
  }
}
