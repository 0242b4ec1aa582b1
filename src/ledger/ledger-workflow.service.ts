// The ledger workflow: operator → unit reviewer → district office, with returns and reopening.
//   draft/returned --requestReview--> review --submitLedger--> submitted --acceptLedger--> accepted
//   review --reviewerReturn--> draft;  submitted --returnLedger--> returned (next version);
//   accepted --reopenLedger--> draft (next version). A reviewer may submit a draft directly.
// Who may do each step is decided by ledger-policy.ts; each step is one transaction (guarded against a
// concurrent change of state) with its audit entry and notices; submitting freezes a snapshot version.
import { writeAudit } from '../audit/public.js';
import { requireUser } from '../auth/policy.js';
import type { LedgerStatus } from '../db/ledger.tables.js';
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { actorId, actorLabel } from '../lib/context.js';
import { AppError, conflict, invalid, notFound } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { parseInput } from '../lib/validate.js';
import { areaAdmins, notifyUsers, unitUsers } from '../notify/public.js';
import {
  accessFor, canSeeTask, requireAccept, requireGuide, requireHistory, requireReopen, requireRequestReview, requireReturn, requireReviewerReturn, requireSubmit,
  type LedgerAccess,
} from './ledger-policy.js';
import * as repo from './ledger.repo.js';
import * as wf from './workflow.repo.js';
import { commentInput, optionalCommentInput, requiredCommentInput } from './ledger.schema.js';

async function snapshot(db: Db, ledgerId: number) {
  const rows = await repo.rowsOfLedger(db, ledgerId);
  const measures = await repo.measuresOfLedger(db, ledgerId);
  return {
    rows: rows.map((r) => ({
      rowId: r.id, seq: r.seq, task: r.requirement,
      measures: measures.filter((m) => m.row_id === r.id).map((m) => ({
        content: m.content, timeLimit: m.time_limit, leader: m.leader, section: m.section, dueDate: m.due_date, status: m.status, completedOn: m.completed_on,
      })),
    })),
  };
}

async function requireComplete(db: Db, ledgerId: number): Promise<void> {
  const rows = await repo.rowsOfLedger(db, ledgerId);
  const measures = await repo.measuresOfLedger(db, ledgerId);
  const empty = rows.filter((r) => !measures.some((m) => m.row_id === r.id)).map((r) => r.seq);
  if (empty.length) throw new AppError('invalid', 'ledger_incomplete', `以下任务尚未填写工作举措：序号 ${empty.join('、')}`, { _: `序号 ${empty.join('、')} 尚未填写工作举措` });
}

const link = (id: number) => `/console/ledgers/${id}`;

async function transition(ctx: Ctx, a: LedgerAccess, to: LedgerStatus, action: string, extra: (tx: Db, at: string) => Promise<Record<string, unknown>>, notice: { to: number[]; title: string; body: string }): Promise<void> {
  const from = a.ledger.status;
  await ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    // Guard against a concurrent transition: the row must still be in the state we checked.
    if (!(await wf.moveStatus(tx, a.ledger.id, from, to, at))) throw conflict('ledger_changed', '台账状态已被他人更改，请刷新页面后重试');
    const detail = await extra(tx, at);
    await repo.bumpLedgerVersion(tx);
    await writeAudit(tx, ctx, { action, entity: 'ledger', entityId: a.ledger.id, before: { status: from }, after: { status: to, ...detail }, areaId: a.ledger.area_id });
    await notifyUsers(tx, notice.to, { kind: action, title: notice.title, body: notice.body, link: link(a.ledger.id), areaId: a.ledger.area_id });
  });
}

/** Operator → unit reviewer. */
export async function requestReview(ctx: Ctx, id: number): Promise<void> {
  const a = await accessFor(ctx, id);
  requireRequestReview(a);
  await requireComplete(ctx.db, id);
  const name = await repo.unitName(ctx.db, a.ledger.unit_id);
  await transition(ctx, a, 'review', 'ledger.request_review', async () => ({}), {
    to: await unitUsers(ctx.db, a.ledger.unit_id, ['unit_reviewer']), title: `${name}台账待您审核`, body: `${actorLabel(ctx.actor)}已填写完台账，请审核后报送政务公开办。`,
  });
}

/** Unit reviewer sends it back to the operator. */
export async function reviewerReturn(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const a = await accessFor(ctx, id);
  requireReviewerReturn(a);
  const { comment } = parseInput(requiredCommentInput, raw);
  await transition(ctx, a, 'draft', 'ledger.reviewer_return', async (tx, at) => {
    await wf.insertComment(tx, { ledger_id: id, row_id: null, version: a.ledger.version, kind: 'unit', author_id: actorId(ctx.actor), author_label: actorLabel(ctx.actor), author_unit_id: a.ledger.unit_id, body: comment, created_at: at });
    return { comment };
  }, { to: await unitUsers(ctx.db, a.ledger.unit_id, ['unit_operator']), title: '台账被审核人退回修改', body: comment });
}

/** Unit reviewer approves and submits to the district office: the version is frozen as a snapshot. */
export async function submitLedger(ctx: Ctx, id: number, raw: unknown = {}): Promise<void> {
  const a = await accessFor(ctx, id);
  requireSubmit(a);
  const { comment } = parseInput(optionalCommentInput, raw);
  await requireComplete(ctx.db, id);
  const snap = await snapshot(ctx.db, id);
  const name = await repo.unitName(ctx.db, a.ledger.unit_id);
  await transition(ctx, a, 'submitted', 'ledger.submit', async (tx, at) => {
    await wf.insertVersion(tx, { ledger_id: id, version: a.ledger.version, submitted_at: at, submitted_by: actorLabel(ctx.actor), snapshot_json: JSON.stringify(snap), decision: null, decided_at: null, decided_by: null, decision_comment: comment ?? null });
    await wf.updateLedger(tx, id, { submitted_at: at, first_submitted_at: a.ledger.first_submitted_at ?? at });
    return { version: a.ledger.version, measures: snap.rows.reduce((n, r) => n + r.measures.length, 0) };
  }, { to: await areaAdmins(ctx.db, a.ledger.area_id), title: `${name}报送了台账（第${a.ledger.version}版）`, body: `${name}的政务公开工作任务台账已报送，请审核。` });
}

export async function acceptLedger(ctx: Ctx, id: number, raw: unknown = {}): Promise<void> {
  const a = await accessFor(ctx, id);
  requireAccept(a);
  const { comment } = parseInput(optionalCommentInput, raw);
  await transition(ctx, a, 'accepted', 'ledger.accept', async (tx, at) => {
    await wf.decideVersion(tx, id, a.ledger.version, { decision: 'accepted', decided_at: at, decided_by: actorLabel(ctx.actor), decision_comment: comment ?? null });
    await wf.updateLedger(tx, id, { accepted_at: at });
    return { version: a.ledger.version, comment };
  }, { to: await unitUsers(ctx.db, a.ledger.unit_id, ['unit_operator', 'unit_reviewer']), title: '台账已审核通过', body: comment ?? '政务公开办已审核通过您单位的台账，请按举措推进落实并及时更新进展。' });
}

/** Row comments arrive as { rows: { [rowId]: text } } (API) or row_<id> fields (form). */
function rowComments(raw: unknown): Map<number, string> {
  const out = new Map<number, string>();
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  const add = (k: string, v: unknown) => {
    const id = Number(k);
    if (Number.isInteger(id) && id > 0 && typeof v === 'string' && v.trim()) out.set(id, v.trim());
  };
  if (r.rows && typeof r.rows === 'object') for (const [k, v] of Object.entries(r.rows as Record<string, unknown>)) add(k, v);
  for (const [k, v] of Object.entries(r)) if (/^row_\d+$/.test(k)) add(k.slice(4), v);
  return out;
}

/** The office returns the ledger with an overall comment and/or comments per row; the next version starts. */
export async function returnLedger(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const a = await accessFor(ctx, id);
  requireReturn(a);
  const { comment } = parseInput(optionalCommentInput, raw);
  const perRow = rowComments(raw);
  const fields: Record<string, string> = {};
  const rows = await repo.rowsOfLedger(ctx.db, id);
  for (const [rowId, text] of perRow) {
    if (!rows.some((r) => r.id === rowId)) fields[`row_${rowId}`] = '任务行不存在';
    else if (text.length > 2000) fields[`row_${rowId}`] = '意见不能超过2000个字符';
  }
  if (!comment && perRow.size === 0) fields.comment = '退回时请填写总体意见或至少一项任务的意见';
  if (Object.keys(fields).length) throw invalid(fields);
  await transition(ctx, a, 'returned', 'ledger.return', async (tx, at) => {
    const base = { ledger_id: id, version: a.ledger.version, kind: 'return' as const, author_id: actorId(ctx.actor), author_label: actorLabel(ctx.actor), author_unit_id: ctx.actor.kind === 'user' ? ctx.actor.unitId : null, created_at: at };
    if (comment) await wf.insertComment(tx, { ...base, row_id: null, body: comment });
    for (const [rowId, body] of perRow) await wf.insertComment(tx, { ...base, row_id: rowId, body });
    await wf.decideVersion(tx, id, a.ledger.version, { decision: 'returned', decided_at: at, decided_by: actorLabel(ctx.actor), decision_comment: comment ?? null });
    await wf.updateLedger(tx, id, { returned_at: at, version: a.ledger.version + 1 });
    return { version: a.ledger.version, comment, rows: Object.fromEntries(perRow) };
  }, { to: await unitUsers(ctx.db, a.ledger.unit_id, ['unit_operator', 'unit_reviewer']), title: '台账被政务公开办退回', body: `${comment ?? ''}${perRow.size ? `（另有${perRow.size}项任务的具体意见）` : ''}`.trim() });
}

/** The unit reviewer reopens an accepted ledger to revise its measures; the next version starts. */
export async function reopenLedger(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const a = await accessFor(ctx, id);
  requireReopen(a);
  const { comment } = parseInput(requiredCommentInput, raw);
  const name = await repo.unitName(ctx.db, a.ledger.unit_id);
  await transition(ctx, a, 'draft', 'ledger.reopen', async (tx, at) => {
    await wf.insertComment(tx, { ledger_id: id, row_id: null, version: a.ledger.version, kind: 'unit', author_id: actorId(ctx.actor), author_label: actorLabel(ctx.actor), author_unit_id: a.ledger.unit_id, body: `重新打开：${comment}`, created_at: at });
    await wf.updateLedger(tx, id, { version: a.ledger.version + 1 });
    return { version: a.ledger.version + 1, comment };
  }, { to: await areaAdmins(ctx.db, a.ledger.area_id), title: `${name}重新打开了台账`, body: comment });
}

/** A lead department's guidance on a row in its content area. */
export async function addGuidance(ctx: Ctx, id: number, rowId: number, raw: unknown): Promise<number> {
  const a = await accessFor(ctx, id);
  requireGuide(a);
  const row = (await repo.rowsOfLedger(ctx.db, id)).find((r) => r.id === rowId);
  if (!row || !canSeeTask(a, row.task_id)) throw notFound('任务行');
  const { body } = parseInput(commentInput, raw);
  const u = requireUser(ctx.actor);
  const leadName = await repo.unitName(ctx.db, u.unitId);
  return ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    const cid = await wf.insertComment(tx, { ledger_id: id, row_id: rowId, version: a.ledger.version, kind: 'guidance', author_id: u.userId, author_label: actorLabel(ctx.actor), author_unit_id: u.unitId, body, created_at: at });
    await writeAudit(tx, ctx, { action: 'ledger.guidance', entity: 'ledger', entityId: id, after: { row: row.seq, body }, areaId: a.ledger.area_id });
    await notifyUsers(tx, await unitUsers(tx, a.ledger.unit_id, ['unit_operator', 'unit_reviewer']), { kind: 'ledger.guidance', title: `${leadName}对序号${row.seq}任务提出指导意见`, body, link: link(id), areaId: a.ledger.area_id });
    return cid;
  });
}

export async function ledgerHistory(ctx: Ctx, id: number) {
  const a = await accessFor(ctx, id);
  requireHistory(a);
  const versions = await repo.versionsOfLedger(ctx.db, id);
  const comments = await repo.commentsOfLedger(ctx.db, id);
  const rows = await repo.rowsOfLedger(ctx.db, id);
  return { ledger: a.ledger, versions: versions.map((v) => ({ ...v, snapshot: JSON.parse(v.snapshot_json) as Awaited<ReturnType<typeof snapshot>> })), comments, seqOfRow: new Map(rows.map((r) => [r.id, r.seq])) };
}
