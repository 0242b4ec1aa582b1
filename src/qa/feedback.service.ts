// What people asked and what they thought of the answers: the list of entries to write next.
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { requireStaff } from '../auth/policy.js';
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { nowIso } from '../lib/time.js';
import { oneOf, parseInput, strictNumberInput, text } from '../lib/validate.js';
import type { Outcome } from './engine.js';

export const VERDICTS = ['useful', 'useless', 'error'] as const;
export const VERDICT_LABELS: Record<string, string> = { useful: '有用', useless: '没用', error: '报错' };
const optInt = z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : v), z.preprocess((v) => strictNumberInput(v), z.number({ error: '编号无效' }).int('编号无效').positive('编号无效').max(2_147_483_647, '编号无效')).optional());

export const feedbackInput = z.object({
  q: text('问题', { max: 200 }),
  verdict: oneOf('评价', VERDICTS),
  entryId: optInt, itemId: optInt, article: optInt,
});

/** Normalised question for counting (whitespace and trailing punctuation removed). */
export const normQuestion = (q: string) => q.normalize('NFKC').replace(/\s+/g, '').replace(/[?？!！。.,，]+$/u, '').slice(0, 200);

/** Logged for the staff view (telemetry, like an access log: not audited). */
export async function logQuery(db: Db, areaId: number, q: string, o: Outcome): Promise<void> {
  const question = normQuestion(q);
  if (!question) return;
  const top = o.answers[0];
  await db.insertInto('qa_queries').values({ area_id: areaId, question, abstained: o.abstained ? 1 : 0, top_entry_id: top?.kind === 'entry' ? top.entryId ?? null : null, asked_at: nowIso() }).execute();
}

export async function recordFeedback(ctx: Ctx, areaId: number, raw: unknown): Promise<number> {
  const input = parseInput(feedbackInput, raw);
  return ctx.db.transaction().execute(async (tx) => {
    const { id } = await tx.insertInto('qa_feedback').values({
      area_id: areaId, question: normQuestion(input.q), entry_id: input.entryId ?? null, item_id: input.itemId ?? null, article: input.article ?? null, verdict: input.verdict, created_at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, { action: 'qa.feedback', entity: 'qa_feedback', entityId: id, after: { verdict: input.verdict, entryId: input.entryId ?? null, itemId: input.itemId ?? null, article: input.article ?? null }, areaId });
    return id;
  });
}

/** Most asked, unanswered (abstained) and 没用/报错 questions since a date. */
export async function insights(ctx: Ctx, areaId: number, since: string) {
  requireStaff(ctx.actor);
  const asked = await ctx.db.selectFrom('qa_queries').select(['question', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('abstained').as('abstained')])
    .where('area_id', '=', areaId).where('asked_at', '>=', since).groupBy('question').orderBy('n', 'desc').orderBy('question').limit(50).execute();
  const unanswered = await ctx.db.selectFrom('qa_queries').select(['question', (eb) => eb.fn.countAll<number>().as('n')])
    .where('area_id', '=', areaId).where('asked_at', '>=', since).where('abstained', '=', 1).groupBy('question').orderBy('n', 'desc').orderBy('question').limit(50).execute();
  const bad = await ctx.db.selectFrom('qa_feedback').select(['question', 'verdict', 'entry_id', 'item_id', 'article', (eb) => eb.fn.countAll<number>().as('n')])
    .where('area_id', '=', areaId).where('created_at', '>=', since).where('verdict', 'in', ['useless', 'error'])
    .groupBy(['question', 'verdict', 'entry_id', 'item_id', 'article']).orderBy('n', 'desc').orderBy('question').limit(50).execute();
  const num = <T extends { n: unknown }>(r: T) => ({ ...r, n: Number(r.n) });
  return { asked: asked.map((r) => ({ ...num(r), abstained: Number(r.abstained ?? 0) })), unanswered: unanswered.map(num), bad: bad.map(num) };
}
