import { PROJECT_STAGES, type ProjectStage } from '@luodi/domain';
import { Column, Entity, Index } from 'typeorm';
import { IdColumn, IdRefColumn, MomentColumn, DateColumn, VarcharColumn, ForeignKey } from './columns';
import { ProjectEntity } from './project.entity';

/** The dated stage log of a project: one row per stage reached. */
@Entity({ name: 'project_stage_event' })
@Index('idx_project_stage_event_project', ['projectId', 'at'])
export class ProjectStageEventEntity {
  @IdColumn()
  id!: string;

  @IdRefColumn('project_id')
  projectId!: string;

  @ForeignKey(() => ProjectEntity, 'project_id', 'fk_project_stage_event_project', 'CASCADE')
  project?: ProjectEntity;

  @Column({ name: 'stage', type: 'enum', enum: PROJECT_STAGES })
  stage!: ProjectStage;

  @DateColumn('at')
  at!: string;

  @VarcharColumn('reason', 500, { nullable: true })
  reason!: string | null;

  @IdRefColumn('recorded_by', { nullable: true })
  recordedBy!: string | null;

  @MomentColumn('recorded_at')
  recordedAt!: Date;
}
