import type {
  ProjectRouteView,
  RouteItem,
  RouteStageView,
  RouteTemplateDetail,
  RouteTemplateInput as RouteTemplateBody,
  RouteTemplateItem,
  RouteTemplateStage,
  RouteTemplateSummary,
  RouteTemplateVersion,
} from '@luodi/contracts';
import { http } from './http';

export {
  DEFAULT_ROUTE_STAGE_NAMES,
  ROUTE_STAGES,
  ROUTE_STAGE_LABELS,
  type RouteStage,
  type RouteStageStatus,
} from '@luodi/domain';
export type {
  ProjectRouteView,
  RouteItem,
  RouteStageView,
  RouteTemplateDetail,
  RouteTemplateItem,
  RouteTemplateStage,
  RouteTemplateSummary,
  RouteTemplateVersion,
};

/** A template version as sent (api.md): named stages in order, items with the items of their stage they follow. */
export type RouteTemplateInput = RouteTemplateBody & { targetDays: number; active: boolean };

const segment = (value: string) => encodeURIComponent(value);

/** Approval routes (审批路线): templates (admin) and a project's route. */
export const routesApi = {
  templates: () => http.get<RouteTemplateSummary[]>('/route-templates'),
  template: (id: string) => http.get<RouteTemplateDetail>(`/route-templates/${segment(id)}`),
  createTemplate: (body: RouteTemplateInput) => http.post<RouteTemplateDetail>('/route-templates', body),
  /** Editing (PUT) creates the template's next version (versions already applied never change). */
  newVersion: (id: string, body: RouteTemplateInput) =>
    http.put<RouteTemplateDetail>(`/route-templates/${segment(id)}`, body),
  projectRoute: (projectId: string) => http.get<ProjectRouteView>(`/projects/${segment(projectId)}/route`),
  apply: (projectId: string, body: { templateId?: string; replace?: boolean }) =>
    http.post<ProjectRouteView>(`/projects/${segment(projectId)}/route`, body),
  addItem: (projectId: string, body: { itemCode: string; stage: number; after: string[] }) =>
    http.post<ProjectRouteView>(`/projects/${segment(projectId)}/route/items`, body),
  dropItem: (projectId: string, milestoneId: string) =>
    http.delete<ProjectRouteView>(`/projects/${segment(projectId)}/route/items/${segment(milestoneId)}`),
};
