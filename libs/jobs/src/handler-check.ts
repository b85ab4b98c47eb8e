import { ALL_JOB_NAMES } from './jobs';

/**
 * Boot-time check: every job name has exactly one handler and no handler serves an unknown name.
 * Returns the problems found (empty when all is well).
 */
export function checkJobHandlers(registered: readonly string[]): string[] {
  const problems: string[] = [];
  const counts = new Map<string, number>();
  for (const name of registered) counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const name of ALL_JOB_NAMES) {
    const count = counts.get(name) ?? 0;
    if (count === 0) problems.push(`job "${name}" has no handler`);
    if (count > 1) problems.push(`job "${name}" has ${count} handlers`);
  }
  for (const name of counts.keys()) {
    if (!(ALL_JOB_NAMES as readonly string[]).includes(name))
      problems.push(`handler for unknown job "${name}"`);
  }
  return problems;
}
