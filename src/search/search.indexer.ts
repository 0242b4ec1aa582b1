// Turns information items into index documents (segmentation happens here) and (re)builds the index in bulk.
import { isPublicItem } from '../disclosure/public.js';
import { sql } from 'kysely';
import type { Db, Dialect } from '../db/schema.js';
import { normalizeDocNumber, segmentForIndex } from './text/segment.js';
import { ftsFor, type IndexDoc } from './fts.js';
import { bumpGeneration } from './search.repo.js';
import { createSegmentPool, inlineSegmenter, type Segmenter } from './segment-pool.js';
import { acquireLock, releaseLock } from '../jobs/jobs.js';

/** Body + attachment text indexed per item; the rest is not searchable (same cap on both engines). */
export const MAX_INDEX_TEXT_CHARS = 100_000;

export type IndexableItem = {
  id: number; area_id: number; unit_id: number; category_code: string; topic_code: string | null; item_type: string;
  validity: string | null; published_on: string | null; doc_number: string; index_no: string; title: string; body_text: string;
  status: string; attribute: string;
};
export type IndexableAttachment = { item_id: number; file_name: string; text: string };

const ITEM_COLUMNS = [
  'id', 'area_id', 'unit_id', 'category_code', 'topic_code', 'item_type', 'validity', 'published_on', 'doc_number', 'index_no',
  'title', 'body_text', 'status', 'attribute',
] as const;

/** The rule of the whole portal: only published, proactive (主动公开) items are public. */
export const isPublic = isPublicItem;

/** The text an item contributes to the body column: 文号, body and attachments (name and text), capped. */
export const indexTextOf = (item: IndexableItem, attachments: readonly IndexableAttachment[]) =>
  [item.doc_number, item.body_text, ...attachments.map((a) => `${a.file_name}\n${a.text}`)].join('\n').slice(0, MAX_INDEX_TEXT_CHARS);

/** An index document from an item and its segmented title and body text. */
export const docOf = (item: IndexableItem, titleSeg: string, bodySeg: string): IndexDoc => ({
  itemId: item.id, areaId: item.area_id, unitId: item.unit_id, categoryCode: item.category_code, topicCode: item.topic_code,
  itemType: item.item_type, validity: item.validity, year: Number(item.published_on!.slice(0, 4)), publishedOn: item.published_on!,
  docNumber: item.doc_number ? normalizeDocNumber(item.doc_number) : '', indexNo: item.index_no, titleSeg, bodySeg,
});

/** Pure: segmentation of one item (title; 文号 + body + attachments as the body column). */
export const toIndexDoc = (item: IndexableItem, attachments: readonly IndexableAttachment[]): IndexDoc =>
  docOf(item, segmentForIndex(item.title), segmentForIndex(indexTextOf(item, attachments)));

async function loadItems(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const items = await db.selectFrom('info_items').select(ITEM_COLUMNS).where('id', 'in', ids).orderBy('id').execute();
  const atts = await db.selectFrom('item_attachments').select(['item_id', 'file_name', 'text']).where('item_id', 'in', ids).orderBy('id').execute();
  const byItem = new Map<number, IndexableAttachment[]>();
  for (const a of atts) byItem.set(a.item_id, [...(byItem.get(a.item_id) ?? []), a]);
  return items.map((i) => ({ item: i as IndexableItem, attachments: byItem.get(i.id) ?? [] }));
}

/** Makes the index match one item: present iff published and proactive. Call inside the item's transaction. */
export async function syncOne(tx: Db, dialect: Dialect, itemId: number): Promise<boolean> {
  const fts = ftsFor(dialect);
  const [loaded] = await loadItems(tx, [itemId]);
  const was = await fts.remove(tx, itemId);
  const indexed = !!loaded && isPublic(loaded.item);
  if (indexed) await fts.insert(tx, [toIndexDoc(loaded.item, loaded.attachments)]);
  // Public content changed (or may have): caches keyed by the generation must not serve the old answer.
  if (was || indexed) await bumpGeneration(tx);
  return indexed;
}

export type ReindexReport = { indexed: number; removed: number; ms: number };

/**
 * Rebuilds the whole index from info_items: batches are read and written by this thread while a
 * segmenter (a worker pool for big rebuilds) segments the next ones. One transaction per batch.
 * Used by the reconcile job's big brother (after restoring a backup) and by the benchmark.
 */
export async function reindexAll(db: Db, dialect: Dialect, opts: { batch?: number; segmenter?: Segmenter; onProgress?: (done: number) => void } = {}): Promise<ReindexReport> {
  const t0 = performance.now();
  const batch = opts.batch ?? 250;
  const seg = opts.segmenter ?? inlineSegmenter;
  const fts = ftsFor(dialect);
  const removed = await clearIndex(db, dialect);
  // FTS5: no incremental merging during the bulk load, one full merge at the end (faster, and queries then read one segment).
  if (dialect === 'sqlite') await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 0)`.execute(db);
  let indexed = 0;
  let lastId = 0;
  const inflight: Promise<IndexDoc[]>[] = [];
  const flush = async () => {
    const docs = await inflight.shift()!;
    await db.transaction().execute(async (tx) => {
      // An item published (and so indexed by its own sync) while the rebuild ran is already there.
      const present = new Set((await tx.selectFrom('search_docs').select('item_id').where('item_id', 'in', docs.map((d) => d.itemId)).execute()).map((r) => r.item_id));
      await fts.insert(tx, present.size ? docs.filter((d) => !present.has(d.itemId)) : docs);
      await bumpGeneration(tx);
    });
    indexed += docs.length;
    opts.onProgress?.(indexed);
  };
  for (;;) {
    const ids = (await db.selectFrom('info_items').select('id').where('id', '>', lastId)
      .where('status', '=', 'published').where('attribute', '=', 'proactive').where('published_on', 'is not', null)
      .orderBy('id').limit(batch).execute()).map((r) => r.id);
    if (ids.length === 0) break;
    lastId = ids[ids.length - 1]!;
    const loaded = (await loadItems(db, ids)).filter((l) => isPublic(l.item));
    inflight.push(seg.segment(loaded.map((l) => ({ title: l.item.title, text: indexTextOf(l.item, l.attachments) })))
      .then((out) => loaded.map((l, k) => docOf(l.item, out[k]![0], out[k]![1]))));
    if (inflight.length >= 4) await flush();
  }
  while (inflight.length) await flush();
  if (dialect === 'sqlite') {
    await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(db);
    await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 4)`.execute(db);
  }
  return { indexed, removed, ms: performance.now() - t0 };
}

/** Empties the index; returns how many documents it held. */
export async function clearIndex(db: Db, dialect: Dialect): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const n = (await tx.selectFrom('search_docs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0;
    await tx.deleteFrom('search_docs').execute();
    if (dialect === 'sqlite') await sql`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`.execute(tx);
    await bumpGeneration(tx);
    return Number(n);
  });
}

/**
 * Safety net behind syncItemIndex: drops index rows whose item is no longer public and adds
 * public items that are missing. Returns what it changed (normally nothing).
 */
export async function reconcileIndex(db: Db, dialect: Dialect): Promise<{ removed: number[]; added: number[] }> {
  const stale = await db.selectFrom('search_docs as d').leftJoin('info_items as i', 'i.id', 'd.item_id').select('d.item_id')
    .where((eb) => eb.or([eb('i.id', 'is', null), eb('i.status', '!=', 'published'), eb('i.attribute', '!=', 'proactive'), eb('i.published_on', 'is', null)]))
    .execute();
  const missing = await db.selectFrom('info_items as i').leftJoin('search_docs as d', 'd.item_id', 'i.id').select('i.id')
    .where('i.status', '=', 'published').where('i.attribute', '=', 'proactive').where('i.published_on', 'is not', null).where('d.item_id', 'is', null)
    .execute();
  const removed = stale.map((r) => r.item_id);
  const added = missing.map((r) => r.id);
  for (const id of [...removed, ...added]) await db.transaction().execute((tx) => syncOne(tx, dialect, id));
  return { removed, added };
}

/** The lock that keeps a rebuild, the reconcile job and another node's rebuild from overlapping. */
export const REINDEX_LOCK = 'search:reindex';

/**
 * Rebuilds the whole index under the cluster-wide lock, segmenting in a worker pool, logging
 * progress every tenth. Without `force` it only acts when public items exist and none is indexed
 * (first start after a migration that emptied the index, or after restoring a backup without it).
 * Returns null when there was nothing to do or another node holds the lock.
 */
export async function rebuildIndex(db: Db, dialect: Dialect, opts: { force?: boolean; log?: (line: string) => void } = {}): Promise<ReindexReport | null> {
  const log = opts.log ?? (() => {});
  const publicItems = db.selectFrom('info_items').where('status', '=', 'published').where('attribute', '=', 'proactive').where('published_on', 'is not', null);
  if (!opts.force) {
    if (await db.selectFrom('search_docs').select('item_id').limit(1).executeTakeFirst()) return null;
    if (!(await publicItems.select('id').limit(1).executeTakeFirst())) return null;
  }
  if (!(await acquireLock(db, REINDEX_LOCK, 6 * 60 * 60_000))) {
    log('全文检索索引正在由其他进程重建，跳过');
    return null;
  }
  let segmenter: Segmenter = inlineSegmenter;
  try {
    const total = Number((await publicItems.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (total > 200) segmenter = await createSegmentPool();
    log(`正在重建全文检索索引：${total} 条公开信息`);
    let lastTenth = 0;
    const r = await reindexAll(db, dialect, {
      segmenter,
      onProgress: (n) => {
        const tenth = total ? Math.floor((n / total) * 10) : 10;
        if (tenth > lastTenth) log(`  已索引 ${n} / ${total}（${tenth * 10}%）`);
        lastTenth = tenth;
      },
    });
    log(`全文检索索引重建完成：${r.indexed} 条，用时 ${(r.ms / 1000).toFixed(1)} 秒`);
    return r;
  } finally {
    await segmenter.close();
    await releaseLock(db, REINDEX_LOCK);
  }
}

/** reconcileIndex under the rebuild lock; null when a rebuild is running. */
export async function checkIndex(db: Db, dialect: Dialect): Promise<{ removed: number[]; added: number[] } | null> {
  if (!(await acquireLock(db, REINDEX_LOCK, 30 * 60_000))) return null;
  try {
    return await reconcileIndex(db, dialect);
  } finally {
    await releaseLock(db, REINDEX_LOCK);
  }
}
