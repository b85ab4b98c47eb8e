import type { ForecastGanttItem, ProjectForecast } from '@luodi/contracts';
import { http } from './http';

export type { ForecastGanttItem, ProjectForecast };

/** The start forecast of a project (预计开工). */
export const forecastApi = {
  project: (projectId: string) =>
    http.get<ProjectForecast>(`/projects/${encodeURIComponent(projectId)}/forecast`),
};
