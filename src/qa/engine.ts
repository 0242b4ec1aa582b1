// The answer engine: BM25 over curated entries (each phrasing a document) and over clauses, built in
// process from the database and cached per area until the public content or the qa data change.
// Answering never writes text: it returns curated answers and verbatim clause quotes with citations,
// and every candidate is re-checked against the item's current state (public, in force today).
import type { Db, Dialect } from '../db/schema.js';
import { documentStates, inForceToday, VALIDITY_LABELS, type DocState } from '../disclosure/public.js';
import { todayCst } from '../lib/time.js';
import { publicVersion } from '../search/public.js';
import { Analyzer, shippedLexicon, type LexiconData, type QueryConcept } from './analyze.js';
import { acquireLock, releaseLock } from '../jobs/jobs.js';
import { systemActor } from '../lib/context.js';
import { Bm25Index, type Hit } from './bm25.js';
import { readQaVersion, reindexClauses } from './clause-index.js';
import { unitNames } from './consult.service.js';

/** Below this share of the question matched, the engine abstains (未找到现行有效依据). */
export const ABSTAIN_COVERAGE = 0.45;
/** A curated entry matching at least this share of the question is preferred over clauses. */
export const ENTRY_PREFERRED = 0.85;

export type ClauseDoc = { itemId: number; article: number; label: string; path: string; text: string; title: string; docNumber: string; unitName: string };
export type EntryDoc = { entryId: number; question: string; answer: string; sources: { itemId: number; article: number }[] };

export type Citation = { itemId: number; article: number; label: string; title: string; docNumber: string; validity: string; unitName: string; href: string; quote: string };
/** excerpt: for a long clause, the verbatim lines that carry the question's words (null: show it whole). */
export type Answer = { kind: 'entry' | 'clause'; entryId?: number; itemId: number; article: number; text: string; score: number; question?: string; citations: Citation[]; excerpt?: (string | null)[] | null };

/**
 * A long clause is not read out whole: its first line, and the lines holding a word of the question, verbatim;
 * null stands for omitted lines. Short clauses (≤ 3 lines) are shown whole.
 */
export function clauseExcerpt(text: string, words: readonly string[]): (string | null)[] | null {
  const lines = text.split('\n');
  if (lines.length <= 3) return null;
  const keep = lines.map((l, i) => i === 0 || words.some((w) => w.length >= 2 && l.includes(w)));
  if (keep.every(Boolean)) return null;
  const out: (string | null)[] = [];
  lines.forEach((l, i) => {
    if (keep[i]) out.push(l);
    else if (out[out.length - 1] !== null) out.push(null);
  });
  return out;
}
export type Outcome = { abstained: boolean; answers: Answer[]; nearest: { itemId: number; title: string; docNumber: string; href: string }[]; confidence: number };

export class QaEngine {
  readonly analyzer: Analyzer;
  readonly clauses: ClauseDoc[];
  readonly entries: EntryDoc[];
  readonly clauseIndex: Bm25Index;
  readonly entryIndex: Bm25Index;
  /** entry phrasing doc → entries[] index */
  readonly #phraseOf: number[] = [];
  readonly #clauseByKey = new Map<string, ClauseDoc>();
  constructor(analyzer: Analyzer, clauses: ClauseDoc[], entries: EntryDoc[]) {
    this.analyzer = analyzer;
    this.clauses = clauses;
    this.entries = entries;
    // Titles and chapter headings repeat for every clause of a document: segment each once.
    const memo = new Map<string, string[]>();
    const terms = (t: string) => {
      let v = memo.get(t);
      if (!v) memo.set(t, (v = analyzer.indexTerms(t)));
      return v;
    };
    this.clauseIndex = new Bm25Index(clauses.map((c) => ({
      fields: [{ terms: analyzer.indexTerms(c.text), weight: 1 }, { terms: terms(c.title), weight: 0.5 }, { terms: terms(c.path.replace(/第.+?[条段]$/, '')), weight: 0.4 }],
    })));
    const phrases: { fields: { terms: string[]; weight: number }[] }[] = [];
    entries.forEach((e, i) => {
      for (const q of e.question.split('\n').map((s) => s.trim()).filter(Boolean)) {
        phrases.push({ fields: [{ terms: analyzer.indexTerms(q), weight: 1 }, { terms: analyzer.indexTerms(e.answer), weight: 0.2 }] });
        this.#phraseOf.push(i);
      }
    });
    this.entryIndex = new Bm25Index(phrases);
    for (const c of clauses) this.#clauseByKey.set(`${c.itemId}:${c.article}`, c);
  }

  clause(itemId: number, article: number): ClauseDoc | undefined {
    return this.#clauseByKey.get(`${itemId}:${article}`);
  }

  /** Ranked candidates before the live validity check: entries (best phrasing each) and clauses. */
  candidates(concepts: QueryConcept[], limit = 20): { entries: (Hit & { entry: EntryDoc })[]; clauses: (Hit & { clause: ClauseDoc })[] } {
    const best = new Map<number, Hit>();
    for (const h of this.entryIndex.search(concepts, limit * 3)) {
      const e = this.#phraseOf[h.doc]!;
      const prev = best.get(e);
      if (!prev || h.rank > prev.rank) best.set(e, h);
    }
    const entries = [...best].map(([e, h]) => ({ ...h, entry: this.entries[e]! })).sort((a, b) => b.rank - a.rank).slice(0, limit);
    const clauses = this.clauseIndex.search(concepts, limit).map((h) => ({ ...h, clause: this.clauses[h.doc]! }));
    return { entries, clauses };
  }
}

/** Combines entry and clause candidates into the ranked answer (pure; the caller supplies the live check). */
export function rankAnswers(engine: QaEngine, cands: ReturnType<QaEngine['candidates']>, citable: (itemId: number) => DocState | null, opts: { limit?: number; threshold?: number; words?: string[] } = {}): Outcome {
  const limit = opts.limit ?? 5;
  const { entries, clauses } = cands;
  const words = opts.words ?? [];
  const cite = (itemId: number, article: number): Citation | null => {
    const d = citable(itemId);
    const c = engine.clause(itemId, article);
    if (!d || !c) return null;
    return {
      itemId, article, label: c.label, title: d.title, docNumber: d.doc_number, validity: d.validity ? (VALIDITY_LABELS as Record<string, string>)[d.validity] ?? d.validity : '现行有效',
      unitName: c.unitName, href: `/items/${itemId}#art-${article}`, quote: c.text,
    };
  };
  const out: Answer[] = [];
  const bestClause = clauses.find((h) => citable(h.clause.itemId))?.coverage ?? 0;
  for (const e of entries) {
    const citations = e.entry.sources.map((s) => cite(s.itemId, s.article));
    if (citations.some((c) => c === null) || citations.length === 0) continue; // every source must be citable now
    // A curated entry wins when it matches the question well and no clause matches more of it.
    // It also wins when it cites the best clause: two paths agree, and the entry says it in plain words.
    const top = clauses.find((h) => citable(h.clause.itemId));
    const agrees = !!top && e.coverage >= ABSTAIN_COVERAGE && e.entry.sources.some((s) => s.itemId === top.clause.itemId && s.article === top.clause.article);
    const preferred = (e.coverage >= ENTRY_PREFERRED && e.coverage >= bestClause - 0.02) || agrees;
    out.push({ kind: 'entry', entryId: e.entry.entryId, itemId: e.entry.sources[0]!.itemId, article: e.entry.sources[0]!.article, text: e.entry.answer,
      score: round(preferred ? 1 + e.rank : e.rank), question: e.entry.question.split('\n')[0], citations: citations as Citation[] });
  }
  const seenDocs = new Map<number, number>();
  for (const h of clauses) {
    const c = cite(h.clause.itemId, h.clause.article);
    if (!c) continue;
    out.push({ kind: 'clause', itemId: c.itemId, article: c.article, text: c.quote, score: round(h.rank), citations: [c], excerpt: clauseExcerpt(c.quote, words) });
    seenDocs.set(c.itemId, (seenDocs.get(c.itemId) ?? 0) + 1);
  }
  out.sort((a, b) => b.score - a.score);
  const top = out[0];
  const confidence = top ? (top.score >= 1 ? 1 : coverageOf(top, entries, clauses)) : 0;
  const abstained = !top || confidence < (opts.threshold ?? ABSTAIN_COVERAGE);
  const nearest: Outcome['nearest'] = [];
  for (const h of clauses) {
    const d = citable(h.clause.itemId);
    if (d && !nearest.some((n) => n.itemId === d.id)) nearest.push({ itemId: d.id, title: d.title, docNumber: d.doc_number, href: `/items/${d.id}` });
    if (nearest.length >= 5) break;
  }
  // One answer per article: an entry citing an article makes the bare clause redundant.
  const dedup: Answer[] = [];
  for (const a of out) {
    if (a.kind === 'clause' && dedup.some((d) => d.kind === 'clause' && d.itemId === a.itemId && d.article === a.article)) continue;
    dedup.push(a);
  }
  return { abstained, answers: abstained ? [] : dedup.slice(0, limit), nearest, confidence: round(confidence) };
}

function coverageOf(a: Answer, entries: (Hit & { entry: EntryDoc })[], clauses: (Hit & { clause: ClauseDoc })[]): number {
  if (a.kind === 'entry') return entries.find((e) => e.entry.entryId === a.entryId)?.coverage ?? 0;
  return clauses.find((c) => c.clause.itemId === a.itemId && c.clause.article === a.article)?.coverage ?? 0;
}
const round = (x: number) => Math.round(x * 10000) / 10000;

// ── building from the database, cached per area ──

type Cached = { version: string; engine: QaEngine; ms?: number };
const cache = new Map<string, Cached>();
const building = new Map<string, Promise<Cached>>();
let analyzerCache: { key: string; analyzer: Analyzer } | null = null;

export async function lexiconOf(db: Db, areaId: number): Promise<LexiconData> {
  const shipped = shippedLexicon();
  const rows = await db.selectFrom('qa_lexicon').select(['kind', 'term', 'expansions']).where('area_id', '=', areaId).orderBy('id').execute();
  const words = [...shipped.words, ...rows.filter((r) => r.kind === 'word').map((r) => r.term)];
  const groups = [...shipped.groups, ...rows.filter((r) => r.kind === 'synonym').map((r) => [r.term, ...r.expansions.split('|').map((s) => s.trim()).filter(Boolean)])];
  return { words, groups, soft: shipped.soft };
}

export function analyzerFor(lex: LexiconData): Analyzer {
  const key = JSON.stringify(lex);
  if (analyzerCache?.key !== key) analyzerCache = { key, analyzer: new Analyzer(lex) };
  return analyzerCache.analyzer;
}

async function loadEngine(db: Db, areaId: number): Promise<QaEngine> {
  const analyzer = analyzerFor(await lexiconOf(db, areaId));
  const rows = await db.selectFrom('qa_clauses').select(['item_id', 'article', 'label', 'path', 'text']).where('area_id', '=', areaId).where('article', '>', 0).orderBy('item_id').orderBy('seq').execute();
  const states = await documentStates(db, [...new Set(rows.map((r) => r.item_id))]);
  const names = await unitNames(db, areaId);
  const clauses: ClauseDoc[] = [];
  for (const r of rows) {
    const d = states.get(r.item_id);
    if (!d) continue;
    clauses.push({ itemId: r.item_id, article: r.article, label: r.label, path: r.path, text: r.text, title: d.title, docNumber: d.doc_number, unitName: names.get(d.unit_id) ?? '' });
  }
  const entryRows = await db.selectFrom('qa_entries').select(['id', 'question', 'alt_questions', 'answer']).where('area_id', '=', areaId).where('status', '=', 'published').orderBy('id').execute();
  const sources = entryRows.length ? await db.selectFrom('qa_entry_sources').select(['entry_id', 'item_id', 'article']).where('entry_id', 'in', entryRows.map((e) => e.id)).orderBy('entry_id').orderBy('sort').execute() : [];
  const entries: EntryDoc[] = entryRows.map((e) => ({
    entryId: e.id, question: [e.question, ...e.alt_questions.split('\n')].map((s) => s.trim()).filter(Boolean).join('\n'), answer: e.answer,
    sources: sources.filter((s) => s.entry_id === e.id).map((s) => ({ itemId: s.item_id, article: s.article })),
  }));
  return new QaEngine(analyzer, clauses, entries);
}

/** Indexes larger than this (a build of several seconds) are refreshed in the background while the previous engine keeps answering. */
export const BACKGROUND_REBUILD_CLAUSES = 20_000;

/**
 * The engine for an area, rebuilt when public content or qa data changed (one build at a time).
 * A large index (more than BACKGROUND_REBUILD_CLAUSES clauses) is rebuilt in the background and the previous engine
 * answers meanwhile: that is safe because every citation is checked against the live item at answer
 * time, so a stale engine can only miss a new document, never cite one that is no longer valid.
 */
export async function engineFor(db: Db, dialect: Dialect, areaId: number): Promise<QaEngine> {
  const version = `${await publicVersion(db)}|${await readQaVersion(db)}`;
  const key = String(areaId);
  const hit = cache.get(key);
  if (hit?.version === version) return hit.engine;
  const run = () => {
    let p = building.get(key);
    if (!p) {
      const started = performance.now();
      p = refresh(db, dialect, areaId).then((built) => {
        built.ms = performance.now() - started;
        cache.set(key, built);
        return built;
      }).finally(() => building.delete(key));
      building.set(key, p);
    }
    return p;
  };
  if (hit && hit.engine.clauses.length > BACKGROUND_REBUILD_CLAUSES) {
    run().catch(() => { /* the next question retries */ });
    return hit.engine;
  }
  return (await run()).engine;
}

async function refresh(db: Db, dialect: Dialect, areaId: number): Promise<Cached> {
  // Public content changed since the last build: bring the clause index up to date first (one node at a
  // time; the job and `gongkai qa reindex` do the same), so a just-published document is answerable.
  if (await acquireLock(db, 'qa.reindex', 10 * 60_000)) {
    try {
      await reindexClauses({ db, dialect, actor: systemActor('政策问答索引') });
    } finally {
      await releaseLock(db, 'qa.reindex');
    }
  }
  const version = `${await publicVersion(db)}|${await readQaVersion(db)}`;
  return { version, engine: await loadEngine(db, areaId) };
}

/** Answers a question for an area: live check of every cited item (public, in force today). */
export async function answerQuestion(db: Db, dialect: Dialect, areaId: number, q: string, opts: { today?: string; limit?: number; threshold?: number } = {}): Promise<Outcome> {
  const engine = await engineFor(db, dialect, areaId);
  const concepts = engine.analyzer.concepts(q.slice(0, 200));
  if (concepts.length === 0) return { abstained: true, answers: [], nearest: [], confidence: 0 };
  const cands = engine.candidates(concepts);
  const { entries, clauses } = cands;
  const ids = new Set<number>([...entries.flatMap((e) => e.entry.sources.map((s) => s.itemId)), ...clauses.map((c) => c.clause.itemId)]);
  const states = await documentStates(db, [...ids]);
  const policyIds = [...states.values()].map((s) => s.policy_item_id).filter((x): x is number => x !== null && !states.has(x));
  const policies = policyIds.length ? await documentStates(db, policyIds) : new Map<number, DocState>();
  const today = opts.today ?? todayCst();
  const citable = (id: number): DocState | null => {
    const d = states.get(id);
    if (!d || !d.public || d.area_id !== areaId) return null;
    const policy = d.policy_item_id === null ? null : states.get(d.policy_item_id) ?? policies.get(d.policy_item_id) ?? null;
    if (d.item_type === 'interpretation' && d.policy_item_id !== null && !policy) return null;
    return inForceToday(d, today, policy) ? d : null;
  };
  return rankAnswers(engine, cands, citable, { limit: opts.limit, threshold: opts.threshold, words: concepts.flatMap((c) => c.alts.map((a) => a.term)) });
}

/** Drops cached engines (tests, `gongkai qa reindex`). */
export const clearEngineCache = () => cache.clear();
