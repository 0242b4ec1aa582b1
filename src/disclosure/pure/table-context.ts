/**
 * Column headers for numbers inside plain-text tables (tab- or '|'-separated rows, as produced by
 * `htmlToText` and by spreadsheet exports). A budget table cell of 11 digits is an amount, a
 * 公示 cell under 联系电话 is a phone: the header is the best evidence we have.
 */

export interface TableIndex {
  /** Header text of the column holding offset `at`; undefined outside tables and on header rows. */
  headerAt(at: number): string | undefined;
}

interface Line {
  readonly start: number;
  readonly text: string;
  readonly sep: string | undefined;
  /** Index of the first row of this line's table (its header row). */
  readonly header: number;
}

function separatorOf(line: string): string | undefined {
  if (line.includes('\t')) return '\t';
  if (/\|.*\|/.test(line)) return '|';
  return undefined;
}

/**
 * Indexes the tables of `s` once (O(length)), so lookups stay cheap however many numbers a
 * long 公示 list holds. The header is the first row of a run of consecutive rows that use the
 * same separator.
 */
export function indexTables(s: string): TableIndex {
  const lines: Line[] = [];
  let start = 0;
  for (const text of s.split('\n')) {
    const sep = separatorOf(text);
    const prev = lines.at(-1);
    const header = sep !== undefined && prev?.sep === sep ? prev.header : lines.length;
    lines.push({ start, text, sep, header });
    start += text.length + 1;
  }
  return {
    headerAt(at: number): string | undefined {
      let lo = 0;
      let hi = lines.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lines[mid].start <= at) lo = mid;
        else hi = mid - 1;
      }
      const line = lines[lo];
      if (line.sep === undefined || line.header === lo) return undefined;
      const column = line.text.slice(0, at - line.start).split(line.sep).length - 1;
      return lines[line.header].text.split(line.sep)[column]?.trim();
    },
  };
}

const PHONE_HEADER = /电话|手机|联系方式|号码|卡号|账号/;
const QUANTITY_HEADER = /金额|数|元|额|率|计|支出|收入|值|量|万|亿|%|％/;

/** True when a column header names an amount or statistic rather than a phone or account. */
export function isQuantityHeader(header: string): boolean {
  return !PHONE_HEADER.test(header) && QUANTITY_HEADER.test(header);
}
