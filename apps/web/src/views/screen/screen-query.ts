import type { CockpitFilters } from '@luodi/contracts';
import type { LocationQuery } from 'vue-router';

const first = (value: LocationQuery[string]): string | undefined => {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' && one.trim() ? one.trim() : undefined;
};

/**
 * The big screen's figures: `?year=` (default the district's current year) and `?source=`, always as
 * of now; anything malformed is ignored.
 */
export function screenFilters(query: LocationQuery, currentYear: number): CockpitFilters & { year: number } {
  const year = first(query.year);
  const source = first(query.source);
  return {
    year: year && /^\d{4}$/.test(year) ? Number(year) : currentYear,
    ...(source ? { source } : {}),
  };
}
