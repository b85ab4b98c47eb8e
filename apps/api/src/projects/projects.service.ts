import { Injectable } from '@nestjs/common';
import {
  type AccessScope,
  addMoneyWithinLimit,
  businessDateOf,
  creditCodeProblem,
  DomainError,
  projectCodeProblem,
  projectCodeRegion,
  fromCents,
  MONEY_MAX,
  NotFound,
  planStageChange,
  type Principal,
  StateConflict,
  toCents,
  ValidationFailed,
} from '@luodi/domain';
import {
  CommitmentRepository,
  DepartmentRepository,
  isDuplicateKey,
  KeyWorkRepository,
  LookupRepository,
  type FundArrivalEntity,
  type ProjectEntity,
  type ProjectListFilter,
  ProjectRepository,
  type ProjectRow,
  SettingsRepository,
  Transactions,
} from '@luodi/persistence';
import type { Project, ProjectDetail } from '@luodi/contracts';
import type { Page } from '../common/pagination';
import { FiguresPublisher } from '../live/figures-publisher';
import type {
  CreateProjectDto,
  FundArrivalDto,
  FundCorrectionDto,
  FundReversalDto,
  ProjectListQueryDto,
  StageChangeDto,
  UpdateProjectDto,
} from './projects.dto';
import { Clock } from '@luodi/server-core';
import type { EntityManager } from 'typeorm';

/** A project as lists show it (contract in libs/contracts). */
export type ProjectView = Project;

export function projectView(project: ProjectEntity, leadDepartmentName: string | null): ProjectView {
  return {
    id: project.id,
    code: project.code,
    name: project.name,
    investor: project.investor,
    investorOrigin: project.investorOrigin,
    industry: project.industry,
    source: project.source,
    contractAmount: project.contractAmount,
    fundsArrived: project.fundsArrived,
    leadDepartmentId: project.leadDepartmentId,
    leadDepartmentName,
    leadOfficial: project.leadOfficial,
    location: project.location,
    plannedStartDate: project.plannedStartDate,
    stage: project.stage,
    talksStartedAt: project.talksStartedAt,
    signedAt: project.signedAt,
    registeredAt: project.registeredAt,
    startedAt: project.startedAt,
    operatingAt: project.operatingAt,
    fullProductionAt: project.fullProductionAt,
    terminatedAt: project.terminatedAt,
    terminationReason: project.terminationReason,
    creditCode: project.creditCode,
    projectCode: project.projectCode,
    landAreaMu: project.landAreaMu,
    landSuppliedAt: project.landSuppliedAt,
    subsidiesPaid: project.subsidiesPaid,
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
}

/**
 * The repository filter of a list query (the list and its export): the drill-down filters of the
 * cockpit are taken at `asOf` (default today), so that a list's total equals the figure drilled from.
 */
export function projectListFilter(query: ProjectListQueryDto, now: Date): ProjectListFilter {
  for (const [from, to] of [
    ['signedFrom', 'signedTo'],
    ['startedFrom', 'startedTo'],
    ['plannedStartFrom', 'plannedStartTo'],
  ] as const) {
    const start = query[from];
    const end = query[to];
    if (start && end && start > end)
      throw new ValidationFailed(to, 'date_before', { params: { other: from, otherDate: start } });
  }
  const asOf = query.asOf ?? businessDateOf(now);
  return {
    stage: query.stage,
    source: query.source,
    industry: query.industry,
    leadDepartmentId: query.leadDepartmentId,
    q: query.q?.trim() || undefined,
    signedYear: query.year ? Number(query.year) : undefined,
    signedUntil: query.asOf,
    reached: query.reached,
    reachedBy: asOf,
    talksYear: query.talksYear ? Number(query.talksYear) : undefined,
    talksBy: asOf,
    signedFrom: query.signedFrom,
    signedTo: query.signedTo,
    startedFrom: query.startedFrom,
    startedTo: query.startedTo,
    plannedStartFrom: query.plannedStartFrom,
    plannedStartTo: query.plannedStartTo,
    ids: query.ids ? [...new Set(query.ids.split(','))] : undefined,
    sort: query.sort,
    order: query.order,
  };
}

function projectCodeTaken(code: string): DomainError {
  return new DomainError('conflict', `code: a project with code "${code}" already exists`, {
    code: 'already_exists',
    params: { field: 'code', entity: 'project', value: code },
  });
}

@Injectable()
export class ProjectsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly projects: ProjectRepository,
    private readonly departments: DepartmentRepository,
    private readonly lookups: LookupRepository,
    private readonly keyWorks: KeyWorkRepository,
    private readonly commitments: CommitmentRepository,
    private readonly settings: SettingsRepository,
    private readonly live: FiguresPublisher,
    private readonly clock: Clock,
  ) {}

  async list(query: ProjectListQueryDto, scope: AccessScope): Promise<Page<ProjectView>> {
    const { items, total } = await this.projects.list(projectListFilter(query, this.clock.now()), scope, {
      page: query.page,
      pageSize: query.pageSize,
    });
    return { items: items.map((row: ProjectRow) => projectView(row, row.leadDepartmentName)), total };
  }

  async get(id: string, scope: AccessScope): Promise<ProjectDetail> {
    const row = await this.projects.findVisible(id, scope);
    if (!row) throw new NotFound('project', id);
    const [stageEvents, funds, keyWorks, subsidies] = await Promise.all([
      this.projects.stageEvents(id),
      this.projects.funds(id),
      this.keyWorks.forProject(id),
      this.commitments.subsidies(id),
    ]);
    const plans = await Promise.all(
      keyWorks.map(async (keyWork) => {
        const [summary] = await this.keyWorks.list(keyWork.year, { kind: 'all' }, keyWork.id);
        return {
          id: keyWork.id,
          year: keyWork.year,
          annualPlanInvestment: keyWork.annualPlanInvestment,
          plannedStartMonth: keyWork.plannedStartMonth,
          completedInvestment: summary?.completedInvestment ?? '0.00',
          reports: (await this.keyWorks.reports(keyWork.id)).map((report) => ({
            month: report.month,
            completedInvestment: report.completedInvestment,
            progress: report.progress,
            problems: report.problems,
            reportedAt: report.reportedAt.toISOString(),
          })),
        };
      }),
    );
    return {
      ...projectView(row, row.leadDepartmentName),
      stageEvents: stageEvents.map((event) => ({
        id: event.id,
        stage: event.stage,
        at: event.at,
        reason: event.reason,
        recordedAt: event.recordedAt.toISOString(),
      })),
      funds: funds.map((fund) => ({
        id: fund.id,
        amount: fund.amount,
        at: fund.at,
        note: fund.note,
        reversesId: fund.reversesId,
        correctsId: fund.correctsId,
        reason: fund.reason,
        reversedBy: funds.find((other) => other.reversesId === fund.id)?.id ?? null,
        recordedAt: fund.recordedAt.toISOString(),
      })),
      keyWorks: plans,
      subsidies: subsidies.map((entry) => ({
        id: entry.id,
        amount: entry.amount,
        at: entry.at,
        note: entry.note,
        recordedAt: entry.recordedAt.toISOString(),
      })),
    };
  }

  /**
   * The commitment fields of a create or a patch (commitments.md §1), checked: the credit code by its
   * GB 32100-2015 check character and free among live projects, the land area > 0, the land date not
   * in the future. The caller's transaction runs READ COMMITTED: the values are claimed first
   * (ProjectRepository.claimUnique: a lock on each value's own row, held until the transaction ends),
   * then a plain read looks for a live holder — parallel writers of one value wait and the later ones
   * see the winner (409); writers of different values never wait for each other.
   */
  private async checkCommitmentFields(
    input: Pick<UpdateProjectDto, 'creditCode' | 'landAreaMu' | 'landSuppliedAt' | 'projectCode'>,
    projectId: string | null,
    manager: EntityManager,
  ): Promise<void> {
    if (input.projectCode != null) {
      const { regionCodePrefix } = await this.settings.get(manager);
      const problem = projectCodeProblem(input.projectCode, regionCodePrefix);
      if (problem === 'format') throw new ValidationFailed('projectCode', 'project_code_format');
      if (problem === 'region')
        throw new ValidationFailed('projectCode', 'project_code_region', {
          params: { region: projectCodeRegion(input.projectCode), prefix: regionCodePrefix },
        });
    }
    if (input.creditCode != null) {
      const problem = creditCodeProblem(input.creditCode);
      if (problem)
        throw new ValidationFailed(
          'creditCode',
          problem === 'format' ? 'credit_code_format' : 'credit_code_check',
        );
    }
    await this.projects.claimUnique(
      [
        ...(input.creditCode != null ? [{ kind: 'credit_code' as const, value: input.creditCode }] : []),
        ...(input.projectCode != null ? [{ kind: 'project_code' as const, value: input.projectCode }] : []),
      ],
      manager,
    );
    if (input.projectCode != null) {
      const [holder] = await this.projects.liveWithProjectCode(input.projectCode, projectId, manager);
      if (holder)
        throw DomainError.coded('conflict', 'project_code_taken', {
          field: 'projectCode',
          value: input.projectCode,
          holder: holder.code,
        });
    }
    if (input.creditCode != null) {
      const [holder] = await this.projects.liveWithCreditCode(input.creditCode, projectId, manager);
      if (holder)
        throw DomainError.coded('conflict', 'credit_code_taken', {
          field: 'creditCode',
          creditCode: input.creditCode,
          projectCode: holder.code,
        });
    }
    if (input.landAreaMu != null && toCents(input.landAreaMu) <= 0n)
      throw new ValidationFailed('landAreaMu', 'amount_not_positive');
    const today = businessDateOf(this.clock.now());
    if (input.landSuppliedAt != null && input.landSuppliedAt > today)
      throw new ValidationFailed('landSuppliedAt', 'date_in_future', { params: { today } });
  }

  async create(input: CreateProjectDto, principal: Principal): Promise<ProjectView> {
    await this.checkReferences(input);
    const today = businessDateOf(this.clock.now());
    // Talks start on the given date; a project entered as already signed without one started talks on
    // its signing date; only a project entered as it happens defaults to today.
    const talksStartedAt = input.talksStartedAt ?? input.signedAt ?? today;
    if (input.signedAt && input.signedAt > today)
      throw new ValidationFailed('signedAt', 'date_in_future', { params: { today } });
    if (talksStartedAt > today)
      throw new ValidationFailed('talksStartedAt', 'date_in_future', { params: { today } });
    if (input.signedAt && input.signedAt < talksStartedAt)
      throw new ValidationFailed('signedAt', 'date_before', {
        params: { other: 'talksStartedAt', otherDate: talksStartedAt },
      });
    if (input.code && (await this.projects.findByCode(input.code))) {
      throw projectCodeTaken(input.code);
    }
    let project: ProjectEntity;
    try {
      project = await this.insertProject(input, talksStartedAt, today, principal);
    } catch (error) {
      if (isDuplicateKey(error) && input.code) {
        throw projectCodeTaken(input.code);
      }
      throw error;
    }
    await this.live.changed('project', project.leadDepartmentId);
    return this.get(project.id, { kind: 'all' });
  }

  private insertProject(
    input: CreateProjectDto,
    talksStartedAt: string,
    today: string,
    principal: Principal,
  ) {
    // A generated code comes from the year's sequence (distinct under any number of parallel creates);
    // a generated code taken meanwhile by a concurrent import runs the transaction again.
    return this.transactions.run(
      async (manager) => {
        await this.checkCommitmentFields(input, null, manager);
        const code = input.code ?? (await this.projects.allocateCode(`${today.slice(0, 4)}-ZS-`, manager));
        const created = await this.projects.create(
          {
            code,
            name: input.name,
            investor: input.investor,
            investorOrigin: input.investorOrigin,
            industry: input.industry,
            source: input.source,
            contractAmount: input.contractAmount,
            fundsArrived: '0.00',
            leadDepartmentId: input.leadDepartmentId,
            leadOfficial: input.leadOfficial ?? null,
            location: input.location ?? null,
            plannedStartDate: input.plannedStartDate ?? null,
            stage: input.signedAt ? 'signed' : 'negotiating',
            talksStartedAt,
            signedAt: input.signedAt ?? null,
            creditCode: input.creditCode ?? null,
            projectCode: input.projectCode ?? null,
            landAreaMu: input.landAreaMu ?? null,
            landSuppliedAt: input.landSuppliedAt ?? null,
          },
          manager,
        );
        const event = {
          projectId: created.id,
          reason: null,
          recordedBy: principal.userId,
          recordedAt: this.clock.now(),
        };
        await this.projects.addStageEvents(
          [
            { ...event, stage: 'negotiating', at: talksStartedAt },
            ...(input.signedAt ? [{ ...event, stage: 'signed' as const, at: input.signedAt }] : []),
          ],
          manager,
        );
        return created;
      },
      {
        retryIf: (error) => !input.code && isDuplicateKey(error),
        isolation: 'READ COMMITTED',
      },
    );
  }

  async update(id: string, patch: UpdateProjectDto): Promise<ProjectView> {
    const row = await this.projects.findVisible(id, { kind: 'all' });
    if (!row) throw new NotFound('project', id);
    await this.checkReferences(patch);
    // Change only the fields sent, on the row as it is now (under its lock): a stage change or funds
    // entry committed meanwhile is never written back over.
    // Once (attempts: 1), READ COMMITTED as checkCommitmentFields needs.
    await this.transactions.run(
      async (manager) => {
        const current = await this.projects.lockById(id, manager);
        if (!current) throw new NotFound('project', id);
        // A project code sent unchanged is not checked again (the region prefix may have changed since).
        const checked =
          patch.projectCode === current.projectCode ? { ...patch, projectCode: undefined } : patch;
        await this.checkCommitmentFields(checked, id, manager);
        await this.projects.update(current, patch, manager);
      },
      { attempts: 1, isolation: 'READ COMMITTED' },
    );
    await this.live.changed('project', patch.leadDepartmentId ?? row.leadDepartmentId);
    if (patch.leadDepartmentId && patch.leadDepartmentId !== row.leadDepartmentId)
      await this.live.changed('project', row.leadDepartmentId);
    return this.get(id, { kind: 'all' });
  }

  /** Move a project along its pipeline (domain §2): forward only, dated, never in the future. */
  async changeStage(id: string, input: StageChangeDto, principal: Principal) {
    const departmentId = await this.transactions.runOnce(async (manager) => {
      const project = await this.projects.lockById(id, manager);
      if (!project) throw new NotFound('project', id);
      const change = planStageChange(
        project,
        input.stage,
        input.at,
        input.reason,
        businessDateOf(this.clock.now()),
      );
      await this.projects.update(
        project,
        {
          stage: change.stage,
          ...change.dates,
          ...(change.stage === 'terminated' ? { terminationReason: change.reason } : {}),
        },
        manager,
      );
      const recordedAt = this.clock.now();
      await this.projects.addStageEvents(
        change.reached.map((stage) => ({
          projectId: id,
          stage,
          at: input.at,
          reason: stage === 'terminated' ? change.reason : (change.reason ?? null),
          recordedBy: principal.userId,
          recordedAt,
        })),
        manager,
      );
      return project.leadDepartmentId;
    });
    await this.live.changed('project', departmentId);
    return this.get(id, { kind: 'all' });
  }

  /**
   * Record funds arrived (到位资金): on a signed project, dated between signing and today. A total above
   * the contract amount is refused (409 `funds_over_contract`) unless `confirmOverContract` is true.
   */
  addFunds(id: string, input: FundArrivalDto, principal: Principal) {
    return this.changeFunds(id, async (project, manager) => {
      this.checkFundEntry(project, input, project.fundsArrived);
      await this.writeFund(
        { projectId: id, amount: input.amount, at: input.at, note: input.note ?? null },
        principal,
        manager,
      );
    });
  }

  /**
   * Reverse (冲销) a funds entry: a new entry of the negative amount on the entry's date, naming it and
   * the reason. The entry stays; the figures at every as-of date no longer count it.
   */
  reverseFunds(id: string, fundId: string, input: FundReversalDto, principal: Principal) {
    return this.changeFunds(id, async (_project, manager) => {
      const entry = await this.reversibleEntry(id, fundId, manager);
      await this.writeReversal(entry, input.reason, principal, manager);
    });
  }

  /**
   * Correct (更正) a funds entry: its reversal plus a replacement entry (amount, date, note) naming the
   * entry it corrects, both with the reason — in one transaction.
   */
  correctFunds(id: string, fundId: string, input: FundCorrectionDto, principal: Principal) {
    return this.changeFunds(id, async (project, manager) => {
      const entry = await this.reversibleEntry(id, fundId, manager);
      const withoutEntry = fromCents(toCents(project.fundsArrived) - toCents(entry.amount));
      this.checkFundEntry(project, input, withoutEntry);
      await this.writeReversal(entry, input.reason, principal, manager);
      await this.writeFund(
        {
          projectId: id,
          amount: input.amount,
          at: input.at,
          note: input.note ?? null,
          correctsId: entry.id,
          reason: input.reason,
        },
        principal,
        manager,
      );
    });
  }

  /**
   * A change of a signed project's funds, under the project's row lock (entries serialise on it);
   * then the live figures are told and the project is answered as it is now.
   */
  private async changeFunds(
    id: string,
    work: (project: ProjectEntity, manager: EntityManager) => Promise<void>,
  ): Promise<ProjectDetail> {
    const departmentId = await this.transactions.runOnce(async (manager) => {
      const project = await this.projects.lockById(id, manager);
      if (!project) throw new NotFound('project', id);
      if (!project.signedAt)
        throw new StateConflict(
          project.stage,
          'funds can be recorded only on a signed project',
          'stage_not_signed',
        );
      await work(project, manager);
      return project.leadDepartmentId;
    });
    await this.live.changed('funds', departmentId);
    return this.get(id, { kind: 'all' });
  }

  /** One funds entry (audited by the subscriber), and its amount added to the project's running total. */
  private async writeFund(
    fund: Pick<FundArrivalEntity, 'projectId' | 'amount' | 'at' | 'note'> & Partial<FundArrivalEntity>,
    principal: Principal,
    manager: EntityManager,
  ): Promise<void> {
    await this.projects.addFund(
      { ...fund, recordedBy: principal.userId, recordedAt: this.clock.now() },
      manager,
    );
    await this.projects.addToFundsArrived(fund.projectId, fund.amount, manager);
  }

  /** A new entry's date and amount, and the total it makes (`totalBefore` + amount) against the contract. */
  private checkFundEntry(project: ProjectEntity, input: FundArrivalDto, totalBefore: string): void {
    const today = businessDateOf(this.clock.now());
    if (input.at > today) throw new ValidationFailed('at', 'date_in_future', { params: { today } });
    if (input.at < project.signedAt!)
      throw new ValidationFailed('at', 'date_before', {
        params: { other: 'signedAt', otherDate: project.signedAt },
      });
    if (Number(input.amount) <= 0) throw new ValidationFailed('amount', 'amount_not_positive');
    const total = addMoneyWithinLimit(totalBefore, input.amount);
    if (total === undefined)
      throw new ValidationFailed(
        'amount',
        `the funds arrived would total more than ${MONEY_MAX} 万元 (now ${totalBefore})`,
        { code: 'amount_total_too_large', params: { limit: MONEY_MAX, now: totalBefore } },
      );
    if (toCents(total) > toCents(project.contractAmount) && input.confirmOverContract !== true)
      throw DomainError.coded(
        'conflict',
        'funds_over_contract',
        { field: 'amount' },
        { total, contractAmount: project.contractAmount },
      );
  }

  /** An entry of the project that is not a reversal and not reversed yet. */
  private async reversibleEntry(id: string, fundId: string, manager: EntityManager) {
    const found = await this.projects.fundEntry(id, fundId, manager);
    if (!found) throw new NotFound('fund', fundId);
    if (found.entry.reversesId)
      throw DomainError.coded('conflict', 'fund_entry_is_reversal', { field: 'fundId', fundId });
    if (found.reversed)
      throw DomainError.coded('conflict', 'fund_entry_already_reversed', { field: 'fundId', fundId });
    return found.entry;
  }

  private writeReversal(
    entry: FundArrivalEntity,
    reason: string,
    principal: Principal,
    manager: EntityManager,
  ): Promise<void> {
    return this.writeFund(
      {
        projectId: entry.projectId,
        amount: fromCents(-toCents(entry.amount)),
        at: entry.at,
        note: null,
        reversesId: entry.id,
        reason,
      },
      principal,
      manager,
    );
  }

  /** The lead department must exist; source, industry and location must be on their managed lists. */
  async checkReferences(input: Partial<CreateProjectDto>): Promise<void> {
    if (input.leadDepartmentId && !(await this.departments.findById(input.leadDepartmentId))) {
      throw new ValidationFailed('leadDepartmentId', 'unknown_reference', {
        params: { entity: 'department', id: input.leadDepartmentId },
      });
    }
    for (const kind of ['source', 'industry', 'location'] as const) {
      const value = input[kind];
      if (value === undefined || value === null) continue;
      const allowed = await this.lookups.enabledNames(kind);
      if (!allowed.includes(value)) {
        throw new ValidationFailed(kind, 'not_on_managed_list', { params: { allowed: allowed.join('、') } });
      }
    }
  }
}
