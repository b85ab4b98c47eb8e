import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils';

/** Clicks the element with this data-testid and lets what it starts settle (the request, the re-render). */
export async function clickTestId(
  wrapper: Pick<VueWrapper, 'get'> | Pick<DOMWrapper<Element>, 'get'>,
  testId: string,
): Promise<void> {
  await wrapper.get(`[data-testid="${testId}"]`).trigger('click');
  await flushPromises();
}
