import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A funds entry is corrected or reversed by new entries, never edited: a reversal carries the
 * negative amount of the entry it cancels (`reverses_id`, at most one reversal per entry), a
 * correction's replacement names the entry it corrects (`corrects_id`); both carry their reason.
 */
export class FundCorrections1796900000000 implements MigrationInterface {
  name = 'FundCorrections1796900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`fund_arrival\` ADD \`reverses_id\` bigint UNSIGNED NULL`);
    await queryRunner.query(`ALTER TABLE \`fund_arrival\` ADD \`corrects_id\` bigint UNSIGNED NULL`);
    await queryRunner.query(`ALTER TABLE \`fund_arrival\` ADD \`reason\` varchar(500) NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_fund_arrival_reverses\` ON \`fund_arrival\` (\`reverses_id\`)`,
    );
    await queryRunner.query(
      `ALTER TABLE \`fund_arrival\` ADD CONSTRAINT \`fk_fund_arrival_reverses\` FOREIGN KEY (\`reverses_id\`) REFERENCES \`fund_arrival\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`fund_arrival\` ADD CONSTRAINT \`fk_fund_arrival_corrects\` FOREIGN KEY (\`corrects_id\`) REFERENCES \`fund_arrival\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`fund_arrival\` DROP FOREIGN KEY \`fk_fund_arrival_corrects\``);
    await queryRunner.query(`ALTER TABLE \`fund_arrival\` DROP FOREIGN KEY \`fk_fund_arrival_reverses\``);
    await queryRunner.query(`DROP INDEX \`uq_fund_arrival_reverses\` ON \`fund_arrival\``);
    await queryRunner.query(`ALTER TABLE \`fund_arrival\` DROP COLUMN \`reason\``);
    await queryRunner.query(`ALTER TABLE \`fund_arrival\` DROP COLUMN \`corrects_id\``);
    await queryRunner.query(`ALTER TABLE \`fund_arrival\` DROP COLUMN \`reverses_id\``);
  }
}
