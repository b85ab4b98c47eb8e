import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

/**
 * District documents (GB/T 9704 layout) as .docx and as an A4 print view: the title in 小标宋 22pt
 * (方正小标宋简体, 44 half-points) centred, the body in 仿宋 16pt (仿宋_GB2312, 32 half-points), A4 with
 * the standard margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), and a table (the decisions
 * with 责任单位 and 时限). Pure: the services give the content.
 */
export const TITLE_FONT = '方正小标宋简体';
export const BODY_FONT = '仿宋_GB2312';
export const HEADING_FONT = '黑体';
export const TITLE_HALF_POINTS = 44;
export const BODY_HALF_POINTS = 32;
/** mm → twentieths of a point. */
const mm = (value: number) => Math.round((value * 1440) / 25.4);

/** One block of a document: a heading, a paragraph, or a table (first row is the header). */
export type DocumentBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; align?: 'right' }
  | { kind: 'table'; rows: string[][]; widths: number[] };

export interface DistrictDocument {
  /** 文号 or a line above the title (optional). */
  number?: string;
  title: string;
  blocks: DocumentBlock[];
}

const run = (text: string, font = BODY_FONT, size = BODY_HALF_POINTS, bold = false) =>
  new TextRun({ text, font, size, bold });

function tableOf(block: Extract<DocumentBlock, { kind: 'table' }>): Table {
  const total = block.widths.reduce((sum, width) => sum + width, 0);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: block.rows.map(
      (cells, rowIndex) =>
        new TableRow({
          tableHeader: rowIndex === 0,
          children: cells.map(
            (text, index) =>
              new TableCell({
                width: {
                  size: Math.round(((block.widths[index] ?? 1) / total) * 100),
                  type: WidthType.PERCENTAGE,
                },
                verticalAlign: VerticalAlign.CENTER,
                children: [
                  new Paragraph({
                    alignment: rowIndex === 0 ? AlignmentType.CENTER : AlignmentType.LEFT,
                    children: [run(text, rowIndex === 0 ? HEADING_FONT : BODY_FONT, 28)],
                  }),
                ],
              }),
          ),
        }),
    ),
  });
}

/** The document as .docx bytes. */
export async function buildDocx(document: DistrictDocument): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  if (document.number)
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run(document.number)] }));
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400 },
      children: [run(document.title, TITLE_FONT, TITLE_HALF_POINTS)],
    }),
  );
  for (const block of document.blocks) {
    if (block.kind === 'table') children.push(tableOf(block));
    else if (block.kind === 'heading')
      children.push(new Paragraph({ spacing: { before: 200 }, children: [run(block.text, HEADING_FONT)] }));
    else
      children.push(
        new Paragraph({
          alignment: block.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
          indent: block.align === 'right' ? undefined : { firstLine: 640 },
          children: [run(block.text)],
        }),
      );
  }
  const doc = new Document({
    creator: 'Luodi',
    title: document.title,
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The document as an A4 print view (HTML with print CSS). */
export function buildPrintHtml(document: DistrictDocument): string {
  const body = document.blocks
    .map((block) => {
      if (block.kind === 'heading') return `<h2>${escape(block.text)}</h2>`;
      if (block.kind === 'paragraph')
        return `<p class="${block.align === 'right' ? 'right' : ''}">${escape(block.text)}</p>`;
      const [head, ...rows] = block.rows;
      return `<table><thead><tr>${(head ?? []).map((cell) => `<th>${escape(cell)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(document.title)}</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "${BODY_FONT}", "FangSong", "STFangsong", serif; font-size: 16pt; line-height: 1.75; color: #000; margin: 0 auto; max-width: 156mm; }
h1 { font-family: "${TITLE_FONT}", "STZhongsong", "SimSun", serif; font-size: 22pt; font-weight: normal; text-align: center; margin: 0 0 1em; }
.number { text-align: center; }
h2 { font-family: "${HEADING_FONT}", "SimHei", sans-serif; font-size: 16pt; font-weight: normal; margin: 0.8em 0 0.2em; }
p { text-indent: 2em; margin: 0; }
p.right { text-align: right; text-indent: 0; }
table { width: 100%; border-collapse: collapse; font-size: 14pt; margin: 0.5em 0; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: middle; }
th { font-family: "${HEADING_FONT}", "SimHei", sans-serif; font-weight: normal; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
@media screen { body { padding: 24px; } }
</style></head><body>
${document.number ? `<div class="number">${escape(document.number)}</div>` : ''}
<h1>${escape(document.title)}</h1>
${body}
</body></html>`;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
