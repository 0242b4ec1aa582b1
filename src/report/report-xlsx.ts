// 表二 figures the unit enters (行政许可, 行政处罚, 行政强制, 行政事业性收费 and the source note) as an .xlsx:
// a template to fill in and its parser. Cells are read as typed; validation is the editor's (saveReport).
import ExcelJS from 'exceljs';
import { AppError } from '../lib/errors.js';

export const XLSX_ROWS = [
  { key: 'permits', label: '行政许可 本年处理决定数量' },
  { key: 'penalties', label: '行政处罚 本年处理决定数量' },
  { key: 'coercions', label: '行政强制 本年处理决定数量' },
  { key: 'feesWan', label: '行政事业性收费 本年收费金额（单位：万元）' },
  { key: 'figuresSource', label: '数据来源说明' },
] as const;

export async function figuresTemplate(title: string, values: Record<string, unknown> = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政务公开平台';
  const ws = wb.addWorksheet('表二填报');
  ws.addRow([`${title}：表二填报数据`]).font = { bold: true };
  ws.addRow(['信息内容', '数值']).font = { bold: true };
  for (const r of XLSX_ROWS) ws.addRow([r.label, values[r.key] ?? null]);
  ws.addRow([]);
  ws.addRow(['说明：数量填非负整数，没有的填0；收费以万元为单位，最多4位小数。']);
  ws.getColumn(1).width = 44;
  ws.getColumn(2).width = 30;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'object' && 'result' in v) return cellText((v as { result: ExcelJS.CellValue }).result);
  if (typeof v === 'object' && 'richText' in v) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('').trim();
  return String(v);
};

/** The figures by field name; an unreadable file or a missing row is a field error on `file`. */
export async function parseFiguresWorkbook(buf: Buffer): Promise<Record<string, string>> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(new Uint8Array(buf).buffer as ArrayBuffer);
  } catch {
    throw new AppError('invalid', 'invalid_workbook', '文件不是有效的 Excel（.xlsx）文件', { file: '文件不是有效的 Excel（.xlsx）文件' });
  }
  const ws = wb.worksheets[0];
  const found = new Map<string, string>();
  ws?.eachRow((row) => {
    const label = cellText(row.getCell(1).value);
    const r = XLSX_ROWS.find((x) => x.label === label);
    if (r) found.set(r.key, cellText(row.getCell(2).value));
  });
  const missing = XLSX_ROWS.filter((r) => !found.has(r.key)).map((r) => `“${r.label}”`);
  if (missing.length) throw new AppError('invalid', 'invalid_workbook', '文件缺少填报行，未导入任何内容', { file: `文件缺少${missing.join('、')}行（请使用下载的模板）` });
  return Object.fromEntries(found);
}
