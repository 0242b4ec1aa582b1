// Settings of the ledger module (reminder lead time, lead-duty ↔ task mapping, e-mail addresses),
// the outbox, and each user's notifications.
import { writeAudit } from '../audit/public.js';
import { requireAdmin, requireUser } from '../auth/policy.js';
import type { Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { parseInput } from '../lib/validate.js';
import { actorArea } from '../org/public.js';
import { findLeadDuty, findTaskBySeq, leadDutiesOfPlan, tasksOfPlan } from '../plan/public.js';
import { dutyMapForPlan, setDutyOverride } from './ledger.repo.js';
import { contactInput, dutyOverrideInput, reminderDaysInput } from './ledger.schema.js';
import { resolvePlan } from './ledger.service.js';
import { reminderDays, setReminderDays } from './ledger-tracking.js';
import { contactsOfArea, mailConfigured, markNotificationsRead, notificationsOf, outboxOfArea, setContact } from '../notify/public.js';

export async function ledgerSettings(ctx: Ctx, planId?: number | null) {
  requireAdmin(ctx.actor);
  const plan = await resolvePlan(ctx, planId);
  const days = await reminderDays(ctx.db);
  if (!plan) return { plan: null, reminderDays: days, duties: [] };
  const duties = await leadDutiesOfPlan(ctx.db, plan.id);
  const map = await dutyMapForPlan(ctx.db, plan.id, duties);
  const tasks = new Map((await tasksOfPlan(ctx.db, plan.id)).map((t) => [t.id, { id: t.id, seq: t.seq, requirement: t.requirement }]));
  return {
    plan, reminderDays: days,
    duties: duties.map((d) => {
      const m = map.get(d.id)!;
      return { ...d, tasks: m.taskIds.map((id) => ({ ...tasks.get(id)!, auto: m.auto.has(id) })), removed: [...m.auto].filter((id) => !m.taskIds.includes(id)).map((id) => tasks.get(id)!) };
    }),
  };
}

export async function saveReminderDays(ctx: Ctx, raw: unknown): Promise<number> {
  requireAdmin(ctx.actor);
  const { reminderDays: n } = parseInput(reminderDaysInput, raw);
  const before = await reminderDays(ctx.db);
  await ctx.db.transaction().execute(async (tx) => {
    await setReminderDays(tx, n);
    await writeAudit(tx, ctx, { action: 'ledger.settings.reminder_days', entity: 'setting', entityId: 'ledger.reminder_days', before, after: n });
  });
  return n;
}

/** Adds a task to a lead duty's content area, or takes one out; the correction wins over the automatic match. */
export async function saveDutyOverride(ctx: Ctx, planId: number, raw: unknown): Promise<void> {
  requireAdmin(ctx.actor);
  const input = parseInput(dutyOverrideInput, raw);
  const plan = await resolvePlan(ctx, planId);
  if (!plan) throw notFound('工作方案');
  const duty = await findLeadDuty(ctx.db, plan.id, input.dutyId);
  if (!duty) throw invalid({ dutyId: '牵头事项不存在' });
  const task = await findTaskBySeq(ctx.db, plan.id, input.taskSeq);
  if (!task) throw invalid({ taskSeq: `本方案没有序号为 ${input.taskSeq} 的任务` });
  await ctx.db.transaction().execute(async (tx) => {
    await setDutyOverride(tx, duty.id, task.id, input.mode, nowIso());
    await writeAudit(tx, ctx, { action: 'ledger.settings.lead_duty', entity: 'plan_lead_duty', entityId: duty.id, after: { task: input.taskSeq, mode: input.mode }, areaId: plan.area_id });
  });
}

export async function listContacts(ctx: Ctx) {
  requireAdmin(ctx.actor);
  const areaId = await actorArea(ctx);
  return contactsOfArea(ctx.db, areaId);
}

export async function saveContact(ctx: Ctx, raw: unknown): Promise<void> {
  requireAdmin(ctx.actor);
  const input = parseInput(contactInput, raw);
  const users = await listContacts(ctx);
  const user = users.find((u) => u.id === input.userId);
  if (!user) throw invalid({ userId: '用户不存在' });
  await ctx.db.transaction().execute(async (tx) => {
    await setContact(tx, input.userId, input.email ?? null);
    await writeAudit(tx, ctx, { action: 'user.contact', entity: 'user', entityId: input.userId, before: { email: user.email ?? null }, after: { email: input.email ?? null } });
  });
}

export async function listOutbox(ctx: Ctx, limit = 200) {
  requireAdmin(ctx.actor);
  const areaId = await actorArea(ctx);
  return { ...(await outboxOfArea(ctx.db, areaId, limit)), smtp: mailConfigured() };
}

export async function listNotifications(ctx: Ctx, opts: { unreadOnly?: boolean; limit?: number } = {}) {
  const u = requireUser(ctx.actor);
  return notificationsOf(ctx.db, u.userId, opts);
}

/** Marks the given notifications (or all) read; only the user's own. */
export async function markRead(ctx: Ctx, ids: number[] | 'all'): Promise<number> {
  const u = requireUser(ctx.actor);
  return markNotificationsRead(ctx.db, u.userId, ids);
}
