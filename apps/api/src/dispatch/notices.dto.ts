import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NOTICE_SOURCES, NOTICE_STATUSES, type NoticeSource, type NoticeStatus } from '@luodi/domain';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../common/pagination';
import { InDateRange, IsId, IsIsoDate } from '../common/validators';

export class NoticeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: NOTICE_STATUSES }) @IsOptional() @IsIn(NOTICE_STATUSES) status?: NoticeStatus;
  @ApiPropertyOptional() @IsOptional() @IsId() departmentId?: string;
}

export class IssueNoticeDto {
  @ApiProperty({
    enum: NOTICE_SOURCES,
    description: 'a level-3 alert, an overdue problem or a meeting decision',
  })
  @IsIn(NOTICE_SOURCES)
  sourceType!: NoticeSource;

  @ApiProperty({ example: '12' })
  @IsId()
  sourceId!: string;

  @ApiProperty({ example: '请于3个工作日内落实整改并书面反馈', maxLength: 2000, description: '整改要求' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  measures!: string;

  @ApiPropertyOptional({ example: '2026-12-10', description: 'default: 3 working days after issue' })
  @IsOptional()
  @IsIsoDate()
  @InDateRange()
  replyDueDate?: string;
}

export class NoticeReplyDto {
  @ApiProperty({ maxLength: 2000, description: '已办理情况' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  done!: string;

  @ApiProperty({ maxLength: 2000, description: '尚需办理' })
  @IsString()
  @MaxLength(2000)
  remaining!: string;

  @ApiProperty({ example: '2026-12-31', description: '预计办结日期' })
  @IsIsoDate()
  @InDateRange()
  expectedDate!: string;
}
