import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { BreakdownDimension } from '@luodi/contracts';
import { InDateRange, IsIsoDate, IsQueryInt } from '../common/validators';
import { FiguresDepartmentFilter, FiguresSourceFilter, FiguresYear } from './figures-filter.fields';

export class SummaryQueryDto {
  @FiguresYear()
  year?: number;

  @ApiPropertyOptional({
    example: '2026-10-31',
    description:
      'a date (the end of that day, Asia/Shanghai) or an ISO-8601 moment, not after today (date_in_future); default now',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, {
    message: 'must be a date YYYY-MM-DD or an ISO-8601 moment with offset',
  })
  @InDateRange()
  asOf?: string;

  @FiguresSourceFilter()
  source?: string;

  @FiguresDepartmentFilter()
  departmentId?: string;
}

const DIMENSIONS: readonly BreakdownDimension[] = ['source', 'industry'];

/** The cockpit filters plus the breakdown dimension (required). */
export class BreakdownQueryDto extends SummaryQueryDto {
  @ApiProperty({
    enum: DIMENSIONS,
    description: 'group the projects signed in the year by source or industry',
  })
  @IsIn(DIMENSIONS, { message: `must be one of ${DIMENSIONS.join(', ')}` })
  by!: BreakdownDimension;
}

export class DepartmentsQueryDto {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @IsQueryInt(2000, 2100)
  year?: number;
}

/** `GET /api/dashboard/forecast-accuracy`: the as-of day only (the answer is scoped by the caller). */
export class ForecastAccuracyQueryDto {
  @ApiPropertyOptional({
    example: '2026-10-31',
    description:
      'a date (the end of that day, Asia/Shanghai), not after today (date_in_future); default today',
  })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}

/** `GET /api/dashboard/forecast`: the year and the as-of day only (the answer is scoped by the caller). */
export class ForecastYearQueryDto extends ForecastAccuracyQueryDto {
  @FiguresYear()
  year?: number;
}
