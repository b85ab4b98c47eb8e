import { describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { settle } from '../testing/settle';
import { useLoadedList, usePagedList, type PageOf } from './usePagedList';

/** A fetch the test answers by hand, in any order. */
function controlledFetch<T>() {
  const calls: Array<{ args: unknown[]; resolve: (page: PageOf<T>) => void; reject: (e: Error) => void }> =
    [];
  const fetch = vi.fn(
    (...args: unknown[]) =>
      new Promise<PageOf<T>>((resolve, reject) => {
        calls.push({ args, resolve, reject });
      }),
  );
  return { fetch, calls };
}

describe('usePagedList', () => {
  it('keeps only the newest answer when an older one arrives late', async () => {
    const { fetch, calls } = controlledFetch<string>();
    const list = effectScope().run(() => usePagedList<string>({ fetch }))!;
    await settle();
    list.page.value = 2;
    await settle();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve({ items: ['page 2'], total: 30 });
    await settle();
    calls[0]!.resolve({ items: ['page 1 (late)'], total: 30 });
    await settle();
    expect(list.rows.value).toEqual(['page 2']);
    expect(list.total.value).toBe(30);
    expect(list.loading.value).toBe(false);
  });

  it('applies the edited filters only on search, from the first page; a new page size goes back to page 1', async () => {
    const { fetch, calls } = controlledFetch<string>();
    const list = effectScope().run(() =>
      usePagedList<string, { q: string }>({ fetch, filters: () => ({ q: '' }), pageSize: 20 }),
    )!;
    await settle();
    list.page.value = 3;
    await settle();
    list.filters.q = 'road';
    list.page.value = 4;
    await settle();
    // Paging keeps the applied filters while the inputs are being edited.
    expect(calls.at(-1)!.args).toEqual([{ q: '' }, 4, 20]);

    list.search();
    await settle();
    expect(calls.at(-1)!.args).toEqual([{ q: 'road' }, 1, 20]);

    list.page.value = 2;
    await settle();
    list.pageSize.value = 50;
    await settle();
    expect(calls.at(-1)!.args).toEqual([{ q: 'road' }, 1, 50]);

    list.reset();
    await settle();
    expect(list.filters.q).toBe('');
    expect(calls.at(-1)!.args).toEqual([{ q: '' }, 1, 50]);
  });

  it('shows the failure of the newest request and clears it on the next success', async () => {
    const { fetch, calls } = controlledFetch<string>();
    const list = effectScope().run(() => usePagedList<string>({ fetch }))!;
    await settle();
    calls[0]!.reject(new Error('boom'));
    await settle();
    // A failure that is not the server's answer is shown as the generic message (utils/errors.ts).
    expect(list.error.value).toBeTruthy();
    void list.load();
    await settle();
    calls[1]!.resolve({ items: ['a'], total: 1 });
    await settle();
    expect(list.error.value).toBeNull();
    expect(list.rows.value).toEqual(['a']);
  });
});

describe('useLoadedList', () => {
  it('drops a stale answer and keeps the rows when fetch has nothing to say', async () => {
    const answers: Array<(rows: string[] | undefined) => void> = [];
    const list = useLoadedList<string>(() => new Promise((resolve) => answers.push(resolve)));
    void list.load();
    void list.load();
    answers[1]!(['new']);
    await settle();
    answers[0]!(['old']);
    await settle();
    expect(list.rows.value).toEqual(['new']);
    void list.load();
    answers[2]!(undefined);
    await settle();
    expect(list.rows.value).toEqual(['new']);
  });
});
