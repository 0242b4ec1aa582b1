// 政策问答: clause index of published policies, curated Q&A entries, answering that cites the clause or
// abstains, feedback, and the 留言咨询 consultation channel (with its inspection indicator).
import type { GongkaiModule } from '../app/module.js';
import { registerQaCommands } from './qa.commands.js';
import { QA_MIGRATIONS } from './qa.migrations.js';

export const QA_REINDEX_JOB = 'qa.reindex';

export const qaModule: GongkaiModule = {
  name: 'qa',
  migrations: QA_MIGRATIONS,
  routes: async (app, deps) => (await import('./qa.routes.js')).qaRoutes(app, deps),
  commands: registerQaCommands,
  jobs: [
    {
      name: QA_REINDEX_JOB,
      label: '政策问答条款索引与条目有效性',
      everyMinutes: 10,
      run: async (ctx) => {
        const r = await (await import('./clause-index.js')).reindexClauses(ctx);
        return r.split || r.removed || r.suspended.length ? `拆分 ${r.split} 件，移出 ${r.removed} 件，问答条目退回待审核 ${r.suspended.length} 条` : '';
      },
    },
    {
      name: 'qa.consult-reminders',
      label: '留言咨询到期提醒与督办；政策问答复核提醒',
      everyMinutes: 60,
      run: async (ctx) => {
        const r = await (await import('./consult.service.js')).remindMessages(ctx);
        const reviews = await (await import('./entries.service.js')).remindEntryReviews(ctx);
        return r.reminded || r.overdue || r.escalated || reviews ? `留言提醒 ${r.reminded}，逾期 ${r.overdue}，督办 ${r.escalated}；问答复核提醒 ${reviews}` : '';
      },
    },
  ],
  nav: [
    { href: '/console/qa', label: '政策问答', order: 70 },
    { href: '/console/qa/messages', label: '留言咨询', order: 71 },
  ],
  inbox: async (ctx) => {
    const { hasQaInbox, ownUnitFilter } = await import('./qa-policy.js');
    if (!hasQaInbox(ctx.actor)) return [];
    const { listMessages } = await import('./consult.service.js');
    const { todayCst } = await import('../lib/time.js');
    const open = await listMessages(ctx, { status: 'open' });
    const today = todayCst();
    const out = [];
    if (open.length) out.push({ label: '待答复的留言咨询', count: open.length, href: '/console/qa/messages?status=open', urgent: open.some((m) => m.due_on < today || m.escalated_at !== null) });
    const own = ownUnitFilter(ctx.actor);
    const areaId = ctx.actor.kind === 'user' ? ctx.actor.areaId : 0;
    const review = await ctx.db.selectFrom('qa_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('area_id', '=', areaId).where('status', '=', 'review')
      .$if(own !== null, (q) => q.where('owner_unit_id', '=', own!)).executeTakeFirst();
    if (Number(review?.n ?? 0)) out.push({ label: '待审核的政策问答', count: Number(review!.n), href: '/console/qa?status=review' });
    return out;
  },
  siteChecks: [{
    id: 'qa.consult-unanswered',
    label: '留言咨询答复时效',
    veto: true,
    threshold: '超过3个月未答复的留言 = 0',
    run: async (ctx, areaId) => {
      const { oldestUnanswered, addMonths } = await import('./consult.service.js');
      const { todayCst } = await import('../lib/time.js');
      const m = await oldestUnanswered(ctx.db, areaId);
      if (!m) return { status: 'PASS', figure: '没有未答复的留言', findings: [] };
      const today = todayCst();
      const days = Math.round((Date.parse(today) - Date.parse(m.received_on)) / 86400_000);
      const over = addMonths(m.received_on, 3) < today;
      return {
        status: over ? 'FAIL' : 'PASS',
        figure: `最早未答复留言已 ${days} 天`,
        findings: over ? [{ message: `留言 ${m.id}（${m.received_on} 收到）超过3个月未答复`, href: `/console/qa/messages/${m.id}` }] : [],
      };
    },
  }],
};
