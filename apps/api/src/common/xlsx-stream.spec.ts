import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText } from './xlsx';
import { zipOf } from '../../test/integration/support/xlsx-files';
import { InflatedSizeExceeded, NotAZip, openFirstSheet, prepareWorkbook } from './xlsx-stream';

const MIB = 1024 * 1024;

/** Every row's cell texts (columns 1..width) as read through prepareWorkbook + openFirstSheet. */
async function readBack(file: Buffer, width: number): Promise<string[][]> {
  const { zip } = await prepareWorkbook(file, 64 * MIB);
  const sheet = await openFirstSheet(zip);
  if (!sheet) throw new Error('no sheet');
  const rows: string[][] = [];
  try {
    for await (const row of sheet.rows())
      rows.push(Array.from({ length: width }, (_, index) => cellText(row.cell(index + 1))));
  } finally {
    await sheet.close();
  }
  return rows;
}

/** A workbook of Chinese texts long enough that many characters straddle 16/64 KiB chunk boundaries. */
async function chineseWorkbook(rows: number, sheets: string[] = ['项目导入']): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [sheetIndex, name] of sheets.entries()) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow(['项目名称', '投资方', '日期']);
    for (let index = 1; index <= rows; index += 1)
      sheet.addRow([
        `${sheetIndex}号表导入项目名称较长的一段中文${index}`,
        `华东新材料科技有限公司𠀀${index}`,
        new Date(Date.UTC(2025, index % 12, 1 + (index % 28))),
      ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const expected = (rows: number, sheetIndex = 0) => [
  ['项目名称', '投资方', '日期'],
  ...Array.from({ length: rows }, (_, offset) => {
    const index = offset + 1;
    return [
      `${sheetIndex}号表导入项目名称较长的一段中文${index}`,
      `华东新材料科技有限公司𠀀${index}`,
      new Date(Date.UTC(2025, index % 12, 1 + (index % 28))).toISOString().slice(0, 10),
    ];
  }),
];

describe('xlsx-stream: reading an upload as a stream, bounded', () => {
  it('reads every Chinese text whole, and dates as dates (exceljs alone cuts characters at chunk boundaries)', async () => {
    const file = await chineseWorkbook(6000);
    expect(await readBack(file, 3)).toEqual(expected(6000));

    // Why the re-encoding: exceljs's streaming reader on the file as it is decodes each chunk on its
    // own and turns characters cut by a chunk boundary into U+FFFD.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
      sharedStrings: 'cache',
      styles: 'cache',
    });
    let damaged = 0;
    for await (const sheet of reader)
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>)
        for (const column of [1, 2]) if (cellText(row.getCell(column).value).includes('\ufffd')) damaged += 1;
    expect(damaged).toBeGreaterThan(0);
  }, 60_000);

  it('reads the first tab in tab order, not the lowest-numbered part', async () => {
    const part = (name: string, xml: string) => ({ name, chunks: () => [Buffer.from(xml, 'utf8')] });
    const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const sheet = (text: string) =>
      `<worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row></sheetData></worksheet>`;
    const file = await zipOf([
      part('xl/worksheets/sheet1.xml', sheet('第二个标签')),
      part('xl/worksheets/sheet2.xml', sheet('第一个标签')),
      part(
        'xl/workbook.xml',
        `<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="一" sheetId="2" r:id="rId2"/>` +
          '<sheet name="二" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      part(
        'xl/_rels/workbook.xml.rels',
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>` +
          `<Relationship Id="rId2" Type="${rel}/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`,
      ),
    ]);
    expect(await readBack(file, 1)).toEqual([['第一个标签']]);
  });

  it('refuses a part that inflates past the limit, counting the bytes (not trusting headers)', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('bomb').addRow(['A'.repeat(8 * MIB)]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(file.length).toBeLessThan(100 * 1024);
    await expect(prepareWorkbook(file, 4 * MIB)).rejects.toBeInstanceOf(InflatedSizeExceeded);
    await expect(prepareWorkbook(file, 4 * MIB)).rejects.toMatchObject({ limitBytes: 4 * MIB });
    // The same file within a larger limit is read.
    const { inflatedBytes } = await prepareWorkbook(file, 64 * MIB);
    expect(inflatedBytes).toBeGreaterThan(8 * MIB);

    // Headers that understate the size change nothing: the bytes are counted.
    const lying = Buffer.from(file);
    for (let offset = 0; offset + 30 <= lying.length; offset += 1)
      if (lying.readUInt32LE(offset) === 0x04034b50) lying.writeUInt32LE(10, offset + 22);
    await expect(prepareWorkbook(lying, 4 * MIB)).rejects.toBeInstanceOf(InflatedSizeExceeded);
  }, 60_000);

  it('refuses what is not a zip, and a zip without a workbook', async () => {
    await expect(prepareWorkbook(Buffer.from('name,amount\nx,1\n'), MIB)).rejects.toBeInstanceOf(NotAZip);
    const truncated = (await chineseWorkbook(10)).subarray(0, 200);
    await expect(prepareWorkbook(truncated, MIB)).rejects.toBeInstanceOf(NotAZip);
  });
});
