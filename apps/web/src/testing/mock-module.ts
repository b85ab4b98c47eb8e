/**
 * A `vi.mock` factory that keeps a module as it is but for some members of its exported objects:
 * `vi.mock('…/api/alerts', async (importOriginal) =>
 *   (await import('…/testing/mock-module')).withMembers(importOriginal, { alertsApi: { list } }))`.
 * Each named object keeps the members it is not given; a name the module lacks is added as given.
 */
export async function withMembers(
  importOriginal: <T>() => Promise<T>,
  replaced: Record<string, object>,
): Promise<Record<string, unknown>> {
  const actual = await importOriginal<Record<string, unknown>>();
  const result: Record<string, unknown> = { ...actual };
  for (const [name, members] of Object.entries(replaced)) {
    result[name] = { ...(actual[name] as object | undefined), ...members };
  }
  return result;
}
