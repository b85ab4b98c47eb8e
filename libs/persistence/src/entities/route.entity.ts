import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { IdColumn, IdRefColumn, MomentColumn, VarcharColumn, ForeignKey, CreatedAtColumn } from './columns';
import { ApprovalItemEntity } from './approval-item.entity';
import { MilestoneEntity } from './milestone.entity';
import { ProjectEntity } from './project.entity';
import { UserEntity } from './user.entity';

/**
 * One version of a route template (审批路线模板, routes-and-forecast.md §2). Versions are immutable:
 * editing a template inserts a new version under the same `template_key` (the id of its first version).
 */
@Entity({ name: 'route_template' })
@Unique('uq_route_template_version', ['templateKey', 'version'])
export class RouteTemplateEntity {
  @IdColumn()
  id!: string;

  /** The id of the template's first version: every version of one template shares it. */
  @IdRefColumn('template_key')
  templateKey!: string;

  @VarcharColumn('name', 100)
  name!: string;

  @Column({ name: 'version', type: 'smallint', unsigned: true })
  version!: number;

  /** The route's promised total in working days. */
  @Column({ name: 'target_days', type: 'smallint', unsigned: true, default: 60 })
  targetDays!: number;

  /** Offered for applying to projects. */
  @Column({ name: 'active', type: 'boolean', default: true })
  active!: boolean;

  /**
   * The names of its stages in order (stage n = the n-th name), a JSON array of strings; '' reads as
   * the spec's four names (立项用地规划许可, 工程建设许可, 施工许可, 竣工验收).
   */
  @VarcharColumn('stage_names', 500, { default: '' })
  stageNames!: string;

  @IdRefColumn('created_by', { nullable: true })
  createdBy!: string | null;

  @ForeignKey(() => UserEntity, 'created_by', 'fk_route_template_created_by', 'RESTRICT', { nullable: true })
  creator?: UserEntity | null;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** One item of a template version: its stage (1–4) and the items of the same stage it follows. */
@Entity({ name: 'route_template_item' })
@Unique('uq_route_template_item', ['templateId', 'itemCode'])
export class RouteTemplateItemEntity {
  @IdColumn()
  id!: string;

  @IdRefColumn('template_id')
  templateId!: string;

  @ForeignKey(() => RouteTemplateEntity, 'template_id', 'fk_route_template_item_template', 'CASCADE')
  template?: RouteTemplateEntity;

  @Column({ name: 'stage', type: 'tinyint', unsigned: true })
  stage!: number;

  @Index('idx_route_template_item_item_code')
  @VarcharColumn('item_code', 32)
  itemCode!: string;

  @ForeignKey(() => ApprovalItemEntity, 'item_code', 'fk_route_template_item_item', 'RESTRICT')
  item?: ApprovalItemEntity;

  /** The item codes it follows, comma-separated ('' when none). */
  @VarcharColumn('after_items', 500, { default: '' })
  afterItems!: string;

  @Column({ name: 'sort_order', type: 'smallint', unsigned: true, default: 0 })
  sortOrder!: number;
}

/** The route applied to a project: which template version (the route itself is on its items). */
@Entity({ name: 'project_route' })
export class ProjectRouteEntity {
  @PrimaryColumn({ name: 'project_id', type: 'bigint', unsigned: true })
  projectId!: string;

  @ForeignKey(() => ProjectEntity, 'project_id', 'fk_project_route_project', 'CASCADE')
  project?: ProjectEntity;

  @Index('idx_project_route_template')
  @IdRefColumn('template_id')
  templateId!: string;

  @ForeignKey(() => RouteTemplateEntity, 'template_id', 'fk_project_route_template', 'RESTRICT')
  template?: RouteTemplateEntity;

  /** The target as applied (a later version never changes it). */
  @Column({ name: 'target_days', type: 'smallint', unsigned: true })
  targetDays!: number;

  @IdRefColumn('applied_by', { nullable: true })
  appliedBy!: string | null;

  @ForeignKey(() => UserEntity, 'applied_by', 'fk_project_route_applied_by', 'RESTRICT', { nullable: true })
  applier?: UserEntity | null;

  @MomentColumn('applied_at')
  appliedAt!: Date;
}

/** A milestone's place on its project's route: its stage and the items of that stage it follows. */
@Entity({ name: 'project_route_item' })
export class ProjectRouteItemEntity {
  @PrimaryColumn({ name: 'milestone_id', type: 'bigint', unsigned: true })
  milestoneId!: string;

  @ForeignKey(() => MilestoneEntity, 'milestone_id', 'fk_project_route_item_milestone', 'CASCADE')
  milestone?: MilestoneEntity;

  @Index('idx_project_route_item_project')
  @IdRefColumn('project_id')
  projectId!: string;

  @ForeignKey(() => ProjectEntity, 'project_id', 'fk_project_route_item_project', 'CASCADE')
  project?: ProjectEntity;

  @Column({ name: 'stage', type: 'tinyint', unsigned: true })
  stage!: number;

  /** The item codes of the same stage it follows, comma-separated ('' when none). */
  @VarcharColumn('after_items', 500, { default: '' })
  afterItems!: string;

  @Column({ name: 'sort_order', type: 'smallint', unsigned: true, default: 0 })
  sortOrder!: number;
}
