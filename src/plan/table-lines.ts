// Turns the lines of an exported table back into rows. Exports write one row per line with
// tab-separated cells (or markdown pipes), a blank line between the tables that a page break
// produced, and sometimes a cell's second line on a line of its own.
import { normalizeText, stripMarkup } from './text-normalize.js';

export type RawRow = {
  cells: string[];
  /** 1-based line number of the row's first line. */
  line: number;
  /** Index of the table part (page) the row is in: parts are separated by blank lines. */
  block: number;
};

export type OrphanLine = { line: number; text: string; after: RawRow | null };

export type CollectedRows = {
  rows: RawRow[];
  /** Index of the first line after the table. */
  end: number;
  /** Tabbed lines inside the table that are neither a row nor a continuation. */
  orphans: OrphanLine[];
};

export const splitCells = (line: string): string[] => {
  if (/^\s*\|/.test(line)) {
    return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
  }
  return line.replace(/\r$/, '').split('\t');
};

const isPipeRule = (line: string): boolean => /^\s*\|?\s*:?-{3,}/.test(line);

/** 附件 2, a markdown heading, or the like: the table cannot go past it. */
export const isSectionBreak = (line: string): boolean =>
  /^\s*#/.test(line) || /^\s*附件\s*[0-9一二三四五六七八九十]/.test(stripMarkup(line));

export const normalizedCells = (cells: readonly string[]): string[] => cells.map((c) => normalizeText(c));

type CollectOptions = {
  isRowStart: (cells: string[]) => boolean;
  /** A repeated header at a page top: skipped, and starts a new block. */
  isHeader: (cells: string[]) => boolean;
};

/**
 * Collects the rows of the table whose header is at lines[headerIndex]. A line without tabs
 * right under a row continues that row's last cell; a tabbed line that is not a row start
 * continues it too when no blank line came between (a multi-line cell), else it is an orphan.
 */
export const collectRows = (lines: readonly string[], headerIndex: number, opts: CollectOptions): CollectedRows => {
  const rows: RawRow[] = [];
  const orphans: OrphanLine[] = [];
  let block = 0;
  let sawBlank = false;
  let i = headerIndex + 1;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '' || isPipeRule(line)) {
      sawBlank = sawBlank || line.trim() === '';
      continue;
    }
    if (isSectionBreak(line)) break;
    const cells = splitCells(line);
    const last = rows.length > 0 ? rows[rows.length - 1] : null;
    if (cells.length > 1 && opts.isHeader(cells)) {
      if (rows.length > 0) block++;
      sawBlank = false;
      continue;
    }
    if (cells.length > 1 && opts.isRowStart(cells)) {
      if (sawBlank && rows.length > 0) block++;
      rows.push({ cells, line: i + 1, block });
      sawBlank = false;
      continue;
    }
    if (last === null || sawBlank) {
      if (cells.length === 1) break; // prose after the table
      orphans.push({ line: i + 1, text: line, after: last });
      continue;
    }
    // The rest of a multi-line cell: its first piece ends the previous line's last cell.
    const lastIndex = last.cells.length - 1;
    last.cells[lastIndex] = `${last.cells[lastIndex]} ${cells[0]}`;
    last.cells.push(...cells.slice(1));
  }
  return { rows, end: i, orphans };
};
