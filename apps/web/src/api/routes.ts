import type {
  ProjectRouteView,
  RouteItem,
  RouteStageView,
  RouteTemplateDetail,
  RouteTemplateItem,
  RouteTemplateSummary,
  RouteTemplateVersion,
} from '@luodi/contracts';
import { http } from './http';

export { ROUTE_STAGES, type RouteStage, type RouteStageStatus } from '@luodi/domain';
export type {
  ProjectRouteView,
  RouteItem,
  RouteStageView,
  RouteTemplateDetail,
  RouteTemplateItem,
  RouteTemplateSummary,
  RouteTemplateVersion,
};

/** A template version as sent: items with their stage and the items of their stage they follow. */
export interface RouteTemplateInput {
  name: string;
  targetDays: number;
  active: boolean;
  items: Array<{ itemCode: string; stage: number; after: string[] }>;
}

const segment = (value: string) => encodeURIComponent(value);

/** Approval routes (审批路线): templates (admin) and a project's route. */
export const routesApi = {
  templates: () => http.get<RouteTemplateSummary[]>('/route-templates'),
  template: (id: string) => http.get<RouteTemplateDetail>(`/route-templates/${segment(id)}`),
  createTemplate: (body: RouteTemplateInput) => http.post<RouteTemplateDetail>('/route-templates', body),
  /** Editing creates the template's next version (versions already applied never change). */
  newVersion: (id: string, body: RouteTemplateInput) =>
    http.post<RouteTemplateDetail>(`/route-templates/${segment(id)}/versions`, body),
  projectRoute: (projectId: string) => http.get<ProjectRouteView>(`/projects/${segment(projectId)}/route`),
  apply: (projectId: string, body: { templateId?: string; replace?: boolean }) =>
    http.post<ProjectRouteView>(`/projects/${segment(projectId)}/route`, body),
  addItem: (projectId: string, body: { itemCode: string; stage: number; after: string[] }) =>
    http.post<ProjectRouteView>(`/projects/${segment(projectId)}/route/items`, body),
  dropItem: (projectId: string, milestoneId: string) =>
    http.delete<ProjectRouteView>(`/projects/${segment(projectId)}/route/items/${segment(milestoneId)}`),
};
