import { Global, Module } from '@nestjs/common';
import { FiguresPublisher } from './figures-publisher';

/** Live notifications the API sends on writes (the SSE stream itself is in AlertsModule). */
@Global()
@Module({ providers: [FiguresPublisher], exports: [FiguresPublisher] })
export class LiveModule {}
