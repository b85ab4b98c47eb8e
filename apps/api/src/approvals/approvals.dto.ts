import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVENT_TYPES, LIGHTS, MILESTONE_STATES } from '@luodi/domain';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SearchPageQueryDto } from '../common/pagination';
import { FiguresSourceFilter } from '../dashboard/figures-filter.fields';
import { InDateRange, IsId, IsIsoDate, IsOptionalNotNull, IsQueryInt } from '../common/validators';

export class CreateApprovalItemDto {
  @ApiProperty({ example: 'WATER' })
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'must be 2–32 capital letters, digits or _' })
  code!: string;

  @ApiProperty({ example: '取水许可' }) @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ example: '3' }) @IsId() departmentId!: string;
  @ApiProperty({ example: 20 }) @IsInt() @Min(1) @Max(365) statutoryDays!: number;
  @ApiProperty({ example: 10 }) @IsInt() @Min(1) @Max(365) promisedDays!: number;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() deemedApproval?: boolean;
  @ApiPropertyOptional({ default: 10 }) @IsOptional() @IsInt() @Min(0) @Max(60) maxExtensionDays?: number;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(30) yellowDays?: number | null;
  @ApiPropertyOptional({ description: 'required materials, one per line' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  materials?: string;
}

export class UpdateApprovalItemDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsId() departmentId?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsInt() @Min(1) @Max(365) statutoryDays?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsInt() @Min(1) @Max(365) promisedDays?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() deemedApproval?: boolean;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsInt() @Min(0) @Max(60) maxExtensionDays?: number;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(30) yellowDays?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) materials?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() enabled?: boolean;
}

export class CreateMilestoneDto {
  @ApiProperty({ example: 'LAND_PRE' })
  @IsString()
  @Length(1, 32)
  itemCode!: string;

  @ApiPropertyOptional({ description: "defaults to the item's department" })
  @IsOptional()
  @IsId()
  departmentId?: string;
}

/** `q`: in the project's name or code and the approval item's name. */
export class MilestoneQueryDto extends SearchPageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsId() departmentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsId() projectId?: string;

  @ApiPropertyOptional({ enum: MILESTONE_STATES })
  @IsOptional()
  @IsIn(MILESTONE_STATES, { message: `must be one of ${MILESTONE_STATES.join(', ')}` })
  state?: string;

  @ApiPropertyOptional({ enum: LIGHTS })
  @IsOptional()
  @IsIn(LIGHTS, { message: 'must be green, yellow or red' })
  light?: string;

  @ApiPropertyOptional({ description: 'only undecided milestones' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  open?: 'true' | 'false';

  @FiguresSourceFilter()
  source?: string;

  @ApiPropertyOptional({ example: 2026, description: '办结 in this year (by asOf): the 按期办结率 figure' })
  @IsOptional()
  @IsQueryInt(2000, 2100)
  decidedYear?: number;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: undecided at asOf with a deadline before its day (逾期未办)',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'decidedYear and overdue as of the end of this day',
  })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}

export class MilestoneEventDto {
  @ApiProperty({ enum: EVENT_TYPES })
  @IsIn(EVENT_TYPES, { message: `must be one of ${EVENT_TYPES.join(', ')}` })
  type!: (typeof EVENT_TYPES)[number];

  @ApiPropertyOptional({
    example: '2026-11-25T10:30:00+08:00',
    description: 'when it happened (default now); never in the future',
  })
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: 'must be an ISO-8601 moment with offset, e.g. 2026-11-25T10:30:00+08:00' },
  )
  @Matches(/T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'must be an ISO-8601 moment with offset, e.g. 2026-11-25T10:30:00+08:00',
  })
  @InDateRange()
  at?: string;

  @ApiPropertyOptional({ description: 'extension: working days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  days?: number;

  @ApiPropertyOptional({
    description: 'required to reject, to extend, to terminate and for a failed verification',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['环评批复（原件）'],
    description: 'accept (容缺受理): the materials still missing; needs cureDeadline',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  missingMaterials?: string[];

  @ApiPropertyOptional({
    example: '2026-12-10',
    description:
      "accept (容缺受理): the day by which the missing materials must come; after the acceptance date and within the item's promised working days",
  })
  @IsOptional()
  @IsIsoDate()
  cureDeadline?: string;

  @ApiPropertyOptional({
    description: "approve (告知承诺制): on the applicant's written promise; needs verifyBy",
  })
  @IsOptional()
  @IsBoolean()
  byPromise?: boolean;

  @ApiPropertyOptional({
    example: '2027-03-31',
    description:
      'approve (告知承诺制): the day by which the promise is verified; not before the approval date',
  })
  @IsOptional()
  @IsIsoDate()
  verifyBy?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
