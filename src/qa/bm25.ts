// In-process BM25F over short documents (clauses, curated entries). Built once from the database and
// reused until the public content or the qa data change. Postings hold the saturated field-weighted term
// frequency; a query walks the postings of its terms together, skipping those that cannot reach the top (search).
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
/** Doc ids ascending and their weights; n of the capacity used; live = documents not removed; maxW: the largest weight (an upper bound once documents are removed). */
type Posting = { docs: Int32Array; w: Float32Array; n: number; live: number; maxW: number };

export class Bm25Index {
  /** Live documents (ids of removed ones are not reused). */
  size: number;
  /** Postings: doc ids ascending; n of the capacity used; live = documents not removed. */
  readonly #postings = new Map<string, Posting>();
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
      const w = Float32Array.from(p.w);
      let maxW = 0;
      for (let i = 0; i < w.length; i++) if (w[i]! > maxW) maxW = w[i]!;
      this.#postings.set(t, { docs: Int32Array.from(p.docs), w, n: p.docs.length, live: p.docs.length, maxW });
      this.#indexChars(t);
    }
  }

  /** A document's term weights as its postings hold them (before single-precision storage); for tests. */
  termWeights(d: BmDoc): Map<string, number> {
    return this.#weights(d);
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
    for (const [t, v] of this.#weights(d)) {
      let p = this.#postings.get(t);
      if (!p) {
        this.#postings.set(t, (p = { docs: new Int32Array(4), w: new Float32Array(4), n: 0, live: 0, maxW: 0 }));
        this.#indexChars(t);
      }
      if (p.n === p.docs.length) {
        const docs = new Int32Array(p.docs.length * 2); docs.set(p.docs); p.docs = docs;
        const w = new Float32Array(p.w.length * 2); w.set(p.w); p.w = w;
      }
      p.docs[p.n] = id; p.w[p.n] = v; p.n++; p.live++;
      if (p.w[p.n - 1]! > p.maxW) p.maxW = p.w[p.n - 1]!;
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
  /** nearWords' test of the typed character against the vocabulary's (default: any; the engine sets "sounds alike"). */
  alike: (typed: string, meant: string) => boolean = () => true;
  /**
   * What a plain word (QueryConcept.plain: 看到, 偷偷) the collection lacks is worth, as a share of maxIdf. The engine sets
   * it from EngineParams.plainAbsent (0.25); a bare index weighs such a word like any unknown word.
   */
  plainAbsent = 1;
  /** What an unknown word is worth for coverage (it makes an answer less certain). */
  maxIdf(): number {
    return Math.log(1 + (Math.max(this.size, COVERAGE_MIN_DOCS) + 0.5) / 0.5);
  }

  /**
   * Vocabulary words one substitution away (same length, one different character, that character passing `alike`):
   * typo alternatives.
   */
  nearWords(w: string): string[] {
    if (w.length < 2 || this.df(w) > 0) return [];
    const out: string[] = [];
    const cand = new Set<string>();
    for (const ch of new Set(w)) for (const t of this.#byChar.get(ch) ?? []) if (t.length === w.length && this.df(t) > 0) cand.add(t);
    for (const t of cand) {
      let diff = 0, at = -1;
      for (let i = 0; i < w.length && diff < 2; i++) if (t[i] !== w[i]) { diff++; at = i; }
      if (diff === 1 && this.alike(w[at]!, t[at]!)) out.push(t);
    }
    return out.sort((a, b) => this.df(b) - this.df(a)).slice(0, 3);
  }

  /**
   * Scores every document matching a concept. Returns, per matched doc, the BM25 score and the
   * idf-weighted share of the question's concepts it matches (coverage, 0…1), the best `limit` by rank.
   *
   * The figures are those of one pass adding, document by document, every alternative's share in the
   * question's order (concept by concept, alternative by alternative) — done so that most postings are
   * never read: the lists are walked together in blocks of BLOCK document ids (accumulators that stay in
   * the processor cache), and a list is "essential" unless the lists set aside could not, together, lift a
   * document to a fifth of the question (the least coverage ranked) or above the `limit`-th rank found so
   * far (max-score pruning). Only documents of essential lists are ranked; set-aside lists are looked up
   * for those documents only, and blocks without an essential document are skipped.
   */
  search(concepts: readonly QueryConcept[], limit: number, accept?: (doc: number) => boolean, mix = RANK_MIX): Hit[] {
    if (concepts.length === 0 || this.size === 0) return [];
    // Per concept: its weight for coverage and its alternatives found in the collection.
    type Alt = { docs: Int32Array; w: Float32Array; n: number; idf: number; crF: number; concept: number; cover: number; scoreMax: number };
    const plan: { conceptIdf: number; alts: Alt[] }[] = [];
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
      const base = this.df(c.term) > 0 ? this.coverIdf(c.term) : strong.length ? Math.max(...strong.map((a) => this.coverIdf(a.term))) : maxIdf * (c.plain ? this.plainAbsent : 1);
      const conceptIdf = Math.min(base, maxIdf) * f;
      totalIdf += conceptIdf;
      const concept = plan.length;
      plan.push({ conceptIdf, alts: alts.map((a) => {
        const p = this.#postings.get(a.term)!;
        const idf = this.idf(a.term) * a.weight;
        // The credit is kept at single precision (as the first implementation's Float32Array held it).
        const crF = Math.fround(a.weight * Math.min(1, this.coverIdf(a.term) / base));
        return { docs: p.docs, w: p.w, n: p.n, idf, crF, concept, cover: conceptIdf * crF, scoreMax: idf * p.maxW };
      }) });
    }
    if (totalIdf <= 0) return [];
    const alts = plan.flatMap((c) => c.alts);
    const nAlts = alts.length;
    const inv = 1 / totalIdf;
    const BLOCK = Bm25Index.BLOCK;
    const dead = this.#dead;
    const removed = this.#removed > 0;
    const end = this.#next;

    // Essential lists for the rank threshold `theta` (-Infinity: none yet): the commonest lists are set
    // aside while a document found in none but them stays provably out — its coverage under a fifth, or
    // its rank under theta (bounds with a margin far above rounding).
    const byDf = alts.map((_, i) => i).sort((x, y) => alts[y]!.n - alts[x]!.n || x - y);
    // Small per-query arrays are plain (a typed array over 64 bytes gets its own backing store for the collector to sweep).
    const essential = new Array<number>(nAlts).fill(0);
    const asideCover = new Array<number>(plan.length).fill(0);
    const chooseEssential = (theta: number): number[] => {
      essential.fill(1);
      asideCover.fill(0);
      let cover = 0, score = 0;
      for (const i of byDf) {
        const a = alts[i]!;
        const was = asideCover[a.concept]!;
        const nextCover = cover - was + Math.max(was, a.cover);
        const nextScore = score + a.scoreMax;
        const coverage = nextCover * inv;
        const bound = mix * coverage + (1 - mix) * nextScore * inv;
        if (!(coverage < 0.2 * (1 - 1e-9) || bound * (1 + 1e-9) + 1e-12 < theta)) continue;
        cover = nextCover; score = nextScore;
        asideCover[a.concept] = Math.max(was, a.cover);
        essential[i] = 0;
      }
      const out: number[] = [];
      for (let i = 0; i < nAlts; i++) if (essential[i]) out.push(i);
      return out;
    };
    let ess = chooseEssential(-Infinity);
    if (ess.length === 0) return [];

    // Accumulators of one block, reused across queries (search is synchronous): score, coverage, the best
    // credit of the current concept, whether a document is ranked here; all zero between blocks.
    if (!this.#score || this.#score.length !== BLOCK) {
      this.#score = new Float64Array(BLOCK); this.#cover = new Float64Array(BLOCK); this.#credit = new Float64Array(BLOCK);
      this.#mark = new Uint8Array(BLOCK); this.#cands = new Int32Array(BLOCK);
    }
    const sc = this.#score, cv = this.#cover!, cd = this.#credit!, mark = this.#mark!, cands = this.#cands!;
    const cursor = new Array<number>(nAlts).fill(0);
    const scanned = new Array<number>(nAlts).fill(0); // read whole in the current block (else looked up per candidate)

    // Top `limit` by rank with a small binary heap (no sort of every matching document).
    const heapDocs: number[] = [];
    const heapRank: number[] = [];
    const heapScore: number[] = [];
    const heapCover: number[] = [];
    const less = (i: number, j: number) => heapRank[i]! < heapRank[j]! || (heapRank[i] === heapRank[j] && heapDocs[i]! > heapDocs[j]!);
    const swap = (i: number, j: number) => {
      const d = heapDocs[i]!; heapDocs[i] = heapDocs[j]!; heapDocs[j] = d;
      const r = heapRank[i]!; heapRank[i] = heapRank[j]!; heapRank[j] = r;
      const s = heapScore[i]!; heapScore[i] = heapScore[j]!; heapScore[j] = s;
      const c = heapCover[i]!; heapCover[i] = heapCover[j]!; heapCover[j] = c;
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
    const offer = (d: number, score: number, cover: number) => {
      const coverage = cover * inv;
      // Documents that match under a fifth of the question cannot win.
      if (coverage < 0.2) return;
      const rank = mix * coverage + (1 - mix) * score * inv;
      if (heapDocs.length >= limit && (rank < heapRank[0]! || (rank === heapRank[0] && d > heapDocs[0]!))) return;
      if (accept && !accept(d)) return;
      if (heapDocs.length < limit) {
        heapDocs.push(d); heapRank.push(rank); heapScore.push(score); heapCover.push(cover);
        for (let i = heapDocs.length - 1; i > 0;) {
          const p = (i - 1) >> 1;
          if (!less(i, p)) break;
          swap(i, p);
          i = p;
        }
      } else {
        heapDocs[0] = d; heapRank[0] = rank; heapScore[0] = score; heapCover[0] = cover;
        down(0);
      }
    };

    // The block of the first essential document.
    const nextEssential = (): number => {
      let next = end;
      for (const e of ess) { const a = alts[e]!; const i = cursor[e]!; if (i < a.n && a.docs[i]! < next) next = a.docs[i]!; }
      return next;
    };
    let lo = nextEssential();
    lo -= lo % BLOCK;
    for (let k = 0; k < nAlts; k++) cursor[k] = lowerBound(alts[k]!.docs, 0, alts[k]!.n, lo);
    let theta = -Infinity;
    let nCands = 0;
    let dirty = false;
    try {
      while (lo < end) {
        const hi = lo + BLOCK;
        dirty = true;
        // Candidates: the live documents of the essential lists in this block, ascending.
        nCands = 0;
        for (const e of ess) {
          const a = alts[e]!, docs = a.docs, n = a.n;
          for (let i = cursor[e]!; i < n; i++) {
            const d = docs[i]!;
            if (d >= hi) break;
            if (removed && dead[d]) continue;
            const l = d - lo;
            cands[nCands] = l;
            nCands += mark[l]! ^ 1;
            mark[l] = 1;
          }
        }
        // Each list: read whole, or (set aside, and far longer here than the candidates) looked up per candidate.
        let lookups = false;
        for (let k = 0; k < nAlts; k++) {
          const a = alts[k]!;
          const expected = (a.n - cursor[k]!) * BLOCK / Math.max(BLOCK, end - lo);
          scanned[k] = essential[k] || expected < 4 * nCands ? 1 : 0;
          if (!scanned[k]) lookups = true;
        }
        // Look-ups walk the candidates in order.
        if (lookups && ess.length > 1) cands.subarray(0, nCands).sort();
        let k = 0;
        for (const c of plan) {
          const conceptIdf = c.conceptIdf;
          const one = c.alts.length === 1;
          const k0 = k;
          for (const a of c.alts) {
            const docs = a.docs, w = a.w, n = a.n, idf = a.idf, crF = a.crF, add = conceptIdf * crF;
            let i = cursor[k]!;
            if (scanned[k]) {
              for (; i < n; i++) {
                const d = docs[i]!;
                if (d >= hi) break;
                if (removed && dead[d]) continue;
                const l = d - lo;
                sc[l] += idf * w[i]!;
                if (one) cv[l] += add;
                else cd[l] = Math.max(cd[l]!, crF);
              }
            } else {
              for (let t = 0; t < nCands; t++) {
                const d = lo + cands[t]!;
                i = lowerBound(docs, i, n, d);
                if (i >= n) break;
                if (docs[i] !== d) continue;
                const l = d - lo;
                sc[l] += idf * w[i]!;
                if (one) cv[l] += add;
                else cd[l] = Math.max(cd[l]!, crF);
              }
              i = lowerBound(docs, i, n, hi);
            }
            cursor[k++] = i;
          }
          if (one) continue;
          // Several alternatives: the best one's credit counts (only candidates are ranked), then credits are cleared.
          for (let t = 0; t < nCands; t++) { const l = cands[t]!; cv[l] += conceptIdf * cd[l]!; cd[l] = 0; }
          for (let j = k0; j < k; j++) if (scanned[j] && !essential[j]) { cd.fill(0); break; }
        }
        for (let t = 0; t < nCands; t++) {
          const l = cands[t]!;
          mark[l] = 0;
          offer(lo + l, sc[l]!, cv[l]!);
        }
        sc.fill(0);
        cv.fill(0);
        nCands = 0;
        dirty = false;
        // A higher threshold may set more lists aside.
        if (heapDocs.length >= limit && heapRank[0]! > theta) {
          theta = heapRank[0]!;
          ess = chooseEssential(theta);
          if (ess.length === 0) break;
        }
        // On to the block of the next essential document (none left: nothing else can be ranked).
        const next = nextEssential();
        if (next >= end) break;
        const nextLo = next - (next % BLOCK);
        if (nextLo > hi) for (let j = 0; j < nAlts; j++) cursor[j] = lowerBound(alts[j]!.docs, cursor[j]!, alts[j]!.n, nextLo);
        lo = nextLo;
      }
    } finally {
      // An exception (from accept) must not leave a block's figures behind for the next query.
      if (dirty) { sc.fill(0); cv.fill(0); cd.fill(0); mark.fill(0); }
    }
    const out: Hit[] = heapDocs.map((d, i) => ({ doc: d, score: heapScore[i]!, nscore: heapScore[i]! * inv, coverage: heapCover[i]! * inv, rank: heapRank[i]! }));
    out.sort((a, b) => b.rank - a.rank || a.doc - b.doc);
    return out;
  }

  /** Document ids per block of the term-at-a-time pass (the block's accumulators stay in the processor cache). */
  static BLOCK = 4096;
  #score: Float64Array | undefined;
  #cover: Float64Array | undefined;
  #credit: Float64Array | undefined;
  #mark: Uint8Array | undefined;
  #cands: Int32Array | undefined;

}

/** The first index in docs[from, n) holding a value ≥ x (galloping, then binary search). */
function lowerBound(docs: Int32Array, from: number, n: number, x: number): number {
  if (from >= n || docs[from]! >= x) return from;
  let step = 1, lo = from, hi = from + 1;
  while (hi < n && docs[hi]! < x) { lo = hi; step *= 2; hi = lo + step; }
  if (hi > n) hi = n;
  // docs[lo] < x; docs[hi] ≥ x or hi = n
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (docs[m]! < x) lo = m; else hi = m;
  }
  return hi;
}
