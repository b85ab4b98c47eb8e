import { describe, expect, it } from 'vitest';
import { hasOpenForm, holdOpenForm, requestSignIn, settleSignIn, signInAsked } from './reauth';

describe('signing in again without losing a form', () => {
  it('counts open forms; one question is shared by every caller and answered once', async () => {
    expect(hasOpenForm()).toBe(false);
    const release = holdOpenForm();
    const other = holdOpenForm();
    expect(hasOpenForm()).toBe(true);
    release();
    release(); // twice is once
    expect(hasOpenForm()).toBe(true);
    other();
    expect(hasOpenForm()).toBe(false);

    const first = requestSignIn();
    const second = requestSignIn();
    expect(signInAsked.value).toBe(true);
    settleSignIn(true);
    await expect(first).resolves.toBe(true);
    await expect(second).resolves.toBe(true);
    expect(signInAsked.value).toBe(false);

    const again = requestSignIn();
    settleSignIn(false);
    await expect(again).resolves.toBe(false);
  });
});
