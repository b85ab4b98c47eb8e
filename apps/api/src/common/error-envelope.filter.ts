import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { ApiErrorBody } from '@luodi/contracts';
import { DomainError, type DomainErrorKind } from '@luodi/domain';
import { isDatabaseUnavailable } from '@luodi/persistence';
import type { FastifyReply } from 'fastify';

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

/** Turn whatever was thrown into the one error envelope `{ statusCode, error, message }`. */
export function toErrorBody(exception: unknown): ApiErrorBody {
  if (exception instanceof DomainError) {
    const statusCode = STATUS_BY_KIND[exception.kind];
    return { ...exception.details, statusCode, error: reasonOf(statusCode), message: exception.message };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'string') return { statusCode, error: reasonOf(statusCode), message: response };
    const { message, error: _error, statusCode: _status, ...rest } = response as Record<string, unknown>;
    const text = Array.isArray(message)
      ? message.join('; ')
      : typeof message === 'string'
        ? message
        : exception.message;
    return { ...rest, statusCode, error: reasonOf(statusCode), message: text };
  }
  // A unique key refused a row (two requests raced for the same value): a conflict, not a crash.
  const driverError = (exception as { driverError?: { code?: string; sqlMessage?: string } } | null)
    ?.driverError;
  if (driverError?.code === 'ER_DUP_ENTRY') {
    return {
      statusCode: 409,
      error: reasonOf(409),
      message: 'conflict: a record with the same unique value already exists',
    };
  }
  // A row lock still contended after the bounded retries (deadlock 1213, lock wait timeout 1205):
  // the request changed nothing and may be sent again — a conflict, never a crash.
  const lockCode = driverError?.code ?? (exception as { code?: unknown } | null)?.code;
  if (lockCode === 'ER_LOCK_DEADLOCK' || lockCode === 'ER_LOCK_WAIT_TIMEOUT') {
    return {
      statusCode: 409,
      error: reasonOf(409),
      code: 'busy',
      message:
        '数据正被其他请求修改，请稍后重试 (busy: the record is being changed by another request; nothing was changed, try again)',
    };
  }
  // No pooled database connection came free in time: the service is overloaded for now.
  if (lockCode === 'POOL_ACQUIRE_TIMEOUT') {
    return {
      statusCode: 503,
      error: reasonOf(503),
      code: 'database_busy',
      message: '数据库繁忙，请稍后重试 (database busy: no connection came free in time)',
    };
  }
  // The database is away (stopped, restarting, out of connections): retry later, not a crash.
  if (isDatabaseUnavailable(exception)) {
    return {
      statusCode: 503,
      error: reasonOf(503),
      code: 'database_unavailable',
      message: '数据库暂时不可用，请稍后重试 (the database is unavailable; retry shortly)',
    };
  }
  // Errors raised by Fastify itself (bad JSON, body too large, wrong content type) carry a statusCode.
  const fastifyError = exception as { statusCode?: unknown; message?: unknown } | null;
  if (
    fastifyError &&
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    const statusCode = fastifyError.statusCode;
    return {
      statusCode,
      error: reasonOf(statusCode),
      message: String(fastifyError.message ?? reasonOf(statusCode)),
    };
  }
  return {
    statusCode: 500,
    error: reasonOf(500),
    message: 'An unexpected error occurred; it has been logged.',
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
    const body = toErrorBody(exception);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
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
