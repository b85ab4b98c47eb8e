import type { MultipartFile } from '@fastify/multipart';
import {
  Inject,
  Injectable,
  Module,
  PayloadTooLargeException,
  RequestTimeoutException,
} from '@nestjs/common';
import type { ApiConfig } from '@luodi/config';
import { DomainError } from '@luodi/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_CONFIG } from '../config/api-config.module';
import { buildWorkbook, cellText } from './xlsx';
import {
  InflatedSizeExceeded,
  NotAZip,
  openFirstSheet,
  prepareWorkbook,
  type SheetRow,
  type StreamedSheet,
} from './xlsx-stream';

/**
 * What every Excel import shares (the projects import and the actuals import): the instance's one
 * import slot, the upload deadline, the inflated-size limit, the template, the header row, the row
 * limit and the all-or-nothing list of bad rows.
 */

export interface ImportProblem {
  row: number;
  field: string;
  column: string;
  /** `中文 (English)`: the error envelope keeps the part of the request's language (see localizeRows). */
  message: string;
}

/** One column of an import template: its key, its header in row 1, and the template's example. */
export interface ImportColumn<K extends string = string> {
  readonly key: K;
  readonly header: string;
  readonly required: boolean;
  readonly width: number;
  readonly example: string;
}

/** At most this many data rows per import (row numbers count: the header is row 1). */
export const MAX_IMPORT_ROWS = 20_000;
const MIB = 1024 * 1024;
/**
 * At most this many bytes of XML (all parts of the .xlsx together, uncompressed) per import. A file of
 * MAX_IMPORT_ROWS template rows expands to about 12 MiB; a zip bomb is refused once past this.
 */
export const MAX_IMPORT_INFLATED_BYTES = 64 * MIB;
/** What a 429 for a second concurrent import tells the client to wait. */
export const IMPORT_RETRY_AFTER_SECONDS = 5;
/** Header cells read from row 1 (the templates have up to 13 columns; a few more for extra columns). */
const HEADER_COLUMNS_READ = 64;

const unreadable = () =>
  new DomainError('validation', 'file: is not a readable .xlsx workbook', { code: 'import_unreadable' });

/** A template: the columns' headers (required ones starred) and one example row. */
export function importTemplate<K extends string>(
  sheetName: string,
  columns: ReadonlyArray<ImportColumn<K>>,
  numFmtOf: (key: K) => string | undefined = () => undefined,
): Promise<Buffer> {
  return buildWorkbook(
    sheetName,
    columns.map((column) => ({
      header: column.required ? `${column.header}*` : column.header,
      width: column.width,
      value: (row: Record<string, string>) => row[column.key] ?? '',
      numFmt: numFmtOf(column.key),
    })),
    [Object.fromEntries(columns.map((column) => [column.key, column.example]))],
  );
}

/**
 * Where each column stands, by its header in row 1 (a trailing `*` of the template ignored); throws
 * `import_missing_columns`, listing each, when a required one is not there (or there is no header row).
 */
export function columnPositions<K extends string>(
  columns: ReadonlyArray<ImportColumn<K>>,
  header: SheetRow | null,
): Map<K, number> {
  const headerCells: string[] = [];
  if (header) {
    for (let column = 1; column <= HEADER_COLUMNS_READ; column += 1)
      headerCells.push(cellText(header.cell(column)).replace(/\*$/, ''));
  }
  const positions = new Map<K, number>();
  const missingHeaders: string[] = [];
  for (const column of columns) {
    const index = headerCells.indexOf(column.header);
    if (index >= 0) positions.set(column.key, index + 1);
    else if (column.required) missingHeaders.push(column.header);
  }
  if (missingHeaders.length) {
    throw new DomainError(
      'validation',
      `file: missing columns ${missingHeaders.join('、')} (use the import template)`,
      {
        code: 'import_missing_columns',
        params: { columns: missingHeaders.join('、') },
        rows: missingHeaders.map((column) => ({
          row: 1,
          field: 'header',
          column,
          message: '缺少此列 (column is missing)',
        })),
      },
    );
  }
  return positions;
}

/** Throws `import_too_many_rows` for a row past MAX_IMPORT_ROWS (row numbers count, as in the file). */
export function checkRowLimit(rowNumber: number): void {
  if (rowNumber - 1 > MAX_IMPORT_ROWS) {
    throw new DomainError(
      'validation',
      `file: at most ${MAX_IMPORT_ROWS} rows per import (found more; 每次最多导入${MAX_IMPORT_ROWS}行)`,
      { code: 'import_too_many_rows', limitRows: MAX_IMPORT_ROWS },
    );
  }
}

/**
 * One data row as the checks read it: `value(key)` the cell's text under that column ('' where the
 * column is absent; trimmed with `trim`), `problem(key, message)` adds a bad field to `problems`.
 */
export function importRow<K extends string>(
  columns: ReadonlyArray<ImportColumn<K>>,
  positions: ReadonlyMap<K, number>,
  row: SheetRow,
  problems: ImportProblem[],
  options: { trim?: boolean } = {},
) {
  const value = (key: K): string => {
    const position = positions.get(key);
    if (!position) return '';
    const text = cellText(row.cell(position));
    return options.trim ? text.trim() : text;
  };
  return {
    value,
    /** Whether every column of the row is empty (such rows are skipped). */
    empty: () => columns.every((column) => value(column.key) === ''),
    problem: (key: K, message: string) => {
      problems.push({
        row: row.number,
        field: key,
        column: columns.find((column) => column.key === key)!.header,
        message,
      });
    },
  };
}

/** Nothing is imported when a row is bad: throws `import_rows_invalid` listing every problem by row. */
export function rejectIfProblems(problems: ImportProblem[]): void {
  if (!problems.length) return;
  problems.sort((a, b) => a.row - b.row);
  const rowCount = new Set(problems.map((p) => p.row)).size;
  throw new DomainError('validation', `file: ${rowCount} row(s) have errors; nothing was imported`, {
    code: 'import_rows_invalid',
    params: { count: problems.length, rowCount },
    rows: problems,
  });
}

/** The upload side of every Excel import: one slot per instance, the upload deadline, the first sheet. */
@Injectable()
export class ExcelUploads {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  /** Whether an import runs on this instance now (see begin). */
  private busy = false;

  /**
   * The multipart request's `file` part, read within the slot and given, as the rows of its first
   * sheet, to `work`: 400 `import_not_multipart` / `import_file_missing`, 429 `import_busy` (with
   * Retry-After) while another import runs; the slot is released whatever happens.
   */
  async importUpload<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    work: (rows: AsyncGenerator<SheetRow>) => Promise<T>,
  ): Promise<T> {
    if (!request.isMultipart()) throw DomainError.coded('validation', 'import_not_multipart');
    // One import at a time per instance, taken before the body is read (a 429 reads nothing).
    let release: () => void;
    try {
      release = this.begin();
    } catch (error) {
      reply.header('Retry-After', String(IMPORT_RETRY_AFTER_SECONDS));
      throw error;
    }
    try {
      const file = await request.file();
      if (!file || file.fieldname !== 'file') throw DomainError.coded('validation', 'import_file_missing');
      // The compressed file is held (at most the multipart limit, 20 MB); it is read as a stream.
      const buffer = await this.receive(file);
      return await this.withFirstSheet(buffer, work);
    } finally {
      release();
    }
  }

  /**
   * Take the instance's one import slot (imports are the heaviest thing the API does: at most one at a
   * time per instance). Returns the release; throws 429 (`import_busy`) while another import runs.
   */
  begin(): () => void {
    if (this.busy) {
      throw new DomainError(
        'rate_limited',
        `file: another import is running on this server; try again in ${IMPORT_RETRY_AFTER_SECONDS} s (另一导入正在进行，请稍后重试)`,
        { code: 'import_busy', retryAfterSeconds: IMPORT_RETRY_AFTER_SECONDS },
      );
    }
    this.busy = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.busy = false;
    };
  }

  /**
   * The uploaded file, received within IMPORT_UPLOAD_SECONDS (the import slot is held meanwhile, so a
   * client that sends slowly or stops must not keep it): 408 `import_upload_timeout` after that.
   */
  async receive(file: MultipartFile): Promise<Buffer> {
    const seconds = this.config.IMPORT_UPLOAD_SECONDS;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(
          new RequestTimeoutException({
            message: `file: not received within ${seconds} s (上传超时，请重试)`,
            code: 'import_upload_timeout',
            limitSeconds: seconds,
          }),
        );
        file.file.destroy();
      }, seconds * 1000);
    });
    try {
      return await Promise.race([file.toBuffer(), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Open an uploaded workbook's first sheet and give its rows to `work`. First the parts are inflated
   * as streams, every byte counted: a zip bomb is refused after at most MAX_IMPORT_INFLATED_BYTES of
   * inflating, before any XML is parsed (see prepareWorkbook).
   */
  async withFirstSheet<T>(file: Buffer, work: (rows: AsyncGenerator<SheetRow>) => Promise<T>): Promise<T> {
    let prepared: Buffer;
    try {
      prepared = (await prepareWorkbook(file, MAX_IMPORT_INFLATED_BYTES)).zip;
    } catch (error) {
      if (error instanceof InflatedSizeExceeded) {
        throw new PayloadTooLargeException({
          message: `file: expands to more than ${MAX_IMPORT_INFLATED_BYTES / MIB} MiB uncompressed (at most ${MAX_IMPORT_INFLATED_BYTES} bytes per import; 解压后超过上限)`,
          code: 'import_too_large',
          limitBytes: MAX_IMPORT_INFLATED_BYTES,
        });
      }
      throw unreadable();
    }
    let sheet: StreamedSheet | null;
    try {
      sheet = await openFirstSheet(prepared);
    } catch {
      throw unreadable();
    }
    if (!sheet) throw DomainError.coded('validation', 'import_no_sheet');
    try {
      return await work(sheet.rows());
    } catch (error) {
      if (error instanceof NotAZip) throw unreadable();
      throw error;
    } finally {
      await sheet.close();
    }
  }
}

/** Provides the one ExcelUploads of the instance (its slot is shared by every import). */
@Module({ providers: [ExcelUploads], exports: [ExcelUploads] })
export class ExcelImportModule {}
