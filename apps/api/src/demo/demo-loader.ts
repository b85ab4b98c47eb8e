import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import {
  addCalendarDays,
  businessDateOf,
  DEFAULT_ROUTE_ITEMS,
  DEFAULT_ROUTE_NAME,
  DEFAULT_ROUTE_STAGE_NAMES,
  DEFAULT_ROUTE_TARGET_DAYS,
  computeClock,
  endOfBusinessDay,
  passwordProblem,
  WorkingCalendar,
} from '@luodi/domain';
import {
  appendAudit,
  AppSettingEntity,
  DemoDataRepository,
  DepartmentEntity,
  ApprovalItemEntity,
  CommitmentClauseEntity,
  FundArrivalEntity,
  MilestoneEntity,
  MilestoneEventEntity,
  KeyWorkEntity,
  KeyWorkReportEntity,
  ProjectActualEntity,
  ProjectEntity,
  ProjectStageEventEntity,
  ProjectRepository,
  RouteRepository,
  ApprovalItemRepository,
  CalendarRepository,
  DurationHistoryRepository,
  KeyWorkRepository,
  MilestoneRepository,
  SettingsRepository,
  SubsidyPaymentEntity,
  SYSTEM_ACTOR,
  Transactions,
  UserEntity,
} from '@luodi/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password.service';
import { DEMO_DEPARTMENTS, DEMO_USERS } from './demo-departments';
import {
  buildDemoHistory,
  buildDemoMilestones,
  DEFAULT_CATALOG,
  demoRouteAdditions,
  demoRouteProjects,
} from './demo-approvals';
import { buildDemoCommitments } from './demo-commitments';
import { buildDemoDistrict } from './demo-district';
import { insertDispatch } from './demo-dispatch';
import { DEMO_REGION_CODE_PREFIX, demoProjectCode } from './demo-project-codes';
import {
  CalendarService,
  Clock,
  clockContext,
  derivedOf,
  DurationHistoryService,
  MilestoneClockService,
  packageCalendarEntries,
  ProjectForecaster,
  toDomainEvents,
} from '@luodi/server-core';

export interface DemoCredentials {
  username: string;
  role: string;
  password: string;
}

export interface DemoLoadResult {
  loaded: boolean;
  /** Passwords of the users created now (null when the demo was already there). */
  credentials: DemoCredentials[] | null;
}

/** A readable random password that meets the policy: 4 groups of 4 letters/digits. */
function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length]);
  return [0, 4, 8, 12].map((start) => chars.slice(start, start + 4).join('')).join('-');
}

/**
 * Load the demo district on an empty database, in one transaction; never twice (it loads only when
 * there are no users, and the unique keys make a concurrent second load fail rather than duplicate).
 * Passwords: DEMO_PASSWORD for every demo user when set, otherwise a random one per user, returned
 * so that `npm start` can print them.
 */
export async function loadDemo(
  dataSource: DataSource,
  demoPassword: string | undefined,
  now: Date = new Date(),
): Promise<DemoLoadResult> {
  const logger = new Logger('Demo');
  if (demoPassword !== undefined) {
    const problem = passwordProblem(demoPassword);
    if (problem) throw new Error(`Invalid configuration: DEMO_PASSWORD ${problem}`);
  }
  const data = new DemoDataRepository(dataSource);
  const users = await data.countUsers();
  if (users > 0) {
    logger.log('demo district already present (users exist): nothing loaded');
    return { loaded: false, credentials: null };
  }
  const credentials: DemoCredentials[] = DEMO_USERS.map((user) => ({
    username: user.username,
    role: user.role,
    password: demoPassword ?? generatePassword(),
  }));
  const hashes = await Promise.all(credentials.map((credential) => hashPassword(credential.password)));

  await new Transactions(dataSource).runOnce(async (manager) => {
    const departments = new Map<string, string>();
    for (const department of DEMO_DEPARTMENTS) {
      const saved = await data.save(
        DepartmentEntity,
        { ...department, email: null, webhookUrl: null },
        manager,
      );
      departments.set(department.code, saved.id);
    }
    for (const [index, user] of DEMO_USERS.entries()) {
      await data.save(
        UserEntity,
        {
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          departmentId: user.departmentCode ? (departments.get(user.departmentCode) ?? null) : null,
          passwordHash: hashes[index]!,
          enabled: true,
        },
        manager,
      );
    }
    const { commitmentProjectCodes, ...district } = await insertDistrict(data, manager, departments, now);
    const dispatch = await insertDispatch(
      data,
      manager,
      departments,
      businessDateOf(now),
      new Set(commitmentProjectCodes),
    );
    await appendAudit(manager, SYSTEM_ACTOR, {
      action: 'demo.load',
      entityType: 'system',
      entityId: null,
      after: { departments: DEMO_DEPARTMENTS.length, users: DEMO_USERS.length, ...district, dispatch },
    });
  });
  const forecasts = await prepareForecasts(dataSource, now);
  logger.log(
    `demo district loaded: ${DEMO_DEPARTMENTS.length} departments, ${DEMO_USERS.length} users; duration history: ${forecasts.histories} item × department histories`,
  );
  return { loaded: true, credentials };
}

/** Projects, stage logs, funds, key works and monthly reports of the demo district (bulk inserts). */
async function insertDistrict(
  data: DemoDataRepository,
  manager: EntityManager,
  departments: Map<string, string>,
  now: Date,
): Promise<{
  projects: number;
  keyWorks: number;
  reports: number;
  milestones: number;
  commitmentProjects: number;
  commitmentProjectCodes: string[];
}> {
  const today = businessDateOf(now);
  const year = Number(today.slice(0, 4));
  const { projects: thisYears, keyWorks } = buildDemoDistrict(today);
  // The projects after landing, signed in earlier years (commitments.md §6); one 供而未建 for 200 days.
  const commitments = buildDemoCommitments(today, addCalendarDays(today, -200));
  const projects = [...thisYears, ...commitments.projects];
  const insert = <T extends object>(target: new () => T, rows: Array<Partial<T>>) =>
    data.insertMany(target, rows, manager);
  // Every demo project carries a 项目代码 of the demo region (routes-and-forecast.md §1), which the
  // settings take as the district's prefix.
  await insert(
    ProjectEntity,
    projects.map(({ funds: _funds, leadDepartmentCode, ...project }, index) => ({
      ...project,
      projectCode: demoProjectCode((project.signedAt ?? project.talksStartedAt).slice(0, 4), index),
      leadDepartmentId: departments.get(leadDepartmentCode)!,
      fundsArrived: '0.00',
    })),
  );
  await data.update(AppSettingEntity, '1', { regionCodePrefix: DEMO_REGION_CODE_PREFIX }, manager);
  const ids = await data.projectIds(manager);
  const stageEvents: Array<Partial<ProjectStageEventEntity>> = [];
  const funds: Array<Partial<FundArrivalEntity>> = [];
  for (const project of projects) {
    const projectId = ids.get(project.code)!;
    const reached: Array<[ProjectEntity['stage'], string | null]> = [
      ['negotiating', project.talksStartedAt],
      ['signed', project.signedAt],
      ['registered', project.registeredAt],
      ['started', project.startedAt],
      ['operating', project.operatingAt],
      ['full_production', project.fullProductionAt],
      ['terminated', project.terminatedAt],
    ];
    for (const [stage, at] of reached) {
      if (at)
        stageEvents.push({
          projectId,
          stage,
          at,
          reason: stage === 'terminated' ? project.terminationReason : null,
          recordedBy: null,
          recordedAt: now,
        });
    }
    for (const fund of project.funds)
      funds.push({
        projectId,
        amount: fund.amount,
        at: fund.at,
        note: '首期资金到位',
        recordedBy: null,
        recordedAt: now,
      });
  }
  await insert(ProjectStageEventEntity, stageEvents);
  await insert(FundArrivalEntity, funds);
  await data.totalFunds(manager);
  await insertCommitments(data, manager, ids, commitments, now);
  await insert(
    KeyWorkEntity,
    keyWorks.map((keyWork) => ({
      projectId: ids.get(keyWork.projectCode)!,
      year,
      annualPlanInvestment: keyWork.annualPlanInvestment,
      plannedStartMonth: keyWork.plannedStartMonth,
    })),
  );
  const keyWorkIds = await data.keyWorkIds(year, manager);
  const reports: Array<Partial<KeyWorkReportEntity>> = [];
  for (const keyWork of keyWorks) {
    for (const report of keyWork.reports) {
      // Entered on the 3rd of the following month (or today, whichever is earlier).
      const [reportYear, reportMonth] = report.month.split('-').map(Number) as [number, number];
      const following =
        reportMonth === 12
          ? `${reportYear + 1}-01-03`
          : `${reportYear}-${String(reportMonth + 1).padStart(2, '0')}-03`;
      const reportedAt =
        following < today ? new Date(endOfBusinessDay(following).getTime() - 8 * 3600_000) : now;
      reports.push({
        keyWorkId: keyWorkIds.get(keyWork.projectCode)!,
        ...report,
        reportedAt,
        reportedBy: null,
        correctedAt: null,
      });
    }
  }
  await insert(KeyWorkReportEntity, reports);
  const milestones = await insertApprovals(
    data,
    manager,
    departments,
    ids,
    projects,
    keyWorks.map((keyWork) => keyWork.projectCode),
    now,
  );
  return {
    projects: projects.length,
    keyWorks: keyWorks.length,
    reports: reports.length,
    milestones,
    commitmentProjects: commitments.projects.length,
    commitmentProjectCodes: commitments.projects.map((project) => project.code),
  };
}

/** The clauses, actuals and subsidy entries of the projects after landing (their totals are on the rows). */
async function insertCommitments(
  data: DemoDataRepository,
  manager: EntityManager,
  ids: Map<string, string>,
  commitments: ReturnType<typeof buildDemoCommitments>,
  now: Date,
): Promise<void> {
  await data.insertMany(
    CommitmentClauseEntity,
    commitments.clauses.map(({ projectCode, terms, dueOn }) => ({
      projectId: ids.get(projectCode)!,
      ...terms,
      dueOn,
      note: null,
    })),
    manager,
  );
  await data.insertMany(
    ProjectActualEntity,
    commitments.actuals.map(({ projectCode, ...actual }) => ({
      projectId: ids.get(projectCode)!,
      ...actual,
      source: 'import' as const,
      recordedBy: null,
      recordedAt: now,
    })),
    manager,
  );
  await data.insertMany(
    SubsidyPaymentEntity,
    commitments.subsidies.map(({ projectCode, ...subsidy }) => ({
      projectId: ids.get(projectCode)!,
      ...subsidy,
      recordedBy: null,
      recordedAt: now,
    })),
    manager,
  );
}

/** The default catalog, and milestones in every state with their clocks computed. */
async function insertApprovals(
  data: DemoDataRepository,
  manager: EntityManager,
  departments: Map<string, string>,
  projectIds: Map<string, string>,
  projects: Array<{ code: string; contractAmount: string; signedAt: string | null; talksStartedAt: string }>,
  keyWorkCodes: string[],
  now: Date,
): Promise<number> {
  const items = DEFAULT_CATALOG.map((item, index) => ({
    code: item.code,
    name: item.name,
    departmentId: departments.get(item.departmentCode)!,
    statutoryDays: item.statutoryDays,
    promisedDays: item.promisedDays,
    deemedApproval: item.deemedApproval,
    maxExtensionDays: 10,
    yellowDays: null,
    materials: item.materials,
    sortOrder: index,
    enabled: true,
  }));
  await data.insertMany(ApprovalItemEntity, items, manager);
  const calendar = new WorkingCalendar(packageCalendarEntries());
  const today = businessDateOf(now);
  const year = today.slice(0, 4);
  const signed = projects
    .filter((project) => project.signedAt?.startsWith(year) && project.talksStartedAt.startsWith(year))
    .map((p) => p.code);
  const loose = buildDemoMilestones(today, calendar, signed, keyWorkCodes);
  const routeProjects = demoRouteProjects(signed);
  // Earlier-year key-work projects signed before July two years ago, without milestones yet: their
  // past applications are the forecast's duration history (buildDemoHistory).
  const withMilestones = new Set(loose.map((entry) => entry.projectCode));
  const keyWorkSet = new Set(keyWorkCodes);
  const earlier = projects
    .filter(
      (project) =>
        keyWorkSet.has(project.code) &&
        project.signedAt !== null &&
        project.signedAt < `${Number(year) - 2}-07-01` &&
        !withMilestones.has(project.code),
    )
    .map((project) => project.code);
  const plan = [
    ...loose,
    ...demoRouteAdditions(loose, routeProjects),
    ...buildDemoHistory(today, calendar, earlier),
  ];
  const settings = await data.settings(manager);
  const amounts = new Map(projects.map((project) => [project.code, project.contractAmount]));
  for (const milestone of plan) {
    const item = items.find((candidate) => candidate.code === milestone.itemCode)!;
    const projectId = projectIds.get(milestone.projectCode)!;
    const events = milestone.events.map((event) => ({
      ...event,
      days: event.days ?? null,
      reason: event.reason ?? null,
      missingMaterials: event.missingMaterials ? JSON.stringify(event.missingMaterials) : null,
      cureDeadline: event.cureDeadline ?? null,
      byPromise: event.byPromise ?? false,
      verifyBy: event.verifyBy ?? null,
    }));
    const clock = computeClock(
      toDomainEvents(events as never),
      clockContext(item as ApprovalItemEntity, settings, calendar, amounts.get(milestone.projectCode)!),
      now,
    );
    await data.insertMany(
      MilestoneEntity,
      [{ projectId, itemCode: item.code, departmentId: item.departmentId, ...derivedOf(clock) }],
      manager,
    );
    const id = await data.milestoneId(projectId, item.code, manager);
    if (events.length) {
      await data.insertMany(
        MilestoneEventEntity,
        events.map((event) => ({
          milestoneId: id,
          type: event.type,
          at: event.at,
          days: event.days,
          reason: event.reason,
          missingMaterials: event.missingMaterials,
          cureDeadline: event.cureDeadline,
          byPromise: event.byPromise,
          verifyBy: event.verifyBy,
          note: null,
          actorUserId: null,
          recordedAt: now,
        })),
        manager,
      );
    }
  }
  await insertRoutes(data, manager, projectIds, routeProjects, now);
  return plan.length;
}

/** The default route template, applied to the demo's route projects (their milestones are all there). */
async function insertRoutes(
  data: DemoDataRepository,
  manager: EntityManager,
  projectIds: Map<string, string>,
  routeProjects: string[],
  now: Date,
): Promise<void> {
  const routes = new RouteRepository(manager.connection);
  const seeded = await routes.defaultTemplateId(manager);
  const templateId =
    seeded ??
    (await routes.insertTemplate(
      {
        templateKey: null,
        name: DEFAULT_ROUTE_NAME,
        targetDays: DEFAULT_ROUTE_TARGET_DAYS,
        active: true,
        createdBy: null,
        stageNames: DEFAULT_ROUTE_STAGE_NAMES,
        items: DEFAULT_ROUTE_ITEMS,
      },
      manager,
    ));
  for (const code of routeProjects) {
    const projectId = projectIds.get(code)!;
    for (const [index, item] of DEFAULT_ROUTE_ITEMS.entries()) {
      const milestoneId = await data.milestoneId(projectId, item.itemCode, manager);
      await routes.saveRouteItem(
        { milestoneId, projectId, stage: item.stage, after: item.after, sortOrder: index },
        manager,
      );
    }
    await routes.saveProjectRoute(
      { projectId, templateId, targetDays: DEFAULT_ROUTE_TARGET_DAYS, appliedBy: null, appliedAt: now },
      manager,
    );
  }
}

/**
 * After the load: the duration history recomputed as of today (so the forecast has it right after
 * `npm start`, before the worker's nightly job), and the planned start dates of the route projects
 * set around their forecasts so that the leader sees two at risk of missing their planned start
 * (routes-and-forecast §3): the first whose P80 date is after its promise-bound date is planned on
 * that promise-bound date (level 1: only the history makes it late), the next ten days before its
 * promise-bound date (level 2: even the promises are late); the others a month after their P80 date.
 * The checks raise the alerts on their next run.
 */
async function prepareForecasts(dataSource: DataSource, now: Date): Promise<{ histories: number }> {
  const clock = new Clock(now.toISOString());
  const calendar = new CalendarService(new CalendarRepository(dataSource));
  const milestones = new MilestoneRepository(dataSource);
  const items = new ApprovalItemRepository(dataSource);
  const settings = new SettingsRepository(dataSource);
  const transactions = new Transactions(dataSource);
  const routes = new RouteRepository(dataSource);
  const projects = new ProjectRepository(dataSource);
  const history = new DurationHistoryService(
    new DurationHistoryRepository(dataSource),
    milestones,
    items,
    settings,
    calendar,
    transactions,
    clock,
  );
  const forecaster = new ProjectForecaster(
    routes,
    milestones,
    items,
    // The forecaster asks only for single clocks: the batch size of due refreshes is not used here.
    new MilestoneClockService(milestones, items, settings, calendar, transactions, clock, {
      CHECKS_CHUNK_SIZE: 500,
    }),
    calendar,
    history,
    new KeyWorkRepository(dataSource),
  );
  const today = businessDateOf(now);
  const summary = await history.recompute(today);
  const models = await history.modelsFor(today);
  let level1 = false;
  let level2 = false;
  for (const id of await routes.routedProjectIds()) {
    const { forecast } = await forecaster.forecast(id, { date: today, moment: now }, { models });
    if (forecast.startableNow || forecast.constructRejected) continue;
    let planned = addCalendarDays(forecast.p80, 30);
    if (!level1 && forecast.p80 > addCalendarDays(forecast.promiseBound, 7)) {
      planned = forecast.promiseBound;
      level1 = true;
    } else if (!level2) {
      planned = addCalendarDays(forecast.promiseBound, -10);
      level2 = true;
    }
    await projects.setPlannedStartDate(id, planned);
  }
  return { histories: summary.histories };
}
