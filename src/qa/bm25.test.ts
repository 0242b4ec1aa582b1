// The in-process BM25 index's incremental updates: a removed document is never returned and no longer
// counts in document frequencies; an added one is found like one present from the start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bm25Index, RANK_MIX, SOFT_FACTOR, TYPO_WEIGHT, type BmDoc, type Hit } from './bm25.js';
import type { QueryConcept } from './analyze.js';

const doc = (...terms: string[]): BmDoc => ({ fields: [{ terms, weight: 1 }] });
const concept = (term: string) => ({ term, alts: [{ term, weight: 1 }] });

test('remove and add: removed documents disappear from results and frequencies, added ones are found', () => {
  const docs = [doc('低保', '申请', '材料'), doc('低保', '标准'), doc('医保', '报销')];
  const idx = new Bm25Index(docs);
  assert.deepEqual(idx.search([concept('低保')], 10).map((h) => h.doc).sort(), [0, 1]);
  assert.equal(idx.df('低保'), 2);
  idx.remove(1, docs[1]!);
  assert.equal(idx.df('低保'), 1);
  assert.equal(idx.size, 2);
  assert.deepEqual(idx.search([concept('低保')], 10).map((h) => h.doc), [0]);
  assert.deepEqual(idx.search([concept('标准')], 10), []);
  const id = idx.add(doc('低保', '标准', '调整'));
  assert.equal(id, 3);
  assert.equal(idx.df('低保'), 2);
  assert.deepEqual(idx.search([concept('标准')], 10).map((h) => h.doc), [3]);
  // A word first seen in an added document is in the vocabulary (and a typo one character away finds it).
  idx.add(doc('廉租房'));
  assert.deepEqual(idx.search([concept('廉租房')], 10).map((h) => h.doc), [4]);
  assert.deepEqual(idx.nearWords('廉祖房'), ['廉租房']);
  // Removing twice changes nothing; the same scores as a fresh index holding the same live documents' terms.
  idx.remove(1, docs[1]!);
  assert.equal(idx.size, 4);
  assert.ok(idx.removedShare > 0 && idx.removedCount === 1);
  const fresh = new Bm25Index([docs[0]!, docs[2]!, doc('低保', '标准', '调整'), doc('廉租房')]);
  assert.equal(idx.idf('低保'), fresh.idf('低保'));
});

/**
 * The ranking as first written: one pass over every posting list, concept by concept, alternative by
 * alternative, into per-document accumulators; then the best `limit` with coverage ≥ 0.2. The pruned,
 * block-wise search must return exactly these hits (same documents, same figures to the last bit).
 */
type RefPostings = Map<string, { doc: number; w: number }[]>;
function refPostings(idx: Bm25Index, live: Map<number, BmDoc>): RefPostings {
  const post: RefPostings = new Map();
  for (const [id, d] of [...live].sort((a, b) => a[0] - b[0])) for (const [t, v] of idx.termWeights(d)) {
    if (!post.has(t)) post.set(t, []);
    post.get(t)!.push({ doc: id, w: Math.fround(v) });
  }
  return post;
}
function reference(idx: Bm25Index, post: RefPostings, concepts: QueryConcept[], limit: number, accept?: (d: number) => boolean): Hit[] {
  const scores = new Map<number, number>(), cover = new Map<number, number>();
  let total = 0;
  for (const c of concepts) {
    let alts = c.alts.filter((a) => idx.df(a.term) > 0);
    if (alts.length === 0 && c.maybeTypo) alts = idx.nearWords(c.term).map((term) => ({ term, weight: TYPO_WEIGHT }));
    const strong = alts.filter((a) => a.term === c.term || a.weight >= TYPO_WEIGHT);
    const base = idx.df(c.term) > 0 ? idx.coverIdf(c.term) : strong.length ? Math.max(...strong.map((a) => idx.coverIdf(a.term))) : idx.maxIdf();
    const conceptIdf = Math.min(base, idx.maxIdf()) * (c.soft ? SOFT_FACTOR : 1);
    total += conceptIdf;
    const credit = new Map<number, number>();
    for (const a of alts) {
      const idf = idx.idf(a.term) * a.weight;
      const cr = a.weight * Math.min(1, idx.coverIdf(a.term) / base);
      for (const p of post.get(a.term) ?? []) {
        scores.set(p.doc, (scores.get(p.doc) ?? 0) + idf * p.w);
        if (cr > (credit.get(p.doc) ?? 0)) credit.set(p.doc, Math.fround(cr));
      }
    }
    for (const [d, cr] of credit) cover.set(d, (cover.get(d) ?? 0) + conceptIdf * cr);
  }
  if (total <= 0) return [];
  const inv = 1 / total;
  const hits: Hit[] = [];
  for (const [d, s] of scores) {
    const coverage = (cover.get(d) ?? 0) * inv;
    if (coverage < 0.2 || (accept && !accept(d))) continue;
    hits.push({ doc: d, score: s, nscore: s * inv, coverage, rank: RANK_MIX * coverage + (1 - RANK_MIX) * s * inv });
  }
  return hits.sort((a, b) => b.rank - a.rank || a.doc - b.doc).slice(0, limit);
}

test('search: the pruned block-wise ranking returns exactly what one pass over every posting does', () => {
  let seed = 11;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  // Words from very common to rare (the common ones are what pruning sets aside).
  const vocab = Array.from({ length: 40 }, (_, i) => `词${i}`);
  const pickWord = () => vocab[Math.min(vocab.length - 1, Math.floor(vocab.length * rnd() ** 2.5))]!;
  const mk = (): BmDoc => ({ fields: [
    { terms: Array.from({ length: 3 + Math.floor(rnd() * 12) }, pickWord), weight: 1 },
    { terms: Array.from({ length: Math.floor(rnd() * 3) }, pickWord), weight: 0.5 },
  ] });
  const saved = Bm25Index.BLOCK;
  Bm25Index.BLOCK = 64; // many blocks over a small collection
  try {
    const docs = Array.from({ length: 1500 }, mk);
    const idx = new Bm25Index(docs);
    const live = new Map(docs.map((d, i) => [i, d]));
    const weights = [1, 0.8, 0.6, 0.4, 0.3];
    const query = (): QueryConcept[] => Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => {
      const term = rnd() < 0.1 ? '缺词' : pickWord();
      const alts = [{ term, weight: 1 }, ...Array.from({ length: Math.floor(rnd() * 4) }, () => ({ term: pickWord(), weight: weights[Math.floor(rnd() * weights.length)]! }))];
      return { term, alts, ...(rnd() < 0.2 ? { soft: true } : {}) };
    });
    const check = (round: string) => {
      const post = refPostings(idx, live);
      for (let q = 0; q < 100; q++) {
        const cs = query();
        const limit = [1, 3, 12, 40][q % 4]!;
        const accept = q % 5 === 0 ? (d: number) => d % 3 !== 0 : undefined;
        assert.deepEqual(idx.search(cs, limit, accept), reference(idx, post, cs, limit, accept), `${round}: ${JSON.stringify(cs)} limit ${limit}`);
      }
    };
    check('fresh');
    // Incremental updates: removed documents (dead ids inside the lists) and added ones at the end.
    for (let i = 0; i < 1500; i += 7) { idx.remove(i, docs[i]!); live.delete(i); }
    for (let i = 0; i < 200; i++) { const d = mk(); live.set(idx.add(d), d); }
    check('after updates');
  } finally {
    Bm25Index.BLOCK = saved;
  }
});
