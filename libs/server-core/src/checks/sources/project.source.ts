import { Injectable } from '@nestjs/common';
import { addCalendarDays, type Condition, projectConditions } from '@luodi/domain';
import { ProjectRepository } from '@luodi/persistence';
import {
  type CheckContext,
  type ConditionSource,
  type SourceConditions,
  SubjectSource,
} from '../subject-source';

/** not_registered, not_started: signed or registered projects that have not moved on in time. */
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
    return { evaluated, conditions };
  }
}
