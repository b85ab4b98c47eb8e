import { DEFAULT_ROUTE_STAGE_NAMES } from '@luodi/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { MilestoneEntity } from '../entities/milestone.entity';
import {
  ProjectRouteEntity,
  ProjectRouteItemEntity,
  RouteTemplateEntity,
  RouteTemplateItemEntity,
} from '../entities/route.entity';
import { isRowId } from './query-helpers';

/** An item of a template or a route as the rules read it (`after` split). */
export interface StoredRouteItem {
  itemCode: string;
  stage: number;
  after: string[];
  sortOrder: number;
}

/** A template version with its items (in stage, then stored order). */
export interface StoredRouteTemplate {
  template: RouteTemplateEntity;
  /** Its stages' names in order (stage n = the n-th name). */
  stageNames: string[];
  items: StoredRouteItem[];
}

/** A template as the list shows it: its newest version and how many versions it has. */
export interface RouteTemplateSummaryRow {
  template: RouteTemplateEntity;
  versions: number;
  items: number;
  projects: number;
}

/** A milestone's place on its project's route. */
export interface ProjectRouteItemRow extends StoredRouteItem {
  milestoneId: string;
}

const splitAfter = (value: string): string[] => (value ? value.split(',') : []);

/** A template's stage names as stored ('' or unreadable: the spec's four names). */
export function stageNamesOf(template: Pick<RouteTemplateEntity, 'stageNames'>): string[] {
  if (!template.stageNames) return [...DEFAULT_ROUTE_STAGE_NAMES];
  try {
    const names: unknown = JSON.parse(template.stageNames);
    if (Array.isArray(names) && names.every((name) => typeof name === 'string')) return names as string[];
  } catch {
    // fall through: a malformed value reads as the defaults
  }
  return [...DEFAULT_ROUTE_STAGE_NAMES];
}
export const joinAfter = (after: readonly string[]): string => after.join(',');

/** All SQL on route templates, their items, and the routes applied to projects. */
export class RouteRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Every template's newest version, with counts (versions, items, projects on any of its versions). */
  async listTemplates(): Promise<RouteTemplateSummaryRow[]> {
    const all = await this.dataSource
      .getRepository(RouteTemplateEntity)
      .find({ order: { templateKey: 'ASC', version: 'DESC' } });
    const itemCounts = (await this.dataSource
      .getRepository(RouteTemplateItemEntity)
      .createQueryBuilder('i')
      .select('i.template_id', 'templateId')
      .addSelect('COUNT(*)', 'count')
      .groupBy('i.template_id')
      .getRawMany()) as Array<{ templateId: string | number; count: string | number }>;
    const projectCounts = (await this.dataSource
      .getRepository(ProjectRouteEntity)
      .createQueryBuilder('r')
      .select('r.template_id', 'templateId')
      .addSelect('COUNT(*)', 'count')
      .groupBy('r.template_id')
      .getRawMany()) as Array<{ templateId: string | number; count: string | number }>;
    const items = new Map(itemCounts.map((row) => [String(row.templateId), Number(row.count)]));
    const projects = new Map(projectCounts.map((row) => [String(row.templateId), Number(row.count)]));
    const newest = new Map<string, RouteTemplateSummaryRow>();
    for (const template of all) {
      const existing = newest.get(template.templateKey);
      const applied = projects.get(template.id) ?? 0;
      if (existing) {
        existing.versions += 1;
        existing.projects += applied;
      } else
        newest.set(template.templateKey, {
          template,
          versions: 1,
          items: items.get(template.id) ?? 0,
          projects: applied,
        });
    }
    return [...newest.values()];
  }

  async findTemplate(id: string, manager?: EntityManager): Promise<StoredRouteTemplate | null> {
    if (!isRowId(id)) return null;
    const template = await this.manager(manager).getRepository(RouteTemplateEntity).findOneBy({ id });
    if (!template) return null;
    const items = await this.manager(manager)
      .getRepository(RouteTemplateItemEntity)
      .find({ where: { templateId: id }, order: { stage: 'ASC', sortOrder: 'ASC', id: 'ASC' } });
    return {
      template,
      stageNames: stageNamesOf(template),
      items: items.map((item) => ({
        itemCode: item.itemCode,
        stage: Number(item.stage),
        after: splitAfter(item.afterItems),
        sortOrder: Number(item.sortOrder),
      })),
    };
  }

  /** Every version of a template, newest first. */
  versions(templateKey: string, manager?: EntityManager): Promise<RouteTemplateEntity[]> {
    return this.manager(manager)
      .getRepository(RouteTemplateEntity)
      .find({ where: { templateKey }, order: { version: 'DESC' } });
  }

  /** The newest active version of the first template (the seeded default), or null. */
  async defaultTemplateId(manager?: EntityManager): Promise<string | null> {
    const first = await this.manager(manager)
      .getRepository(RouteTemplateEntity)
      .findOne({ where: { active: true }, order: { templateKey: 'ASC', version: 'DESC' } });
    return first?.id ?? null;
  }

  /**
   * Insert a template version with its items. `templateKey` null starts a new template (version 1, its
   * key its own id); otherwise the version is the next of that template (the unique key refuses a
   * concurrent duplicate, which the caller runs again).
   */
  async insertTemplate(
    input: {
      templateKey: string | null;
      name: string;
      targetDays: number;
      active: boolean;
      createdBy: string | null;
      /** The stages' names in order (stage n = the n-th name). */
      stageNames: readonly string[];
      items: ReadonlyArray<{ itemCode: string; stage: number; after: readonly string[] }>;
    },
    manager: EntityManager,
  ): Promise<string> {
    const templates = manager.getRepository(RouteTemplateEntity);
    let version = 1;
    if (input.templateKey) {
      const newest = await templates.findOne({
        where: { templateKey: input.templateKey },
        order: { version: 'DESC' },
      });
      version = (newest?.version ?? 0) + 1;
    }
    const saved = await templates.save(
      templates.create({
        templateKey: input.templateKey ?? '0',
        name: input.name,
        version,
        targetDays: input.targetDays,
        active: input.active,
        createdBy: input.createdBy,
        stageNames: JSON.stringify(input.stageNames),
      }),
    );
    if (!input.templateKey) {
      saved.templateKey = saved.id;
      await templates.save(saved);
    }
    const items = manager.getRepository(RouteTemplateItemEntity);
    for (const [index, item] of input.items.entries()) {
      await items.save(
        items.create({
          templateId: saved.id,
          itemCode: item.itemCode,
          stage: item.stage,
          afterItems: joinAfter(item.after),
          sortOrder: index,
        }),
      );
    }
    return saved.id;
  }

  async countTemplates(manager?: EntityManager): Promise<number> {
    return this.manager(manager).getRepository(RouteTemplateEntity).count();
  }

  projectRoute(projectId: string, manager?: EntityManager): Promise<ProjectRouteEntity | null> {
    return this.manager(manager).getRepository(ProjectRouteEntity).findOneBy({ projectId });
  }

  /** The projects that have a route, by id. */
  async routedProjectIds(): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(ProjectRouteEntity)
      .find({ select: { projectId: true }, order: { projectId: 'ASC' } });
    return rows.map((row) => String(row.projectId));
  }

  /** The route applied to each of these projects (for lists). */
  async projectRoutes(projectIds: readonly string[]): Promise<Map<string, ProjectRouteEntity>> {
    if (projectIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(ProjectRouteEntity)
      .createQueryBuilder('r')
      .where('r.project_id IN (:...ids)', { ids: [...projectIds] })
      .getMany();
    return new Map(rows.map((row) => [row.projectId, row]));
  }

  /** Record (or replace) the route applied to a project: the row's writes are audited. */
  async saveProjectRoute(route: Partial<ProjectRouteEntity>, manager: EntityManager): Promise<void> {
    const repository = manager.getRepository(ProjectRouteEntity);
    const existing = await repository.findOneBy({ projectId: route.projectId! });
    await repository.save(existing ? repository.merge(existing, route) : repository.create(route));
  }

  async routeItems(projectId: string, manager?: EntityManager): Promise<ProjectRouteItemRow[]> {
    const rows = await this.manager(manager)
      .getRepository(ProjectRouteItemEntity)
      .find({
        where: { projectId },
        relations: { milestone: true },
        order: { stage: 'ASC', sortOrder: 'ASC', milestoneId: 'ASC' },
      });
    return rows.map((row) => ({
      milestoneId: row.milestoneId,
      itemCode: row.milestone!.itemCode,
      stage: Number(row.stage),
      after: splitAfter(row.afterItems),
      sortOrder: Number(row.sortOrder),
    }));
  }

  /** Put a milestone on its project's route (or move it: stage and links replaced). */
  async saveRouteItem(
    item: {
      milestoneId: string;
      projectId: string;
      stage: number;
      after: readonly string[];
      sortOrder: number;
    },
    manager: EntityManager,
  ): Promise<void> {
    const repository = manager.getRepository(ProjectRouteItemEntity);
    const existing = await repository.findOneBy({ milestoneId: item.milestoneId });
    const values = {
      milestoneId: item.milestoneId,
      projectId: item.projectId,
      stage: item.stage,
      afterItems: joinAfter(item.after),
      sortOrder: item.sortOrder,
    };
    await repository.save(existing ? repository.merge(existing, values) : repository.create(values));
  }

  /** Take a milestone off its route (audited); the milestone itself stays. */
  async removeRouteItem(milestoneId: string, manager: EntityManager): Promise<void> {
    const repository = manager.getRepository(ProjectRouteItemEntity);
    const existing = await repository.findOneBy({ milestoneId });
    if (existing) await repository.remove(existing);
  }

  /** The project's milestones by item code (id, item and state), in the caller's transaction. */
  async projectMilestones(
    projectId: string,
    manager: EntityManager,
  ): Promise<Array<Pick<MilestoneEntity, 'id' | 'itemCode' | 'state'>>> {
    return manager.getRepository(MilestoneEntity).find({
      select: { id: true, itemCode: true, state: true },
      where: { projectId },
      order: { id: 'ASC' },
    });
  }

  /** Insert a planned milestone in the caller's transaction (audited), returning its id. */
  async insertMilestone(data: Partial<MilestoneEntity>, manager: EntityManager): Promise<string> {
    const repository = manager.getRepository(MilestoneEntity);
    const saved = await repository.save(repository.create(data));
    return saved.id;
  }
}
