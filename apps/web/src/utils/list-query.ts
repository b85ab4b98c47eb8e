import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { FilterUrl } from '../composables/usePagedList';

/** The longest search text a list sends (the API refuses more than 100 characters). */
export const MAX_SEARCH_LENGTH = 100;

/** One value of the address (the first when repeated), trimmed; '' when absent. */
export function queryText(query: LocationQuery, key: string): string {
  const value = query[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** A list filter's value in the address: text, a number or a switch. */
type FilterValue = string | number | boolean;

/** Reads one filter from its text in the address; `undefined` (malformed) falls back to the blank value. */
export type FieldReader<V> = (raw: string) => V | undefined;

/** Free text (the search box): at most 100 characters. */
export const textField: FieldReader<string> = (raw) => raw.slice(0, MAX_SEARCH_LENGTH);
/** One of a value list. */
export const choiceField =
  <V extends string | number>(choices: readonly V[]): FieldReader<V> =>
  (raw) =>
    choices.find((choice) => String(choice) === raw);
/** A switch: `1` / `0`. */
export const switchField: FieldReader<boolean> = (raw) =>
  raw === '1' ? true : raw === '0' ? false : undefined;

/**
 * How a list's filters live in the address: each field read by its reader (anything malformed or absent
 * is the blank value) and written only when it differs from the blank (switches as `1` / `0`).
 */
export function filterUrl<F extends { [K in keyof F]: FilterValue }>(
  blank: () => F,
  readers: { [K in keyof F]: FieldReader<F[K]> },
): FilterUrl<F> {
  const keys = Object.keys(readers) as Array<keyof F & string>;
  return {
    read: (query) => {
      const filters = blank();
      for (const key of keys) {
        const raw = queryText(query, key);
        const value = raw ? readers[key](raw) : undefined;
        if (value !== undefined) filters[key] = value;
      }
      return filters;
    },
    write: (filters) => {
      const defaults = blank();
      const query: LocationQueryRaw = {};
      for (const key of keys) {
        const value = filters[key];
        if (value === defaults[key]) continue;
        if (typeof value === 'boolean') query[key] = value ? '1' : '0';
        else if (typeof value === 'string') {
          if (value.trim()) query[key] = value.trim();
        } else query[key] = String(value);
      }
      return query;
    },
    keys,
  };
}

/** A list whose only filter is its search box (users, departments). */
export interface SearchFilters {
  q: string;
}
export const searchBlank = (): SearchFilters => ({ q: '' });
/** `?q=…` in the address. */
export const searchUrl = filterUrl(searchBlank, { q: textField });
