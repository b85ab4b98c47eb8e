import { ref, shallowRef } from 'vue';

/** A dialog opened for one row: `show(row)` keeps the row and opens it. */
export function useRowDialog<T>() {
  const open = ref(false);
  const row = shallowRef<T | null>(null);
  function show(value: T): void {
    row.value = value;
    open.value = true;
  }
  return { open, row, show };
}
