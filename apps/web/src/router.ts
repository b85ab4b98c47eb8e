import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (also used for the browser tab). */
    titleKey?: string;
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/system/status' },
  { path: '/cockpit', component: () => import('./views/CockpitView.vue'), meta: { titleKey: 'nav.cockpit' } },
  {
    path: '/projects',
    component: () => import('./views/ProjectsView.vue'),
    meta: { titleKey: 'nav.projects' },
  },
  {
    path: '/key-works',
    component: () => import('./views/KeyWorksView.vue'),
    meta: { titleKey: 'nav.keyWorks' },
  },
  {
    path: '/approvals',
    component: () => import('./views/ApprovalsView.vue'),
    meta: { titleKey: 'nav.approvals' },
  },
  { path: '/alerts', component: () => import('./views/AlertsView.vue'), meta: { titleKey: 'nav.alerts' } },
  { path: '/system', redirect: '/system/status' },
  {
    path: '/system/status',
    component: () => import('./views/system/SystemStatusView.vue'),
    meta: { titleKey: 'status.title' },
  },
  {
    path: '/:pathMatch(.*)*',
    component: () => import('./views/NotFoundView.vue'),
    meta: { titleKey: 'notFound.title' },
  },
];

export function createAppRouter() {
  // History mode: the API serves index.html for every client route.
  return createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes });
}
