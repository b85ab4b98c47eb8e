import type { RouteStageStatus } from '@luodi/domain';
import type { Milestone } from './approvals';

/** An item of a route template version: its stage and the items of the same stage it follows. */
export interface RouteTemplateItem {
  itemCode: string;
  itemName: string;
  departmentName: string;
  promisedDays: number;
  statutoryDays: number;
  stage: number;
  after: string[];
}

/** One version of a route template (immutable once created). */
export interface RouteTemplateVersion {
  id: string;
  /** The id of the template's first version, shared by all its versions. */
  templateKey: string;
  name: string;
  version: number;
  targetDays: number;
  active: boolean;
  createdBy: string | null;
  createdAt: string;
}

/** A template in the admin list: its newest version. */
export interface RouteTemplateSummary extends RouteTemplateVersion {
  versions: number;
  items: number;
  /** Projects whose route was applied from any version of it. */
  projects: number;
}

/** A stage of a template: its position (1-based, the order of `stages`), its name and its items. */
export interface RouteTemplateStage {
  stage: number;
  /** e.g. 立项用地规划许可. */
  name: string;
  items: RouteTemplateItem[];
}

/**
 * `GET /api/route-templates/:id` (and the answer of `POST`/`PUT`): the version, its items by stage
 * (the shape the template is sent in) and every version of the template.
 */
export interface RouteTemplateDetail extends RouteTemplateVersion {
  stages: RouteTemplateStage[];
  versions: RouteTemplateVersion[];
}

/**
 * The body of `POST /api/route-templates` and `PUT /api/route-templates/:id` (a new version): stage n
 * is the n-th entry of `stages` (at most four); `after` names items of the same stage.
 */
export interface RouteTemplateInput {
  name: string;
  targetDays?: number;
  active?: boolean;
  stages: Array<{ name: string; items: Array<{ itemCode: string; after?: string[] }> }>;
}

/** An item on a project's route: its milestone (the approval clock's state, deadline and light). */
export interface RouteItem {
  stage: number;
  after: string[];
  promisedDays: number;
  statutoryDays: number;
  /** Its stage is ready and the items it follows are decided. */
  ready: boolean;
  milestone: Milestone;
}

export interface RouteStageView {
  stage: number;
  /** The stage's name in the template the route was applied from. */
  name: string;
  status: RouteStageStatus;
  /** Items in an order consistent with `after`. */
  items: RouteItem[];
  /** Items of this stage the caller does not see (a department sees its own milestones only). */
  hiddenItems: number;
}

/** `GET /api/projects/:id/route`. `applied` false: no route yet (stages empty). */
export interface ProjectRouteView {
  projectId: string;
  applied: boolean;
  templateId: string | null;
  templateKey: string | null;
  templateName: string | null;
  templateVersion: number | null;
  appliedAt: string | null;
  targetDays: number | null;
  /** Working days from the first submission/acceptance to the last decision (all decided) or today. */
  usedWorkingDays: number;
  startedOn: string | null;
  finished: boolean;
  overTarget: boolean;
  stages: RouteStageView[];
  /** Milestones of the project not on its route (visible to the caller). */
  offRoute: Milestone[];
}
