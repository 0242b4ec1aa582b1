// A task table on its own as .xlsx (how units and offices pass the 任务分解表 around). The
// columns are found by their header names; merged cells read as their top-left value (exceljs
// does this), and empty cells continue the value above exactly as in the text parser, because
// the sheet is rewritten as tab-separated text and read by parsePlanText.
import ExcelJS from 'exceljs';
import { NO_TASK_TABLE_MESSAGE, PlanParseError } from './plan-errors.js';
import { parsePlanText } from './plan-text-parser.js';
import type { ParsedPlan, PlanWarning } from './plan-types.js';

type Columns = { seq: number; domain: number; area: number | null; requirement: number; units: number; timeLimit: number | null };

const name = (text: string) => text.replace(/\s+/g, '');

const textOf = (ws: ExcelJS.Worksheet, row: number, col: number | null): string => {
  if (col === null) return '';
  const cell = ws.getRow(row).getCell(col);
  return (cell.text ?? '').replace(/[\r\n\t]+/g, ' ').trim();
};

// Maps header names to columns; 工作任务 spanning two columns means domain + area.
const mapColumns = (ws: ExcelJS.Worksheet, row: number): Columns | null => {
  const names: string[] = [];
  for (let c = 1; c <= ws.columnCount; c++) names[c] = name(textOf(ws, row, c));
  const find = (re: RegExp) => names.findIndex((n) => n !== undefined && re.test(n));
  const seq = names.findIndex((n) => n === '序号');
  const units = find(/责任单位|责任部门|牵头单位|责任主体/);
  const task = names.flatMap((n, c) => (n !== undefined && /工作任务|重点任务|主要任务/.test(n) ? [c] : []));
  let requirement = find(/工作要求|具体要求|任务内容|工作内容/);
  const timeLimit = find(/时限/);
  if (seq < 0 || units < 0 || (requirement < 0 && task.length === 0)) return null;
  let area: number | null = task.length >= 2 ? task[1] : null;
  if (requirement < 0) {
    // Only 工作任务 columns: the last one holds the requirement.
    requirement = task[task.length - 1];
    area = task.length >= 3 ? task[1] : null;
  }
  const domain = task.length > 0 && task[0] !== requirement ? task[0] : -1;
  return { seq, domain, area, requirement, units, timeLimit: timeLimit < 0 ? null : timeLimit };
};

const findHeader = (ws: ExcelJS.Worksheet): { row: number; cols: Columns } | null => {
  for (let r = 1; r <= Math.min(ws.rowCount, 30); r++) {
    const cols = mapColumns(ws, r);
    if (cols) return { row: r, cols };
  }
  return null;
};

/** The first sheet holding a task table, as plan text, plus warnings about rows left out. */
export const xlsxToPlanText = async (buffer: Buffer): Promise<{ text: string; warnings: PlanWarning[] }> => {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer; copy out exactly this buffer's bytes.
    await wb.xlsx.load(new Uint8Array(buffer).buffer);
  } catch (error) {
    // The parser's message is logged, never shown to users.
    console.error('plan .xlsx could not be read:', (error instanceof Error ? error.message : String(error)).slice(0, 300));
    throw new PlanParseError('plan_corrupt_file', '无法读取 .xlsx 文件（文件可能已损坏），请用 Excel 或 WPS 打开后另存再上传');
  }
  for (const ws of wb.worksheets) {
    const header = findHeader(ws);
    if (!header) continue;
    const { cols } = header;
    const pick = (r: number) => [
      textOf(ws, r, cols.seq), textOf(ws, r, cols.domain < 0 ? null : cols.domain),
      ...(cols.area === null ? [] : [textOf(ws, r, cols.area)]),
      textOf(ws, r, cols.requirement), textOf(ws, r, cols.units), textOf(ws, r, cols.timeLimit),
    ];
    // Rows above the header (a sheet title such as 2022年全区政务公开重点工作任务分解表) go first.
    const lines: string[] = [];
    for (let r = 1; r < header.row; r++) {
      const title = ws.getRow(r).values;
      const first = Array.isArray(title) ? title.find((v) => typeof v === 'string' && v.trim() !== '') : undefined;
      if (typeof first === 'string') lines.push(first.trim(), '');
    }
    lines.push(['序号', '工作任务', ...(cols.area === null ? [] : ['工作任务']), '工作要求', '责任单位', '时限要求'].join('\t'));
    const warnings: PlanWarning[] = [];
    let lastSeq = 0;
    for (let r = header.row + 1; r <= ws.rowCount; r++) {
      const cells = pick(r);
      if (cells.every((c) => c === '')) continue;
      if (!/^\d{1,4}$/.test(cells[0])) {
        warnings.push({ row: lastSeq, message: `工作表「${ws.name}」第${r}行没有序号，已忽略` });
        continue;
      }
      lastSeq = Number(cells[0]);
      lines.push(cells.join('\t'));
    }
    return { text: `${lines.join('\n')}\n`, warnings };
  }
  throw new PlanParseError('plan_no_task_table', NO_TASK_TABLE_MESSAGE);
};

/** Parses a task table .xlsx into the same shape as a full plan (no metadata beyond a title row). */
export const parsePlanXlsx = async (buffer: Buffer): Promise<ParsedPlan> => {
  const { text, warnings } = await xlsxToPlanText(buffer);
  const parsed = parsePlanText(text);
  return { ...parsed, warnings: [...warnings, ...parsed.warnings].sort((a, b) => a.row - b.row) };
};
