/**
 * Quality of the grouping of identical and near-identical comments against a hand-labelled set
 * (bench/decisions/labelled.ts: campaigns with small edits, re-submissions, identical short answers,
 * a counter-campaign on another campaign's template, near-identical texts of opposite stance, distinct
 * opinions). In one run, for every method: pairwise precision / recall / F1 (pairs of comments put
 * together) and B-cubed precision / recall / F1 (per comment), and the mistakes by name:
 *   - exact-text match (the simple baseline), and exact match after normalisation;
 *   - groupComments: the shipped MinHash/LSH over character 3-grams (src/decisions/pure/grouping.ts);
 *   - naiveGroups: the same similarity over all pairs (what LSH approximates);
 *   - jieba word 2-grams, all pairs, Jaccard ≥ 0.5 (a word-based alternative, for comparison).
 *
 * Two sets: labelled.ts, on which the stance guard and the long-copy step were designed, and heldout.ts, written
 * after them and never used to change them.
 *
 *   node --import tsx bench/decisions/grouping-quality.ts        (VERBOSE=1 names the mistakes)
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { groupComments, naiveGroups } from '../../src/decisions/pure/grouping.js';
import { normalizeComment } from '../../src/decisions/pure/normalize.js';
import { HELDOUT } from './heldout.js';
import { LABELLED, type Labelled } from './labelled.js';

type Clusters = number[][];
/** Map.groupBy is Node 21+; the project supports Node 20. */
function groupBy<T, K>(xs: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of xs) { const k = key(x); const l = m.get(k); if (l) l.push(x); else m.set(k, [x]); }
  return m;
}
const jieba = Jieba.withDict(dict);
function wordBigrams(text: string): Set<string> {
  const words = jieba.cut(normalizeComment(text), false).filter((w) => w.trim());
  const s = new Set<string>();
  if (words.length === 1) s.add(words[0]!);
  for (let i = 0; i + 1 < words.length; i++) s.add(`${words[i]} ${words[i + 1]}`);
  return s;
}
function evaluate(name: string, set: readonly Labelled[]): void {
  const items = set.map((c, i) => ({ ...c, id: i + 1 }));
  const labelOf = new Map(items.map((c) => [c.id, c.label]));

  /** Every comment in exactly one cluster (groups of the method, the rest alone). */
  function complete(groups: number[][]): Clusters {
    const seen = new Set(groups.flat());
    return [...groups, ...items.filter((c) => !seen.has(c.id)).map((c) => [c.id])];
  }
  const truth: Clusters = [...groupBy(items, (c) => c.label).values()].map((g) => g.map((c) => c.id));

  function pairwise(pred: Clusters) {
    const together = (cl: Clusters) => {
      const s = new Set<string>();
      for (const g of cl) for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) s.add(`${Math.min(g[i]!, g[j]!)}-${Math.max(g[i]!, g[j]!)}`);
      return s;
    };
    const t = together(truth), p = together(pred);
    const both = [...p].filter((x) => t.has(x)).length;
    const precision = p.size ? both / p.size : 1, recall = t.size ? both / t.size : 1;
    return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, truePairs: t.size, predPairs: p.size };
  }

  function bcubed(pred: Clusters) {
    const predOf = new Map<number, number[]>();
    for (const g of pred) for (const id of g) predOf.set(id, g);
    const truthOf = new Map<number, number[]>();
    for (const g of truth) for (const id of g) truthOf.set(id, g);
    let p = 0, r = 0;
    for (const c of items) {
      const pg = predOf.get(c.id)!, tg = truthOf.get(c.id)!;
      const inter = pg.filter((x) => labelOf.get(x) === c.label).length;
      p += inter / pg.length;
      r += inter / tg.length;
    }
    const precision = p / items.length, recall = r / items.length;
    return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
  }

  /** Named mistakes: comments of a multi-comment label left outside its largest cluster; clusters mixing labels. */
  function mistakes(pred: Clusters) {
    const missed: string[] = [];
    for (const tg of truth) {
      if (tg.length < 2) continue;
      const best = pred.map((g) => g.filter((x) => tg.includes(x)).length).reduce((a, b) => Math.max(a, b), 0);
      const host = pred.find((g) => g.filter((x) => tg.includes(x)).length === best)!;
      for (const id of tg) if (!host.includes(id)) missed.push(`${labelOf.get(id)}#${id}`);
    }
    const mixed = pred.filter((g) => new Set(g.map((x) => labelOf.get(x))).size > 1).map((g) => [...new Set(g.map((x) => labelOf.get(x)))].join('+'));
    return { missed, mixed };
  }

  function jiebaGroups(threshold = 0.5): number[][] {
    const sets = items.map((c) => wordBigrams(c.text));
    const parent = items.map((_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = sets[i]!, b = sets[j]!;
        let inter = 0;
        for (const x of a) if (b.has(x)) inter++;
        const union = a.size + b.size - inter;
        if (union && inter / union >= threshold) parent[find(j)] = find(i);
      }
    }
    const byRoot = groupBy(items.map((c, i) => ({ id: c.id, r: find(i) })), (x) => x.r);
    return [...byRoot.values()].map((g) => g.map((x) => x.id)).filter((g) => g.length > 1);
  }

  function exactGroups(key: (t: string) => string): number[][] {
    return [...groupBy(items, (c) => key(c.text)).values()].map((g) => g.map((c) => c.id)).filter((g) => g.length > 1);
  }

  const input = items.map((c) => ({ id: c.id, norm: normalizeComment(c.text) }));
  const methods: [string, () => number[][]][] = [
    ['exact text (baseline)', () => exactGroups((t) => t)],
    ['exact after normalisation', () => exactGroups(normalizeComment)],
    ['groupComments (char 3-gram MinHash/LSH, J ≥ 0.6)', () => groupComments(input).groups],
    ['naiveGroups (char 3-gram, all pairs, J ≥ 0.6)', () => naiveGroups(input).groups],
    ['jieba word 2-grams, all pairs, J ≥ 0.5', () => jiebaGroups(0.5)],
  ];

  const f = (x: number) => x.toFixed(3);
  console.log(`\n${name}: ${items.length} comments, ${truth.filter((g) => g.length > 1).length} true groups (${truth.filter((g) => g.length > 1).reduce((s, g) => s + g.length, 0)} comments), ${truth.filter((g) => g.length === 1).length} alone`);
  console.log('method | pairwise P | pairwise R | pairwise F1 | B³ P | B³ R | B³ F1 | missed | mixed groups');
  for (const [name, run] of methods) {
    const t0 = performance.now();
    const pred = complete(run());
    const ms = performance.now() - t0;
    const pw = pairwise(pred), b3 = bcubed(pred), m = mistakes(pred);
    console.log(`${name} | ${f(pw.precision)} | ${f(pw.recall)} | ${f(pw.f1)} | ${f(b3.precision)} | ${f(b3.recall)} | ${f(b3.f1)} | ${m.missed.length} | ${m.mixed.length} (${ms.toFixed(0)} ms)`);
    if (process.env.VERBOSE) console.log(`   missed: ${m.missed.join(' ')}\n   mixed: ${m.mixed.join(' | ')}`);
  }
}

evaluate('labelled.ts (the defects were found and fixed on it)', LABELLED);
evaluate('heldout.ts (written after the fix, never tuned on)', HELDOUT);
