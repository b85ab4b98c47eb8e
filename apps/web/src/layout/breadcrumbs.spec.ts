import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter, type RouteMeta } from 'vue-router';
import { createAppI18n } from '../i18n';
import { routes } from '../router';
import { breadcrumbsOf, type Crumb } from './breadcrumbs';

const router = createRouter({ history: createMemoryHistory(), routes });
const metaOf = (path: string) => router.resolve(path).meta;
const crumbsAt = (path: string) => breadcrumbsOf(router.resolve(path), metaOf);
const i18n = createAppI18n();
const words = (crumbs: Crumb[], locale: 'zh-CN' | 'en' = 'zh-CN') => {
  i18n.global.locale.value = locale;
  return crumbs.map((crumb) => `${i18n.global.t(crumb.labelKey)}${crumb.to ? `→${crumb.to}` : ''}`);
};

describe('breadcrumbs from the routes', () => {
  it('a menu page: 首页 and the page', () => {
    expect(words(crumbsAt('/cockpit'))).toEqual(['首页→/', '驾驶舱']);
    expect(words(crumbsAt('/alerts?level=3'))).toEqual(['首页→/', '预警']);
  });

  it("a project's page sits under 项目, 督办 under 预警, linked", () => {
    expect(words(crumbsAt('/projects/42'))).toEqual(['首页→/', '项目→/projects', '项目详情']);
    expect(words(crumbsAt('/alerts/escalated'))).toEqual(['首页→/', '预警→/alerts', '督办']);
  });

  it('system pages show their section, without a link', () => {
    expect(words(crumbsAt('/system/users'))).toEqual(['首页→/', '系统', '用户管理']);
    expect(words(crumbsAt('/system/audit'), 'en')).toEqual(['Home→/', 'System', 'Audit log']);
  });

  it('none on the sign-in page or the home redirect', () => {
    expect(crumbsAt('/login')).toEqual([]);
    expect(crumbsAt('/')).toEqual([]);
  });

  it('every page of the shell has breadcrumbs whose words exist in both languages', () => {
    for (const route of routes) {
      const meta = route.meta as RouteMeta | undefined;
      if (!meta?.titleKey || meta.public || meta.bare) continue;
      const path = route.path.replace(':id', '1').replace('/:pathMatch(.*)*', '/nowhere');
      const crumbs = crumbsAt(path);
      expect(crumbs.length, path).toBeGreaterThanOrEqual(2);
      expect(crumbs.at(-1)).toEqual({ labelKey: meta.titleKey });
      for (const crumb of crumbs)
        for (const locale of ['zh-CN', 'en'] as const)
          expect(i18n.global.te(crumb.labelKey, locale), `${crumb.labelKey} (${locale})`).toBe(true);
    }
  });

  it('a mistaken cycle of parents ends', () => {
    const metas: Record<string, RouteMeta> = {
      '/a': { titleKey: 'nav.projects', parent: '/b' },
      '/b': { titleKey: 'nav.alerts', parent: '/a' },
    };
    expect(breadcrumbsOf({ path: '/a', meta: metas['/a']! }, (path) => metas[path]!)).toEqual([
      { labelKey: 'layout.home', to: '/' },
      { labelKey: 'nav.alerts', to: '/b' },
      { labelKey: 'nav.projects' },
    ]);
  });
});
