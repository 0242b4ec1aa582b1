// In-process BM25F over short documents (clauses, curated entries). Built once from the database and
// reused until the public content or the qa data change. Postings hold the saturated field-weighted term
// frequency, so a query costs one pass over the postings of its terms.
import type { QueryConcept } from './analyze.js';

export type FieldText = { terms: string[]; weight: number };
export type BmDoc = { fields: FieldText[] };

const K1 = 1.2;
/** Ranking mixes coverage (share of the question matched) and the normalised BM25 score. */
export const RANK_MIX = 0.5;
/** Intent words (多久, 多少钱 …) score like any word but count this much of a topic word towards coverage. */
export const SOFT_FACTOR = 0.25;
export const COVERAGE_MIN_DOCS = 2000;
/** A typo correction (one character away) counts this much. */
export const TYPO_WEIGHT = 0.7;

/** score: BM25; nscore: BM25 / the question's total idf (≈0…1); coverage: idf share of concepts matched; rank: the sort key. */
export type Hit = { doc: number; score: number; nscore: number; coverage: number; rank: number };
const B = 0.75;

export class Bm25Index {
  /** Live documents (ids of removed ones are not reused). */
  size: number;
  /** Postings: doc ids ascending; n of the capacity used; live = documents not removed. */
  readonly #postings = new Map<string, { docs: Int32Array; w: Float32Array; n: number; live: number }>();
  readonly #byChar = new Map<string, Set<string>>();
  /** Average field lengths of the first build (documents added later are normalised with them). */
  readonly #avg: number[];
  #dead: Uint8Array;
  #next: number;
  #removed = 0;
  constructor(docs: readonly BmDoc[]) {
    this.size = docs.length;
    this.#next = docs.length;
    this.#dead = new Uint8Array(Math.max(16, docs.length));
    const nf = Math.max(0, ...docs.map((d) => d.fields.length));
    this.#avg = Array.from({ length: nf }, (_, f) => docs.reduce((s, d) => s + (d.fields[f]?.terms.length ?? 0), 0) / Math.max(1, docs.length) || 1);
    const tmp = new Map<string, { docs: number[]; w: number[] }>();
    docs.forEach((d, id) => {
      for (const [t, v] of this.#weights(d)) {
        let p = tmp.get(t);
        if (!p) tmp.set(t, (p = { docs: [], w: [] }));
        p.docs.push(id);
        p.w.push(v);
      }
    });
    for (const [t, p] of tmp) {
      this.#postings.set(t, { docs: Int32Array.from(p.docs), w: Float32Array.from(p.w), n: p.docs.length, live: p.docs.length });
      this.#indexChars(t);
    }
  }

  /** Saturated field-weighted term frequencies of one document. */
  #weights(d: BmDoc): Map<string, number> {
    const tf = new Map<string, number>();
    d.fields.forEach((f, fi) => {
      const norm = 1 - B + (B * f.terms.length) / (this.#avg[fi] ?? (f.terms.length || 1));
      for (const t of f.terms) tf.set(t, (tf.get(t) ?? 0) + f.weight / norm);
    });
    for (const [t, v] of tf) tf.set(t, v / (K1 + v));
    return tf;
  }
  #indexChars(t: string) {
    if (t.length >= 2) for (const ch of new Set(t)) {
      let s = this.#byChar.get(ch);
      if (!s) this.#byChar.set(ch, (s = new Set()));
      s.add(t);
    }
  }

  /** Appends a document (incremental update); returns its id. */
  add(d: BmDoc): number {
    const id = this.#next++;
    if (id >= this.#dead.length) {
      const grown = new Uint8Array(this.#dead.length * 2);
      grown.set(this.#dead);
      this.#dead = grown;
    }
    this.#scratch = undefined; // sized by the id range
    for (const [t, v] of this.#weights(d)) {
      let p = this.#postings.get(t);
      if (!p) {
        this.#postings.set(t, (p = { docs: new Int32Array(4), w: new Float32Array(4), n: 0, live: 0 }));
        this.#indexChars(t);
      }
      if (p.n === p.docs.length) {
        const docs = new Int32Array(p.docs.length * 2); docs.set(p.docs); p.docs = docs;
        const w = new Float32Array(p.w.length * 2); w.set(p.w); p.w = w;
      }
      p.docs[p.n] = id; p.w[p.n] = v; p.n++; p.live++;
    }
    this.size++;
    return id;
  }

  /** Removes a document: `d` must hold the same terms it was added with (they set the live document frequencies). */
  remove(id: number, d: BmDoc): void {
    if (id >= this.#next || this.#dead[id]) return;
    this.#dead[id] = 1;
    this.size--;
    this.#removed++;
    for (const t of new Set(d.fields.flatMap((f) => f.terms))) {
      const p = this.#postings.get(t);
      if (p) p.live--;
    }
  }
  /** Share of the id range taken by removed documents (a full rebuild compacts). */
  get removedShare(): number {
    return this.#next ? this.#removed / this.#next : 0;
  }
  get removedCount(): number {
    return this.#removed;
  }
  isLive(id: number): boolean {
    return id < this.#next && !this.#dead[id];
  }

  df(term: string): number {
    return this.#postings.get(term)?.live ?? 0;
  }
  idf(term: string): number {
    const n = this.df(term);
    return Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
  }
  /**
   * The idf used for coverage: computed as if the collection had at least COVERAGE_MIN_DOCS documents,
   * so that in a small collection a word found in most documents still counts as part of the question
   * (the BM25 score keeps the real idf).
   */
  coverIdf(term: string): number {
    const n = this.df(term);
    const size = Math.max(this.size, COVERAGE_MIN_DOCS);
    return Math.log(1 + (size - n + 0.5) / (n + 0.5));
  }
  /** What an unknown word is worth for coverage (it makes an answer less certain). */
  maxIdf(): number {
    return Math.log(1 + (Math.max(this.size, COVERAGE_MIN_DOCS) + 0.5) / 0.5);
  }

  /** Vocabulary words one substitution away (same length, one different character): typo alternatives. */
  nearWords(w: string): string[] {
    if (w.length < 2 || this.df(w) > 0) return [];
    const out: string[] = [];
    const cand = new Set<string>();
    for (const ch of new Set(w)) for (const t of this.#byChar.get(ch) ?? []) if (t.length === w.length && this.df(t) > 0) cand.add(t);
    for (const t of cand) {
      let diff = 0;
      for (let i = 0; i < w.length && diff < 2; i++) if (t[i] !== w[i]) diff++;
      if (diff === 1) out.push(t);
    }
    return out.sort((a, b) => this.df(b) - this.df(a)).slice(0, 3);
  }

  /**
   * Scores every document matching a concept. Returns, per matched doc, the BM25 score and the
   * idf-weighted share of the question's concepts it matches (coverage, 0…1).
   */
  search(concepts: readonly QueryConcept[], limit: number, accept?: (doc: number) => boolean, mix = RANK_MIX): Hit[] {
    if (concepts.length === 0 || this.size === 0) return [];
    // Scratch buffers reused across queries (search is synchronous): no per-query allocation of
    // collection-sized arrays, so no garbage-collector pauses on a large index. Reset after use.
    const cap = this.#next;
    this.#scratch ??= { scores: new Float64Array(cap), cover: new Float64Array(cap), credit: new Float32Array(cap), hit: new Uint8Array(cap), touched: new Int32Array(cap), mine: new Int32Array(cap) };
    const { scores, cover, credit, hit: hitDocs } = this.#scratch;
    const touchedBuf = this.#scratch.touched;
    const mineBuf = this.#scratch.mine;
    let nTouched = 0;
    try {
      return this.#run(concepts, limit, accept, mix, scores, cover, credit, hitDocs, touchedBuf, mineBuf, (n) => { nTouched = n; });
    } finally {
      for (let i = 0; i < nTouched; i++) {
        const d = touchedBuf[i]!;
        scores[d] = 0; cover[d] = 0; credit[d] = 0; hitDocs[d] = 0;
      }
    }
  }

  #scratch: { scores: Float64Array; cover: Float64Array; credit: Float32Array; hit: Uint8Array; touched: Int32Array; mine: Int32Array } | undefined;

  #run(concepts: readonly QueryConcept[], limit: number, accept: ((doc: number) => boolean) | undefined, mix: number, scores: Float64Array, cover: Float64Array, credit: Float32Array,
    hitDocs: Uint8Array, touchedBuf: Int32Array, mineBuf: Int32Array, setTouched: (n: number) => void): Hit[] {
    let nTouched = 0;
    let totalIdf = 0;
    const maxIdf = this.maxIdf();
    for (const c of concepts) {
      const f = c.soft ? SOFT_FACTOR : 1;
      let alts = c.alts.filter((a) => this.df(a.term) > 0);
      // A word no dictionary knows and the collection lacks may be a typo: try words one character away.
      if (alts.length === 0 && c.maybeTypo) alts = this.nearWords(c.term).map((term) => ({ term, weight: TYPO_WEIGHT }));
      // How much this word matters: its own rarity; else its synonyms' (or a typo's correction); else it is a
      // specific word the collection does not have, worth the most. Sub-words never set the weight.
      const strong = alts.filter((a) => a.term === c.term || a.weight >= TYPO_WEIGHT);
      const base = this.df(c.term) > 0 ? this.coverIdf(c.term) : strong.length ? Math.max(...strong.map((a) => this.coverIdf(a.term))) : maxIdf;
      const conceptIdf = Math.min(base, maxIdf) * f;
      totalIdf += conceptIdf;
      let nMine = 0;
      for (const a of alts) {
        const p = this.#postings.get(a.term)!;
        const idf = this.idf(a.term) * a.weight;
        const cr = a.weight * Math.min(1, this.coverIdf(a.term) / base);
        const docs = p.docs;
        const w = p.w;
        const dead = this.#dead;
        const removed = this.#removed > 0;
        for (let i = 0; i < p.n; i++) {
          const d = docs[i]!;
          if (removed && dead[d]) continue;
          if (hitDocs[d] === 0) { hitDocs[d] = 1; touchedBuf[nTouched++] = d; }
          scores[d] += idf * w[i]!;
          if (credit[d] === 0) mineBuf[nMine++] = d;
          if (cr > credit[d]!) credit[d] = cr;
        }
      }
      for (let i = 0; i < nMine; i++) { const d = mineBuf[i]!; cover[d] += conceptIdf * credit[d]!; credit[d] = 0; }
      setTouched(nTouched);
    }
    setTouched(nTouched);
    if (totalIdf <= 0) return [];
    // Top `limit` by rank with a small binary heap (no sort of every matching document).
    const heapDocs: number[] = [];
    const heapRank: number[] = [];
    const less = (i: number, j: number) => heapRank[i]! < heapRank[j]! || (heapRank[i] === heapRank[j] && heapDocs[i]! > heapDocs[j]!);
    const swap = (i: number, j: number) => {
      const d = heapDocs[i]!; heapDocs[i] = heapDocs[j]!; heapDocs[j] = d;
      const r = heapRank[i]!; heapRank[i] = heapRank[j]!; heapRank[j] = r;
    };
    const down = (i: number) => {
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heapDocs.length && less(l, m)) m = l;
        if (r < heapDocs.length && less(r, m)) m = r;
        if (m === i) return;
        swap(i, m);
        i = m;
      }
    };
    const inv = 1 / totalIdf;
    for (let t = 0; t < nTouched; t++) {
      const d = touchedBuf[t]!;
      const coverage = cover[d]! * inv;
      // Documents that match under a fifth of the question cannot win.
      if (coverage < 0.2) continue;
      const rank = mix * coverage + (1 - mix) * scores[d]! * inv;
      if (heapDocs.length >= limit && (rank < heapRank[0]! || (rank === heapRank[0] && d > heapDocs[0]!))) continue;
      if (accept && !accept(d)) continue;
      if (heapDocs.length < limit) {
        heapDocs.push(d); heapRank.push(rank);
        for (let i = heapDocs.length - 1; i > 0;) {
          const p = (i - 1) >> 1;
          if (!less(i, p)) break;
          swap(i, p);
          i = p;
        }
      } else {
        heapDocs[0] = d; heapRank[0] = rank;
        down(0);
      }
    }
    const out: Hit[] = heapDocs.map((d, i) => ({ doc: d, score: scores[d]!, nscore: scores[d]! * inv, coverage: cover[d]! * inv, rank: heapRank[i]! }));
    out.sort((a, b) => b.rank - a.rank || a.doc - b.doc);
    return out;
  }

}
