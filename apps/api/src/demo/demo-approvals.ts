import {
  addCalendarDays,
  DEFAULT_ROUTE_ITEMS,
  type IsoDate,
  type MilestoneEventType,
  type WorkingCalendar,
} from '@luodi/domain';

/** The default catalog of domain §4 (department by code), with typical county promises. */
export const DEFAULT_CATALOG: ReadonlyArray<{
  code: string;
  name: string;
  departmentCode: string;
  promisedDays: number;
  statutoryDays: number;
  deemedApproval: boolean;
  materials: string;
}> = [
  {
    code: 'FILING',
    name: '企业投资项目备案',
    departmentCode: 'FGJ',
    promisedDays: 1,
    statutoryDays: 5,
    deemedApproval: true,
    materials: '项目备案信息表\n企业营业执照',
  },
  {
    code: 'LAND_PRE',
    name: '用地预审与选址意见书',
    departmentCode: 'ZRZYJ',
    promisedDays: 10,
    statutoryDays: 20,
    deemedApproval: false,
    materials: '申请表\n项目备案文件\n用地范围图',
  },
  {
    code: 'LAND_PLAN',
    name: '建设用地规划许可证',
    departmentCode: 'ZRZYJ',
    promisedDays: 5,
    statutoryDays: 20,
    deemedApproval: false,
    materials: '申请表\n土地出让合同\n规划条件',
  },
  {
    code: 'EIA',
    name: '环境影响评价审批（报告表）',
    departmentCode: 'STHJJ',
    promisedDays: 10,
    statutoryDays: 20,
    deemedApproval: false,
    materials: '环境影响报告表\n公示材料',
  },
  {
    code: 'ENERGY',
    name: '节能审查',
    departmentCode: 'FGJ',
    promisedDays: 5,
    statutoryDays: 20,
    deemedApproval: false,
    materials: '节能报告',
  },
  {
    code: 'PLAN_REVIEW',
    name: '规划方案审查',
    departmentCode: 'ZRZYJ',
    promisedDays: 7,
    statutoryDays: 20,
    deemedApproval: true,
    materials: '规划设计方案\n效果图',
  },
  {
    code: 'BUILD_PLAN',
    name: '建设工程规划许可证',
    departmentCode: 'ZRZYJ',
    promisedDays: 7,
    statutoryDays: 20,
    deemedApproval: false,
    materials: '申请表\n施工图设计文件',
  },
  {
    code: 'FIRE',
    name: '消防设计审查',
    departmentCode: 'ZJJ',
    promisedDays: 10,
    statutoryDays: 15,
    deemedApproval: false,
    materials: '消防设计文件',
  },
  {
    code: 'CONSTRUCT',
    name: '建筑工程施工许可证',
    departmentCode: 'ZJJ',
    promisedDays: 3,
    statutoryDays: 7,
    deemedApproval: false,
    materials: '申请表\n中标通知书\n施工合同',
  },
  {
    code: 'JOINT_ACCEPT',
    name: '联合验收',
    departmentCode: 'ZJJ',
    promisedDays: 10,
    statutoryDays: 20,
    deemedApproval: false,
    materials: '竣工验收申请表\n竣工图\n各专项验收意见',
  },
];

/**
 * The demo projects that follow the default route (routes-and-forecast.md §2): this year's signed
 * projects still in approval (d–h of `buildDemoMilestones`); the three started ones (a–c) got their
 * approvals before routes existed and keep their loose list.
 */
export function demoRouteProjects(signedProjects: string[]): string[] {
  return signedProjects.slice(3, 8);
}

/** The milestones the default route adds to a route project: planned ones for the items it lacks. */
export function demoRouteAdditions(
  plan: readonly DemoMilestone[],
  routeProjects: readonly string[],
): DemoMilestone[] {
  return routeProjects.flatMap((projectCode) =>
    DEFAULT_ROUTE_ITEMS.filter(
      (item) => !plan.some((entry) => entry.projectCode === projectCode && entry.itemCode === item.itemCode),
    ).map((item) => ({ projectCode, itemCode: item.itemCode, events: [] })),
  );
}

export interface DemoMilestone {
  projectCode: string;
  itemCode: string;
  events: Array<{
    type: MilestoneEventType;
    at: Date;
    days?: number;
    reason?: string;
    /** 容缺受理 on accept. */
    missingMaterials?: string[];
    cureDeadline?: IsoDate;
    /** 告知承诺制 on approve. */
    byPromise?: boolean;
    verifyBy?: IsoDate;
  }>;
}

/** The working day `n` working days before `today` (n ≥ 0). */
function workingDaysBefore(calendar: WorkingCalendar, today: IsoDate, n: number): IsoDate {
  let day = today;
  let left = n;
  while (left > 0 || !calendar.isWorkingDay(day)) {
    day = addCalendarDays(day, -1);
    if (calendar.isWorkingDay(day)) left -= 1;
  }
  return day;
}

const at = (date: IsoDate, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

/**
 * Milestones in every state (domain §7), dated back from today with the working-day calendar:
 * planned, submitted, supplement requested, accepted (green, yellow, red, 3+ days overdue), suspended,
 * extended, approved on time and late, rejected, and 超时默认; one accepted with materials missing
 * (容缺, its cure deadline ahead) and one approved on the applicant's promise (告知承诺, to verify).
 */
export function buildDemoMilestones(
  today: IsoDate,
  calendar: WorkingCalendar,
  signedProjects: string[],
  keyWorkProjects: string[],
): DemoMilestone[] {
  const back = (n: number) => workingDaysBefore(calendar, today, n);
  const [a, b, c, d, e, f, g, h] = signedProjects;
  const accepted = (n: number) => [
    { type: 'submit' as const, at: at(back(n), '09:00') },
    { type: 'accept' as const, at: at(back(n), '15:00') },
  ];
  const list: DemoMilestone[] = [
    // The three started projects: their approvals are done.
    ...[a, b, c].flatMap((project, index) => [
      {
        projectCode: project!,
        itemCode: 'FILING',
        events: [...accepted(80 + index), { type: 'approve' as const, at: at(back(79 + index)) }],
      },
      {
        projectCode: project!,
        itemCode: 'LAND_PRE',
        events: [...accepted(70 + index), { type: 'approve' as const, at: at(back(62 + index)) }],
      },
      {
        projectCode: project!,
        itemCode: 'CONSTRUCT',
        events: [...accepted(30 + index), { type: 'approve' as const, at: at(back(28 + index)) }],
      },
    ]),
    // d: land approvals under way — yellow (2 working days left of 10) and overdue 4 working days.
    {
      projectCode: d!,
      itemCode: 'FILING',
      events: [...accepted(40), { type: 'approve', at: at(back(40), '17:00') }],
    },
    { projectCode: d!, itemCode: 'LAND_PRE', events: accepted(8) },
    { projectCode: d!, itemCode: 'EIA', events: accepted(14) },
    // e: approved late (decided 3 working days after its deadline), rejected, and one suspended.
    { projectCode: e!, itemCode: 'FILING', events: [...accepted(30), { type: 'approve', at: at(back(26)) }] },
    {
      projectCode: e!,
      itemCode: 'ENERGY',
      events: [...accepted(20), { type: 'reject', at: at(back(17)), reason: '节能报告能耗指标测算依据不足' }],
    },
    {
      projectCode: e!,
      itemCode: 'LAND_PRE',
      events: [...accepted(9), { type: 'suspend', at: at(back(4)), reason: '专家评审' }],
    },
    // f: submitted and awaiting acceptance; supplement requested; extended by a leader.
    { projectCode: f!, itemCode: 'FILING', events: [{ type: 'submit', at: at(back(2)) }] },
    {
      projectCode: f!,
      itemCode: 'LAND_PRE',
      events: [
        { type: 'submit', at: at(back(4)) },
        { type: 'request_supplement', at: at(back(3)), reason: '缺少用地范围图' },
      ],
    },
    {
      projectCode: f!,
      itemCode: 'EIA',
      events: [...accepted(7), { type: 'extend', at: at(back(2)), days: 5, reason: '需组织专家技术评估' }],
    },
    // g, h: planned only, and a green one.
    { projectCode: g!, itemCode: 'FILING', events: [] },
    { projectCode: g!, itemCode: 'LAND_PRE', events: [] },
    { projectCode: h!, itemCode: 'FILING', events: accepted(0) },
    // h: 容缺受理 two working days ago, the materials due 4 working days from today (within the 10
    // promised); 节能审查 approved on the applicant's promise, to be verified within 60 days.
    {
      projectCode: h!,
      itemCode: 'LAND_PRE',
      events: [
        { type: 'submit', at: at(back(2), '09:00') },
        {
          type: 'accept',
          at: at(back(2), '15:00'),
          missingMaterials: ['用地范围图（盖章件）', '项目选址论证报告'],
          cureDeadline: calendar.addWorkingDays(today, 4),
        },
      ],
    },
    {
      projectCode: h!,
      itemCode: 'ENERGY',
      events: [
        ...accepted(6),
        { type: 'approve', at: at(back(3)), byPromise: true, verifyBy: addCalendarDays(today, 60) },
      ],
    },
  ];
  // Key works: building permits and reviews, several overdue (red) for the 自然资源局 and 住建局,
  // and one 超时默认 (规划方案审查 allows it; key-work amounts are above the threshold).
  keyWorkProjects.slice(0, 12).forEach((project, index) => {
    const item = ['PLAN_REVIEW', 'BUILD_PLAN', 'FIRE', 'LAND_PLAN'][index % 4]!;
    const age = [3, 9, 12, 13, 16, 6, 18, 2, 11, 20, 5, 14][index]!;
    const events = index === 10 ? [{ type: 'submit' as const, at: at(back(age)) }] : accepted(age);
    list.push({ projectCode: project, itemCode: item, events });
  });
  return list;
}

/**
 * Past decided applications that give the forecast its duration history (routes-and-forecast §3,
 * issue 17 item 6): for each earlier-year project given (8 of them), every pre-start item of the
 * default route, in the route's order — an item is accepted the working day after the last of the
 * items before it (earlier stages and its `after` items) was decided, the first ones 420–525 working
 * days ago (so every project was through before this year, and this year's approval figures do not
 * move) — and decided after a duration that varies by project around each department's own pace:
 * 自然资源局 (ZRZYJ) and 生态环境局 (STHJJ) take longer than they promise, 发改局 (FGJ) and 住建局 (ZJJ)
 * about their promise. ≥ 5 observations per item × department, so P50/P80 come from this history;
 * and since the projects went through the route as the forecast walks it, their month-end snapshots
 * make a plausible forecast accuracy.
 */
export function buildDemoHistory(
  today: IsoDate,
  calendar: WorkingCalendar,
  earlierProjects: readonly string[],
): DemoMilestone[] {
  const back = (n: number) => workingDaysBefore(calendar, today, n);
  const slower: Record<string, number> = { ZRZYJ: 1.8, STHJJ: 1.6, FGJ: 1.0, ZJJ: 1.1 };
  const spread = [0.7, 0.9, 1.0, 1.1, 1.3, 1.6, 0.8, 2.0];
  const route = DEFAULT_ROUTE_ITEMS.filter((routeItem) => routeItem.itemCode !== 'JOINT_ACCEPT');
  const list: DemoMilestone[] = [];
  earlierProjects.slice(0, spread.length).forEach((projectCode, index) => {
    const first = 420 + index * 15;
    /** Working days before today each item was decided. */
    const decided = new Map<string, number>();
    for (const routeItem of route) {
      const item = DEFAULT_CATALOG.find((entry) => entry.code === routeItem.itemCode)!;
      const pace = slower[item.departmentCode] ?? 1;
      const days = Math.max(1, Math.round(item.promisedDays * pace * spread[index]!));
      const before = route
        .filter((other) => other.stage < routeItem.stage || routeItem.after.includes(other.itemCode))
        .map((other) => decided.get(other.itemCode)!);
      const accepted = before.length ? Math.min(...before) - 1 : first;
      decided.set(routeItem.itemCode, accepted - days);
      list.push({
        projectCode,
        itemCode: item.code,
        events: [
          { type: 'submit', at: at(back(accepted), '09:00') },
          { type: 'accept', at: at(back(accepted), '15:00') },
          { type: 'approve', at: at(back(accepted - days), '16:00') },
        ],
      });
    }
  });
  return list;
}
