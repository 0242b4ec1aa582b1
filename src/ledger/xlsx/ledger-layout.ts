// The 附件3 ledger (政务公开工作任务台账) as data, plus the column layout shared by
// the Excel exporter and importer so both sides agree on headers and order.

export const LEDGER_STATUSES = ['未开始', '进行中', '已完成', '逾期'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

export type LedgerMeasureRow = {
  measure: string;
  /** Free text as units write it ("6月底前", "长期坚持"), never parsed as a date. */
  timeLimit: string;
  leader: string;
  section: string;
  status?: LedgerStatus;
  /** YYYY-MM-DD */
  dueDate?: string;
  /** YYYY-MM-DD */
  completedOn?: string;
  progress?: string;
};

export type LedgerTaskRow = {
  /** The plan's task number (附件1 序号). */
  seq: number;
  task: string;
  /** May be empty: the task still prints as one row with blank measure cells. */
  measures: LedgerMeasureRow[];
  /** The plan's 时限要求, printed in a row without measures so the unit sees what is asked. */
  timeLimit?: string;
};

export type LedgerSheet = {
  unitName: string;
  planTitle?: string;
  rows: LedgerTaskRow[];
};

export const LEDGER_TITLE = '政务公开工作任务台账';
/** The plain sheet listing the evidence (佐证材料) after a unit's ledger sheet; the importer skips it. */
export const EVIDENCE_SHEET = '佐证材料';
export const UNIT_LABEL = '填报单位：';
export const PLAN_LABEL = '工作方案：';

export type ColumnKey =
  | 'seq'
  | 'task'
  | 'measure'
  | 'timeLimit'
  | 'leader'
  | 'section'
  | 'status'
  | 'dueDate'
  | 'completedOn'
  | 'progress';

export type ColumnDef = {
  key: ColumnKey;
  header: string;
  /**
   * Excel width units; chosen so the six official columns fill an A4 landscape page.
   * Never exactly 9: exceljs takes 9 for its default width and leaves it out of the file.
   */
  width: number;
  /** Other spellings seen in returned ledgers, compared after normalisation. */
  aliases: readonly string[];
};

/** The six columns of the official 附件3 sample, in its order. */
export const REQUIRED_COLUMNS: readonly ColumnDef[] = [
  { key: 'seq', header: '序号', width: 6, aliases: [] },
  { key: 'task', header: '工作任务', width: 28, aliases: ['重点任务', '任务'] },
  { key: 'measure', header: '工作举措', width: 42, aliases: ['具体举措', '工作措施'] },
  { key: 'timeLimit', header: '时限要求', width: 22, aliases: ['完成时限', '时限'] },
  { key: 'leader', header: '单位分管领导', width: 12, aliases: ['分管领导'] },
  { key: 'section', header: '责任科室', width: 14, aliases: ['责任股室', '责任处室', '责任科室(人)'] },
];

/** Platform-only tracking columns, always placed after the official six. */
export const EXTRA_COLUMNS: readonly ColumnDef[] = [
  { key: 'status', header: '状态', width: 10, aliases: ['完成状态', '进度状态'] },
  { key: 'dueDate', header: '到期日', width: 12, aliases: ['截止日期'] },
  { key: 'completedOn', header: '完成日期', width: 12, aliases: ['完成时间'] },
  { key: 'progress', header: '进展情况', width: 30, aliases: ['进展', '落实情况'] },
];

export const ALL_COLUMNS: readonly ColumnDef[] = [...REQUIRED_COLUMNS, ...EXTRA_COLUMNS];

/** Cells longer than this are rejected on import: no real measure needs more. */
export const MAX_CELL_CHARS = 2000;
/** Per sheet; a unit's ledger has at most a few hundred rows. */
export const MAX_DATA_ROWS = 5000;

export const isLedgerStatus = (s: string): s is LedgerStatus =>
  (LEDGER_STATUSES as readonly string[]).includes(s);

const HEADER_BY_KEY: ReadonlyMap<ColumnKey, string> = new Map(ALL_COLUMNS.map((c) => [c.key, c.header]));
export const columnHeader = (key: ColumnKey): string => HEADER_BY_KEY.get(key) ?? key;
