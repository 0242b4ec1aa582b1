// Reads the data rows under a ledger's header into tasks and measures, collecting every
// problem rather than stopping at the first, so a unit can fix its file in one pass.
import type { Worksheet } from 'exceljs';
import { cellText, readCellValue, type CellRead } from './cell-read.js';
import { columnLabel, quote, type IssueList } from './import-issues.js';
import type { HeaderInfo } from './ledger-header.js';
import { MAX_CELL_CHARS, columnHeader as headerOf, type ColumnKey, type LedgerTaskRow } from './ledger-layout.js';
import { mergeProblem, sheetMerges, type MergeRange } from './ledger-merges.js';
import { readMeasure } from './ledger-measure.js';

export type RowContext = {
  sheet: string;
  header: HeaderInfo;
  issues: IssueList;
  knownTaskSeqs?: ReadonlyMap<number, string>;
  /** 序号 → the plan's 时限要求, which the export prints in rows without measures. */
  planTimeLimits?: ReadonlyMap<number, string>;
  maxDataRows: number;
};

type RowCells = Map<ColumnKey, CellRead>;

/**
 * The Excel row each returned task and measure was read from, so checks made later (against the
 * plan and the unit's ledger) can point at the cell too. A WeakMap keeps the data shapes unchanged.
 */
export const sourceRow = new WeakMap<object, number>();
type Report = (key: ColumnKey | undefined, message: string) => void;


// Lines units add under the table ("填表人：", "备注：") end the data. Only looked for
// in the first column: a measure may well begin with "说明：".
const FOOTER = /^(填表人|填报人|联系人|联系电话|审核人|负责人|(备注|说明|注)\s*[:：])/;
// The 附件3 sample ends with "..." rows; copies of it often keep them.
const PLACEHOLDER = /^[.…⋯。]+$/;

/** Compare task texts ignoring spacing and punctuation, which units retype freely. */
const loose = (s: string): string => s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
const sameTask = (a: string, b: string): boolean => {
  const x = loose(a);
  const y = loose(b);
  return x === y || (x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x)));
};

const parseSeq = (c: CellRead): number | undefined => {
  const n = c.kind === 'number' ? c.value : c.kind === 'text' && /^\d+$/.test(c.text.normalize('NFKC')) ? Number(c.text.normalize('NFKC')) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

type Current = LedgerTaskRow & { row: number };

export const readLedgerRows = (ws: Worksheet, ctx: RowContext): LedgerTaskRow[] => {
  const { sheet, header, issues } = ctx;
  const keyAtCol = new Map([...header.columns].map(([k, c]) => [c, k]));
  const label = (key: ColumnKey): string => columnLabel(header.columns.get(key) ?? 0, headerOf(key));

  // Data begins below the header, or below a two-row header merged downwards.
  const merges = sheetMerges(ws);
  let start = header.row + 1;
  for (const m of merges) if (m.top <= header.row && m.bottom >= header.row) start = Math.max(start, m.bottom + 1);
  const mergesByTop = new Map<number, MergeRange[]>();
  for (const m of merges) if (m.top >= start) mergesByTop.set(m.top, [...(mergesByTop.get(m.top) ?? []), m]);

  const tasks: Current[] = [];
  const firstRowOfSeq = new Map<number, number>();
  let current: Current | undefined;
  let dataRows = 0;

  for (let r = start; r <= ws.rowCount; r++) {
    const report: Report = (key, message) => issues.error(sheet, r, key ? label(key) : '', message);
    const row = ws.getRow(r);
    const cells: RowCells = new Map();
    const slave = new Set<ColumnKey>();
    for (const [key, col] of header.columns) {
      const cell = row.getCell(col);
      if (cell.master !== cell) {
        slave.add(key);
        // A merge down 序号/工作任务 means "same task"; down other columns it repeats the
        // value; a merge from another column is reported below, so ignore its value here.
        if (key === 'seq' || key === 'task' || cell.master.col !== cell.col) continue;
      }
      const read = readCellValue(cell.value);
      if (read.kind === 'error') { report(key, read.message); continue; }
      if (read.kind === 'text' && read.text.length > MAX_CELL_CHARS) {
        report(key, `内容有 ${read.text.length} 字，超过 ${MAX_CELL_CHARS} 字上限，请精简`);
      }
      if (read.kind !== 'empty') cells.set(key, read);
    }
    if (cells.size === 0) continue;
    if (FOOTER.test(cellText(readCellValue(row.getCell(1).value)))) break;
    const seqCell = cells.get('seq');
    if (cells.size === 1 && seqCell && PLACEHOLDER.test(cellText(seqCell))) continue;

    if (++dataRows > ctx.maxDataRows) {
      issues.error(sheet, r, '', `数据超过 ${ctx.maxDataRows} 行上限，其后内容未检查，请按单位拆分后分别上传`);
      break;
    }
    for (const m of mergesByTop.get(r) ?? []) {
      const p = mergeProblem(m, (c) => keyAtCol.get(c), headerOf);
      const key = p ? keyAtCol.get(p.col) : undefined;
      if (p) report(key, p.message);
    }

    const taskText = slave.has('task') ? '' : cellText(cells.get('task') ?? { kind: 'empty' });
    const hasMeasureCells = [...cells.keys()].some((k) => k !== 'seq' && k !== 'task');

    if (seqCell) {
      const seq = parseSeq(seqCell);
      if (seq === undefined) report('seq', `序号${quote(cellText(seqCell))}不是正整数`);
      const repeat = seq !== undefined && current?.seq === seq && (taskText === '' || sameTask(taskText, current.task));
      if (!repeat) {
        if (taskText === '' && !hasMeasureCells) {
          // An unfilled line of the template: tell the unit, but do not fail the file.
          issues.warn(sheet, r, label('seq'), `序号 ${cellText(seqCell)} 未填写内容，已忽略`);
          current = undefined;
          continue;
        }
        if (taskText === '') report('task', '工作任务不能为空');
        if (seq !== undefined) checkSeq(seq, taskText, r, ctx, firstRowOfSeq, label);
        current = { seq: seq ?? 0, task: taskText, measures: [], row: r };
        tasks.push(current);
      }
    } else if (!current) {
      report('seq', '缺少序号，无法判断本行属于哪项工作任务');
      continue;
    } else if (taskText !== '' && !sameTask(taskText, current.task)) {
      report('task', `工作任务与第 ${current.row} 行${quote(current.task)}不同；如是新任务，请填写序号`);
    }
    if (!current) continue;

    const measure = readMeasure(cells, report, ctx.planTimeLimits?.get(current.seq));
    if (measure) {
      sourceRow.set(measure, r);
      current.measures.push(measure);
    }
  }
  return tasks.map(({ seq, task, measures, row }) => {
    const out = { seq, task, measures };
    sourceRow.set(out, row);
    return out;
  });
};

const checkSeq = (
  seq: number,
  task: string,
  r: number,
  ctx: RowContext,
  firstRowOfSeq: Map<number, number>,
  label: (key: ColumnKey) => string,
): void => {
  const { sheet, issues, knownTaskSeqs } = ctx;
  const seen = firstRowOfSeq.get(seq);
  if (seen !== undefined) issues.error(sheet, r, label('seq'), `序号 ${seq} 重复，第 ${seen} 行已使用`);
  else firstRowOfSeq.set(seq, r);
  if (!knownTaskSeqs) return;
  const planned = knownTaskSeqs.get(seq);
  if (planned === undefined) {
    issues.error(sheet, r, label('seq'), `序号 ${seq} 不是本年度工作方案中的任务序号`);
  } else if (task !== '' && !sameTask(task, planned)) {
    // Units shorten or paraphrase task names; the 序号 identifies the task, so this is
    // only a warning for the reviewer, not a reason to reject the whole ledger.
    issues.warn(sheet, r, label('task'), `工作任务与工作方案第 ${seq} 项${quote(planned)}不一致，请核对`);
  }
};
