import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppI18n } from '../../i18n';
import ImportDialog from './ImportDialog.vue';
import ImportErrorTable from './ImportErrorTable.vue';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const badRows = {
  statusCode: 400,
  error: 'Bad Request',
  message: 'import: 2 bad rows',
  rows: [
    { row: 3, field: 'contractAmount', column: '合同投资额（万元）', message: 'must be a decimal amount' },
    { row: 5, field: 'leadDepartment', column: '责任单位（名称或代码）', message: 'unknown department' },
  ],
};

describe('ImportErrorTable', () => {
  it('lists every bad row with its column and message', async () => {
    const wrapper = mount(ImportErrorTable, {
      props: { rows: badRows.rows },
      global: { plugins: [createAppI18n('zh-CN')] },
    });
    await flushPromises();
    const text = wrapper.text();
    const rowCells = wrapper.findAll('tbody tr').map((row) => row.find('td').text());
    expect(rowCells).toEqual(['3', '5']);
    expect(text).toContain('以下行有误，未导入任何数据');
    expect(text).toContain('合同投资额（万元）');
    expect(text).toContain('must be a decimal amount');
    expect(text).toContain('unknown department');
    wrapper.unmount();
  });
});

describe('ImportDialog', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  async function mountDialog(locale: 'zh-CN' | 'en' = 'zh-CN') {
    const wrapper = mount(ImportDialog, {
      props: { modelValue: true },
      global: { plugins: [createAppI18n(locale)] },
      attachTo: document.body,
    });
    await flushPromises();
    return wrapper;
  }

  async function choose(file: File) {
    const input = document.querySelector<HTMLInputElement>(
      '[data-testid="import-upload"] input[type="file"]',
    );
    expect(input).not.toBeNull();
    Object.defineProperty(input!, 'files', { value: [file], configurable: true });
    input!.dispatchEvent(new Event('change'));
    await flushPromises();
  }

  it('posts the file and shows the error table of a refused import', async () => {
    const fetchMock = vi.fn(async () => json(400, badRows));
    vi.stubGlobal('fetch', fetchMock);
    const wrapper = await mountDialog();
    await choose(new File(['x'], 'projects.xlsx'));
    await vi.waitFor(() => expect(document.querySelector('[data-testid="import-errors"]')).not.toBeNull());
    const table = document.querySelector('[data-testid="import-errors"]')!.textContent ?? '';
    expect(table).toContain('unknown department');
    const firstCells = [
      ...document.querySelectorAll('[data-testid="import-errors"] tbody tr td:first-child'),
    ].map((cell) => cell.textContent?.trim());
    expect(firstCells).toEqual(['3', '5']);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/projects/import');
    expect(init.method).toBe('POST');
    expect(init.body).toBeInstanceOf(FormData);
    expect((init.body as FormData).get('file')).toBeInstanceOf(File);
    expect(wrapper.emitted('imported')).toBeUndefined();
    wrapper.unmount();
  });

  it('reports the count and closes after a successful import', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(201, { imported: 7 })),
    );
    const wrapper = await mountDialog('en');
    await choose(new File(['x'], 'projects.xlsx'));
    await vi.waitFor(() => expect(wrapper.emitted('imported')).toEqual([[7]]));
    expect(wrapper.emitted('update:modelValue')).toEqual([[false]]);
    expect(document.body.textContent).toContain('7 projects imported');
    wrapper.unmount();
  });
});
