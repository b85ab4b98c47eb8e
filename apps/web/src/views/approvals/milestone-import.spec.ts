import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createAppI18n } from '../../i18n';
import { importRefused } from '../../testing/api-errors';
import { uploadOf } from '../../testing/upload';

/** 审批环节导入: the shared ImportPanel with the row error table, and what a good file did. */
const api = vi.hoisted(() => ({ import: vi.fn(), template: vi.fn() }));
vi.mock('../../api/milestone-import', () => ({ milestoneImportApi: api }));

const { default: MilestoneImportView } = await import('./MilestoneImportView.vue');

describe('MilestoneImportView', () => {
  it('lists every bad row of a refused file, then says what a good one recorded and skipped', async () => {
    const wrapper = mount(MilestoneImportView, { global: { plugins: [createAppI18n()] } });
    expect(wrapper.text()).toContain('按项目代码导入审批环节');
    const upload = uploadOf(wrapper);
    api.import.mockRejectedValueOnce(
      importRefused('有 2 处错误，未导入任何行', [
        { row: 3, column: '项目代码', message: '没有该项目代码的项目' },
        { row: 4, column: '受理时间', message: '只有已收件的材料才能受理' },
      ]),
    );
    await upload('steps.xlsx');
    const errors = wrapper.get('[data-testid="import-errors"]').text();
    expect(errors).toContain('没有该项目代码的项目');
    expect(errors).toContain('受理时间');

    api.import.mockResolvedValueOnce({ rows: 3, imported: 0, skipped: 8, createdMilestones: 0 });
    await upload('steps.xlsx');
    expect(wrapper.find('[data-testid="import-errors"]').exists()).toBe(false);
    const done = wrapper.get('[data-testid="milestone-steps-imported"]').text();
    expect(done).toContain('新记录 0 条');
    expect(done).toContain('8 条已存在');
  });
});
