import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PROBLEM_ACTIONS,
  PROBLEM_CATEGORIES,
  PROBLEM_STATUSES,
  PROBLEM_SUBJECT_TYPES,
  type ProblemAction,
  type ProblemCategory,
  type ProblemStatus,
  type ProblemSubjectType,
} from '@luodi/domain';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../common/pagination';
import { InDateRange, IsId, IsIsoDate } from '../common/validators';

/** The filters of the problem list and its export. */
export class ProblemFilterDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROBLEM_CATEGORIES })
  @IsOptional()
  @IsIn(PROBLEM_CATEGORIES)
  category?: ProblemCategory;
  @ApiPropertyOptional({ description: '责任单位' }) @IsOptional() @IsId() ownerDepartmentId?: string;
  @ApiPropertyOptional({ enum: PROBLEM_STATUSES })
  @IsOptional()
  @IsIn(PROBLEM_STATUSES)
  status?: ProblemStatus;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'past the due date and not resolved/closed' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';
  @ApiPropertyOptional({ enum: ['true'], description: 'only problems not closed (销号)' })
  @IsOptional()
  @IsIn(['true'])
  open?: 'true';
  @ApiPropertyOptional({ enum: PROBLEM_SUBJECT_TYPES })
  @IsOptional()
  @IsIn(PROBLEM_SUBJECT_TYPES)
  subjectType?: ProblemSubjectType;
  @ApiPropertyOptional() @IsOptional() @IsId() subjectId?: string;
  @ApiPropertyOptional() @IsOptional() @IsId() projectId?: string;
  @ApiPropertyOptional({ example: '2026-01-01', description: 'closed (销号) on or after' })
  @IsOptional()
  @IsIsoDate()
  @InDateRange()
  closedFrom?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'closed (销号) on or before' })
  @IsOptional()
  @IsIsoDate()
  @InDateRange()
  closedTo?: string;
}

/** The fields a problem is raised with (also a meeting decision that creates one). */
export class ProblemAssignmentDto {
  @ApiProperty({ example: '7', description: '责任单位' })
  @IsId()
  ownerDepartmentId!: string;

  @ApiPropertyOptional({ type: [String], description: '配合单位' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsId({ each: true })
  coDepartmentIds?: string[];

  @ApiPropertyOptional({ example: '张副区长', description: '包抓领导' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  leadOfficial?: string | null;

  @ApiProperty({ example: '2026-12-31', description: '办结时限 (≥ raisedAt)' })
  @IsIsoDate()
  @InDateRange()
  dueDate!: string;
}

export class CreateProblemDto extends ProblemAssignmentDto {
  @ApiProperty({ enum: PROBLEM_SUBJECT_TYPES })
  @IsIn(PROBLEM_SUBJECT_TYPES)
  subjectType!: ProblemSubjectType;

  @ApiProperty({ example: '12' })
  @IsId()
  subjectId!: string;

  @ApiProperty({ enum: PROBLEM_CATEGORIES })
  @IsIn(PROBLEM_CATEGORIES)
  category!: ProblemCategory;

  @ApiProperty({ example: '项目用地指标尚未落实', maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description!: string;

  @ApiPropertyOptional({ example: '2026-11-20', description: 'default: today; never in the future' })
  @IsOptional()
  @IsIsoDate()
  @InDateRange()
  raisedAt?: string;
}

export class ProblemTransitionDto {
  @ApiProperty({
    enum: PROBLEM_ACTIONS,
    description:
      'start (owner, with a plan), resolve (owner, with the resolution), close 销号 (bureau/leader), reject 复核不通过 (bureau/leader, with a reason)',
  })
  @IsIn(PROBLEM_ACTIONS)
  action!: ProblemAction;

  @ApiPropertyOptional({ maxLength: 2000, description: 'the plan, the resolution or the reason' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  text?: string;
}
