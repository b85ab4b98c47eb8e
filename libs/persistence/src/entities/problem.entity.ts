import {
  PROBLEM_CATEGORIES,
  PROBLEM_STATUSES,
  PROBLEM_SUBJECT_TYPES,
  type ProblemCategory,
  ProblemStatus,
  type ProblemSubjectType,
} from '@luodi/domain';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import {
  CreatedAtColumn,
  DateColumn,
  ForeignKey,
  IdRefColumn,
  MomentColumn,
  UpdatedAtColumn,
  VarcharColumn,
} from './columns';
import { ProjectRow } from './project-row';
import { DepartmentEntity } from './department.entity';

import { UserEntity } from './user.entity';

/**
 * A problem (问题清单, dispatch.md §1) of a project or a key work: `project_id` is the project itself
 * or the key work's project (for scoping, alerts and the list). `code` is WT-YYYY-NNNN.
 */
@Entity({ name: 'problem' })
@Unique('uq_problem_code', ['code'])
@Index('idx_problem_owner_status', ['ownerDepartmentId', 'status'])
@Index('idx_problem_status_due', ['status', 'dueDate'])
@Index('idx_problem_subject', ['subjectType', 'subjectId'])
export class ProblemEntity extends ProjectRow('problem') {
  @VarcharColumn('code', 16)
  code!: string;

  @Column({ name: 'subject_type', type: 'enum', enum: PROBLEM_SUBJECT_TYPES })
  subjectType!: ProblemSubjectType;

  @IdRefColumn('subject_id')
  subjectId!: string;

  @Column({ name: 'category', type: 'enum', enum: PROBLEM_CATEGORIES })
  category!: ProblemCategory;

  @VarcharColumn('description', 2000)
  description!: string;

  @IdRefColumn('raised_by')
  raisedBy!: string;

  @ForeignKey(() => UserEntity, 'raised_by', 'fk_problem_raised_by', 'RESTRICT')
  raisedByUser?: UserEntity;

  @DateColumn('raised_at')
  raisedAt!: string;

  @IdRefColumn('owner_department_id')
  ownerDepartmentId!: string;

  @ForeignKey(() => DepartmentEntity, 'owner_department_id', 'fk_problem_owner', 'RESTRICT')
  ownerDepartment?: DepartmentEntity;

  @VarcharColumn('lead_official', 100, { nullable: true })
  leadOfficial!: string | null;

  @DateColumn('due_date')
  dueDate!: string;

  @Column({ name: 'status', type: 'enum', enum: PROBLEM_STATUSES, default: ProblemStatus.open })
  status!: (typeof PROBLEM_STATUSES)[number];

  /** Marked 督办 by a meeting: its problem_overdue alert is at level 3 at once. */
  @Column({ name: 'supervised', type: 'boolean', default: false })
  supervised!: boolean;

  @DateColumn('resolved_on', { nullable: true })
  resolvedOn!: string | null;

  /** The day it was closed (销号). */
  @DateColumn('closed_on', { nullable: true })
  closedOn!: string | null;

  @MomentColumn('closed_at', { nullable: true })
  closedAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/** 配合单位 of a problem (zero or more). */
@Entity({ name: 'problem_co_department' })
@Index('idx_problem_co_department_department', ['departmentId'])
export class ProblemCoDepartmentEntity {
  @PrimaryColumn({ name: 'problem_id', type: 'bigint', unsigned: true })
  problemId!: string;

  @ForeignKey(() => ProblemEntity, 'problem_id', 'fk_problem_co_problem', 'CASCADE')
  problem?: ProblemEntity;

  @PrimaryColumn({ name: 'department_id', type: 'bigint', unsigned: true })
  departmentId!: string;

  @ForeignKey(() => DepartmentEntity, 'department_id', 'fk_problem_co_department', 'RESTRICT')
  department?: DepartmentEntity;
}
