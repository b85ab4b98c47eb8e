import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { InDateRange, IsQueryInt } from '../common/validators';
import { FiguresDepartmentFilter, FiguresSourceFilter } from './figures-filter.fields';

/** `GET /api/dashboard/report`: the 月度调度 report of a month, with the cockpit's filters. */
export class CockpitReportQueryDto {
  @ApiProperty({
    example: '2026-05',
    description: 'the month of the report (YYYY-MM), not after the current month (Asia/Shanghai)',
  })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month written YYYY-MM (01–12)' })
  @InDateRange()
  month!: string;

  @ApiPropertyOptional({ example: 2026, description: "the figures' year; default: the month's year" })
  @IsOptional()
  @IsQueryInt(2000, 2100)
  year?: number;

  @FiguresSourceFilter()
  source?: string;

  @FiguresDepartmentFilter()
  departmentId?: string;
}
