import { createRouter, createWebHistory, type Router, type RouteRecordRaw } from 'vue-router';
import { ALL_ROLES, decideNavigation } from './auth/access';
import type { AuthStore } from './auth/auth-store';

const ADMIN = ['admin'] as const;
/** Who enters projects and their actuals (the bureau, admins). */
const EDITORS = ['admin', 'bureau'] as const;
/** Who imports approval steps by project code (a department: its own items only). */
const STEP_IMPORTERS = ['admin', 'bureau', 'department'] as const;
/** Who follows 督办 (escalated alerts): leadership, the bureau and admins (domain §5). */
const ESCALATION = ['leader', 'bureau', 'admin'] as const;

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('./views/LoginView.vue'),
    meta: { titleKey: 'login.title', public: true },
  },
  // "/" is each role's own home page (decided by the guard once the session is known).
  { path: '/', component: () => import('./views/NotFoundView.vue'), meta: { home: true, roles: ALL_ROLES } },
  {
    path: '/cockpit',
    component: () => import('./views/cockpit/CockpitView.vue'),
    meta: { titleKey: 'nav.cockpit', roles: ALL_ROLES },
  },
  // The meeting-room big screen: full screen, without the app shell.
  {
    path: '/screen',
    component: () => import('./views/screen/ScreenView.vue'),
    meta: { titleKey: 'screen.title', roles: ALL_ROLES, bare: true },
  },
  {
    path: '/projects',
    component: () => import('./views/ProjectsView.vue'),
    meta: { titleKey: 'nav.projects', roles: ALL_ROLES },
  },
  {
    path: '/projects/:id',
    component: () => import('./views/ProjectDetailView.vue'),
    meta: { titleKey: 'layout.projectDetail', parent: '/projects', roles: ALL_ROLES },
  },
  {
    path: '/key-works',
    component: () => import('./views/KeyWorksView.vue'),
    meta: { titleKey: 'nav.keyWorks', roles: ALL_ROLES },
  },
  {
    path: '/commitments',
    component: () => import('./views/commitments/CommitmentsView.vue'),
    meta: { titleKey: 'commitments.nav.list', roles: ALL_ROLES },
  },
  {
    path: '/commitments/import',
    component: () => import('./views/commitments/ActualsImportView.vue'),
    meta: { titleKey: 'commitments.nav.import', parent: '/commitments', roles: EDITORS },
  },
  {
    path: '/approvals/import',
    component: () => import('./views/approvals/MilestoneImportView.vue'),
    meta: { titleKey: 'approvals.stepImport.title', parent: '/approvals', roles: STEP_IMPORTERS },
  },
  {
    path: '/approvals',
    component: () => import('./views/approvals/ApprovalInboxView.vue'),
    // The filters are read from the address by the page itself (inbox-query.ts).
    props: (route) => ({
      projectId: typeof route.query.projectId === 'string' ? route.query.projectId : undefined,
    }),
    meta: { titleKey: 'nav.approvals', roles: ALL_ROLES },
  },
  {
    path: '/alerts',
    component: () => import('./views/alerts/AlertInboxView.vue'),
    meta: { titleKey: 'nav.alerts', roles: ALL_ROLES },
  },
  {
    path: '/alerts/escalated',
    component: () => import('./views/alerts/EscalatedAlertsView.vue'),
    meta: { titleKey: 'alerts.nav.escalated', parent: '/alerts', roles: ESCALATION },
  },
  {
    path: '/problems',
    component: () => import('./views/dispatch/ProblemsView.vue'),
    meta: { titleKey: 'dispatch.nav.problems', roles: ALL_ROLES },
  },
  {
    path: '/meetings',
    component: () => import('./views/dispatch/MeetingsView.vue'),
    meta: { titleKey: 'dispatch.nav.meetings', roles: ESCALATION },
  },
  {
    path: '/meetings/:id',
    component: () => import('./views/dispatch/MeetingView.vue'),
    meta: { titleKey: 'dispatch.nav.meetings', roles: ESCALATION, parent: '/meetings' },
  },
  {
    path: '/notices',
    component: () => import('./views/dispatch/NoticesView.vue'),
    meta: { titleKey: 'dispatch.nav.notices', roles: ALL_ROLES },
  },
  { path: '/system', redirect: '/system/status' },
  {
    path: '/system/status',
    component: () => import('./views/system/SystemStatusView.vue'),
    meta: { titleKey: 'status.title', sectionKey: 'nav.system', roles: ALL_ROLES },
  },
  {
    path: '/system/users',
    component: () => import('./views/system/UsersView.vue'),
    meta: { titleKey: 'users.title', sectionKey: 'nav.system', roles: ADMIN },
  },
  {
    path: '/system/departments',
    component: () => import('./views/system/DepartmentsView.vue'),
    meta: { titleKey: 'departments.title', sectionKey: 'nav.system', roles: ADMIN },
  },
  {
    path: '/system/catalog',
    component: () => import('./views/system/ApprovalCatalogView.vue'),
    meta: { titleKey: 'approvals.catalog.title', sectionKey: 'nav.system', roles: ADMIN },
  },
  {
    path: '/system/routes',
    component: () => import('./views/system/RouteTemplatesView.vue'),
    meta: { titleKey: 'routes.admin.title', sectionKey: 'nav.system', roles: ADMIN },
  },
  {
    path: '/system/calendar',
    component: () => import('./views/system/CalendarView.vue'),
    meta: { titleKey: 'approvals.calendar.title', sectionKey: 'nav.system', roles: ADMIN },
  },
  {
    path: '/system/settings',
    component: () => import('./views/system/SettingsView.vue'),
    meta: { titleKey: 'approvals.settings.title', sectionKey: 'nav.system', roles: ADMIN },
  },
  {
    path: '/system/deliveries',
    component: () => import('./views/system/DeliveriesView.vue'),
    meta: { titleKey: 'alerts.nav.deliveries', sectionKey: 'nav.system', roles: ADMIN },
  },
  {
    path: '/system/audit',
    component: () => import('./views/system/AuditView.vue'),
    meta: { titleKey: 'audit.title', sectionKey: 'nav.system', roles: ['admin', 'leader'] },
  },
  {
    path: '/:pathMatch(.*)*',
    component: () => import('./views/NotFoundView.vue'),
    meta: { titleKey: 'notFound.title', roles: ALL_ROLES },
  },
];

/**
 * Every route but /login needs a session: the guard waits for the session to be restored, sends a
 * visitor without one to /login?redirect=…, and "/" to the role's home. A page the role may not open
 * is still navigated to; the layout shows the 403 page in its place (the address stays).
 */
export function installGuards(router: Router, auth: Pick<AuthStore, 'ready' | 'role'>): void {
  router.beforeEach(async (to) => {
    await auth.ready();
    const decision = decideNavigation(to, auth.role.value);
    switch (decision.action) {
      case 'login':
        return { path: '/login', query: decision.redirect ? { redirect: decision.redirect } : {} };
      case 'redirect':
        return decision.to;
      default:
        return true;
    }
  });
}

export function createAppRouter(auth?: Pick<AuthStore, 'ready' | 'role'>): Router {
  // History mode: the API serves index.html for every client route.
  const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes });
  if (auth) installGuards(router, auth);
  return router;
}
