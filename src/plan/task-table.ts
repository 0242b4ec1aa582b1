// The 附件1 任务分解表: finds the header, reads each row, and fills merged (empty) cells.
//
// Continuation rules, from the structure of real exports (see fixtures/linzi-2022.golden.json):
// - domain: an empty cell continues the domain above, across page breaks.
// - area: continues within the same domain; a new domain starts with no area.
// - 责任单位 and 时限要求: continue the nearest non-empty cell above within the same domain and
//   the same table part. A part (page) whose first row restates the domain restated every
//   merged cell it continued (the 2022 plan restates the area at rows 19 and 54 and the units
//   and time at row 54), so its empty cells are not continuations from the previous page.
import { splitResponsibleUnits } from './responsible-units.js';
import type { PlanTask, PlanWarning } from './plan-types.js';
import { classifyRow } from './task-row.js';
import { collectRows, normalizedCells, splitCells, type RawRow } from './table-lines.js';

export type TaskTable = { tasks: PlanTask[]; warnings: PlanWarning[]; end: number };

const has = (cells: string[], re: RegExp) => cells.some((c) => re.test(c));

/** 序号 | 工作任务 | 工作要求 | 责任单位 | 时限要求, with the usual variants of each name. */
export const isTaskHeader = (rawCells: string[]): boolean => {
  const cells = normalizedCells(rawCells).map((c) => c.replace(/\s/g, ''));
  return cells.includes('序号')
    && has(cells, /责任单位|责任部门|牵头单位|责任主体/)
    && has(cells, /工作要求|工作任务|重点任务|主要任务|任务内容/);
};

export const findTaskHeader = (lines: readonly string[]): number =>
  lines.findIndex((line) => {
    const cells = splitCells(line);
    return cells.length >= 3 && isTaskHeader(cells);
  });

const SEQ = /^\s*(\d{1,4})\s*[.、．]?\s*$/;
const seqOf = (cells: string[]): number | null => {
  const m = SEQ.exec(cells[0] ?? '');
  return m ? Number(m[1]) : null;
};

type State = { domain: string; area: string; units: string; timeLimit: string; block: number; timeLimitOwn: boolean };

/**
 * A time limit written as a condition of its own row's subject ("重大行政决策向社会公开征求意见的，
 * 征求意见期限不少于30日") belongs to that row only: the rows below are other duties, not the same
 * merged cell.
 */
const ROW_SPECIFIC_TIME = /^[^，。；,]{2,40}的[，,]/;

/** A deadline the requirement text states itself ("…年底前以村为单位…公开"). */
const OWN_DEADLINE = /(?:\d{4}年)?(?:年底|年末|\d{1,2}月(?:底|末|\d{1,2}日))前/;

/** Reads the task table whose header is at lines[headerIndex]. */
export const parseTaskTable = (lines: readonly string[], headerIndex: number, opts: TaskTableOptions = { emptyCellsContinue: true }): TaskTable => {
  const { rows, end, orphans } = collectRows(lines, headerIndex, {
    isRowStart: (cells) => seqOf(cells) !== null,
    isHeader: isTaskHeader,
  });
  const warnings: PlanWarning[] = orphans.map((o) => ({
    row: o.after ? (seqOf(o.after.cells) ?? 0) : 0,
    message: `第${o.line}行不以序号开头，也不紧接上一行，已忽略：${o.text.replace(/\t+/g, ' ').trim().slice(0, 40)}`,
  }));

  // A block without a separate area column has 5 cells per row (序号 + 4).
  const width = new Map<number, number>();
  for (const r of rows) width.set(r.block, Math.max(width.get(r.block) ?? 0, r.cells.length));

  const tasks: PlanTask[] = [];
  const state: State = { domain: '', area: '', units: '', timeLimit: '', block: -1, timeLimitOwn: false };
  const seen = new Set<number>();
  let previousSeq = 0;
  for (const row of rows) {
    const seq = seqOf(row.cells) as number;
    const task = readRow(row, seq, state, width.get(row.block) ?? 0, warnings, opts);
    if (!task) continue;
    if (seen.has(seq)) {
      warnings.push({ row: seq, message: `序号${seq}重复，已忽略这一行` });
      continue;
    }
    if (seq !== previousSeq + 1) {
      warnings.push({ row: seq, message: `序号不连续：上一行是${previousSeq}，这一行是${seq}` });
    }
    seen.add(seq);
    previousSeq = seq;
    tasks.push(task);
  }
  return { tasks, warnings, end };
};

export type TaskTableOptions = {
  /** Text exports drop the text of merged cells, so an empty cell continues the one above (default). */
  emptyCellsContinue: boolean;
};

const readRow = (row: RawRow, seq: number, state: State, width: number, warnings: PlanWarning[], opts: TaskTableOptions): PlanTask | null => {
  const cells = classifyRow(row.cells, { hasAreaColumn: width >= 6 });
  for (const message of cells.problems) warnings.push({ row: seq, message });
  if (cells.requirement === undefined) {
    warnings.push({ row: seq, message: '这一行没有工作要求，已跳过' });
    return null;
  }
  const newBlock = row.block !== state.block;
  state.block = row.block;
  if (cells.domain !== undefined && cells.domain !== state.domain) {
    state.domain = cells.domain;
    state.area = '';
    state.units = '';
    state.timeLimit = '';
  }
  if (newBlock && cells.domain !== undefined) {
    state.units = '';
    state.timeLimit = '';
  }
  // In a .docx every merged cell has been expanded onto the rows it covers (html-to-plan-text), so
  // an empty 责任单位/时限要求 cell there is really empty, not a continuation: flag it as the text
  // export's reading does instead of carrying the cell above into it.
  if (!opts.emptyCellsContinue) {
    if (cells.units === undefined) state.units = '';
    if (cells.timeLimit === undefined) state.timeLimit = '';
  }
  // A row-specific time limit above does not continue into this row.
  if (state.timeLimitOwn) state.timeLimit = '';
  state.timeLimitOwn = false;
  if (cells.area !== undefined) state.area = cells.area;
  if (cells.units !== undefined) state.units = cells.units;
  if (cells.timeLimit !== undefined) {
    state.timeLimit = cells.timeLimit;
    state.timeLimitOwn = ROW_SPECIFIC_TIME.test(cells.timeLimit);
  }
  let timeLimit = state.timeLimit;
  // The cell is empty (or continues one from above) but the requirement names its own deadline:
  // the requirement's words win over a continued "长期坚持".
  const own = cells.timeLimit === undefined ? OWN_DEADLINE.exec(cells.requirement) : null;
  if (own) {
    timeLimit = own[0];
    warnings.push({ row: seq, message: `时限要求取自工作要求原文“${own[0]}”，请核对` });
  }

  if (state.domain === '') warnings.push({ row: seq, message: '未找到所属工作任务（领域）' });
  if (state.units === '') warnings.push({ row: seq, message: '未给出责任单位，请补充' });
  if (timeLimit === '') warnings.push({ row: seq, message: '未给出时限要求，请补充' });
  return {
    seq,
    domain: state.domain,
    area: state.area,
    requirement: cells.requirement,
    units: splitResponsibleUnits(state.units),
    unitsText: state.units,
    timeLimit,
  };
};
