import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CockpitCoveringIndexes1795607846524 implements MigrationInterface {
  name = 'CockpitCoveringIndexes1795607846524';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_project_signed_at\` ON \`project\``);
    await queryRunner.query(`DROP INDEX \`idx_milestone_decided_deadline\` ON \`milestone\``);
    await queryRunner.query(
      `CREATE INDEX \`idx_project_signed_cover\` ON \`project\` (\`signed_at\`, \`registered_at\`, \`started_at\`, \`operating_at\`, \`terminated_at\`, \`talks_started_at\`, \`contract_amount\`, \`funds_arrived\`, \`source\`, \`industry\`, \`lead_department_id\`)`,
    );
    await queryRunner.query(
      `CREATE INDEX \`idx_fund_arrival_at_cover\` ON \`fund_arrival\` (\`at\`, \`project_id\`, \`amount\`)`,
    );
    await queryRunner.query(
      `CREATE INDEX \`idx_milestone_decided_cover\` ON \`milestone\` (\`decided_at\`, \`deadline\`, \`department_id\`, \`item_code\`, \`accepted_on\`, \`decided_on_time\`, \`state\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_milestone_decided_cover\` ON \`milestone\``);
    await queryRunner.query(`DROP INDEX \`idx_fund_arrival_at_cover\` ON \`fund_arrival\``);
    await queryRunner.query(`DROP INDEX \`idx_project_signed_cover\` ON \`project\``);
    await queryRunner.query(
      `CREATE INDEX \`idx_milestone_decided_deadline\` ON \`milestone\` (\`decided_at\`, \`deadline\`, \`department_id\`, \`item_code\`, \`accepted_on\`)`,
    );
    await queryRunner.query(`CREATE INDEX \`idx_project_signed_at\` ON \`project\` (\`signed_at\`)`);
  }
}
