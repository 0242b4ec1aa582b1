// 留言咨询: the public consultation channel. A message keeps its contact private; staff assign it to a
// unit, reply within a working-day deadline (default 5, setting `qa.reply_days`), get reminders, and it is
// escalated to the 政务公开办 long before the inspection's 3-month veto. A reply is published only with
// the asker's consent, with personal data removed; it can become a curated entry.
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { requireStaff, requireUser } from '../auth/policy.js';
import { getCalendar } from '../calendar/public.js';
import type { Db } from '../db/schema.js';
import * as qaRepo from './qa.repo.js';
import { maskAll, scanPersonalData } from '../disclosure/public.js';
import type { Ctx } from '../lib/context.js';
import { fail, invalid, notFound } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { intId, parseInput, strictNumberInput, text } from '../lib/validate.js';
import { notifyOnce, notifyUsers, unitUsers } from '../notify/public.js';
import { findUnit, listAreas, listUnitsInArea } from '../org/public.js';
import { ownUnitFilter, requireMessageAssigner, requireMessageReplier, requireReadableMessage, requireReplyDaysSetter } from './qa-policy.js';

export const DEFAULT_REPLY_DAYS = 5;
/** Escalated to the 政务公开办 after this many calendar days unanswered (the veto is at 3 months). */
export const ESCALATE_AFTER_DAYS = 30;
export const MESSAGE_STATUS_LABELS: Record<string, string> = { new: '待分办', assigned: '办理中', answered: '已答复', closed: '已关闭' };

const checkbox = z.preprocess((v) => v === true || v === 'on' || v === '1' || v === 'true', z.boolean());
export const messageInput = z.object({
  question: text('留言内容', { min: 5, max: 1000, multiline: true }),
  contactName: text('姓名', { max: 50 }),
  contact: text('联系方式', { max: 100 }).refine((s) => /^1\d{10}$/.test(s.replace(/[\s-]/g, '')) || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s) || /^0\d{2,3}-?\d{7,8}$/.test(s), '请填写手机号码、固定电话或电子邮箱'),
  unitId: z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : v), intId('办理单位').optional()),
  consent: checkbox.default(false),
});

export const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
export const addMonths = (iso: string, m: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + m);
  return d.toISOString().slice(0, 10);
};

export async function replyDays(db: Db): Promise<number> {
  const v = (await db.selectFrom('settings').select('value').where('key', '=', 'qa.reply_days').executeTakeFirst())?.value;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 60 ? n : DEFAULT_REPLY_DAYS;
}

/** The district this portal serves (the first 区, as the portal does). */
export async function portalAreaId(db: Db): Promise<number> {
  const a = (await listAreas(db)).find((u) => u.kind === '区');
  if (!a) throw notFound('行政区划');
  return a.id;
}

/** Unit names of an area, by id (citations show the 发布机构). */
export async function unitNames(db: Db, areaId: number): Promise<Map<number, string>> {
  return new Map((await listUnitsInArea(db, areaId)).map((u) => [u.id, u.name]));
}

/** Personal data removed: ID/phone/bank/e-mail numbers masked, the asker's name and contact blanked. */
export function redact(s: string, m: { contact_name: string; contact: string }): string {
  let out = maskAll(s, scanPersonalData(s));
  for (const p of [m.contact_name, m.contact]) if (p && p.length >= 2) out = out.split(p).join('*'.repeat(Math.min(p.length, 6)));
  return out;
}

export async function submitMessage(ctx: Ctx, raw: unknown, today = todayCst()): Promise<number> {
  const input = parseInput(messageInput, raw);
  const areaId = await portalAreaId(ctx.db);
  if (input.unitId) {
    const u = await findUnit(ctx.db, input.unitId);
    if (!u || (u.area_id !== areaId && u.id !== areaId)) throw invalid({ unitId: '请选择有效的办理单位' });
  }
  const days = await replyDays(ctx.db);
  const cal = await getCalendar(ctx.db, areaId);
  const due = cal.addWorkingDays(today, days);
  return ctx.db.transaction().execute(async (tx) => {
    const { id } = await tx.insertInto('qa_messages').values({
      area_id: areaId, question: input.question, contact_name: input.contactName, contact: input.contact, unit_id: input.unitId ?? null,
      assigned_unit_id: input.unitId ?? null, assignee_id: null, status: input.unitId ? 'assigned' : 'new', received_on: today, due_on: due,
      consent: input.consent ? 1 : 0, reply: null, replied_at: null, replied_by: null, public_question: null, public_reply: null, published: 0, escalated_at: null, created_at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow();
    // The audit keeps the fact, not the private contact.
    await writeAudit(tx, ctx, { action: 'qa.message.create', entity: 'qa_message', entityId: id, after: { unitId: input.unitId ?? null, due, consent: input.consent }, areaId });
    const to = input.unitId ? await unitUsers(tx, input.unitId, ['unit_operator', 'unit_reviewer']) : await unitUsers(tx, areaId, ['admin']);
    await notifyUsers(tx, to, { kind: 'qa.message', title: '收到新的留言咨询', body: `留言 ${id}，请于 ${due} 前答复。`, link: `/console/qa/messages/${id}`, areaId });
    return id;
  });
}

export async function readMessage(ctx: Ctx, id: number) {
  requireStaff(ctx.actor);
  return requireReadableMessage(ctx.actor, await ctx.db.selectFrom('qa_messages').selectAll().where('id', '=', id).executeTakeFirst());
}

export async function listMessages(ctx: Ctx, f: { status?: string } = {}) {
  requireStaff(ctx.actor);
  const u = ctx.actor.kind === 'user' ? ctx.actor : null;
  const areaId = u ? u.areaId : await portalAreaId(ctx.db);
  let q = ctx.db.selectFrom('qa_messages').select(['id', 'question', 'status', 'received_on', 'due_on', 'assigned_unit_id', 'assignee_id', 'escalated_at', 'consent', 'published'])
    .where('area_id', '=', areaId);
  const own = ownUnitFilter(ctx.actor);
  if (own !== null) q = q.where('assigned_unit_id', '=', own);
  if (f.status === 'open') q = q.where('status', 'in', ['new', 'assigned']);
  else if (f.status && f.status in MESSAGE_STATUS_LABELS) q = q.where('status', '=', f.status as never);
  return q.orderBy('received_on').orderBy('id').limit(500).execute();
}

export async function assignMessage(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  requireMessageAssigner(ctx.actor);
  const m = await readMessage(ctx, id);
  if (m.status === 'answered' || m.status === 'closed') throw fail('qa_message_answered');
  const input = parseInput(z.object({ unitId: intId('办理单位') }), raw);
  const unit = await findUnit(ctx.db, input.unitId);
  if (!unit || (unit.area_id !== m.area_id && unit.id !== m.area_id)) throw invalid({ unitId: '请选择有效的办理单位' });
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('qa_messages').set({ assigned_unit_id: input.unitId, status: 'assigned' }).where('id', '=', id).execute();
    await writeAudit(tx, ctx, { action: 'qa.message.assign', entity: 'qa_message', entityId: id, before: { unit: m.assigned_unit_id }, after: { unit: input.unitId }, areaId: m.area_id });
    await notifyUsers(tx, await unitUsers(tx, input.unitId, ['unit_operator', 'unit_reviewer']), { kind: 'qa.message', title: '留言咨询已分办给本单位', body: `留言 ${id}，请于 ${m.due_on} 前答复。`, link: `/console/qa/messages/${id}`, areaId: m.area_id });
  });
}

export const replyInput = z.object({ reply: text('答复内容', { min: 5, max: 3000, multiline: true }), publish: checkbox.default(false) });

export async function replyMessage(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const u = requireUser(ctx.actor);
  const m = await readMessage(ctx, id);
  requireMessageReplier(u, m);
  if (m.status === 'answered' || m.status === 'closed') throw fail('qa_message_answered');
  const input = parseInput(replyInput, raw);
  if (input.publish && !m.consent) throw invalid({ publish: '留言人未同意公开，不能公开答复' });
  await ctx.db.transaction().execute(async (tx) => {
    const set = {
      status: 'answered' as const, reply: input.reply, replied_at: nowIso(), replied_by: u.userId,
      published: input.publish ? 1 : 0, public_question: input.publish ? redact(m.question, m) : null, public_reply: input.publish ? redact(input.reply, m) : null,
    };
    await tx.updateTable('qa_messages').set(set).where('id', '=', id).execute();
    await writeAudit(tx, ctx, { action: 'qa.message.reply', entity: 'qa_message', entityId: id, before: { status: m.status }, after: { status: 'answered', published: set.published }, areaId: m.area_id });
  });
}

/** Published replies for the portal (already redacted; contacts never selected). */
export const publishedReplies = (db: Db, areaId: number) =>
  db.selectFrom('qa_messages').select(['id', 'public_question', 'public_reply', 'received_on', 'replied_at', 'assigned_unit_id'])
    .where('area_id', '=', areaId).where('published', '=', 1).where('status', '=', 'answered').orderBy('replied_at', 'desc').limit(200).execute();

/** Reminders before the deadline, overdue notices, and escalation after ESCALATE_AFTER_DAYS. Each notice once. */
export async function remindMessages(ctx: Ctx, today = todayCst()): Promise<{ reminded: number; overdue: number; escalated: number }> {
  const open = await ctx.db.selectFrom('qa_messages').selectAll().where('status', 'in', ['new', 'assigned']).execute();
  const r = { reminded: 0, overdue: 0, escalated: 0 };
  const cals = new Map<number, Awaited<ReturnType<typeof getCalendar>>>();
  for (const m of open) if (!cals.has(m.area_id)) cals.set(m.area_id, await getCalendar(ctx.db, m.area_id));
  await ctx.db.transaction().execute(async (tx) => {
    for (const m of open) {
      const cal = cals.get(m.area_id)!;
      const unitPeople = m.assigned_unit_id ? await unitUsers(tx, m.assigned_unit_id, ['unit_operator', 'unit_reviewer']) : [];
      const admins = await unitUsers(tx, m.area_id, ['admin']);
      const link = `/console/qa/messages/${m.id}`;
      if (today <= m.due_on && cal.workingDaysBetween(today, m.due_on) <= 1) {
        r.reminded += Number((await notifyOnce(tx, `qa.msg.${m.id}.due`, unitPeople.length ? unitPeople : admins, { kind: 'qa.message', title: '留言咨询即将到期', body: `留言 ${m.id} 应于 ${m.due_on} 前答复。`, link, areaId: m.area_id })) > 0);
      }
      if (today > m.due_on) {
        r.overdue += Number((await notifyOnce(tx, `qa.msg.${m.id}.overdue`, [...unitPeople, ...admins], { kind: 'qa.message', title: '留言咨询已逾期', body: `留言 ${m.id} 答复期限 ${m.due_on} 已过。`, link, areaId: m.area_id })) > 0);
      }
      if (!m.escalated_at && addDays(m.received_on, ESCALATE_AFTER_DAYS) <= today) {
        await tx.updateTable('qa_messages').set({ escalated_at: nowIso() }).where('id', '=', m.id).execute();
        await writeAudit(tx, ctx, { action: 'qa.message.escalate', entity: 'qa_message', entityId: m.id, after: { receivedOn: m.received_on }, areaId: m.area_id });
        await notifyOnce(tx, `qa.msg.${m.id}.escalate`, admins, { kind: 'qa.message', title: '留言咨询超过30天未答复，已提级督办', body: `留言 ${m.id}（${m.received_on} 收到）须在3个月内答复，否则网站检查单项否决。`, link, areaId: m.area_id });
        r.escalated++;
      }
    }
  });
  return r;
}

/** The oldest unanswered message, for the site self-inspection (3-month veto). */
export async function oldestUnanswered(db: Db, areaId: number): Promise<{ id: number; received_on: string } | undefined> {
  return db.selectFrom('qa_messages').select(['id', 'received_on']).where('area_id', '=', areaId).where('status', 'in', ['new', 'assigned']).orderBy('received_on').orderBy('id').executeTakeFirst();
}

export const replyDaysInput = z.object({ days: z.preprocess((v) => strictNumberInput(typeof v === 'string' ? v.trim() : v), z.number({ error: '请填写工作日数（整数）' }).int('工作日数须为整数').min(1, '至少1个工作日').max(60, '不能超过60个工作日')) });

export async function setReplyDays(ctx: Ctx, raw: unknown): Promise<void> {
  requireReplyDaysSetter(ctx.actor);
  const u = requireUser(ctx.actor);
  const { days } = parseInput(replyDaysInput, raw);
  const before = await replyDays(ctx.db);
  await ctx.db.transaction().execute(async (tx) => {
    const r = await tx.updateTable('settings').set({ value: String(days) }).where('key', '=', 'qa.reply_days').executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) await tx.insertInto('settings').values({ key: 'qa.reply_days', value: String(days) }).execute();
    await writeAudit(tx, ctx, { action: 'qa.reply_days', entity: 'settings', entityId: 'qa.reply_days', before, after: days, areaId: u.areaId });
  });
}

/** When a just-submitted message is due for its reply (the thanks page). */
export const messageDue = (db: Db, id: number) => qaRepo.messageDueOn(db, id);
