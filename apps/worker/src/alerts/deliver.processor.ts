import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
import {
  ALERT_KIND_LABELS,
  ALERT_LEVEL_LABELS,
  type AlertKind,
  type AlertLevel,
  alertItemText,
  alertRemainingWorkingDays,
  alertSubjectText,
  businessDateOf,
  labelsIn,
} from '@luodi/domain';
import { JobName } from '@luodi/jobs';
import {
  AlertRepository,
  DepartmentRepository,
  type DeliveryEntity,
  DeliveryRepository,
} from '@luodi/persistence';
import {
  buildRobotRequest,
  CalendarService,
  interpretRobotAnswer,
  type RobotMessage,
  type RobotTarget,
  SERVER_CONFIG,
} from '@luodi/server-core';
import type { Job } from 'bullmq';
import { createTransport, type Transporter } from 'nodemailer';
import { OnJob } from '../jobs/on-job.decorator';
import { LivePublisher } from './live.publisher';

/** The one zh-CN name of each alert kind and level (shared with the report and the web). */
const KIND_NAMES: Record<AlertKind, string> = labelsIn(ALERT_KIND_LABELS, 'zh-CN');
const LEVEL_NAMES: Record<AlertLevel, string> = labelsIn(ALERT_LEVEL_LABELS, 'zh-CN');

/** A robot's answer is small JSON; a receiver that streams more is not read further. */
const ANSWER_LIMIT_BYTES = 64 * 1024;

async function readAtMost(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

/**
 * Sends one delivery: in-app (a notification row, once, and a live message), e-mail over SMTP, or a
 * webhook to the department's chat robot (DingTalk, WeCom, Feishu: their message format, signature and
 * answer) or generic JSON receiver (signed with an HMAC header). A robot that answers HTTP 200 with a
 * non-zero errcode/code refused the message: a failed attempt, retried, its code kept as last error.
 * At least once: a repeat after a crash carries the same idempotency key (the delivery id), so the
 * receiver can drop it. After the last attempt the delivery is `failed`, visible and re-sendable.
 * The job carries the delivery id only; the robot's secret is read from the database here and never
 * logged.
 */
@Injectable()
export class DeliverProcessor {
  private readonly logger = new Logger(DeliverProcessor.name);
  private mailer?: Transporter;

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly alerts: AlertRepository,
    private readonly departments: DepartmentRepository,
    private readonly live: LivePublisher,
    private readonly calendars: CalendarService,
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
    const levelName = LEVEL_NAMES[delivery.level as AlertLevel] ?? String(delivery.level);
    const kindName = KIND_NAMES[alert.kind];
    // The project and — for a milestone — the approval item, its department and how late it is now.
    const facts = {
      ...alert,
      remainingWorkingDays: alertRemainingWorkingDays(
        alert,
        await this.calendars.calendar(),
        businessDateOf(new Date()),
      ),
    };
    const text = `【${levelName}】${kindName}：${alertSubjectText(facts)}`;
    const measures = alert.answerMeasures ? `整改措施：${alert.answerMeasures}` : null;
    const closing = '请登录落地系统签收并反馈。';
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
      itemCode: alert.itemCode,
      itemName: alert.itemName,
      deadline: alert.milestoneDeadline,
      remainingWorkingDays: facts.remainingWorkingDays,
      measures: alert.answerMeasures,
      summary: text,
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
          // What the notification says: the project and the approval item (zh-CN), and its parts.
          projectName: alert.projectName,
          itemName: alert.itemName,
          text,
        });
        return;
      }
      case 'webhook': {
        // Every message says 落地预警, so a keyword robot set to 落地 or 预警 takes it.
        const message: RobotMessage = {
          title: `落地预警：【${levelName}】${kindName}`,
          text: [`落地预警 ${text}`, measures, closing].filter(Boolean).join('\n'),
          markdown: [
            `### 落地预警：【${levelName}】${kindName}`,
            `**${alert.projectCode} ${alert.projectName}**${alert.itemName ? '' : `（${alert.departmentName}）`}`,
            alertItemText(facts) ? `审批事项：${alertItemText(facts)}` : null,
            measures,
            closing,
          ]
            .filter(Boolean)
            .join('\n\n'),
          payload,
        };
        await this.sendWebhook(delivery, message);
        return;
      }
      case 'email': {
        if (!this.config.SMTP_URL) throw new Error('SMTP_URL is not configured');
        this.mailer ??= createTransport(this.config.SMTP_URL);
        await this.mailer.sendMail({
          from: this.config.SMTP_FROM,
          to: delivery.target!,
          subject: text,
          text: [text, measures, closing, `Delivery ${delivery.id}`].filter(Boolean).join('\n\n'),
          messageId: `<${delivery.id}@luodi>`,
          headers: { 'X-Luodi-Delivery-Id': delivery.id },
        });
        return;
      }
    }
  }

  /**
   * The robot is the department's webhook as configured now (a re-send after fixing its URL, kind or
   * secret uses the fix); a delivery whose department has no webhook any more goes to the URL recorded
   * when it was queued, as a generic unsigned call.
   */
  private async robotFor(delivery: DeliveryEntity): Promise<RobotTarget> {
    const departmentId = delivery.recipient.startsWith('department:')
      ? delivery.recipient.slice('department:'.length)
      : null;
    const department = departmentId ? await this.departments.findById(departmentId) : null;
    if (department?.webhookUrl) {
      if (department.webhookUrl !== delivery.target) {
        await this.deliveries.retarget(delivery.id, department.webhookUrl);
      }
      return { kind: department.webhookKind, url: department.webhookUrl, secret: department.webhookSecret };
    }
    if (!delivery.target) throw new Error('webhook delivery without a URL');
    return { kind: 'generic', url: delivery.target, secret: null };
  }

  /** One signed call; a refusal (HTTP error or the vendor's errcode/code) throws with the vendor's words. */
  private async sendWebhook(delivery: DeliveryEntity, message: RobotMessage): Promise<void> {
    const robot = await this.robotFor(delivery);
    const request = buildRobotRequest(robot, message, delivery.id, new Date());
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(10_000),
    });
    const answer = await readAtMost(response, ANSWER_LIMIT_BYTES);
    const outcome = interpretRobotAnswer(robot.kind, response.status, answer);
    if (!outcome.ok) throw new Error(outcome.error);
  }
}
