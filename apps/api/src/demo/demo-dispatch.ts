import {
  addCalendarDays,
  calendarDaysBetween,
  DecisionKind,
  type IsoDate,
  MeetingKind,
  MeetingStatus,
  noticeNumber,
  NoticeSource,
  NoticeStatus,
  NumberSeries,
  type ProblemCategory,
  ProblemStatus,
  problemCode,
  type ProblemEventType,
  startOfBusinessDay,
} from '@luodi/domain';
import type { MeetingAgenda } from '@luodi/contracts';
import {
  type DemoDataRepository,
  MeetingAttendeeEntity,
  MeetingDecisionEntity,
  MeetingEntity,
  NoticeEntity,
  ProblemCoDepartmentEntity,
  ProblemEntity,
  ProblemEventEntity,
} from '@luodi/persistence';
import type { EntityManager } from 'typeorm';
import { DEMO_DEPARTMENTS } from './demo-departments';

/** A demo problem: days are relative to today (negative: in the past). */
interface DemoProblem {
  key: string;
  category: ProblemCategory;
  owner: string;
  co?: string[];
  keyWork?: boolean;
  description: string;
  raised: number;
  due: number;
  lead?: string;
  /** Transitions: [action, days from today]. */
  path?: Array<['start' | 'resolve' | 'close', number]>;
}

const PROBLEMS: DemoProblem[] = [
  {
    key: 'land',
    category: 'land',
    owner: 'ZRZYJ',
    description: '项目新增建设用地指标尚未落实，影响供地',
    raised: -60,
    due: -20,
    lead: '王建国',
    path: [['start', -55]],
  },
  {
    key: 'planning',
    category: 'planning',
    owner: 'ZJJ',
    co: ['ZRZYJ'],
    description: '规划设计方案与控规指标不符，需调整容积率',
    raised: -45,
    due: -3,
    path: [],
  },
  {
    key: 'environment',
    category: 'environment',
    owner: 'STHJJ',
    description: '环评报告书待省厅审批，排污总量指标未明确',
    raised: -40,
    due: 20,
    path: [['start', -35]],
  },
  {
    key: 'energy',
    category: 'energy',
    owner: 'FGJ',
    description: '节能审查意见待出具',
    raised: -50,
    due: -25,
    path: [
      ['start', -48],
      ['resolve', -32],
      ['close', -30],
    ],
  },
  {
    key: 'utilities',
    category: 'utilities',
    owner: 'GDGS',
    co: ['SWUJ'],
    description: '10千伏专线接入及供水管网配套未到位',
    raised: -34,
    due: 10,
    path: [],
  },
  {
    key: 'demolition',
    category: 'demolition',
    owner: 'ZRZYJ',
    co: ['CGJ'],
    description: '地块内3户房屋征迁补偿未谈妥',
    raised: -70,
    due: -5,
    path: [
      ['start', -66],
      ['resolve', -8],
    ],
  },
  {
    key: 'funding',
    category: 'funding',
    owner: 'CZJ',
    keyWork: true,
    description: '年度专项债资金拨付滞后',
    raised: -30,
    due: 30,
    path: [],
  },
  {
    key: 'policy',
    category: 'policy',
    owner: 'SWJ',
    description: '招商引资优惠政策兑现程序不明确',
    raised: -20,
    due: -1,
    path: [],
  },
  {
    key: 'other',
    category: 'other',
    owner: 'XZSPJ',
    description: '施工许可并联审批材料反复补正',
    raised: -80,
    due: -50,
    path: [
      ['start', -78],
      ['resolve', -42],
      ['close', -40],
    ],
  },
  {
    key: 'land2',
    category: 'land',
    owner: 'ZRZYJ',
    description: '不动产权证办理所需测绘成果未提交',
    raised: -10,
    due: 15,
    path: [],
  },
];

/** A moment on a business day (10:00 Asia/Shanghai). */
const at = (day: IsoDate) => new Date(startOfBusinessDay(day).getTime() + 10 * 3600 * 1000);

/**
 * The dispatch part of the demo district (dispatch.md): open and overdue problems across the
 * categories, a closed 月度调度会 last month with its decisions, one 督办函 answered and one overdue.
 * Runs in the loader's one transaction (the demo is loaded once, into an empty database).
 */
export async function insertDispatch(
  data: DemoDataRepository,
  manager: EntityManager,
  departments: ReadonlyMap<string, string>,
  today: IsoDate,
  /** Projects the problems are not put on (the projects after landing, commitments.md §6). */
  excluded: ReadonlySet<string> = new Set(),
): Promise<{ problems: number; meetings: number; notices: number }> {
  const users = await data.userIds(manager);
  const bureau = users.get('bureau')!;
  const leader = users.get('leader')!;
  const dept = users.get('dept')!;
  const projects = [...(await data.projectIds(manager)).entries()]
    .filter(([code]) => !excluded.has(code))
    .sort(([a], [b]) => a.localeCompare(b));
  const year = Number(today.slice(0, 4));
  const keyWorks = [...(await data.keyWorkIds(year, manager)).entries()].sort(([a], [b]) =>
    a.localeCompare(b),
  );
  const department = (code: string) => departments.get(code)!;
  const day = (offset: number) => addCalendarDays(today, offset);
  // Last month's 月度调度会: the 15th of the month before this one.
  const meetingDate = `${addCalendarDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7)}-15`;
  const meetingOffset = calendarDaysBetween(today, meetingDate);
  // The problems the meeting decided on were raised before it.
  const decided = new Set(['land', 'planning', 'utilities']);
  const rows = PROBLEMS.map((row) =>
    decided.has(row.key) ? { ...row, raised: Math.min(row.raised, meetingOffset - 5) } : row,
  );

  const ids = new Map<
    string,
    { id: string; code: string; projectId: string; projectCode: string; row: DemoProblem }
  >();
  for (const [index, problem] of rows.entries()) {
    const raisedAt = day(problem.raised);
    const [projectCode, projectId] = projects[index % projects.length]!;
    const keyWork = problem.keyWork ? keyWorks[0] : undefined;
    const subjectId = keyWork ? keyWork[1] : projectId;
    const n = await data.nextNumber(NumberSeries.problem, Number(raisedAt.slice(0, 4)), manager);
    const last = problem.path?.at(-1);
    const status = last
      ? (
          {
            start: ProblemStatus.in_progress,
            resolve: ProblemStatus.resolved,
            close: ProblemStatus.closed,
          } as const
        )[last[0]]
      : ProblemStatus.open;
    const saved = await data.save(
      ProblemEntity,
      {
        code: problemCode(Number(raisedAt.slice(0, 4)), n),
        subjectType: keyWork ? 'key_work' : 'project',
        subjectId,
        projectId: keyWork ? (projects.find(([code]) => code === keyWork[0])?.[1] ?? projectId) : projectId,
        category: problem.category,
        description: problem.description,
        raisedBy: bureau,
        raisedAt,
        ownerDepartmentId: department(problem.owner),
        leadOfficial: problem.lead ?? null,
        dueDate: day(problem.due),
        status,
        supervised: false,
        resolvedOn: problem.path?.find(([action]) => action === 'resolve')
          ? day(problem.path.find(([action]) => action === 'resolve')![1])
          : null,
        closedOn: last?.[0] === 'close' ? day(last[1]) : null,
        closedAt: last?.[0] === 'close' ? at(day(last[1])) : null,
      },
      manager,
    );
    for (const co of problem.co ?? [])
      await data.save(
        ProblemCoDepartmentEntity,
        { problemId: saved.id, departmentId: department(co) },
        manager,
      );
    const event = (
      type: ProblemEventType,
      when: IsoDate,
      from: ProblemStatus | null,
      to: ProblemStatus | null,
      text: string,
      actor: string,
    ) =>
      data.save(
        ProblemEventEntity,
        {
          problemId: saved.id,
          type,
          fromStatus: from,
          toStatus: to,
          text,
          dueDate: type === 'raised' ? saved.dueDate : null,
          ownerDepartmentId: type === 'raised' ? saved.ownerDepartmentId : null,
          meetingId: null,
          actorUserId: actor,
          at: at(when),
        },
        manager,
      );
    await event('raised', raisedAt, null, ProblemStatus.open, problem.description, bureau);
    let from: ProblemStatus = ProblemStatus.open;
    for (const [action, offset] of problem.path ?? []) {
      const to = (
        {
          start: ProblemStatus.in_progress,
          resolve: ProblemStatus.resolved,
          close: ProblemStatus.closed,
        } as const
      )[action];
      const text = { start: '已制定办理方案，正在协调', resolve: '已办结，请复核', close: '复核通过，销号' }[
        action
      ];
      await event(action, day(offset), from, to, text, action === 'close' ? bureau : dept);
      from = to;
    }
    ids.set(problem.key, {
      id: saved.id,
      code: saved.code,
      projectId: saved.projectId,
      projectCode,
      row: problem,
    });
  }

  // The closed meeting of last month and its decisions.
  const meeting = await data.save(
    MeetingEntity,
    {
      date: meetingDate,
      title: `${meetingDate.slice(0, 4)}年${Number(meetingDate.slice(5, 7))}月重点项目调度会`,
      kind: MeetingKind.monthly,
      chairUserId: leader,
      status: MeetingStatus.closed,
      closedAt: at(meetingDate),
      createdBy: bureau,
      agenda: null,
    },
    manager,
  );
  for (const code of ['ZRZYJ', 'ZJJ', 'FGJ', 'STHJJ', 'GDGS', 'CZJ'])
    await data.save(
      MeetingAttendeeEntity,
      { meetingId: meeting.id, departmentId: department(code) },
      manager,
    );
  const decisions: Array<{
    key: string;
    kind: 'create' | 'update';
    text: string;
    due?: IsoDate;
    supervised?: boolean;
  }> = [
    {
      key: 'land',
      kind: DecisionKind.update,
      text: '自然资源局限期落实用地指标，列入督办',
      supervised: true,
    },
    { key: 'planning', kind: DecisionKind.update, text: '住建局会同自然资源局调整规划方案，月底前报审' },
    { key: 'utilities', kind: DecisionKind.update, text: '供电公司、水务局倒排工期，确保按期接入' },
  ];
  for (const [index, decision] of decisions.entries()) {
    const problem = ids.get(decision.key)!;
    await data.save(
      MeetingDecisionEntity,
      {
        meetingId: meeting.id,
        seq: index + 1,
        kind: decision.kind,
        problemId: problem.id,
        text: decision.text,
        ownerDepartmentId: department(problem.row.owner),
        coDepartmentIds: (problem.row.co ?? []).map(department).join(','),
        dueDate: day(problem.row.due),
        leadOfficial: problem.row.lead ?? null,
        supervised: decision.supervised ?? false,
        createdBy: bureau,
      },
      manager,
    );
    if (decision.supervised) {
      await data.update(ProblemEntity, problem.id, { supervised: true }, manager);
      await data.save(
        ProblemEventEntity,
        {
          problemId: problem.id,
          type: 'supervised',
          fromStatus: null,
          toStatus: null,
          text: '督办',
          meetingId: meeting.id,
          actorUserId: bureau,
          at: at(meetingDate),
        },
        manager,
      );
    }
  }
  // The agenda as it stood: the problems raised by then and not closed, by category and owner.
  const groups = new Map<string, MeetingAgenda['openProblems'][number]>();
  for (const problem of ids.values()) {
    const raised = day(problem.row.raised);
    const closedOn = problem.row.path?.find(([action]) => action === 'close');
    if (raised > meetingDate || (closedOn && day(closedOn[1]) <= meetingDate)) continue;
    const key = `${problem.row.category}:${problem.row.owner}`;
    const group = groups.get(key) ?? {
      category: problem.row.category,
      ownerDepartmentId: department(problem.row.owner),
      ownerDepartmentName:
        DEMO_DEPARTMENTS.find((d) => d.code === problem.row.owner)?.name ?? problem.row.owner,
      problems: [],
    };
    group.problems.push({
      id: problem.id,
      code: problem.code,
      projectName: problem.projectCode,
      description: problem.row.description,
      dueDate: day(problem.row.due),
      status: ProblemStatus.open,
      overdue: day(problem.row.due) < meetingDate,
    });
    groups.set(key, group);
  }
  const agenda: MeetingAgenda = {
    asOf: meetingDate,
    previousMeetingDate: null,
    openProblems: [...groups.values()],
    alertedProjects: [],
    keyWorksBehind: [],
    overdueMilestones: [],
    closedProblems: [],
  };
  await data.update(MeetingEntity, meeting.id, { agenda: JSON.stringify(agenda) }, manager);

  // Two notices: one answered in time (last month), one not answered by its reply date.
  const notice = async (key: string, issuedOn: IsoDate, replyDueDate: IsoDate, replied: boolean) => {
    const problem = ids.get(key)!;
    const noticeYear = Number(issuedOn.slice(0, 4));
    const seq = await data.nextNumber(NumberSeries.notice, noticeYear, manager);
    await data.save(
      NoticeEntity,
      {
        year: noticeYear,
        seq,
        number: noticeNumber(noticeYear, seq),
        departmentId: department(problem.row.owner),
        sourceType: NoticeSource.problem,
        sourceId: problem.id,
        projectId: problem.projectId,
        subject: `关于${problem.row.description.slice(0, 12)}问题的督办函`,
        facts: `问题${problem.code}：${problem.row.description}。办结时限${day(problem.row.due)}，已逾期。`,
        measures: '请立即组织专题研究，明确办结时限，并书面反馈办理情况。',
        issuedOn,
        replyDueDate,
        issuedBy: leader,
        status: replied ? NoticeStatus.replied : NoticeStatus.issued,
        signedAt: replied ? at(issuedOn) : null,
        signedBy: replied ? dept : null,
        replyDone: replied ? '已召开专题协调会，上报省厅追加用地指标' : null,
        replyRemaining: replied ? '待省厅批复' : null,
        replyExpectedDate: replied ? day(10) : null,
        repliedAt: replied ? at(addCalendarDays(issuedOn, 2)) : null,
        repliedOn: replied ? addCalendarDays(issuedOn, 2) : null,
        repliedBy: replied ? dept : null,
      },
      manager,
    );
  };
  await notice('land', addCalendarDays(meetingDate, 1), addCalendarDays(meetingDate, 6), true);
  await notice('planning', day(-7), day(-2), false);
  return { problems: PROBLEMS.length, meetings: 1, notices: 2 };
}
