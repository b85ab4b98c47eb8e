import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdRefColumn, MomentColumn, VarcharColumn, ForeignKey } from './columns';
import { UserEntity } from './user.entity';

/**
 * A signed-in session. Access tokens name their session; every request checks that it is still live,
 * so logout and disabling a user take effect at once. The refresh token rotates: only the hash of the
 * current one is kept, and presenting an old one revokes the session (token theft detection).
 */
@Entity({ name: 'auth_session' })
export class AuthSessionEntity {
  @PrimaryColumn({ name: 'id', type: 'char', length: 36 })
  id!: string;

  @Index('idx_auth_session_user_id')
  @IdRefColumn('user_id')
  userId!: string;

  @ForeignKey(() => UserEntity, 'user_id', 'fk_auth_session_user', 'CASCADE')
  user?: UserEntity;

  @Column({ name: 'refresh_token_hash', type: 'char', length: 64 })
  refreshTokenHash!: string;

  @MomentColumn('created_at')
  createdAt!: Date;

  @MomentColumn('last_used_at')
  lastUsedAt!: Date;

  @MomentColumn('expires_at')
  expiresAt!: Date;

  @MomentColumn('revoked_at', { nullable: true })
  revokedAt!: Date | null;

  @VarcharColumn('ip', 64, { nullable: true })
  ip!: string | null;

  @VarcharColumn('user_agent', 255, { nullable: true })
  userAgent!: string | null;
}
