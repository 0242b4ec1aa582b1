// Finds the header row of a returned ledger. Units retype headers, paste them from the
// Word sample ("单位分管 领导" with a line break), or use full-width characters, so
// headers are compared after normalisation, and the row is searched for, not assumed.
import type { Worksheet } from 'exceljs';
import { cellText, readCellValue } from './cell-read.js';
import { ALL_COLUMNS, PLAN_LABEL, UNIT_LABEL, type ColumnKey } from './ledger-layout.js';

/** NFKC folds full-width letters, digits and brackets; all whitespace and "*" marks go. */
export const normaliseHeader = (s: string): string =>
  s.normalize('NFKC').replace(/[\s*:]/g, '');

const LOOKUP: ReadonlyMap<string, ColumnKey> = new Map(
  ALL_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [normaliseHeader(h), c.key] as const)),
);

/** How far down to look: the sample has two rows (title, 填报单位) above the header. */
const HEADER_SEARCH_ROWS = 20;
/** A row naming this many known columns is taken as the header. */
const MIN_HEADER_MATCHES = 3;

export type HeaderInfo = {
  row: number;
  /** Column number (1-based) per recognised key. */
  columns: Map<ColumnKey, number>;
  duplicates: { key: ColumnKey; col: number }[];
  unknown: { col: number; text: string }[];
  unitName?: string;
  unitRow?: number;
  planTitle?: string;
};

const rowTexts = (ws: Worksheet, r: number): { col: number; text: string }[] => {
  const out: { col: number; text: string }[] = [];
  ws.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
    // Only masters: a title merged across the sheet would otherwise repeat in every column.
    if (cell.master !== cell) return;
    const text = cellText(readCellValue(cell.value));
    if (text) out.push({ col, text });
  });
  return out;
};

/** "填报单位：区财政局" → "区财政局", however the label was spaced or punctuated. */
const afterLabel = (text: string, label: string): string | undefined => {
  // JS \s covers the ideographic space; the unit name keeps its own spelling (no NFKC),
  // so "区政府办公室（区外事办）" still matches the unit table.
  const bare = [...normaliseHeader(label)];
  const labelled = new RegExp(`^\\s*${bare.join('\\s*')}\\s*[:：]?\\s*`);
  if (!labelled.test(text)) return undefined;
  return text.replace(labelled, '').trim() || undefined;
};

export const findHeader = (ws: Worksheet): HeaderInfo | undefined => {
  const last = Math.min(ws.rowCount, HEADER_SEARCH_ROWS);
  let unitName: string | undefined;
  let unitRow: number | undefined;
  let planTitle: string | undefined;
  for (let r = 1; r <= last; r++) {
    const texts = rowTexts(ws, r);
    const columns = new Map<ColumnKey, number>();
    const duplicates: HeaderInfo['duplicates'] = [];
    const unknown: HeaderInfo['unknown'] = [];
    for (const { col, text } of texts) {
      const key = LOOKUP.get(normaliseHeader(text));
      if (!key) unknown.push({ col, text });
      else if (columns.has(key)) duplicates.push({ key, col });
      else columns.set(key, col);
    }
    if (columns.size >= MIN_HEADER_MATCHES) {
      return { row: r, columns, duplicates, unknown, unitName, unitRow, planTitle };
    }
    for (const { text } of texts) {
      const unit = afterLabel(text, UNIT_LABEL);
      if (unit !== undefined && unitName === undefined) { unitName = unit; unitRow = r; }
      const plan = afterLabel(text, PLAN_LABEL);
      if (plan !== undefined && planTitle === undefined) planTitle = plan;
    }
  }
  return undefined;
};
