// Second stage of the answer ranking: once the documents are chosen by their whole-document score, the
// articles inside each are ranked by the question's words weighted by how rare they are AMONG THAT
// DOCUMENT'S ARTICLES (in a policy on 临时救助 every article says 救助; the article that answers 多久 is the
// one with 工作日). Matching is by substring on the clause text, so a word the dictionary splits differently
// still matches, and a word the collection lacks backs off to its character bigrams. Pure functions.
import { foldText } from '../search/public.js';
import type { QueryConcept } from './analyze.js';

export type RankParams = {
  /** Intent words (多久, 多少钱 …) count this much inside a document (they are what tells articles apart). */
  softLocal: number;
  /** Share of the article score from its heading (chapter path, a short first line such as 二、补助标准). */
  head: number;
  /** Bonus for pairs of neighbouring question words found close together in the article. */
  proximity: number;
  /** Characters apart that still count as close. */
  window: number;
  /** A word found nowhere in the document: credit per share of its character bigrams found in the article. */
  bigram: number;
  /** Share of the article score from the question's own character bigrams (catches 育儿假 when the analyser kept only 育儿). */
  phrase: number;
};

export const RANK_PARAMS: RankParams = { softLocal: 1, head: 0.25, proximity: 0.15, window: 8, bigram: 0.5, phrase: 0.3 };

/** title: the document's title, read with the heading (it answers 什么文件 questions and carries the topic). */
export type LocalClause = { text: string; path: string; title?: string };
/** credit: per question word, what the article holds of it (0…1: the best alternative's weight; bigram back-off less). */
export type LocalScore = { score: number; coverage: number; credit: number[] };

const bigrams = (w: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i + 2 <= w.length; i++) out.push(w.slice(i, i + 2));
  return [...new Set(out)];
};

/** Where in `text` the best alternative of a concept occurs: weight and position (-1 when absent). */
function bestAlt(text: string, c: QueryConcept): { w: number; at: number; len: number } {
  let w = 0, at = -1, len = 0;
  for (const a of c.alts) {
    if (a.weight <= w) continue;
    const i = text.indexOf(a.term);
    if (i >= 0) { w = a.weight; at = i; len = a.term.length; }
  }
  return { w, at, len };
}

/**
 * Scores the articles of ONE document against the question. score: 0…1 (weighted share of the question's
 * words the article holds, words weighted by their rarity within the document, plus heading and proximity
 * bonuses); coverage: the plain share of the question's words found in the article (0…1).
 */
export function scoreWithinDocument(clauses: readonly LocalClause[], concepts: readonly QueryConcept[], question = '', p: RankParams = RANK_PARAMS): LocalScore[] {
  const n = clauses.length;
  if (n === 0 || concepts.length === 0) return clauses.map(() => ({ score: 0, coverage: 0, credit: [] }));
  const bodies = clauses.map((c) => foldText(c.text));
  const heads = clauses.map((c, i) => {
    const first = bodies[i]!.split('\n')[0]!;
    return foldText(`${c.title ?? ''}\n${c.path}`) + (first.length <= 24 ? `\n${first}` : '');
  });
  // match[q][c]: the credit of concept q in clause c (0…1); at[q][c]: its position.
  const match: Float64Array[] = [];
  const pos: Int32Array[] = [];
  const inHead: Uint8Array[] = [];
  for (const c of concepts) {
    const m = new Float64Array(n);
    const at = new Int32Array(n).fill(-1);
    const h = new Uint8Array(n);
    let any = false;
    for (let i = 0; i < n; i++) {
      const b = bestAlt(bodies[i]!, c);
      const hb = bestAlt(heads[i]!, c);
      m[i] = Math.max(b.w, hb.w);
      at[i] = b.at;
      if (hb.w > 0) h[i] = 1;
      if (m[i]! > 0) any = true;
    }
    // A word no article holds (colloquial, out of the dictionary, a typo): back off to its character bigrams.
    if (!any && c.term.length >= 3 && /^\p{Script=Han}+$/u.test(c.term)) {
      const bg = bigrams(c.term);
      for (let i = 0; i < n; i++) {
        const k = bg.filter((g) => bodies[i]!.includes(g)).length;
        if (k > 0) m[i] = p.bigram * (k / bg.length);
      }
    }
    match.push(m); pos.push(at); inHead.push(h);
  }
  // Weight of each concept: its rarity among this document's articles (a word in every article tells none apart).
  const weights = concepts.map((c, q) => {
    let df = 0;
    for (let i = 0; i < n; i++) if (match[q]![i]! > 0) df++;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return idf * (c.soft ? p.softLocal : 1);
  });
  const total = weights.reduce((s, w) => s + w, 0);
  // The question's character bigrams (Han and digits), weighted by their rarity among the articles.
  const grams = bigramsOfQuestion(question);
  const gramHit = grams.map((g) => bodies.map((b) => b.includes(g)));
  const gramW = gramHit.map((hits) => {
    const df = hits.filter(Boolean).length;
    return df === 0 ? 0 : Math.log(1 + (n - df + 0.5) / (df + 0.5));
  });
  const gramTotal = gramW.reduce((s, w) => s + w, 0);
  const out: LocalScore[] = [];
  for (let i = 0; i < n; i++) {
    let body = 0, head = 0, found = 0;
    for (let q = 0; q < concepts.length; q++) {
      const m = match[q]![i]!;
      if (m > 0) found++;
      body += weights[q]! * m;
      if (inHead[q]![i]) head += weights[q]!;
    }
    let close = 0, pairs = 0;
    for (let q = 0; q + 1 < concepts.length; q++) {
      if (concepts[q]!.soft || concepts[q + 1]!.soft) continue;
      pairs++;
      const a = pos[q]![i]!, b = pos[q + 1]![i]!;
      if (a >= 0 && b >= 0 && Math.abs(a - b) <= p.window + concepts[q]!.term.length) close++;
    }
    let gram = 0;
    for (let g = 0; g < grams.length; g++) if (gramHit[g]![i]) gram += gramW[g]!;
    const words = total > 0 ? ((1 - p.head) * body + p.head * head) / total : 0;
    const s = gramTotal > 0 ? (1 - p.phrase) * words + p.phrase * (gram / gramTotal) : words;
    out.push({ score: s + (pairs ? p.proximity * (close / pairs) : 0), coverage: found / concepts.length, credit: concepts.map((_, q) => match[q]![i]!) });
  }
  return out;
}

/** Character bigrams of the question's runs of Han characters and digits (folded). */
export function bigramsOfQuestion(q: string): string[] {
  const out = new Set<string>();
  for (const run of foldText(q).match(/[\p{Script=Han}\p{N}]+/gu) ?? []) for (let i = 0; i + 2 <= run.length; i++) out.add(run.slice(i, i + 2));
  return [...out];
}
