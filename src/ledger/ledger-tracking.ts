// The tracking job: marks overdue measures and sends reminders — N working days before a deadline
// and on the day to the unit's operators, and once overdue to the unit's reviewers and the
// district office. Each (measure, rule, deadline) is recorded in ledger_reminders under a unique
// key, so reruns (hourly, on several nodes, after a crash) never send a reminder twice.
import { writeAudit } from '../audit/public.js';
import { getCalendar } from '../calendar/public.js';
import type { WorkingCalendar } from '../calendar/public.js';
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { nowIso, todayCst } from '../lib/time.js';
import { reminderFor, type ReminderRule } from './ledger-rules.js';
import { putSetting, settingValue, touchLedger } from './ledger.repo.js';
import * as trepo from './tracking.repo.js';
import { areaAdmins, deliverOutbox, notifyUsers, unitUsers } from '../notify/public.js';

export const REMINDER_DAYS_KEY = 'ledger.reminder_days';
export const DEFAULT_REMINDER_DAYS = 3;

export async function reminderDays(db: Db): Promise<number> {
  const v = Number(await settingValue(db, REMINDER_DAYS_KEY));
  return Number.isInteger(v) && v >= 0 && v <= 30 ? v : DEFAULT_REMINDER_DAYS;
}
export const setReminderDays = (tx: Db, n: number) => putSetting(tx, REMINDER_DAYS_KEY, String(n));

type Hit = { measureId: number; rule: ReminderRule; deadline: string; ledgerId: number; unitId: number; unitName: string; areaId: number; seq: number; content: string; markOverdue: boolean };

const short = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n)}…` : s);
const CHUNK = 200;

export type TrackingResult = { markedOverdue: number; reminders: Record<ReminderRule, number>; notified: number; mail: { sent: number; failed: number } };

export async function runLedgerTracking(ctx: Ctx, today = todayCst()): Promise<TrackingResult> {
  const days = await reminderDays(ctx.db);
  const open = await trepo.openMeasuresWithDeadline(ctx.db);

  // Calendars are read before the transaction (on SQLite the transaction holds the only connection).
  const cals = new Map<number, WorkingCalendar>();
  for (const areaId of new Set(open.map((m) => m.area_id))) cals.set(areaId, await getCalendar(ctx.db, areaId));
  const hits: Hit[] = [];
  for (const m of open) {
    const rule = reminderFor(cals.get(m.area_id)!, m.deadline!, today, days);
    if (!rule) continue;
    hits.push({ measureId: m.id, rule, deadline: m.deadline!, ledgerId: m.ledger_id, unitId: m.unit_id, unitName: m.unit_name, areaId: m.area_id, seq: m.seq, content: m.content, markOverdue: rule === 'overdue' && m.status !== 'overdue' });
  }
  const recipients = new Map<string, number[]>();
  for (const h of hits) {
    const k = `${h.unitId}:${h.rule}`;
    if (!recipients.has(k)) recipients.set(k, await unitUsers(ctx.db, h.unitId, h.rule === 'overdue' ? ['unit_reviewer'] : ['unit_operator']));
  }
  const admins = new Map<number, number[]>();
  for (const areaId of new Set(hits.map((h) => h.areaId))) admins.set(areaId, await areaAdmins(ctx.db, areaId));

  const result: TrackingResult = { markedOverdue: 0, reminders: { before: 0, due: 0, overdue: 0 }, notified: 0, mail: { sent: 0, failed: 0 } };
  await ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    const overdueIds = hits.filter((h) => h.markOverdue).map((h) => h.measureId);
    for (let i = 0; i < overdueIds.length; i += CHUNK) {
      await trepo.markOverdue(tx, overdueIds.slice(i, i + CHUNK), at);
    }
    result.markedOverdue = overdueIds.length;
    if (overdueIds.length) await touchLedger(tx, [...new Set(hits.filter((h) => h.markOverdue).map((h) => h.ledgerId))], at);

    // Only reminders whose key was not there before go out.
    const fresh: Hit[] = [];
    for (let i = 0; i < hits.length; i += CHUNK) {
      const part = hits.slice(i, i + CHUNK);
      const inserted = await trepo.recordReminders(tx, part.map((h) => ({ measure_id: h.measureId, rule: h.rule, due_date: h.deadline, sent_at: at })));
      const keys = new Set(inserted.map((r) => `${r.measure_id}:${r.rule}`));
      fresh.push(...part.filter((h) => keys.has(`${h.measureId}:${h.rule}`)));
    }
    for (const h of fresh) result.reminders[h.rule]++;

    // One digest per unit and rule for the unit's people; one per area for the office.
    const groups = new Map<string, Hit[]>();
    for (const h of fresh) groups.set(`${h.unitId}:${h.rule}`, [...(groups.get(`${h.unitId}:${h.rule}`) ?? []), h]);
    for (const [k, list] of groups) {
      const first = list[0]!;
      const lines = list.slice(0, 20).map((h) => `序号${h.seq}：${short(h.content)}（期限 ${h.deadline}）`);
      if (list.length > 20) lines.push(`……共${list.length}项`);
      const title = first.rule === 'before' ? `${list.length}项工作举措即将到期`
        : first.rule === 'due' ? `${list.length}项工作举措今天到期` : `${first.unitName}有${list.length}项工作举措已逾期`;
      result.notified += await notifyUsers(tx, recipients.get(k) ?? [], { kind: `ledger.reminder.${first.rule}`, title, body: lines.join('\n'), link: `/console/ledgers/${first.ledgerId}`, areaId: first.areaId });
    }
    for (const [areaId, ids] of admins) {
      const late = fresh.filter((h) => h.rule === 'overdue' && h.areaId === areaId);
      if (!late.length) continue;
      const byUnit = new Map<string, number>();
      for (const h of late) byUnit.set(h.unitName, (byUnit.get(h.unitName) ?? 0) + 1);
      result.notified += await notifyUsers(tx, ids, {
        kind: 'ledger.reminder.overdue', title: `新增逾期工作举措${late.length}项（${byUnit.size}个单位）`,
        body: [...byUnit].map(([u, n]) => `${u}：${n}项`).join('\n'), link: '/console/ledger-dashboard#overdue', areaId,
      });
    }
    if (overdueIds.length || fresh.length) {
      await writeAudit(tx, ctx, { action: 'ledger.tracking', entity: 'ledger_job', entityId: today, after: { markedOverdue: overdueIds.length, reminders: result.reminders } });
    }
  });
  result.mail = await deliverOutbox(ctx.db);
  return result;
}
