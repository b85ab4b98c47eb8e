import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { ChecksProcessor } from './checks.processor';
import { DeliverProcessor } from './deliver.processor';
import { LivePublisher } from './live.publisher';
import { RelayProcessor } from './relay.processor';

@Module({
  imports: [JobsModule],
  providers: [ChecksProcessor, RelayProcessor, DeliverProcessor, LivePublisher],
})
export class AlertsModule {}
