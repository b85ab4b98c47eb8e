import { expect } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';

/** The text of the element marked `data-testid="<testId>"` (fails when there is none). */
export function textOf(wrapper: Pick<VueWrapper, 'get'>, testId: string): string {
  return wrapper.get(`[data-testid="${testId}"]`).text();
}

/** The texts of several marked elements, by test id: `expect(textsOf(wrapper, ids)).toEqual({ id: '8', … })`. */
export function textsOf(
  wrapper: Pick<VueWrapper, 'get'>,
  testIds: readonly string[],
): Record<string, string> {
  return Object.fromEntries(testIds.map((testId) => [testId, textOf(wrapper, testId)]));
}

/** Expects each marked element's text to be the one given: `expectTexts(wrapper, { 'kpi-signed': '8', … })`. */
export function expectTexts(wrapper: Pick<VueWrapper, 'get'>, expected: Record<string, string>): void {
  expect(textsOf(wrapper, Object.keys(expected))).toEqual(expected);
}

/** Expects an element's text to contain each of the parts given. */
export function expectTextContains(element: { text: () => string }, parts: readonly string[]): void {
  const text = element.text();
  for (const part of parts) expect(text).toContain(part);
}
