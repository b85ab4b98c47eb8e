import {
  type ClauseTerms,
  clauseDueDate,
  CREDIT_CODE_CHARSET,
  creditCodeCheckCharacter,
  creditCodeProblem,
  fromCents,
  type IsoDate,
  validateClause,
} from '@luodi/domain';
import type { DemoProject } from './demo-district';

/**
 * The demo district's projects after landing (commitments.md §6): 12 projects signed in the three
 * previous years — 11 operating or at full production, with land, subsidies, agreement clauses and
 * their actuals year by year, and one 供而未建 (land supplied 200 days before today, not started).
 * Every date is in an earlier year than today's (or relative to today), so none of them enters this
 * year's figures (signings, starts, funnel, key works, approvals).
 */
export interface DemoCommitmentProject extends DemoProject {
  creditCode: string;
  landAreaMu: string;
  landSuppliedAt: IsoDate;
  subsidiesPaid: string;
}

export interface DemoCommitments {
  projects: DemoCommitmentProject[];
  clauses: Array<{ projectCode: string; terms: ClauseTerms; dueOn: IsoDate }>;
  actuals: Array<{
    projectCode: string;
    period: string;
    taxPaid: string | null;
    outputValue: string | null;
    fixedAssetInvestment: string | null;
    headcount: number | null;
  }>;
  subsidies: Array<{ projectCode: string; amount: string; at: IsoDate; note: string }>;
}

interface Profile {
  name: string;
  investor: string;
  industry: string;
  landMu: number;
  /** 万元 agreed fixed-asset investment. */
  investment: number;
  /** 万元/亩 agreed 亩均税收 and 亩均产值 of the year before this one. */
  taxPerMu: number;
  outputPerMu: number;
  jobs: number;
  /** Actual ÷ agreed of tax, output, investment and headcount in the assessed year. */
  ratios: { tax: number; output: number; investment: number; jobs: number };
  /** Years before this one it was signed in (3 or 2). */
  yearsAgo: 3 | 2;
  /** Reached full production (last year), or still operating. */
  fullProduction: boolean;
  /** The agreed full-production date: last year's end, or the middle of next year. */
  fullProductionDueLastYear: boolean;
}

const ALL_MET = { tax: 1.2, output: 1.15, investment: 1.1, jobs: 1.1 };

const PROFILES: Profile[] = [
  // Meets everything, at full production.
  {
    name: '鼎新新能源电池材料项目',
    investor: '鼎新新能源科技有限公司',
    industry: '新能源',
    landMu: 120,
    investment: 60000,
    taxPerMu: 25,
    outputPerMu: 500,
    jobs: 400,
    ratios: ALL_MET,
    yearsAgo: 3,
    fullProduction: true,
    fullProductionDueLastYear: true,
  },
  // Short on 亩均税收 (60% of it): at full production, its 达产复核 recommends a clawback.
  {
    name: '恒远精密机械制造项目',
    investor: '恒远精密机械有限公司',
    industry: '先进制造',
    landMu: 80,
    investment: 32000,
    taxPerMu: 30,
    outputPerMu: 450,
    jobs: 260,
    ratios: { tax: 0.6, output: 1.05, investment: 1.05, jobs: 1.02 },
    yearsAgo: 3,
    fullProduction: true,
    fullProductionDueLastYear: true,
  },
  {
    name: '博创电子元器件项目',
    investor: '博创电子科技有限公司',
    industry: '电子信息',
    landMu: 60,
    investment: 24000,
    taxPerMu: 20,
    outputPerMu: 400,
    jobs: 300,
    ratios: ALL_MET,
    yearsAgo: 3,
    fullProduction: true,
    fullProductionDueLastYear: true,
  },
  {
    name: '瑞丰生物制药项目',
    investor: '瑞丰生物医药有限公司',
    industry: '生物医药',
    landMu: 100,
    investment: 50000,
    taxPerMu: 35,
    outputPerMu: 600,
    jobs: 350,
    ratios: { tax: 1.1, output: 0.85, investment: 1.0, jobs: 0.9 },
    yearsAgo: 3,
    fullProduction: true,
    fullProductionDueLastYear: true,
  },
  // Past its full-production date without reaching it: operating, short on output and tax.
  {
    name: '华东新型建材项目',
    investor: '华东建材集团有限公司',
    industry: '新材料',
    landMu: 150,
    investment: 45000,
    taxPerMu: 15,
    outputPerMu: 300,
    jobs: 200,
    ratios: { tax: 0.8, output: 0.7, investment: 0.9, jobs: 1.0 },
    yearsAgo: 3,
    fullProduction: false,
    fullProductionDueLastYear: true,
  },
  {
    name: '粤港智能终端项目',
    investor: '粤港智造实业有限公司',
    industry: '电子信息',
    landMu: 90,
    investment: 40000,
    taxPerMu: 28,
    outputPerMu: 550,
    jobs: 500,
    ratios: ALL_MET,
    yearsAgo: 3,
    fullProduction: true,
    fullProductionDueLastYear: true,
  },
  {
    name: '江海冷链物流中心项目',
    investor: '江海物流控股有限公司',
    industry: '现代物流',
    landMu: 70,
    investment: 21000,
    taxPerMu: 12,
    outputPerMu: 150,
    jobs: 120,
    ratios: { tax: 1.05, output: 1.1, investment: 1.2, jobs: 0.8 },
    yearsAgo: 3,
    fullProduction: true,
    fullProductionDueLastYear: true,
  },
  {
    name: '国联光伏组件项目',
    investor: '国联光伏科技有限公司',
    industry: '新能源',
    landMu: 110,
    investment: 55000,
    taxPerMu: 22,
    outputPerMu: 480,
    jobs: 280,
    ratios: { tax: 0.9, output: 1.0, investment: 1.0, jobs: 1.0 },
    yearsAgo: 2,
    fullProduction: false,
    fullProductionDueLastYear: false,
  },
  {
    name: '安澜数据中心项目',
    investor: '安澜数据科技有限公司',
    industry: '电子信息',
    landMu: 50,
    investment: 30000,
    taxPerMu: 18,
    outputPerMu: 260,
    jobs: 80,
    ratios: ALL_MET,
    yearsAgo: 2,
    fullProduction: false,
    fullProductionDueLastYear: false,
  },
  {
    name: '中部现代农业产业园项目',
    investor: '中部农业发展有限公司',
    industry: '现代农业',
    landMu: 200,
    investment: 20000,
    taxPerMu: 5,
    outputPerMu: 80,
    jobs: 150,
    ratios: { tax: 1.3, output: 1.2, investment: 0.95, jobs: 1.2 },
    yearsAgo: 2,
    fullProduction: false,
    fullProductionDueLastYear: false,
  },
  {
    name: '鼎新高端装备产业园项目',
    investor: '鼎新装备制造有限公司',
    industry: '先进制造',
    landMu: 130,
    investment: 65000,
    taxPerMu: 26,
    outputPerMu: 520,
    jobs: 450,
    ratios: { tax: 1.0, output: 1.1, investment: 1.05, jobs: 1.05 },
    yearsAgo: 2,
    fullProduction: false,
    fullProductionDueLastYear: false,
  },
];

const LEADS = ['ZSJ', 'FGJ', 'GXJ', 'KFQGW', 'ZRZYJ', 'SWJ'];
const LOCATIONS = ['经济开发区', '高新技术产业园', '临港镇', '青山镇'];

/** A valid 统一社会信用代码 (enterprise, 91; region 320100) from a running number. */
export function demoCreditCode(index: number): string {
  let body = '91320100';
  let rest = 100_000_000 + index * 7_919;
  for (let i = 0; i < 9; i += 1) {
    body += CREDIT_CODE_CHARSET[rest % CREDIT_CODE_CHARSET.length];
    rest = Math.floor(rest / CREDIT_CODE_CHARSET.length);
  }
  const code = body + creditCodeCheckCharacter(body);
  if (creditCodeProblem(code) !== null) throw new Error(`demo credit code ${code} is not valid`);
  return code;
}

const wan = (value: number) => fromCents(BigInt(Math.round(value * 100)));
const perMu = (value: number) => value.toFixed(2);
const day = (year: number, month: number, dayOfMonth: number): IsoDate =>
  `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;

export function buildDemoCommitments(today: IsoDate, idleLandSuppliedAt: IsoDate): DemoCommitments {
  const year = Number(today.slice(0, 4));
  const out: DemoCommitments = { projects: [], clauses: [], actuals: [], subsidies: [] };
  const clause = (projectCode: string, terms: Partial<ClauseTerms> & Pick<ClauseTerms, 'indicator'>) => {
    const full: ClauseTerms = {
      agreedValue: null,
      agreedDate: null,
      dueDate: null,
      year: null,
      clawbackRatio: null,
      clawbackBasis: null,
      ...terms,
    };
    validateClause(full);
    out.clauses.push({ projectCode, terms: full, dueOn: clauseDueDate(full) });
  };

  PROFILES.forEach((profile, index) => {
    const signedYear = year - profile.yearsAgo;
    const code = `${signedYear}-ZS-${String(201 + index).padStart(3, '0')}`;
    const month = 1 + (index % 6);
    const signedAt = day(signedYear, month, 10 + index);
    const registeredAt = day(signedYear, month + 1, 12);
    const landSuppliedAt = day(signedYear, month + 2, 1);
    const startedAt = day(signedYear, month + 3, 18);
    const operatingAt = day(signedYear + 1, 3 + (index % 4), 28);
    const fullProductionAt = profile.fullProduction ? day(year - 1, 6 + (index % 5), 30) : null;
    const ratios = profile.ratios;
    const subsidies = [
      {
        at: day(signedYear, month + 4, 20),
        amount: wan(profile.investment * 0.02),
        note: '基础设施配套补助',
      },
      { at: day(signedYear + 1, 9, 15), amount: wan(profile.investment * 0.01), note: '投产奖励' },
    ];
    const subsidiesPaid = fromCents(
      subsidies.reduce((sum, s) => sum + BigInt(Math.round(Number(s.amount) * 100)), 0n),
    );
    out.projects.push({
      code,
      name: profile.name,
      investor: profile.investor,
      investorOrigin: index === 5 ? 'hmt' : 'domestic',
      industry: profile.industry,
      source: index % 2 === 0 ? '沪洽会' : '自主招商',
      contractAmount: wan(profile.investment * 1.2),
      leadDepartmentCode: LEADS[index % LEADS.length]!,
      leadOfficial: '王区长',
      location: LOCATIONS[index % LOCATIONS.length]!,
      plannedStartDate: null,
      stage: profile.fullProduction ? 'full_production' : 'operating',
      talksStartedAt: day(signedYear - (month === 1 ? 1 : 0), month === 1 ? 11 : month - 1, 5),
      signedAt,
      registeredAt,
      startedAt,
      operatingAt,
      fullProductionAt,
      terminatedAt: null,
      terminationReason: null,
      funds: [],
      creditCode: demoCreditCode(index),
      landAreaMu: perMu(profile.landMu),
      landSuppliedAt,
      subsidiesPaid,
    });
    for (const subsidy of subsidies) out.subsidies.push({ projectCode: code, ...subsidy });

    // Clauses: investment (and its intensity) by last year's end, last year's per-mu tax and
    // output or annual tax, jobs by last year's end, and the start / operate / full-production dates.
    const lastYear = year - 1;
    clause(code, { indicator: 'start_by', agreedDate: day(signedYear, month + 4, 30) });
    clause(code, { indicator: 'operate_by', agreedDate: day(signedYear + 1, 8, 31) });
    clause(code, {
      indicator: 'full_production_by',
      agreedDate: profile.fullProductionDueLastYear ? day(lastYear, 12, 31) : day(year + 1, 6, 30),
    });
    clause(code, {
      indicator: 'fixed_asset_investment',
      agreedValue: wan(profile.investment),
      dueDate: day(lastYear, 12, 31),
      clawbackRatio: '0.05',
      clawbackBasis: 'shortfall',
    });
    clause(code, {
      indicator: 'investment_intensity',
      agreedValue: perMu((profile.investment / profile.landMu) * 0.9),
      dueDate: day(lastYear, 12, 31),
    });
    clause(code, {
      indicator: 'tax_per_mu',
      agreedValue: perMu(profile.taxPerMu),
      year: lastYear,
      clawbackRatio: '0.5',
      clawbackBasis: 'shortfall',
    });
    if (index % 2 === 0)
      clause(code, { indicator: 'output_per_mu', agreedValue: perMu(profile.outputPerMu), year: lastYear });
    else
      clause(code, {
        indicator: 'annual_tax',
        agreedValue: wan(profile.taxPerMu * profile.landMu * 0.9),
        year: lastYear,
      });
    clause(code, { indicator: 'jobs', agreedValue: String(profile.jobs), dueDate: day(lastYear, 12, 31) });

    // Actuals, one entry a year since signing: investment builds up, then tax and output once operating.
    for (let actualYear = signedYear; actualYear <= lastYear; actualYear += 1) {
      const last = actualYear === lastYear;
      const share = last ? 1 : (actualYear - signedYear + 1) / (profile.yearsAgo + 0.5);
      const operating = actualYear > signedYear;
      out.actuals.push({
        projectCode: code,
        period: String(actualYear),
        taxPaid: operating ? wan(profile.taxPerMu * profile.landMu * (last ? ratios.tax : 0.5)) : null,
        outputValue: operating
          ? wan(profile.outputPerMu * profile.landMu * (last ? ratios.output : 0.6))
          : null,
        fixedAssetInvestment: wan(profile.investment * ratios.investment * share),
        headcount: Math.round(profile.jobs * (last ? ratios.jobs : 0.6)),
      });
    }
  });

  // 供而未建: signed and registered last year, land supplied 200 days ago, not started.
  const idleCode = `${year - 1}-ZS-212`;
  out.projects.push({
    code: idleCode,
    name: '青山纺织印染升级项目',
    investor: '青山纺织实业有限公司',
    investorOrigin: 'domestic',
    industry: '先进制造',
    source: '中博会',
    contractAmount: '28000.00',
    leadDepartmentCode: 'ZRZYJ',
    leadOfficial: '李副区长',
    location: '青山镇',
    plannedStartDate: null,
    stage: 'registered',
    talksStartedAt: day(year - 2, 10, 8),
    signedAt: day(year - 1, 1, 15),
    registeredAt: day(year - 1, 2, 20),
    startedAt: null,
    operatingAt: null,
    fullProductionAt: null,
    terminatedAt: null,
    terminationReason: null,
    funds: [],
    creditCode: demoCreditCode(PROFILES.length),
    landAreaMu: '65.00',
    landSuppliedAt: idleLandSuppliedAt,
    subsidiesPaid: '0.00',
  });
  clause(idleCode, { indicator: 'start_by', agreedDate: day(year + 1, 3, 31) });
  clause(idleCode, {
    indicator: 'fixed_asset_investment',
    agreedValue: '25000.00',
    dueDate: day(year + 2, 6, 30),
    clawbackRatio: '0.05',
    clawbackBasis: 'shortfall',
  });
  return out;
}
