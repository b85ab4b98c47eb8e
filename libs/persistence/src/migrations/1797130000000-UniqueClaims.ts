import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Lock rows for values unique among live projects (credit code, 项目代码): see UniqueClaimEntity. */
export class UniqueClaims1797130000000 implements MigrationInterface {
  name = 'UniqueClaims1797130000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`unique_claim\` (\`kind\` varchar(32) NOT NULL, \`value\` varchar(64) NOT NULL, PRIMARY KEY (\`kind\`, \`value\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`unique_claim\``);
  }
}
