import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router';
import { useAuth } from '../auth/auth-store';
import { createAppI18n } from '../i18n';
import { routes } from '../router';
import LoginView from './LoginView.vue';

const Stub = defineComponent({ render: () => h('div') });

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const signedIn = (role: string) => ({
  accessToken: 'access-1',
  expiresIn: 900,
  refreshToken: 'r',
  refreshExpiresIn: 86_400,
  user: {
    id: '4',
    username: 'dept',
    displayName: '李四',
    role,
    departmentId: '3',
    departmentName: '自然资源局',
    enabled: true,
  },
});

async function mountLogin(query: Record<string, string> = {}, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const router = createRouter({
    history: createMemoryHistory(),
    // The app's routes and their roles, with stand-in pages.
    routes: routes.map((route) =>
      route.redirect ? route : { ...route, component: Stub },
    ) as RouteRecordRaw[],
  });
  await router.push({ path: '/login', query });
  const wrapper = mount(LoginView, {
    global: { plugins: [createAppI18n(locale), router] },
    attachTo: document.body,
  });
  return { wrapper, router };
}

const byId = (id: string) => `[data-testid="${id}"]`;

async function fillAndSubmit(
  wrapper: Awaited<ReturnType<typeof mountLogin>>['wrapper'],
  username: string,
  password: string,
) {
  await wrapper.get(`input${byId('login-username')}`).setValue(username);
  await wrapper.get(`input${byId('login-password')}`).setValue(password);
  await wrapper.get('form').trigger('submit');
  await flushPromises();
}

describe('LoginView', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
    await useAuth().logout();
  });

  it('asks for both fields, in Chinese or English, without calling the server', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined); // async-validator reports each miss
    const zh = await mountLogin();
    await fillAndSubmit(zh.wrapper, '', '');
    await vi.waitFor(() => expect(zh.wrapper.text()).toContain('请输入用户名'));
    expect(zh.wrapper.text()).toContain('请输入密码');
    zh.wrapper.unmount();

    const en = await mountLogin({}, 'en');
    await fillAndSubmit(en.wrapper, '', '');
    await vi.waitFor(() => expect(en.wrapper.text()).toContain('Please enter your username'));
    expect(en.wrapper.text()).toContain('Please enter your password');
    expect(fetchMock).not.toHaveBeenCalled();
    en.wrapper.unmount();
  });

  it("shows the server's message for a refused sign-in", async () => {
    const fetchMock = vi.fn(async () =>
      json(401, { statusCode: 401, error: 'Unauthorized', message: 'wrong username or password' }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const { wrapper, router } = await mountLogin();
    await fillAndSubmit(wrapper, 'admin', 'nope');
    await vi.waitFor(() => expect(wrapper.find(byId('login-error')).exists()).toBe(true));
    expect(wrapper.get(byId('login-error')).text()).toContain('wrong username or password');
    expect(router.currentRoute.value.path).toBe('/login');
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/login');
    expect(JSON.parse(init.body as string)).toEqual({ username: 'admin', password: 'nope' });
    wrapper.unmount();
  });

  it('shows the throttling message (429)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        json(429, {
          statusCode: 429,
          error: 'Too Many Requests',
          message: 'too many failed sign-ins; try again in 42 s',
        }),
      ),
    );
    const { wrapper } = await mountLogin();
    await fillAndSubmit(wrapper, 'admin', 'nope');
    await vi.waitFor(() => expect(wrapper.find(byId('login-error')).exists()).toBe(true));
    expect(wrapper.get(byId('login-error')).text()).toContain('try again in 42 s');
    wrapper.unmount();
  });

  it("goes to the role's home after signing in", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(200, signedIn('department'))),
    );
    const { wrapper, router } = await mountLogin();
    await fillAndSubmit(wrapper, 'dept', 'a long enough passphrase');
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/approvals'));
    expect(useAuth().user.value?.displayName).toBe('李四');
    wrapper.unmount();
  });

  it('goes back to the page asked for, unless the role may not open it', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(200, signedIn('leader'))),
    );
    const first = await mountLogin({ redirect: '/system/audit?entityType=user' });
    await fillAndSubmit(first.wrapper, 'leader', 'a long enough passphrase');
    await vi.waitFor(() =>
      expect(first.router.currentRoute.value.fullPath).toBe('/system/audit?entityType=user'),
    );
    first.wrapper.unmount();
    await useAuth().logout();

    const second = await mountLogin({ redirect: '/system/users' });
    await fillAndSubmit(second.wrapper, 'leader', 'a long enough passphrase');
    await vi.waitFor(() => expect(second.router.currentRoute.value.path).toBe('/cockpit'));
    second.wrapper.unmount();
  });

  it('says when the session expired', async () => {
    const { wrapper } = await mountLogin({ expired: '1', redirect: '/projects' });
    expect(wrapper.get(byId('login-expired')).text()).toContain('登录已过期');
    wrapper.unmount();
  });
});
