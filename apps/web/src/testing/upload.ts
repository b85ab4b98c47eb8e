import { flushPromises, type VueWrapper } from '@vue/test-utils';

/**
 * Sends a file the way the page's upload does (its `ElUpload`'s `http-request`), and lets the answer
 * settle: what a spec calls in place of choosing a file.
 */
export function uploadOf(wrapper: Pick<VueWrapper, 'getComponent'>): (name: string) => Promise<void> {
  const upload = wrapper.getComponent({ name: 'ElUpload' });
  const httpRequest = upload.props('httpRequest') as (options: { file: File }) => Promise<void>;
  return async (name) => {
    await httpRequest({ file: new File(['x'], name) });
    await flushPromises();
  };
}
