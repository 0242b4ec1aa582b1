// 政府信息公开申请登记台账 (.xlsx) and the rows behind `gongkai requests list|overdue`.
import ExcelJS from 'exceljs';
import type { Db } from '../db/schema.js';
import { todayCst } from '../lib/time.js';
import { listUnitsInArea } from '../org/public.js';
import { APPLICANT_LABELS, decisionLabel } from './labels.js';
import { STATE_LABELS, type RequestState } from './request-events.js';
import { CHANNEL_LABELS, type Channel } from './requests.service.js';
import type { ApplicantType } from './table3.js';

export type RegisterQuery = { areaId: number; year?: number; unitId?: number; overdueOn?: string };

export async function registerRows(db: Db, q: RegisterQuery) {
  let s = db.selectFrom('info_requests').selectAll().where('area_id', '=', q.areaId);
  if (q.year) s = s.where((eb) => eb.or([
    eb.and([eb('received_on', '>=', `${q.year}-01-01`), eb('received_on', '<=', `${q.year}-12-31`)]),
    eb.and([eb('received_on', 'is', null), eb('submitted_on', '>=', `${q.year}-01-01`), eb('submitted_on', '<=', `${q.year}-12-31`)]),
  ]));
  if (q.unitId) { const u = q.unitId; s = s.where((eb) => eb.or([eb('unit_id', '=', u), eb('handling_unit_id', '=', u)])); }
  if (q.overdueOn) s = s.where('state', '=', 'running').where('due_on', '<', q.overdueOn);
  const rows = await s.orderBy('received_on').orderBy('id').execute();
  const ids = rows.map((r) => r.id);
  const [units, ext, del] = await Promise.all([
    listUnitsInArea(db, q.areaId),
    ids.length ? db.selectFrom('info_request_events').select(['request_id', 'days']).where('type', '=', 'extended').where('request_id', 'in', ids).execute() : [],
    ids.length ? db.selectFrom('info_request_deliveries').select(['request_id', 'method', 'delivered_on']).where('request_id', 'in', ids).orderBy('id').execute() : [],
  ]);
  const names = new Map(units.map((u) => [u.id, u.id === q.areaId ? `${u.name}人民政府` : u.name]));
  const extBy = new Map(ext.map((e) => [e.request_id, e.days]));
  const delBy = new Map(del.map((d) => [d.request_id, d]));
  return rows.map((r) => ({
    row: r, unit: names.get(r.unit_id) ?? '', handling: r.handling_unit_id ? names.get(r.handling_unit_id) ?? '' : '',
    extendedDays: extBy.get(r.id) ?? null, delivery: delBy.get(r.id) ?? null,
  }));
}

const DELIVERY: Record<string, string> = { post: '邮寄', email: '电子邮件', pickup: '当面领取', online: '网上获取' };

export async function exportRegister(db: Db, q: RegisterQuery, title: string): Promise<{ buffer: Buffer; rows: number }> {
  const rows = await registerRows(db, q);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet('申请登记台账', { views: [{ state: 'frozen', ySplit: 2 }] });
  const header = ['序号', '申请编号', '受理机关', '承办单位', '申请渠道', '申请人类型', '申请人', '提交日期', '收到申请日期', '所需信息', '答复期限', '延期（工作日）', '答复日期', '办理结果', '是否按时', '送达方式', '送达日期', '状态'];
  ws.mergeCells(1, 1, 1, header.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.addRow(header).font = { bold: true };
  rows.forEach((x, i) => {
    const r = x.row;
    ws.addRow([
      i + 1, r.number ?? '（待确认）', x.unit, x.handling, CHANNEL_LABELS[r.channel as Channel] ?? r.channel, APPLICANT_LABELS[r.applicant_type as ApplicantType] ?? r.applicant_type,
      r.applicant_name, r.submitted_on, r.received_on ?? '', r.description, r.due_on ?? '', x.extendedDays ?? '', r.decided_on ?? '',
      r.decision ? decisionLabel(r.decision) : '', r.on_time === null ? '' : r.on_time ? '是' : '否', x.delivery ? DELIVERY[x.delivery.method] ?? x.delivery.method : '',
      x.delivery?.delivered_on ?? '', STATE_LABELS[r.state as RequestState] ?? r.state,
    ]);
  });
  [6, 24, 18, 18, 10, 12, 14, 12, 12, 40, 12, 8, 12, 24, 8, 10, 12, 10].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  ws.getColumn(10).alignment = { wrapText: true, vertical: 'top' };
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows: rows.length };
}

