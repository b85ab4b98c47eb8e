import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { computed } from 'vue';
import type { ProjectDetail } from '../../api/projects';
import { createAppI18n } from '../../i18n';
import { dateRefusal, dateRule } from '../../utils/date-rules';
import { todayInDistrict } from '../../utils/datetime';

const api = vi.hoisted(() => ({ addFunds: vi.fn(), create: vi.fn(), changeStage: vi.fn() }));
vi.mock('../../api/projects', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../api/projects')>();
  return {
    ...actual,
    projectsApi: { ...actual.projectsApi, ...api },
    lookupsApi: { list: vi.fn(async () => ({ items: [] })) },
  };
});
vi.mock('../../auth/roles-ui', () => ({
  useRoleFlags: () => ({
    canEdit: computed(() => true),
    canExport: computed(() => true),
    canAudit: computed(() => false),
  }),
}));

const { default: ProjectFundsCard } = await import('./ProjectFundsCard.vue');

function addDays(date: string, days: number): string {
  const moment = new Date(`${date}T00:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return moment.toISOString().slice(0, 10);
}

const today = todayInDistrict();

/** Type a date into an Element Plus date picker the way a clerk does: text, then leave the field. */
async function typeDate(wrapper: ReturnType<typeof mount>, testId: string, text: string): Promise<void> {
  const input = wrapper.get(`[data-testid="${testId}"] input`);
  await input.setValue(text);
  await input.trigger('change');
  await input.trigger('blur');
  await flushPromises();
}

const project = (overrides: Partial<ProjectDetail> = {}) =>
  ({
    id: '7',
    code: '2026-ZS-007',
    name: '新能源材料项目',
    stage: 'signed',
    contractAmount: '50000.00',
    fundsArrived: '0.00',
    talksStartedAt: addDays(today, -40),
    signedAt: addDays(today, -30),
    funds: [],
    stageEvents: [],
    keyWorks: [],
    ...overrides,
  }) as unknown as ProjectDetail;

describe('a refused typed date is never replaced: the form says why and sends nothing', () => {
  it('dateRefusal names the field and the rule, with the other date', () => {
    const t = createAppI18n('zh-CN').global.t as (key: string, named?: Record<string, unknown>) => string;
    expect(
      dateRefusal(t, 'projects.signedAt', '2026-12-06', {
        earliest: { labelKey: 'projects.talksStartedAt', date: '2026-12-07' },
        today: '2026-12-31',
      }),
    ).toBe('签约日期不能早于洽谈开始日期 2026-12-07');
    expect(dateRefusal(t, 'projects.signedAt', '2027-01-01', { today: '2026-12-31' })).toBe(
      '签约日期不能晚于今天 2026-12-31',
    );
    expect(dateRefusal(t, 'projects.signedAt', '2026-12-07', { today: '2026-12-31' })).toBeNull();
  });

  it('funds: a future date typed stays typed, the reason is shown, nothing is sent or emitted', async () => {
    api.addFunds.mockReset();
    const wrapper = mount(ProjectFundsCard, {
      props: { project: project() },
      global: { plugins: [createAppI18n('zh-CN')] },
    });
    await wrapper.get('input[data-testid="funds-amount"]').setValue('100');
    const tomorrow = addDays(today, 1);
    await typeDate(wrapper, 'funds-date', tomorrow);
    expect((wrapper.get('[data-testid="funds-date"] input').element as HTMLInputElement).value).toBe(
      tomorrow,
    );
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(api.addFunds).not.toHaveBeenCalled();
    expect(wrapper.get('[data-testid="funds-error"]').text()).toBe(`到位日期不能晚于今天 ${today}`);
    expect(wrapper.emitted('changed')).toBeUndefined();
    // The typed date was not replaced by today.
    expect((wrapper.get('[data-testid="funds-date"] input').element as HTMLInputElement).value).toBe(
      tomorrow,
    );

    const beforeSigning = addDays(today, -31);
    await typeDate(wrapper, 'funds-date', beforeSigning);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(api.addFunds).not.toHaveBeenCalled();
    expect(wrapper.get('[data-testid="funds-error"]').text()).toBe(
      `到位日期不能早于签约日期 ${addDays(today, -30)}`,
    );
    wrapper.unmount();
  });

  it('project form rule: a signing date before talks started fails with the reason', async () => {
    const t = createAppI18n('zh-CN').global.t as (key: string, named?: Record<string, unknown>) => string;
    const rule = dateRule(t, 'projects.signedAt', () => ({
      labelKey: 'projects.talksStartedAt',
      date: addDays(today, -10),
    }));
    const outcome = await new Promise<Error | undefined>((resolve) =>
      (rule.validator as (rule: unknown, value: string, callback: (error?: Error) => void) => void)(
        rule,
        addDays(today, -12),
        resolve,
      ),
    );
    expect(outcome?.message).toBe(`签约日期不能早于洽谈开始日期 ${addDays(today, -10)}`);
  });
});
