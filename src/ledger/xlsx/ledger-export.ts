// Ledger (附件3) → .xlsx. One worksheet per unit so the district office can send one
// file back to every unit, or print the whole district at once.
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { EXTRA_COLUMNS, REQUIRED_COLUMNS, type ColumnDef, type LedgerSheet } from './ledger-layout.js';
import { sheetOptions, writeLedgerSheet } from './ledger-sheet-writer.js';
import { uniqueSheetNames } from './sheet-name.js';
import { writePlainSheet, type PlainSheet } from './plain-sheet.js';

export type LedgerExportOptions = {
  /** Plain sheets written before the unit sheets (the district summary). */
  first?: readonly PlainSheet[];
  /** Plain sheets written after the unit sheets (the progress history). */
  last?: readonly PlainSheet[];
  /**
   * 'auto' (default) adds 状态/到期日/完成日期/进展情况 only when some measure carries
   * them, so a plain template looks exactly like the official 附件3 sample.
   */
  extraColumns?: 'auto' | 'always' | 'never';
};

const hasExtras = (sheets: readonly LedgerSheet[]): boolean =>
  sheets.some((s) =>
    s.rows.some((r) => r.measures.some((m) => m.status || m.dueDate || m.completedOn || m.progress)),
  );

/** The official six columns, then the platform's tracking columns when wanted. */
export const ledgerColumns = (sheets: readonly LedgerSheet[], opts: LedgerExportOptions = {}): ColumnDef[] => {
  const mode = opts.extraColumns ?? 'auto';
  const extras = mode === 'always' || (mode === 'auto' && hasExtras(sheets));
  return extras ? [...REQUIRED_COLUMNS, ...EXTRA_COLUMNS] : [...REQUIRED_COLUMNS];
};

const assertSheets = (sheets: readonly LedgerSheet[]): void => {
  // Excel cannot open a workbook without worksheets.
  if (sheets.length === 0) throw new RangeError('exportLedgerWorkbook: at least one unit sheet is required');
};

const setProperties = (wb: ExcelJS.Workbook): void => {
  wb.creator = '政务公开平台';
  wb.created = new Date();
};

/**
 * Build the workbook in memory and return the .xlsx bytes (shared strings: the smallest
 * file). Right for one unit; for the whole district prefer exportLedgerWorkbookStreamed.
 *
 * @example
 * const buf = await exportLedgerWorkbook([{ unitName: '区财政局', rows: [{ seq: 3, task: '…', measures: [] }] }]);
 */
export const exportLedgerWorkbook = async (
  sheets: readonly LedgerSheet[],
  opts: LedgerExportOptions = {},
): Promise<Buffer> => {
  assertSheets(sheets);
  const columns = ledgerColumns(sheets, opts);
  const wb = new ExcelJS.Workbook();
  setProperties(wb);
  const names = uniqueSheetNames(sheets.map((s) => s.unitName));
  sheets.forEach((sheet, i) => writeLedgerSheet(wb.addWorksheet(names[i], sheetOptions()), sheet, columns));
  return Buffer.from(await wb.xlsx.writeBuffer());
};

/**
 * Same layout through exceljs's streaming writer: rows are flushed as they are written,
 * so memory stays flat for district-wide exports, and an HTTP response can be the target.
 */
export const writeLedgerWorkbookStream = async (
  sheets: readonly LedgerSheet[],
  stream: Writable,
  opts: LedgerExportOptions = {},
): Promise<void> => {
  assertSheets(sheets);
  const columns = ledgerColumns(sheets, opts);
  // Inline strings: a shared-string table made the district export slower and only
  // ~10% smaller (bench/ledger/xlsx/export.ts).
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  setProperties(wb);
  const plain = [...(opts.first ?? []), ...(opts.last ?? [])];
  const names = uniqueSheetNames([...plain.map((p) => p.name), ...sheets.map((s) => s.unitName)]);
  const plainName = new Map(plain.map((p, i) => [p, names[i]!]));
  const unitNames = names.slice(plain.length);
  const writePlain = (p: PlainSheet) => {
    const ws = wb.addWorksheet(plainName.get(p)!, { views: [{ state: 'frozen', ySplit: 2 }] });
    writePlainSheet(ws, p);
    ws.commit();
  };
  for (const p of opts.first ?? []) writePlain(p);
  for (const [i, sheet] of sheets.entries()) {
    const ws = wb.addWorksheet(unitNames[i], sheetOptions());
    writeLedgerSheet(ws, sheet, columns);
    ws.commit();
  }
  for (const p of opts.last ?? []) writePlain(p);
  await wb.commit();
};

/**
 * The streaming writer collected into a Buffer. For 200 units × 63 tasks × 3 measures
 * it is about twice as fast as exportLedgerWorkbook and needs a fraction of the heap,
 * for a file about a third larger (inline strings).
 */
export const exportLedgerWorkbookStreamed = async (
  sheets: readonly LedgerSheet[],
  opts: LedgerExportOptions = {},
): Promise<Buffer> => {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  // Wait on both together so a failing writer cannot leave the 'end' wait unhandled.
  await Promise.all([writeLedgerWorkbookStream(sheets, sink, opts), once(sink, 'end')]);
  return Buffer.concat(chunks);
};
