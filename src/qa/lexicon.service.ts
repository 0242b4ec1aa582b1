// The area's own additions to the shipped 政务 dictionary (data/qa/dict.txt) and synonym table
// (data/qa/synonyms.txt): add, edit and delete, each audited in its transaction. Every change bumps the qa
// data version (bumpQaVersion), the reload hook of the answer engine: the next question rebuilds the
// analyzer and indexes from qa_lexicon, so the change answers at once on every node.
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { requireStaff } from '../auth/policy.js';
import type { Db } from '../db/schema.js';
import type { QaLexiconTable } from '../db/qa.tables.js';
import type { Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { parseInput } from '../lib/validate.js';
import { bumpQaVersion } from './clause-index.js';
import { portalAreaId } from './consult.service.js';
import { requireLexiconEditor } from './qa-policy.js';

export const MAX_TERM = 30;
export const MAX_EXPANSIONS = 10;

export const lexiconInput = z.object({
  term: z.string({ error: '请填写词' }).transform((s) => s.trim()).pipe(z.string()
    .min(1, '请填写词')
    .max(MAX_TERM, `词不能超过${MAX_TERM}个字`)
    .refine((s) => !/[\s|=#~]/.test(s), '词不能包含空格和 | = # ~')),
  expansions: z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: '同义/规范用语必须是文本' }))
    .transform((s) => [...new Set(s.split(/[|｜]/).map((t) => t.trim()).filter(Boolean))])
    .pipe(z.array(z.string()).max(MAX_EXPANSIONS, `同义/规范用语最多${MAX_EXPANSIONS}个`)
      .refine((a) => a.every((t) => t.length <= MAX_TERM && !/[=#~\n]/.test(t)), `每个同义/规范用语不超过${MAX_TERM}字，不含 = # ~`)),
}).superRefine((v, c) => {
  if (v.expansions.includes(v.term)) c.addIssue({ code: 'custom', path: ['expansions'], message: '同义/规范用语不能与词本身相同' });
});
export type LexiconInput = z.output<typeof lexiconInput>;
export type LexiconRow = Omit<QaLexiconTable, 'id'> & { id: number };

async function areaOf(ctx: Ctx): Promise<number> {
  return ctx.actor.kind === 'user' ? ctx.actor.areaId : portalAreaId(ctx.db);
}

export async function listLexicon(ctx: Ctx): Promise<LexiconRow[]> {
  requireStaff(ctx.actor);
  const areaId = await areaOf(ctx);
  return ctx.db.selectFrom('qa_lexicon').selectAll().where('area_id', '=', areaId).orderBy('id').execute();
}

/** One of the area's own entries (404 for another area's or a missing one). */
export async function findLexicon(ctx: Ctx, id: number): Promise<LexiconRow> {
  requireStaff(ctx.actor);
  const areaId = await areaOf(ctx);
  const row = await ctx.db.selectFrom('qa_lexicon').selectAll().where('id', '=', id).where('area_id', '=', areaId).executeTakeFirst();
  if (!row) throw notFound('词条');
  return row;
}

async function requireUniqueTerm(db: Db, areaId: number, term: string, exceptId?: number): Promise<void> {
  let q = db.selectFrom('qa_lexicon').select('id').where('area_id', '=', areaId).where('term', '=', term);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw invalid({ term: `“${term}”已在本区词条中，请修改原词条` });
}

const rowOf = (input: LexiconInput) => ({ kind: input.expansions.length ? 'synonym' as const : 'word' as const, term: input.term, expansions: input.expansions.join('|') });

export async function addLexicon(ctx: Ctx, raw: unknown): Promise<number> {
  requireLexiconEditor(ctx.actor);
  const input = parseInput(lexiconInput, raw);
  const areaId = await areaOf(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    await requireUniqueTerm(tx, areaId, input.term);
    const row = { area_id: areaId, ...rowOf(input), created_at: nowIso() };
    const { id } = await tx.insertInto('qa_lexicon').values(row).returning('id').executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, { action: 'qa.lexicon.add', entity: 'qa_lexicon', entityId: id, after: row, areaId });
    await bumpQaVersion(tx);
    return id;
  });
}

export async function updateLexicon(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  requireLexiconEditor(ctx.actor);
  const before = await findLexicon(ctx, id);
  const input = parseInput(lexiconInput, raw);
  await ctx.db.transaction().execute(async (tx) => {
    await requireUniqueTerm(tx, before.area_id, input.term, id);
    const set = rowOf(input);
    const r = await tx.updateTable('qa_lexicon').set(set).where('id', '=', id).where('area_id', '=', before.area_id).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw notFound('词条');
    await writeAudit(tx, ctx, { action: 'qa.lexicon.update', entity: 'qa_lexicon', entityId: id, before: { kind: before.kind, term: before.term, expansions: before.expansions }, after: set, areaId: before.area_id });
    await bumpQaVersion(tx);
  });
}

export async function deleteLexicon(ctx: Ctx, id: number): Promise<void> {
  requireLexiconEditor(ctx.actor);
  const before = await findLexicon(ctx, id);
  await ctx.db.transaction().execute(async (tx) => {
    const r = await tx.deleteFrom('qa_lexicon').where('id', '=', id).where('area_id', '=', before.area_id).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound('词条');
    await writeAudit(tx, ctx, { action: 'qa.lexicon.delete', entity: 'qa_lexicon', entityId: id, before: { kind: before.kind, term: before.term, expansions: before.expansions }, areaId: before.area_id });
    await bumpQaVersion(tx);
  });
}
