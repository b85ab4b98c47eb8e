import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/** Number format for 万元 amounts: thousands separators, two decimals. */
export const WAN_YUAN_FORMAT = '#,##0.00';
export const PERCENT_FORMAT = '0.0%';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SheetColumn<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | Date | null;
  numFmt?: string;
}

/** One worksheet with a bold, frozen header row; money columns as numbers with the 万元 format. */
export async function buildWorkbook<T>(
  sheetName: string,
  columns: Array<SheetColumn<T>>,
  rows: readonly T[],
  title?: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Luodi';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName);
  let headerRow = 1;
  if (title) {
    sheet.addRow([title]).font = { bold: true, size: 14 };
    sheet.mergeCells(1, 1, 1, columns.length);
    headerRow = 2;
  }
  sheet.addRow(columns.map((column) => column.header)).font = { bold: true };
  columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = column.width;
    if (column.numFmt) sheetColumn.numFmt = column.numFmt;
  });
  for (const row of rows) sheet.addRow(columns.map((column) => column.value(row)));
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The plain value of a cell (text of rich text, result of a formula, date as YYYY-MM-DD). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value).trim();
}

/** `attachment` with an ASCII name and (RFC 5987) a UTF-8 one, which browsers prefer. */
export function contentDisposition(asciiName: string, utf8Name: string): string {
  const encoded = encodeURIComponent(utf8Name).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}

/**
 * Send a workbook as a download with a UTF-8 file name (Chinese names survive every browser) and an
 * ASCII one for clients that take only that.
 */
export function sendXlsx(
  reply: FastifyReply,
  fileName: string,
  body: Buffer,
  asciiFileName = 'export.xlsx',
): FastifyReply {
  return reply
    .header('Content-Type', XLSX_MIME)
    .header('Content-Disposition', contentDisposition(asciiFileName, fileName))
    .header('Cache-Control', 'no-store')
    .send(body);
}
