import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { ApiErrorBody } from '@luodi/contracts';
import {
  DomainError,
  type DomainErrorKind,
  type ErrorCode,
  type ErrorParams,
  isErrorCode,
  type Locale,
  negotiateLocale,
  renderErrorMessage,
} from '@luodi/domain';
import { isDatabaseUnavailable } from '@luodi/persistence';
import type { FastifyReply, FastifyRequest } from 'fastify';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  unauthorized: HttpStatus.UNAUTHORIZED,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
};

/** Retry-After of a 429 that does not say how long to wait. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Seconds a client should wait before retrying a 503 (the database away or out of connections). */
export const RETRY_AFTER_SECONDS = 5;

function reasonOf(status: number): string {
  return REASON[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}

/** The code of an error that names none more precise, by HTTP status. */
const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  500: 'internal_error',
  503: 'service_unavailable',
};

function codeOfStatus(status: number): ErrorCode {
  return CODE_OF_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
}

/** What an error says before it is put in words: its status, code, parameters and extra body fields. */
interface ErrorFacts {
  statusCode: number;
  code: ErrorCode;
  params: ErrorParams;
  /** The English message when the thrower wrote one (kept word for word); else the catalog's. */
  english?: string;
  /** How the error words itself in a language, when it knows better than its code's message. */
  localized?: (locale: Locale) => string;
  extra?: Record<string, unknown>;
}

function scalarParams(values: Record<string, unknown>): Record<string, string | number | boolean> {
  const params: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      params[key] = value;
  }
  return params;
}

/** Nest's own "Cannot GET /api/x" 404 of a route that does not exist. */
const ROUTE_NOT_FOUND = /^Cannot (\w+) (\S+)$/;

function factsOf(exception: unknown): ErrorFacts {
  if (exception instanceof DomainError) {
    return {
      statusCode: STATUS_BY_KIND[exception.kind],
      code: exception.code,
      params: exception.params,
      english: exception.message,
      localized: (locale) => exception.messageIn(locale),
      extra: exception.details,
    };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const fields =
      typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
    const { message, error: _error, statusCode: _status, code, params, ...rest } = fields;
    const text = Array.isArray(message)
      ? message.join('; ')
      : typeof message === 'string'
        ? message
        : exception.message;
    const route = statusCode === 404 ? ROUTE_NOT_FOUND.exec(text) : null;
    if (route) {
      return {
        statusCode,
        code: 'route_not_found',
        params: { method: route[1], path: route[2] },
        english: text,
      };
    }
    return {
      statusCode,
      code: isErrorCode(code) ? code : codeOfStatus(statusCode),
      params: { ...scalarParams(rest), detail: text, ...(params as ErrorParams | undefined) },
      english: text,
      extra: rest,
    };
  }
  // A unique key refused a row (two requests raced for the same value): a conflict, not a crash.
  const driverError = (exception as { driverError?: { code?: string; sqlMessage?: string } } | null)
    ?.driverError;
  if (driverError?.code === 'ER_DUP_ENTRY') return { statusCode: 409, code: 'duplicate_value', params: {} };
  // A row lock still contended after the bounded retries (deadlock 1213, lock wait timeout 1205):
  // the request changed nothing and may be sent again — a conflict, never a crash.
  const lockCode = driverError?.code ?? (exception as { code?: unknown } | null)?.code;
  if (lockCode === 'ER_LOCK_DEADLOCK' || lockCode === 'ER_LOCK_WAIT_TIMEOUT') {
    return { statusCode: 409, code: 'busy', params: {} };
  }
  // No pooled database connection came free in time: the service is overloaded for now.
  if (lockCode === 'POOL_ACQUIRE_TIMEOUT') return { statusCode: 503, code: 'database_busy', params: {} };
  // The database is away (stopped, restarting, out of connections): retry later, not a crash.
  if (isDatabaseUnavailable(exception)) return { statusCode: 503, code: 'database_unavailable', params: {} };
  // Errors raised by Fastify itself (bad JSON, body too large, wrong content type) carry a statusCode.
  const fastifyError = exception as { statusCode?: unknown; message?: unknown; code?: unknown } | null;
  if (
    fastifyError &&
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    const statusCode = fastifyError.statusCode;
    const detail = String(fastifyError.message ?? reasonOf(statusCode));
    const badJson =
      statusCode === 400 &&
      (exception instanceof SyntaxError || String(fastifyError.code ?? '').startsWith('FST_ERR_CTP'));
    return {
      statusCode,
      code: badJson ? 'bad_json' : codeOfStatus(statusCode),
      params: { detail },
      english: detail,
    };
  }
  return { statusCode: 500, code: 'internal_error', params: {} };
}

/**
 * Row messages of an import are written `中文 (English)`; the answer keeps the part in the request's
 * language (a message without that form is kept whole).
 */
function localizeRows(extra: Record<string, unknown> | undefined, locale: Locale): Record<string, unknown> {
  if (!extra || !Array.isArray(extra['rows'])) return extra ?? {};
  const rows = (extra['rows'] as unknown[]).map((row) => {
    const message = (row as { message?: unknown } | null)?.message;
    if (typeof message !== 'string') return row;
    const split = /^(.+?) \((.+)\)$/s.exec(message);
    return split ? { ...(row as object), message: locale === 'en' ? split[2] : split[1] } : row;
  });
  return { ...extra, rows };
}

/**
 * Turn whatever was thrown into the one error envelope `{ statusCode, error, code, params, message }`,
 * the message in `locale` (from the error catalog; English keeps the thrower's own words).
 */
export function toErrorBody(exception: unknown, locale: Locale = 'zh-CN'): ApiErrorBody {
  const facts = factsOf(exception);
  const message =
    locale === 'en' && facts.english
      ? facts.english
      : (facts.localized?.(locale) ?? renderErrorMessage(facts.code, facts.params, locale));
  const params: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(facts.params)) {
    if (key !== 'detail' && value !== undefined) params[key] = value;
  }
  return {
    ...localizeRows(facts.extra, locale),
    statusCode: facts.statusCode,
    error: reasonOf(facts.statusCode),
    code: facts.code,
    params,
    message,
  };
}

/** Seconds a 429 asks the client to wait: the refusal's own figure, or a short default. */
export function retryAfterSeconds(body: ApiErrorBody): number {
  const seconds = Number(body['retryAfterSeconds']);
  return Number.isFinite(seconds) && seconds >= 1 ? Math.ceil(seconds) : DEFAULT_RETRY_AFTER_SECONDS;
}

@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest | undefined>();
    const body = toErrorBody(exception, negotiateLocale(request?.headers?.['accept-language']));
    const reply = http.getResponse<FastifyReply>();
    if (body.statusCode === 503) {
      // One line, not a stack per request: an outage or overload answers many requests this way.
      this.logger.warn(`${String(body.code)}: ${(exception as Error).message}`);
      void reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
    } else if (body.statusCode >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    void reply.status(body.statusCode).header('Cache-Control', 'no-store');
    if (body.statusCode === 429) void reply.header('Retry-After', String(retryAfterSeconds(body)));
    void reply.send(body);
  }
}
