import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commitments (履约) through full production (达产), commitments.md: the project's credit code, land,
 * land date, subsidies total and full-production date, the stage `full_production`; subsidy entries,
 * agreement clauses, actuals per period with the history of replaced ones, and review decisions.
 */
export class Commitments1797050000000 implements MigrationInterface {
  name = 'Commitments1797050000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`subsidy_payment\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`project_id\` bigint UNSIGNED NOT NULL, \`amount\` decimal(14,2) NOT NULL, \`at\` date NOT NULL, \`note\` varchar(500) NULL, \`recorded_by\` bigint UNSIGNED NULL, \`recorded_at\` datetime(3) NOT NULL, INDEX \`idx_subsidy_payment_project_at\` (\`project_id\`, \`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`commitment_clause\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`project_id\` bigint UNSIGNED NOT NULL, \`indicator\` enum ('fixed_asset_investment', 'investment_intensity', 'annual_tax', 'tax_per_mu', 'output_per_mu', 'jobs', 'start_by', 'operate_by', 'full_production_by') NOT NULL, \`agreed_value\` decimal(14,2) NULL, \`agreed_date\` date NULL, \`due_date\` date NULL, \`year\` smallint UNSIGNED NULL, \`due_on\` date NOT NULL, \`clawback_ratio\` decimal(5,4) NULL, \`clawback_basis\` enum ('shortfall', 'subsidy') NULL, \`note\` varchar(500) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`idx_commitment_clause_due\` (\`due_on\`, \`project_id\`), INDEX \`idx_commitment_clause_project\` (\`project_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`project_actual\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`project_id\` bigint UNSIGNED NOT NULL, \`period\` varchar(7) NOT NULL, \`tax_paid\` decimal(14,2) NULL, \`output_value\` decimal(14,2) NULL, \`fixed_asset_investment\` decimal(14,2) NULL, \`headcount\` int UNSIGNED NULL, \`source\` enum ('manual', 'import') NOT NULL, \`recorded_by\` bigint UNSIGNED NULL, \`recorded_at\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_project_actual_period\` (\`project_id\`, \`period\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`project_actual_history\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`project_id\` bigint UNSIGNED NOT NULL, \`period\` varchar(7) NOT NULL, \`tax_paid\` decimal(14,2) NULL, \`output_value\` decimal(14,2) NULL, \`fixed_asset_investment\` decimal(14,2) NULL, \`headcount\` int UNSIGNED NULL, \`source\` enum ('manual', 'import') NOT NULL, \`recorded_by\` bigint UNSIGNED NULL, \`recorded_at\` datetime(3) NOT NULL, \`replaced_by\` bigint UNSIGNED NULL, \`replaced_at\` datetime(3) NOT NULL, INDEX \`idx_project_actual_history_period\` (\`project_id\`, \`period\`, \`replaced_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`commitment_review\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`project_id\` bigint UNSIGNED NOT NULL, \`decision\` enum ('accept', 'reduce', 'waive') NOT NULL, \`amount\` decimal(14,2) NOT NULL, \`recommended\` decimal(14,2) NOT NULL, \`cap\` decimal(14,2) NOT NULL, \`reason\` varchar(1000) NULL, \`clauses\` mediumtext NOT NULL, \`decided_by\` bigint UNSIGNED NOT NULL, \`decided_at\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_commitment_review_project\` (\`project_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`project\` ADD \`full_production_at\` date NULL`);
    await queryRunner.query(`ALTER TABLE \`project\` ADD \`credit_code\` varchar(18) NULL`);
    await queryRunner.query(`ALTER TABLE \`project\` ADD \`land_area_mu\` decimal(12,2) NULL`);
    await queryRunner.query(`ALTER TABLE \`project\` ADD \`land_supplied_at\` date NULL`);
    await queryRunner.query(
      `ALTER TABLE \`project\` ADD \`subsidies_paid\` decimal(14,2) NOT NULL DEFAULT '0.00'`,
    );
    await queryRunner.query(
      `ALTER TABLE \`project\` CHANGE \`stage\` \`stage\` enum ('negotiating', 'signed', 'registered', 'started', 'operating', 'full_production', 'terminated') NOT NULL DEFAULT 'negotiating'`,
    );
    await queryRunner.query(
      `ALTER TABLE \`project_stage_event\` CHANGE \`stage\` \`stage\` enum ('negotiating', 'signed', 'registered', 'started', 'operating', 'full_production', 'terminated') NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX \`idx_project_credit_code\` ON \`project\` (\`credit_code\`)`);
    await queryRunner.query(
      `CREATE INDEX \`idx_project_land_supplied_at\` ON \`project\` (\`land_supplied_at\`)`,
    );
    await queryRunner.query(
      `ALTER TABLE \`subsidy_payment\` ADD CONSTRAINT \`fk_subsidy_payment_project\` FOREIGN KEY (\`project_id\`) REFERENCES \`project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`commitment_clause\` ADD CONSTRAINT \`fk_commitment_clause_project\` FOREIGN KEY (\`project_id\`) REFERENCES \`project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`project_actual\` ADD CONSTRAINT \`fk_project_actual_project\` FOREIGN KEY (\`project_id\`) REFERENCES \`project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`project_actual_history\` ADD CONSTRAINT \`fk_project_actual_history_project\` FOREIGN KEY (\`project_id\`) REFERENCES \`project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`commitment_review\` ADD CONSTRAINT \`fk_commitment_review_project\` FOREIGN KEY (\`project_id\`) REFERENCES \`project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`commitment_review\` ADD CONSTRAINT \`fk_commitment_review_decided_by\` FOREIGN KEY (\`decided_by\`) REFERENCES \`app_user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`commitment_review\` DROP FOREIGN KEY \`fk_commitment_review_decided_by\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`commitment_review\` DROP FOREIGN KEY \`fk_commitment_review_project\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`project_actual_history\` DROP FOREIGN KEY \`fk_project_actual_history_project\``,
    );
    await queryRunner.query(`ALTER TABLE \`project_actual\` DROP FOREIGN KEY \`fk_project_actual_project\``);
    await queryRunner.query(
      `ALTER TABLE \`commitment_clause\` DROP FOREIGN KEY \`fk_commitment_clause_project\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`subsidy_payment\` DROP FOREIGN KEY \`fk_subsidy_payment_project\``,
    );
    await queryRunner.query(`DROP INDEX \`idx_project_land_supplied_at\` ON \`project\``);
    await queryRunner.query(`DROP INDEX \`idx_project_credit_code\` ON \`project\``);
    await queryRunner.query(
      `ALTER TABLE \`project_stage_event\` CHANGE \`stage\` \`stage\` enum ('negotiating', 'signed', 'registered', 'started', 'operating', 'terminated') NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`project\` CHANGE \`stage\` \`stage\` enum ('negotiating', 'signed', 'registered', 'started', 'operating', 'terminated') NOT NULL DEFAULT 'negotiating'`,
    );
    await queryRunner.query(`ALTER TABLE \`project\` DROP COLUMN \`subsidies_paid\``);
    await queryRunner.query(`ALTER TABLE \`project\` DROP COLUMN \`land_supplied_at\``);
    await queryRunner.query(`ALTER TABLE \`project\` DROP COLUMN \`land_area_mu\``);
    await queryRunner.query(`ALTER TABLE \`project\` DROP COLUMN \`credit_code\``);
    await queryRunner.query(`ALTER TABLE \`project\` DROP COLUMN \`full_production_at\``);
    await queryRunner.query(`DROP INDEX \`uq_commitment_review_project\` ON \`commitment_review\``);
    await queryRunner.query(`DROP TABLE \`commitment_review\``);
    await queryRunner.query(`DROP INDEX \`idx_project_actual_history_period\` ON \`project_actual_history\``);
    await queryRunner.query(`DROP TABLE \`project_actual_history\``);
    await queryRunner.query(`DROP INDEX \`uq_project_actual_period\` ON \`project_actual\``);
    await queryRunner.query(`DROP TABLE \`project_actual\``);
    await queryRunner.query(`DROP INDEX \`idx_commitment_clause_project\` ON \`commitment_clause\``);
    await queryRunner.query(`DROP INDEX \`idx_commitment_clause_due\` ON \`commitment_clause\``);
    await queryRunner.query(`DROP TABLE \`commitment_clause\``);
    await queryRunner.query(`DROP INDEX \`idx_subsidy_payment_project_at\` ON \`subsidy_payment\``);
    await queryRunner.query(`DROP TABLE \`subsidy_payment\``);
  }
}
