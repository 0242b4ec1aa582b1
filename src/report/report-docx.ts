// The annual report as .docx (A4, the official layout): the same sections and tables as the page, with the
// merged header cells of tables 3 and 4 (rowSpan/columnSpan), header rows repeated on each page.
import {
  AlignmentType, BorderStyle, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx';
import {
  TABLE2_BLOCKS, TABLE2_CORNER, TABLE3_CORNER, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_ROWS, T3_APPLICANT_COLUMNS,
} from './report-format.js';
import type { AnnualReportDoc } from './report-generate.js';

const FONT = 'SimSun';
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };
const v = (x: number | null | undefined) => (x === null || x === undefined ? '未填报' : String(x));

function c(text: string, o: { rowSpan?: number; columnSpan?: number; bold?: boolean; center?: boolean; size?: number } = {}): TableCell {
  return new TableCell({
    borders, verticalAlign: VerticalAlign.CENTER,
    ...(o.rowSpan ? { rowSpan: o.rowSpan } : {}), ...(o.columnSpan ? { columnSpan: o.columnSpan } : {}),
    children: [new Paragraph({ alignment: o.center === false ? AlignmentType.LEFT : AlignmentType.CENTER, children: [new TextRun({ text, bold: o.bold, font: FONT, size: o.size ?? 18 })] })],
  });
}
const table = (rows: TableRow[]) => new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
const header = (cells: TableCell[]) => new TableRow({ tableHeader: true, children: cells });
const row = (cells: TableCell[]) => new TableRow({ cantSplit: true, children: cells });

function table2(doc: AnnualReportDoc): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of TABLE2_BLOCKS) {
    const n = b.columns.length + 1;
    out.push(table([
      header([c(b.caption, { columnSpan: n, bold: true })]),
      header([c(TABLE2_CORNER, { bold: true }), ...b.columns.map((x) => c(x, { bold: true }))]),
      ...b.rows.map((r) => row([c(r, { center: false }), ...b.columns.map((x) => c(v(doc.table2[r]?.[x])))])),
    ]));
  }
  for (const n of doc.table2Notes) out.push(new Paragraph({ children: [new TextRun({ text: n, font: FONT, size: 18 })] }));
  return out;
}

function table3(doc: AnnualReportDoc): Table {
  const rows: TableRow[] = [
    header([c(TABLE3_CORNER, { rowSpan: 3, columnSpan: 3, size: 16, center: false }), c('申请人情况', { columnSpan: 7, bold: true })]),
    header([c('自然人', { rowSpan: 2, bold: true }), c('法人或其他组织', { columnSpan: 5, bold: true }), c('总计', { rowSpan: 2, bold: true })]),
    header(T3_APPLICANT_COLUMNS.slice(1).map((x) => c(x, { bold: true }))),
  ];
  const results = TABLE3_ROWS.length - 3;
  TABLE3_ROWS.forEach((r, i) => {
    const heads: TableCell[] = [];
    if (i === 0 || i === 1 || i === TABLE3_ROWS.length - 1) heads.push(c(r, { columnSpan: 3, center: false }));
    else {
      if (i === 2) heads.push(c('三、本年度办理结果', { rowSpan: results }));
      const slash = r.indexOf('/');
      if (slash < 0) heads.push(c(r, { columnSpan: 2, center: false }));
      else {
        const parent = r.slice(0, slash);
        if (!TABLE3_ROWS[i - 1]!.startsWith(`${parent}/`)) heads.push(c(parent, { rowSpan: TABLE3_ROWS.filter((x) => x.startsWith(`${parent}/`)).length }));
        heads.push(c(r.slice(slash + 1), { center: false }));
      }
    }
    rows.push(row([...heads, ...[...T3_APPLICANT_COLUMNS, '总计' as const].map((col) => c(v(doc.table3[r]?.[col])))]));
  });
  return table(rows);
}

function table4(doc: AnnualReportDoc): Table {
  return table([
    header([c('行政复议', { columnSpan: 5, bold: true }), c('行政诉讼', { columnSpan: 10, bold: true })]),
    header([...TABLE4_COLUMNS.map((x) => c(x, { rowSpan: 2, bold: true })), c('未经复议直接起诉', { columnSpan: 5, bold: true }), c('复议后起诉', { columnSpan: 5, bold: true })]),
    header([...TABLE4_COLUMNS, ...TABLE4_COLUMNS].map((x) => c(x, { bold: true }))),
    row(TABLE4_ROWS.flatMap((r) => TABLE4_COLUMNS.map((x) => c(v(doc.table4[r]?.[x]))))),
  ]);
}

export async function reportDocx(doc: AnnualReportDoc): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: doc.title, bold: true, font: FONT, size: 36 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `（统计范围：${doc.unit}${doc.scope}${doc.version > 1 ? `；第${doc.version}版` : ''}）`, font: FONT, size: 24 })] }),
  ];
  doc.sections.forEach((s, i) => {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: s.title, bold: true, font: FONT, size: 28 })] }));
    for (const p of s.paragraphs.length ? s.paragraphs : ['（未填写）']) body.push(new Paragraph({ indent: { firstLine: 480 }, children: [new TextRun({ text: p, font: FONT, size: 24 })] }));
    if (i === 1) body.push(...table2(doc));
    if (i === 2) body.push(table3(doc));
    if (i === 3) body.push(table4(doc));
  });
  const d = new Document({
    creator: '政务公开平台', title: doc.title,
    sections: [{ properties: { page: { size: { width: 11906, height: 16838, orientation: PageOrientation.PORTRAIT }, margin: { top: 1134, bottom: 1134, left: 1020, right: 1020 } } }, children: body }],
  });
  return Packer.toBuffer(d);
}

export const docxName = (doc: AnnualReportDoc) => `${doc.title}${doc.version > 1 ? `（第${doc.version}版）` : ''}.docx`;
