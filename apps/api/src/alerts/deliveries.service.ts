import { Injectable } from '@nestjs/common';
import { NotFound, StateConflict } from '@luodi/domain';
import { DeliveryRepository } from '@luodi/persistence';

/** The outbox as the admin sees it: the list, and a failed delivery sent again (same idempotency key). */
@Injectable()
export class DeliveriesService {
  constructor(private readonly deliveries: DeliveryRepository) {}

  list(status: string | undefined, page: number, pageSize: number) {
    return this.deliveries.list(status, page, pageSize);
  }

  /** Only a failed delivery can be sent again. */
  async resend(id: string) {
    if (!(await this.deliveries.findById(id))) throw new NotFound('delivery', id);
    if (!(await this.deliveries.resend(id))) {
      throw new StateConflict(
        (await this.deliveries.findById(id))!.status,
        'only a failed delivery can be sent again',
        'delivery_not_failed',
      );
    }
    return this.deliveries.findById(id);
  }
}
