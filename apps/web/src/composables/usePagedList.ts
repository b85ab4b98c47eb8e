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
  const route = options.url ? useRoute() : null;
  const router = options.url ? useRouter() : null;
  const path = route?.path;
  const initial = options.url && route ? options.url.read(route.query) : blank();
  const filters = reactive(copy(initial)) as F;
  const applied = ref(copy(initial)) as Ref<F>;
  const page = ref(1);
  const pageSize = ref(options.pageSize ?? 20);

  const { total, ...list } = useLoadedPage<T>(() => options.fetch(applied.value, page.value, pageSize.value));

  watch([page, pageSize], ([, size], [, oldSize]) => {
    if (size !== oldSize && page.value !== 1) page.value = 1;
    else void list.load();
  });

  function apply(next: F): void {
    applied.value = copy(next);
    if (page.value !== 1) page.value = 1;
    else void list.load();
  }

  function search(): void {
    const next = copy(filters);
    if (options.url && router && route)
      void router.replace({ path: route.path, query: options.url.write(next) });
    else apply(next);
  }

  function reset(): void {
    Object.assign(filters, blank());
    search();
  }

  if (options.url && route) {
    const url = options.url;
    watch(
      () => route.fullPath,
      () => {
        if (route.path !== path) return;
        const next = url.read(route.query);
        Object.assign(filters, next);
        apply(next);
      },
    );
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
