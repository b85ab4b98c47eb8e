import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { CalendarEntry, CalendarOverrideResult, Page } from '@luodi/contracts';
import { businessDateOf, isIsoDate, NotFound, ValidationFailed } from '@luodi/domain';
import { CalendarRepository } from '@luodi/persistence';
import { CalendarService, MilestoneClockService } from '@luodi/server-core';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Roles } from '../auth/access.decorators';
import { IsQueryInt } from '../common/validators';

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

function checkDate(date: string): void {
  if (!isIsoDate(date)) throw new ValidationFailed('date', 'must be a date written YYYY-MM-DD');
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** The working-day calendar: the package's holidays and 调休 days, with admin overrides per date. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly overrides: CalendarRepository,
    private readonly clocks: MilestoneClockService,
  ) {}

  @Get()
  @Roles('admin', 'bureau', 'leader', 'department')
  @ApiOperation({
    summary: "The year's exceptions to Monday–Friday: holidays on weekdays, working weekend days (调休)",
  })
  async list(@Query() query: CalendarQueryDto): Promise<Page<CalendarEntry>> {
    const year = String(query.year ?? Number(businessDateOf(new Date()).slice(0, 4)));
    const items = (await this.calendar.entries())
      .filter((entry) => entry.date.startsWith(`${year}-`))
      .filter((entry) => entry.source === 'admin' || (entry.kind === 'holiday') !== isWeekend(entry.date))
      .map((entry) => ({ date: entry.date, kind: entry.kind, name: entry.name, source: entry.source }));
    return { items, total: items.length };
  }

  @Put(':date')
  @Roles('admin')
  @ApiOperation({ summary: 'Override one date; the deadlines of open milestones are recomputed' })
  async put(@Param('date') date: string, @Body() body: CalendarOverrideDto): Promise<CalendarOverrideResult> {
    checkDate(date);
    // Idempotent: the same PUT again (or many at once) answers the same and changes nothing more.
    const { changed } = await this.overrides.upsert(date, body.kind, body.name ?? null);
    this.calendar.invalidate();
    const recomputed = changed ? await this.clocks.refreshAllOpen() : 0;
    return { date, kind: body.kind, name: body.name ?? null, source: 'admin', recomputed };
  }

  @Delete(':date')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: "Remove an override (the package's value applies again)" })
  async remove(@Param('date') date: string): Promise<void> {
    checkDate(date);
    const existing = await this.overrides.findByDate(date);
    if (!existing) throw new NotFound('calendar override', date);
    await this.overrides.remove(existing);
    this.calendar.invalidate();
    await this.clocks.refreshAllOpen();
  }
}
