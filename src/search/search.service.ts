// Public search: one entry point for pages and the JSON API. Only published, proactive items are
// in the index (syncItemIndex keeps it so); hits are re-checked against info_items when loaded.
import { publicItemWhere } from '../disclosure/public.js';
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { parseInput } from '../lib/validate.js';
import { currentRanking, ftsFor, type FtsHit, type SearchFilters } from './fts.js';
import { cached } from './search.cache.js';
import { filteredDocs, readGeneration } from './search.repo.js';
import { PAGE_SIZE, searchInput, type SearchInput } from './search.schema.js';
import { highlight, isDocNumberLike, normalizeDocNumber, segmentQuery, type HighlightSegment } from './text/segment.js';

export type SearchHit = {
  id: number;
  title: string;
  titleSegments: HighlightSegment[];
  snippet: HighlightSegment[];
  /** Where the snippet comes from: the body, or the name of the attachment that matched. */
  snippetFrom: string | null;
  unitId: number;
  unitName: string;
  docNumber: string;
  indexNo: string;
  publishedOn: string;
  itemType: string;
  validity: string | null;
  categoryCode: string;
};

export type SearchOutcome = {
  /** empty: no query and no filter; stopwords: nothing searchable left; results: hits (maybe none). */
  status: 'empty' | 'stopwords' | 'results';
  message: string | null;
  input: SearchInput;
  terms: string[];
  /** Set when the query was answered by an exact 文号 or 索引号 lookup. */
  exact: 'doc_number' | 'index_no' | null;
  total: number;
  page: number;
  pages: number;
  pageSize: number;
  hits: SearchHit[];
};

export const MAX_TERMS = 12;
export const EMPTY_MESSAGE = '请输入要查找的词语，例如“保障性租赁住房”，或输入文号（如“临政办字〔2022〕16号”）、索引号。';
export const STOPWORDS_MESSAGE = '您输入的都是“的”“关于”“和”之类的常用词，无法据此查找，请换用更具体的词语。';

const INDEX_NO_LIKE = /^[0-9A-Za-z]{4,}(?:-[0-9A-Za-z]+){1,4}$/;
export const isIndexNoLike = (q: string) => INDEX_NO_LIKE.test(q.normalize('NFKC').replace(/\s+/g, ''));

/** The category and its descendants in the area's catalog tree (category filters include sub-categories). */
async function categoryCodes(db: Db, areaId: number, code: string): Promise<string[]> {
  const rows = await db.selectFrom('categories').select(['code', 'parent_code']).where('area_id', '=', areaId).where('tree', '=', 'catalog').execute();
  const out = new Set([code]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) if (r.parent_code && out.has(r.parent_code) && !out.has(r.code)) { out.add(r.code); grew = true; }
  }
  return [...out];
}

/** Exact lookups: rows of search_docs (so public only) with this 文号 or 索引号, newest first, one page. */
async function exactLookup(db: Db, areaId: number, q: string, filters: SearchFilters, limit: number, offset: number): Promise<{ kind: 'doc_number' | 'index_no'; total: number; hits: FtsHit[] } | null> {
  let kind: 'doc_number' | 'index_no';
  let values: string[];
  if (isDocNumberLike(q)) {
    kind = 'doc_number';
    values = [normalizeDocNumber(q)];
  } else if (isIndexNoLike(q)) {
    kind = 'index_no';
    const v = q.normalize('NFKC').replace(/\s+/g, '');
    values = [...new Set([v, v.toUpperCase()])];
  } else return null;
  const sel = filteredDocs(db, areaId, filters).where(`d.${kind}`, 'in', values);
  const total = Number((await sel.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  if (total === 0) return null;
  const rows = await sel.select('d.item_id').orderBy('d.published_on', 'desc').orderBy('d.item_id', 'desc').limit(limit).offset(offset).execute();
  return { kind, total, hits: rows.map((r) => ({ itemId: r.item_id, score: 0 })) };
}

/** Filter-only browsing (no query): newest first. */
async function filteredList(db: Db, areaId: number, filters: SearchFilters, limit: number, offset: number) {
  const base = filteredDocs(db, areaId, filters);
  const rows = await base.select('d.item_id').orderBy('d.published_on', 'desc').orderBy('d.item_id', 'desc').limit(limit).offset(offset).execute();
  const total = (await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0;
  return { total: Number(total), hits: rows.map((r) => ({ itemId: r.item_id, score: 0 })) };
}

/** Loads the hits' items (re-checking that each is public) and builds highlighted title and snippet. */
async function hydrate(db: Db, hits: readonly FtsHit[], terms: string[]): Promise<SearchHit[]> {
  if (hits.length === 0) return [];
  const ids = hits.map((h) => h.itemId);
  const rows = await db.selectFrom('info_items as i').innerJoin('units as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.title', 'i.body_text', 'i.unit_id', 'u.name as unit_name', 'i.doc_number', 'i.index_no', 'i.published_on', 'i.item_type', 'i.validity', 'i.category_code'])
    .where('i.id', 'in', ids).where(publicItemWhere('i'))
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const bodySnippets = new Map(rows.map((r) => [r.id, highlight(r.body_text, terms)]));
  // A hit only in an attachment: show the attachment's matching passage instead of the body's start.
  const needAttachment = rows.filter((r) => terms.length > 0 && !bodySnippets.get(r.id)!.some((s) => s.hit)).map((r) => r.id);
  const attSnippets = new Map<number, { from: string; segs: HighlightSegment[] }>();
  if (needAttachment.length) {
    const atts = await db.selectFrom('item_attachments').select(['item_id', 'file_name', 'text']).where('item_id', 'in', needAttachment).orderBy('id').execute();
    for (const a of atts) {
      if (attSnippets.has(a.item_id)) continue;
      const segs = highlight(a.text, terms);
      if (segs.some((s) => s.hit)) attSnippets.set(a.item_id, { from: a.file_name, segs });
    }
  }
  const out: SearchHit[] = [];
  for (const h of hits) {
    const r = byId.get(h.itemId);
    if (!r) continue;
    const att = attSnippets.get(r.id);
    out.push({
      id: r.id, title: r.title, titleSegments: highlight(r.title, terms, { maxLen: Math.max(1, r.title.length) }),
      snippet: att ? att.segs : bodySnippets.get(r.id)!, snippetFrom: att ? att.from : null,
      unitId: r.unit_id, unitName: r.unit_name, docNumber: r.doc_number, indexNo: r.index_no, publishedOn: r.published_on!,
      itemType: r.item_type, validity: r.validity, categoryCode: r.category_code,
    });
  }
  return out;
}

/**
 * Searches the public index of an area. Anonymous callers are fine: the index holds public items only.
 *
 * @example await searchPublic(ctx, areaId, { q: '保障性租赁住房', year: '2023' })
 */
export async function searchPublic(ctx: Ctx, areaId: number, raw: unknown): Promise<SearchOutcome> {
  const input = parseInput(searchInput, raw);
  const generation = await readGeneration(ctx.db);
  const key = `${ctx.dialect}|${currentRanking()}|${areaId}|${generation}|${JSON.stringify(input)}`;
  return cached(ctx.db, key, () => run(ctx, areaId, input));
}

async function run(ctx: Ctx, areaId: number, input: SearchInput): Promise<SearchOutcome> {
  const page = input.page ?? 1;
  const pageSize = PAGE_SIZE;
  const filters: SearchFilters = {
    categoryCodes: input.category ? await categoryCodes(ctx.db, areaId, input.category) : undefined,
    unitId: input.unit, year: input.year, validity: input.validity, itemType: input.type,
  };
  const hasFilter = input.category !== undefined || input.unit !== undefined || input.year !== undefined || input.validity !== undefined || input.type !== undefined;
  const base = { input, page, pageSize, exact: null, terms: [] as string[], message: null };
  const answer = (r: { total: number; hits: FtsHit[] }, terms: string[], exact: SearchOutcome['exact'] = null) =>
    hydrate(ctx.db, r.hits, terms).then((hits): SearchOutcome => ({
      ...base, status: 'results', terms, exact, total: r.total, pages: Math.max(1, Math.ceil(r.total / pageSize)), hits,
    }));

  if (input.q === '') {
    if (!hasFilter) return { ...base, status: 'empty', message: EMPTY_MESSAGE, total: 0, pages: 0, hits: [] };
    return answer(await filteredList(ctx.db, areaId, filters, pageSize, (page - 1) * pageSize), []);
  }
  const exact = await exactLookup(ctx.db, areaId, input.q, filters, pageSize, (page - 1) * pageSize);
  if (exact) return answer(exact, [input.q.normalize('NFKC').trim()], exact.kind);

  const terms = segmentQuery(input.q).slice(0, MAX_TERMS);
  if (terms.length === 0) return { ...base, status: 'stopwords', message: STOPWORDS_MESSAGE, total: 0, pages: 0, hits: [] };
  const r = await ftsFor(ctx.dialect).search(ctx.db, { areaId, terms, filters, sort: input.sort ?? 'relevance', limit: pageSize, offset: (page - 1) * pageSize });
  return answer(r, terms);
}
