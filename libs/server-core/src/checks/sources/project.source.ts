import { Injectable } from '@nestjs/common';
import {
  addCalendarDays,
  type Condition,
  IDLE_LAND_DAYS,
  idleLandConditions,
  projectConditions,
} from '@luodi/domain';
import { ProjectRepository } from '@luodi/persistence';
import {
  type CheckContext,
  type ConditionSource,
  type SourceConditions,
  SubjectSource,
} from '../subject-source';

/**
 * not_registered, not_started: signed or registered projects that have not moved on in time; idle_land:
 * land supplied and not built on.
 */
@Injectable()
@SubjectSource('project')
export class ProjectConditionSource implements ConditionSource {
  constructor(private readonly projects: ProjectRepository) {}

  async conditions(
    { today, settings }: CheckContext,
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
    // Unresolved subjects now terminated are evaluated with no condition: their alerts resolve.
    for (const id of unresolvedIds) if (!seen.has(id) && !evaluated.includes(id)) evaluated.push(id);
    return { evaluated, conditions };
  }
}
