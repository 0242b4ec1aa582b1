// Plain tabular worksheets beside the 附件3 unit sheets: the district summary (first) and the
// progress history (last) of the district export. Bold header, frozen, thin borders, wrapped text.
import type { Worksheet } from 'exceljs';

export type PlainSheet = { name: string; title: string; columns: { header: string; width: number }[]; rows: (string | number | null)[][] };

const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;

export function writePlainSheet(ws: Worksheet, s: PlainSheet): void {
  ws.columns = s.columns.map((c) => ({ width: c.width }));
  const title = ws.getRow(1);
  title.getCell(1).value = s.title;
  title.getCell(1).font = { bold: true, size: 14 };
  title.height = 28;
  ws.mergeCells(1, 1, 1, s.columns.length);
  title.commit();
  const header = ws.getRow(2);
  s.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.border = border;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  header.commit();
  s.rows.forEach((r, k) => {
    const row = ws.getRow(3 + k);
    r.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      if (v !== null) cell.value = v;
      cell.border = border;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
    row.commit();
  });
}
