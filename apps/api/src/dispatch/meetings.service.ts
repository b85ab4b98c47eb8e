import { Injectable } from '@nestjs/common';
import type {
  AgendaProblemGroup,
  Meeting,
  MeetingAgenda,
  MeetingDecision,
  MeetingDetail,
} from '@luodi/contracts';
import {
  ALERT_KIND_LABELS,
  DecisionKind,
  labelsIn,
  MEETING_KIND_LABELS,
  MeetingStatus,
  NotFound,
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_STATUS_LABELS,
  type ProblemCategory,
  type Principal,
  Role,
  scheduleRate,
  StateConflict,
  toCents,
  ValidationFailed,
} from '@luodi/domain';
import {
  DepartmentRepository,
  type MeetingEntity,
  MeetingRepository,
  type MeetingRow,
  ProblemRepository,
  Transactions,
  UserRepository,
} from '@luodi/persistence';
import { Clock } from '@luodi/server-core';
import type { Page } from '../common/pagination';
import { FiguresPublisher } from '../live/figures-publisher';
import type { DistrictDocument } from './documents';
import type { CreateMeetingDto, DecisionDto } from './meetings.dto';
import { ProblemsService } from './problems.service';

const CATEGORY = labelsIn(PROBLEM_CATEGORY_LABELS, 'zh-CN');
const STATUS = labelsIn(PROBLEM_STATUS_LABELS, 'zh-CN');
const KIND = labelsIn(ALERT_KIND_LABELS, 'zh-CN');
/** Key works more than this many points behind 序时进度 are on the agenda. */
const POINTS_BEHIND = 10;

const meetingView = (row: MeetingRow): Meeting => ({
  id: row.id,
  date: row.date,
  title: row.title,
  kind: row.kind,
  status: row.status,
  chairUserId: row.chairUserId,
  chairName: row.chairName,
  attendees: row.attendees,
  closedAt: row.closedAt ? row.closedAt.toISOString() : null,
});

/** Dispatch meetings (调度会, dispatch.md §2): the agenda as of the date, decisions, close, documents. */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly meetings: MeetingRepository,
    private readonly problemRows: ProblemRepository,
    private readonly problems: ProblemsService,
    private readonly departments: DepartmentRepository,
    private readonly users: UserRepository,
    private readonly clock: Clock,
    private readonly live: FiguresPublisher,
  ) {}

  async chairs(): Promise<Array<{ id: string; displayName: string }>> {
    return (await this.users.listByRole(Role.Leader)).map((user) => ({
      id: user.id,
      displayName: user.displayName,
    }));
  }

  async list(page: { page: number; pageSize: number }): Promise<Page<Meeting>> {
    const { items, total } = await this.meetings.list(page);
    return { items: items.map(meetingView), total };
  }

  private async meeting(id: string): Promise<MeetingRow> {
    const row = await this.meetings.findById(id);
    if (!row) throw new NotFound('meeting', id);
    return row;
  }

  async get(id: string): Promise<MeetingDetail> {
    const row = await this.meeting(id);
    const agenda =
      row.status === MeetingStatus.closed && row.agenda
        ? (JSON.parse(row.agenda) as MeetingAgenda)
        : await this.agenda(row);
    return { ...meetingView(row), agenda, decisions: await this.decisions(id) };
  }

  async create(input: CreateMeetingDto, principal: Principal): Promise<MeetingDetail> {
    const chair = await this.users.findById(input.chairUserId);
    if (!chair || chair.role !== Role.Leader || !chair.enabled)
      throw new ValidationFailed('chairUserId', 'chair_not_leader', { params: { id: input.chairUserId } });
    for (const departmentId of input.attendeeDepartmentIds ?? []) {
      if (!(await this.departments.findById(departmentId)))
        throw new ValidationFailed('attendeeDepartmentIds', 'unknown_department', {
          params: { id: departmentId },
        });
    }
    const created = await this.transactions.run((manager) =>
      this.meetings.create(
        {
          date: input.date,
          title: input.title.trim(),
          kind: input.kind,
          chairUserId: input.chairUserId,
          status: MeetingStatus.open,
          createdBy: principal.userId,
        },
        input.attendeeDepartmentIds ?? [],
        manager,
      ),
    );
    return this.get(created.id);
  }

  /** The agenda generated from the data as of the meeting's date. */
  async agenda(meeting: Pick<MeetingEntity, 'id' | 'date'>): Promise<MeetingAgenda> {
    const day = meeting.date;
    const previous = await this.meetings.previousDate(meeting);
    const groups = new Map<string, AgendaProblemGroup>();
    for (const problem of await this.meetings.agendaProblems(day)) {
      const key = `${problem.category}:${problem.ownerDepartmentId}`;
      if (!groups.has(key))
        groups.set(key, {
          category: problem.category as ProblemCategory,
          ownerDepartmentId: problem.ownerDepartmentId,
          ownerDepartmentName: problem.ownerDepartmentName,
          problems: [],
        });
      groups.get(key)!.problems.push({
        id: problem.id,
        code: problem.code,
        projectName: problem.projectName,
        description: problem.description,
        dueDate: problem.dueDate,
        status: problem.status as MeetingAgenda['openProblems'][number]['problems'][number]['status'],
        overdue: problem.overdue,
      });
    }
    const projects = new Map<string, MeetingAgenda['alertedProjects'][number]>();
    for (const alert of await this.meetings.agendaAlerts(day)) {
      const entry = projects.get(alert.projectId) ?? {
        projectId: alert.projectId,
        projectCode: alert.projectCode,
        projectName: alert.projectName,
        level: 0,
        kinds: [],
      };
      entry.level = Math.max(entry.level, alert.level);
      if (!entry.kinds.includes(alert.kind)) entry.kinds.push(alert.kind);
      projects.set(alert.projectId, entry);
    }
    const year = Number(day.slice(0, 4));
    const rate = scheduleRate(year, day);
    const keyWorksBehind = (await this.meetings.agendaKeyWorks(year, day.slice(0, 7)))
      .map((row) => {
        const plan = toCents(row.plan);
        const completion = plan > 0n ? Number(toCents(row.completed)) / Number(plan) : null;
        return { row, points: completion === null ? 0 : Math.round((rate - completion) * 1000) / 10 };
      })
      .filter(({ points }) => points > POINTS_BEHIND)
      .map(({ row, points }) => ({
        keyWorkId: row.keyWorkId,
        projectCode: row.projectCode,
        projectName: row.projectName,
        pointsBehind: points,
      }));
    return {
      asOf: day,
      previousMeetingDate: previous,
      openProblems: [...groups.values()],
      alertedProjects: [...projects.values()],
      keyWorksBehind,
      overdueMilestones: await this.meetings.agendaMilestones(day),
      closedProblems: await this.meetings.agendaClosed(previous ?? `${year - 1}-12-31`, day),
    };
  }

  private async decisions(meetingId: string): Promise<MeetingDecision[]> {
    return (await this.meetings.decisions(meetingId)).map((row) => ({
      id: row.id,
      seq: row.seq,
      kind: row.kind,
      problemId: row.problemId,
      problemCode: row.problemCode,
      projectName: row.projectName,
      text: row.text,
      ownerDepartmentId: row.ownerDepartmentId,
      ownerDepartmentName: row.ownerDepartmentName,
      coDepartmentIds: row.coDepartmentIds ? row.coDepartmentIds.split(',') : [],
      dueDate: row.dueDate,
      leadOfficial: row.leadOfficial,
      supervised: row.supervised,
    }));
  }

  private static readOnly(meeting: { status: string }): void {
    if (meeting.status === MeetingStatus.closed)
      throw new StateConflict(
        meeting.status,
        'a closed meeting is read-only (no decisions, no second close)',
        'meeting_closed',
      );
  }

  /** Record a decision: it creates a problem or changes one, in the same transaction as the decision. */
  async decide(id: string, input: DecisionDto, principal: Principal): Promise<MeetingDetail> {
    MeetingsService.readOnly(await this.meeting(id));
    const missing = (field: keyof DecisionDto) =>
      new ValidationFailed(field, 'decision_field_required', { params: { decisionKind: input.kind } });
    let projectId: string | null = null;
    if (input.kind === DecisionKind.create) {
      for (const field of [
        'subjectType',
        'subjectId',
        'category',
        'description',
        'ownerDepartmentId',
        'dueDate',
      ] as const)
        if (input[field] === undefined) throw missing(field);
      projectId = await this.problems.projectOf(input.subjectType!, input.subjectId!);
    } else {
      if (!input.problemId) throw missing('problemId');
      if (!(await this.problemRows.findVisible(input.problemId, { kind: 'all' })))
        throw new NotFound('problem', input.problemId);
      const changes = [
        'ownerDepartmentId',
        'coDepartmentIds',
        'dueDate',
        'leadOfficial',
        'supervised',
      ] as const;
      if (!changes.some((field) => input[field] !== undefined && input[field] !== false))
        throw new ValidationFailed('kind', 'decision_without_change', {
          params: { changes: changes.join(', ') },
        });
    }
    await this.transactions.run(async (manager) => {
      const meeting = await this.meetings.lockById(id, manager);
      if (!meeting) throw new NotFound('meeting', id);
      MeetingsService.readOnly(meeting);
      const problemId =
        input.kind === DecisionKind.create
          ? await this.problems.createIn(
              {
                subjectType: input.subjectType!,
                subjectId: input.subjectId!,
                category: input.category!,
                description: input.description!,
                ownerDepartmentId: input.ownerDepartmentId!,
                coDepartmentIds: input.coDepartmentIds,
                leadOfficial: input.leadOfficial,
                dueDate: input.dueDate!,
              },
              projectId!,
              principal,
              manager,
              { meetingId: id },
            )
          : input.problemId!;
      if (input.kind === DecisionKind.update || input.supervised)
        await this.problems.changeIn(
          problemId,
          input.kind === DecisionKind.create
            ? { supervised: true }
            : {
                ownerDepartmentId: input.ownerDepartmentId,
                coDepartmentIds: input.coDepartmentIds,
                dueDate: input.dueDate,
                leadOfficial: input.leadOfficial,
                supervised: input.supervised,
              },
          principal,
          id,
          manager,
        );
      const problem = await this.problemRows.findVisible(problemId, { kind: 'all' }, manager);
      await this.meetings.addDecision(
        {
          meetingId: id,
          seq: await this.meetings.nextDecisionSeq(id, manager),
          kind: input.kind,
          problemId,
          text: input.text.trim(),
          ownerDepartmentId: problem!.ownerDepartmentId,
          coDepartmentIds: problem!.coDepartments.map((department) => department.id).join(','),
          dueDate: problem!.dueDate,
          leadOfficial: problem!.leadOfficial,
          supervised: problem!.supervised,
          createdBy: principal.userId,
        },
        manager,
      );
    });
    // The decision created or changed a problem: the cockpit's and the screen's problem figures follow.
    await this.live.changed('problem', input.ownerDepartmentId);
    return this.get(id);
  }

  /** Close the meeting: read-only from now on, its agenda kept as it stands. */
  async close(id: string): Promise<MeetingDetail> {
    const row = await this.meeting(id);
    MeetingsService.readOnly(row);
    const agenda = await this.agenda(row);
    await this.transactions.run(async (manager) => {
      const meeting = await this.meetings.lockById(id, manager);
      if (!meeting) throw new NotFound('meeting', id);
      MeetingsService.readOnly(meeting);
      await this.meetings.update(
        meeting,
        { status: MeetingStatus.closed, agenda: JSON.stringify(agenda), closedAt: this.clock.now() },
        manager,
      );
    });
    return this.get(id);
  }

  private async departmentNames(): Promise<Map<string, string>> {
    return new Map((await this.departments.list()).map((department) => [department.id, department.name]));
  }

  private static header(detail: MeetingDetail): DistrictDocument['blocks'] {
    return [
      {
        kind: 'paragraph',
        text: `时间：${detail.date}；类型：${labelsIn(MEETING_KIND_LABELS, 'zh-CN')[detail.kind]}；主持：${detail.chairName}`,
      },
      { kind: 'paragraph', text: `参会单位：${detail.attendees.map((d) => d.name).join('、') || '—'}` },
    ];
  }

  /** 会议议程: the agenda's five parts. */
  async agendaDocument(id: string): Promise<DistrictDocument> {
    const detail = await this.get(id);
    const { agenda } = detail;
    const problemRows = agenda.openProblems.flatMap((group) =>
      group.problems.map((p) => [
        CATEGORY[group.category],
        group.ownerDepartmentName,
        p.code,
        p.projectName,
        p.description,
        p.dueDate,
        p.overdue ? `${STATUS[p.status]}（逾期）` : STATUS[p.status],
      ]),
    );
    const table = (head: string[], rows: string[][], widths: number[]) =>
      rows.length
        ? [{ kind: 'table' as const, rows: [head, ...rows], widths }]
        : [{ kind: 'paragraph' as const, text: '无' }];
    return {
      title: `${detail.title}议程`,
      blocks: [
        ...MeetingsService.header(detail),
        { kind: 'paragraph', text: `数据截至${agenda.asOf}。` },
        { kind: 'heading', text: '一、未销号问题（按类别和责任单位）' },
        ...table(
          ['类别', '责任单位', '编号', '项目', '问题', '时限', '状态'],
          problemRows,
          [2, 3, 3, 4, 6, 3, 3],
        ),
        { kind: 'heading', text: '二、逾期、督办预警的项目' },
        ...table(
          ['项目编号', '项目', '级别', '预警'],
          agenda.alertedProjects.map((p) => [
            p.projectCode,
            p.projectName,
            String(p.level),
            p.kinds.map((k) => KIND[k as keyof typeof KIND] ?? k).join('、'),
          ]),
          [3, 6, 2, 6],
        ),
        { kind: 'heading', text: '三、滞后序时进度10个百分点以上的重点工程' },
        ...table(
          ['项目编号', '项目', '滞后（百分点）'],
          agenda.keyWorksBehind.map((k) => [k.projectCode, k.projectName, String(k.pointsBehind)]),
          [3, 8, 3],
        ),
        { kind: 'heading', text: '四、逾期审批事项' },
        ...table(
          ['项目', '事项', '部门', '时限'],
          agenda.overdueMilestones.map((m) => [m.projectName, m.itemName, m.departmentName, m.deadline]),
          [5, 5, 4, 3],
        ),
        {
          kind: 'heading',
          text: `五、${agenda.previousMeetingDate ? `上次会议（${agenda.previousMeetingDate}）以来` : '本年'}已销号问题`,
        },
        ...table(
          ['编号', '项目', '问题', '销号日期'],
          agenda.closedProblems.map((p) => [p.code, p.projectName, p.description, p.closedOn ?? '']),
          [3, 5, 7, 3],
        ),
      ],
    };
  }

  /** 会议纪要: the decisions as they were made (责任单位, 配合单位, 时限). */
  async minutesDocument(id: string): Promise<DistrictDocument> {
    const detail = await this.get(id);
    const names = await this.departmentNames();
    return {
      title: `${detail.title}纪要`,
      blocks: [
        ...MeetingsService.header(detail),
        {
          kind: 'paragraph',
          text: `会议听取了问题清单办理情况汇报，研究了重点项目推进中的困难和问题，议定事项如下。`,
        },
        { kind: 'heading', text: '一、议定事项' },
        detail.decisions.length
          ? {
              kind: 'table',
              widths: [1, 8, 3, 4, 3, 3, 2],
              rows: [
                ['序号', '交办事项', '问题编号', '责任单位', '配合单位', '时限', '督办'],
                ...detail.decisions.map((d) => [
                  String(d.seq),
                  `${d.projectName}：${d.text}`,
                  d.problemCode,
                  d.ownerDepartmentName,
                  d.coDepartmentIds.map((coId) => names.get(coId) ?? coId).join('、'),
                  d.dueDate,
                  d.supervised ? '是' : '',
                ]),
              ],
            }
          : { kind: 'paragraph', text: '无' },
        { kind: 'paragraph', text: '各责任单位要按时限办结，办理情况及时报区招商局。' },
        { kind: 'paragraph', text: `${detail.date}`, align: 'right' },
      ],
    };
  }
}
