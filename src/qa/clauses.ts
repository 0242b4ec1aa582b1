// Pure clause splitter: a document body (paragraph lines) → addressable clauses 章 / 节 / 条 / 款 / 项
// with their parent path. The same line classification decides the `art-N` anchors on the item page,
// so a citation's article number and the anchor always agree.

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const NUM = '[零〇一二两三四五六七八九十百千0-9０-９]+';

/**
 * Chinese (or Arabic) numeral → integer; null when it is not a numeral.
 * @example cnToInt('二十一') // 21
 * @example cnToInt('一百零五') // 105
 */
export function cnToInt(s: string): number | null {
  const t = s.normalize('NFKC').trim();
  if (t === '') return null;
  if (/^\d+$/.test(t)) return Number(t);
  let total = 0;
  let digit = -1;
  for (const ch of t) {
    if (ch in CN_DIGITS) {
      digit = CN_DIGITS[ch]!;
    } else if (ch in CN_UNITS) {
      total += (digit < 0 ? 1 : digit) * CN_UNITS[ch]!;
      digit = -1;
    } else return null;
  }
  if (digit > 0) total += digit;
  return total > 0 ? total : null;
}

export type LineKind =
  | { kind: 'chapter'; n: number; label: string; title: string }
  | { kind: 'section'; n: number; label: string; title: string }
  | { kind: 'article'; n: number; label: string; rest: string }
  | { kind: 'heading'; n: number; label: string; rest: string } // 一、
  | { kind: 'paren'; n: number; label: string; rest: string } // （一）
  | { kind: 'num'; n: number; label: string; rest: string } // 1.
  | { kind: 'text' };

const RE_CHAPTER = new RegExp(`^第(${NUM})章[\\s　]*(.*)$`);
const RE_SECTION = new RegExp(`^第(${NUM})节[\\s　]*(.*)$`);
const RE_ARTICLE = new RegExp(`^第(${NUM})条[\\s　]*(.*)$`, 's');
const RE_HEADING = /^([零〇一二两三四五六七八九十百]+)、[\s　]*(.*)$/s;
const RE_PAREN = /^[（(]([零〇一二两三四五六七八九十百]+)[)）][\s　]*(.*)$/s;
const RE_NUM = /^(\d{1,3})[.．、](?!\d)[\s　]*(.*)$/s;

export function classifyLine(raw: string): LineKind {
  const line = raw.trim();
  let m: RegExpExecArray | null;
  const n = (x: string) => cnToInt(x);
  if ((m = RE_CHAPTER.exec(line)) && n(m[1]!) && m[2]!.length <= 30) return { kind: 'chapter', n: n(m[1]!)!, label: `第${m[1]}章`, title: m[2]! };
  if ((m = RE_SECTION.exec(line)) && n(m[1]!) && m[2]!.length <= 30) return { kind: 'section', n: n(m[1]!)!, label: `第${m[1]}节`, title: m[2]! };
  if ((m = RE_ARTICLE.exec(line)) && n(m[1]!)) return { kind: 'article', n: n(m[1]!)!, label: `第${m[1]}条`, rest: m[2]! };
  if ((m = RE_HEADING.exec(line)) && n(m[1]!)) return { kind: 'heading', n: n(m[1]!)!, label: `${m[1]}、`, rest: m[2]! };
  if ((m = RE_PAREN.exec(line)) && n(m[1]!)) return { kind: 'paren', n: n(m[1]!)!, label: `（${m[1]}）`, rest: m[2]! };
  if ((m = RE_NUM.exec(line))) return { kind: 'num', n: Number(m[1]), label: `${m[1]}.`, rest: m[2]! };
  return { kind: 'text' };
}

/** How a document is divided into articles: by 第X条, else by 一、 headings, （一）, 1., else by paragraph. */
export type SplitMode = 'article' | 'heading' | 'paren' | 'num' | 'paragraph';

export type ClausePart = { kind: '款' | '项'; n: number; text: string };
export type Clause = {
  /** The article number used in citations and anchors (`#art-N`). */
  article: number;
  /** 第七条, 二、, （三）, 1., or 第3段 for unstructured bodies. */
  label: string;
  /** Parent path, outermost first, e.g. ['第二章 申请条件', '第七条']. */
  path: string[];
  /** Verbatim text of the whole article (its lines joined by newlines). */
  text: string;
  /** 款 (paragraphs of an article) and 项 (（一）… items) inside it. */
  parts: ClausePart[];
};

function modeOf(kinds: LineKind[]): SplitMode {
  for (const mode of ['article', 'heading', 'paren', 'num'] as const) {
    const starts = kinds.filter((k) => k.kind === mode);
    // One stray "1." in prose is not a structure; two or more, or a first-numbered one, is.
    if (starts.length >= 2 || (starts.length === 1 && mode === 'article')) return mode;
  }
  return 'paragraph';
}

/**
 * For each line, the article number it starts (or null). Shared by the splitter and the anchors.
 * Articles keep their own numbers (第七条 → 7); a repeated number (a quoted 第一条 in a later
 * article) does not start a new article — numbers must increase.
 */
export function articleStarts(lines: readonly string[]): { mode: SplitMode; starts: (number | null)[]; kinds: LineKind[] } {
  const kinds = lines.map(classifyLine);
  const mode = modeOf(kinds);
  let last = 0;
  let para = 0;
  const starts = kinds.map((k, i) => {
    if (mode === 'paragraph') return lines[i]!.trim() === '' ? null : ++para;
    if (k.kind !== mode) return null;
    const n = (k as { n: number }).n;
    if (n <= last) return null;
    last = n;
    return n;
  });
  return { mode, starts, kinds };
}

/** Splits a body (plain text, one paragraph per line) into clauses. Text before the first article is not a clause. */
export function splitClauses(body: string): Clause[] {
  const lines = body.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const { mode, starts, kinds } = articleStarts(lines);
  const out: Clause[] = [];
  let chapter: string | null = null;
  let section: string | null = null;
  let cur: Clause | null = null;
  let kuan = 0;
  for (const [i, line] of lines.entries()) {
    const k = kinds[i]!;
    const start = starts[i];
    if (mode === 'article' && (k.kind === 'chapter' || k.kind === 'section') && start == null) {
      if (k.kind === 'chapter') { chapter = `${k.label}${k.title ? ` ${k.title}` : ''}`; section = null; }
      else section = `${k.label}${k.title ? ` ${k.title}` : ''}`;
      cur = null; // a heading closes the article before it
      continue;
    }
    if (start != null) {
      const label = mode === 'paragraph' ? `第${start}段` : (k as { label: string }).label;
      const path = [chapter, section].filter((x): x is string => x !== null);
      path.push(mode === 'heading' ? `${label}${(k as { rest: string }).rest.split(/[。：:]/)[0]!.slice(0, 30)}` : label);
      cur = { article: start, label, path, text: line, parts: [] };
      out.push(cur);
      kuan = 1;
      const rest = mode === 'paragraph' ? line : (k as { rest: string }).rest;
      if (rest) cur.parts.push({ kind: '款', n: kuan, text: rest });
      continue;
    }
    if (!cur) continue; // preamble
    cur.text += `\n${line}`;
    if (k.kind === 'paren' && mode !== 'paren') cur.parts.push({ kind: '项', n: k.n, text: line });
    else cur.parts.push({ kind: '款', n: ++kuan, text: line });
  }
  return out;
}

const BLOCK_OPEN = /<(p|h2|h3|h4|li|div|blockquote)>/g;

/**
 * Adds `id="art-N"` to the blocks of sanitised body HTML that start article N, using the same
 * classification as splitClauses (so `/items/{id}#art-7` lands on 第七条). Only bare opening tags
 * (the sanitiser's output carries no attributes on these) are touched; nothing else changes.
 */
export function anchorArticles(html: string): string {
  const blocks: { index: number; len: number; text: string }[] = [];
  for (const m of html.matchAll(BLOCK_OPEN)) {
    const after = html.slice(m.index! + m[0].length, m.index! + m[0].length + 400);
    // Text up to the next block boundary: a wrapper block (a div around paragraphs) has none of its own.
    const text = decodeEntities(after.replace(/<\/?(p|h2|h3|h4|li|div|blockquote|ul|ol|table)\b[\s\S]*$/, '').replace(/<[^>]*>/g, '')).trim();
    blocks.push({ index: m.index!, len: m[0].length, text });
  }
  const nonEmpty = blocks.filter((b) => b.text !== '');
  const { starts } = articleStarts(nonEmpty.map((b) => b.text));
  const ids = new Map<number, number>();
  nonEmpty.forEach((b, i) => { if (starts[i] != null) ids.set(b.index, starts[i]!); });
  if (ids.size === 0) return html;
  let out = '';
  let pos = 0;
  for (const b of blocks) {
    const n = ids.get(b.index);
    if (n == null) continue;
    out += html.slice(pos, b.index + b.len - 1) + ` id="art-${n}">`;
    pos = b.index + b.len;
  }
  return out + html.slice(pos);
}

const decodeEntities = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');

/** 第七条 / 第3段 … for a citation. */
export const articleLabel = (mode: SplitMode | undefined, n: number) => (mode === 'paragraph' ? `第${n}段` : `第${n}条`);
