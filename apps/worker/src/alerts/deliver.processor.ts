import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
import { JobName } from '@luodi/jobs';
import { AlertRepository, type DeliveryEntity, DeliveryRepository } from '@luodi/persistence';
import { SERVER_CONFIG } from '@luodi/server-core';
import type { Job } from 'bullmq';
import { createTransport, type Transporter } from 'nodemailer';
import { OnJob } from '../jobs/on-job.decorator';
import { LivePublisher } from './live.publisher';

const KIND_NAMES: Record<string, string> = {
  milestone_due: '审批临近时限',
  milestone_overdue: '审批已逾期',
  deemed_approval: '超时默认',
  not_registered: '签约未注册落地',
  not_started: '未按期开工',
  investment_behind: '投资进度滞后',
  report_missing: '月度调度未报送',
};
const LEVEL_NAMES: Record<number, string> = { 1: '预警', 2: '逾期', 3: '督办' };

/**
 * Sends one delivery: in-app (a notification row, once, and a live message), e-mail over SMTP, or a
 * webhook (JSON POST as chat robots take it). At least once: a repeat after a crash carries the same
 * idempotency key (the delivery id), so the receiver can drop it. After the last attempt the delivery
 * is `failed`, visible and re-sendable.
 */
@Injectable()
export class DeliverProcessor {
  private readonly logger = new Logger(DeliverProcessor.name);
  private mailer?: Transporter;

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly alerts: AlertRepository,
    private readonly live: LivePublisher,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  @OnJob(JobName.Deliver)
  async deliver(job: Job<{ deliveryId: string }>): Promise<{ status: string }> {
    const delivery = await this.deliveries.findById(job.data.deliveryId);
    if (!delivery || delivery.status !== 'pending') return { status: delivery?.status ?? 'missing' };
    const attempts = job.attemptsMade + 1;
    try {
      await this.send(delivery);
      await this.deliveries.markSent(delivery.id, attempts, new Date());
      return { status: 'sent' };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const final = attempts >= (job.opts.attempts ?? 1);
      await this.deliveries.recordAttemptFailure(delivery.id, attempts, message, final);
      if (final)
        this.logger.warn(
          `delivery ${delivery.id} (${delivery.channel}) failed after ${attempts} attempts: ${message}`,
        );
      throw error;
    }
  }

  private async send(delivery: DeliveryEntity): Promise<void> {
    const alert = await this.alerts.findVisible(delivery.alertId, { kind: 'all' });
    if (!alert) return;
    const text = `【${LEVEL_NAMES[delivery.level] ?? delivery.level}】${KIND_NAMES[alert.kind] ?? alert.kind}：${alert.projectCode} ${alert.projectName}（${alert.departmentName}）`;
    const payload = {
      deliveryId: delivery.id,
      alertId: alert.id,
      kind: alert.kind,
      level: delivery.level,
      status: alert.status,
      projectCode: alert.projectCode,
      projectName: alert.projectName,
      departmentId: alert.departmentId,
      departmentName: alert.departmentName,
      // The shape chat robots (企业微信/钉钉) take.
      msgtype: 'text',
      text: { content: text },
    };
    switch (delivery.channel) {
      case 'in_app': {
        await this.deliveries.addNotification({
          deliveryId: delivery.id,
          alertId: alert.id,
          recipient: delivery.recipient,
          level: delivery.level,
          createdAt: new Date(),
        });
        await this.live.publish({
          type: 'alert',
          change: 'notified',
          alertId: alert.id,
          kind: alert.kind,
          level: delivery.level,
          status: alert.status,
          departmentId: alert.departmentId,
          recipient: delivery.recipient,
        });
        return;
      }
      case 'webhook': {
        const response = await fetch(delivery.target!, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': delivery.id,
            'x-luodi-delivery-id': delivery.id,
          },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(10_000),
        });
        if (!response.ok) throw new Error(`webhook answered ${response.status}`);
        return;
      }
      case 'email': {
        if (!this.config.SMTP_URL) throw new Error('SMTP_URL is not configured');
        this.mailer ??= createTransport(this.config.SMTP_URL);
        await this.mailer.sendMail({
          from: this.config.SMTP_FROM,
          to: delivery.target!,
          subject: text,
          text: `${text}\n\n请登录落地系统签收并反馈。\n\nDelivery ${delivery.id}`,
          messageId: `<${delivery.id}@luodi>`,
          headers: { 'X-Luodi-Delivery-Id': delivery.id },
        });
        return;
      }
    }
  }
}
