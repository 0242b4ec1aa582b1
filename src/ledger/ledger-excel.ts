// Ledgers ↔ .xlsx in the 附件3 layout: one unit, the whole district (a sheet per unit), and the
// import of a filled workbook — every cell checked, errors by sheet/row/column, all or nothing.
import { writeAudit } from '../audit/public.js';
import { getCalendar } from '../calendar/public.js';
import { CalendarError } from '../calendar/public.js';
import type { DueSource, MeasureStatus } from '../db/ledger.tables.js';
import type { Ctx } from '../lib/context.js';
import { AppError, forbidden, notFound } from '../lib/errors.js';
import { formatDate, nowIso, todayCst } from '../lib/time.js';
import { actorId, actorLabel } from '../lib/context.js';
import { findPlan, taskRolesForUnit, tasksOfPlan } from '../plan/public.js';
import { DueError, LEDGER_STATUS_LABELS, MEASURE_STATUS_LABELS, computeDue, measureStatusFromLabel, parseRules, storedStatus } from './ledger-rules.js';
import * as repo from './ledger.repo.js';
import { districtList, getLedger, resolvePlan, type LedgerView, type Plan } from './ledger.service.js';
import { accessFor, requireDistrictReader, requireImport } from './ledger-policy.js';
import { progressHistoryOfPlan } from './ledger-excel.repo.js';
import * as xrepo from './ledger-excel.repo.js';
import * as mrepo from './measures.repo.js';
import type { PlainSheet } from './xlsx/plain-sheet.js';
import { columnLabel, type ImportIssue } from './xlsx/import-issues.js';
import { checkOfficeFile, OfficeFileLimitError } from '../lib/office-file-limits.js';
import { exportLedgerWorkbook, exportLedgerWorkbookStreamed } from './xlsx/ledger-export.js';
import { importLedgerWorkbook, sheetSource } from './xlsx/ledger-import.js';
import { EVIDENCE_SHEET, columnHeader, type ColumnKey, type LedgerMeasureRow, type LedgerSheet, type LedgerStatus as XlsxStatus } from './xlsx/ledger-layout.js';
import { sourceRow } from './xlsx/ledger-rows.js';

const label = (s: MeasureStatus): XlsxStatus => MEASURE_STATUS_LABELS[s] as XlsxStatus;

export function sheetOfView(v: LedgerView): LedgerSheet {
  return {
    unitName: v.unit.name,
    planTitle: v.plan.title,
    rows: v.rows.map((r) => ({
      seq: r.seq,
      task: r.requirement,
      timeLimit: r.time_limit,
      measures: r.measures.map((m): LedgerMeasureRow => ({
        measure: m.content, timeLimit: m.time_limit, leader: m.leader, section: m.section, status: label(m.status),
        ...(m.due_date ? { dueDate: m.due_date } : {}), ...(m.completed_on ? { completedOn: m.completed_on } : {}),
        ...(m.progress[0] ? { progress: m.progress[0].note } : {}),
      })),
    })),
  };
}

export const xlsxName = (s: string) => `${s.replace(/[\\/:*?"<>|\s]+/g, '_')}.xlsx`;

/** One unit's ledger. */
export async function exportLedger(ctx: Ctx, ledgerId: number): Promise<{ buffer: Buffer; fileName: string }> {
  const v = await getLedger(ctx, ledgerId);
  const fileName = xlsxName(`${v.unit.name}-政务公开工作任务台账-${v.plan.year}`);
  const evidence = evidenceSheet(v);
  // The 附件3 sheet as the official sample; the evidence, when there is some, on a sheet of its own after it.
  if (!evidence) return { buffer: await exportLedgerWorkbook([sheetOfView(v)]), fileName };
  return { buffer: await exportLedgerWorkbookStreamed([sheetOfView(v)], { last: [evidence] }), fileName };
}

const EVIDENCE_KIND_LABELS: Record<string, string> = { item: '政府信息', url: '网址链接', file: '文件', participation: '决策与公众参与' };

/** 佐证材料: one line per evidence — 序号, measure, kind, label (with the cited record's status), address. */
function evidenceSheet(v: LedgerView): PlainSheet | null {
  const rows: (string | number)[][] = [];
  for (const r of v.rows) for (const m of r.measures) for (const e of m.evidence) {
    const address = e.kind === 'item' ? `/items/${e.item_id}` : e.kind === 'file' ? `/console/ledgers/${v.ledger.id}/evidence/${e.id}` : e.url ?? '';
    const label = e.kind === 'item' ? `${e.item_title ?? e.label}${e.item_index_no ? `（${e.item_index_no}）` : ''}` : e.label;
    rows.push([r.seq, m.content, EVIDENCE_KIND_LABELS[e.kind] ?? e.kind, e.part_status ? `${label}（${e.part_status}）` : label, address, formatDate(e.created_at)]);
  }
  if (!rows.length) return null;
  return {
    name: EVIDENCE_SHEET, title: `${v.unit.name} 工作举措佐证材料`,
    columns: [{ header: '序号', width: 6 }, { header: '工作举措', width: 36 }, { header: '类型', width: 12 }, { header: '佐证材料', width: 50 }, { header: '网址', width: 40 }, { header: '添加日期', width: 12 }],
    rows,
  };
}

/** Every unit of the plan, a sheet each; units without a ledger get their tasks with empty measures. */
export async function exportDistrict(ctx: Ctx, planId?: number | null): Promise<{ buffer: Buffer; fileName: string; sheets: number }> {
  requireDistrictReader(ctx.actor, '只有政务公开办和审计员可以导出全区台账');
  const plan = await resolvePlan(ctx, planId);
  if (!plan) throw notFound('工作方案');
  const sheets = await districtSheets(ctx, plan);
  if (sheets.length === 0) throw new AppError('conflict', 'empty', '本工作方案还没有责任单位');
  const first = [await summarySheet(ctx, plan)];
  const last = [await progressSheet(ctx, plan)];
  return { buffer: await exportLedgerWorkbookStreamed(sheets, { first, last }), fileName: xlsxName(`全区政务公开工作任务台账-${plan.year}`), sheets: sheets.length };
}

/** 全区汇总: one line per unit — tasks, measures, done, overdue, ledger state, submission. */
async function summarySheet(ctx: Ctx, plan: Plan): Promise<PlainSheet> {
  const list = await districtList(ctx, plan);
  const status = (e: (typeof list)[number]) => (!e.ledger || (e.ledger.status === 'draft' && e.measures === 0) ? '未开始填报' : LEDGER_STATUS_LABELS[e.ledger.status]);
  return {
    name: '全区汇总', title: `${plan.title} 台账汇总（${todayCst()}）`,
    columns: [{ header: '单位', width: 22 }, { header: '任务', width: 8 }, { header: '未填举措的任务', width: 10 }, { header: '举措', width: 8 }, { header: '已完成', width: 8 }, { header: '逾期', width: 8 }, { header: '台账状态', width: 14 }, { header: '报送情况', width: 22 }],
    rows: list.map((e) => [e.unitName, e.rows, e.emptyRows, e.measures, e.done, e.overdue, status(e), `${e.submission.label}${e.submission.submittedOn ? `（${e.submission.submittedOn}）` : ''}`]),
  };
}

/** 进展记录: every progress note, not only the latest one shown in the unit sheets. */
async function progressSheet(ctx: Ctx, plan: Plan): Promise<PlainSheet> {
  const notes = await progressHistoryOfPlan(ctx.db, plan.id);
  return {
    name: '进展记录', title: `${plan.title} 工作举措进展记录`,
    columns: [{ header: '单位', width: 20 }, { header: '序号', width: 6 }, { header: '工作举措', width: 40 }, { header: '进展日期', width: 12 }, { header: '进展情况', width: 50 }, { header: '填报人', width: 12 }],
    rows: notes.map((n) => [n.unit_name, n.seq, n.content, n.on_date, n.note, n.author_label]),
  };
}

async function districtSheets(ctx: Ctx, plan: Plan): Promise<LedgerSheet[]> {
  const db = ctx.db;
  const unitIds = await repo.unitIdsOfPlan(db, plan.id, plan.area_id);
  const ledgers = await repo.ledgersOfPlan(db, plan.id);
  for (const l of ledgers) if (!unitIds.includes(l.unit_id)) unitIds.push(l.unit_id);
  if (!unitIds.length) return [];
  const units = await xrepo.unitNamesInOrder(db, unitIds);
  const tasks = new Map((await tasksOfPlan(db, plan.id)).map((t) => [t.id, t]));
  const rows = await xrepo.rowsOfPlan(db, plan.id);
  const measures = await xrepo.measuresOfPlan(db, plan.id);
  const latest = new Map<number, string>();
  const notes = await xrepo.progressNotesOfPlan(db, plan.id);
  for (const n of notes) if (!latest.has(n.measure_id)) latest.set(n.measure_id, n.note);
  const measuresByRow = new Map<number, typeof measures>();
  for (const m of measures) measuresByRow.set(m.row_id, [...(measuresByRow.get(m.row_id) ?? []), m]);
  const rowsByLedger = new Map<number, typeof rows>();
  for (const r of rows) rowsByLedger.set(r.ledger_id, [...(rowsByLedger.get(r.ledger_id) ?? []), r]);
  const ledgerByUnit = new Map(ledgers.map((l) => [l.unit_id, l]));

  const out: LedgerSheet[] = [];
  for (const u of units) {
    const l = ledgerByUnit.get(u.id);
    if (l) {
      out.push({
        unitName: u.name, planTitle: plan.title,
        rows: (rowsByLedger.get(l.id) ?? []).map((r) => ({
          seq: r.seq, task: tasks.get(r.task_id)?.requirement ?? '', timeLimit: tasks.get(r.task_id)?.time_limit ?? '',
          measures: (measuresByRow.get(r.id) ?? []).map((m) => ({
            measure: m.content, timeLimit: m.time_limit, leader: m.leader, section: m.section, status: label(m.status),
            ...(m.due_date ? { dueDate: m.due_date } : {}), ...(m.completed_on ? { completedOn: m.completed_on } : {}),
            ...(latest.has(m.id) ? { progress: latest.get(m.id)! } : {}),
          })),
        })),
      });
    } else {
      const roles = await taskRolesForUnit(db, plan.id, u.id);
      out.push({ unitName: u.name, planTitle: plan.title, rows: [...roles.keys()].map((id) => tasks.get(id)!).filter(Boolean).sort((a, b) => a.seq - b.seq).map((t) => ({ seq: t.seq, task: t.requirement, timeLimit: t.time_limit, measures: [] })) });
    }
  }
  return out;
}

export type ImportOutcome =
  | { ok: true; warnings: ImportIssue[]; summary: { rows: number; added: number; updated: number; removed: number; unchanged: number; progressNotes: number } }
  | { ok: false; errors: ImportIssue[]; warnings: ImportIssue[] };

type MeasureValues = {
  content: string; time_limit: string; leader: string; section: string; due_date: string | null; due_source: DueSource | null;
  anchor_date: string | null; due_note: string | null; deadline: string | null; status: MeasureStatus; completed_on: string | null;
};

const BAD_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;
const LIMITS: Partial<Record<ColumnKey, number>> = { measure: 2000, timeLimit: 500, leader: 40, section: 60, progress: 2000 };

/**
 * Imports a filled 附件3 workbook into a unit's ledger. The file holds one unit's sheet; tasks are
 * identified by 序号. Each task in the file replaces that task's measures (matched by text, then by
 * position, so evidence and progress stay with a measure whose wording changed); tasks not in the
 * file stay as they are. Nothing is written unless every cell is valid.
 */
/** Who may import into the ledger: checked by routes before they read the upload, and again by importLedger. */
export async function requireLedgerImport(ctx: Ctx, ledgerId: number) {
  const a = await accessFor(ctx, ledgerId);
  requireImport(a);
  return a;
}

export async function importLedger(ctx: Ctx, ledgerId: number, buffer: Buffer): Promise<ImportOutcome> {
  const a = await requireLedgerImport(ctx, ledgerId);
  const ledger = a.ledger;
  const plan = (await findPlan(ctx.db, ledger.plan_id))!;
  const unitRef = await repo.unitRef(ctx.db, ledger.unit_id);
  if (!unitRef) throw new Error(`ledger ${ledger.id}: unit ${ledger.unit_id} not found`);
  const unit = { name: unitRef.name };
  const planTasks = (await tasksOfPlan(ctx.db, plan.id)).map((t) => ({ seq: t.seq, requirement: t.requirement, time_limit: t.time_limit }));
  // The shared upload limits first (size, ZIP bomb, rows/cells, time); "not a workbook" is left to the
  // importer, whose messages say what a 附件3 file should be.
  try {
    await checkOfficeFile(buffer, 'xlsx');
  } catch (err) {
    if (!(err instanceof OfficeFileLimitError)) throw err;
    if (err.code !== 'office_not_zip' && err.code !== 'office_corrupt') return { ok: false, errors: [{ sheet: '', row: 0, column: '', message: err.message }], warnings: [] };
  }
  const parsed = await importLedgerWorkbook(buffer, {
    unitName: unit.name, knownTaskSeqs: new Map(planTasks.map((t) => [t.seq, t.requirement])), planTimeLimits: new Map(planTasks.map((t) => [t.seq, t.time_limit])),
  });
  if (!parsed.ok) return parsed;
  const errors: ImportIssue[] = [];
  const warnings = [...parsed.warnings];
  if (parsed.sheets.length !== 1) {
    return { ok: false, errors: [{ sheet: '', row: 0, column: '', message: `文件中有 ${parsed.sheets.length} 个台账工作表，一次只能导入本单位的一个工作表` }], warnings };
  }
  const sheet = parsed.sheets[0]!;
  const src = sheetSource.get(sheet);
  const cols = src?.columns ?? new Map<ColumnKey, number>();
  const sheetName = src?.sheet ?? sheet.unitName;
  const where = (key: ColumnKey) => (cols.has(key) ? columnLabel(cols.get(key)!, columnHeader(key)) : columnHeader(key));
  const err = (obj: object, key: ColumnKey | '', message: string) => errors.push({ sheet: sheetName, row: sourceRow.get(obj) ?? 0, column: key ? where(key) : '', message });

  const rows = await repo.rowsOfLedger(ctx.db, ledgerId);
  const rowBySeq = new Map(rows.map((r) => [r.seq, r]));
  const existing = await repo.measuresOfLedger(ctx.db, ledgerId);
  const latestNote = new Map<number, string>();
  for (const p of await repo.progressOfLedger(ctx.db, ledgerId)) if (!latestNote.has(p.measure_id)) latestNote.set(p.measure_id, p.note);
  const cal = await getCalendar(ctx.db, ledger.area_id);
  const today = todayCst();

  type Planned = { rowId: number; seq: number; sort: number; match: (typeof existing)[number] | null; m: LedgerMeasureRow; values: MeasureValues; note: string | null };
  const planned: Planned[] = [];
  const touchedRows = new Set<number>();
  for (const t of sheet.rows) {
    const row = rowBySeq.get(t.seq);
    if (!row) {
      if (planTasks.some((p) => p.seq === t.seq)) err(t, 'seq', `序号 ${t.seq} 不是${unit.name}承担的任务`);
      continue;
    }
    touchedRows.add(row.id);
    const pool = existing.filter((m) => m.row_id === row.id);
    const used = new Set<number>();
    // First pass: same text; second: by position among the rest.
    const matches = t.measures.map((m) => {
      const hit = pool.find((e) => !used.has(e.id) && e.content === m.measure);
      if (hit) used.add(hit.id);
      return hit ?? null;
    });
    t.measures.forEach((_m, i) => {
      if (matches[i]) return;
      const hit = pool.find((e) => !used.has(e.id));
      if (hit) { used.add(hit.id); matches[i] = hit; }
    });
    t.measures.forEach((m, i) => {
      for (const [key, max] of Object.entries(LIMITS) as [ColumnKey, number][]) {
        const v = key === 'measure' ? m.measure : key === 'timeLimit' ? m.timeLimit : key === 'leader' ? m.leader : key === 'section' ? m.section : m.progress ?? '';
        if (v.length > max) err(m, key, `${columnHeader(key)}不能超过${max}个字符（现有${v.length}个）`);
        if (BAD_CHARS.test(v)) err(m, key, `${columnHeader(key)}包含无效字符（可能是编码错误）`);
      }
      const match = matches[i];
      // Status: 逾期 is the platform's to decide; a missing status keeps the measure's own.
      let chosen: MeasureStatus = match?.status ?? 'not_started';
      if (m.status) chosen = m.status === '逾期' ? (match && match.status !== 'done' ? match.status : 'in_progress') : measureStatusFromLabel(m.status) ?? chosen;
      let completedOn: string | null = null;
      if (chosen === 'done') {
        completedOn = m.completedOn ?? match?.completed_on ?? null;
        if (!completedOn) err(m, 'completedOn', '状态为“已完成”时请填写完成日期');
        else if (completedOn > today) err(m, 'completedOn', `完成日期 ${completedOn} 晚于今天`);
      } else if (m.completedOn) err(m, 'completedOn', '只有状态为“已完成”的举措才填写完成日期');
      let due;
      try {
        due = match && (m.dueDate ?? null) === match.due_date
          ? { due_date: match.due_date, due_source: match.due_source, anchor_date: match.anchor_date, due_note: match.due_note, deadline: match.deadline }
          : computeDue(parseRules(row.rules_json), { dueDate: m.dueDate }, cal);
      } catch (e) {
        if (e instanceof DueError || e instanceof CalendarError) { err(m, 'dueDate', e.message); return; }
        throw e;
      }
      const note = m.progress && m.progress !== (match ? latestNote.get(match.id) : undefined) ? m.progress : null;
      planned.push({
        rowId: row.id, seq: t.seq, sort: i + 1, match, m, note,
        values: { content: m.measure, time_limit: m.timeLimit, leader: m.leader, section: m.section, ...due, status: storedStatus(chosen, due.deadline, today), completed_on: completedOn },
      });
    });
  }
  for (const r of rows) if (!touchedRows.has(r.id)) warnings.push({ sheet: sheetName, row: 0, column: '', message: `文件中没有序号 ${r.seq} 的任务，该任务的工作举措保持不变` });
  if (errors.length) return { ok: false, errors, warnings };

  const keep = new Set(planned.flatMap((p) => (p.match ? [p.match.id] : [])));
  const remove = existing.filter((m) => touchedRows.has(m.row_id) && !keep.has(m.id));
  const summary = { rows: touchedRows.size, added: 0, updated: 0, removed: remove.length, unchanged: 0, progressNotes: 0 };
  await ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    for (const m of remove) {
      await mrepo.deleteMeasure(tx, m.id);
    }
    for (const p of planned) {
      let id: number;
      if (p.match) {
        id = p.match.id;
        const same = p.match.sort === p.sort && (Object.keys(p.values) as (keyof MeasureValues)[]).every((k) => p.match![k] === p.values[k]);
        if (same) summary.unchanged++;
        else {
          await mrepo.updateMeasure(tx, id, { ...p.values, sort: p.sort, updated_at: at });
          summary.updated++;
        }
      } else {
        id = await mrepo.insertMeasure(tx, { ...p.values, ledger_id: ledgerId, row_id: p.rowId, sort: p.sort, created_at: at, updated_at: at });
        summary.added++;
      }
      if (p.note) {
        await mrepo.insertProgress(tx, { measure_id: id, ledger_id: ledgerId, on_date: today, note: p.note, author_id: actorId(ctx.actor), author_label: actorLabel(ctx.actor), created_at: at });
        summary.progressNotes++;
      }
    }
    await repo.touchLedger(tx, ledgerId, at);
    await writeAudit(tx, ctx, { action: 'ledger.import', entity: 'ledger', entityId: ledgerId, after: { ...summary, removedMeasures: remove.map((m) => ({ id: m.id, content: m.content })) }, areaId: ledger.area_id });
  });
  return { ok: true, warnings, summary };
}
