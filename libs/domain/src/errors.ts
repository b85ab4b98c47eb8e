import type { Locale } from './value-lists';
import { type ErrorCode, type ErrorParams, isErrorCode, renderErrorMessage } from './error-catalog';

/**
 * Typed domain errors. Rule code throws these; the API maps each kind to one HTTP status in a single
 * exception filter. Every error has a stable `code` from the error catalog (libs/domain
 * error-catalog.ts) and the `params` its message needs; the filter renders the message in the
 * request's language. `message` (for logs) is the English rendering.
 */
export type DomainErrorKind =
  'validation' | 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'rate_limited';

/** The code of an error that names none: one per kind. */
const CODE_OF_KIND: Record<DomainErrorKind, ErrorCode> = {
  validation: 'bad_request',
  not_found: 'not_found',
  conflict: 'conflict',
  forbidden: 'forbidden',
  unauthorized: 'unauthorized',
  rate_limited: 'too_many_requests',
};

/**
 * `details` may carry `code` (an ErrorCode) and `params`; anything else in it (e.g. `rows`,
 * `retryAfterSeconds`, `limitRows`) is sent in the error body as is and is also a message parameter.
 */
export type ErrorDetails = Record<string, unknown> & { code?: ErrorCode; params?: ErrorParams };

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  /** What the body carries besides statusCode, error, code, params and message. */
  readonly details?: Record<string, unknown>;

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    details?: ErrorDetails,
  ) {
    super(message);
    this.name = new.target.name;
    const { code, params, ...extra } = details ?? {};
    this.code = isErrorCode(code) ? code : CODE_OF_KIND[kind];
    this.params = { ...scalarsOf(extra), ...(isErrorCode(code) ? {} : { detail: message }), ...params };
    this.details = Object.keys(extra).length ? extra : undefined;
  }

  /** An error whose message is the catalog's English one for `code` and `params`. */
  static coded(
    kind: DomainErrorKind,
    code: ErrorCode,
    params: ErrorParams = {},
    extra: Record<string, unknown> = {},
  ): DomainError {
    return new DomainError(kind, renderErrorMessage(code, { ...scalarsOf(extra), ...params }, 'en'), {
      ...extra,
      code,
      params,
    });
  }

  /** The message in a language. */
  messageIn(locale: Locale): string {
    return renderErrorMessage(this.code, this.params, locale);
  }
}

function scalarsOf(values: Record<string, unknown>): ErrorParams {
  const scalars: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      scalars[key] = value;
  }
  return scalars;
}

/**
 * Bad input: names the field and the rule. `rule` is an ErrorCode (its message names the field,
 * with `params`), or — for code that has no catalog entry yet — the rule in English words, answered
 * with the code `invalid_field` (or `params.code` / `details.code` when given).
 */
export class ValidationFailed extends DomainError {
  constructor(
    readonly field: string,
    rule: ErrorCode | (string & {}),
    details?: ErrorDetails,
  ) {
    const { code: given, params, ...extra } = details ?? {};
    const code: ErrorCode = isErrorCode(rule) ? rule : (given ?? 'invalid_field');
    const all: ErrorParams = { ...params, field, ...(isErrorCode(rule) ? {} : { rule }) };
    const message = isErrorCode(rule)
      ? renderErrorMessage(code, { ...scalarsOf(extra), ...all }, 'en')
      : `${field}: ${rule}`;
    super('validation', message, { ...extra, code, params: all });
  }
}

/** Absent — or not visible to the caller, which must look the same. */
export class NotFound extends DomainError {
  constructor(entity: string, id: string) {
    super('not_found', `${entity} ${id} not found`, { code: 'not_found', params: { entity, id } });
  }
}

/**
 * Not allowed in the current state: names the state and the rule. `code` says which rule (the
 * catalog's message for it speaks Chinese); the English `rule` stays the English message.
 */
export class StateConflict extends DomainError {
  constructor(state: string, rule: string, code: ErrorCode = 'state_conflict', params: ErrorParams = {}) {
    super('conflict', `not allowed in state "${state}": ${rule}`, {
      code,
      params: { state, rule, ...params },
    });
  }
}
