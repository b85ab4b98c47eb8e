import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Month-end start forecasts kept for the forecast accuracy (see ForecastSnapshotEntity). */
export class ForecastSnapshot1797150000000 implements MigrationInterface {
  name = 'ForecastSnapshot1797150000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`forecast_snapshot\` (\`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT, \`project_id\` bigint UNSIGNED NOT NULL, \`snapshot_date\` date NOT NULL, \`promise_bound\` date NOT NULL, \`p50\` date NOT NULL, \`p80\` date NOT NULL, \`binding_milestone_id\` bigint UNSIGNED NULL, \`binding_item_code\` varchar(32) NULL, \`binding_department_id\` bigint UNSIGNED NULL, \`planned_start_date\` date NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`idx_forecast_snapshot_date\` (\`snapshot_date\`), INDEX \`idx_forecast_snapshot_department\` (\`binding_department_id\`), UNIQUE INDEX \`uq_forecast_snapshot_project_date\` (\`project_id\`, \`snapshot_date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`forecast_snapshot\``);
  }
}
