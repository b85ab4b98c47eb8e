import { readonly, ref } from 'vue';

/**
 * Signing in again without losing an open form. Form dialogs hold an "open form" while they are open;
 * when the session expires meanwhile, the app asks for the password in place (SessionSignInDialog)
 * instead of leaving for /login, and the call that found the session over is sent again once signed in.
 */
const openForms = ref(0);
const asking = ref(false);
let pending: Promise<boolean> | null = null;
let settle: ((signedIn: boolean) => void) | null = null;

/** Marks a form as open until the returned function is called (once). */
export function holdOpenForm(): () => void {
  openForms.value++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    openForms.value--;
  };
}

export const hasOpenForm = (): boolean => openForms.value > 0;

/**
 * Ask the user to sign in again (one question shared by every caller): resolves true once signed in,
 * false when they give up.
 */
export function requestSignIn(): Promise<boolean> {
  pending ??= new Promise<boolean>((resolve) => {
    asking.value = true;
    settle = (signedIn) => {
      asking.value = false;
      pending = null;
      settle = null;
      resolve(signedIn);
    };
  });
  return pending;
}

/** The sign-in dialog's answer: signed in again (true) or given up (false). */
export function settleSignIn(signedIn: boolean): void {
  settle?.(signedIn);
}

/** Whether the in-place sign-in is being asked for (drives the dialog). */
export const signInAsked = readonly(asking);
