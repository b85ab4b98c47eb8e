import { PROJECT_STAGES, type ProjectStage } from '@luodi/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProjectEntity } from './project.entity';

/** The dated stage log of a project: one row per stage reached. */
@Entity({ name: 'project_stage_event' })
@Index('idx_project_stage_event_project', ['projectId', 'at'])
export class ProjectStageEventEntity {
  @PrimaryGeneratedColumn({ name: 'id', type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'project_id', type: 'bigint', unsigned: true })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_project_stage_event_project' })
  project?: ProjectEntity;

  @Column({ name: 'stage', type: 'enum', enum: PROJECT_STAGES })
  stage!: ProjectStage;

  @Column({ name: 'at', type: 'date' })
  at!: string;

  @Column({ name: 'reason', type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'recorded_by', type: 'bigint', unsigned: true, nullable: true })
  recordedBy!: string | null;

  @Column({ name: 'recorded_at', type: 'datetime', precision: 3 })
  recordedAt!: Date;
}
