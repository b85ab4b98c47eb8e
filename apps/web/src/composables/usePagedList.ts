import { reactive, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router';
import { errorMessage } from '../utils/errors';

/** One page of a list as the API answers it. */
export interface PageOf<T> {
  items: T[];
  total: number;
}

/** The loading state every list page shows: rows, a spinner, a "could not load" message. */
export interface LoadedList<T> {
  rows: ShallowRef<T[]>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
  /** Loads again; an answer that arrives after a newer request was sent is dropped (one guard). */
  load: () => Promise<void>;
}

/**
 * Runs `fetch` with one guard against stale answers: only the newest request writes rows, error and the
 * spinner. `fetch` returns the rows (or `undefined` to keep them, e.g. when it has nothing to ask).
 */
export function useLoadedList<T>(fetch: () => Promise<T[] | undefined>): LoadedList<T> {
  const rows = shallowRef<T[]>([]) as ShallowRef<T[]>;
  return { rows, ...useNewestAnswer(fetch, (answer) => (rows.value = answer)) };
}

/** `useLoadedList` for one page of a list: rows and total, both written by the newest answer only. */
export function useLoadedPage<T>(fetch: () => Promise<PageOf<T>>): LoadedList<T> & { total: Ref<number> } {
  const rows = shallowRef<T[]>([]) as ShallowRef<T[]>;
  const total = ref(0);
  const state = useNewestAnswer(fetch, (answer) => {
    rows.value = answer.items;
    total.value = answer.total;
  });
  return { rows, total, ...state };
}

/** The one guard: `write` takes only the newest request's answer (an `undefined` answer is skipped). */
function useNewestAnswer<A>(
  fetch: () => Promise<A | undefined>,
  write: (answer: A) => void,
): Omit<LoadedList<never>, 'rows'> {
  const loading = ref(false);
  const error = ref<string | null>(null);
  let seq = 0;
  async function load(): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    try {
      const answer = await fetch();
      if (mine !== seq) return;
      if (answer) write(answer);
      error.value = null;
    } catch (failure) {
      if (mine === seq) error.value = errorMessage(failure);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }
  return { loading, error, load };
}

/** A paged list's state as `usePagedList` (or a live list) returns it: `PagedTable :list` reads and pages it. */
export interface PagedState {
  rows: Readonly<Ref<readonly unknown[]>>;
  total: Readonly<Ref<number>>;
  page: Ref<number>;
  pageSize: Ref<number>;
  loading: Readonly<Ref<boolean>>;
  error: Readonly<Ref<string | null>>;
}

/** How a list's applied filters are carried by the address (as the cockpit does with `cockpit-query.ts`). */
export interface FilterUrl<F> {
  /** The filters an address names (anything malformed falls back to its default). */
  read: (query: LocationQuery) => F;
  /** The address of some filters (only what differs from the defaults). */
  write: (filters: F) => LocationQueryRaw;
  /** The address keys the filters use (`filterUrl` names them; other keys of an address are someone else's). */
  keys?: readonly string[];
}

export interface PagedListOptions<T, F extends object> {
  /** One page for the applied filters. */
  fetch: (filters: F, page: number, pageSize: number) => Promise<PageOf<T>>;
  /** The blank filters (what `reset` goes back to). */
  filters?: () => F;
  pageSize?: number;
  /** Apply a filter as soon as it changes (selects, switches); otherwise `search()` applies them. */
  autoApply?: boolean;
  /** Keep the applied filters in the address (`search` replaces the query; a new address applies it). */
  url?: FilterUrl<F>;
  /** With `url`: the page too (`page=N` from page 2 on), so a reload or back/forward shows the same page. */
  pageInUrl?: boolean;
  /** Load on creation (default true). */
  immediate?: boolean;
}

export interface PagedList<T, F extends object> extends LoadedList<T> {
  total: Ref<number>;
  page: Ref<number>;
  pageSize: Ref<number>;
  /** The filters being edited. */
  filters: F;
  /** The filters of the rows shown (paging keeps them while the inputs are being edited). */
  applied: Ref<F>;
  /** Applies the edited filters from the first page. */
  search: () => void;
  /** Back to the blank filters, from the first page. */
  reset: () => void;
}

const copy = <F extends object>(value: F): F => ({ ...value });

/**
 * A paged list: filters, page and page size, one guard against stale answers and (optionally) the
 * filters in the address. A page or page-size change loads again (a new size goes back to page 1).
 */
export function usePagedList<T, F extends object = Record<string, never>>(
  options: PagedListOptions<T, F>,
): PagedList<T, F> {
  const blank = options.filters ?? (() => ({}) as F);
  const withPage = options.pageInUrl === true;
  // A new address of the same page (back, a drill-down, a shared link) applies its filters (and page).
  const address = options.url
    ? useFilterAddress(pagedUrl(options.url), (next) => {
        if (withPage && sameAs(next)) return;
        Object.assign(filters, next.filters);
        show(next.filters, withPage ? next.page : 1);
      })
    : null;
  const initial = address?.initial ?? { filters: blank(), page: 1 };
  const filters = reactive(copy(initial.filters)) as F;
  const applied = ref(copy(initial.filters)) as Ref<F>;
  const page = ref(withPage ? initial.page : 1);
  const pageSize = ref(options.pageSize ?? 20);

  const { total, ...list } = useLoadedPage<T>(() => options.fetch(applied.value, page.value, pageSize.value));

  watch([page, pageSize], ([, size], [, oldSize]) => {
    if (size !== oldSize && page.value !== 1) page.value = 1;
    else {
      if (withPage) address?.push({ filters: applied.value, page: page.value });
      void list.load();
    }
  });

  const sameAs = (next: Paged<F>) =>
    next.page === page.value && JSON.stringify(next.filters) === JSON.stringify(applied.value);

  /** Shows some filters from a page (loading once: a page change loads through the watch above). */
  function show(next: F, from: number): void {
    applied.value = copy(next);
    if (page.value !== from) page.value = from;
    else void list.load();
  }

  function search(): void {
    const next = copy(filters);
    if (address) address.push({ filters: next, page: 1 });
    else show(next, 1);
  }

  function reset(): void {
    Object.assign(filters, blank());
    search();
  }

  if (options.autoApply)
    watch(
      () => ({ ...filters }),
      () => search(),
      { deep: true },
    );
  if (options.immediate !== false) void list.load();

  return { ...list, total, page, pageSize, filters, applied, search, reset };
}

/** Some filters and the page they are shown from. */
interface Paged<F> {
  filters: F;
  page: number;
}

/** A list's address with its page: `page=N` from page 2 on (anything else is page 1). */
function pagedUrl<F>(url: FilterUrl<F>): FilterUrl<Paged<F>> {
  return {
    read: (query) => {
      const raw = Array.isArray(query.page) ? query.page[0] : query.page;
      const page = Number(raw);
      return { filters: url.read(query), page: Number.isInteger(page) && page > 1 ? page : 1 };
    },
    write: ({ filters, page }) => ({ ...url.write(filters), ...(page > 1 ? { page: String(page) } : {}) }),
  };
}

/**
 * A list's filters kept in the address: `initial` is what the address names now, `push` writes some
 * filters to it (replacing the query), and `onAddress` runs with the filters of every new address of
 * the same page (a push, back/forward, a drill-down link).
 */
export function useFilterAddress<F>(
  url: FilterUrl<F>,
  onAddress: (next: F) => void,
): { initial: F; push: (next: F) => void } {
  const route = useRoute();
  const router = useRouter();
  const path = route.path;
  watch(
    () => route.fullPath,
    () => {
      if (route.path === path) onAddress(url.read(route.query));
    },
  );
  return {
    initial: url.read(route.query),
    push: (next) => void router.replace({ path, query: url.write(next) }),
  };
}

/**
 * The filters of a list that is filtered where it is shown (all its rows loaded): each change is written
 * to the address at once (keeping the address's other keys, e.g. a drill-down's), and a new address of
 * the page (back/forward, a link) shows its filters.
 */
export function useAddressFilters<F extends object>(url: FilterUrl<F>): F {
  const route = useRoute();
  const router = useRouter();
  const path = route.path;
  const filters = reactive(url.read(route.query)) as F;
  // What the filters mean in the address (typing a trailing space changes nothing there).
  const meaning = (value: F) => JSON.stringify(url.write(value));
  watch(
    () => meaning(filters),
    () => {
      const others = Object.entries(route.query).filter(([key]) => !url.keys?.includes(key));
      void router.replace({ path, query: { ...Object.fromEntries(others), ...url.write(filters) } });
    },
  );
  watch(
    () => route.fullPath,
    () => {
      const next = url.read(route.query);
      if (route.path === path && meaning(next) !== meaning(filters)) Object.assign(filters, next);
    },
  );
  return filters;
}

/**
 * A live list's load: a reload asked for while one runs is done once it ends (a burst of stream
 * messages gives two loads, never overlapping ones). `fetch` writes its own rows; `error` holds the
 * failure of the last run (cleared by a success).
 */
export function useQueuedLoad(fetch: () => Promise<void>): {
  loading: Ref<boolean>;
  error: Ref<string | null>;
  load: () => Promise<void>;
} {
  const loading = ref(false);
  const error = ref<string | null>(null);
  let queued = false;
  async function load(): Promise<void> {
    if (loading.value) {
      queued = true;
      return;
    }
    loading.value = true;
    try {
      do {
        queued = false;
        await fetch();
        error.value = null;
      } while (queued);
    } catch (failure) {
      error.value = errorMessage(failure);
    } finally {
      loading.value = false;
    }
  }
  return { loading, error, load };
}
