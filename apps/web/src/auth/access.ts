import type { RouteLocationNormalized, RouteMeta } from 'vue-router';
import { ROLES, type Role } from './types';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (also used for the browser tab). */
    titleKey?: string;
    /** Open without a session (the login page). Every other route needs one. */
    public?: boolean;
    /** The roles that may open the page; a route without it is closed to everyone (deny by default). */
    roles?: readonly Role[];
    /** Stands for "the signed-in user's home page" (`/`). */
    home?: boolean;
    /** Rendered alone, without the app shell (nav and header): the big screen. */
    bare?: boolean;
    /** The page above this one in the breadcrumbs (its path; its own title is the crumb). */
    parent?: string;
    /** i18n key of the menu section the page is in (a crumb without a link, e.g. 系统). */
    sectionKey?: string;
  }
}

export const ALL_ROLES: readonly Role[] = ROLES;

/** Where each role lands after signing in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  leader: '/cockpit',
  department: '/approvals',
  bureau: '/projects',
  admin: '/system/status',
};

export function homeFor(role: Role): string {
  return HOME_BY_ROLE[role];
}

/** Whether a role may open a route with this meta (public routes: anyone). */
export function canOpen(meta: Pick<RouteMeta, 'public' | 'roles'>, role: Role | null | undefined): boolean {
  if (meta.public) return true;
  if (!role) return false;
  return meta.roles?.includes(role) ?? false;
}

export type NavigationDecision =
  | { action: 'allow' }
  | { action: 'forbidden' }
  | { action: 'redirect'; to: string }
  | { action: 'login'; redirect?: string };

/**
 * What the router does with a navigation: sign in first, go home, show the 403 page, or open it.
 * Pure: the guard and the layout (which renders the 403 page in place) both ask it.
 */
export function decideNavigation(
  to: Pick<RouteLocationNormalized, 'fullPath' | 'meta'>,
  role: Role | null | undefined,
): NavigationDecision {
  if (to.meta.public) return role ? { action: 'redirect', to: homeFor(role) } : { action: 'allow' };
  if (!role) return to.meta.home ? { action: 'login' } : { action: 'login', redirect: to.fullPath };
  if (to.meta.home) return { action: 'redirect', to: homeFor(role) };
  return canOpen(to.meta, role) ? { action: 'allow' } : { action: 'forbidden' };
}

/** A `redirect` query value that is a path inside this app (never another site, never /login). */
export function safeRedirect(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/login/')) return null;
  return value;
}
