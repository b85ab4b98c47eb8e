import type { Language } from 'element-plus/es/locale';
import elementEn from 'element-plus/es/locale/lang/en';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';
import { computed, readonly, ref } from 'vue';
import { setLanguageProvider } from '../api/http';
import { createAppI18n, DEFAULT_LOCALE, isAppLocale, type AppI18n, type AppLocale } from './index';

/** Where the browser remembers the chosen language. */
export const LOCALE_STORAGE_KEY = 'luodi.locale';

const elementLocales: Record<AppLocale, Language> = { 'zh-CN': elementZhCn, en: elementEn };

export interface LocaleStoreOptions {
  i18n: AppI18n;
  /** Where the choice is kept; null to keep it in memory only. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Whose `<html lang>` follows the choice; null for none. */
  document?: Pick<Document, 'documentElement'> | null;
}

function readStored(storage: LocaleStoreOptions['storage']): AppLocale {
  try {
    const stored = storage?.getItem(LOCALE_STORAGE_KEY);
    return isAppLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    // Storage may be disabled (privacy settings): fall back to the default.
    return DEFAULT_LOCALE;
  }
}

/**
 * The UI language: zh-CN unless the browser remembered another choice. Switching updates vue-i18n,
 * Element Plus's locale (through `elementLocale`), `<html lang>` and the remembered choice.
 */
export function createLocaleStore(options: LocaleStoreOptions) {
  const { i18n } = options;
  const storage = options.storage ?? null;
  const doc = options.document ?? null;
  const locale = ref<AppLocale>(readStored(storage));

  function apply(): void {
    i18n.global.locale.value = locale.value;
    if (doc) doc.documentElement.lang = locale.value;
  }

  function setLocale(next: AppLocale): void {
    if (!isAppLocale(next)) return;
    locale.value = next;
    try {
      storage?.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Not remembered, but still switched for this page.
    }
    apply();
  }

  apply();
  return {
    locale: readonly(locale),
    elementLocale: computed(() => elementLocales[locale.value]),
    setLocale,
  };
}

export type LocaleStore = ReturnType<typeof createLocaleStore>;

function browserStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** The app's i18n instance, starting in the remembered language. */
export const i18n = createAppI18n(readStored(browserStorage()));
// Every API call asks for its messages in the UI's language (Accept-Language).
setLanguageProvider(() => i18n.global.locale.value);

let appStore: LocaleStore | null = null;

/** The app-wide locale store (created on first use). */
export function useLocale(): LocaleStore {
  appStore ??= createLocaleStore({
    i18n,
    storage: browserStorage(),
    document: typeof document === 'undefined' ? null : document,
  });
  return appStore;
}
