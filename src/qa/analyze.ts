// Text analysis for 政策问答: jieba with the shipped 政务 user dictionary (data/qa/dict.txt) plus every
// synonym term and the admin's own words, and query expansion by the synonym table (data/qa/synonyms.txt
// plus the admin's additions). Own jieba instance: the full-text search module's segmentation stays as it is.
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { foldText, isSingleHan, STOPWORDS, wordParts } from '../search/public.js';

const DATA = new URL('../../data/qa/', import.meta.url);

/** groups: synonym groups; soft: intent words (多久, 多少钱 …) that add score but are not the topic. */
export type LexiconData = { words: string[]; groups: string[][]; soft?: string[] };

/** `term = a | b` lines ('~term = …' marks an intent word); '#' comments. */
export function parseSynonymFile(text: string): { groups: string[][]; soft: string[] } {
  const groups: string[][] = [];
  const soft: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const isSoft = line.startsWith('~');
    if (isSoft) line = line.slice(1);
    const [head, tail] = line.split('=');
    const terms = [head, ...(tail ?? '').split('|')].map((t) => foldText((t ?? '').trim())).filter((t) => t !== '');
    if (terms.length >= 2) {
      groups.push([...new Set(terms)]);
      if (isSoft) soft.push(terms[0]!);
    }
  }
  return { groups, soft };
}
export const parseSynonyms = (text: string): string[][] => parseSynonymFile(text).groups;

export function shippedLexicon(): LexiconData {
  const words = readFileSync(new URL('dict.txt', DATA), 'utf8').split(/\r?\n/).map((l) => l.trim().split(/\s+/)[0] ?? '').filter((w) => w !== '');
  return { words, ...parseSynonymFile(readFileSync(new URL('synonyms.txt', DATA), 'utf8')) };
}

/** Question filler that never carries the topic (only dropped when not a synonym term). */
const FILLER = new Set([
  '请问', '我', '我们', '我家', '你好', '您好', '想', '想问', '问', '问一下', '一下', '咨询', '知道', '了解', '怎么', '怎样', '如何',
  '可以', '能', '能不能', '可不可以', '吗', '呢', '啊', '呀', '吧', '么', '什么', '哪些', '哪里', '哪儿', '哪个', '需要', '要', '是不是',
  '有', '没有', '还', '就', '都', '会', '该', '应该', '办', '给', '让', '现在', '今年', '的话', '这个', '那个', '一般', '具体', '情况',
  '多少', '几', '么样', '咋', '咋办', '啥', '谁', '为什么', '是否', '得', '去', '了', '个', '些', '帮忙', '麻烦', '谢谢', '本区', '区里',
  '用来', '干什么', '干嘛', '做什么', '怎么弄', '咋弄', '哪张', '哪家', '哪个部门', '那里', '这里', '这边', '那边', '一般来说', '听说',
  '能不能', '可不可以', '有没有', '会不会', '行不行', '好不好', '要不要', '能否', '可否', '多大', '怎么样', '请教', '求助', '急', '在线等', '合适',
  // Who pays or decides, as askers say it ("政府给补多少"): never what the question is about.
  '政府', '国家', '官方', '上面', '公家',
  // Adverbs and measure words that glue to a verb or noun in segmentation (刚提, 买辆): never what it is about.
  '刚', '才', '又', '辆', '本', '张',
  // When the asker's own story happened ("上个月下河救了个小孩"): never what the question is about.
  '时候', '的时候', '还是', '上个月', '这个月', '下个月', '上周', '这周', '下周', '去年', '前年', '明年', '昨天', '前天', '今天', '明天', '最近', '刚才', '刚刚', '前几天', '前段时间',
]);

/**
 * Colloquial and dialect function words a resident types (啥, 咋, 哪儿, 俺) in the standard words the question
 * analysis knows (什么, 怎么, 哪里, 我): 啥时候 then asks 'when' like 什么时候, 咋办 like 怎么办. Only function
 * words: what a question is about is left to the synonym table.
 */
const COLLOQUIAL: [RegExp, string][] = [
  [/啥时候|多会儿|啥时间/g, '什么时候'], [/咋办|咋整|咋弄|咋搞/g, '怎么办'], [/咋样/g, '怎么样'], [/咋/g, '怎么'],
  [/啥/g, '什么'], [/哪儿/g, '哪里'], [/俺们/g, '我们'], [/俺/g, '我'], [/木有/g, '没有'],
  // A separable verb split by 了 / 的 (受了伤, 结了婚, 住的院): the word the documents use.
  [/(受|结|离|退|毕|请|休|办|交|缴|住)[了的](伤|婚|休|业|假|证|费|院)/g, '$1$2'],
];
export function standardQuestion(q: string): string {
  let t = foldText(q);
  for (const [re, to] of COLLOQUIAL) t = t.replace(re, to);
  return t;
}
/** A numeral with its measure word (两个, 几本, 这辆): says how many, never what about. */
const NUMERAL_CLASSIFIER = /^[一二两三四五六七八九十几每这那上下哪][个本辆张条只位件台套间]$/;
/** …and with the thing counted (几本书 → 书, 两辆车 → 车). */
const COUNTED = /^[一二两三四五六七八九十几每这那哪][个本辆张条只位件台套间](\p{Script=Han}+)$/u;
/** A yes-or-no question in the A-not-A form (开不开, 收不收, 算不算): it asks about A. */
const A_NOT_A = /^(\p{Script=Han}{1,2})[不没]\1$/u;
/** An age as one word (两岁, 8周岁, 八十岁). */
const AGE = /^([0-9]+|[一二两三四五六七八九十]+)周?岁$/u;
/** A bare number or an approximate one (25, 十来, 三十多): a figure of the asker's own case. */
export const FIGURE = /^([0-9０-９.]+|[一二两三四五六七八九十百千万几]+[来多余]?)$/u;

/** One word of the question with its alternatives; soft = an intent word (counts ¼ towards coverage). */
export const SYN_FORWARD = 0.8;
export const SYN_WEAK = 0.4;

/** Words for the asker and their family: they say who asks, never what the question is about. */
const PERSON_WORDS = new Set(['老婆', '媳妇', '老公', '丈夫', '妻子', '爱人', '爸爸', '妈妈', '父母', '父亲', '母亲', '孩子', '小孩', '儿子', '女儿',
  '老人', '男的', '女的', '家人', '自己', '别人', '本人', '家属', '朋友', '邻居', '亲戚', '爷爷', '奶奶']);

/** Parts of speech that say what the asker did, when, how or who (看到, 偷偷, 晚上, 自己, 一股, 门口), never what the question is about. */
const PLAIN_POS = /^(v|vi|vg|d|dg|t|tg|r|rr|rz|m|mq|q|p|c|u.*|f|s|l|i|y|e|o|z|a|ad|ag)$/;
let classCache: { nouns: Set<string>; plain: Set<string> } | null = null;
/** jieba's general dictionary by part of speech, read once: its nouns (n…, not names) and its plain words (PLAIN_POS). */
function generalWords(): { nouns: Set<string>; plain: Set<string> } {
  if (classCache) return classCache;
  const nouns = new Set<string>();
  const plain = new Set<string>();
  for (const line of Buffer.from(dict).toString('utf8').split('\n')) {
    const [w, , pos] = line.split(' ');
    if (!w || !pos) continue;
    if (pos.startsWith('n') && pos !== 'nr') nouns.add(w);
    else if (PLAIN_POS.test(pos)) plain.add(w);
  }
  return (classCache = { nouns, plain });
}

/**
 * figure: a number of the asker's case (25, 十来); dropped when no clause holds it.
 * plain: a word of the general dictionary that is not a noun (看到, 偷偷, 晚上): absent from the collection it weighs little.
 * joins: for a possible typo, the strings it makes with the nearest character beside it (美改 + 电 → 美改电; 被程 + 管扣 →
 * 程管): a mistyped word the segmentation cut apart.
 */
export type QueryConcept = { term: string; alts: { term: string; weight: number }[]; soft?: boolean; maybeTypo?: boolean; figure?: boolean; plain?: boolean; joins?: string[] };

export class Analyzer {
  readonly #jieba: Jieba;
  /** word → expansions with weights: forward (colloquial → canonical) 0.8, reverse and sibling 0.4. */
  readonly #syn = new Map<string, Map<string, number>>();
  readonly #soft: Set<string>;
  readonly #userWords: Set<string>;
  readonly #subSynonyms: boolean;
  /** subSynonyms (default on): a compound's sub-words bring their synonyms too, at the sub-word's share. */
  constructor(lex: LexiconData, opts: { subSynonyms?: boolean } = {}) {
    this.#subSynonyms = opts.subSynonyms ?? true;
    this.#soft = new Set(lex.soft ?? []);
    const extra = new Set<string>(lex.words.map(foldText));
    for (const g of lex.groups) for (const t of g) if (t.length >= 2) extra.add(t);
    for (const f of FILLER) if (f.length >= 2) extra.add(f);
    this.#userWords = new Set([...extra].filter((w) => !FILLER.has(w)));
    this.#jieba = Jieba.withDict(dict);
    const lines = [...extra].filter((w) => !/\s/.test(w)).map((w) => `${w} 20000 n`).join('\n');
    if (lines) this.#jieba.loadDict(Buffer.from(lines, 'utf8'));
    const soft = new Set(lex.soft ?? []);
    const add = (from: string, to: string, w: number) => {
      if (from === to) return;
      let m = this.#syn.get(from);
      if (!m) this.#syn.set(from, (m = new Map()));
      if ((m.get(to) ?? 0) < w) m.set(to, w);
    };
    for (const g of lex.groups) {
      const [head, ...rest] = g as [string, ...string[]];
      // Each line reads "colloquial = canonical | …": documents use the canonical words, so the forward
      // direction is the reliable one. Intent groups (多久 → 工作日) expand forward only.
      for (const o of rest) add(head, o, SYN_FORWARD);
      if (soft.has(head)) continue;
      for (const o of rest) {
        add(o, head, SYN_WEAK);
        for (const p of rest) add(o, p, SYN_WEAK);
      }
    }
  }

  readonly #headsByLength = new Map<number, string[]>();
  /**
   * A mistyped everyday word (程管 for 城管, typed with pinyin): the synonym-table words one character away whose
   * character passes `alike`, with their expansions (the clauses hold the official words, not 城管 itself).
   */
  typoSynonyms(w: string, alike: (typed: string, meant: string) => boolean): { term: string; weight: number }[] {
    if (w.length < 2 || this.#syn.has(w)) return [];
    if (this.#headsByLength.size === 0) for (const h of this.#syn.keys()) {
      let l = this.#headsByLength.get(h.length);
      if (!l) this.#headsByLength.set(h.length, (l = []));
      l.push(h);
    }
    const out = new Map<string, number>();
    for (const h of this.#headsByLength.get(w.length) ?? []) {
      let diff = 0, at = -1;
      for (let i = 0; i < w.length && diff < 2; i++) if (h[i] !== w[i]) { diff++; at = i; }
      if (diff !== 1 || !alike(w[at]!, h[at]!)) continue;
      for (const [s, weight] of this.#syn.get(h)!) if (weight >= SYN_FORWARD) for (const t of this.#phraseTerms(s)) if ((out.get(t) ?? 0) < weight) out.set(t, weight);
    }
    return [...out].map(([term, weight]) => ({ term, weight }));
  }

  /**
   * A topic noun: a thing the question is about (燃油, 利率, 婚假), not an action, a time or the asker (老婆, 孩子).
   * A noun of the general dictionary or a 政务 word of the shipped dictionary / synonym table; an unknown word of
   * three or more Han characters (考驾照) counts too (segmentation leaves a rare compound whole).
   */
  isTopicNoun(w: string): boolean {
    if (PERSON_WORDS.has(w) || FILLER.has(w) || STOPWORDS.has(w) || this.#soft.has(w)) return false; // intent words (多久, 一起) ask how, not what
    if (generalWords().nouns.has(w) || this.#userWords.has(w)) return true;
    return w.length >= 3 && /^\p{Script=Han}+$/u.test(w) && this.#jieba.cut(w, false).length === 1;
  }

  /**
   * A word the statistical (HMM) segmentation glued from a filler and single characters (我能, 要花, 想问下):
   * not a dictionary word, and its dictionary pieces are fillers or lone characters, at least one a filler.
   */
  #fillerGlue(w: string): boolean {
    if (w.length < 2 || !/^\p{Script=Han}+$/u.test(w)) return false;
    const pieces = this.#jieba.cut(w, false);
    if (pieces.length < 2) return false;
    return pieces.some((p) => FILLER.has(p) || STOPWORDS.has(p)) && pieces.every((p) => FILLER.has(p) || STOPWORDS.has(p) || p.length === 1);
  }

  /** Index terms: search-mode words (long words and their sub-words), folded, without stopwords and lone Han characters. */
  indexTerms(text: string): string[] {
    const folded = foldText(text);
    if (!folded.trim()) return [];
    return this.#jieba.cutForSearch(folded, true).flatMap(wordParts).filter((w) => !STOPWORDS.has(w) && !(isSingleHan(w) && !this.#syn.has(w)));
  }

  /** Terms of an expansion phrase (a synonym may itself be several words). */
  #phraseTerms(p: string): string[] {
    return this.#jieba.cut(foldText(p), true).flatMap(wordParts).filter((w) => !FILLER.has(w) && !STOPWORDS.has(w) && !isSingleHan(w));
  }

  /**
   * Query concepts: each precise-mode word of the question (fillers dropped) with its alternatives —
   * itself, its search-mode sub-words, and its synonyms (weight 0.8). A concept is matched when any alternative is.
   */
  concepts(q: string): QueryConcept[] {
    const folded = standardQuestion(q);
    const words = this.#jieba.cut(folded, true).flatMap(wordParts);
    const out: QueryConcept[] = [];
    const seen = new Set<string>();
    for (let k = 0; k < words.length; k++) {
      let w = words[k]!;
      // An age of the asker's case (8岁, 两岁, 60周岁): the articles that set an age limit speak to it.
      const ageWord = AGE.test(w);
      if (ageWord || (FIGURE.test(w) && /^周?岁$/.test(words[k + 1] ?? ''))) {
        if (!ageWord) k++; // the 岁 after the figure
        if (seen.has('周岁')) continue;
        seen.add('周岁');
        out.push({ term: '周岁', alts: [{ term: '周岁', weight: 1 }, { term: '年龄', weight: SYN_FORWARD }], figure: true, soft: true });
        continue;
      }
      const counted = this.#syn.has(w) ? null : COUNTED.exec(w) ?? A_NOT_A.exec(w);
      if (counted) w = counted[1]!;
      if (seen.has(w)) continue;
      seen.add(w);
      const syns = this.#syn.get(w);
      if (!syns && !STOPWORDS.has(w) && !FILLER.has(w) && this.#fillerGlue(w)) {
        // Glued from a filler and single characters (能免 = 能 + 免): the characters with synonyms still ask something.
        for (const piece of this.#jieba.cut(w, false)) if (isSingleHan(piece) && this.#syn.has(piece)) words.push(piece);
        continue;
      }
      if (!syns && (STOPWORDS.has(w) || FILLER.has(w) || isSingleHan(w) || NUMERAL_CLASSIFIER.test(w))) continue;
      const alts = new Map<string, number>([[w, 1]]);
      for (const [s, weight] of syns ?? []) {
        for (const t of this.#phraseTerms(s)) if ((alts.get(t) ?? 0) < weight) alts.set(t, weight);
      }
      // Sub-words of a compound (服务券 → 服务): partial credit; less for a known 政务 term (残疾人两项补贴 → 补贴).
      const subWeight = syns ? 0.3 : 0.6;
      if (w.length >= 3) for (const s of this.#jieba.cutForSearch(w, true).flatMap(wordParts)) {
        if (s === w || s.length < 2 || alts.has(s)) continue;
        alts.set(s, subWeight);
        // A sub-word's own synonyms, at the sub-word's share (摆地摊 → 地摊 → 摊点): the compound's meaning in the documents' words.
        if (this.#subSynonyms) for (const [x, weight] of this.#syn.get(s) ?? []) for (const t of this.#phraseTerms(x)) if ((alts.get(t) ?? 0) < subWeight * weight) alts.set(t, subWeight * weight);
      }
      // Not a dictionary word (jieba without HMM splits it): possibly a typo.
      const maybeTypo = w.length >= 2 && !syns && /^\p{Script=Han}+$/u.test(w) && this.#jieba.cut(w, false).length > 1;
      const plain = !syns && !this.#userWords.has(w) && !this.#soft.has(w) && generalWords().plain.has(w);
      const joins: string[] = [];
      if (maybeTypo) {
        const before = words[k - 1], after = words[k + 1];
        // The neighbour's nearest character (a lone one, or the end of a glued pair such as 被程).
        const b = before && /\p{Script=Han}$/u.test(before) ? before.slice(-1) : '', a = after && /^\p{Script=Han}/u.test(after) ? after[0]! : '';
        if (b) joins.push(b + w, b + w[0]);
        if (a) joins.push(w + a, w.slice(-1) + a);
      }
      out.push({ term: w, alts: [...alts].map(([term, weight]) => ({ term, weight })), ...(this.#soft.has(w) ? { soft: true } : {}), ...(maybeTypo ? { maybeTypo: true } : {}), ...(FIGURE.test(w) ? { figure: true } : {}), ...(plain ? { plain: true } : {}), ...(joins.length ? { joins } : {}) });
    }
    return out;
  }
}
