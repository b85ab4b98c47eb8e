import { ApiError } from '../api/http';

/** The message to show for a failed call: the server's own words (400/409/… envelopes), else the error's. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message || error.error;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The stable `code` of an API error's envelope (e.g. `funds_over_contract`), or null. */
export function errorCode(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const code = (error.body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : null;
}
