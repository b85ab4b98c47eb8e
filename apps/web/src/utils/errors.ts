import { ApiError } from '../api/http';
import { i18n } from '../i18n/locale-store';

/**
 * The message to show for a failed call, in the UI's language: the server's own words (its error
 * envelope, answered in the language sent as Accept-Language), else the web's label for the failure
 * (no connection, an answer that is no envelope, an error of the page itself) — never raw English.
 */
export function errorMessage(error: unknown): string {
  const { t, te } = i18n.global;
  if (error instanceof ApiError) {
    if (error.isNetworkError) return t('errors.network');
    if (error.fromServer && error.message) return error.message;
    const key = `errors.status.${error.statusCode}`;
    return te(key) ? t(key) : t('errors.unexpected');
  }
  return t('errors.unexpected');
}

/** The stable `code` of an API error's envelope (e.g. `funds_over_contract`), or null. */
export function errorCode(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const code = (error.body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : null;
}
