import { Global, Module } from '@nestjs/common';
import { FiguresPublisher } from './figures-publisher';
import { SessionEvents } from './session-events';
import { StreamSlots } from './stream-slots';

/**
 * Live notifications the API sends on writes, the session-ended broadcast and the per-user cap on
 * live streams (the SSE stream itself is served by LiveService in AlertsModule).
 */
@Global()
@Module({
  providers: [FiguresPublisher, SessionEvents, StreamSlots],
  exports: [FiguresPublisher, SessionEvents, StreamSlots],
})
export class LiveModule {}
