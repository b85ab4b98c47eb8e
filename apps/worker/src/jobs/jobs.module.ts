import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRuntimeService } from './job-runtime.service';

@Module({ imports: [DiscoveryModule], providers: [JobRuntimeService], exports: [JobRuntimeService] })
export class JobsModule {}
