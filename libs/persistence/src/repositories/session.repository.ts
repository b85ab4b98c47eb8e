import type { DataSource, EntityManager } from 'typeorm';
import { AuthSessionEntity } from '../entities/auth-session.entity';

export interface LiveSession {
  sessionId: string;
  userId: string;
  username: string;
  role: 'admin' | 'bureau' | 'leader' | 'department';
  departmentId: string | null;
}

/** All SQL on `auth_session`. */
export class SessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(session: AuthSessionEntity, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).getRepository(AuthSessionEntity).insert(session);
  }

  /** The session and its user when both are still good: not revoked, not expired, user enabled. */
  async findLive(sessionId: string, now: Date): Promise<LiveSession | null> {
    const rows = (await this.dataSource.query(
      `SELECT s.id AS sessionId, u.id AS userId, u.username, u.role, u.department_id AS departmentId
         FROM auth_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.enabled = 1`,
      [sessionId, now],
    )) as LiveSession[];
    const row = rows[0];
    return row
      ? {
          ...row,
          userId: String(row.userId),
          departmentId: row.departmentId ? String(row.departmentId) : null,
        }
      : null;
  }

  async findById(sessionId: string): Promise<AuthSessionEntity | null> {
    return this.dataSource.getRepository(AuthSessionEntity).findOneBy({ id: sessionId });
  }

  /**
   * Replace the refresh token hash only if the presented one is the current one (compare-and-set, so
   * two refreshes racing with the same token cannot both win). Returns true when rotated.
   */
  async rotate(
    sessionId: string,
    currentHash: string,
    nextHash: string,
    now: Date,
    expiresAt: Date,
  ): Promise<boolean> {
    const result = (await this.dataSource.query(
      `UPDATE auth_session SET refresh_token_hash = ?, last_used_at = ?, expires_at = ?
        WHERE id = ? AND refresh_token_hash = ? AND revoked_at IS NULL AND expires_at > ?`,
      [nextHash, now, expiresAt, sessionId, currentHash, now],
    )) as { affectedRows: number };
    return result.affectedRows === 1;
  }

  async revoke(sessionId: string, now: Date): Promise<void> {
    await this.dataSource.query(
      'UPDATE auth_session SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
      [now, sessionId],
    );
  }

  async revokeAllOfUser(userId: string, now: Date, manager?: EntityManager): Promise<number> {
    const result = (await (manager ?? this.dataSource.manager).query(
      'UPDATE auth_session SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
      [now, userId],
    )) as { affectedRows: number };
    return result.affectedRows;
  }

  /** Forget sessions that ended long ago. */
  async purgeEndedBefore(before: Date): Promise<number> {
    const result = (await this.dataSource.query(
      'DELETE FROM auth_session WHERE expires_at < ? OR revoked_at < ?',
      [before, before],
    )) as { affectedRows: number };
    return result.affectedRows;
  }
}
