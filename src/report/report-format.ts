// The labels of the annual report (国办公开办函〔2021〕30号, shared/docs/annual-report-format.json), one place
// for the page, the .docx, the JSON and the checks. Table-3/table-4 labels come from the requests module.
import {
  TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_ROWS,
  type Table3, type Table3Column, type Table3Row, type Table4,
} from '../requests/public.js';

export { TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_ROWS, type Table3, type Table3Column, type Table3Row, type Table4 };
export type ReportScope = '本级' | '汇总';
export const SCOPES = ['本级', '汇总'] as const;

/** The six section titles of the 2021 format, in order. */
export const SECTION_TITLES = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
] as const;

/** Table 2 in blocks, as printed (the first column of every block is 信息内容). */
export const TABLE2_BLOCKS = [
  { caption: '第二十条第（一）项', columns: ['本年制发件数', '本年废止件数', '现行有效件数'], rows: ['规章', '行政规范性文件'] },
  { caption: '第二十条第（五）项', columns: ['本年处理决定数量'], rows: ['行政许可'] },
  { caption: '第二十条第（六）项', columns: ['本年处理决定数量'], rows: ['行政处罚', '行政强制'] },
  { caption: '第二十条第（八）项', columns: ['本年收费金额（单位：万元）'], rows: ['行政事业性收费'] },
] as const;
export const TABLE2_CORNER = '信息内容';
export type Table2 = Record<string, Record<string, number | null>>;

/** Table-3 result rows: the 21 leaves of （一）–（六）. */
export const TABLE3_RESULT_ROWS = TABLE3_ROWS.filter((r) => r !== TABLE3_ROWS[0] && r !== TABLE3_ROWS[1] && r !== '（七）总计' && r !== '四、结转下年度继续办理');
export const T3_NEW = TABLE3_ROWS[0];
export const T3_CARRIED_IN = TABLE3_ROWS[1];
export const T3_TOTAL: Table3Row = '（七）总计';
export const T3_CARRY_OUT: Table3Row = '四、结转下年度继续办理';
export const T3_APPLICANT_COLUMNS = TABLE3_COLUMNS.filter((c) => c !== '总计');
/** Stable ASCII ids of the table-3 columns for check ids. */
export const COLUMN_IDS: Record<Table3Column, string> = {
  自然人: 'natural', 商业企业: 'commercial', 科研机构: 'research', 社会公益组织: 'social', 法律服务机构: 'legal_service', 其他: 'other_org', 总计: 'total',
};
export const TABLE3_CORNER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** A table with every cell 0 (the shape of an empty year). */
export function emptyTable3(): Table3 {
  return Object.fromEntries(TABLE3_ROWS.map((r) => [r, Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, 0]))])) as Table3;
}
export function emptyTable4(): Table4 {
  return Object.fromEntries(TABLE4_ROWS.map((r) => [r, Object.fromEntries(TABLE4_COLUMNS.map((c) => [c, 0]))])) as Table4;
}

/** Cell-by-cell sum of tables of the same shape. */
export function addTables<T extends Record<string, Record<string, number>>>(into: T, add: T): T {
  for (const [r, cols] of Object.entries(add)) {
    const row = (into[r] ?? ((into as Record<string, Record<string, number>>)[r] = {})) as Record<string, number>;
    for (const [c, v] of Object.entries(cols)) row[c] = (row[c] ?? 0) + v;
  }
  return into;
}

/** The cells where two tables differ, as `row/column`: [a, b]. */
export function diffTables(a: Record<string, Record<string, number | null>>, b: Record<string, Record<string, number | null>>): { cell: string; a: number | null; b: number | null }[] {
  const out: { cell: string; a: number | null; b: number | null }[] = [];
  const rows = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const r of rows) {
    const cols = new Set([...Object.keys(a[r] ?? {}), ...Object.keys(b[r] ?? {})]);
    for (const c of cols) {
      const x = a[r]?.[c] ?? null;
      const y = b[r]?.[c] ?? null;
      if (x !== y) out.push({ cell: `${r}｜${c}`, a: x, b: y });
    }
  }
  return out;
}

/** 万元 with at most 4 decimals, as the exact decimal string stored ("12.5", "0"). null: not a valid amount. */
export function parseFeeWan(raw: string): string | null {
  const s = raw.trim();
  if (!/^\d{1,9}(\.\d{1,4})?$/.test(s)) return null;
  const [int, frac = ''] = s.split('.');
  const i = String(Number(int));
  const f = frac.replace(/0+$/, '');
  return f ? `${i}.${f}` : i;
}
