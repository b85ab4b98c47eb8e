import { describe, expect, it } from 'vitest';
import type { RouteMeta } from 'vue-router';
import { routes } from '../router';
import { canOpen, decideNavigation, homeFor, safeRedirect } from './access';
import { ROLES, type Role } from './types';

const metaOf = (path: string): RouteMeta => {
  const route = routes.find((candidate) => candidate.path === path);
  if (!route) throw new Error(`no route ${path}`);
  return route.meta ?? {};
};
const at = (fullPath: string, meta: RouteMeta) => ({ fullPath, meta });
const openers = (path: string) => ROLES.filter((role) => canOpen(metaOf(path), role));

describe('route access', () => {
  it('opens the business pages and system status to every role', () => {
    for (const path of ['/cockpit', '/projects', '/key-works', '/approvals', '/alerts', '/system/status']) {
      expect(openers(path), path).toEqual([...ROLES]);
    }
  });

  it('keeps users and departments to admins, and the audit log to admins and leaders', () => {
    expect(openers('/system/users')).toEqual(['admin']);
    expect(openers('/system/departments')).toEqual(['admin']);
    expect(openers('/system/audit')).toEqual(['admin', 'leader']);
  });

  it('declares roles on every route but /login (deny by default)', () => {
    for (const route of routes) {
      if (route.redirect) continue;
      if (route.path === '/login') expect(route.meta?.public).toBe(true);
      else expect(route.meta?.roles?.length, route.path).toBeGreaterThan(0);
    }
    expect(canOpen({}, 'admin')).toBe(false);
    expect(canOpen({ roles: ['admin'] }, null)).toBe(false);
  });

  it('sends a visitor without a session to /login with the page to return to', () => {
    expect(decideNavigation(at('/projects?stage=signed', metaOf('/projects')), null)).toEqual({
      action: 'login',
      redirect: '/projects?stage=signed',
    });
    expect(decideNavigation(at('/', metaOf('/')), null)).toEqual({ action: 'login' });
    expect(decideNavigation(at('/login', metaOf('/login')), null)).toEqual({ action: 'allow' });
  });

  it("sends a signed-in user from / and /login to the role's home", () => {
    const homes: Record<Role, string> = {
      leader: '/cockpit',
      department: '/approvals',
      bureau: '/projects',
      admin: '/system/status',
    };
    for (const role of ROLES) {
      expect(homeFor(role)).toBe(homes[role]);
      expect(decideNavigation(at('/', metaOf('/')), role)).toEqual({ action: 'redirect', to: homes[role] });
      expect(decideNavigation(at('/login', metaOf('/login')), role)).toEqual({
        action: 'redirect',
        to: homes[role],
      });
    }
  });

  it('answers forbidden for a page the role may not open', () => {
    expect(decideNavigation(at('/system/users', metaOf('/system/users')), 'department')).toEqual({
      action: 'forbidden',
    });
    expect(decideNavigation(at('/system/audit', metaOf('/system/audit')), 'leader')).toEqual({
      action: 'allow',
    });
  });

  it('accepts only in-app paths as a redirect', () => {
    expect(safeRedirect('/projects?q=1')).toBe('/projects?q=1');
    for (const bad of [
      'https://evil.example',
      '//evil.example',
      '/\\evil',
      'projects',
      '/login',
      '/login?x=1',
      1,
    ]) {
      expect(safeRedirect(bad), String(bad)).toBeNull();
    }
  });
});
