import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { CalendarEntry, CalendarOverrideResult, Page } from '@luodi/contracts';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Roles } from '../auth/access.decorators';
import { IsQueryInt } from '../common/validators';
import { CalendarOverridesService } from './calendar-overrides.service';

export class CalendarQueryDto {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @IsQueryInt(2000, 2100)
  year?: number;
}

export class CalendarOverrideDto {
  @ApiProperty({ enum: ['holiday', 'workday'] })
  @IsIn(['holiday', 'workday'], { message: 'must be holiday or workday' })
  kind!: 'holiday' | 'workday';

  @ApiPropertyOptional({ example: '防汛应急调休' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;
}

/** The working-day calendar: the package's holidays and 调休 days, with admin overrides per date. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarOverridesService) {}

  @Get()
  @Roles('admin', 'bureau', 'leader', 'department')
  @ApiOperation({
    summary: "The year's exceptions to Monday–Friday: holidays on weekdays, working weekend days (调休)",
  })
  list(@Query() query: CalendarQueryDto): Promise<Page<CalendarEntry>> {
    return this.calendar.list(query.year);
  }

  @Put(':date')
  @Roles('admin')
  @ApiOperation({ summary: 'Override one date; the deadlines of open milestones are recomputed' })
  put(@Param('date') date: string, @Body() body: CalendarOverrideDto): Promise<CalendarOverrideResult> {
    return this.calendar.put(date, body.kind, body.name ?? null);
  }

  @Delete(':date')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: "Remove an override (the package's value applies again)" })
  remove(@Param('date') date: string): Promise<void> {
    return this.calendar.remove(date);
  }
}
