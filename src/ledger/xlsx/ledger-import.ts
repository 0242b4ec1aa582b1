// .xlsx → ledger (附件3) with every problem reported by sheet, row and column, so the
// unit's operator can fix the file in one go instead of emailing it back and forth.
import ExcelJS from 'exceljs';
import { IssueList, NOT_XLSX, quote, type ImportIssue } from './import-issues.js';
import { findHeader, normaliseHeader } from './ledger-header.js';
import { EVIDENCE_SHEET, MAX_DATA_ROWS, REQUIRED_COLUMNS, columnHeader, type ColumnKey, type LedgerSheet } from './ledger-layout.js';
import { readLedgerRows } from './ledger-rows.js';
import { precheckXlsx } from './xlsx-precheck.js';

export type { ImportIssue } from './import-issues.js';

export type LedgerImportOptions = {
  /**
   * The unit uploading. A sheet whose 填报单位 names another unit is an error; a sheet
   * without 填报单位 is taken as this unit's.
   */
  unitName?: string;
  /** 序号 → 工作任务 of the plan; when given, unknown 序号 are errors and differing task text a warning. */
  knownTaskSeqs?: ReadonlyMap<number, string>;
  /** 序号 → the plan's 时限要求: a row without measures may carry exactly that (the export prints it). */
  planTimeLimits?: ReadonlyMap<number, string>;
  /** Per sheet. Defaults to MAX_DATA_ROWS (5,000). */
  maxDataRows?: number;
};

/** `warnings` never block the import; they are shown to the reviewer beside the data. */
export type LedgerImportResult =
  | { ok: true; sheets: LedgerSheet[]; warnings: ImportIssue[] }
  | { ok: false; errors: ImportIssue[]; warnings: ImportIssue[] };

/** The worksheet name and column numbers (1-based) of each sheet read, for locating later checks; see sourceRow. */
export const sheetSource = new WeakMap<LedgerSheet, { sheet: string; columns: ReadonlyMap<ColumnKey, number> }>();

const failed = (errors: ImportIssue[], warnings: ImportIssue[] = []): LedgerImportResult => ({ ok: false, errors, warnings });

const sameUnit = (a: string, b: string): boolean => normaliseHeader(a) === normaliseHeader(b);

const readSheet = (ws: ExcelJS.Worksheet, opts: LedgerImportOptions, issues: IssueList): LedgerSheet | undefined => {
  const sheet = ws.name;
  const header = findHeader(ws);
  if (!header) {
    const names = REQUIRED_COLUMNS.map((c) => c.header).join('、');
    issues.error(sheet, 0, '', `未找到表头行，表头应包含：${names}`);
    return undefined;
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !header.columns.has(c.key));
  for (const c of missing) issues.error(sheet, header.row, '', `缺少必需列“${c.header}”`);
  for (const d of header.duplicates) {
    issues.error(sheet, header.row, '', `列“${columnHeader(d.key)}”重复出现，请只保留一列`);
  }
  for (const u of header.unknown) issues.warn(sheet, header.row, '', `未识别的列${quote(u.text)}，已忽略`);
  if (missing.length > 0 || header.duplicates.length > 0) return undefined;

  if (opts.unitName && header.unitName && !sameUnit(opts.unitName, header.unitName)) {
    issues.error(sheet, header.unitRow ?? 0, '', `填报单位${quote(header.unitName)}与当前单位${quote(opts.unitName)}不一致`);
  }
  const rows = readLedgerRows(ws, {
    sheet,
    header,
    issues,
    knownTaskSeqs: opts.knownTaskSeqs,
    planTimeLimits: opts.planTimeLimits,
    maxDataRows: opts.maxDataRows ?? MAX_DATA_ROWS,
  });
  const unitName = header.unitName ?? opts.unitName ?? sheet;
  const out: LedgerSheet = { unitName, ...(header.planTitle ? { planTitle: header.planTitle } : {}), rows };
  sheetSource.set(out, { sheet, columns: header.columns });
  return out;
};

/**
 * Read a returned ledger workbook. Blank and hidden sheets are skipped (WPS and Excel
 * add "Sheet2", and hidden sheets hold drop-down lists); every other sheet must be a ledger.
 *
 * @example
 * const r = await importLedgerWorkbook(buf, { unitName: '区财政局', knownTaskSeqs });
 * if (!r.ok) showErrors(r.errors);
 */
export const importLedgerWorkbook = async (
  buf: Buffer,
  opts: LedgerImportOptions = {},
): Promise<LedgerImportResult> => {
  const pre = precheckXlsx(buf, opts.maxDataRows ?? MAX_DATA_ROWS);
  if (pre.length > 0) return failed(pre);

  const wb = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer; a copy is cheap next to parsing.
    await wb.xlsx.load(new Uint8Array(buf).buffer);
  } catch (err) {
    // The package looked like a workbook but exceljs cannot read its parts.
    if (err instanceof Error) return failed([{ sheet: '', row: 0, column: '', message: NOT_XLSX }]);
    throw err;
  }

  const issues = new IssueList();
  const sheets: LedgerSheet[] = [];
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible' || ws.actualRowCount === 0) continue;
    if (ws.name === EVIDENCE_SHEET) continue; // the export's evidence list, not a ledger

    const sheet = readSheet(ws, opts, issues);
    if (sheet) sheets.push(sheet);
  }
  if (sheets.length === 0 && issues.errors.length === 0) {
    issues.error('', 0, '', '工作簿中没有台账内容');
  }
  return issues.errors.length > 0 ? failed(issues.errors, issues.warnings) : { ok: true, sheets, warnings: issues.warnings };
};
