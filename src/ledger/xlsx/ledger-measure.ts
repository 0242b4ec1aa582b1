// One measure (工作举措) row: free-text columns are taken as written, the platform's
// tracking columns (状态, 到期日, 完成日期) must hold values the platform can use.
import { cellIsoDate, cellText, type CellRead } from './cell-read.js';
import { quote } from './import-issues.js';
import { LEDGER_STATUSES, columnHeader, isLedgerStatus, type ColumnKey, type LedgerMeasureRow } from './ledger-layout.js';

type Cells = ReadonlyMap<ColumnKey, CellRead>;
type Report = (key: ColumnKey, message: string) => void;

// Columns that belong to a measure: any of them filled without a measure is a mistake.
const MEASURE_KEYS: readonly ColumnKey[] = ['timeLimit', 'leader', 'section', 'status', 'dueDate', 'completedOn', 'progress'];

const text = (cells: Cells, key: ColumnKey): string => {
  const c = cells.get(key);
  return c ? cellText(c) : '';
};

const readDate = (cells: Cells, key: 'dueDate' | 'completedOn', report: Report): string | undefined => {
  const c = cells.get(key);
  if (!c) return undefined;
  const iso = cellIsoDate(c);
  // Unlike 时限要求, these columns drive reminders, so "6月底前" cannot be accepted here.
  if (iso === undefined) report(key, `${columnHeader(key)}${quote(cellText(c))}不是有效日期，请填写日期（如 2022-06-30）`);
  return iso;
};

/**
 * The measure on this row, or undefined when the row carries none (a task with no
 * measures yet). Problems go to `report`; the row is still returned where possible so
 * later checks see it.
 */
export const readMeasure = (cells: Cells, report: Report, planTimeLimit?: string): LedgerMeasureRow | undefined => {
  const measure = text(cells, 'measure');
  if (measure === '') {
    // A row without measures may carry the plan's own 时限要求, as the export prints it: not an error.
    const filled = MEASURE_KEYS.filter((k) => cells.has(k));
    const printedLimit = filled.length === 1 && filled[0] === 'timeLimit' && planTimeLimit !== undefined && text(cells, 'timeLimit') === planTimeLimit.trim();
    if (filled.length > 0 && !printedLimit) report('measure', `工作举措为空，但本行已填写${filled.map((k) => columnHeader(k)).join('、')}`);
    return undefined;
  }
  const row: LedgerMeasureRow = {
    measure,
    timeLimit: text(cells, 'timeLimit'),
    leader: text(cells, 'leader'),
    section: text(cells, 'section'),
  };
  const statusCell = cells.get('status');
  if (statusCell) {
    const s = cellText(statusCell).normalize('NFKC').replace(/\s/g, '');
    if (isLedgerStatus(s)) row.status = s;
    else report('status', `状态${quote(cellText(statusCell))}无效，应为${LEDGER_STATUSES.join('、')}之一`);
  }
  const due = readDate(cells, 'dueDate', report);
  if (due) row.dueDate = due;
  const done = readDate(cells, 'completedOn', report);
  if (done) row.completedOn = done;
  const progress = text(cells, 'progress');
  if (progress) row.progress = progress;
  return row;
};
