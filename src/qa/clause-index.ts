// The clause index (qa_clauses) kept in step with publication, withdrawal and validity: a job and
// `gongkai qa reindex` re-split changed documents, drop documents no longer public or in force, and in
// the same transaction send every published entry citing such a document back to review.
import { writeAudit } from '../audit/public.js';
import type { Db } from '../db/schema.js';
import { documentStates, documentTexts, inForceToday, publicDocuments, type DocState } from '../disclosure/public.js';
import type { Ctx } from '../lib/context.js';
import { nowIso, todayCst } from '../lib/time.js';
import { notifyOnce, unitUsers } from '../notify/public.js';
import { splitClauses } from './clauses.js';

/** The document types whose clauses are indexed and citable. */
export const CLAUSE_TYPES = ['policy', 'normative', 'interpretation'] as const;
const VERSION_KEY = 'qa.version';

export async function readQaVersion(db: Db): Promise<string> {
  return (await db.selectFrom('settings').select('value').where('key', '=', VERSION_KEY).executeTakeFirst())?.value ?? '0';
}
/** Bumps the qa data version (entries, lexicon, clause index): answer engines rebuild on their next use. */
export async function bumpQaVersion(tx: Db): Promise<void> {
  const next = `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
  const r = await tx.updateTable('settings').set({ value: next }).where('key', '=', VERSION_KEY).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await tx.insertInto('settings').values({ key: VERSION_KEY, value: next }).execute();
}

/** Public documents in force today, by id (policies of interpretations looked up too). */
export async function citableDocuments(db: Db, today: string, areaId?: number): Promise<Map<number, DocState>> {
  const docs = await publicDocuments(db, CLAUSE_TYPES, areaId);
  const byId = new Map(docs.map((d) => [d.id, d]));
  const policyIds = docs.map((d) => d.policy_item_id).filter((x): x is number => x !== null && !byId.has(x));
  const policies = policyIds.length ? await documentStates(db, policyIds) : new Map<number, DocState>();
  const out = new Map<number, DocState>();
  for (const d of docs) {
    const policy = d.policy_item_id === null ? null : byId.get(d.policy_item_id) ?? policies.get(d.policy_item_id) ?? null;
    if (d.item_type === 'interpretation' && d.policy_item_id !== null && !policy) continue;
    if (inForceToday(d, today, policy)) out.set(d.id, d);
  }
  return out;
}

export type ReindexResult = { split: number; removed: number; clauses: number; suspended: number[] };
/** versions: item id → item_version of every document in qa_clauses after the run (what the engine patch compares), areaOf: its area. */
export type ReindexState = ReindexResult & { versions: Map<number, string>; areaOf: Map<number, number> };

/** Brings qa_clauses in line with the citable documents and suspends entries citing anything else. */
export async function reindexClauses(ctx: Ctx, opts: { full?: boolean; today?: string } = {}): Promise<ReindexResult> {
  const { split, removed, clauses, suspended } = await reindexClausesState(ctx, opts);
  return { split, removed, clauses, suspended };
}

/** reindexClauses, also returning what qa_clauses holds afterwards (the answer engine patches itself from it). */
export async function reindexClausesState(ctx: Ctx, opts: { full?: boolean; today?: string } = {}): Promise<ReindexState> {
  const today = opts.today ?? todayCst();
  const citable = await citableDocuments(ctx.db, today);
  const indexed = new Map<number, string>();
  const areaOf = new Map<number, number>();
  for (const r of await ctx.db.selectFrom('qa_clauses').select(['item_id', 'item_version', 'area_id']).groupBy(['item_id', 'item_version', 'area_id']).execute()) {
    indexed.set(r.item_id, r.item_version);
    areaOf.set(r.item_id, r.area_id);
  }
  const stale = [...citable.values()].filter((d) => opts.full || indexed.get(d.id) !== d.updated_at).map((d) => d.id);
  const gone = [...indexed.keys()].filter((id) => !citable.has(id));
  const texts = await documentTexts(ctx.db, stale);
  return ctx.db.transaction().execute(async (tx) => {
    let clauses = 0;
    for (const id of [...gone, ...stale]) await tx.deleteFrom('qa_clauses').where('item_id', '=', id).execute();
    for (const id of stale) {
      const d = citable.get(id)!;
      const parts = splitClauses(texts.get(id) ?? '');
      for (let i = 0; i < parts.length; i += 200) {
        await tx.insertInto('qa_clauses').values(parts.slice(i, i + 200).map((c, j) => ({
          area_id: d.area_id, item_id: id, article: c.article, label: c.label, path: c.path.join(' > '), text: c.text, seq: i + j, item_version: d.updated_at,
        }))).execute();
      }
      // A document with no splittable text keeps a marker row so it is not re-split on every run.
      if (parts.length === 0) await tx.insertInto('qa_clauses').values({ area_id: d.area_id, item_id: id, article: 0, label: '', path: '', text: '', seq: 0, item_version: d.updated_at }).execute();
      clauses += parts.length;
    }
    const suspended = await suspendEntriesWithoutSource(tx, ctx, citable);
    if (stale.length || gone.length || suspended.length) await bumpQaVersion(tx);
    const versions = new Map(indexed);
    for (const id of gone) versions.delete(id);
    for (const id of stale) { versions.set(id, citable.get(id)!.updated_at); areaOf.set(id, citable.get(id)!.area_id); }
    return { split: stale.length, removed: gone.length, clauses, suspended, versions, areaOf };
  });
}

/** Published entries citing a document not citable today, or an article it no longer has, go back to review. */
export async function suspendEntriesWithoutSource(tx: Db, ctx: Ctx, citable: Map<number, DocState>): Promise<number[]> {
  const rows = await tx.selectFrom('qa_entries as e').innerJoin('qa_entry_sources as s', 's.entry_id', 'e.id')
    .select(['e.id', 'e.area_id', 'e.question', 'e.owner_unit_id', 's.item_id', 's.article']).where('e.status', '=', 'published').execute();
  if (!rows.length) return [];
  const articles = new Set((await tx.selectFrom('qa_clauses').select(['item_id', 'article']).where('item_id', 'in', [...new Set(rows.map((r) => r.item_id))]).execute()).map((r) => `${r.item_id}:${r.article}`));
  const bad = new Map<number, { row: (typeof rows)[number]; reason: string }>();
  for (const r of rows) {
    if (bad.has(r.id)) continue;
    const d = citable.get(r.item_id);
    if (!d) bad.set(r.id, { row: r, reason: `所引文件（信息 ${r.item_id}）已撤销公开、废止、失效或被修改` });
    else if (!articles.has(`${r.item_id}:${r.article}`)) bad.set(r.id, { row: r, reason: `所引《${d.title}》已无第${r.article}条` });
  }
  const at = nowIso();
  for (const [id, { row, reason }] of bad) {
    await tx.updateTable('qa_entries').set({ status: 'review', suspended_reason: reason, updated_at: at }).where('id', '=', id).execute();
    await writeAudit(tx, ctx, { action: 'qa.entry.suspend', entity: 'qa_entry', entityId: id, before: { status: 'published' }, after: { status: 'review', reason }, areaId: row.area_id });
    const users = row.owner_unit_id ? await unitUsers(tx, row.owner_unit_id, ['unit_operator', 'unit_reviewer']) : [];
    const admins = await unitUsers(tx, row.area_id, ['admin']);
    await notifyOnce(tx, `qa.suspend.${id}.${at}`, [...users, ...admins], {
      kind: 'qa.suspend', title: '政策问答条目已下线待复核', body: `“${row.question}”：${reason}。请修改引用后重新发布。`, link: `/console/qa/entries/${id}`, areaId: row.area_id,
    });
  }
  return [...bad.keys()];
}
