import { PIPELINE, PROJECT_STAGES, type ProjectStage } from '@luodi/domain';

/**
 * Project pipeline stages (domain §2) as the UI shows them: order, colours, and which stages a project
 * may move to next (forward one or more, or terminated with a reason).
 */
export { PROJECT_STAGES, type ProjectStage } from '@luodi/domain';
export const PIPELINE_STAGES = PIPELINE;
export type TargetStage = Exclude<ProjectStage, 'negotiating'>;

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

/** Element Plus tag type per stage: grey talks, blue signed, amber registered, green started/operating. */
export const STAGE_TAG_TYPE: Readonly<Record<ProjectStage, TagType>> = {
  negotiating: 'info',
  signed: 'primary',
  registered: 'warning',
  started: 'success',
  operating: 'success',
  full_production: 'success',
  terminated: 'danger',
};

/** The date field of each stage on a project (talks start for negotiating). */
export const STAGE_DATE_FIELD = {
  negotiating: 'talksStartedAt',
  signed: 'signedAt',
  registered: 'registeredAt',
  started: 'startedAt',
  operating: 'operatingAt',
  full_production: 'fullProductionAt',
  terminated: 'terminatedAt',
} as const satisfies Record<ProjectStage, string>;

export function isProjectStage(value: unknown): value is ProjectStage {
  return typeof value === 'string' && (PROJECT_STAGES as readonly string[]).includes(value);
}

/** The stages a project in `stage` may move to: every later pipeline stage, then terminated. */
export function nextStages(stage: ProjectStage): TargetStage[] {
  if (stage === 'terminated') return [];
  const index = PIPELINE_STAGES.indexOf(stage);
  return [...(PIPELINE_STAGES.slice(index + 1) as TargetStage[]), 'terminated'];
}

/** The stage right after this one in the pipeline (the usual choice), or null at the end. */
export function defaultNextStage(stage: ProjectStage): TargetStage | null {
  const next = nextStages(stage);
  return next.length && next[0] !== 'terminated' ? next[0]! : (next[0] ?? null);
}

type StageDates = Partial<Record<(typeof STAGE_DATE_FIELD)[ProjectStage], string | null>>;

/** The date of the stage a project is in now (the earliest day a stage change may carry). */
export function currentStageDate(project: StageDates & { stage: ProjectStage }): string | null {
  return project[STAGE_DATE_FIELD[project.stage]] ?? project.talksStartedAt ?? null;
}
