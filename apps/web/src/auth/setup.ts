import type { Router } from 'vue-router';
import {
  setAuthTokenProvider,
  setReauthenticator,
  setSessionRenewer,
  setUnauthorizedHandler,
} from '../api/http';
import type { AuthStore } from './auth-store';
import { hasOpenForm, requestSignIn } from './reauth';

/**
 * Connect the auth store to the API client and the router: every call carries the current token
 * (waiting for the start-up restore first), a 401 is renewed once and replayed, and a session that
 * ends on its own sends the user to /login with a "session expired" notice and the page to return to —
 * unless a form is open: then the user signs in again in place, keeps the form, and the call that found
 * the session over is sent again.
 */
export function connectAuth(auth: AuthStore, router: Router): void {
  setAuthTokenProvider(async () => {
    await auth.ready();
    return auth.token();
  });
  setSessionRenewer((rejectedToken) => auth.renew(rejectedToken));
  setUnauthorizedHandler(() => auth.handleUnauthorized());
  const toLogin = () => {
    const current = router.currentRoute.value;
    if (current.meta.public) return;
    void router.replace({ path: '/login', query: { redirect: current.fullPath, expired: '1' } });
  };
  setReauthenticator(() => (hasOpenForm() ? requestSignIn() : Promise.resolve(false)));
  auth.onSessionEnded(() => {
    if (!hasOpenForm()) return toLogin();
    void requestSignIn().then(async (signedIn) => {
      if (signedIn) return;
      await auth.logout(); // forgets the user kept for the open form
      toLogin();
    });
  });
}
