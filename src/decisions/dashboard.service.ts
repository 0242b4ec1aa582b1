// The console dashboard and the 工作台 inbox: consultations open / closing soon / closed without
// feedback, and catalog items behind plan.
import type { InboxEntry } from '../app/module.js';
import { isUser, requireStaff } from '../auth/policy.js';
import type { Ctx } from '../lib/context.js';
import { todayCst } from '../lib/time.js';
import { actorArea } from '../org/public.js';
import { concentratedMinSize, listConsultations, minimumDays } from './consultations.service.js';
import { canActOnNotices, unitScope } from './decisions-policy.js';
import { pendingPhoneNotices } from './notices.service.js';
import { addDays, consultationStatus } from './pure/rules.js';

export const CLOSING_SOON_DAYS = 7;
const DONE = ['published', 'implementing', 'evaluation', 'terminated'];

export async function dashboard(ctx: Ctx) {
  requireStaff(ctx.actor);
  const today = todayCst();
  const areaId = await actorArea(ctx);
  const list = await listConsultations(ctx);
  const open = list.filter((c) => consultationStatus(c, today) === 'open');
  const closingSoon = open.filter((c) => c.closes_on <= addDays(today, CLOSING_SOON_DAYS));
  const closedWithoutFeedback = list.filter((c) => consultationStatus(c, today) === 'closed' && !c.report_published_at);
  let dq = ctx.db.selectFrom('decisions').selectAll().where('area_id', '=', areaId);
  const scope = unitScope(ctx.actor);
  if (scope !== null) dq = dq.where('lead_unit_id', '=', scope);
  const decisions = await dq.orderBy('year', 'desc').orderBy('id').execute();
  const behindPlan = decisions.filter((d) => d.planned_on && d.planned_on < today && !DONE.includes(d.status));
  const settings = { minNormative: await minimumDays(ctx.db, 'normative'), minOther: await minimumDays(ctx.db, 'other'), concentrated: await concentratedMinSize(ctx.db) };
  return { open, closingSoon, closedWithoutFeedback, decisions, behindPlan, settings };
}

export async function inbox(ctx: Ctx): Promise<InboxEntry[]> {
  if (!isUser(ctx.actor)) return [];
  const d = await dashboard(ctx);
  const out: InboxEntry[] = [];
  if (d.closedWithoutFeedback.length) out.push({ label: '征求意见已结束、采纳情况未公布', count: d.closedWithoutFeedback.length, href: '/console/decisions', urgent: true });
  if (d.closingSoon.length) out.push({ label: `${CLOSING_SOON_DAYS}日内截止的征求意见`, count: d.closingSoon.length, href: '/console/decisions' });
  const phone = canActOnNotices(ctx.actor) ? await pendingPhoneNotices(ctx, await actorArea(ctx)) : 0;
  if (phone) out.push({ label: '待电话通知的列席、开放日报名人', count: phone, href: '/console/decisions', urgent: true });
  if (d.behindPlan.length) out.push({ label: '晚于计划的重大行政决策事项', count: d.behindPlan.length, href: '/console/decisions', urgent: true });
  return out;
}
