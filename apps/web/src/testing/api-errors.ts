import { ApiError } from '../api/http';

/** The server's 409 answer: a typed domain error with its stable `code`, no params, and its message. */
export function conflict(code: string, message: string): ApiError {
  return new ApiError(409, 'Conflict', message, {
    statusCode: 409,
    error: 'Conflict',
    code,
    params: {},
    message,
  });
}

/** The server's 400 answer refusing an import file: its summary and every bad row. */
export function importRefused(
  message: string,
  rows: readonly { row: number; column: string; message: string }[],
): ApiError {
  return new ApiError(400, 'Bad Request', message, { statusCode: 400, error: 'Bad Request', message, rows });
}
