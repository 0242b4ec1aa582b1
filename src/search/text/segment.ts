import { Jieba } from '@node-rs/jieba';
// The package has no "exports" map, so Node's ESM resolver needs the file extension here.
import { dict } from '@node-rs/jieba/dict.js';
import { foldText, isSingleHan, joinWordParts, wordParts } from './normalize.js';
import { STOPWORDS } from './stopwords.js';

export { STOPWORDS } from './stopwords.js';
export { highlight } from './highlight.js';
export type { HighlightOptions, HighlightSegment } from './highlight.js';
export { isDocNumberLike, normalizeDocNumber } from './doc-number.js';

let instance: Jieba | undefined;

/** Building the dictionary takes ~250 ms, so do it on first use rather than at import. */
function jieba(): Jieba {
  instance ??= Jieba.withDict(dict);
  return instance;
}

/**
 * Text for a full-text column: jieba search-mode tokens (long words plus their dictionary
 * sub-words, so 保障性租赁住房 is findable by 保障性 and by 保障), folded to half-width
 * lowercase, punctuation dropped, joined by single spaces. Feed it to SQLite FTS5 with the
 * `unicode61` tokenizer or to PostgreSQL `to_tsvector('simple', …)`; both then split on the
 * spaces only. Stopwords are kept so token positions (phrase queries) stay meaningful.
 *
 * @example segmentForIndex('关于保障性租赁住房的通知') // '关于 保障 保障性 租赁 住房 的 通知'
 */
export function segmentForIndex(text: string): string {
  const folded = foldText(text);
  if (folded.trim() === '') return '';
  return joinWordParts(jieba().cutForSearch(folded, true));
}

/**
 * Search terms for a user query: precise-mode words (each is also in the index, because the
 * index holds search-mode tokens, a superset), folded like the index, deduplicated, without
 * stopwords and punctuation. A single Han character matches too much to be useful as one of
 * several terms, so it is kept only when it is the whole query.
 *
 * @example segmentQuery('关于义务教育招生划片的通知') // ['义务教育', '招生', '划片', '通知']
 */
export function segmentQuery(q: string): string[] {
  const folded = foldText(q);
  const words = jieba().cut(folded, true).flatMap(wordParts);
  const wholeQueryIsOneHan = words.length === 1 && isSingleHan(words[0]);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of words) {
    if (seen.has(w) || STOPWORDS.has(w)) continue;
    if (isSingleHan(w) && !wholeQueryIsOneHan) continue;
    seen.add(w);
    out.push(w);
  }
  return out;
}
