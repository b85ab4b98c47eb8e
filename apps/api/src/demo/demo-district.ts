import {
  addCalendarDays,
  calendarDaysBetween,
  fromCents,
  type IsoDate,
  type StageState,
  toCents,
} from '@luodi/domain';
import { seededRandom } from '@luodi/server-core';

/**
 * The demo district's projects and key works (domain §7), built as plain rows from the current year
 * and today, so that the speech's figures hold whenever the demo is loaded:
 * 39 projects in talks this year, 8 of them signed for Σ 320000 万元, 3 of those started (37.5%);
 * 78 key works with annual plans, planned starts and monthly reports.
 */
export interface DemoProject extends StageState {
  code: string;
  name: string;
  investor: string;
  investorOrigin: 'domestic' | 'hmt' | 'foreign';
  industry: string;
  source: string;
  contractAmount: string;
  leadDepartmentCode: string;
  leadOfficial: string;
  location: string;
  plannedStartDate: IsoDate | null;
  terminationReason: string | null;
  funds: Array<{ amount: string; at: IsoDate }>;
}

export interface DemoKeyWork {
  projectCode: string;
  annualPlanInvestment: string;
  plannedStartMonth: number | null;
  reports: Array<{ month: string; completedInvestment: string; progress: string; problems: string | null }>;
}

const SOURCES = ['沪洽会', '港洽会', '中博会'];
const INDUSTRIES = [
  '先进制造',
  '新能源',
  '新材料',
  '生物医药',
  '电子信息',
  '现代物流',
  '文化旅游',
  '现代农业',
];
const LOCATIONS = ['经济开发区', '高新技术产业园', '城东街道', '临港镇', '青山镇'];
const LEADS = ['ZSJ', 'FGJ', 'ZRZYJ', 'ZJJ', 'GXJ', 'SWJ', 'KFQGW'];
const OFFICIALS = ['王区长', '李副区长', '张副区长', '刘副区长', '陈副区长'];
const INVESTORS = ['华东', '粤港', '中部', '江海', '鼎新', '恒远', '博创', '瑞丰', '国联', '安澜'];
const SUFFIXES = ['科技有限公司', '集团有限公司', '实业有限公司', '控股有限公司'];
const PRODUCTS = [
  '年产10万吨新能源电池材料项目',
  '高端装备制造产业园项目',
  '生物医药研发生产基地项目',
  '智能终端生产线项目',
  '冷链物流中心项目',
  '文旅综合体项目',
  '光伏组件生产项目',
  '新型建材生产基地项目',
  '数据中心项目',
  '现代农业产业园项目',
];

/** Contract amounts of the 8 projects signed this year: Σ = 320000 万元 (32 亿元). */
const SIGNED_AMOUNTS = [
  '80000.00',
  '60000.00',
  '50000.00',
  '40000.00',
  '35000.00',
  '25000.00',
  '18000.00',
  '12000.00',
];

function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)]!;
}

/** A date between `from` and `to` (inclusive). */
function dateBetween(from: IsoDate, to: IsoDate, next: () => number): IsoDate {
  const span = Math.max(0, calendarDaysBetween(from, to));
  return addCalendarDays(from, Math.floor(next() * (span + 1)));
}

export function buildDemoDistrict(today: IsoDate): { projects: DemoProject[]; keyWorks: DemoKeyWork[] } {
  const year = Number(today.slice(0, 4));
  const next = seededRandom(year); // the same demo every time for the same day
  const yearStart = `${year}-01-01`;
  const projects: DemoProject[] = [];

  // 39 projects in talks this year: 8 signed (5 registered, 3 of those started), 31 still negotiating.
  for (let index = 0; index < 39; index += 1) {
    const signed = index < 8;
    const registered = index < 5;
    const started = index < 3;
    const talksStartedAt = dateBetween(yearStart, today, next);
    const signedAt = signed ? dateBetween(talksStartedAt, today, next) : null;
    const registeredAt = registered && signedAt ? dateBetween(signedAt, today, next) : null;
    const startedAt = started && registeredAt ? dateBetween(registeredAt, today, next) : null;
    const amount = signed
      ? SIGNED_AMOUNTS[index]!
      : fromCents(BigInt(Math.round(5000 + next() * 95000)) * 100n);
    const investor = `${pick(INVESTORS, next)}${pick(['新能源', '智造', '医药', '电子', '物流', '文旅'], next)}${pick(SUFFIXES, next)}`;
    const stage = started ? 'started' : registered ? 'registered' : signed ? 'signed' : 'negotiating';
    projects.push({
      code: `${year}-ZS-${String(index + 1).padStart(3, '0')}`,
      name: `${investor.slice(0, 2)}${PRODUCTS[index % PRODUCTS.length]}`,
      investor,
      investorOrigin: index % 7 === 3 ? 'hmt' : index % 11 === 5 ? 'foreign' : 'domestic',
      industry: INDUSTRIES[index % INDUSTRIES.length]!,
      source: SOURCES[index % SOURCES.length]!,
      contractAmount: amount,
      leadDepartmentCode: index === 1 || index === 4 ? 'ZRZYJ' : pick(LEADS, next),
      leadOfficial: pick(OFFICIALS, next),
      location: pick(LOCATIONS, next),
      plannedStartDate: signedAt ? addCalendarDays(signedAt, 60 + Math.floor(next() * 120)) : null,
      stage,
      talksStartedAt,
      signedAt,
      registeredAt,
      startedAt,
      operatingAt: null,
      fullProductionAt: null,
      terminatedAt: null,
      terminationReason: null,
      funds:
        signedAt && registered
          ? [
              {
                amount: fromCents((toCents(amount) * BigInt(10 + Math.floor(next() * 20))) / 100n),
                at: dateBetween(registeredAt ?? signedAt, today, next),
              },
            ]
          : [],
    });
  }

  // A project dropped last year (not counted in this year's figures).
  projects.push({
    code: `${year - 1}-ZS-031`,
    name: '恒远精细化工项目',
    investor: '恒远化工集团有限公司',
    investorOrigin: 'domestic',
    industry: '新材料',
    source: '中博会',
    contractAmount: '30000.00',
    leadDepartmentCode: 'STHJJ',
    leadOfficial: '张副区长',
    location: '临港镇',
    plannedStartDate: null,
    stage: 'terminated',
    talksStartedAt: `${year - 1}-03-15`,
    signedAt: null,
    registeredAt: null,
    startedAt: null,
    operatingAt: null,
    fullProductionAt: null,
    terminatedAt: `${year - 1}-09-20`,
    terminationReason: '环评不符合园区产业定位，投资方终止合作',
    funds: [],
  });

  // 78 key works: projects signed in earlier years; 60 under construction (续建), 18 new starts this year.
  const keyWorks: DemoKeyWork[] = [];
  const currentMonth = Number(today.slice(5, 7));
  for (let index = 0; index < 78; index += 1) {
    const newStart = index >= 60;
    const signedYear = year - 1 - (index % 2);
    const signedAt = `${signedYear}-${String(1 + (index % 12)).padStart(2, '0')}-${String(5 + (index % 20)).padStart(2, '0')}`;
    const registeredAt = addCalendarDays(signedAt, 30);
    const plannedStartMonth = newStart ? 1 + ((index * 5) % 12) : null;
    // New starts whose month has passed mostly started (a few are late: not_started later).
    const startedThisYear = newStart && plannedStartMonth! < currentMonth && index % 4 !== 0;
    const startedAt = newStart
      ? startedThisYear
        ? `${year}-${String(plannedStartMonth).padStart(2, '0')}-${String(10 + (index % 15)).padStart(2, '0')}`
        : null
      : addCalendarDays(registeredAt, 90);
    const code = `${signedYear}-ZD-${String(index + 1).padStart(3, '0')}`;
    const amount = fromCents(BigInt(Math.round(20000 + next() * 180000)) * 100n);
    projects.push({
      code,
      name: `${pick(['城区', '园区', '临港', '青山'], next)}${PRODUCTS[(index + 3) % PRODUCTS.length]!.replace('项目', '')}（重点工程${index + 1}）`,
      investor: `${pick(INVESTORS, next)}${pick(SUFFIXES, next)}`,
      investorOrigin: 'domestic',
      industry: pick(['先进制造', '新能源', '基础设施', '现代物流', '电子信息', '生物医药'], next),
      source: pick(['自主招商', '沪洽会', '港洽会', '中博会'], next),
      contractAmount: amount,
      leadDepartmentCode: index % 6 === 0 ? 'ZRZYJ' : pick(LEADS, next),
      leadOfficial: pick(OFFICIALS, next),
      location: pick(LOCATIONS, next),
      plannedStartDate: newStart ? `${year}-${String(plannedStartMonth).padStart(2, '0')}-01` : null,
      stage: startedAt ? 'started' : 'registered',
      talksStartedAt: addCalendarDays(signedAt, -60),
      signedAt,
      registeredAt,
      startedAt: startedAt && startedAt <= today ? startedAt : null,
      operatingAt: null,
      fullProductionAt: null,
      terminatedAt: null,
      terminationReason: null,
      funds: [],
    });
    const plan = toCents(amount) / BigInt(2 + (index % 3));
    // Reports for every month whose report is due by now; a few key works are behind or late.
    const reports: DemoKeyWork['reports'] = [];
    const lastReportedMonth =
      index % 10 === 7 ? currentMonth - 3 : index % 5 === 2 ? currentMonth - 2 : currentMonth - 1;
    const pace = index % 9 === 4 ? 0.25 : 0.7 + next() * 0.5;
    for (let month = 1; month <= Math.min(12, lastReportedMonth); month += 1) {
      if (newStart && month < plannedStartMonth!) continue;
      const monthly = (plan * BigInt(Math.round(pace * 1000))) / 12000n;
      reports.push({
        month: `${year}-${String(month).padStart(2, '0')}`,
        completedInvestment: fromCents(monthly),
        progress: pick(['主体结构施工中', '设备安装调试', '基础施工完成', '厂房封顶', '场地平整完成'], next),
        problems:
          index % 9 === 4
            ? '资金到位滞后，施工进度缓慢'
            : month === lastReportedMonth && index % 7 === 1
              ? '用电指标待落实'
              : null,
      });
    }
    keyWorks.push({ projectCode: code, annualPlanInvestment: fromCents(plan), plannedStartMonth, reports });
  }
  return { projects, keyWorks };
}
