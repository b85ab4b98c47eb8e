import { readFileSync, writeFileSync } from 'node:fs';
import { constants, crc32, createDeflateRaw } from 'node:zlib';
import { type DeflatedPart, zipOf as zipParts } from '../../../src/common/xlsx-stream';

/**
 * .xlsx files built part by part for the import-limit tests: parts deflated here, zipped by the API's own
 * zip writer, and the few XML parts a workbook needs, with the worksheet written as a
 * stream of chunks so that a part expanding to hundreds of MiB never exists whole in memory.
 */

type Chunks = () => Iterable<Buffer>;

interface Part {
  name: string;
  chunks: Chunks;
}

/** Deflate a part chunk by chunk; returns the compressed bytes, the CRC-32 and the inflated size. */
async function deflatePart(chunks: Chunks): Promise<{ data: Buffer; crc: number; size: number }> {
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const chunk of chunks()) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(out), crc: crc >>> 0, size };
}

/** A zip of the given parts (local headers with sizes, a central directory, no zip64). */
export async function zipOf(parts: Part[]): Promise<Buffer> {
  const deflated: DeflatedPart[] = [];
  for (const part of parts) deflated.push({ name: part.name, ...(await deflatePart(part.chunks)) });
  return zipParts(deflated);
}

const once =
  (text: string): Chunks =>
  () => [Buffer.from(text, 'utf8')];

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Column letters of a 1-based column number. */
function columnName(column: number): string {
  let name = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26))
    name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  return name;
}

/** One row of inline-string / number cells as XML. */
export function rowXml(rowNumber: number, cells: Array<string | number | null>): string {
  const cellsXml = cells
    .map((value, index) => {
      if (value === null || value === '') return '';
      const ref = `${columnName(index + 1)}${rowNumber}`;
      if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
      return `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
    })
    .join('');
  return `<row r="${rowNumber}">${cellsXml}</row>`;
}

/**
 * A workbook of one worksheet whose sheetData is the given chunks of `<row>` XML (written as they
 * come, never held whole).
 */
export async function workbookOfRows(rows: () => Iterable<string | Buffer>): Promise<Buffer> {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipOf([
    {
      name: '[Content_Types].xml',
      chunks: once(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          '</Types>',
      ),
    },
    {
      name: '_rels/.rels',
      chunks: once(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
          '</Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      chunks: once(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${main}" xmlns:r="${rel}">` +
          '<sheets><sheet name="项目导入" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: once(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>` +
          '</Relationships>',
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      chunks: function* () {
        yield Buffer.from(
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${main}"><sheetData>`,
        );
        for (const chunk of rows()) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        yield Buffer.from('</sheetData></worksheet>');
      },
    },
  ]);
}

/** The import template's headers, in order (as the API's template writes them, without the `*`). */
export const TEMPLATE_HEADERS = [
  '项目编号',
  '项目名称',
  '投资方',
  '投资方来源（境内/港澳台/境外）',
  '产业类别',
  '签约活动',
  '合同投资额（万元）',
  '责任单位（名称或代码）',
  '包联领导',
  '乡镇/园区',
  '计划开工日期',
  '洽谈开始日期',
  '签约日期',
];

/** A valid import row of the demo district (lists as loaded by demo:load). */
export function validRow(index: number, prefix: string, talksStartedAt: string): Array<string | number> {
  return [
    `${prefix}-${String(index).padStart(6, '0')}`,
    `导入项目${index}`,
    `导入投资有限公司${index}`,
    ['境内', '港澳台', '境外'][index % 3]!,
    '新能源',
    ['沪洽会', '港洽会', '中博会'][index % 3]!,
    1000 + (index % 500),
    index % 2 === 0 ? '自然资源局' : 'FGJ',
    '张副区长',
    '经济开发区',
    '',
    talksStartedAt,
    '',
  ];
}

/** A workbook with the template header and `count` valid rows (codes `${prefix}-000001`…). */
export function validWorkbook(count: number, prefix: string, talksStartedAt: string): Promise<Buffer> {
  return workbookOfRows(function* () {
    yield rowXml(1, TEMPLATE_HEADERS);
    for (let index = 1; index <= count; index += 1)
      yield rowXml(index + 1, validRow(index, prefix, talksStartedAt));
  });
}

/**
 * A zip bomb shaped as an import: the template header, then `rows` rows whose 项目名称 is a cell of
 * `cellMiB` MiB of one repeated letter (so a few hundred KB expand to rows × cellMiB MiB of XML).
 */
export function bombWorkbook(rows: number, cellMiB: number): Promise<Buffer> {
  const filler = Buffer.alloc(1024 * 1024, 'A');
  return workbookOfRows(function* () {
    yield rowXml(1, TEMPLATE_HEADERS);
    for (let index = 2; index <= rows + 1; index += 1) {
      yield `<row r="${index}"><c r="B${index}" t="inlineStr"><is><t>`;
      for (let mib = 0; mib < cellMiB; mib += 1) yield filler;
      yield '</t></is></c></row>';
    }
  });
}

/** VmRSS and VmHWM (peak) of a process, in bytes, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') * 1024, peak: kib('VmHWM') * 1024 };
}

/** Reset a process's peak RSS (VmHWM) to its current RSS (Linux ≥ 4.0: clear_refs "5"). */
export function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}
