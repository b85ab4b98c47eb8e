import { Injectable } from '@nestjs/common';
import { type DurationModel, DurationModels, type IsoDate } from '@luodi/domain';

/**
 * Where the forecast gets each item × department's duration history (routes-and-forecast §3: the
 * Kaplan–Meier model of the working days from acceptance to decision over the past 3 years).
 *
 * ForecastModule provides it with the stored history (`DurationHistoryService.modelsFor`, recomputed
 * nightly by the worker's duration-history job). NoDurationHistory is the stand-in without any
 * history (tests, or to switch the history off): every item falls back to its promised days, as the
 * engine does under 5 observations, so P50 = P80 = the promise-bound date.
 */
export const DURATION_MODELS = Symbol('DURATION_MODELS');

export interface DurationModelProvider {
  /** The models known at `asOf`: `modelFor(item, department, promisedDays)`. */
  modelsFor(asOf: IsoDate): Promise<{
    modelFor(itemCode: string, departmentId: string, promisedDays?: number): DurationModel;
  }>;
}

/** No history at all: the promised days. */
@Injectable()
export class NoDurationHistory implements DurationModelProvider {
  modelsFor(): Promise<DurationModels> {
    return Promise.resolve(new DurationModels(new Map()));
  }
}
