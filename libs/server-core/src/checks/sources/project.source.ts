import { addCalendarDays, projectConditions } from '@luodi/domain';
import { ProjectRepository } from '@luodi/persistence';
import { type CheckContext, judgeEach, SubjectSource } from '../subject-source';

/** not_registered, not_started: signed or registered projects that have not moved on in time. */
@SubjectSource('project')
export class ProjectConditionSource {
  constructor(private readonly projects: ProjectRepository) {}

  async conditions({ today, settings }: CheckContext, unresolvedIds: readonly string[]) {
    const projectFacts = await this.projects.stallFacts(
      addCalendarDays(today, -settings.notRegisteredDays),
      addCalendarDays(today, -settings.notStartedDays),
      [...unresolvedIds],
    );
    return judgeEach(projectFacts, (project) => projectConditions(project, today, settings));
  }
}
