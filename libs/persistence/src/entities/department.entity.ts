import { WEBHOOK_KINDS, type WebhookKind } from '@luodi/domain';
import { Column, Entity } from 'typeorm';
import { IdColumn, VarcharColumn, CreatedAtColumn, UpdatedAtColumn } from './columns';

/** A government department (发改局, 自然资源局 …): owner of approvals and recipient of alerts. */
@Entity({ name: 'department' })
export class DepartmentEntity {
  @IdColumn()
  id!: string;

  @VarcharColumn('code', 32, { unique: true })
  code!: string;

  @VarcharColumn('name', 100)
  name!: string;

  @VarcharColumn('email', 254, { nullable: true })
  email!: string | null;

  @VarcharColumn('webhook_url', 500, { nullable: true })
  webhookUrl!: string | null;

  /** Which chat robot the webhook is (its message format, signing and answer). */
  @Column({ name: 'webhook_kind', type: 'enum', enum: [...WEBHOOK_KINDS], default: 'generic' })
  webhookKind!: WebhookKind;

  /**
   * The robot's signing secret (DingTalk 加签, Feishu 签名校验, generic HMAC key). Write-only: never
   * answered by the API (only whether there is one), never in job payloads, logs or the audit trail.
   */
  @VarcharColumn('webhook_secret', 200, { nullable: true })
  webhookSecret!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
