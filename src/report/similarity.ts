// How alike two texts are: the Jaccard index of their character bigrams after removing whitespace,
// punctuation and digits (a year or a count changed does not make a copied text new). 1 = same bigrams.
const STRIP = /[\s\p{P}\p{S}\d０-９]/gu;

export const normalizeForSimilarity = (s: string): string => s.replace(STRIP, '');

export function bigrams(s: string): Set<string> {
  const t = normalizeForSimilarity(s);
  const out = new Set<string>();
  if (t.length === 1) out.add(t);
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

export function bigramJaccard(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 && y.size === 0) return 1;
  let inter = 0;
  for (const g of x) if (y.has(g)) inter++;
  return inter / (x.size + y.size - inter);
}

/** At or above this, 第五部分 counts as copied from last year's report. */
export const SIMILARITY_THRESHOLD = 0.7;
/** Fewer characters than this (after normalising) is not a substantive 第五部分. */
export const MIN_PROBLEMS_CHARS = 30;
/** Placeholders that say nothing. */
export const PLACEHOLDERS = new Set(['无', '暂无', '没有', '无问题', '不存在', '无此项', '略', '/', '-', '—', '／']);
