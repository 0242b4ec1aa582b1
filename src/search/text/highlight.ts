import { foldText } from './normalize.js';

export interface HighlightSegment {
  readonly text: string;
  readonly hit: boolean;
}

export interface HighlightOptions {
  /** Snippet length in UTF-16 units, excluding ellipses. Default 160. */
  readonly maxLen?: number;
  /** Marker for cut-off text. Default '…'. */
  readonly ellipsis?: string;
}

/**
 * A folded copy of `text` (see foldText) with, for each folded UTF-16 unit, the original range
 * it came from, so matches found case- and width-insensitively map back to original offsets.
 */
function foldWithMap(text: string): { folded: string; from: number[]; to: number[] } {
  const pieces: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const piece = foldCodePoint(cp, text, i, width);
    for (let k = 0; k < piece.length; k++) {
      from.push(i);
      to.push(i + width);
    }
    pieces.push(piece);
    i += width;
  }
  return { folded: pieces.join(''), from, to };
}

/**
 * foldText of one code point, without calling normalize() for the characters that dominate
 * Chinese documents: ASCII (only A–Z change) and CJK Unified Ideographs (NFKC-stable).
 */
function foldCodePoint(cp: number, text: string, i: number, width: number): string {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 32) : text[i]!;
  if (cp >= 0x4e00 && cp <= 0x9fff) return text[i]!;
  return foldText(text.slice(i, i + width));
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Original-offset ranges of all term occurrences, longest term first at each position. */
function findMatches(text: string, terms: readonly string[]): Array<[number, number]> {
  const folded = [...new Set(terms.map(foldText).filter((t) => t.trim() !== ''))].sort((a, b) => b.length - a.length);
  if (folded.length === 0) return [];
  const map = foldWithMap(text);
  const re = new RegExp(folded.map(escapeRegExp).join('|'), 'gu');
  const ranges: Array<[number, number]> = [];
  for (const m of map.folded.matchAll(re)) {
    const start = map.from[m.index];
    const end = map.to[m.index + m[0].length - 1];
    const last = ranges.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  return ranges;
}

const isLowSurrogate = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
};

const SENTENCE_END = /[。！？；\n]/;

/** Window start: some lead-in before the first hit, snapped to a sentence start when one is near. */
function windowStart(text: string, firstHit: number, maxLen: number): number {
  const lead = Math.floor(maxLen / 4);
  let start = Math.max(0, firstHit - lead);
  for (let i = firstHit - 1; i >= start; i--) {
    if (SENTENCE_END.test(text[i])) {
      start = i + 1;
      break;
    }
  }
  return start;
}

/**
 * A snippet of `text` around the first occurrence of any term, as plain segments: the caller
 * renders `hit` segments as <mark> through its escaping JSX, so no HTML is produced here.
 * Matching ignores case and full-/half-width differences. Whitespace runs are collapsed.
 *
 * @example highlight('关于保障性租赁住房的通知', ['租赁住房'])
 * // [{ text: '关于保障性', hit: false }, { text: '租赁住房', hit: true }, { text: '的通知', hit: false }]
 */
export function highlight(text: string, terms: readonly string[], options: HighlightOptions = {}): HighlightSegment[] {
  const maxLen = Math.max(1, options.maxLen ?? 160);
  const ellipsis = options.ellipsis ?? '…';
  const region = text.length > 8 * maxLen + 64 ? regionAround(text, terms, maxLen) : null;
  if (!region) return snippet(text, terms, maxLen, ellipsis, false, false);
  return snippet(text.slice(region[0], region[1]), terms, maxLen, ellipsis, region[0] > 0, region[1] < text.length);
}

/**
 * For long texts (a body of thousands of characters), a region of the original that surely holds
 * the snippet: the first hit is found on a natively folded copy, and the exact, mapped folding then
 * runs on the region only. Null when folding changed the length (offsets would not line up).
 */
function regionAround(text: string, terms: readonly string[], maxLen: number): [number, number] | null {
  const folded = foldText(text);
  if (folded.length !== text.length) return null;
  const wanted = [...new Set(terms.map(foldText).filter((t) => t.trim() !== ''))];
  const longest = wanted.reduce((m, t) => Math.max(m, t.length), 0);
  let first = -1;
  for (const t of wanted) {
    const at = folded.indexOf(t);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  if (first < 0) return [0, Math.min(text.length, 2 * maxLen)];
  return [Math.max(0, first - maxLen), Math.min(text.length, first + 2 * maxLen + longest + 2)];
}

/** The snippet of `text`; `before`/`after` say the text is a region cut out of a longer one. */
function snippet(text: string, terms: readonly string[], maxLen: number, ellipsis: string, before: boolean, after: boolean): HighlightSegment[] {
  const matches = findMatches(text, terms);
  let start = matches.length > 0 ? windowStart(text, matches[0][0], maxLen) : 0;
  let end = Math.min(text.length, start + maxLen);
  if (end - start < maxLen) start = Math.max(0, end - maxLen);
  // A hit longer than the window would otherwise be cut to nothing useful; show it whole.
  if (matches.length > 0 && matches[0][1] > end) end = matches[0][1];
  if (start > 0 && isLowSurrogate(text, start)) start++;
  if (end < text.length && isLowSurrogate(text, end)) end--;

  const segments: HighlightSegment[] = [];
  const push = (s: string, hit: boolean): void => {
    if (s === '') return;
    const prev = segments.at(-1);
    if (prev && prev.hit === hit) segments[segments.length - 1] = { text: prev.text + s, hit };
    else segments.push({ text: s, hit });
  };
  if (start > 0 || before) push(ellipsis, false);
  let pos = start;
  for (const [ms, me] of matches) {
    if (me <= start) continue;
    if (ms >= end) break;
    push(text.slice(pos, Math.max(pos, ms)), false);
    push(text.slice(Math.max(ms, start), Math.min(me, end)), true);
    pos = Math.min(me, end);
  }
  push(text.slice(pos, end), false);
  if (end < text.length || after) push(ellipsis, false);
  return segments.map((s) => ({ text: s.text.replace(/\s+/g, ' '), hit: s.hit }));
}

/** highlight() without the long-text shortcut: the reference the shortcut is tested against. */
export const highlightWhole = (text: string, terms: readonly string[], options: HighlightOptions = {}): HighlightSegment[] =>
  snippet(text, terms, Math.max(1, options.maxLen ?? 160), options.ellipsis ?? '…', false, false);
