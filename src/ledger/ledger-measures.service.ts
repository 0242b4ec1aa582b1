// Measures (工作举措) of a ledger with their due dates, status, progress notes and evidence (佐证材料).
// Who may change them is the policy's (ledger-policy.ts); SQL is in measures.repo.ts / ledger.repo.ts.
import { randomUUID, createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { CalendarError, getCalendar, type WorkingCalendar } from '../calendar/public.js';
import { canReadItem, sniffKind, type AttachmentKind } from '../disclosure/public.js';
import { PARTICIPATION_TARGET_LABELS, citableParticipation } from '../decisions/public.js';
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { actorId, actorLabel } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { fileNameProblem, optionalText, parseInput } from '../lib/validate.js';
import { findTaskById } from '../plan/public.js';
import { DueError, computeDue, parseRules, storedStatus, type DueResult } from './ledger-rules.js';
import { accessFor, canSeeTask, requireContentEdit, requireProgressEdit } from './ledger-policy.js';
import * as repo from './ledger.repo.js';
import * as measures from './measures.repo.js';
import { evidenceInput, measureInput, measureStatusInput, progressInput } from './ledger.schema.js';

async function rowOf(db: Db, ledgerId: number, rowId: number) {
  const row = (await repo.rowsOfLedger(db, ledgerId)).find((r) => r.id === rowId);
  if (!row) throw notFound('任务行');
  return row;
}

function dueFor(rulesJson: string, input: { dueDate?: string; anchorDate?: string }, cal: WorkingCalendar): DueResult {
  try {
    return computeDue(parseRules(rulesJson), input, cal);
  } catch (err) {
    if (err instanceof DueError) throw invalid({ [err.field]: err.message });
    if (err instanceof CalendarError) throw invalid({ dueDate: err.message });
    throw err;
  }
}

function completion(status: string, completedOn: string | undefined, today: string): string | null {
  if (status !== 'done') return null;
  const d = completedOn ?? today;
  if (d > today) throw invalid({ completedOn: '完成日期不能晚于今天' });
  return d;
}

export async function addMeasure(ctx: Ctx, ledgerId: number, rowId: number, raw: unknown): Promise<number> {
  const a = await accessFor(ctx, ledgerId);
  requireContentEdit(a);
  const input = parseInput(measureInput, raw);
  const row = await rowOf(ctx.db, ledgerId, rowId);
  const cal = await getCalendar(ctx.db, a.ledger.area_id);
  const due = dueFor(row.rules_json, input, cal);
  const today = todayCst();
  const completedOn = completion(input.status, input.completedOn, today);
  const sort = await repo.nextSort(ctx.db, rowId);
  return ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    const values = {
      ledger_id: ledgerId, row_id: rowId, sort, content: input.content, time_limit: input.timeLimit ?? row.time_limit, leader: input.leader ?? '', section: input.section ?? '',
      ...due, status: storedStatus(input.status, due.deadline, today), completed_on: completedOn, created_at: at, updated_at: at,
    };
    const id = await measures.insertMeasure(tx, values);
    await repo.touchLedger(tx, ledgerId, at);
    await writeAudit(tx, ctx, { action: 'ledger.measure.add', entity: 'ledger_measure', entityId: id, after: { ledger: ledgerId, seq: row.seq, ...values }, areaId: a.ledger.area_id });
    return id;
  });
}

export async function updateMeasure(ctx: Ctx, ledgerId: number, measureId: number, raw: unknown): Promise<void> {
  const a = await accessFor(ctx, ledgerId);
  requireContentEdit(a);
  const input = parseInput(measureInput, raw);
  const before = await repo.findMeasure(ctx.db, ledgerId, measureId);
  if (!before) throw notFound('工作举措');
  const row = await rowOf(ctx.db, ledgerId, before.row_id);
  const cal = await getCalendar(ctx.db, a.ledger.area_id);
  const due = dueFor(row.rules_json, input, cal);
  const today = todayCst();
  const completedOn = completion(input.status, input.completedOn, today);
  await ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    const after = {
      content: input.content, time_limit: input.timeLimit ?? '', leader: input.leader ?? '', section: input.section ?? '',
      ...due, status: storedStatus(input.status, due.deadline, today), completed_on: completedOn, updated_at: at,
    };
    await measures.updateMeasure(tx, measureId, after);
    await repo.touchLedger(tx, ledgerId, at);
    await writeAudit(tx, ctx, { action: 'ledger.measure.update', entity: 'ledger_measure', entityId: measureId, before, after, areaId: a.ledger.area_id });
  });
}

/** Status and completion date: open to the unit at any stage (progress continues after acceptance). */
export async function updateMeasureStatus(ctx: Ctx, ledgerId: number, measureId: number, raw: unknown): Promise<void> {
  const a = await accessFor(ctx, ledgerId);
  requireProgressEdit(a);
  const input = parseInput(measureStatusInput, raw);
  const before = await repo.findMeasure(ctx.db, ledgerId, measureId);
  if (!before) throw notFound('工作举措');
  const today = todayCst();
  const completedOn = completion(input.status, input.completedOn, today);
  await ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    const after = { status: storedStatus(input.status, before.deadline, today), completed_on: completedOn, updated_at: at };
    await measures.updateMeasure(tx, measureId, after);
    await repo.touchLedger(tx, ledgerId, at);
    await writeAudit(tx, ctx, { action: 'ledger.measure.status', entity: 'ledger_measure', entityId: measureId, before: { status: before.status, completed_on: before.completed_on }, after, areaId: a.ledger.area_id });
  });
}

export async function deleteMeasure(ctx: Ctx, ledgerId: number, measureId: number): Promise<void> {
  const a = await accessFor(ctx, ledgerId);
  requireContentEdit(a);
  const before = await repo.findMeasure(ctx.db, ledgerId, measureId);
  if (!before) throw notFound('工作举措');
  const files = await measures.evidenceStorageKeys(ctx.db, measureId);
  await ctx.db.transaction().execute(async (tx) => {
    await measures.deleteMeasure(tx, measureId);
    await repo.touchLedger(tx, ledgerId, nowIso());
    await writeAudit(tx, ctx, { action: 'ledger.measure.delete', entity: 'ledger_measure', entityId: measureId, before: { ...before, evidenceFiles: files.filter(Boolean) }, areaId: a.ledger.area_id });
  });
}

export async function addProgress(ctx: Ctx, ledgerId: number, measureId: number, raw: unknown): Promise<number> {
  const a = await accessFor(ctx, ledgerId);
  requireProgressEdit(a);
  const input = parseInput(progressInput, raw);
  const m = await repo.findMeasure(ctx.db, ledgerId, measureId);
  if (!m) throw notFound('工作举措');
  const today = todayCst();
  const onDate = input.onDate ?? today;
  if (onDate > today) throw invalid({ onDate: '进展日期不能晚于今天' });
  return ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    const values = { measure_id: measureId, ledger_id: ledgerId, on_date: onDate, note: input.note, author_id: actorId(ctx.actor), author_label: actorLabel(ctx.actor), created_at: at };
    const id = await measures.insertProgress(tx, values);
    // A first progress note starts the measure.
    if (m.status === 'not_started') await measures.updateMeasure(tx, measureId, { status: 'in_progress', updated_at: at });
    await repo.touchLedger(tx, ledgerId, at);
    await writeAudit(tx, ctx, { action: 'ledger.progress.add', entity: 'ledger_measure', entityId: measureId, after: values, areaId: a.ledger.area_id });
    return id;
  });
}

/** Allowed evidence files; the served type comes from this table, never from what the browser claimed. */
const FILE_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf', '.ofd': 'application/ofd', '.doc': 'application/msword', '.wps': 'application/octet-stream',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '.xls': 'application/vnd.ms-excel', '.et': 'application/octet-stream',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8', '.zip': 'application/zip',
};
export type UploadedFile = { fileName: string; mime: string; data: Buffer };

const fileLabelInput = z.object({ label: optionalText('说明', 200) });
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Whether an evidence file's bytes match its extension: sniffed for the kinds we know, magic bytes otherwise. */
function evidenceContentMatches(ext: string, data: Buffer): boolean {
  const sniffable: Record<string, AttachmentKind> = { '.pdf': 'pdf', '.docx': 'docx', '.xlsx': 'xlsx', '.jpg': 'jpg', '.jpeg': 'jpg', '.png': 'png', '.txt': 'txt' };
  if (sniffable[ext]) return sniffKind(data) === sniffable[ext];
  if (ext === '.doc' || ext === '.xls' || ext === '.wps' || ext === '.et') return data.subarray(0, 8).equals(OLE);
  if (ext === '.ofd' || ext === '.zip') return data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;
  return false;
}

/** The checks addEvidence makes, for routes to run before they read an upload body (no 19 MB read before a 404). */
export async function requireEvidenceUpload(ctx: Ctx, ledgerId: number, measureId: number): Promise<void> {
  const a = await accessFor(ctx, ledgerId);
  requireProgressEdit(a);
  if (!(await repo.findMeasure(ctx.db, ledgerId, measureId))) throw notFound('工作举措');
}

export async function addEvidence(ctx: Ctx, ledgerId: number, measureId: number, raw: unknown, file?: UploadedFile, dataDir?: string): Promise<number> {
  const a = await accessFor(ctx, ledgerId);
  requireProgressEdit(a);
  const m = await repo.findMeasure(ctx.db, ledgerId, measureId);
  if (!m) throw notFound('工作举措');
  let values: {
    kind: 'item' | 'url' | 'file' | 'participation'; item_id: number | null; url: string | null; file_name: string | null; storage_key: string | null; mime: string | null;
    size: number | null; sha256: string | null; label: string; target?: string | null; target_id?: number | null;
  };
  let written: string | null = null;
  if (file) {
    if (!dataDir) throw new Error('addEvidence: dataDir is required for files');
    const badName = fileNameProblem(file.fileName);
    if (badName) throw invalid({ file: badName });
    const name = file.fileName.replace(/[\\/]/g, '_').slice(-120);
    const ext = extname(name).toLowerCase();
    if (!name || file.data.length === 0) throw invalid({ file: '请选择要上传的文件' });
    if (!FILE_TYPES[ext]) throw invalid({ file: `不支持的文件类型${ext || ''}，请上传 PDF、OFD、Word、Excel、图片、文本或 ZIP 文件` });
    // The bytes must be what the extension says (an HTML page named .pdf is refused).
    if (!evidenceContentMatches(ext, file.data)) throw invalid({ file: `文件内容与扩展名${ext}不符，请上传原始文件` });
    const label = parseInput(fileLabelInput, { label: (raw as Record<string, unknown> | null)?.label }).label ?? '';
    const key = join('uploads', 'ledger', todayCst().slice(0, 4), `${randomUUID()}${ext}`);
    const path = join(dataDir, key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.data);
    written = path;
    values = { kind: 'file', item_id: null, url: null, file_name: name, storage_key: key, mime: FILE_TYPES[ext]!, size: file.data.length, sha256: createHash('sha256').update(file.data).digest('hex'), label: label || name };
  } else {
    const input = parseInput(evidenceInput, raw);
    if (input.kind === 'item') {
      const item = await repo.itemForEvidence(ctx.db, input.itemId);
      // Only an item the actor may read (or a public one) may be cited, and every refusal reads the same,
      // so the answer tells nothing about whether another unit's id exists or is published.
      const citable = item && item.area_id === a.ledger.area_id && item.status === 'published'
        && (item.attribute === 'proactive' || canReadItem(ctx.actor, item));
      if (!item || !citable) throw invalid({ itemId: '未找到该编号的已发布政府信息' });
      values = { kind: 'item', item_id: item.id, url: null, file_name: null, storage_key: null, mime: null, size: null, sha256: null, label: input.label ?? item.title };
    } else if (input.kind === 'participation') {
      // A decision, consultation, 列席 meeting or 开放日 of the ledger's area with a public page; missing,
      // another area's and non-public records get the same answer (nothing about whether the id exists).
      const ref = await citableParticipation(ctx.db, a.ledger.area_id, input.target, input.targetId);
      if (!ref) throw invalid({ targetId: '未找到该编号的公开记录' });
      values = {
        kind: 'participation', item_id: null, url: ref.href, file_name: null, storage_key: null, mime: null, size: null, sha256: null,
        label: input.label ?? `${PARTICIPATION_TARGET_LABELS[ref.target]}：${ref.title}`, target: ref.target, target_id: ref.id,
      };
    } else {
      values = { kind: 'url', item_id: null, url: input.url, file_name: null, storage_key: null, mime: null, size: null, sha256: null, label: input.label ?? input.url };
    }
  }
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const at = nowIso();
      const id = await measures.insertEvidence(tx, { ...values, measure_id: measureId, ledger_id: ledgerId, author_label: actorLabel(ctx.actor), created_at: at });
      await repo.touchLedger(tx, ledgerId, at);
      await writeAudit(tx, ctx, { action: 'ledger.evidence.add', entity: 'ledger_measure', entityId: measureId, after: values, areaId: a.ledger.area_id });
      return id;
    });
  } catch (err) {
    if (written) rmSync(written, { force: true });
    throw err;
  }
}

export async function removeEvidence(ctx: Ctx, ledgerId: number, evidenceId: number): Promise<void> {
  const a = await accessFor(ctx, ledgerId);
  requireProgressEdit(a);
  const e = await measures.findEvidence(ctx.db, ledgerId, evidenceId);
  if (!e) throw notFound('佐证材料');
  await ctx.db.transaction().execute(async (tx) => {
    await measures.deleteEvidence(tx, evidenceId);
    await repo.touchLedger(tx, ledgerId, nowIso());
    // The file stays on disk: the audit record refers to it.
    await writeAudit(tx, ctx, { action: 'ledger.evidence.remove', entity: 'ledger_measure', entityId: e.measure_id, before: e, areaId: a.ledger.area_id });
  });
}

/** An uploaded evidence file, for download by anyone who may see its row. */
export async function evidenceFile(ctx: Ctx, ledgerId: number, evidenceId: number) {
  const a = await accessFor(ctx, ledgerId);
  const e = await measures.evidenceFileOf(ctx.db, ledgerId, evidenceId);
  if (!e || !e.storage_key || !canSeeTask(a, e.task_id)) throw notFound('佐证材料');
  return { fileName: e.file_name ?? 'file', storageKey: e.storage_key, mime: e.mime ?? 'application/octet-stream' };
}

/** The inputs that gave a stored measure its due date, to compute it again from changed rules. */
function dueInputOf(m: { due_source: string | null; due_date: string | null; anchor_date: string | null }): { dueDate?: string; anchorDate?: string } {
  if (m.due_source === 'manual' && m.due_date) return { dueDate: m.due_date };
  if (m.due_source === 'anchor' && m.anchor_date) return { anchorDate: m.anchor_date };
  return {};
}

/**
 * After a plan task's time limit changed (called by the plan module in its transaction): every open
 * measure of the task (not done, in any ledger and any ledger state — the frozen versions keep what was
 * submitted) gets its due date again from the new rules: a plan date follows the plan, a start date
 * (起算日期) is counted again, a unit's own date stays unless it is now later than the plan's date (then
 * the plan's date). Done measures keep theirs. Each change is audited; returns how many changed.
 */
export async function recomputeMeasureDueDates(tx: Db, ctx: Ctx, taskId: number): Promise<number> {
  const task = await findTaskById(tx, taskId);
  if (!task) return 0;
  const rules = parseRules(task.rules_json);
  const open = await measures.openMeasuresOfTask(tx, taskId);
  const today = todayCst();
  const at = nowIso();
  const touched = new Set<number>();
  let changed = 0;
  const cals = new Map<number, WorkingCalendar>();
  for (const m of open) {
    let cal = cals.get(m.area_id);
    if (!cal) cals.set(m.area_id, cal = await getCalendar(tx, m.area_id));
    let due: DueResult;
    try {
      due = computeDue(rules, dueInputOf(m), cal);
    } catch (err) {
      if (!(err instanceof DueError) && !(err instanceof CalendarError)) throw err;
      // The unit's date is now too late, or the rule is no longer "N working days": the plan's date.
      try {
        due = computeDue(rules, {}, cal);
      } catch (again) {
        if (again instanceof CalendarError) continue; // no calendar for that year: left as it was
        throw again;
      }
    }
    const before = { due_date: m.due_date, due_source: m.due_source, anchor_date: m.anchor_date, due_note: m.due_note, deadline: m.deadline, status: m.status };
    const after = { ...due, status: storedStatus(m.status, due.deadline, today) };
    if ((Object.keys(before) as (keyof typeof before)[]).every((k) => before[k] === after[k])) continue;
    await measures.updateMeasure(tx, m.id, { ...after, updated_at: at });
    touched.add(m.ledger_id);
    changed++;
    await writeAudit(tx, ctx, { action: 'ledger.measure.due_recomputed', entity: 'ledger_measure', entityId: m.id, before, after: { ...after, task: taskId, timeLimit: task.time_limit }, areaId: m.area_id });
  }
  await repo.touchLedger(tx, [...touched], at);
  return changed;
}
