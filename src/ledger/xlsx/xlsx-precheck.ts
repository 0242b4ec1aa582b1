// Cheap checks on the raw .xlsx package before exceljs parses it: is it a workbook at
// all, is it a ZIP bomb, and does any sheet hold far more rows than a ledger can have.
// exceljs builds an object per cell, so a 10,000-row upload should stop here instead.
import { listZipEntries, readZipEntry, type ZipEntry } from './zip-peek.js';
import { NOT_XLSX, type ImportIssue } from './import-issues.js';

/** Far beyond any ledger (a 5,000-row sheet is a few MB of XML), small enough to be safe. */
export const MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;
/** Title, 填报单位, header and footer rows that may sit around the data rows. */
const NON_DATA_ROW_ALLOWANCE = 20;
/** Formatted-but-empty rows tolerated, as a multiple of the data row limit. */
const EMPTY_ROW_FACTOR = 10;

const decodeXml = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()];
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });

const attr = (attrs: string, name: string): string | undefined => {
  const m = new RegExp(`(?:^|\\s)(?:[\\w-]+:)?${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? decodeXml(m[2] ?? m[3] ?? '') : undefined;
};

type SheetPart = { name: string; path: string };

/** Sheet names paired with their XML part, following workbook.xml and its relationships. */
const sheetParts = (buf: Buffer, byName: Map<string, ZipEntry>): SheetPart[] => {
  const text = (path: string): string => {
    const e = byName.get(path);
    return e ? readZipEntry(buf, e, MAX_UNCOMPRESSED_BYTES).toString('utf8') : '';
  };
  const targets = new Map<string, string>();
  for (const m of text('xl/_rels/workbook.xml.rels').matchAll(/<(?:[\w-]+:)?Relationship\b([^>]*)>/g)) {
    const id = attr(m[1], 'Id');
    const target = attr(m[1], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const parts: SheetPart[] = [];
  for (const m of text('xl/workbook.xml').matchAll(/<(?:[\w-]+:)?sheet\b([^>]*)>/g)) {
    const name = attr(m[1], 'name');
    const path = targets.get(attr(m[1], 'id') ?? '');
    if (name !== undefined && path) parts.push({ name, path });
  }
  return parts;
};

/** Rows that hold at least one value (`values`) and all row elements, styled-only ones too. */
export const countRows = (xml: string): { values: number; all: number } => {
  let values = 0;
  for (const m of xml.matchAll(/<(?:[\w-]+:)?row\b[^>/]*>([\s\S]*?)<\/(?:[\w-]+:)?row>/g)) {
    if (/<(?:[\w-]+:)?(?:v|is)\b/.test(m[1])) values++;
  }
  const all = xml.match(/<(?:[\w-]+:)?row\b/g)?.length ?? 0;
  return { values, all };
};

/** Issues that make further reading pointless; an empty list means "go on and parse". */
export const precheckXlsx = (buf: Buffer, maxDataRows: number): ImportIssue[] => {
  const fatal = (message: string, sheet = ''): ImportIssue[] => [{ sheet, row: 0, column: '', message }];
  const entries = listZipEntries(buf);
  if (!entries) return fatal(NOT_XLSX);
  const byName = new Map(entries.map((e) => [e.name, e]));
  // Every SpreadsheetML package has these two parts; a .docx or plain .zip does not.
  if (!byName.has('[Content_Types].xml') || !byName.has('xl/workbook.xml')) return fatal(NOT_XLSX);
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > MAX_UNCOMPRESSED_BYTES) {
    return fatal(`文件解压后超过 ${MAX_UNCOMPRESSED_BYTES / 1024 / 1024} MB，不是正常的工作台账，请检查后重新上传`);
  }
  const issues: ImportIssue[] = [];
  try {
    for (const part of sheetParts(buf, byName)) {
      const entry = byName.get(part.path);
      if (!entry) continue;
      const rows = countRows(readZipEntry(buf, entry, MAX_UNCOMPRESSED_BYTES).toString('utf8'));
      const problem =
        rows.values > maxDataRows + NON_DATA_ROW_ALLOWANCE
          ? `工作表约有 ${rows.values} 行内容，超过台账上限 ${maxDataRows} 行数据，请核对内容或按单位拆分后分别上传`
          : // Borders dragged down to row 65536 make exceljs build every empty row.
            rows.all > maxDataRows * EMPTY_ROW_FACTOR
            ? `工作表有 ${rows.all} 行（大多是设置了格式的空行），请删除多余的空行后重新上传`
            : undefined;
      if (problem) issues.push({ sheet: part.name, row: 0, column: '', message: problem });
    }
  } catch (err) {
    // Damaged deflate data or a bogus size: exceljs would fail on it too.
    if (err instanceof Error) return fatal(NOT_XLSX);
    throw err;
  }
  return issues;
};
