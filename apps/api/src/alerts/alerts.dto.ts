import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALERT_KINDS, ALERT_STATUSES, ANSWER_CATEGORIES, type AnswerCategory } from '@luodi/domain';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto, SearchPageQueryDto } from '../common/pagination';
import { IsId, IsIsoDate, IsQueryInt } from '../common/validators';

/** The list's status filter: a status, or `unresolved` for open and acknowledged together. */
const ALERT_LIST_STATUSES = [...ALERT_STATUSES, 'unresolved'];

/** `q`: in the project's name or code and (a milestone's alert) the approval item's name. */
export class AlertQueryDto extends SearchPageQueryDto {
  @ApiPropertyOptional({
    enum: ALERT_LIST_STATUSES,
    description: '`unresolved` = open or acknowledged (what the cockpit counts)',
  })
  @IsOptional()
  @IsIn(ALERT_LIST_STATUSES, { message: `must be one of ${ALERT_LIST_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ enum: ALERT_KINDS })
  @IsOptional()
  @IsIn(ALERT_KINDS, { message: `must be one of ${ALERT_KINDS.join(', ')}` })
  kind?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 3 })
  @IsOptional()
  @IsQueryInt(1, 3)
  level?: number;

  @ApiPropertyOptional() @IsOptional() @IsId() departmentId?: string;
}

export class AckDto {
  @ApiProperty({ example: '已收到，正在协调办理' })
  @IsString()
  @Length(1, 1000)
  note!: string;
}

export class AnswerDto {
  @ApiProperty({ enum: ANSWER_CATEGORIES })
  @IsIn(ANSWER_CATEGORIES, { message: `must be one of ${ANSWER_CATEGORIES.join(', ')}` })
  category!: AnswerCategory;

  @ApiProperty({ example: '专家评审意见待补充' }) @IsString() @Length(1, 2000) cause!: string;
  @ApiProperty({ example: '已约专家本周内完成评审' }) @IsString() @Length(1, 2000) measures!: string;
  @ApiProperty({ example: '2026-12-05' }) @IsIsoDate() expectedDate!: string;
}

export class DeliveryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'sent', 'failed'] })
  @IsOptional()
  @IsIn(['pending', 'sent', 'failed'], { message: 'must be pending, sent or failed' })
  status?: string;
}
