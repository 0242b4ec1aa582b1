// The 工作台 to-do inbox (issue 19): per role, what is waiting for this user today, each with a count
// and a link — items waiting for 保密审查 sign-off, measures due this week and overdue, ledgers waiting
// for review, units that have not submitted (with 催报, at most once per unit and day).
import { writeAudit } from '../audit/public.js';
import { actorLabel, type Ctx } from '../lib/context.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { intId, parseInput } from '../lib/validate.js';
import { z } from 'zod';
import { itemsAwaitingSignoff, unitsWithReviewers } from '../disclosure/public.js';
import * as inbox from './inbox.repo.js';
import { resolvePlan, submissionList } from './ledger.service.js';
import { inboxSections, requireOffice } from './ledger-policy.js';
import { notifyUsers, unitUsers } from '../notify/public.js';

export type InboxRow = { text: string; href?: string; note?: string; urge?: { unitId: number; done: boolean } };
export type InboxSection = { key: string; title: string; count: number; href: string; linkLabel: string; rows: InboxRow[]; empty: string };

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

export async function inboxFor(ctx: Ctx): Promise<{ planId: number | null; planTitle: string | null; today: string; sections: InboxSection[] }> {
  const may = inboxSections(ctx.actor);
  const { user: u, admin } = may;
  const today = todayCst();
  const plan = await resolvePlan(ctx, null);
  const sections: InboxSection[] = [];

  if (may.signoff) {
    // The office signs off for units without a reviewer of their own.
    const withReviewers = admin ? await unitsWithReviewers(ctx.db, u.areaId) : null;
    const items = (await itemsAwaitingSignoff(ctx.db, u.areaId, admin ? undefined : u.unitId)).filter((i) => !withReviewers || !withReviewers.has(i.unit_id));
    sections.push({
      key: 'signoff', title: '待我保密审查、签发的政府信息', count: items.length, href: '/console/items?status=submitted', linkLabel: '打开审核列表',
      rows: items.slice(0, 10).map((i) => ({ text: i.title, href: `/console/items/${i.id}`, note: admin ? i.unit_name : undefined })), empty: '没有待审核的信息。',
    });
  }
  if (!plan) return { planId: null, planTitle: null, today, sections };

  if (may.unitMeasures) {
    const due = await inbox.openMeasuresDue(ctx.db, u.unitId, plan.id, addDays(today, 7));
    const overdue = due.filter((m) => m.deadline! < today);
    const week = due.filter((m) => m.deadline! >= today);
    const row = (m: (typeof due)[number]) => ({ text: `序号${m.seq}：${m.content.slice(0, 60)}`, href: `/console/ledgers/${m.ledger_id}/measures/${m.id}`, note: `到期 ${m.deadline}` });
    sections.push({ key: 'overdue', title: '已逾期的工作举措', count: overdue.length, href: '/console/ledgers', linkLabel: '打开本单位台账', rows: overdue.slice(0, 10).map(row), empty: '没有逾期的举措。' });
    sections.push({ key: 'week', title: '本周（7日内）到期的工作举措', count: week.length, href: '/console/ledgers', linkLabel: '打开本单位台账', rows: week.slice(0, 10).map(row), empty: '7日内没有到期的举措。' });
  }
  if (may.unitReview) {
    const waiting = await inbox.ledgersInStatus(ctx.db, plan.id, 'review', u.unitId);
    sections.push({ key: 'unit-review', title: '待我审核的本单位台账', count: waiting.length, href: '/console/ledgers', linkLabel: '打开台账列表', rows: waiting.map((l) => ({ text: `${l.unit_name}台账`, href: `/console/ledgers/${l.id}` })), empty: '没有待审核的台账。' });
  }
  if (may.office) {
    const waiting = await inbox.ledgersInStatus(ctx.db, plan.id, 'submitted');
    sections.push({
      key: 'office-review', title: admin ? '待我审核的单位台账' : '已报送待审核的单位台账', count: waiting.length, href: `/console/ledgers?plan=${plan.id}`, linkLabel: '打开全区台账',
      rows: waiting.slice(0, 10).map((l) => ({ text: `${l.unit_name}台账`, href: admin ? `/console/ledgers/${l.id}/review` : `/console/ledgers/${l.id}` })), empty: '没有待审核的台账。',
    });
    const list = await submissionList(ctx, plan);
    const notSubmitted = list.filter((e) => !e.submission.submittedOn);
    const urged = await inbox.urgedOn(ctx.db, plan.id, today);
    sections.push({
      key: 'not-submitted', title: `尚未报送台账的单位（报送截止：${plan.submission_due ?? '未设定'}）`, count: notSubmitted.length, href: `/console/ledger-dashboard?plan=${plan.id}`, linkLabel: '打开台账总览',
      rows: notSubmitted.map((e) => ({ text: e.unitName, note: e.submission.label, urge: admin ? { unitId: e.unitId, done: urged.has(e.unitId) } : undefined })), empty: '所有单位均已报送。',
    });
  }
  return { planId: plan.id, planTitle: plan.title, today, sections };
}

const urgeInput = z.object({ unitId: intId('单位') });

/** 催报: tells a unit that has not submitted to submit; at most once per unit and day. Returns the unit's name. */
export async function urgeUnit(ctx: Ctx, raw: unknown): Promise<string> {
  requireOffice(ctx.actor);
  const { unitId } = parseInput(urgeInput, raw);
  const plan = await resolvePlan(ctx, null);
  if (!plan) throw notFound('工作方案');
  const entry = (await submissionList(ctx, plan)).find((e) => e.unitId === unitId);
  if (!entry) throw invalid({ unitId: '该单位在本工作方案中没有承担的任务' });
  if (entry.submission.submittedOn) throw conflict('already_submitted', `${entry.unitName}已报送台账，无需催报`);
  const recipients = await unitUsers(ctx.db, unitId, ['unit_operator', 'unit_reviewer']);
  if (!recipients.length) throw conflict('no_recipients', `${entry.unitName}没有可接收通知的联络员或审核人账号`);
  const today = todayCst();
  const at = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await inbox.recordUrge(tx, { planId: plan.id, unitId, onDate: today, byLabel: actorLabel(ctx.actor), at }))) {
      throw conflict('already_urged', `今天已经催报过${entry.unitName}，每个单位每天只催报一次`);
    }
    const due = plan.submission_due ? `报送截止日期为${plan.submission_due}，` : '';
    await notifyUsers(tx, recipients, {
      kind: 'ledger.urge', title: '请尽快报送政务公开工作任务台账', body: `政务公开办提醒：${entry.unitName}尚未报送《${plan.title}》台账，${due}请尽快填写并报送。`,
      link: entry.ledgerId ? `/console/ledgers/${entry.ledgerId}` : '/console/ledgers', areaId: plan.area_id,
    });
    await writeAudit(tx, ctx, { action: 'ledger.urge', entity: 'unit', entityId: unitId, after: { plan: plan.id, onDate: today, recipients: recipients.length }, areaId: plan.area_id });
    return entry.unitName;
  });
}
