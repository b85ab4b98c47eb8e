import { Module } from '@nestjs/common';
import { CalendarOverridesService } from './calendar-overrides.service';
import { CalendarController } from './calendar.controller';

@Module({ controllers: [CalendarController], providers: [CalendarOverridesService] })
export class CalendarModule {}
