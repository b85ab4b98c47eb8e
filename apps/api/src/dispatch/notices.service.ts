import { Injectable } from '@nestjs/common';
import type { Notice } from '@luodi/contracts';
import {
  type AccessScope,
  ALERT_KIND_LABELS,
  businessDateOf,
  isProblemOverdue,
  labelsIn,
  NotFound,
  noticeNumber,
  NoticeSource,
  NoticeStatus,
  type Principal,
  PROBLEM_CATEGORY_LABELS,
  type ProblemCategory,
  StateConflict,
  ValidationFailed,
} from '@luodi/domain';
import {
  AlertRepository,
  MeetingRepository,
  type NoticeRow,
  NoticeRepository,
  ProblemRepository,
  Transactions,
} from '@luodi/persistence';
import { CalendarService, Clock } from '@luodi/server-core';
import type { EntityManager } from 'typeorm';
import type { Page } from '../common/pagination';
import { FiguresPublisher } from '../live/figures-publisher';
import type { DistrictDocument } from './documents';
import type { IssueNoticeDto, NoticeQueryDto, NoticeReplyDto } from './notices.dto';

const KIND = labelsIn(ALERT_KIND_LABELS, 'zh-CN');
const CATEGORY = labelsIn(PROBLEM_CATEGORY_LABELS, 'zh-CN');
/** The addressee's steps: the status each starts from, and the rule and code when the notice is not in it. */
const ADDRESSEE_STEPS = {
  sign: {
    from: NoticeStatus.issued,
    rule: 'a notice is signed for once, while it is "issued"',
    code: 'notice_not_issued',
  },
  reply: {
    from: NoticeStatus.signed,
    rule: 'a notice is answered once, after it is signed for ("signed")',
    code: 'notice_not_signed',
  },
} as const;
/** Working days a department has to answer a notice, unless the issuer says otherwise. */
export const NOTICE_REPLY_WORKING_DAYS = 3;

interface NoticeDraft {
  departmentId: string;
  projectId: string;
  subject: string;
  facts: string;
}

/** Supervision notices (督办函, dispatch.md §3): issue, 签收, 反馈, document. */
@Injectable()
export class NoticesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly notices: NoticeRepository,
    private readonly alerts: AlertRepository,
    private readonly problems: ProblemRepository,
    private readonly meetings: MeetingRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly live: FiguresPublisher,
  ) {}

  /** A notice changed: the scorecard's 督办函按期反馈率 and the screen follow. */
  private async published(notice: Notice): Promise<Notice> {
    await this.live.changed('notice', notice.departmentId);
    return notice;
  }

  private view(row: NoticeRow, today: string): Notice {
    const iso = (value: Date | null) => (value ? value.toISOString() : null);
    return {
      id: row.id,
      number: row.number,
      year: row.year,
      departmentId: row.departmentId,
      departmentName: row.departmentName,
      sourceType: row.sourceType,
      sourceId: row.sourceId,
      projectId: row.projectId,
      projectCode: row.projectCode,
      projectName: row.projectName,
      subject: row.subject,
      facts: row.facts,
      measures: row.measures,
      issuedOn: row.issuedOn,
      replyDueDate: row.replyDueDate,
      issuedBy: row.issuedBy,
      issuerName: row.issuerName,
      status: row.status,
      signedAt: iso(row.signedAt),
      replyDone: row.replyDone,
      replyRemaining: row.replyRemaining,
      replyExpectedDate: row.replyExpectedDate,
      repliedAt: iso(row.repliedAt),
      repliedOn: row.repliedOn,
      overdue: row.status !== NoticeStatus.replied && today > row.replyDueDate,
    };
  }

  private today(): string {
    return businessDateOf(this.clock.now());
  }

  async list(query: NoticeQueryDto, scope: AccessScope): Promise<Page<Notice>> {
    const { items, total } = await this.notices.list(
      { status: query.status, departmentId: query.departmentId },
      scope,
      { page: query.page, pageSize: query.pageSize },
    );
    const today = this.today();
    return { items: items.map((row) => this.view(row, today)), total };
  }

  async get(id: string, scope: AccessScope): Promise<Notice> {
    const row = await this.notices.findVisible(id, scope);
    if (!row) throw new NotFound('notice', id);
    return this.view(row, this.today());
  }

  /** Who the notice goes to and the facts, filled from the data (what is late, by how many working days). */
  private async draft(input: IssueNoticeDto, today: string): Promise<NoticeDraft> {
    const calendar = await this.calendar.calendar();
    const late = (since: string) => calendar.workingDaysAfterUpTo(since, today);
    if (input.sourceType === NoticeSource.alert) {
      const alert = await this.alerts.findVisible(input.sourceId, { kind: 'all' });
      if (!alert) throw new NotFound('alert', input.sourceId);
      if (alert.level !== 3 || alert.status === 'resolved' || !alert.departmentId || !alert.projectId)
        throw new ValidationFailed('sourceId', 'alert_not_escalated', { params: { alertId: alert.id } });
      const since = businessDateOf(alert.raisedAt);
      return {
        departmentId: alert.departmentId,
        projectId: alert.projectId,
        subject: `关于${alert.projectName}${KIND[alert.kind]}的督办函`,
        facts: `${alert.projectName}（${alert.projectCode}）${KIND[alert.kind]}，自${since}预警以来已${late(since)}个工作日未解决，已升为督办。`,
      };
    }
    const problemId =
      input.sourceType === NoticeSource.problem
        ? input.sourceId
        : (await this.meetings.findDecision(input.sourceId))?.problemId;
    if (!problemId) throw new NotFound('decision', input.sourceId);
    const problem = await this.problems.findVisible(problemId, { kind: 'all' });
    if (!problem) throw new NotFound('problem', problemId);
    const overdue = isProblemOverdue(problem, today);
    if (input.sourceType === NoticeSource.problem && !overdue)
      throw new ValidationFailed('sourceId', 'problem_not_overdue', {
        params: { problemCode: problem.code, dueDate: problem.dueDate },
      });
    let facts = `${problem.projectName}${CATEGORY[problem.category as ProblemCategory]}问题（${problem.code}）：${problem.description}。办结时限${problem.dueDate}`;
    facts += overdue ? `，已逾期${late(problem.dueDate)}个工作日。` : '。';
    if (input.sourceType === NoticeSource.decision) {
      const decision = await this.meetings.findDecision(input.sourceId);
      const meeting = decision ? await this.meetings.findById(decision.meetingId) : null;
      if (meeting && decision) facts = `${meeting.date}${meeting.title}交办：${decision.text}。${facts}`;
    }
    return {
      departmentId: problem.ownerDepartmentId,
      projectId: problem.projectId,
      subject: `关于${problem.projectName}${CATEGORY[problem.category as ProblemCategory]}问题的督办函`,
      facts,
    };
  }

  /** Issue a notice: the next 〔YYYY〕督字第N号 in the same transaction as the notice (no gaps, no duplicates). */
  async issue(input: IssueNoticeDto, principal: Principal): Promise<Notice> {
    const now = this.clock.now();
    const today = businessDateOf(now);
    const draft = await this.draft(input, today);
    const replyDueDate =
      input.replyDueDate ?? (await this.calendar.calendar()).addWorkingDays(today, NOTICE_REPLY_WORKING_DAYS);
    if (replyDueDate < today)
      throw new ValidationFailed('replyDueDate', 'reply_due_in_past', { params: { today } });
    const year = Number(today.slice(0, 4));
    const created = await this.transactions.run(async (manager) => {
      const seq = await this.notices.nextSeq(year, manager);
      return this.notices.create(
        {
          year,
          seq,
          number: noticeNumber(year, seq),
          ...draft,
          sourceType: input.sourceType,
          sourceId: input.sourceId,
          measures: input.measures.trim(),
          issuedOn: today,
          replyDueDate,
          issuedBy: principal.userId,
          status: NoticeStatus.issued,
        },
        manager,
      );
    });
    return this.published(await this.get(created.id, { kind: 'all' }));
  }

  /** 签收 by the addressee department (another department: 404; twice: 409). */
  async sign(id: string, principal: Principal, scope: AccessScope): Promise<Notice> {
    await this.transactions.run(async (manager) => {
      const notice = await this.lockFor('sign', id, scope, manager);
      await this.notices.update(
        notice,
        { status: NoticeStatus.signed, signedAt: this.clock.now(), signedBy: principal.userId },
        manager,
      );
    });
    return this.published(await this.get(id, scope));
  }

  /** 反馈 by the addressee department, after signing for it (once). */
  async reply(id: string, input: NoticeReplyDto, principal: Principal, scope: AccessScope): Promise<Notice> {
    const now = this.clock.now();
    await this.transactions.run(async (manager) => {
      const notice = await this.lockFor('reply', id, scope, manager);
      await this.notices.update(
        notice,
        {
          status: NoticeStatus.replied,
          replyDone: input.done.trim(),
          replyRemaining: input.remaining.trim(),
          replyExpectedDate: input.expectedDate,
          repliedAt: now,
          repliedOn: businessDateOf(now),
          repliedBy: principal.userId,
        },
        manager,
      );
    });
    return this.published(await this.get(id, scope));
  }

  /**
   * The notice `id`, visible in `scope` (404 otherwise), locked for the transaction; 409 unless it is
   * in the status the addressee's `step` starts from.
   */
  private async lockFor(
    step: keyof typeof ADDRESSEE_STEPS,
    id: string,
    scope: AccessScope,
    manager: EntityManager,
  ) {
    if (!(await this.notices.findVisible(id, scope, manager))) throw new NotFound('notice', id);
    const notice = await this.notices.lockById(id, manager);
    if (!notice) throw new NotFound('notice', id);
    const { from, rule, code } = ADDRESSEE_STEPS[step];
    if (notice.status !== from) throw new StateConflict(notice.status, rule, code);
    return notice;
  }

  /** The notice as a district document (GB/T 9704 layout). */
  async document(id: string, scope: AccessScope): Promise<DistrictDocument> {
    const notice = await this.get(id, scope);
    const blocks: DistrictDocument['blocks'] = [
      { kind: 'paragraph', text: `${notice.departmentName}：` },
      { kind: 'paragraph', text: notice.facts },
      { kind: 'paragraph', text: `整改要求：${notice.measures}` },
      {
        kind: 'paragraph',
        text: `请于${notice.replyDueDate}前将办理情况（已办理情况、尚需办理事项、预计办结日期）书面反馈区招商局。`,
      },
      {
        kind: 'table',
        widths: [3, 5, 3, 5],
        rows: [
          ['主送单位', notice.departmentName, '反馈时限', notice.replyDueDate],
          ['项目', `${notice.projectName}（${notice.projectCode}）`, '签发', notice.issuerName],
        ],
      },
    ];
    if (notice.repliedAt)
      blocks.push(
        { kind: 'heading', text: '反馈情况' },
        { kind: 'paragraph', text: `已办理：${notice.replyDone ?? ''}` },
        {
          kind: 'paragraph',
          text: `尚需办理：${notice.replyRemaining || '无'}；预计办结：${notice.replyExpectedDate ?? ''}`,
        },
      );
    blocks.push({ kind: 'paragraph', text: notice.issuedOn, align: 'right' });
    return { number: notice.number, title: notice.subject, blocks };
  }
}
