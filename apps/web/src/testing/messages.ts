import { expect } from 'vitest';

/** Every leaf key of a message tree, dotted (`alerts.kinds.stall`). */
export function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

/** A message file pair: zh-CN and en have the same keys, all under the one top-level key `root`. */
export function expectSameKeys(root: string, zhCN: object, en: object): void {
  expect(Object.keys(zhCN)).toEqual([root]);
  expect(keysOf(en).sort()).toEqual(keysOf(zhCN).sort());
  for (const key of keysOf(zhCN)) expect(key).not.toBe('');
}
