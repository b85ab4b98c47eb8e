import { Injectable } from '@nestjs/common';
import type { DurationModel, IsoDate } from '@luodi/domain';

/**
 * Where the forecast gets each item × department's duration history (routes-and-forecast §3: the
 * Kaplan–Meier model of the working days from acceptance to decision over the past 3 years).
 *
 * The history itself (DurationHistoryService.modelsFor) is built separately; it plugs in here by
 * providing this token (`{ provide: DURATION_MODELS, useExisting: DurationHistoryService }` in
 * ForecastModule). Until then NoDurationHistory answers no history: every item falls back to its
 * promised days (as the engine does under 5 observations), so P50 = P80 = the promise-bound date.
 */
export const DURATION_MODELS = Symbol('DURATION_MODELS');

export interface DurationModelProvider {
  /** The models known at `asOf`, keyed by durationModelKey(itemCode, departmentId); missing: no history. */
  modelsFor(asOf: IsoDate): Promise<ReadonlyMap<string, DurationModel>>;
}

export const durationModelKey = (itemCode: string, departmentId: string): string =>
  `${itemCode}|${departmentId}`;

/** The default provider: no history at all. */
@Injectable()
export class NoDurationHistory implements DurationModelProvider {
  modelsFor(): Promise<ReadonlyMap<string, DurationModel>> {
    return Promise.resolve(new Map());
  }
}
