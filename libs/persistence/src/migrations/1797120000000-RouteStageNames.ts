import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Route templates keep their stages' names (api.md: `stages: [{ name, items }]`); existing ones get the spec's four. */
export class RouteStageNames1797120000000 implements MigrationInterface {
  name = 'RouteStageNames1797120000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`route_template\` ADD \`stage_names\` varchar(500) NOT NULL DEFAULT ''`,
    );
    await queryRunner.query(`UPDATE \`route_template\` SET \`stage_names\` = ?`, [
      JSON.stringify(['立项用地规划许可', '工程建设许可', '施工许可', '竣工验收']),
    ]);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`route_template\` DROP COLUMN \`stage_names\``);
  }
}
