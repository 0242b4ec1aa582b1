// Turns information items into index documents (segmentation happens here) and (re)builds the index in bulk.
import { isPublicItem } from '../disclosure/public.js';
import { sql } from 'kysely';
import type { Db, Dialect } from '../db/schema.js';
import { normalizeDocNumber, segmentForIndex } from './text/segment.js';
import { ftsFor, LIVE, SHADOW, type IndexDoc } from './fts.js';
import { bumpGeneration, bumpGenerationForAddition } from './search.repo.js';
import { createSegmentPool, inlineSegmenter, type Segmenter } from './segment-pool.js';
import { withLock } from '../jobs/jobs.js';

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

/**
 * Segmentation done before a transaction (prepareIndexDoc), by item: jieba is the slow part of an index
 * update, and inside the publish transaction it held the SQLite writer (and the portal's connection)
 * while it ran. Used by syncOne only when the item's title and text are still exactly what was segmented.
 */
const prepared = new Map<number, { title: string; text: string; titleSeg: string; bodySeg: string }>();
const MAX_PREPARED = 200;
let inlineSegmentations = 0;
/** How many index updates segmented inside their transaction (nothing prepared, or the text changed since): tests. */
export const inlineSegmentationCount = () => inlineSegmentations;

/** Segments an item's title and text now, outside any transaction, for its next syncOne. */
export async function prepareIndexDoc(db: Db, itemId: number): Promise<void> {
  const [loaded] = await loadItems(db, [itemId]);
  if (!loaded) return;
  const title = loaded.item.title;
  const text = indexTextOf(loaded.item, loaded.attachments);
  const hit = prepared.get(itemId);
  if (hit && hit.title === title && hit.text === text) return;
  prepared.delete(itemId);
  prepared.set(itemId, { title, text, titleSeg: segmentForIndex(title), bodySeg: segmentForIndex(text) });
  if (prepared.size > MAX_PREPARED) prepared.delete(prepared.keys().next().value!);
}

/** The index document of an item: prepared segments when they still match, else segmented here. */
function indexDocOf(item: IndexableItem, attachments: readonly IndexableAttachment[]): IndexDoc {
  const text = indexTextOf(item, attachments);
  const p = prepared.get(item.id);
  if (p && p.title === item.title && p.text === text) return docOf(item, p.titleSeg, p.bodySeg);
  inlineSegmentations++;
  return docOf(item, segmentForIndex(item.title), segmentForIndex(text));
}

/** Makes the index match one item: present iff published and proactive. Call inside the item's transaction. */
export async function syncOne(tx: Db, dialect: Dialect, itemId: number): Promise<boolean> {
  const fts = ftsFor(dialect);
  const [loaded] = await loadItems(tx, [itemId]);
  // The live index first: on PostgreSQL this takes the table lock that shadow creation waits for
  // (createShadow), so a change is either committed before a rebuild reads, or sees its shadow.
  const was = await fts.remove(tx, itemId);
  const indexed = !!loaded && isPublic(loaded.item);
  const doc = indexed ? indexDocOf(loaded.item, loaded.attachments) : null;
  if (doc) await fts.insert(tx, [doc]);
  // A rebuild is filling a shadow index: the change goes there too, so the swap does not lose it.
  if (await shadowExists(tx, dialect)) {
    await fts.remove(tx, itemId, SHADOW);
    if (doc) await fts.insert(tx, [doc], SHADOW);
  }
  // Public content changed (or may have): caches keyed by the generation must not serve the old answer.
  // A newly public item is a pure addition: cached pages may show it a moment later (page-cache.ts);
  // anything that was public and changed or left is a removal for them and invalidates at once.
  if (was) await bumpGeneration(tx);
  else if (indexed) await bumpGenerationForAddition(tx);
  return indexed;
}

export type ReindexReport = { indexed: number; removed: number; ms: number };

/** Whether a rebuild's shadow index exists (being filled, or left by a rebuild that died). */
export async function shadowExists(db: Db, dialect: Dialect): Promise<boolean> {
  if (dialect === 'postgres') {
    const r = await sql<{ t: string | null }>`SELECT to_regclass('search_docs_shadow')::text AS t`.execute(db);
    return !!r.rows[0]?.t;
  }
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE name = 'search_docs_shadow'`.execute(db);
  return Number(r.rows[0]?.n) > 0;
}

/** Drops a shadow index (a dead rebuild's leftover, or before starting a new one). Call under REINDEX_LOCK. */
export async function dropShadow(db: Db, dialect: Dialect): Promise<boolean> {
  if (!(await shadowExists(db, dialect))) return false;
  await db.transaction().execute(async (tx) => {
    await sql`DROP TABLE IF EXISTS search_docs_shadow`.execute(tx);
    if (dialect === 'sqlite') await sql`DROP TABLE IF EXISTS search_fts_shadow`.execute(tx);
  });
  return true;
}

/** SQLite: the CREATE statements of the live index (table, FTS5 table, indexes), to build the shadow and re-create indexes. */
async function sqliteSchema(db: Db) {
  const rows = (await sql<{ type: string; name: string; sql: string }>`
    SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('search_docs', 'search_fts') AND sql IS NOT NULL ORDER BY type DESC, name`.execute(db)).rows;
  const table = rows.find((r) => r.type === 'table' && r.name === 'search_docs')!.sql;
  const fts = rows.find((r) => r.type === 'table' && r.name === 'search_fts')!.sql;
  // Indexes (and any trigger a later migration adds) are re-created on the swapped-in table.
  return { table, fts, indexes: rows.filter((r) => r.type === 'index' || r.type === 'trigger').map((r) => r.sql) };
}
const renameIn = (ddl: string, from: string, to: string) => ddl.replace(new RegExp(`(["\`\\[]?)\\b${from}\\b(["\`\\]]?)`), `$1${to}$2`);

/** PostgreSQL: the live index's secondary indexes (name, definition), not the primary key. */
async function pgIndexes(db: Db) {
  return (await sql<{ indexname: string; indexdef: string }>`
    SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_docs' AND schemaname = current_schema() AND indexname <> 'search_docs_pkey' ORDER BY indexname`.execute(db)).rows;
}

/** An empty shadow index with the live one's structure. Writers started before it are waited for (see syncOne). */
async function createShadow(db: Db, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    const indexes = await pgIndexes(db);
    await db.transaction().execute(async (tx) => {
      await sql`LOCK TABLE search_docs IN SHARE MODE`.execute(tx);
      await sql`CREATE TABLE search_docs_shadow (LIKE search_docs INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`.execute(tx);
      await sql`ALTER TABLE search_docs_shadow ADD CONSTRAINT search_docs_shadow_pkey PRIMARY KEY (item_id)`.execute(tx);
      await sql`ALTER TABLE search_docs_shadow ADD CONSTRAINT search_docs_shadow_item_id_fkey FOREIGN KEY (item_id) REFERENCES info_items (id)`.execute(tx);
      for (const ix of indexes) {
        await sql.raw(ix.indexdef.replace(`INDEX ${ix.indexname} ON`, `INDEX ${ix.indexname}_shadow ON`).replace(/ ON ([\w.]*?)search_docs /, ' ON $1search_docs_shadow ')).execute(tx);
      }
    });
    return;
  }
  const ddl = await sqliteSchema(db);
  await db.transaction().execute(async (tx) => {
    await sql.raw(renameIn(ddl.table, 'search_docs', 'search_docs_shadow')).execute(tx);
    await sql.raw(renameIn(ddl.fts, 'search_fts', 'search_fts_shadow')).execute(tx);
    // No incremental merging during the bulk load; one full merge before the swap (faster, queries read one segment).
    await sql`INSERT INTO search_fts_shadow (search_fts_shadow, rank) VALUES ('automerge', 0)`.execute(tx);
  });
}

/** Replaces the live index by the shadow in one transaction; returns how many documents the old one held. */
async function swapShadow(db: Db, dialect: Dialect): Promise<number> {
  if (dialect === 'postgres') {
    const indexes = await pgIndexes(db);
    return db.transaction().execute(async (tx) => {
      const n = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM search_docs`.execute(tx)).rows[0]?.n ?? 0);
      await sql`DROP TABLE search_docs`.execute(tx);
      await sql`ALTER TABLE search_docs_shadow RENAME TO search_docs`.execute(tx);
      await sql`ALTER TABLE search_docs RENAME CONSTRAINT search_docs_shadow_pkey TO search_docs_pkey`.execute(tx);
      await sql`ALTER TABLE search_docs RENAME CONSTRAINT search_docs_shadow_item_id_fkey TO search_docs_item_id_fkey`.execute(tx);
      for (const ix of indexes) await sql.raw(`ALTER INDEX ${ix.indexname}_shadow RENAME TO ${ix.indexname}`).execute(tx);
      await bumpGeneration(tx);
      return n;
    });
  }
  const ddl = await sqliteSchema(db);
  await sql`INSERT INTO search_fts_shadow (search_fts_shadow) VALUES ('optimize')`.execute(db);
  await sql`INSERT INTO search_fts_shadow (search_fts_shadow, rank) VALUES ('automerge', 4)`.execute(db);
  return db.transaction().execute(async (tx) => {
    const n = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM search_docs`.execute(tx)).rows[0]?.n ?? 0);
    await sql`DROP TABLE search_fts`.execute(tx);
    await sql`ALTER TABLE search_fts_shadow RENAME TO search_fts`.execute(tx);
    await sql`DROP TABLE search_docs`.execute(tx);
    await sql`ALTER TABLE search_docs_shadow RENAME TO search_docs`.execute(tx);
    for (const ix of ddl.indexes) await sql.raw(ix).execute(tx);
    await bumpGeneration(tx);
    return n;
  });
}

/**
 * Rebuilds the whole index from info_items into a shadow index, swapped in by one transaction at
 * the end: searches meanwhile use the old index, complete; a rebuild that dies leaves it intact.
 * Items changed during the rebuild are written to both by their own sync (syncOne); a batch skips
 * items that are no longer public or already in the shadow (synced after the batch was read).
 * Batches are read and written by this thread while a segmenter (a worker pool for big rebuilds)
 * segments the next ones. Call under REINDEX_LOCK (rebuildIndex does).
 */
export async function reindexAll(db: Db, dialect: Dialect, opts: { batch?: number; segmenter?: Segmenter; onProgress?: (done: number) => void } = {}): Promise<ReindexReport> {
  const t0 = performance.now();
  const batch = opts.batch ?? 250;
  const seg = opts.segmenter ?? inlineSegmenter;
  const fts = ftsFor(dialect);
  await dropShadow(db, dialect);
  await createShadow(db, dialect);
  let indexed = 0;
  let lastId = 0;
  const inflight: Promise<IndexDoc[]>[] = [];
  const flush = async () => {
    const docs = await inflight.shift()!;
    if (docs.length) {
      await db.transaction().execute(async (tx) => {
        const ids = docs.map((d) => d.itemId);
        // Still public now? (PostgreSQL: lock the rows, so a concurrent change waits or has finished writing the shadow.)
        let stillPublic = tx.selectFrom('info_items').select('id').where('id', 'in', ids)
          .where('status', '=', 'published').where('attribute', '=', 'proactive').where('published_on', 'is not', null);
        if (dialect === 'postgres') stillPublic = stillPublic.forUpdate();
        const publicNow = new Set((await stillPublic.execute()).map((r) => r.id));
        const present = new Set((await tx.selectFrom(SHADOW.docs as 'search_docs').select('item_id').where('item_id', 'in', ids).execute()).map((r) => r.item_id));
        await fts.insert(tx, docs.filter((d) => publicNow.has(d.itemId) && !present.has(d.itemId)), SHADOW);
      });
    }
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
  const removed = await swapShadow(db, dialect);
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
export async function rebuildIndex(db: Db, dialect: Dialect, opts: { force?: boolean; log?: (line: string) => void; segmenter?: Segmenter; batch?: number } = {}): Promise<ReindexReport | null> {
  const log = opts.log ?? (() => {});
  const publicItems = db.selectFrom('info_items').where('status', '=', 'published').where('attribute', '=', 'proactive').where('published_on', 'is not', null);
  if (!opts.force) {
    if (await db.selectFrom('search_docs').select('item_id').limit(1).executeTakeFirst()) return null;
    if (!(await publicItems.select('id').limit(1).executeTakeFirst())) return null;
  }
  const held = await withLock(db, REINDEX_LOCK, async () => {
    let segmenter: Segmenter = opts.segmenter ?? inlineSegmenter;
    try {
      const total = Number((await publicItems.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      if (total > 200 && !opts.segmenter) segmenter = await createSegmentPool();
      log(`正在重建全文检索索引：${total} 条公开信息（重建期间检索使用现有索引）`);
      let lastTenth = 0;
      const r = await reindexAll(db, dialect, {
        segmenter, batch: opts.batch,
        onProgress: (n) => {
          const tenth = total ? Math.floor((n / total) * 10) : 10;
          if (tenth > lastTenth) log(`  已索引 ${n} / ${total}（${tenth * 10}%）`);
          lastTenth = tenth;
        },
      });
      // Anything the shadow missed (should be nothing) is repaired in the live index.
      const fixed = await reconcileIndex(db, dialect);
      if (fixed.removed.length || fixed.added.length) log(`  核对：移除 ${fixed.removed.length} 条，补充 ${fixed.added.length} 条`);
      log(`全文检索索引重建完成：${r.indexed} 条，用时 ${(r.ms / 1000).toFixed(1)} 秒`);
      return r;
    } finally {
      await segmenter.close();
    }
  });
  if (!held.ran) {
    log('全文检索索引正在由其他进程重建，跳过');
    return null;
  }
  return held.value;
}

/**
 * Under the rebuild lock: drops the shadow a dead rebuild left behind, then reconcileIndex.
 * Null when a rebuild is running. `shadowDropped` says whether a leftover was found.
 */
export async function checkIndex(db: Db, dialect: Dialect): Promise<{ removed: number[]; added: number[]; shadowDropped: boolean } | null> {
  const held = await withLock(db, REINDEX_LOCK, async () => {
    const shadowDropped = await dropShadow(db, dialect);
    return { ...(await reconcileIndex(db, dialect)), shadowDropped };
  });
  return held.ran ? held.value : null;
}
