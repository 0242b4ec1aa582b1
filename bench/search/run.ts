/**
 * Search benchmark over the generated corpus: bulk indexing rate, search latency (server time:
 * searchPublic with its answer cache off, i.e. FTS query + hydration + highlighting), index size
 * and precision@10 on the 30 judged queries — for SQLite FTS5 and PostgreSQL tsvector/GIN, beside
 * a naive LIKE '%词%' scan and MiniSearch in memory on the same corpus and queries.
 *
 *   node --expose-gc --max-old-space-size=8192 --import tsx bench/search/run.ts [docs=100000] [engines=sqlite,postgres,like,minisearch]
 *   (postgres needs GONGKAI_BENCH_PG_URL, an admin URL; the corpus and databases are kept in bench/out/)
 */
import { statSync } from 'node:fs';
import { sql } from 'kysely';
import MiniSearch from 'minisearch';
import { systemActor, type Ctx } from '../../src/lib/context.js';
import { ftsFor, setRanking } from '../../src/search/fts.js';
import { reindexAll } from '../../src/search/search.indexer.js';
import { createSegmentPool } from '../../src/search/segment-pool.js';
import { availableParallelism } from 'node:os';
import { setSearchCacheEnabled } from '../../src/search/search.cache.js';
import { searchPublic } from '../../src/search/search.service.js';
import { segmentQuery } from '../../src/search/text/segment.js';
import { loadCorpus, openBenchDb, type BenchDb } from './bench-db.js';
import { judgedQueries, type CorpusDoc } from './corpus.js';
import { precisionAtK } from './queries.js';

const N = Number(process.argv[2] ?? 100_000);
const ENGINES = (process.argv[3] ?? 'sqlite,postgres,like,minisearch').split(',');
const SEED = 42;
const REPS = 5;

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms  p95 ${pct(xs, 95).toFixed(1)} ms  max ${Math.max(...xs).toFixed(1)} ms  (n=${xs.length})`;
const log = (s: string) => console.log(s);

type Q = { group: string; input: Record<string, string> };

function querySet(docs: readonly CorpusDoc[]): Q[] {
  const judged = judgedQueries(docs).map((j) => j.query);
  const docNumbers = docs.filter((d) => d.docNumber).filter((_, i) => i % 997 === 0).slice(0, 20).map((d) => d.docNumber!.replace('〔', '[').replace('〕', ']'));
  return [
    ...judged.map((q) => ({ group: 'judged phrase', input: { q } })),
    ...judged.map((q, i) => ({ group: 'phrase + year filter', input: { q, year: String(2019 + (i % 8)) } })),
    ...judged.map((q) => ({ group: 'phrase, page 3', input: { q, page: '3' } })),
    ...judged.slice(0, 15).map((q, i) => ({ group: 'two phrases', input: { q: `${q} ${judged[(i + 7) % 30]}` } })),
    ...docNumbers.map((q) => ({ group: '文号 exact', input: { q } })),
    ...['通知', '工作', '临淄区', '实施方案', '公示'].map((q) => ({ group: 'very common word', input: { q } })),
  ];
}

type Judged = ReturnType<typeof judgedQueries>;

async function timeQueries(ctx: Ctx, areaId: number, qs: Q[], judged: Judged) {
  for (const q of qs.slice(0, 10)) await searchPublic(ctx, areaId, q.input); // warm-up
  const times = new Map<string, number[]>();
  for (let rep = 0; rep < REPS; rep++) {
    for (const q of qs) {
      const t = performance.now();
      await searchPublic(ctx, areaId, q.input);
      const ms = performance.now() - t;
      times.set(q.group, [...(times.get(q.group) ?? []), ms]);
    }
  }
  const all = [...times.values()].flat();
  log(`search server time, ${qs.length} queries × ${REPS}: ${fmt(all)}`);
  for (const [g, xs] of times) log(`  ${g.padEnd(22)} ${fmt(xs)}`);
  let sum = 0;
  const top10 = new Map<string, number[]>();
  for (const j of judged) {
    const r = await searchPublic(ctx, areaId, { q: j.query });
    top10.set(j.query, r.hits.map((h) => h.id));
    sum += precisionAtK(r.hits.map((h) => h.indexNo), j.relevant, 10);
  }
  log(`precision@10 (30 judged queries): ${(sum / 30).toFixed(3)}`);
  return top10;
}

async function runEngine(engine: 'sqlite' | 'postgres', qs: Q[], judged: Judged) {
  log(`\n== ${engine}`);
  const db: BenchDb = await openBenchDb(engine, null, `${N}`, N);
  const ctx: Ctx = { db: db.db, dialect: db.dialect, actor: systemActor('bench') };
  log(`database: ${db.label}`);
  const indexed = Number((await db.db.selectFrom('search_docs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if (indexed !== N || process.env.REINDEX === '1') {
    const segmenter = await createSegmentPool();
    const c0 = process.cpuUsage();
    const r = await reindexAll(db.db, db.dialect, { batch: 250, segmenter, onProgress: (n) => { if (n % 20000 === 0) process.stderr.write(`  indexed ${n}\n`); } });
    const cpu = process.cpuUsage(c0);
    await segmenter.close();
    log(`bulk indexing: ${r.indexed} docs in ${(r.ms / 1000).toFixed(1)} s = ${Math.round(r.indexed / (r.ms / 1000))} docs/s (clear + read + jieba in a ${availableParallelism()}-worker pool + insert, one transaction per 250, final merge; this process used ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU)`);
  } else log('bulk indexing: skipped (index present; REINDEX=1 to measure)');
  if (db.dialect === 'sqlite') await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(db.db);
  else await sql`VACUUM ANALYZE search_docs`.execute(db.db);
  const size = await ftsFor(db.dialect).sizeBytes(db.db);
  const fileNote = db.dialect === 'sqlite' ? `, whole database file ${mb(statSync(db.label).size)}` : '';
  log(`index size: ${size === null ? '?' : mb(size)} (search_docs + full-text structures)${fileNote}`);

  setSearchCacheEnabled(false);
  const tops = new Map<string, Map<string, number[]>>();
  // The ranking in use (title tier first) and, as the baseline in the same run, one ranking over all matches.
  for (const mode of ['tiered', 'bm25'] as const) {
    setRanking(mode);
    log(`-- ranking: ${mode === 'tiered' ? 'tiers (every term in the title first), engine score inside each tier' : 'one engine-score ranking over all matches (baseline)'}`);
    tops.set(mode, await timeQueries(ctx, db.areaId, qs, judged));
  }
  setRanking('tiered');
  let same = 0;
  let overlap = 0;
  for (const j of judged) {
    const a = tops.get('tiered')!.get(j.query)!;
    const b = tops.get('bm25')!.get(j.query)!;
    if (a.join() === b.join()) same++;
    overlap += a.filter((x) => b.includes(x)).length;
  }
  log(`tiers vs one ranking: identical top 10 for ${same}/30 judged queries, ${(overlap / 30).toFixed(1)} of 10 in common on average`);
  setSearchCacheEnabled(true);
  const t = performance.now();
  const cachedQ = { q: judged[0]!.query };
  await searchPublic(ctx, db.areaId, cachedQ);
  const c: number[] = [];
  for (let i = 0; i < 200; i++) { const s = performance.now(); await searchPublic(ctx, db.areaId, cachedQ); c.push(performance.now() - s); }
  log(`repeated query with the answer cache on: ${fmt(c)} (first ${(performance.now() - t - c.reduce((a, b) => a + b, 0)).toFixed(1)} ms)`);
  await db.dispose();
}

async function runLike(docs: readonly CorpusDoc[], judged: Judged) {
  log(`\n== naive LIKE '%词%' scan (SQLite, title OR body, newest first)`);
  const db = await openBenchDb('sqlite', docs, `${N}`);
  let sum = 0;
  const times: number[] = [];
  for (const j of judged) {
    const like = `%${j.query}%`;
    const t = performance.now();
    const rows = await db.db.selectFrom('info_items').select(['index_no']).where('area_id', '=', db.areaId).where('status', '=', 'published').where('attribute', '=', 'proactive')
      .where((eb) => eb.or([eb('title', 'like', like), eb('body_text', 'like', like)])).orderBy('published_on', 'desc').orderBy('id', 'desc').limit(10).execute();
    await db.db.selectFrom('info_items').select((eb) => eb.fn.countAll<number>().as('n')).where('area_id', '=', db.areaId).where('status', '=', 'published')
      .where('attribute', '=', 'proactive').where((eb) => eb.or([eb('title', 'like', like), eb('body_text', 'like', like)])).executeTakeFirst();
    times.push(performance.now() - t);
    sum += precisionAtK(rows.map((r) => r.index_no), j.relevant, 10);
  }
  log(`latency (30 judged queries, page 1 + count, no index): ${fmt(times)}`);
  log(`extra index size: 0 (scans info_items: ${mb(docs.reduce((s, d) => s + Buffer.byteLength(d.body) + Buffer.byteLength(d.title), 0))} of text)`);
  log(`precision@10: ${(sum / 30).toFixed(3)} (no ranking: newest first)`);
  await db.dispose();
}

async function runMiniSearch(docs: readonly CorpusDoc[], judged: Judged) {
  log(`\n== MiniSearch in memory (BM25, jieba tokens, title boost 3, AND)`);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  // Segmentation is the same jieba worker pool the database indexer uses, timed apart, so the
  // indexing figure is MiniSearch's own work on the same tokens.
  const index = new MiniSearch<{ id: string; title: string; body: string }>({
    fields: ['title', 'body'],
    tokenize: (text) => text.split(' ').filter((x) => x !== ''),
    processTerm: (term) => term,
    searchOptions: { tokenize: segmentQuery, processTerm: (term) => term, combineWith: 'AND', boost: { title: 3 } },
  });
  const pool = await createSegmentPool();
  let segMs = 0;
  let addMs = 0;
  for (let i = 0; i < docs.length; i += 2000) {
    const chunk = docs.slice(i, i + 2000);
    let t = performance.now();
    const halves = await Promise.all([0, 1000].map((o) => pool.segment(chunk.slice(o, o + 1000).map((d) => ({ title: d.title, text: d.body })))));
    const seg = halves.flat();
    segMs += performance.now() - t;
    t = performance.now();
    index.addAll(chunk.map((d, k) => ({ id: d.id, title: seg[k]![0], body: seg[k]![1] })));
    addMs += performance.now() - t;
    if ((i + 2000) % 20000 === 0) process.stderr.write(`  minisearch ${i + 2000}\n`);
  }
  await pool.close();
  gc?.();
  const heap = process.memoryUsage().heapUsed - heap0;
  log(`indexing: ${docs.length} docs, MiniSearch ${(addMs / 1000).toFixed(1)} s = ${Math.round(docs.length / (addMs / 1000))} docs/s (+ ${(segMs / 1000).toFixed(1)} s jieba in the pool, ${Math.round(docs.length / ((addMs + segMs) / 1000))} docs/s in all); heap for the index ${mb(heap)}${gc ? '' : ' (run with --expose-gc for an exact figure)'}`);
  const times: number[] = [];
  let sum = 0;
  for (let rep = 0; rep < REPS; rep++) {
    for (const j of judged) {
      const t = performance.now();
      const r = index.search(j.query).slice(0, 10);
      times.push(performance.now() - t);
      if (rep === 0) sum += precisionAtK(r.map((x) => String(x.id)), j.relevant, 10);
    }
  }
  log(`latency (30 judged queries × ${REPS}, top 10 of all matches): ${fmt(times)}`);
  log(`precision@10: ${(sum / 30).toFixed(3)}`);
}

const t0 = performance.now();
let corpus: CorpusDoc[] | null = loadCorpus(N, SEED);
log(`corpus: ${corpus.length} documents (seed ${SEED}), ${mb(corpus.reduce((s, d) => s + Buffer.byteLength(d.body), 0))} of body text, ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
log(`node ${process.version}, ${(await import('node:os')).cpus().length} cores (${(await import('node:os')).cpus()[0]?.model ?? '?'}), load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const judged = judgedQueries(corpus);
const qs = querySet(corpus);
// Load the databases that need it, then let go of the corpus unless an in-memory baseline needs it:
// a server indexing its items does not hold 600 MB of documents in its heap.
for (const e of ENGINES) if (e === 'sqlite' || e === 'postgres') await (await openBenchDb(e, corpus, `${N}`)).dispose();
const docs = ENGINES.some((e) => e === 'like' || e === 'minisearch') ? corpus : null;
corpus = null;
(globalThis as { gc?: () => void }).gc?.();
for (const e of ENGINES) {
  if (e === 'sqlite' || e === 'postgres') await runEngine(e, qs, judged);
  else if (e === 'like') await runLike(docs!, judged);
  else if (e === 'minisearch') await runMiniSearch(docs!, judged);
  else throw new Error(`unknown engine ${e}`);
}
