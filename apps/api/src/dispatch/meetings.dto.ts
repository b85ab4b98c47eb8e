import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DECISION_KINDS,
  type DecisionKind,
  MEETING_KINDS,
  type MeetingKind,
  PROBLEM_CATEGORIES,
  PROBLEM_SUBJECT_TYPES,
  type ProblemCategory,
  type ProblemSubjectType,
} from '@luodi/domain';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { InDateRange, IsId, IsIsoDate } from '../common/validators';

export class CreateMeetingDto {
  @ApiProperty({ example: '2026-12-10' })
  @IsIsoDate()
  @InDateRange()
  date!: string;

  @ApiProperty({ example: '2026年12月重点项目调度会', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS)
  kind!: MeetingKind;

  @ApiProperty({ example: '3', description: 'a leader (主持领导)' })
  @IsId()
  chairUserId!: string;

  @ApiPropertyOptional({ type: [String], description: '参会单位' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsId({ each: true })
  attendeeDepartmentIds?: string[];
}

/**
 * A decision (交办事项): `create` raises a problem (subject, category, description, owner, due date,
 * optional co-owners and 包抓领导); `update` changes `problemId` (new due date, owner, co-owners,
 * 包抓领导, or 督办). Either may mark it 督办 (`supervised`).
 */
export class DecisionDto {
  @ApiProperty({ enum: DECISION_KINDS })
  @IsIn(DECISION_KINDS)
  kind!: DecisionKind;

  @ApiProperty({ example: '请区自然资源局于月底前落实用地指标', maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text!: string;

  @ApiPropertyOptional({ description: 'update: the problem' }) @IsOptional() @IsId() problemId?: string;
  @ApiPropertyOptional({ enum: PROBLEM_SUBJECT_TYPES })
  @IsOptional()
  @IsIn(PROBLEM_SUBJECT_TYPES)
  subjectType?: ProblemSubjectType;
  @ApiPropertyOptional() @IsOptional() @IsId() subjectId?: string;
  @ApiPropertyOptional({ enum: PROBLEM_CATEGORIES })
  @IsOptional()
  @IsIn(PROBLEM_CATEGORIES)
  category?: ProblemCategory;
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description?: string;
  @ApiPropertyOptional() @IsOptional() @IsId() ownerDepartmentId?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsId({ each: true })
  coDepartmentIds?: string[];
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) leadOfficial?: string;
  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsIsoDate()
  @InDateRange()
  dueDate?: string;
  @ApiPropertyOptional({ description: '督办: the problem_overdue alert goes to level 3 at once' })
  @IsOptional()
  @IsBoolean()
  supervised?: boolean;
}
