import type { KeyWorkRow } from '../api/projects';
import { filterUrl, switchField, textField } from '../utils/list-query';

/**
 * 重点工程's own filters in the address, beside its year and the cockpit's drill-down keys
 * (/key-works?year=2025&q=…&missing=1): a search over project and lead department, and "only those
 * missing a report".
 */
export interface KeyWorkFilters {
  q: string;
  missing: boolean;
}
export const keyWorkBlank = (): KeyWorkFilters => ({ q: '', missing: false });
export const keyWorkUrl = filterUrl(keyWorkBlank, { q: textField, missing: switchField });

/** Whether a key work's row matches the filters. */
export function keyWorkMatches(
  row: Pick<KeyWorkRow, 'projectName' | 'projectCode' | 'leadDepartmentName' | 'missingReports'>,
  filters: KeyWorkFilters,
): boolean {
  const text = filters.q.trim().toLowerCase();
  return (
    (!filters.missing || row.missingReports.length > 0) &&
    (!text ||
      [row.projectName, row.projectCode, row.leadDepartmentName ?? ''].some((value) =>
        value.toLowerCase().includes(text),
      ))
  );
}
