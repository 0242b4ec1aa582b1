// Writes one unit's ledger into a worksheet in the 附件3 layout. Works on both the
// in-memory worksheet and the streaming WorksheetWriter: rows are added in order,
// each task's merges are made before its rows are committed (the streaming writer
// cannot touch a committed row), and styles are shared objects (exceljs caches a
// style id per object, so one object per column keeps writing fast).
import type { AddWorksheetOptions, CellValue, Row, Style, Worksheet } from 'exceljs';
import {
  EXTRA_COLUMNS,
  LEDGER_TITLE,
  PLAN_LABEL,
  UNIT_LABEL,
  type ColumnDef,
  type ColumnKey,
  type LedgerMeasureRow,
  type LedgerSheet,
  type LedgerTaskRow,
} from './ledger-layout.js';
import {
  BODY_FONT,
  EXTRA_HEADER_FILL,
  HEADER_FILL,
  HEADER_FONT,
  META_FONT,
  TITLE_FONT,
  cellBorder,
  centred,
  heightForLines,
  leftAligned,
  wrappedLines,
} from './ledger-style.js';

export const TITLE_ROW = 1;
export const META_ROW = 2;
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;

const CENTRED_KEYS: ReadonlySet<ColumnKey> = new Set(['seq', 'timeLimit', 'leader', 'section', 'status', 'dueDate', 'completedOn']);
const DATE_KEYS: ReadonlySet<ColumnKey> = new Set(['dueDate', 'completedOn']);

/** Page setup for A4 landscape: one page wide, header row repeated on every page. */
export const sheetOptions = (): Partial<AddWorksheetOptions> => ({
  pageSetup: {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  },
  headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, showGridLines: false }],
});

type CellStyle = Partial<Style>;
type Styles = { header: CellStyle[]; body: CellStyle[]; title: CellStyle; meta: CellStyle };

const styleSet = (columns: readonly ColumnDef[]): Styles => {
  const firstExtra = columns.findIndex((c) => EXTRA_COLUMNS.includes(c));
  const header = columns.map((_, i): CellStyle => ({
    font: HEADER_FONT,
    alignment: centred,
    border: cellBorder(i === firstExtra),
    fill: firstExtra >= 0 && i >= firstExtra ? EXTRA_HEADER_FILL : HEADER_FILL,
  }));
  const body = columns.map((c, i): CellStyle => ({
    font: BODY_FONT,
    alignment: CENTRED_KEYS.has(c.key) ? centred : leftAligned,
    border: cellBorder(i === firstExtra),
    ...(DATE_KEYS.has(c.key) ? { numFmt: 'yyyy-mm-dd' } : {}),
  }));
  return {
    header,
    body,
    title: { font: TITLE_FONT, alignment: { horizontal: 'center', vertical: 'middle' } },
    meta: { font: META_FONT, alignment: { horizontal: 'left', vertical: 'middle' } },
  };
};

const isoToDate = (iso: string): Date | string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  // UTC midnight: exceljs converts Dates to serials in UTC, so the day never shifts.
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : iso;
};

const measureValue = (m: LedgerMeasureRow | undefined, key: ColumnKey): CellValue => {
  if (!m) return null;
  switch (key) {
    case 'measure': return m.measure;
    case 'timeLimit': return m.timeLimit;
    case 'leader': return m.leader;
    case 'section': return m.section;
    case 'status': return m.status ?? null;
    case 'dueDate': return m.dueDate ? isoToDate(m.dueDate) : null;
    case 'completedOn': return m.completedOn ? isoToDate(m.completedOn) : null;
    case 'progress': return m.progress ?? null;
    default: return null;
  }
};

const textOf = (v: CellValue): string => (typeof v === 'string' ? v : '');

const writeTask = (ws: Worksheet, task: LedgerTaskRow, top: number, columns: readonly ColumnDef[], styles: Styles): number => {
  const count = Math.max(1, task.measures.length);
  const rows: Row[] = [];
  const heights: number[] = [];
  for (let i = 0; i < count; i++) {
    const m = task.measures[i];
    const values = columns.map((c): CellValue =>
      c.key === 'seq' ? (i === 0 ? task.seq : null) : c.key === 'task' ? (i === 0 ? task.task : null)
        : !m && c.key === 'timeLimit' && task.timeLimit ? task.timeLimit : measureValue(m, c.key),
    );
    const row = ws.getRow(top + i);
    let lines = 1;
    columns.forEach((c, ci) => {
      const cell = row.getCell(ci + 1);
      cell.style = styles.body[ci];
      if (values[ci] !== null) cell.value = values[ci];
      if (c.key !== 'seq' && c.key !== 'task') lines = Math.max(lines, wrappedLines(textOf(values[ci]), c.width));
    });
    heights.push(heightForLines(lines));
    rows.push(row);
  }
  // The merged 工作任务 cell must fit inside the rows it spans; spread any shortfall.
  const seqCol = columns.findIndex((c) => c.key === 'seq') + 1;
  const taskCol = columns.findIndex((c) => c.key === 'task') + 1;
  const need = heightForLines(wrappedLines(task.task, columns[taskCol - 1].width));
  const have = heights.reduce((a, b) => a + b, 0);
  rows.forEach((row, i) => { row.height = heights[i] + (need > have ? Math.ceil((need - have) / count) : 0); });
  if (count > 1) {
    ws.mergeCells(top, seqCol, top + count - 1, seqCol);
    ws.mergeCells(top, taskCol, top + count - 1, taskCol);
  }
  rows.forEach((r) => r.commit());
  return top + count;
};

/** Fill a freshly created worksheet (created with `sheetOptions()`) with one unit's ledger. */
export const writeLedgerSheet = (ws: Worksheet, sheet: LedgerSheet, columns: readonly ColumnDef[]): void => {
  const styles = styleSet(columns);
  const last = columns.length;
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));

  const title = ws.getRow(TITLE_ROW);
  title.getCell(1).value = LEDGER_TITLE;
  title.getCell(1).style = styles.title;
  title.height = 36;
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, last);
  title.commit();

  // 填报单位 takes the left half, the plan title (if any) the right half.
  const meta = ws.getRow(META_ROW);
  const split = Math.min(3, last);
  meta.getCell(1).value = `${UNIT_LABEL}${sheet.unitName}`;
  meta.getCell(1).style = styles.meta;
  ws.mergeCells(META_ROW, 1, META_ROW, split);
  if (sheet.planTitle) {
    meta.getCell(split + 1).value = `${PLAN_LABEL}${sheet.planTitle}`;
    meta.getCell(split + 1).style = styles.meta;
    ws.mergeCells(META_ROW, split + 1, META_ROW, last);
  }
  meta.height = 24;
  meta.commit();

  const header = ws.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    header.getCell(i + 1).style = styles.header[i];
  });
  header.height = 30;
  header.commit();

  let next = FIRST_DATA_ROW;
  for (const task of sheet.rows) next = writeTask(ws, task, next, columns, styles);
};
