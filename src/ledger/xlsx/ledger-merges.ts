// Merged cells in a returned ledger. The 附件3 sample merges 序号 and 工作任务 down over
// a task's measures; units also merge 分管领导 or 时限要求 down, which is harmless. A
// merge across columns, or down 工作举措, hides which value belongs where, so it is
// reported instead of guessed at.
import type { Worksheet } from 'exceljs';
import type { ColumnKey } from './ledger-layout.js';

export type MergeRange = { range: string; top: number; left: number; bottom: number; right: number };

const colNumber = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

export const parseRange = (range: string): MergeRange | undefined => {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(range.toUpperCase());
  if (!m) return undefined;
  return { range, left: colNumber(m[1]), top: Number(m[2]), right: colNumber(m[3]), bottom: Number(m[4]) };
};

export const sheetMerges = (ws: Worksheet): MergeRange[] =>
  ws.model.merges.map(parseRange).filter((m): m is MergeRange => m !== undefined);

export type MergeProblem = { col: number; message: string };

/**
 * What is wrong with one merge that starts in a data row, if anything. `keyAt` maps a
 * column number to the ledger column it holds (undefined for ignored columns).
 */
export const mergeProblem = (
  m: MergeRange,
  keyAt: (col: number) => ColumnKey | undefined,
  headerOf: (key: ColumnKey) => string,
): MergeProblem | undefined => {
  const hit: { col: number; key: ColumnKey }[] = [];
  for (let c = m.left; c <= m.right; c++) {
    const key = keyAt(c);
    if (key) hit.push({ col: c, key });
  }
  if (hit.length === 0) return undefined;
  // Spanning into an unused column next door loses nothing; spanning two ledger columns does.
  if (hit.length > 1) {
    const names = hit.map((h) => `“${headerOf(h.key)}”`).join('、');
    return { col: hit[0].col, message: `单元格 ${m.range} 跨列合并（涉及${names}），请取消合并后逐列填写` };
  }
  if (hit[0].key === 'measure' && m.bottom > m.top) {
    return { col: hit[0].col, message: `单元格 ${m.range} 上下合并了工作举措，每条举措应单独占一行，请取消合并` };
  }
  return undefined;
};
