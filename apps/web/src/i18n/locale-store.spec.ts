import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppI18n, messages } from './index';
import { createLocaleStore, LOCALE_STORAGE_KEY } from './locale-store';
import { keysOf } from '../testing/messages';

describe('locale store', () => {
  beforeEach(() => {
    window.localStorage.clear();
    document.documentElement.lang = '';
  });
  afterEach(() => window.localStorage.clear());

  function makeStore() {
    const i18n = createAppI18n();
    const store = createLocaleStore({ i18n, storage: window.localStorage, document });
    return { i18n, store };
  }

  it('starts in zh-CN when nothing is remembered', () => {
    const { i18n, store } = makeStore();
    expect(store.locale.value).toBe('zh-CN');
    expect(i18n.global.locale.value).toBe('zh-CN');
    expect(i18n.global.t('nav.projects')).toBe('项目');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(store.elementLocale.value.name).toBe('zh-cn');
  });

  it('switches vue-i18n, Element Plus and <html lang>, and remembers the choice', () => {
    const { i18n, store } = makeStore();
    store.setLocale('en');
    expect(store.locale.value).toBe('en');
    expect(i18n.global.t('nav.projects')).toBe('Projects');
    expect(store.elementLocale.value.name).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
  });

  it('restores the remembered choice in a new session', () => {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    const { i18n, store } = makeStore();
    expect(store.locale.value).toBe('en');
    expect(i18n.global.locale.value).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('ignores an unknown remembered value', () => {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'fr');
    expect(makeStore().store.locale.value).toBe('zh-CN');
  });

  it('still switches when storage refuses to be written', () => {
    const i18n = createAppI18n();
    const storage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const store = createLocaleStore({ i18n, storage, document: null });
    store.setLocale('en');
    expect(i18n.global.locale.value).toBe('en');
  });
});

describe('messages', () => {
  it('have the same keys in every locale', () => {
    expect(keysOf(messages.en).sort()).toEqual(keysOf(messages['zh-CN']).sort());
  });
});
