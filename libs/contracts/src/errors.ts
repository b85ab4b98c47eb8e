/** The one error envelope every API error answers with. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** Extra detail, e.g. every bad row of an import. */
  [extra: string]: unknown;
}
