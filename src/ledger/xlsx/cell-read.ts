// Turns whatever exceljs hands back for a cell (rich text, formulas, hyperlinks, dates,
// error values) into one small union, so the ledger rules never see exceljs shapes.
import type { CellValue } from 'exceljs';

export type CellRead =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; date: Date }
  | { kind: 'error'; message: string };

const EMPTY: CellRead = { kind: 'empty' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const fromText = (s: string): CellRead => {
  // Excel on Windows stores Alt+Enter line breaks as \r\n in some producers (WPS).
  const text = s.replace(/\r\n?/g, '\n').trim();
  return text === '' ? EMPTY : { kind: 'text', text };
};

const richTextOf = (v: unknown): string | undefined => {
  if (!isObject(v) || !Array.isArray(v.richText)) return undefined;
  return v.richText.map((r: unknown) => (isObject(r) && typeof r.text === 'string' ? r.text : '')).join('');
};

/** Read one cell value; `depth` guards against a pathological nested formula result. */
export const readCellValue = (v: CellValue | unknown, depth = 0): CellRead => {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'string') return fromText(v);
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'number', value: v } : EMPTY;
  if (typeof v === 'boolean') return { kind: 'text', text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? EMPTY : { kind: 'date', date: v };
  if (!isObject(v) || depth > 2) return EMPTY;
  const rich = richTextOf(v);
  if (rich !== undefined) return fromText(rich);
  if (typeof v.error === 'string') return { kind: 'error', message: `单元格是错误值 ${v.error}，请修正后重新上传` };
  if ('formula' in v || 'sharedFormula' in v) {
    // Files written by scripts may carry a formula without a cached result; we never
    // evaluate formulas ourselves, so ask for the file to be saved once by Excel/WPS.
    if (v.result === undefined) return { kind: 'error', message: '公式没有计算结果，请在 Excel 或 WPS 中打开并保存后重新上传' };
    return readCellValue(v.result, depth + 1);
  }
  if ('hyperlink' in v) {
    // Hyperlink text may itself be rich text.
    const t = v.text;
    return typeof t === 'string' ? fromText(t) : readCellValue(t, depth + 1);
  }
  if ('text' in v && typeof v.text === 'string') return fromText(v.text);
  return EMPTY;
};

/** Text form of a cell for free-text columns; numbers print as written, dates in Chinese style. */
export const cellText = (c: CellRead): string => {
  switch (c.kind) {
    case 'text': return c.text;
    case 'number': return String(c.value);
    // Excel stores typed dates as UTC serials, so read the UTC fields.
    case 'date': return `${c.date.getUTCFullYear()}年${c.date.getUTCMonth() + 1}月${c.date.getUTCDate()}日`;
    default: return '';
  }
};

const pad = (n: number): string => String(n).padStart(2, '0');

export const isoDate = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** YYYY-MM-DD for a real date cell or a valid ISO date string; undefined otherwise. */
export const cellIsoDate = (c: CellRead): string | undefined => {
  if (c.kind === 'date') return isoDate(c.date);
  if (c.kind !== 'text') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(c.text.normalize('NFKC'));
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Date.UTC rolls 2022-02-30 over to March; a round trip exposes that.
  return isoDate(d) === m[0] ? m[0] : undefined;
};
