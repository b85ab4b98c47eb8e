import { Injectable } from '@nestjs/common';
import {
  type AccessScope,
  businessDateOf,
  DomainError,
  itemReady,
  MilestoneState,
  NotFound,
  type Principal,
  type RouteItemSpec,
  type RouteMilestone,
  type RouteProblem,
  ROUTE_STAGES,
  routeWorkingDays,
  stageOrder,
  stageStatus,
  validateRoute,
  ValidationFailed,
  DEFAULT_ROUTE_STAGE_NAMES,
  DEFAULT_ROUTE_TARGET_DAYS,
} from '@luodi/domain';
import {
  type ApprovalItemEntity,
  ApprovalItemRepository,
  DepartmentRepository,
  isDuplicateKey,
  MilestoneRepository,
  ProjectRepository,
  RouteRepository,
  type RouteTemplateEntity,
  type StoredRouteItem,
  Transactions,
} from '@luodi/persistence';
import { CalendarService, Clock } from '@luodi/server-core';
import type {
  Milestone,
  ProjectRouteView,
  RouteItem,
  RouteTemplateDetail,
  RouteTemplateSummary,
  RouteTemplateVersion,
} from '@luodi/contracts';
import type { EntityManager } from 'typeorm';
import { FiguresPublisher } from '../live/figures-publisher';
import { MilestonesService } from '../approvals/milestones.service';
import type { AddRouteItemDto, ApplyRouteDto, RouteTemplateDto } from './routes.dto';

/** Where each item of a template body is: `stages[s].items[i]` (the specs' order). */
type ItemPaths = readonly string[];

/** The field a problem of a template body is about, named by its path (`stages[1].items[0].after`). */
function problemField(problem: RouteProblem, specs: readonly RouteItemSpec[], paths: ItemPaths): string {
  const pathOf = (code: string) => {
    const index = specs.findIndex((item) => item.itemCode === code);
    return index >= 0 ? paths[index]! : 'stages';
  };
  switch (problem.rule) {
    case 'route_empty':
    case 'route_stage_invalid':
      return 'stages';
    case 'route_item_duplicate': {
      const index = specs.findIndex(
        (item, at) =>
          item.itemCode === problem.itemCode &&
          at > 0 &&
          specs.slice(0, at).some((earlier) => earlier.itemCode === problem.itemCode),
      );
      return `${index >= 0 ? paths[index]! : pathOf(problem.itemCode)}.itemCode`;
    }
    case 'route_after_unknown':
    case 'route_after_other_stage':
      return `${pathOf(problem.itemCode)}.after`;
    case 'route_after_cycle':
      return `${pathOf(problem.cycle[0]!)}.after`;
  }
}

/** The error of a refused template or route (400 naming the rule and the field; the cycle spelled out). */
function routeError(problem: RouteProblem, field = 'items'): DomainError {
  const { rule, ...params } = problem;
  const named = 'cycle' in params ? { ...params, cycle: params.cycle.join(' → ') } : params;
  return new ValidationFailed(field, rule, { params: named as Record<string, string | number> });
}

/** A stage's name: the template's, else the spec's. */
const stageNameOf = (names: readonly string[], stage: number): string =>
  names[stage - 1] || DEFAULT_ROUTE_STAGE_NAMES[stage - 1] || String(stage);

const versionView = (template: RouteTemplateEntity): RouteTemplateVersion => ({
  id: template.id,
  templateKey: template.templateKey,
  name: template.name,
  version: Number(template.version),
  targetDays: Number(template.targetDays),
  active: Boolean(template.active),
  createdBy: template.createdBy,
  createdAt: template.createdAt.toISOString(),
});

/**
 * Approval routes (routes-and-forecast.md §2): versioned templates (admin), a project's route applied
 * from one (bureau/admin), items added or dropped (audited: every row written is in the audit trail),
 * and the route read with the approval clock's state, deadline and light of each item.
 */
@Injectable()
export class RoutesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly routes: RouteRepository,
    private readonly items: ApprovalItemRepository,
    private readonly departments: DepartmentRepository,
    private readonly projects: ProjectRepository,
    private readonly milestoneRows: MilestoneRepository,
    private readonly milestones: MilestonesService,
    private readonly calendar: CalendarService,
    private readonly live: FiguresPublisher,
    private readonly clock: Clock,
  ) {}

  /**
   * Catalog items of a route: every code known and enabled (400 naming the first that is not, at its
   * path in the body when given).
   */
  private async catalogOf(
    codes: readonly string[],
    paths?: ItemPaths,
  ): Promise<Map<string, ApprovalItemEntity>> {
    const catalog = await this.items.byCodes([...codes]);
    for (const [index, code] of codes.entries()) {
      const item = catalog.get(code);
      if (!item || !item.enabled)
        throw new ValidationFailed(paths ? `${paths[index]}.itemCode` : 'items', 'unknown_reference', {
          params: { entity: 'approval item', id: code },
        });
    }
    return catalog;
  }

  /** The items of a template body (stage n = the n-th of `stages`) with each one's path in the body. */
  private static specs(input: RouteTemplateDto['stages']): { specs: RouteItemSpec[]; paths: string[] } {
    const specs: RouteItemSpec[] = [];
    const paths: string[] = [];
    for (const [stageIndex, stage] of input.entries())
      for (const [itemIndex, item] of stage.items.entries()) {
        specs.push({ itemCode: item.itemCode, stage: stageIndex + 1, after: item.after ?? [] });
        paths.push(`stages[${stageIndex}].items[${itemIndex}]`);
      }
    return { specs, paths };
  }

  // ---- templates ----

  async listTemplates(): Promise<RouteTemplateSummary[]> {
    const rows = await this.routes.listTemplates();
    return rows.map((row) => ({
      ...versionView(row.template),
      versions: row.versions,
      items: row.items,
      projects: row.projects,
    }));
  }

  async getTemplate(id: string): Promise<RouteTemplateDetail> {
    const stored = await this.routes.findTemplate(id);
    if (!stored) throw new NotFound('route template', id);
    const catalog = await this.items.byCodes(stored.items.map((item) => item.itemCode));
    const departments = await this.departments.byIds([...catalog.values()].map((item) => item.departmentId));
    const versions = await this.routes.versions(stored.template.templateKey);
    const stageCount = Math.max(stored.stageNames.length, ...stored.items.map((item) => item.stage));
    const items = stored.items.map((item) => {
      const entry = catalog.get(item.itemCode);
      return {
        itemCode: item.itemCode,
        itemName: entry?.name ?? item.itemCode,
        departmentName: entry ? (departments.get(entry.departmentId)?.name ?? '') : '',
        promisedDays: Number(entry?.promisedDays ?? 0),
        statutoryDays: Number(entry?.statutoryDays ?? 0),
        stage: item.stage,
        after: item.after,
      };
    });
    return {
      ...versionView(stored.template),
      stages: Array.from({ length: stageCount }, (_, index) => ({
        stage: index + 1,
        name: stageNameOf(stored.stageNames, index + 1),
        items: items.filter((item) => item.stage === index + 1),
      })),
      versions: versions.map(versionView),
    };
  }

  /** A new template (version 1). */
  createTemplate(input: RouteTemplateDto, principal: Principal): Promise<RouteTemplateDetail> {
    return this.saveVersion(null, input, principal);
  }

  /** A new version of the template `id` belongs to; versions already applied never change. */
  async newVersion(id: string, input: RouteTemplateDto, principal: Principal): Promise<RouteTemplateDetail> {
    const stored = await this.routes.findTemplate(id);
    if (!stored) throw new NotFound('route template', id);
    return this.saveVersion(stored.template.templateKey, input, principal);
  }

  private async saveVersion(
    templateKey: string | null,
    input: RouteTemplateDto,
    principal: Principal,
  ): Promise<RouteTemplateDetail> {
    const { specs, paths } = RoutesService.specs(input.stages);
    const problem = validateRoute(specs);
    if (problem) throw routeError(problem, problemField(problem, specs, paths));
    await this.catalogOf(
      specs.map((item) => item.itemCode),
      paths,
    );
    const ordered = ROUTE_STAGES.flatMap((stage) => specs.filter((item) => item.stage === stage));
    const id = await this.transactions.run(
      (manager) =>
        this.routes.insertTemplate(
          {
            templateKey,
            name: input.name.trim(),
            targetDays: input.targetDays ?? DEFAULT_ROUTE_TARGET_DAYS,
            active: input.active ?? true,
            createdBy: principal.userId,
            stageNames: input.stages.map((stage) => stage.name.trim()),
            items: ordered,
          },
          manager,
        ),
      { retryIf: isDuplicateKey },
    );
    return this.getTemplate(id);
  }

  // ---- a project's route ----

  private async visibleProject(projectId: string, scope: AccessScope) {
    const project = await this.projects.findVisible(projectId, scope);
    if (!project) throw new NotFound('project', projectId);
    return project;
  }

  /**
   * Apply a template version to a project: its items' milestones are placed on the route (missing ones
   * created `planned`). A project that already has a route is refused (409 `route_already_applied`)
   * unless `replace`; replacing keeps every milestone (those the new template lacks stay off the route).
   */
  async apply(projectId: string, input: ApplyRouteDto, principal: Principal): Promise<ProjectRouteView> {
    const project = await this.visibleProject(projectId, { kind: 'all' });
    const templateId = input.templateId ?? (await this.routes.defaultTemplateId());
    const stored = templateId ? await this.routes.findTemplate(templateId) : null;
    if (!stored)
      throw new ValidationFailed('templateId', 'unknown_reference', {
        params: { entity: 'route template', id: templateId ?? '' },
      });
    if (!stored.template.active)
      throw DomainError.coded('conflict', 'route_template_inactive', { name: stored.template.name });
    const catalog = await this.catalogOf(stored.items.map((item) => item.itemCode));
    await this.transactions.run(
      async (manager) => {
        await this.projects.lockById(project.id, manager);
        const existing = await this.routes.projectRoute(project.id, manager);
        if (existing && !input.replace) {
          const applied = await this.routes.findTemplate(existing.templateId, manager);
          throw DomainError.coded('conflict', 'route_already_applied', {
            template: applied ? `${applied.template.name} v${applied.template.version}` : existing.templateId,
          });
        }
        const current = existing ? await this.routes.routeItems(project.id, manager) : [];
        const keep = new Set(stored.items.map((item) => item.itemCode));
        for (const item of current)
          if (!keep.has(item.itemCode)) await this.routes.removeRouteItem(item.milestoneId, manager);
        await this.placeItems(project.id, stored.items, catalog, manager);
        await this.routes.saveProjectRoute(
          {
            projectId: project.id,
            templateId: stored.template.id,
            targetDays: Number(stored.template.targetDays),
            appliedBy: principal.userId,
            appliedAt: this.clock.now(),
          },
          manager,
        );
      },
      { retryIf: isDuplicateKey },
    );
    await this.live.changed('milestone');
    return this.view(project.id, { kind: 'all' });
  }

  /** Put these items on the project's route, creating the milestones it does not have yet. */
  private async placeItems(
    projectId: string,
    items: readonly StoredRouteItem[],
    catalog: Map<string, ApprovalItemEntity>,
    manager: EntityManager,
    firstOrder = 0,
  ): Promise<void> {
    const milestones = new Map(
      (await this.routes.projectMilestones(projectId, manager)).map((row) => [row.itemCode, row.id]),
    );
    for (const [index, item] of items.entries()) {
      const milestoneId =
        milestones.get(item.itemCode) ??
        (await this.routes.insertMilestone(
          {
            projectId,
            itemCode: item.itemCode,
            departmentId: catalog.get(item.itemCode)!.departmentId,
            state: MilestoneState.planned,
          },
          manager,
        ));
      await this.routes.saveRouteItem(
        { milestoneId, projectId, stage: item.stage, after: item.after, sortOrder: firstOrder + index },
        manager,
      );
    }
  }

  /** Add an item to a project's route (its milestone created `planned` when missing); the route is re-checked. */
  async addItem(projectId: string, input: AddRouteItemDto): Promise<ProjectRouteView> {
    const project = await this.visibleProject(projectId, { kind: 'all' });
    const catalog = await this.catalogOf([input.itemCode]);
    await this.transactions.run(async (manager) => {
      await this.projects.lockById(project.id, manager);
      if (!(await this.routes.projectRoute(project.id, manager)))
        throw DomainError.coded('conflict', 'route_not_applied');
      const current = await this.routes.routeItems(project.id, manager);
      const added: StoredRouteItem = {
        itemCode: input.itemCode,
        stage: input.stage,
        after: input.after ?? [],
        sortOrder: 0,
      };
      const problem = validateRoute([...current, added]);
      if (problem) throw routeError(problem);
      const last = current.reduce((max, item) => Math.max(max, item.sortOrder), -1);
      await this.placeItems(project.id, [added], catalog, manager, last + 1);
    });
    await this.live.changed('milestone');
    return this.view(project.id, { kind: 'all' });
  }

  /**
   * Drop an item from a project's route: only a planned one without events (409 `route_item_not_planned`);
   * its milestone is removed and the items that followed it no longer do (each write audited).
   */
  async dropItem(projectId: string, milestoneId: string): Promise<ProjectRouteView> {
    const project = await this.visibleProject(projectId, { kind: 'all' });
    const departmentId = await this.transactions.run(async (manager) => {
      await this.projects.lockById(project.id, manager);
      const current = await this.routes.routeItems(project.id, manager);
      const dropped = current.find((item) => item.milestoneId === milestoneId);
      if (!dropped) throw new NotFound('milestone', milestoneId);
      const locked = await this.milestoneRows.lockById(milestoneId, manager);
      if (!locked) throw new NotFound('milestone', milestoneId);
      const events = await this.milestoneRows.events(milestoneId, manager);
      if (locked.state !== MilestoneState.planned || events.length > 0)
        throw DomainError.coded(
          'conflict',
          'route_item_not_planned',
          { state: locked.state, events: events.length },
          { field: 'milestoneId', id: milestoneId },
        );
      for (const item of current)
        if (item.after.includes(dropped.itemCode))
          await this.routes.saveRouteItem(
            {
              milestoneId: item.milestoneId,
              projectId: project.id,
              stage: item.stage,
              after: item.after.filter((code) => code !== dropped.itemCode),
              sortOrder: item.sortOrder,
            },
            manager,
          );
      await this.routes.removeRouteItem(milestoneId, manager);
      await this.milestoneRows.remove(locked, manager);
      return locked.departmentId;
    });
    await this.live.changed('milestone', departmentId);
    return this.view(project.id, { kind: 'all' });
  }

  /**
   * The project's route by stage: each item with its milestone (the clock's state, deadline, light),
   * stage status and the route's working days against its target. A department sees its own items;
   * stage status and days are the whole route's.
   */
  async view(projectId: string, scope: AccessScope): Promise<ProjectRouteView> {
    const project = await this.visibleProject(projectId, scope);
    const [route, placed, { items: milestones }] = await Promise.all([
      this.routes.projectRoute(project.id),
      this.routes.routeItems(project.id),
      this.milestones.forProject(project.id, { kind: 'all' }),
    ]);
    const sees = (milestone: Milestone) =>
      scope.kind !== 'department' || milestone.departmentId === scope.departmentId;
    const byId = new Map(milestones.map((milestone) => [milestone.id, milestone]));
    const onRoute = new Set(placed.map((item) => item.milestoneId));
    const offRoute = milestones.filter((milestone) => !onRoute.has(milestone.id) && sees(milestone));
    const template = route ? await this.routes.findTemplate(route.templateId) : null;
    const catalog = await this.items.byCodes(placed.map((item) => item.itemCode));
    const routeMilestones: Array<RouteMilestone & { milestone: Milestone }> = placed
      .filter((item) => byId.has(item.milestoneId))
      .map((item) => {
        const milestone = byId.get(item.milestoneId)!;
        const submittedOn = milestone.submittedAt ? businessDateOf(new Date(milestone.submittedAt)) : null;
        const starts = [submittedOn, milestone.acceptedOn].filter((day): day is string => day !== null);
        return {
          itemCode: item.itemCode,
          stage: item.stage,
          after: item.after,
          state: milestone.state,
          startedOn: starts.length ? starts.sort()[0]! : null,
          decidedOn: milestone.decidedAt ? businessDateOf(new Date(milestone.decidedAt)) : null,
          milestone,
        };
      });
    const today = businessDateOf(this.clock.now());
    const targetDays = route ? Number(route.targetDays) : DEFAULT_ROUTE_TARGET_DAYS;
    const days = routeWorkingDays(await this.calendar.calendar(), routeMilestones, targetDays, today);
    const stages = route
      ? ROUTE_STAGES.map((stage) => {
          const inStage = stageOrder(routeMilestones.filter((item) => item.stage === stage));
          const visible = inStage.filter((item) => sees(item.milestone));
          return {
            stage,
            name: stageNameOf(template?.stageNames ?? DEFAULT_ROUTE_STAGE_NAMES, stage),
            status: stageStatus(routeMilestones, stage),
            items: visible.map((item): RouteItem => ({
              stage,
              after: [...item.after],
              promisedDays: Number(catalog.get(item.itemCode)?.promisedDays ?? 0),
              statutoryDays: Number(catalog.get(item.itemCode)?.statutoryDays ?? 0),
              ready: itemReady(routeMilestones, item.itemCode),
              milestone: item.milestone,
            })),
            hiddenItems: inStage.length - visible.length,
          };
        })
      : [];
    return {
      projectId: project.id,
      applied: route !== null,
      templateId: route?.templateId ?? null,
      templateKey: template?.template.templateKey ?? null,
      templateName: template?.template.name ?? null,
      templateVersion: template ? Number(template.template.version) : null,
      appliedAt: route ? route.appliedAt.toISOString() : null,
      targetDays: route ? targetDays : null,
      usedWorkingDays: route ? days.used : 0,
      startedOn: route ? days.startedOn : null,
      finished: route ? days.finished : false,
      overTarget: route ? days.over : false,
      stages,
      offRoute,
    };
  }
}
