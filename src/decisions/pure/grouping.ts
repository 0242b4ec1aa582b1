// Grouping of identical and near-identical comments (campaigns with small variations).
//
// 1. Identical after normalisation (normalize.ts) → one text.
// 2. Each distinct text → its set of character 3-gram shingles (32-bit FNV-1a hashes).
// 3. MinHash signature of 64 values; LSH with 16 bands × 4 rows puts texts with Jaccard ≳ 0.5 in a
//    shared bucket with high probability.
// 4. Candidates from a bucket are verified by their exact shingle Jaccard (≥ threshold, default 0.6)
//    against at most a few anchors per bucket, and joined with union–find.
// 5. Stance guard: texts of opposite stance (支持/同意/赞成 against 反对/不同意…) never join, not even through a
//    neutral text (each group keeps the stance of its members): an opposing opinion written on the same
//    words is not a copy (found by the labelled set in bench/decisions/grouping-quality.ts).
// 6. Long and shortened copies: a comment still alone (≥ 20 characters) whose shingles and those of a campaign's
//    most frequent text (a group of ≥ 3 comments, that text ≥ 20 characters) overlap by ≥ 80% of the shorter of
//    the two joins it — a campaign copy with a personal paragraph added, or with sentences left out, whose
//    whole-text Jaccard is below the threshold. Found through an inverted index of the campaigns'
//    shingles, so the cost stays linear.
// Deterministic: the same input gives the same groups. `naiveGroups` is the all-pairs baseline
// (exact Jaccard of every pair of distinct texts, same steps 5–6) used to measure speed and agreement.

export type GroupInput = { id: number; norm: string };
export type Grouping = { groups: number[][] };

const K = 3;
const HASHES = 64;
const BANDS = 16;
const ROWS = HASHES / BANDS;
const MAX_ANCHORS = 8;
export const DEFAULT_THRESHOLD = 0.6;
const CONTAINMENT = 0.8;
const MIN_CAMPAIGN = 3;
const MIN_CONTAINED_SHINGLES = 18;

export type Stance = 'for' | 'against' | null;
const AGAINST = /(?<!不)反对|不(?:同意|赞成|支持|认可)/g;
const FOR = /同意|赞成|支持|拥护|认可/;
/** The stance a normalised comment states, when it states exactly one. */
export function stanceOf(norm: string): Stance {
  const against = AGAINST.test(norm);
  AGAINST.lastIndex = 0;
  const pro = FOR.test(norm.replace(AGAINST, ''));
  return against === pro ? null : against ? 'against' : 'for';
}

function fnv1a(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Sorted distinct shingle hashes of a normalised text (the whole text when shorter than K). */
export function shingles(norm: string): Uint32Array {
  const chars = [...norm];
  const set = new Set<number>();
  if (chars.length <= K) set.add(fnv1a(norm, 0, norm.length));
  else {
    // Work on UTF-16 offsets of code points so astral characters stay whole.
    const offs: number[] = [];
    let o = 0;
    for (const ch of chars) { offs.push(o); o += ch.length; }
    offs.push(o);
    for (let i = 0; i + K <= chars.length; i++) set.add(fnv1a(norm, offs[i]!, offs[i + K]!));
  }
  return Uint32Array.from(set).sort();
}

export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0, j = 0, inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { inter++; i++; j++; } else if (a[i]! < b[j]!) i++; else j++;
  }
  const union = a.length + b.length - inter;
  return union === 0 ? 1 : inter / union;
}

const SEEDS = Array.from({ length: HASHES }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) ^ 0x85ebca6b) >>> 0);
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function minhash(sh: Uint32Array): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (let k = 0; k < sh.length; k++) {
    const x = sh[k]!;
    for (let i = 0; i < HASHES; i++) {
      const v = mix(x, SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** Union–find whose sets keep a stance: sets of opposite stance are never joined. */
class UnionFind {
  readonly p: Int32Array;
  readonly stance: Stance[];
  constructor(stances: Stance[]) {
    this.p = Int32Array.from({ length: stances.length }, (_, i) => i);
    this.stance = [...stances];
  }
  find(x: number): number {
    while (this.p[x] !== x) { this.p[x] = this.p[this.p[x]!]!; x = this.p[x]!; }
    return x;
  }
  /** Joins the sets of a and b; false when they state opposite stances. */
  union(a: number, b: number): boolean {
    const ra = this.find(a), rb = this.find(b);
    if (ra === rb) return true;
    const sa = this.stance[ra], sb = this.stance[rb];
    if (sa && sb && sa !== sb) return false;
    const root = Math.min(ra, rb);
    this.p[Math.max(ra, rb)] = root;
    this.stance[root] = sa ?? sb ?? null;
    return true;
  }
}

/** Step 6: comments still alone that contain most of a campaign's most frequent text join that campaign. */
function absorbLongCopies(uf: UnionFind, sh: Uint32Array[], ids: number[][]): void {
  const size = new Map<number, number>();
  const texts = new Map<number, number>();
  const rep = new Map<number, number>();
  for (let t = 0; t < sh.length; t++) {
    const r = uf.find(t);
    size.set(r, (size.get(r) ?? 0) + ids[t]!.length);
    texts.set(r, (texts.get(r) ?? 0) + 1);
    const cur = rep.get(r);
    if (cur === undefined || ids[t]!.length > ids[cur]!.length) rep.set(r, t);
  }
  const reps = [...rep].filter(([r, t]) => size.get(r)! >= MIN_CAMPAIGN && sh[t]!.length >= MIN_CONTAINED_SHINGLES).map(([, t]) => t);
  if (!reps.length) return;
  const index = new Map<number, number[]>();
  for (const t of reps) for (const x of sh[t]!) { const l = index.get(x); if (l) l.push(t); else index.set(x, [t]); }
  for (let t = 0; t < sh.length; t++) {
    // Only a text that is alone (its identical copies aside) and long enough to say something.
    if (uf.find(t) !== t || texts.get(t)! > 1 || sh[t]!.length < MIN_CONTAINED_SHINGLES) continue;
    const hits = new Map<number, number>();
    for (const x of sh[t]!) for (const r of index.get(x) ?? []) hits.set(r, (hits.get(r) ?? 0) + 1);
    let best = -1, bestShare = 0;
    for (const [r, n] of hits) {
      // Overlap coefficient: the campaign text inside a longer copy, or a shortened copy inside the campaign text.
      const share = n / Math.min(sh[r]!.length, sh[t]!.length);
      if (share > bestShare || (share === bestShare && r < best)) { best = r; bestShare = share; }
    }
    if (best >= 0 && bestShare >= CONTAINMENT) uf.union(best, t);
  }
}

/** Distinct normalised texts and, for each, the comment ids carrying it. */
function distinctTexts(items: readonly GroupInput[]): { texts: string[]; ids: number[][] } {
  const byText = new Map<string, number[]>();
  for (const it of items) {
    const l = byText.get(it.norm);
    if (l) l.push(it.id); else byText.set(it.norm, [it.id]);
  }
  return { texts: [...byText.keys()], ids: [...byText.values()] };
}

function collect(uf: UnionFind, ids: number[][]): number[][] {
  const comp = new Map<number, number[]>();
  for (let t = 0; t < ids.length; t++) {
    const r = uf.find(t);
    const l = comp.get(r);
    if (l) l.push(...ids[t]!); else comp.set(r, [...ids[t]!]);
  }
  return [...comp.values()].filter((g) => g.length > 1).map((g) => g.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}

/** Groups (size ≥ 2, ids ascending, groups by first id) of identical and near-identical comments. */
export function groupComments(items: readonly GroupInput[], threshold = DEFAULT_THRESHOLD): Grouping {
  const { texts, ids } = distinctTexts(items);
  const sh = texts.map(shingles);
  const sigs = sh.map(minhash);
  const uf = new UnionFind(texts.map(stanceOf));
  for (let b = 0; b < BANDS; b++) {
    const buckets = new Map<string, number[]>();
    for (let t = 0; t < texts.length; t++) {
      const s = sigs[t]!;
      let key = '';
      for (let r = 0; r < ROWS; r++) key += s[b * ROWS + r]!.toString(36) + ',';
      const l = buckets.get(key);
      if (l) l.push(t); else buckets.set(key, [t]);
    }
    for (const members of buckets.values()) {
      if (members.length < 2) continue;
      const anchors: number[] = [members[0]!];
      for (let m = 1; m < members.length; m++) {
        const t = members[m]!;
        let joined = false;
        for (const a of anchors) {
          if (uf.find(a) === uf.find(t)) { joined = true; break; }
          if (jaccard(sh[a]!, sh[t]!) >= threshold && uf.union(a, t)) { joined = true; break; }
        }
        if (!joined && anchors.length < MAX_ANCHORS) anchors.push(t);
      }
    }
  }
  absorbLongCopies(uf, sh, ids);
  return { groups: collect(uf, ids) };
}

/** Baseline: exact Jaccard over every pair of distinct texts (quadratic). */
export function naiveGroups(items: readonly GroupInput[], threshold = DEFAULT_THRESHOLD): Grouping {
  const { texts, ids } = distinctTexts(items);
  const sh = texts.map(shingles);
  const uf = new UnionFind(texts.map(stanceOf));
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) if (jaccard(sh[i]!, sh[j]!) >= threshold) uf.union(i, j);
  }
  absorbLongCopies(uf, sh, ids);
  return { groups: collect(uf, ids) };
}

/** How two groupings agree: pairs of comments put together by both / by either (pairwise F1 parts). */
export function pairAgreement(a: Grouping, b: Grouping): { precision: number; recall: number } {
  const lb = new Map<number, number>();
  b.groups.forEach((grp, i) => grp.forEach((id) => lb.set(id, i)));
  const count = (g: Grouping) => g.groups.reduce((s, x) => s + (x.length * (x.length - 1)) / 2, 0);
  // Pairs together in both: for each group of a, count pairs sharing a label in b.
  let both = 0;
  for (const grp of a.groups) {
    const byB = new Map<number, number>();
    for (const id of grp) { const l = lb.get(id); if (l !== undefined) byB.set(l, (byB.get(l) ?? 0) + 1); }
    for (const n of byB.values()) both += (n * (n - 1)) / 2;
  }
  const pa = count(a), pb = count(b);
  return { precision: pa ? both / pa : 1, recall: pb ? both / pb : 1 };
}
