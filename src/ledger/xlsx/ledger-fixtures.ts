// Test helpers: build the hand-made, often broken, workbooks units really send back.
// Used only by the *.test.ts files beside it.
import { crc32 } from 'node:zlib';
import ExcelJS, { type CellValue } from 'exceljs';
import { importLedgerWorkbook, type LedgerImportOptions, type LedgerImportResult } from './ledger-import.js';
import type { ImportIssue } from './import-issues.js';

export const HEADER: CellValue[] = ['序号', '工作任务', '工作举措', '时限要求', '单位分管领导', '责任科室'];
/** Data row i (0-based) of `ledgerRows` lands on this Excel row + i. */
export const FIRST_ROW = 4;

export type SheetSpec = {
  name?: string;
  rows: CellValue[][];
  merges?: string[];
  state?: 'visible' | 'hidden';
};

/** Title, 填报单位 and header rows above `data`, as in the 附件3 sample. */
export const ledgerRows = (data: CellValue[][], opts: { unit?: string; header?: CellValue[] } = {}): CellValue[][] => [
  ['政务公开工作任务台账'],
  [`填报单位：${opts.unit ?? '区财政局'}`],
  opts.header ?? HEADER,
  ...data,
];

export const buildWorkbook = async (sheets: SheetSpec[]): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  sheets.forEach((s, i) => {
    const ws = wb.addWorksheet(s.name ?? `Sheet${i + 1}`, { state: s.state ?? 'visible' });
    s.rows.forEach((values, r) => {
      values.forEach((v, c) => {
        if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v;
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
};

/** Import one ledger sheet built from data rows (plus optional merges). */
export const importData = async (
  data: CellValue[][],
  opts: LedgerImportOptions & { merges?: string[]; header?: CellValue[] } = {},
): Promise<LedgerImportResult> => {
  const { merges, header, ...importOpts } = opts;
  const buf = await buildWorkbook([{ name: '区财政局', rows: ledgerRows(data, { header }), merges }]);
  return importLedgerWorkbook(buf, importOpts);
};

export const errorsOf = (r: LedgerImportResult): ImportIssue[] => (r.ok ? [] : r.errors);

/** Compact "row column message" lines, handy in assertion failure output. */
export const describe = (issues: ImportIssue[]): string =>
  issues.map((i) => `${i.sheet}!${i.row} ${i.column} ${i.message}`).join('\n');

/** A ZIP archive with stored (uncompressed) entries, for "a zip that is not a workbook". */
export const storedZip = (files: Record<string, string>): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBuf = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
};
