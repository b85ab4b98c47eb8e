import { Global, Module } from '@nestjs/common';
import { DurationHistoryService } from './duration-history.service';

/** The forecast's duration history (the worker recomputes it; readers ask it for duration models). */
@Global()
@Module({ providers: [DurationHistoryService], exports: [DurationHistoryService] })
export class DurationHistoryModule {}
