import { Injectable } from '@nestjs/common';
import {
  addCalendarDays,
  type Condition,
  DomainError,
  type IsoDate,
  type WorkingCalendar,
  IDLE_LAND_DAYS,
  idleLandConditions,
  keyWorkStartMonth,
  projectConditions,
  ProjectStage,
  startAtRiskCondition,
} from '@luodi/domain';
import { ProjectRepository } from '@luodi/persistence';
import { ProjectForecaster } from '../../forecast/project-forecaster';
import {
  type CheckContext,
  type ConditionSource,
  type SourceConditions,
  SubjectSource,
} from '../subject-source';

/**
 * Monte-Carlo draws of the start_at_risk check's forecasts: fewer than the forecast page's 2000 (the
 * check forecasts every routed project not yet started in one run); the seed is the same, so the
 * dates differ from the page's by the sampling error of 500 draws only (a day or two on the P80).
 */
export const START_AT_RISK_DRAWS = 500;

/**
 * not_registered, not_started: signed or registered projects that have not moved on in time; idle_land:
 * land supplied and not built on; start_at_risk: the P80 start date of a routed project not yet
 * started is after its planned start date — or, without one, after the end of its key work's planned
 * start month of the current year (ProjectForecaster, routes-and-forecast §3).
 */
@Injectable()
@SubjectSource('project')
export class ProjectConditionSource implements ConditionSource {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly forecaster: ProjectForecaster,
  ) {}

  async conditions(
    { now, today, settings, calendar }: CheckContext,
    unresolvedIds: readonly string[],
  ): Promise<SourceConditions> {
    const evaluated: string[] = [];
    const conditions: Condition[] = [];
    const projectFacts = await this.projects.stallFacts(
      addCalendarDays(today, -settings.notRegisteredDays),
      addCalendarDays(today, -settings.notStartedDays),
      [...unresolvedIds],
    );
    for (const project of projectFacts) {
      evaluated.push(project.id);
      conditions.push(...projectConditions(project, today, settings));
    }
    // idle_land (供而未建, commitments.md §4): land supplied 180 days ago, not started.
    const seen = new Set(evaluated);
    for (const project of await this.projects.idleLandFacts(
      addCalendarDays(today, -IDLE_LAND_DAYS),
      unresolvedIds,
    )) {
      if (!seen.has(project.id)) evaluated.push(project.id);
      conditions.push(...idleLandConditions(project, today));
    }
    for (const id of await this.startAtRisk(now, today, calendar, unresolvedIds, conditions))
      if (!seen.has(id) && !evaluated.includes(id)) evaluated.push(id);
    // Unresolved subjects now terminated are evaluated with no condition: their alerts resolve.
    for (const id of unresolvedIds) if (!seen.has(id) && !evaluated.includes(id)) evaluated.push(id);
    return { evaluated, conditions };
  }

  /**
   * start_at_risk: forecast every project not started with a route and a planned start date or a key
   * work's planned start month of today's year (and the unresolved ones, which resolve once started,
   * terminated or no longer late); returns the projects evaluated and pushes their conditions. A
   * project whose route lacks CONSTRUCT has no forecast.
   */
  private async startAtRisk(
    now: Date,
    today: IsoDate,
    calendar: WorkingCalendar,
    unresolvedIds: readonly string[],
    conditions: Condition[],
  ): Promise<string[]> {
    // A key work's planned start month counts when it is a key work of the forecast's (today's) year.
    const year = Number(today.slice(0, 4));
    const facts = await this.projects.forecastFacts(unresolvedIds, year);
    const models = await this.forecaster.modelsFor(today);
    const evaluated: string[] = [];
    for (const project of facts) {
      evaluated.push(project.id);
      const plannedStartMonth = keyWorkStartMonth(year, project.keyWorkStartMonth);
      if (
        !project.routed ||
        project.startedAt ||
        project.stage === ProjectStage.terminated ||
        (!project.plannedStartDate && !plannedStartMonth)
      )
        continue;
      let run;
      try {
        run = await this.forecaster.forecast(
          project.id,
          { date: today, moment: now },
          { draws: START_AT_RISK_DRAWS, models, calendar },
        );
      } catch (error) {
        if (error instanceof DomainError) continue; // route without CONSTRUCT: nothing to forecast
        throw error;
      }
      const condition = startAtRiskCondition({
        projectId: project.id,
        leadDepartmentId: project.leadDepartmentId,
        plannedStartDate: project.plannedStartDate,
        plannedStartMonth,
        forecast: run.forecast,
      });
      if (!condition) continue;
      const binding = run.forecast.binding
        ? run.entries.find((entry) => entry.routeItem.code === run.forecast.binding!.code)
        : undefined;
      conditions.push({
        ...condition,
        detail: {
          ...condition.detail,
          bindingItemName: binding?.row.itemName ?? null,
          bindingDepartmentName: binding?.row.departmentName ?? null,
          bindingMilestoneId: binding?.row.id ?? null,
        },
      });
    }
    return evaluated;
  }
}
