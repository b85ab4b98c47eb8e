import type { IsoDate } from '../business-time';
import { StateConflict, ValidationFailed } from '../errors';
import { type Labels, namesOf } from '../value-lists';

/**
 * Pipeline stages in order (domain §2; `full_production` 达产 after `operating`, commitments.md §1);
 * `terminated` can end any stage but the last.
 */
export const PIPELINE = [
  'negotiating',
  'signed',
  'registered',
  'started',
  'operating',
  'full_production',
] as const;
export type PipelineStage = (typeof PIPELINE)[number];
/** Every stage a project can be in (the `project.stage` column): the pipeline, then `terminated`. */
export const PROJECT_STAGES = [...PIPELINE, 'terminated'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const ProjectStage = namesOf(PROJECT_STAGES);

/** Stage names (the exports and reports; the web keeps its i18n blocks typed by the same list). */
export const PROJECT_STAGE_LABELS = {
  negotiating: { 'zh-CN': '在谈', en: 'Negotiating' },
  signed: { 'zh-CN': '签约', en: 'Signed' },
  registered: { 'zh-CN': '注册落地', en: 'Registered' },
  started: { 'zh-CN': '开工', en: 'Started' },
  operating: { 'zh-CN': '投产', en: 'Operating' },
  full_production: { 'zh-CN': '达产', en: 'Full production' },
  terminated: { 'zh-CN': '终止', en: 'Terminated' },
} as const satisfies Labels<ProjectStage>;

export const STAGE_DATE_FIELD = {
  signed: 'signedAt',
  registered: 'registeredAt',
  started: 'startedAt',
  operating: 'operatingAt',
  full_production: 'fullProductionAt',
  terminated: 'terminatedAt',
} as const;
type DateField = (typeof STAGE_DATE_FIELD)[keyof typeof STAGE_DATE_FIELD];

export interface StageState {
  stage: ProjectStage;
  talksStartedAt: IsoDate;
  signedAt: IsoDate | null;
  registeredAt: IsoDate | null;
  startedAt: IsoDate | null;
  operatingAt: IsoDate | null;
  fullProductionAt: IsoDate | null;
  terminatedAt: IsoDate | null;
}

export interface StageChange {
  stage: ProjectStage;
  /** The dates to set (a jump over stages dates every stage passed with the same day). */
  dates: Partial<Record<DateField, IsoDate>>;
  /** The stages reached, in order, for the stage log. */
  reached: ProjectStage[];
  reason: string | null;
}

/** The date of the stage the project is in now (talks start for `negotiating`). */
export function currentStageDate(state: StageState): IsoDate {
  if (state.stage === 'negotiating') return state.talksStartedAt;
  return state[STAGE_DATE_FIELD[state.stage]] ?? state.talksStartedAt;
}

/**
 * Plan a stage change: forward only (one or more stages), or to `terminated` with a reason; the date
 * never in the future (today in Asia/Shanghai is given) and never before the current stage's date.
 */
export function planStageChange(
  state: StageState,
  target: ProjectStage,
  at: IsoDate,
  reason: string | null | undefined,
  today: IsoDate,
): StageChange {
  if (at > today) throw new ValidationFailed('at', 'date_in_future', { params: { today } });
  if (state.stage === 'terminated')
    throw new StateConflict(
      'terminated',
      'a terminated project takes no more stage changes',
      'project_terminated',
    );
  const previousDate = currentStageDate(state);
  if (at < previousDate) {
    throw new ValidationFailed(
      'at',
      `must not be before the date of the current stage "${state.stage}" (${previousDate})`,
      {
        code: 'date_before',
        params: {
          fieldLabel: target === 'negotiating' ? 'talksStartedAt' : STAGE_DATE_FIELD[target],
          other: state.stage === 'negotiating' ? 'talksStartedAt' : STAGE_DATE_FIELD[state.stage],
          otherDate: previousDate,
        },
      },
    );
  }
  const trimmedReason = reason?.trim() || null;
  if (target === 'terminated') {
    if (!trimmedReason)
      throw new ValidationFailed('reason', 'reason_required', {
        params: { purpose: '终止项目须说明原因', purposeEn: 'to terminate a project' },
      });
    return {
      stage: 'terminated',
      dates: { terminatedAt: at },
      reached: ['terminated'],
      reason: trimmedReason,
    };
  }
  const from = PIPELINE.indexOf(state.stage as PipelineStage);
  const to = PIPELINE.indexOf(target);
  if (to <= from) {
    throw new StateConflict(
      state.stage,
      `stages only move forward (${PIPELINE.slice(from + 1).join(', ') || 'none left'}) or to terminated`,
      'stage_order',
      { target },
    );
  }
  const reached = PIPELINE.slice(from + 1, to + 1) as Exclude<PipelineStage, 'negotiating'>[];
  const dates: Partial<Record<DateField, IsoDate>> = {};
  for (const stage of reached) dates[STAGE_DATE_FIELD[stage]] = at;
  return { stage: target, dates, reached, reason: trimmedReason };
}
