/**
 * Text folding shared by indexing, querying and highlighting: NFKC turns full-width letters,
 * digits and punctuation into ASCII (１６号 → 16号, ＡＢＣ → ABC) and lowercasing makes Latin
 * search case-insensitive. Index and query must fold identically or terms stop matching.
 */
export function foldText(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/** Letters (incl. CJK), digits and combining marks: the characters FTS tokenizers keep. */
export const WORD_CHARS = /[\p{L}\p{N}\p{M}]/u;
const NON_WORD_RUN = /[^\p{L}\p{N}\p{M}]+/u;
const ALL_WORD = /^[\p{L}\p{N}\p{M}]+$/u;

/**
 * Splits a segmenter token on anything that is not a letter or digit, so that what we emit is
 * exactly what SQLite `unicode61` and PostgreSQL's `simple` parser would see as one token
 * (jieba keeps `11370305mb28550270-2022` together; both engines would split it differently).
 */
export function wordParts(token: string): string[] {
  // Most tokens are a plain word or a lone punctuation mark; skip the split for those.
  if (ALL_WORD.test(token)) return [token];
  if (!WORD_CHARS.test(token)) return [];
  return token.split(NON_WORD_RUN).filter((p) => p !== '');
}

/** Code units that are certainly word characters: a-z, 0-9, CJK Unified Ideographs (and Ext. A). */
const isPlainWordUnit = (c: number): boolean =>
  (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x3400 && c <= 0x4dbf);

/**
 * `tokens.flatMap(wordParts).join(' ')`, several times faster on long documents: almost every
 * folded token is plain Han or lowercase ASCII, which a code-unit check recognises without a
 * Unicode-property regular expression; only the rest go through wordParts.
 */
export function joinWordParts(tokens: readonly string[]): string {
  // Collected and joined once: a string built by `+=` is a rope of one node per token, which
  // costs the garbage collector dearly when thousands of documents are held for a batch.
  const out: string[] = [];
  for (const token of tokens) {
    let plain = token.length > 0;
    for (let i = 0; i < token.length; i++) {
      if (!isPlainWordUnit(token.charCodeAt(i))) {
        plain = false;
        break;
      }
    }
    if (plain) out.push(token);
    else for (const part of wordParts(token)) out.push(part);
  }
  return out.join(' ');
}

/** One CJK ideograph (Han), the only kind of single character we treat as too vague to search. */
export const isSingleHan = (token: string): boolean => /^\p{Script=Han}$/u.test(token);
