import { PROJECT_STAGES, type ProjectStage } from '@luodi/domain';
import { Column, Entity, Index } from 'typeorm';
import { DateColumn, VarcharColumn } from './columns';
import { RecordedProjectRow } from './project-row';

/** The dated stage log of a project: one row per stage reached. */
@Entity({ name: 'project_stage_event' })
@Index('idx_project_stage_event_project', ['projectId', 'at'])
export class ProjectStageEventEntity extends RecordedProjectRow('project_stage_event') {
  @Column({ name: 'stage', type: 'enum', enum: PROJECT_STAGES })
  stage!: ProjectStage;

  @DateColumn('at')
  at!: string;

  @VarcharColumn('reason', 500, { nullable: true })
  reason!: string | null;
}
