import type { DataSource, EntityManager } from 'typeorm';
import { DeliveryEntity } from '../entities/delivery.entity';
import { NotificationEntity } from '../entities/notification.entity';

/** All SQL on `delivery` (the outbox) and `notification` (in-app). */
export class DeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Outbox rows, in the caller's transaction; a (alert, level, recipient, channel) already there is kept. */
  async addMany(rows: Array<Partial<DeliveryEntity>>, manager: EntityManager): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(DeliveryEntity)
      .values(rows)
      .orIgnore()
      .updateEntity(false)
      .callListeners(false)
      .execute();
    return Number((result.raw as { affectedRows?: number }).affectedRows ?? 0);
  }

  /** Pending deliveries never enqueued, or enqueued so long ago that their job may be lost. */
  async toEnqueue(staleBefore: Date, limit: number): Promise<DeliveryEntity[]> {
    return this.dataSource
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .where("d.status = 'pending' AND (d.enqueued_at IS NULL OR d.enqueued_at < :stale)", {
        stale: staleBefore,
      })
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
