import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../i18n';
import FutureAsOfAlert from './FutureAsOfAlert.vue';

function mountAlert(date: string | null, locale: 'zh-CN' | 'en' = 'zh-CN') {
  return mount(FutureAsOfAlert, {
    props: { date, today: '2026-11-25' },
    global: { plugins: [createAppI18n(locale)] },
  });
}
const alertOf = (wrapper: ReturnType<typeof mountAlert>) =>
  wrapper.find('[data-testid="cockpit-future-as-of"]');

describe('FutureAsOfAlert: a future as-of date in the address is said, not silently replaced', () => {
  it('names the refused date and today, in Chinese', () => {
    const text = alertOf(mountAlert('2026-12-31')).text();
    expect(text).toContain('2026-12-31');
    expect(text).toContain('晚于今天');
    expect(text).toContain('2026-11-25');
  });

  it('and in English', () => {
    const text = alertOf(mountAlert('2026-12-31', 'en')).text();
    expect(text).toMatch(/2026-12-31 in the address is in the future/);
    expect(text).toContain('as of today (2026-11-25)');
  });

  it('shows nothing without a refused date, and can be closed', async () => {
    expect(alertOf(mountAlert(null)).exists()).toBe(false);
    const wrapper = mountAlert('2026-12-31');
    await wrapper.get('.el-alert__close-btn').trigger('click');
    expect(wrapper.emitted('close')).toHaveLength(1);
  });
});
