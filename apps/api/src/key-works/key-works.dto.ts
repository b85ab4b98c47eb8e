import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { FiguresSourceFilter } from '../dashboard/figures-filter.fields';
import { InDateRange, IsId, IsMoney, IsOptionalNotNull, IsQueryInt } from '../common/validators';

export class KeyWorkYearQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'default: this year (Asia/Shanghai)' })
  @IsOptional()
  @IsQueryInt(2000, 2100)
  year?: number;
}

/** The list's query: the year, and the cockpit's narrowing (the same filters as its figures). */
export class KeyWorkListQueryDto extends KeyWorkYearQueryDto {
  @FiguresSourceFilter()
  source?: string;

  @ApiPropertyOptional({ example: '3', description: "the project's lead department" })
  @IsOptional()
  @IsId()
  leadDepartmentId?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only the new starts (计划新开工, a planned start month is set)',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  plannedStart?: 'true' | 'false';
}

export class KeyWorkExportQueryDto {
  @ApiProperty({ example: 2026 })
  @IsQueryInt(2000, 2100)
  year!: number;

  @ApiProperty({ example: 10, description: 'the month of the 月度调度表 (1–12)' })
  @IsQueryInt(1, 12)
  month!: number;
}

export class CreateKeyWorkDto {
  @ApiProperty({ example: '12' })
  @IsId()
  projectId!: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ example: '30000.00', description: '年度计划投资, 万元' })
  @IsMoney()
  annualPlanInvestment!: string;

  @ApiPropertyOptional({ example: 6, description: 'for new starts: the planned start month (1–12)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  plannedStartMonth?: number | null;
}

export class UpdateKeyWorkDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsMoney() annualPlanInvestment?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(12) plannedStartMonth?: number | null;
}

export class KeyWorkReportDto {
  @ApiProperty({ example: '2026-10' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month written YYYY-MM' })
  @InDateRange()
  month!: string;

  @ApiProperty({ example: '2500.00', description: 'investment completed in that month, 万元' })
  @IsMoney()
  completedInvestment!: string;

  @ApiPropertyOptional({ example: '主体结构完成60%' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  progress?: string;

  @ApiPropertyOptional({ example: '用电指标待落实' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  problems?: string;
}

export class KeyWorkReportCorrectionDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsMoney() completedInvestment?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) progress?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) problems?: string;
}
