import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CockpitIndexes1795604895224 implements MigrationInterface {
  name = 'CockpitIndexes1795604895224';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_milestone_decided_at\` ON \`milestone\``);
    await queryRunner.query(`DROP INDEX \`idx_alert_status_level\` ON \`alert\``);
    await queryRunner.query(`CREATE INDEX \`idx_project_industry\` ON \`project\` (\`industry\`)`);
    await queryRunner.query(`CREATE INDEX \`idx_project_started_at\` ON \`project\` (\`started_at\`)`);
    await queryRunner.query(
      `CREATE INDEX \`idx_milestone_decided_deadline\` ON \`milestone\` (\`decided_at\`, \`deadline\`, \`department_id\`, \`item_code\`, \`accepted_on\`)`,
    );
    await queryRunner.query(
      `CREATE INDEX \`idx_alert_status_level_department\` ON \`alert\` (\`status\`, \`level\`, \`department_id\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_alert_status_level_department\` ON \`alert\``);
    await queryRunner.query(`DROP INDEX \`idx_milestone_decided_deadline\` ON \`milestone\``);
    await queryRunner.query(`DROP INDEX \`idx_project_started_at\` ON \`project\``);
    await queryRunner.query(`DROP INDEX \`idx_project_industry\` ON \`project\``);
    await queryRunner.query(`CREATE INDEX \`idx_alert_status_level\` ON \`alert\` (\`status\`, \`level\`)`);
    await queryRunner.query(`CREATE INDEX \`idx_milestone_decided_at\` ON \`milestone\` (\`decided_at\`)`);
  }
}
