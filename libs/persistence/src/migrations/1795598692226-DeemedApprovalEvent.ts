import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeemedApprovalEvent1795598692226 implements MigrationInterface {
  name = 'DeemedApprovalEvent1795598692226';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`milestone_event\` CHANGE \`type\` \`type\` enum ('submit', 'request_supplement', 'accept', 'suspend', 'resume', 'extend', 'approve', 'reject', 'deemed_approve') NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`milestone_event\` CHANGE \`type\` \`type\` enum ('submit', 'request_supplement', 'accept', 'suspend', 'resume', 'extend', 'approve', 'reject') NOT NULL`,
    );
  }
}
