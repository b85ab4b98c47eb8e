import { SetMetadata } from '@nestjs/common';
import type { JobName } from '@luodi/jobs';

export const ON_JOB = Symbol('ON_JOB');

/** Marks a provider method as the one handler of a job. Checked at boot: exactly one per job name. */
export const OnJob = (name: JobName): MethodDecorator => SetMetadata(ON_JOB, name);
