import type { DataSource, EntityManager } from 'typeorm';
import { DeliveryEntity } from '../entities/delivery.entity';
import { NotificationEntity } from '../entities/notification.entity';
import { insertEntities } from './query-helpers';

/** A claimed in-app delivery with what its live message says about the alert. */
export interface InAppDelivery {
  deliveryId: string;
  alertId: string;
  level: number;
  recipient: string;
  kind: string;
  alertStatus: string;
  departmentId: string;
}

/** Columns of a new outbox row, with their entity properties. */
const DELIVERY_COLUMNS: ReadonlyArray<readonly [string, keyof DeliveryEntity]> = [
  ['id', 'id'],
  ['alert_id', 'alertId'],
  ['round', 'round'],
  ['level', 'level'],
  ['recipient', 'recipient'],
  ['channel', 'channel'],
  ['target', 'target'],
  ['status', 'status'],
  ['attempts', 'attempts'],
  ['generation', 'generation'],
  ['created_at', 'createdAt'],
];

/** All SQL on `delivery` (the outbox) and `notification` (in-app). */
export class DeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Outbox rows, in the caller's transaction; a (alert, level, recipient, channel) already there is kept. */
  async addMany(rows: Array<Partial<DeliveryEntity>>, manager: EntityManager): Promise<number> {
    // Multi-row INSERT IGNORE on the unique (alert, round, level, recipient, channel), 1 000 rows a
    // statement (well under the 65 535 placeholders of one statement).
    return insertEntities(manager, 'delivery', DELIVERY_COLUMNS, rows, { ignore: true });
  }

  /**
   * Pending e-mail and webhook deliveries never enqueued, or enqueued so long ago that their job may be
   * lost (in-app ones are sent by the relay itself, see sendInAppBatch).
   */
  async toEnqueue(staleBefore: Date, limit: number): Promise<DeliveryEntity[]> {
    return this.dataSource
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .where(
        "d.status = 'pending' AND d.channel <> 'in_app' AND (d.enqueued_at IS NULL OR d.enqueued_at < :stale)",
        {
          stale: staleBefore,
        },
      )
      .orderBy('d.created_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  async markEnqueued(ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource
      .createQueryBuilder()
      .update(DeliveryEntity)
      .set({ enqueuedAt: at })
      .where('id IN (:...ids)', { ids })
      .callListeners(false)
      .execute();
  }

  findById(id: string): Promise<DeliveryEntity | null> {
    return this.dataSource.getRepository(DeliveryEntity).findOneBy({ id });
  }

  async markSent(id: string, attempts: number, at: Date): Promise<void> {
    await this.dataSource
      .getRepository(DeliveryEntity)
      .update({ id, status: 'pending' }, { status: 'sent', sentAt: at, attempts, lastError: null });
  }

  /** Where a webhook delivery actually went (the department's robot may have moved since it was queued). */
  async retarget(id: string, target: string): Promise<void> {
    await this.dataSource.getRepository(DeliveryEntity).update({ id, status: 'pending' }, { target });
  }

  async recordAttemptFailure(id: string, attempts: number, error: string, final: boolean): Promise<void> {
    await this.dataSource
      .getRepository(DeliveryEntity)
      .update(
        { id, status: 'pending' },
        { attempts, lastError: error.slice(0, 1000), ...(final ? { status: 'failed' as const } : {}) },
      );
  }

  async list(
    status: string | undefined,
    page: number,
    pageSize: number,
  ): Promise<{ items: DeliveryEntity[]; total: number }> {
    const [items, total] = await this.dataSource.getRepository(DeliveryEntity).findAndCount({
      where: status ? { status: status as DeliveryEntity['status'] } : {},
      order: { createdAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }

  /** A new job generation for a pending delivery whose job the queue gave up on. */
  async nextGeneration(id: string): Promise<number> {
    await this.dataSource.query('UPDATE delivery SET generation = generation + 1 WHERE id = ?', [id]);
    const [row] = (await this.dataSource.query('SELECT generation FROM delivery WHERE id = ?', [
      id,
    ])) as Array<{ generation: number }>;
    return Number(row?.generation ?? 0);
  }

  /** Send a failed delivery again: pending, a new generation (so the queue takes a new job). */
  async resend(id: string): Promise<boolean> {
    const result = await this.dataSource.query(
      "UPDATE delivery SET status = 'pending', attempts = 0, last_error = NULL, enqueued_at = NULL, generation = generation + 1 WHERE id = ? AND status = 'failed'",
      [id],
    );
    return Number((result as { affectedRows: number }).affectedRows) === 1;
  }

  /**
   * In-app delivery batches: claims up to `limit` pending in-app deliveries in one transaction
   * (`FOR UPDATE SKIP LOCKED`, so two relays never take the same rows), adds their notifications (once
   * per delivery) and marks them sent with one multi-row INSERT and one UPDATE, then hands them with
   * their alerts to `send` (which publishes the live messages) and commits. A crash before the commit
   * rolls the batch back: it is taken again, and only its live messages may repeat.
   * Returns the number of deliveries sent.
   */
  async sendInAppBatch(
    limit: number,
    at: Date,
    send: (batch: InAppDelivery[]) => Promise<void>,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const claimed = (await manager.query(
        `SELECT id, alert_id AS alertId, level, recipient, attempts FROM delivery
          WHERE status = 'pending' AND channel = 'in_app'
          ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED`,
        [limit],
      )) as Array<{ id: string; alertId: string; level: number; recipient: string; attempts: number }>;
      if (claimed.length === 0) return 0;
      const alertIds = [...new Set(claimed.map((row) => String(row.alertId)))];
      const alerts = (await manager.query(
        `SELECT id, kind, status, department_id AS departmentId FROM alert WHERE id IN (${alertIds.map(() => '?').join(',')})`,
        alertIds,
      )) as Array<{ id: string; kind: string; status: string; departmentId: string | null }>;
      const byId = new Map(alerts.map((alert) => [String(alert.id), alert]));
      const batch: InAppDelivery[] = [];
      for (const row of claimed) {
        const alert = byId.get(String(row.alertId));
        if (!alert) continue;
        batch.push({
          deliveryId: row.id,
          alertId: String(row.alertId),
          level: Number(row.level),
          recipient: row.recipient,
          kind: alert.kind,
          alertStatus: alert.status,
          // A district-wide alert (a calendar year, for admins) has no department: no department stream hears it.
          departmentId: alert.departmentId == null ? '' : String(alert.departmentId),
        });
      }
      if (batch.length > 0)
        await manager.query(
          `INSERT IGNORE INTO notification (delivery_id, alert_id, recipient, level, created_at) VALUES ${batch.map(() => '(?,?,?,?,?)').join(',')}`,
          batch.flatMap((item) => [item.deliveryId, item.alertId, item.recipient, item.level, at]),
        );
      await manager.query(
        `UPDATE delivery SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL
          WHERE status = 'pending' AND id IN (${claimed.map(() => '?').join(',')})`,
        [at, ...claimed.map((row) => row.id)],
      );
      // Published last, just before the commit: a crash before it leaves the batch pending (sent again).
      await send(batch);
      return claimed.length;
    });
  }

  /** The in-app notification of a delivery, once (a repeat finds it there and adds nothing). */
  async addNotification(notification: Partial<NotificationEntity>): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(notification)
      .orIgnore()
      .updateEntity(false)
      .callListeners(false)
      .execute();
    return Number((result.raw as { affectedRows?: number }).affectedRows ?? 0) === 1;
  }
}
