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
  /** Weight of the answer type (a question asking 多久 wants an article holding a period, 多少钱 an amount …). */
  answerType: number;
  /** Share taken off the score of a purpose article (第一条 为……，制定本办法) or a closing one (自……起施行), unless the question asks why. */
  purpose: number;
  /** Credit of a question word found only in the curated entries citing the article (their phrasings and answers);
   *  it ranks the article within its document but is not its coverage (the abstention judges the article's own text). */
  extra: number;
  /** The same for a character bigram of the question (the phrase share). */
  extraGram: number;
};

/**
 * Answer types: how everyday questions ask for a kind of fact, and how a clause states it. Written from the
 * general forms of Chinese questions (not from any judged question): a question matching `ask` prefers,
 * within a document, the articles matching `has` (weighted by how few articles do).
 */
export const ANSWER_TYPES: { name: string; ask: RegExp; has: RegExp }[] = [
  { name: 'period', ask: /几天|多少天|多久|多长时间|多少时间|几个工作日|几个月|几日|时限|期限|多长/, has: /[0-9一二三四五六七八九十两]+个?(工作日|日|天|周|个月|月|年)/ },
  { name: 'amount', ask: /多少(?![天次平个岁年日户人])|标准|金额|费用|价格|价钱|什么价|啥价/, has: /[0-9０-９.]+万?元|[一二三四五六七八九十百千万]+元|[0-9]+%/ },
  { name: 'age', ask: /几岁|多大年龄|多大年纪|多大岁数|多少岁|年龄|年纪|周岁|多大(才|就|以后|以上)?(能|可以|可|让|准|允许|该)|多大的(孩子|小孩|娃|人)/, has: /周岁|[0-9]+岁/ },
  { name: 'count', ask: /几次|多少次|几回/, has: /[0-9一二三四五六七八九十]+次/ },
  { name: 'ratio', ask: /比例|百分之|报多少|报销多少|能报多少|几成/, has: /[0-9]+%|百分之|[0-9]+成/ },
  { name: 'area', ask: /多大(?!年龄|年纪|岁|才|就|以后|以上|能|可以|可|让|准|允许|该|的孩子|的小孩|的娃|的人)|面积|平方|多少平/, has: /平方米/ },
  { name: 'phone', ask: /电话|热线|打什么|联系方式/, has: /热线|电话|[0-9]{3,4}-[0-9]{7,8}|(?<![0-9.])[0-9]{5,}(?![0-9.]*(元|万|%|人|户|平方|亩|米|吨|次|个|名|份|辆|台|套|件))/ },
  { name: 'where', ask: /去哪|在哪|哪里|哪儿|找谁|向谁|什么部门|哪个部门|什么地方|网上|线上/, has: /向.{1,24}(申请|提出)|到.{1,20}(办理|申请|报名|登记)|服务中心|服务大厅|办事大厅|平台|APP|app|网上|线上|微信公众号/ },
  { name: 'when', ask: /什么时候|何时|哪天|几号|几月|几点|开始算|起算/, has: /[0-9一二三四五六七八九十]+月|当月|次月|之日起|起施行|以前|以后|每季度|按季度|按月|底前|月底|年底|日前/ },
  { name: 'materials', ask: /材料|证件|带什么|交什么|提交什么|准备什么|手续|带哪些|准备哪些|准备些什么|哪些东西|什么东西/, has: /提交|持|材料|证明|证书|身份证/ },
  { name: 'penalty', ask: /怎么处理|怎么处罚|会怎么样|处罚|后果|不服/, has: /追回|处罚|依法|责令|解除|不得|追究|复议|诉讼/ },
  // Who qualifies (申请条件, 哪些人能): the article saying whom the document applies to or who the beneficiaries are.
  { name: 'qualify', ask: /条件|资格|哪些人|谁能|谁可以|什么人|哪些情况|什么情况下/, has: /适用于|符合下列|具备下列|应当具备|对象为|对象是|[补贴助救]对象|服务对象|享受对象|范围/ },
];

/** The answer types a text states (bit k: ANSWER_TYPES[k] — a period, an amount, a place to apply …). */
export function statedTypes(text: string): number {
  let m = 0;
  ANSWER_TYPES.forEach((t, k) => { if (t.has.test(text)) m |= 1 << k; });
  return m;
}

export const RANK_PARAMS: RankParams = { softLocal: 0.3, head: 0.25, proximity: 0.15, window: 8, bigram: 0.5, phrase: 0.3, answerType: 1.5, purpose: 0.5, extra: 0.5, extraGram: 0.5 };

/** title: the document's title, read with the heading (it answers 什么文件 questions and carries the topic). */
export type LocalClause = { text: string; path: string; title?: string; extra?: string };
/** credit: per question word, what the article holds of it (0…1: the best alternative's weight; bigram back-off less). */
export type LocalScore = { score: number; coverage: number; credit: number[] };

const bigrams = (w: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i + 2 <= w.length; i++) out.push(w.slice(i, i + 2));
  return [...new Set(out)];
};

/**
 * Character bigrams of each text hashed into BLOOM_WORDS × 32 bits: a word whose bigrams are not all set is
 * certainly not in the text, so most searches for a word an article lacks are never run.
 */
const BLOOM_WORDS = 16;
const bigramHash = (a: number, b: number) => (Math.imul(a * 65599 + b, 0x9e3779b1) >>> 23) & (BLOOM_WORDS * 32 - 1);
function bloomOf(texts: readonly string[]): Uint32Array {
  const out = new Uint32Array(texts.length * BLOOM_WORDS);
  texts.forEach((t, i) => {
    for (let k = 0; k + 1 < t.length; k++) {
      const h = bigramHash(t.charCodeAt(k), t.charCodeAt(k + 1));
      out[i * BLOOM_WORDS + (h >>> 5)]! |= 1 << (h & 31);
    }
  });
  return out;
}
/** A word's bigram hashes (none for a single character: it is always searched). */
function hashesOf(w: string): number[] {
  const out: number[] = [];
  for (let k = 0; k + 1 < w.length; k++) out.push(bigramHash(w.charCodeAt(k), w.charCodeAt(k + 1)));
  return out;
}
/** texts[i].indexOf(w), skipped (-1) when the bloom shows a bigram of w missing from texts[i]. */
function indexIn(texts: readonly string[], bloom: Uint32Array | undefined, i: number, w: string, hashes: readonly number[]): number {
  if (bloom) for (const h of hashes) if (!(bloom[i * BLOOM_WORDS + (h >>> 5)]! & (1 << (h & 31)))) return -1;
  return texts[i]!.indexOf(w);
}

/** Where in article i the best alternative of a concept occurs: weight and position (-1 when absent). */
function bestAlt(texts: readonly string[], bloom: Uint32Array | undefined, i: number, c: QueryConcept, hashes: readonly number[][]): { w: number; at: number } {
  let w = 0, at = -1;
  for (let k = 0; k < c.alts.length; k++) {
    const a = c.alts[k]!;
    if (a.weight <= w) continue;
    const x = indexIn(texts, bloom, i, a.term, hashes[k]!);
    if (x >= 0) { w = a.weight; at = x; }
  }
  return { w, at };
}

/**
 * Scores the articles of ONE document against the question. score: 0…1 (weighted share of the question's
 * words the article holds, words weighted by their rarity within the document, plus heading and proximity
 * bonuses); coverage: the plain share of the question's words found in the article (0…1).
 */
/** A document's articles folded once for matching, with the answer types each states (bit i: ANSWER_TYPES[i]). */
export type PreparedDoc = { bodies: string[]; heads: string[]; types: Uint16Array;
  /** 1 for an article that only states the document's purpose or its entry into force. */
  boiler: Uint8Array;
  /** 1 for a scope or definition article (本办法适用于…, 本办法所称…; absent: none known). */
  scope?: Uint8Array;
  /** The document's title, folded (absent: not known). */
  title?: string;
  /** Bigram blooms of the bodies and heads (absent: every search is run). */
  bodyBloom?: Uint32Array; headBloom?: Uint32Array;
  /** The words of the curated entries citing each article (their phrasings and answers), folded; absent: none. */
  extras?: string[]; extraBloom?: Uint32Array };

export function prepareDocument(clauses: readonly LocalClause[]): PreparedDoc {
  const bodies = clauses.map((c) => foldText(c.text));
  const heads = clauses.map((c, i) => {
    const first = bodies[i]!.split('\n')[0]!;
    return foldText(`${c.title ?? ''}\n${c.path}`) + (first.length <= 24 ? `\n${first}` : '');
  });
  const extras = clauses.some((c) => c.extra) ? clauses.map((c) => foldText(c.extra ?? '')) : undefined;
  const types = new Uint16Array(clauses.length);
  clauses.forEach((c, i) => { types[i] = statedTypes(c.text); });
  const boiler = new Uint8Array(clauses.map((c) => (isBoilerplate(c.text) ? 1 : 0)));
  const scope = new Uint8Array(clauses.map((c) => (isScope(c.text) ? 1 : 0)));
  return { bodies, heads, types, boiler, scope, title: foldText(clauses[0]?.title ?? ''), bodyBloom: bloomOf(bodies), headBloom: bloomOf(heads), extras, extraBloom: extras && bloomOf(extras) };
}

/** An article saying only why the document was made (为……，制定本办法) or when it takes effect (本办法自……起施行). */
const PURPOSE = /^\s*(第[一二三四五六七八九十百]+条\s*)?为.{2,120}(制定|特制定|修订)本(办法|规定|细则|方案|意见|措施|实施办法|实施细则|指引)。?\s*$/s;
const IN_FORCE = /^\s*(第[一二三四五六七八九十百]+条\s*)?本(办法|规定|细则|方案|意见|措施|指引)自.{2,40}起(施行|实施)[^。]*。?\s*$/s;
export const isBoilerplate = (text: string): boolean => PURPOSE.test(text) || IN_FORCE.test(text);
/** A scope or definition article: it names the document's subject, so it holds the topic words of every question. */
const SCOPE = /^\s*(第[一二三四五六七八九十百]+条\s*)?本(办法|规定|细则|方案|意见|措施|实施办法|实施细则|指引|条例)(适用于|所称)/;
export const isScope = (text: string): boolean => SCOPE.test(text);
/** A question asking who or what a document covers (the qualify answer type), or what a term means: the scope or definition article answers it. */
export const ASKS_SCOPE = new RegExp(`${ANSWER_TYPES.find((t) => t.name === 'qualify')!.ask.source}|什么情况|适用|范围|算不算|算是|属于|属不属于|是什么|什么是|是指|指什么|包括|哪些|哪类|什么样`);
/** A question asking why or on what basis (the purpose article answers it). */
const ASKS_WHY = /为什么|为何|目的|依据|根据什么/;

export function scoreWithinDocument(clauses: readonly LocalClause[], concepts: readonly QueryConcept[], question = '', p: RankParams = RANK_PARAMS): LocalScore[] {
  return scorePrepared(prepareDocument(clauses), concepts, question, p);
}

/** What a question asks (answer types) and its bigrams: the same for every document it is scored against. */
let lastQuestion: { q: string; types: number[]; grams: string[]; gramHashes: number[][] } | undefined;
function questionParts(question: string): { types: number[]; grams: string[]; gramHashes: number[][] } {
  if (lastQuestion?.q !== question) {
    const grams = bigramsOfQuestion(question);
    lastQuestion = { q: question, types: ANSWER_TYPES.map((t, k) => [t, k] as const).filter(([t]) => t.ask.test(question)).map(([, k]) => k), grams, gramHashes: grams.map(hashesOf) };
  }
  return lastQuestion;
}

/** scoreWithinDocument over a prepared document (the engine caches the preparation per document). */
export function scorePrepared(doc: PreparedDoc, concepts: readonly QueryConcept[], question = '', p: RankParams = RANK_PARAMS): LocalScore[] {
  const { bodies, heads } = doc;
  const n = bodies.length;
  if (n === 0 || concepts.length === 0) return bodies.map(() => ({ score: 0, coverage: 0, credit: [] }));
  // match[q][c]: the credit of concept q in clause c (0…1); at[q][c]: its position.
  // (Plain arrays: typed arrays this size get a separate backing store each, which the garbage collector must sweep.)
  const match: number[][] = [];
  const pos: number[][] = [];
  const inHead: number[][] = [];
  /** owned[q][c]: the credit from the article's own text and headings (not the citing entries' words). */
  const owned: number[][] = [];
  const { bodyBloom, headBloom } = doc;
  for (const c of concepts) {
    const m = new Array<number>(n).fill(0);
    const at = new Array<number>(n).fill(-1);
    const h = new Array<number>(n).fill(0);
    // Without entry words the article's own credit is its match.
    const own = doc.extras ? new Array<number>(n).fill(0) : m;
    let any = false;
    const hashes = c.alts.map((a) => hashesOf(a.term));
    for (let i = 0; i < n; i++) {
      const b = bestAlt(bodies, bodyBloom, i, c, hashes);
      const hb = bestAlt(heads, headBloom, i, c, hashes);
      m[i] = Math.max(b.w, hb.w);
      if (doc.extras) {
        own[i] = m[i]!;
        if (m[i]! < p.extra) m[i] = Math.max(m[i]!, p.extra * bestAlt(doc.extras, doc.extraBloom, i, c, hashes).w);
      }
      at[i] = b.at;
      if (hb.w > 0) h[i] = 1;
      if (m[i]! > 0) any = true;
    }
    // A word no article holds (colloquial, out of the dictionary, a typo): back off to its character bigrams.
    if (!any && c.term.length >= 3 && /^\p{Script=Han}+$/u.test(c.term)) {
      const bg = bigrams(c.term);
      const bh = bg.map(hashesOf);
      for (let i = 0; i < n; i++) {
        const k = bg.filter((g, j) => indexIn(bodies, bodyBloom, i, g, bh[j]!) >= 0).length;
        if (k > 0) m[i] = own[i] = p.bigram * (k / bg.length);
      }
    }
    match.push(m); pos.push(at); inHead.push(h); owned.push(own);
  }
  // Weight of each concept: its rarity among this document's articles (a word in every article tells none apart).
  const weights = concepts.map((c, q) => {
    let df = 0;
    for (let i = 0; i < n; i++) if (match[q]![i]! > 0) df++;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return idf * (c.soft ? p.softLocal : 1);
  });
  // The answer type the question asks for: one more "word", matched by the clause's form (a period, an amount …).
  const { types, grams, gramHashes } = questionParts(question);
  for (const k of types) {
    const m = new Array<number>(n).fill(0);
    let df = 0;
    for (let i = 0; i < n; i++) if (doc.types[i]! & (1 << k)) { m[i] = 1; df++; }
    match.push(m); pos.push(new Array<number>(n).fill(-1)); inHead.push(new Array<number>(n).fill(0));
    weights.push(df === 0 ? 0 : Math.log(1 + (n - df + 0.5) / (df + 0.5)) * p.answerType / types.length);
  }
  const nWords = concepts.length;
  const total = weights.reduce((s, w) => s + w, 0);
  // The question's character bigrams (Han and digits), weighted by their rarity among the articles.
  const gramHit = grams.map((g, j) => bodies.map((_, i) => (indexIn(bodies, bodyBloom, i, g, gramHashes[j]!) >= 0 ? 1 : p.extraGram > 0 && doc.extras && indexIn(doc.extras, doc.extraBloom, i, g, gramHashes[j]!) >= 0 ? p.extraGram : 0)));
  const gramW = gramHit.map((hits) => {
    const df = hits.filter((h) => h > 0).length;
    return df === 0 ? 0 : Math.log(1 + (n - df + 0.5) / (df + 0.5));
  });
  const gramTotal = gramW.reduce((s, w) => s + w, 0);
  const out: LocalScore[] = [];
  for (let i = 0; i < n; i++) {
    let body = 0, head = 0, found = 0;
    for (let q = 0; q < weights.length; q++) {
      const m = match[q]![i]!;
      if (m > 0 && q < nWords) found++;
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
    for (let g = 0; g < grams.length; g++) gram += gramW[g]! * gramHit[g]![i]!;
    const words = total > 0 ? ((1 - p.head) * body + p.head * head) / total : 0;
    const s = gramTotal > 0 ? (1 - p.phrase) * words + p.phrase * (gram / gramTotal) : words;
    const damp = doc.boiler[i] && p.purpose && !ASKS_WHY.test(question) ? 1 - p.purpose : 1;
    out.push({ score: damp * (s + (pairs ? p.proximity * (close / pairs) : 0)), coverage: found / concepts.length, credit: concepts.map((_, q) => owned[q]![i]!) });
  }
  return out;
}

/** Character bigrams of the question's runs of Han characters and digits (folded). */
export function bigramsOfQuestion(q: string): string[] {
  const out = new Set<string>();
  for (const run of foldText(q).match(/[\p{Script=Han}\p{N}]+/gu) ?? []) for (let i = 0; i + 2 <= run.length; i++) out.add(run.slice(i, i + 2));
  return [...out];
}
