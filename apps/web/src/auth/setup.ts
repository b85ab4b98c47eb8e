import type { Router } from 'vue-router';
import { setAuthTokenProvider, setSessionRenewer, setUnauthorizedHandler } from '../api/http';
import type { AuthStore } from './auth-store';

/**
 * Connect the auth store to the API client and the router: every call carries the current token
 * (waiting for the start-up restore first), a 401 is renewed once and replayed, and a session that
 * ends on its own sends the user to /login with a "session expired" notice and the page to return to.
 */
export function connectAuth(auth: AuthStore, router: Router): void {
  setAuthTokenProvider(async () => {
    await auth.ready();
    return auth.token();
  });
  setSessionRenewer((rejectedToken) => auth.renew(rejectedToken));
  setUnauthorizedHandler(() => auth.handleUnauthorized());
  auth.onSessionEnded(() => {
    const current = router.currentRoute.value;
    if (current.meta.public) return;
    void router.replace({ path: '/login', query: { redirect: current.fullPath, expired: '1' } });
  });
}
