import { Body, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  CalendarArrangementPreview,
  CalendarArrangementResult,
  CalendarOverrideResult,
  CalendarYear,
} from '@luodi/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AnyRole, ApiController, Roles } from '../auth/access.decorators';
import { IsIsoDate, IsQueryInt } from '../common/validators';
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

export class ArrangementPreviewDto {
  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({
    description: "the State Council's notice as text (一、元旦：1月1日放假… 二、春节：…)",
    example: '一、元旦：1月1日放假，共1天。二、春节：2月6日至13日放假调休，共8天。2月14日（周日）上班。',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  text?: string;

  @ApiPropertyOptional({ description: 'the content of an .ics file (iCalendar), as text' })
  @IsOptional()
  @IsString()
  @MaxLength(500000)
  ics?: string;
}

export class ArrangementEntryDto {
  @ApiProperty({ example: '2027-02-06' })
  @IsIsoDate()
  date!: string;

  @ApiProperty({ enum: ['holiday', 'workday'] })
  @IsIn(['holiday', 'workday'], { message: 'must be holiday or workday' })
  kind!: 'holiday' | 'workday';

  @ApiPropertyOptional({ example: '春节' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string | null;
}

export class ArrangementDto {
  @ApiProperty({ type: [ArrangementEntryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => ArrangementEntryDto)
  entries!: ArrangementEntryDto[];
}

/** The working-day calendar: the package's holidays and 调休 days, with admin overrides per date. */
@ApiController('calendar', 'calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarOverridesService) {}

  @Get()
  @AnyRole()
  @ApiOperation({
    summary: "The year's exceptions to Monday–Friday: holidays on weekdays, working weekend days (调休)",
  })
  list(@Query() query: CalendarQueryDto): Promise<CalendarYear> {
    return this.calendar.list(query.year);
  }

  @Post('arrangement/preview')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Read a year's holiday arrangement from the State Council's notice text or an .ics file (nothing saved)",
  })
  preview(@Body() body: ArrangementPreviewDto): Promise<CalendarArrangementPreview> {
    return this.calendar.previewArrangement(body.year, { text: body.text, ics: body.ics });
  }

  @Put('arrangement/:year')
  @Roles('admin')
  @ApiOperation({
    summary:
      "Save a year's holiday arrangement in one step; open deadlines are recomputed and the checks run",
  })
  saveArrangement(
    @Param('year') year: string,
    @Body() body: ArrangementDto,
  ): Promise<CalendarArrangementResult> {
    return this.calendar.saveArrangement(year, body.entries);
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
