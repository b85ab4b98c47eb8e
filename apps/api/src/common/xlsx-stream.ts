import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { crc32, createDeflateRaw, createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';

/**
 * Reading an uploaded .xlsx without building it in memory.
 *
 * An .xlsx is a zip of XML parts. Loading it whole (`workbook.xlsx.load`) inflates every part and builds
 * every cell: a 19 MB file of 390 000 rows took 3.1 GB, a 206 KB zip bomb 420 MB. Here, first
 * {@link prepareWorkbook} inflates the parts that matter as streams, counting, and stops as soon as they
 * pass the limit; only then does {@link openFirstSheet} hand the first worksheet's rows over one at a
 * time (exceljs's streaming reader), so the caller can stop at its row limit.
 */

/** Raised when the parts of an .xlsx inflate to more than the limit. */
export class InflatedSizeExceeded extends Error {
  constructor(readonly limitBytes: number) {
    super(`the workbook expands to more than ${limitBytes} bytes`);
    this.name = 'InflatedSizeExceeded';
  }
}

/** Raised when the file is not a zip this reader understands. */
export class NotAZip extends Error {
  constructor(reason: string) {
    super(`not a readable .xlsx (zip): ${reason}`);
    this.name = 'NotAZip';
  }
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const DATA_DESCRIPTOR = 0x08074b50;
const ZIP64_EXTRA = 0x0001;
const STORED = 0;
const DEFLATED = 8;
const HAS_DATA_DESCRIPTOR = 0x0008;

/** The compressed sizes the central directory gives, by local header offset (for entries with a data descriptor). */
function centralSizes(zip: Buffer): Map<number, number> {
  const sizes = new Map<number, number>();
  // The end record sits in the last 22 + 65 535 bytes (its comment is at most 64 KiB).
  const from = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let offset = zip.length - 22; offset >= from; offset -= 1) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) {
      end = offset;
      break;
    }
  }
  if (end < 0) return sizes;
  let offset = zip.readUInt32LE(end + 16);
  const count = zip.readUInt16LE(end + 10);
  for (let index = 0; index < count && offset + 46 <= zip.length; index += 1) {
    if (zip.readUInt32LE(offset) !== CENTRAL_HEADER) break;
    const compressed = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    if (compressed !== 0xffffffff && localOffset !== 0xffffffff) sizes.set(localOffset, compressed);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return sizes;
}

/** The 64-bit compressed size from a local header's zip64 extra field, if there is one. */
function zip64CompressedSize(zip: Buffer, extraStart: number, extraEnd: number): number | null {
  for (let offset = extraStart; offset + 4 <= extraEnd;) {
    const id = zip.readUInt16LE(offset);
    const size = zip.readUInt16LE(offset + 2);
    if (id === ZIP64_EXTRA && size >= 16) return Number(zip.readBigUInt64LE(offset + 4 + 8));
    offset += 4 + size;
  }
  return null;
}

/** One part of the zip: its name, compression method and compressed bytes (a view, not a copy). */
interface ZipPart {
  name: string;
  method: number;
  data: Buffer;
}

/** The parts of a zip in file order, walking the local headers as a streaming reader would. */
function zipParts(zip: Buffer): ZipPart[] {
  if (zip.length < 4 || zip.readUInt32LE(0) !== LOCAL_HEADER) throw new NotAZip('no zip header');
  let central: Map<number, number> | null = null;
  const parts: ZipPart[] = [];
  let offset = 0;
  while (offset + 4 <= zip.length && zip.readUInt32LE(offset) === LOCAL_HEADER) {
    if (offset + 30 > zip.length) throw new NotAZip('truncated');
    const flags = zip.readUInt16LE(offset + 6);
    const method = zip.readUInt16LE(offset + 8);
    let compressedSize = zip.readUInt32LE(offset + 18);
    const nameLength = zip.readUInt16LE(offset + 26);
    const extraLength = zip.readUInt16LE(offset + 28);
    const extraStart = offset + 30 + nameLength;
    const dataStart = extraStart + extraLength;
    if (dataStart > zip.length) throw new NotAZip('truncated');
    let zip64 = false;
    if (compressedSize === 0xffffffff) {
      const size = zip64CompressedSize(zip, extraStart, dataStart);
      if (size === null) throw new NotAZip('zip64 part without its sizes');
      compressedSize = size;
      zip64 = true;
    }
    const described = (flags & HAS_DATA_DESCRIPTOR) !== 0;
    if (described) {
      central ??= centralSizes(zip);
      const size = central.get(offset);
      if (size === undefined) throw new NotAZip('a part whose size is given nowhere');
      compressedSize = size;
    }
    const dataEnd = dataStart + compressedSize;
    if (dataEnd > zip.length) throw new NotAZip('truncated');
    parts.push({
      name: zip.toString('utf8', offset + 30, extraStart),
      method,
      data: zip.subarray(dataStart, dataEnd),
    });
    offset = dataEnd;
    if (described) {
      const sizes = zip64 ? 16 : 8;
      offset += (offset + 4 <= zip.length && zip.readUInt32LE(offset) === DATA_DESCRIPTOR ? 8 : 4) + sizes;
    }
  }
  return parts;
}

/** Counts inflated bytes across parts and refuses past the limit. */
class InflateBudget {
  total = 0;
  constructor(readonly limitBytes: number) {}
  spend(bytes: number): void {
    this.total += bytes;
    if (this.total > this.limitBytes) throw new InflatedSizeExceeded(this.limitBytes);
  }
}

/** A part's inflated bytes, chunk by chunk, counted against the budget as they come out. */
async function* inflated(part: ZipPart, budget: InflateBudget): AsyncGenerator<Buffer> {
  if (part.method === STORED) {
    budget.spend(part.data.length);
    yield part.data;
    return;
  }
  if (part.method !== DEFLATED) throw new NotAZip(`compression method ${part.method}`);
  const inflate = createInflateRaw();
  const source = Readable.from([part.data]);
  source.pipe(inflate);
  try {
    const chunks = inflate[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = (await chunks.next()) as IteratorResult<Buffer>;
      } catch {
        throw new NotAZip(`${part.name} does not inflate`);
      }
      if (next.done) return;
      budget.spend(next.value.length);
      yield next.value;
    }
  } finally {
    source.destroy();
    inflate.destroy();
  }
}

/** A small part (workbook, relationships) as text, refused past `maxBytes`. */
async function smallPartText(part: ZipPart, budget: InflateBudget, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of inflated(part, budget)) {
    size += chunk.length;
    if (size > maxBytes) throw new NotAZip(`${part.name} is implausibly large`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Re-encode an XML part so that it is pure ASCII: every non-ASCII character becomes a character
 * reference (`中` → `&#20013;`), which every XML parser reads back as the same character. exceljs's
 * streaming reader decodes each chunk on its own, so a Chinese character cut in two by a chunk
 * boundary would otherwise come out as two replacement characters (data silently corrupted); ASCII
 * cannot be cut that way. The part is deflated again as it goes.
 */
async function asciiPart(part: ZipPart, budget: InflateBudget): Promise<DeflatedPart> {
  const decoder = new StringDecoder('utf8');
  const deflate = createDeflateRaw({ level: 1 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  const write = async (text: string) => {
    if (!text) return;
    const ascii = Buffer.from(
      text.replace(/[\u0080-\u{10ffff}]/gu, (c) => `&#${c.codePointAt(0)};`),
      'latin1',
    );
    crc = crc32(ascii, crc);
    size += ascii.length;
    if (!deflate.write(ascii)) await new Promise((resolve) => deflate.once('drain', resolve));
  };
  try {
    for await (const chunk of inflated(part, budget)) await write(decoder.write(chunk));
    await write(decoder.end());
  } catch (error) {
    deflate.destroy();
    throw error;
  }
  deflate.end();
  await finished;
  return { name: part.name, data: Buffer.concat(out), crc: crc >>> 0, size };
}

/** A part of a zip: its name, its deflated bytes, the CRC-32 and size of what they inflate to. */
export interface DeflatedPart {
  name: string;
  data: Buffer;
  crc: number;
  size: number;
}

/**
 * The fields a local header (from byte 4) and a central directory entry (from byte 6) share: version
 * needed, UTF-8 names, deflated, no time, the CRC-32, both sizes and the name's length.
 */
function writeEntryFields(header: Buffer, at: number, part: DeflatedPart, nameLength: number): Buffer {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(0x0800, at + 2);
  header.writeUInt16LE(DEFLATED, at + 4);
  header.writeUInt32LE(part.crc, at + 10);
  header.writeUInt32LE(part.data.length, at + 14);
  header.writeUInt32LE(part.size, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
  return header;
}

/** A zip (deflated parts, sizes in the local headers, a central directory, no zip64) of the given parts. */
export function zipOf(parts: DeflatedPart[]): Buffer {
  const records: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    if (part.size > 0xfffffffe || part.data.length > 0xfffffffe) throw new NotAZip('a part too large');
    const name = Buffer.from(part.name, 'utf8');
    const local = writeEntryFields(Buffer.alloc(30), 4, part, name.length);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    const central = writeEntryFields(Buffer.alloc(46), 6, part, name.length);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt32LE(offset, 42);
    records.push(local, name, part.data);
    directory.push(central, name);
    offset += local.length + name.length + part.data.length;
  }
  const centralDirectory = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...records, centralDirectory, end]);
}

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const STYLES = 'xl/styles.xml';
const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const SMALL_PART_BYTES = 1024 * 1024;

/** The attribute `name` (with any namespace prefix) of an XML start tag. */
function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s(?:[\\w-]+:)?${name}\\s*=\\s*(["'])(.*?)\\1`).exec(tag);
  return match ? match[2]! : null;
}

/** The part name of the workbook's first tab (in tab order), from workbook.xml and its relationships. */
function firstTabPart(workbookXml: string, relsXml: string): string | null {
  const sheetTag = /<(?:\w+:)?sheet\s[^>]*>/.exec(workbookXml)?.[0];
  const relationId = sheetTag ? attribute(sheetTag, 'id') : null;
  if (!relationId) return null;
  for (const tag of relsXml.match(/<(?:\w+:)?Relationship\s[^>]*>/g) ?? []) {
    if (attribute(tag, 'Id') !== relationId) continue;
    const target = attribute(tag, 'Target');
    if (!target) return null;
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }
  return null;
}

/**
 * Check an uploaded .xlsx and prepare it for the streaming reader, without ever holding its XML:
 * the parts the reader needs (workbook, relationships, shared strings, styles, the first tab's
 * worksheet) are inflated as streams with every byte counted — refused with
 * {@link InflatedSizeExceeded} as soon as they pass `limitBytes` (a zip bomb is stopped there; the
 * sizes headers declare are not trusted) — re-encoded as ASCII (see asciiPart) and zipped again in
 * the order the reader wants (workbook and shared strings before the sheet, so the sheet is read
 * straight from the zip and never spooled to a temporary file). Other parts (images, themes,
 * properties, other sheets) are not inflated at all. Returns the prepared zip and the bytes inflated.
 */
export async function prepareWorkbook(
  zip: Buffer,
  limitBytes: number,
): Promise<{ zip: Buffer; inflatedBytes: number }> {
  const parts = new Map<string, ZipPart>();
  for (const part of zipParts(zip)) if (!parts.has(part.name)) parts.set(part.name, part);
  const budget = new InflateBudget(limitBytes);
  const workbook = parts.get(WORKBOOK);
  const rels = parts.get(WORKBOOK_RELS);
  if (!workbook || !rels) throw new NotAZip('no workbook part');
  const workbookXml = await smallPartText(workbook, budget, SMALL_PART_BYTES);
  const relsXml = await smallPartText(rels, budget, SMALL_PART_BYTES);
  let sheetName = firstTabPart(workbookXml, relsXml);
  if (!sheetName || !WORKSHEET.test(sheetName) || !parts.has(sheetName)) {
    // Fall back on the lowest-numbered worksheet part.
    const numbered = [...parts.keys()]
      .map((name) => ({ name, number: Number(WORKSHEET.exec(name)?.[1] ?? NaN) }))
      .filter((entry) => !Number.isNaN(entry.number))
      .sort((a, b) => a.number - b.number);
    sheetName = numbered[0]?.name ?? null;
  }
  const wanted = [WORKBOOK_RELS, WORKBOOK, SHARED_STRINGS, STYLES];
  if (sheetName) wanted.push(sheetName);
  const prepared = [];
  for (const name of wanted) {
    const part = parts.get(name);
    if (part) prepared.push(await asciiPart(part, budget));
  }
  return { zip: zipOf(prepared), inflatedBytes: budget.total };
}

/** One row of a worksheet as read: its number and its cells' values (index 1 = column A). */
export interface SheetRow {
  number: number;
  cell(column: number): ExcelJS.CellValue;
}

/** The first worksheet of a workbook being read: its rows one at a time; `close` stops reading. */
export interface StreamedSheet {
  rows(): AsyncGenerator<SheetRow>;
  close(): Promise<void>;
}

/**
 * Open the workbook's first worksheet for reading row by row (exceljs's streaming reader: shared
 * strings and styles are cached, rows are not kept). Null when the workbook has no worksheet; throws
 * NotAZip when the file cannot be read.
 */
export async function openFirstSheet(zip: Buffer): Promise<StreamedSheet | null> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([zip]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell which numbers are dates.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  let first: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
  try {
    first = await sheets.next();
  } catch {
    throw new NotAZip('its parts cannot be read');
  }
  if (first.done) return null;
  const sheet = first.value as unknown as AsyncIterable<ExcelJS.Row>;
  const close = async () => {
    await sheets.return(undefined).catch(() => undefined);
  };
  return {
    close,
    rows: async function* () {
      const iterator = sheet[Symbol.asyncIterator]();
      try {
        for (;;) {
          let next: IteratorResult<ExcelJS.Row>;
          try {
            next = await iterator.next();
          } catch {
            throw new NotAZip('the worksheet cannot be read');
          }
          if (next.done) return;
          const row = next.value;
          yield { number: row.number, cell: (column: number) => row.getCell(column).value };
        }
      } finally {
        await iterator.return?.(undefined)?.catch(() => undefined);
      }
    },
  };
}
