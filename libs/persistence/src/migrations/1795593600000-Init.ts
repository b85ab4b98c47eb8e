import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795593600000 implements MigrationInterface {
  name = 'Init1795593600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`worker_heartbeat\` (\`worker_id\` varchar(191) NOT NULL, \`hostname\` varchar(191) NOT NULL, \`pid\` int UNSIGNED NOT NULL, \`started_at\` datetime(3) NOT NULL, \`last_seen_at\` datetime(3) NOT NULL, INDEX \`idx_worker_heartbeat_last_seen_at\` (\`last_seen_at\`), PRIMARY KEY (\`worker_id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_worker_heartbeat_last_seen_at\` ON \`worker_heartbeat\``);
    await queryRunner.query(`DROP TABLE \`worker_heartbeat\``);
  }
}
