import type { Page } from '../../api/admin';
import type { Alert } from '../../api/alerts';

/**
 * The 督办 list from its two unresolved statuses (open, acknowledged): one list, the latest escalation
 * first, at most `limit` rows; the total counts both.
 */
export function mergeEscalated(pages: ReadonlyArray<Page<Alert>>, limit: number): Page<Alert> {
  const seen = new Set<string>();
  const items = pages
    .flatMap((page) => page.items)
    .filter((alert) => alert.status !== 'resolved' && !seen.has(alert.id) && seen.add(alert.id))
    .sort((a, b) => Date.parse(b.levelSince) - Date.parse(a.levelSince) || a.id.localeCompare(b.id));
  return { items: items.slice(0, limit), total: pages.reduce((sum, page) => sum + page.total, 0) };
}
