/** The one error envelope every API error answers with. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  /** Stable: the error catalog's code (libs/domain error-catalog.ts); clients key on it. */
  code: string;
  /** What the message is about, e.g. `{ field, rule, limit }`. */
  params: Record<string, string | number | boolean | null>;
  /** In the request's language (Accept-Language; zh-CN by default). */
  message: string;
  /** Extra detail, e.g. every bad row of an import. */
  [extra: string]: unknown;
}
