// The reminder job: exactly once per item, tell the responsible staff when a consultation has closed
// without its 采纳情况, and when a meeting's sign-up has closed without a selection.
import type { Ctx } from '../lib/context.js';
import { todayCst } from '../lib/time.js';
import { areaAdmins, notifyOnce, unitUsers } from '../notify/public.js';

export async function runDecisionReminders(ctx: Ctx): Promise<{ feedback: number; meetings: number }> {
  const today = todayCst();
  const closed = await ctx.db.selectFrom('consultations').select(['id', 'title', 'area_id', 'unit_id', 'closes_on'])
    .where('closes_on', '<', today).where('report_published_at', 'is', null).execute();
  const meetings = await ctx.db.selectFrom('meetings').select(['id', 'title', 'area_id', 'signup_closes_on'])
    .where('signup_closes_on', '<', today).where('method', 'is', null).execute();
  // Recipients are read before the transaction (inside it only `tx` may be used).
  const plans = await Promise.all([
    ...closed.map(async (c) => ({ key: `decisions.feedback:${c.id}`, users: [...await unitUsers(ctx.db, c.unit_id, ['unit_operator', 'unit_reviewer']), ...await areaAdmins(ctx.db, c.area_id)],
      n: { kind: 'decisions.feedback', title: `征求意见已结束，请公布采纳情况：${c.title}`, body: `该征求意见已于${c.closes_on}结束。请审核全部意见、标注采纳情况并公布；决策事项在此之前不能进入决策公布。`, link: `/console/consultations/${c.id}`, areaId: c.area_id }, what: 'feedback' as const })),
    ...meetings.map(async (m) => ({ key: `decisions.meeting-select:${m.id}`, users: await areaAdmins(ctx.db, m.area_id),
      n: { kind: 'decisions.meeting', title: `列席报名已截止，请遴选：${m.title}`, body: `报名已于${m.signup_closes_on}截止。请按公布的遴选办法随机抽取或人工遴选并记录理由。`, link: `/console/meetings/${m.id}`, areaId: m.area_id }, what: 'meetings' as const })),
  ]);
  const out = { feedback: 0, meetings: 0 };
  await ctx.db.transaction().execute(async (tx) => {
    for (const p of plans) if (await notifyOnce(tx, p.key, p.users, p.n)) out[p.what]++;
  });
  return out;
}
