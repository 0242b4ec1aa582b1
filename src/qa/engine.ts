// The answer engine: BM25 over curated entries (each phrasing a document) and over clauses, built in
// process from the database and cached per area until the public content or the qa data change.
// Answering never writes text: it returns curated answers and verbatim clause quotes with citations,
// and every candidate is re-checked against the item's current state (public, in force today).
import type { Db, Dialect } from '../db/schema.js';
import { documentStates, inForceToday, VALIDITY_LABELS, type DocState } from '../disclosure/public.js';
import { todayCst } from '../lib/time.js';
import { foldText } from '../search/public.js';
import { publicVersion } from '../search/public.js';
import { Analyzer, shippedLexicon, standardQuestion, SYN_FORWARD, type LexiconData, type QueryConcept } from './analyze.js';
import { acquireLock, releaseLock } from '../jobs/jobs.js';
import { systemActor } from '../lib/context.js';
import { Bm25Index, SOFT_FACTOR, TYPO_WEIGHT, type BmDoc, type Hit } from './bm25.js';
import { ASKS_SCOPE, ANSWER_TYPES, bigramsOfQuestion, prepareDocument, RANK_PARAMS, scorePrepared, statedTypes, type PreparedDoc } from './rank.js';
import { readQaVersion, reindexClausesState } from './clause-index.js';
import { unitNames } from './consult.service.js';
import { soundsAlike } from './homophone.js';

/** Below this share of the question matched, the engine abstains (未找到现行有效依据). */
export const ABSTAIN_COVERAGE = 0.45;
/** A curated entry matching at least this share of the question is preferred over clauses. */
export const ENTRY_PREFERRED = 0.85;

export type ClauseDoc = { itemId: number; article: number; label: string; path: string; text: string; title: string; docNumber: string; unitName: string };
export type EntryDoc = { entryId: number; question: string; answer: string; sources: { itemId: number; article: number }[] };

export type Citation = { itemId: number; article: number; label: string; title: string; docNumber: string; validity: string; unitName: string; href: string; quote: string };
/** excerpt: for a long clause, the verbatim lines that carry the question's words (null: show it whole). */
export type Answer = { kind: 'entry' | 'clause'; entryId?: number; itemId: number; article: number; text: string; score: number; question?: string; citations: Citation[]; excerpt?: (string | null)[] | null };

/**
 * A long clause is not read out whole: its first line, and the lines holding a word of the question, verbatim;
 * null stands for omitted lines. Short clauses (≤ 3 lines) are shown whole.
 */
export function clauseExcerpt(text: string, words: readonly string[]): (string | null)[] | null {
  const lines = text.split('\n');
  if (lines.length <= 3) return null;
  const keep = lines.map((l, i) => i === 0 || words.some((w) => w.length >= 2 && l.includes(w)));
  if (keep.every(Boolean)) return null;
  const out: (string | null)[] = [];
  lines.forEach((l, i) => {
    if (keep[i]) out.push(l);
    else if (out[out.length - 1] !== null) out.push(null);
  });
  return out;
}
export type Outcome = { abstained: boolean; answers: Answer[]; nearest: { itemId: number; title: string; docNumber: string; href: string }[]; confidence: number };

/** Tunable weights of the two-stage ranking (tuned on the development set bench/qa/dev/ only). */
export type EngineParams = {
  /** Documents whose articles are ranked (by whole-document score), besides those of the best clause hits. */
  topDocs: number;
  /** The final article rank: doc × the document's score + local × the within-document score + clause × the article's own BM25 rank. */
  doc: number; local: number; clause: number;
  /** A curated entry is preferred when the harmonic mean of question and phrasing coverage reaches this. */
  entryMatch: number;
  /** An entry citing the best clause is preferred from this match on. */
  agreeMatch: number;
  /** Among preferred entries, one citing the best clause ranks this much higher (two paths agree on it). */
  agreeBonus: number;
  /** A curated entry not preferred outright ranks at this blend of its phrasing match and its cited article's rank. */
  entryBlend: number;
  /** Field weight of the cited articles' text in an entry's index document (0: not indexed). */
  entryClause: number;
  /** The same for a clean entry (see nearOff). */
  entryBlendClean: number;
  /** Abstention: confidence (document coverage × article coverage blend) below this abstains. */
  abstain: number;
  /** Share of the confidence taken from the chosen article's own coverage (the rest from its document's). */
  confLocal: number;
  /** 1: a typo correction must sound like the typed word (pinyin input); 0: any one-character change. */
  typoSound: number;
  /** 1 (with typoSound): dictionary words the collection lacks get sound-alike corrections too (补交 → 补缴, 登机 → 登记). */
  typoWords: number;
  /** The best-matching entry is also preferred when its match reaches nearMatch and it cites one of the nearTop best clauses… */
  nearMatch: number; nearTop: number;
  /** …asks no kind or aspect beyond the question's, and the question's off-topic share is below this ("clean"). */
  nearOff: number;
  /** An entry asking what the question asks (both 几天, both 多少钱) is preferred from this match on. */
  typeMatch: number;
  /** 1: an entry asking something else (question 多久, entry 多少钱) is never preferred. */
  typeVeto: number;
  /** 1: an entry is never preferred when the question asks a kind or aspect (other than 多少) none of its phrasings asks… */
  aspectVeto: number;
  /** …and (1) its answer does not state either (the 上牌 entry's answer says where: 到车管所登记). */
  answerStates: number;
  /** 1: 多少 (amount) counts as a kind for the agreement; 0: only the specific kinds (几天, 去哪, 什么材料 …). */
  typeAmount: number;
  /** A topic noun counts as missing from a document where no article holds it (or a synonym) with at least this credit (sub-words 0.3–0.6). */
  missingCredit: number;
  /** The same for a compound of four or more characters (养老保险 is not found by 保险 alone). */
  missingCreditLong: number;
  /** An entry whose every phrasing word the question holds is preferred when its article is among this many best clauses (0: never). */
  wholeRank: number;
  /** The kind-agreement preference needs the entry to speak of all but this share of the question's document words. */
  typeOff: number;
  /** The kind-agreement preference needs the entry's cited article among this many best clauses (its document is in question). */
  typeRank: number;
  /** Abstention, second feature: a clause answer whose document lacks topic nouns holding this share of the question abstains. */
  abstainMissing: number;
  /** The same for a preferred curated entry: the question's topic nouns its document lacks hold at least this share (above 1: never). */
  abstainMissingEntry: number;
  /** Confidence factor when the question's weightiest word (its topic) is nowhere in the document (1: no penalty). */
  topicPenalty: number;
  /** 1 (with typoSound): a word one sound-alike character away from a synonym-table word gets that word's expansions (程管 → 城管 → 综合行政执法). */
  typoSynonyms: number;
  /** A clause answer stating the precise kind asked (几次, 几岁) replaces a best clause that lacks it when it scores within this share of it (0: off). */
  kindPromote: number;
  /** 1 (with typoSound): a possible typo the collection lacks is tried joined with the nearest character beside it (美改 + 电 → 煤改电). */
  typoJoins: number;
  /** A plain word (看到, 偷偷, 晚上: not a noun) the collection lacks weighs this share of an unknown word (1: the same). */
  plainAbsent: number;
  /** 1: the agreement route needs the phrasing to share a topic word with the question, not only an intent word (标准). */
  agreeTopic: number;
  /** Share of an article's rank from how much of the question's topic (its words by weight, not intent words) the document's title holds (0: off). */
  titleBoost: number;
  /** Share taken off the rank of a scope or definition article (本办法适用于…, 本办法所称…) unless the question asks who or what is covered (0: off). */
  scopeDamp: number;
};
export const ENGINE_PARAMS: EngineParams = { topDocs: 4, doc: 2, local: 1, clause: 1, entryMatch: 0.9, agreeMatch: 0.25, agreeBonus: 0.15, entryBlend: 0.05, entryClause: 0.2, entryBlendClean: 0.3, abstain: 0.3, confLocal: 0.5, topicPenalty: 1, abstainMissing: 0.45, abstainMissingEntry: 0.47, typoSound: 1, typoWords: 1, nearMatch: 0.5, nearTop: 3, nearOff: 0.05, typeMatch: 0.35, typeVeto: 0, aspectVeto: 1, answerStates: 1, typeAmount: 0, typeRank: 5, missingCredit: 0.55, missingCreditLong: 0.5, typeOff: 0.3, wholeRank: 3, plainAbsent: 0.25, typoJoins: 1, typoSynonyms: 1, kindPromote: 0.1, agreeTopic: 1, titleBoost: 0.2, scopeDamp: 0.2 };

/** A ranked clause: BM25 fields of the article's own hit plus the document-stage figures. */
export type ClauseHit = Hit & { clause: ClauseDoc; docCoverage: number; localCoverage: number; docRank: number; local: number;
  /** Share of the question's weight (words by rarity) held by topic nouns the whole document lacks (燃油 in a 补贴 document). */
  missingTopic: number };
/** typeAgree: 1 when the question asks what the entry's phrasings ask (多少钱 / 几天 / 去哪 …), -1 when both ask different things, 0 otherwise. */
export type EntryHit = Hit & { entry: EntryDoc; phraseCoverage: number; match: number; typeAgree: -1 | 0 | 1;
  /** The phrasing and the question share a word that is not an intent word (not only 标准, 多久 …). */
  sharesTopic: boolean;
  /** Share of the question's weight in words the documents use but the entry's phrasings and answer lack. */
  offTopic: number;
  /** The question asks a kind of fact (other than 多少) or an aspect (申请条件, 怎么申请) that none of the entry's phrasings asks. */
  asksBeyond: boolean;
  /** Dice similarity of the question's and the phrasing's character bigrams (breaks ties of match). */
  textSim: number };

/** 多少 (amount) is asked by most questions: too common to tell a paraphrase from a neighbouring question. */
const AMOUNT_TYPE = 1 << ANSWER_TYPES.findIndex((t) => t.name === 'amount');
/** The answer types a question asks (bit k: ANSWER_TYPES[k]). */
export function askedTypes(text: string): number {
  let m = 0;
  ANSWER_TYPES.forEach((t, k) => { if (t.ask.test(text)) m |= 1 << k; });
  return m;
}
/**
 * Aspects a question asks that no clause form gives away, so not answer types — who qualifies (申请条件, 哪些人能)
 * and how to apply (怎么申请, 手续) — but a question asking one is not answered by an entry about something else.
 */
const ASPECTS: RegExp[] = [/条件|资格|哪些人|谁能|谁可以|什么人|哪些情况|什么情况/, /怎么申请|如何申请|怎样申请|怎么办理|如何办理|流程|程序|手续|怎么领|如何领/];
/** askedTypes (given, or read from the text) plus the aspects (bits 15, 14 …), for the entry preference. */
function askedAspects(text: string, types = askedTypes(text)): number {
  let m = types;
  ASPECTS.forEach((r, k) => { if (r.test(text)) m |= 1 << (15 - k); });
  return m;
}
/** Whether a question and an entry ask the same kind of thing: 1 same, -1 different, 0 when either asks no kind. */
export function typeAgreement(question: number, entry: number, ignore = 0): -1 | 0 | 1 {
  question &= ~ignore; entry &= ~ignore;
  if (!question || !entry) return 0;
  return question & entry ? 1 : -1;
}

type DocGroup = { itemId: number; clauses: number[] };
/** Weight of a character bigram standing in for a word the collection lacks. */
export const BIGRAM_WEIGHT = 0.5;

export class QaEngine {
  readonly analyzer: Analyzer;
  /** Every clause ever indexed by this engine, by clause id (removed ones stay, dead, until the next full build). */
  readonly clauses: ClauseDoc[];
  entries: EntryDoc[];
  readonly clauseIndex: Bm25Index;
  entryIndex!: Bm25Index;
  /** Whole documents (title + every article): the first stage picks the document. */
  readonly docIndex: Bm25Index;
  readonly params: EngineParams;
  /** item id → the item_version its indexed clauses come from (qa_clauses), for incremental updates. */
  readonly versions = new Map<number, string>();
  /** entry phrasing doc → entries[] index */
  #phraseOf: number[] = [];
  #entryTypes: number[] = [];
  #entryAspects: number[] = [];
  #phraseConcepts: QueryConcept[][] = [];
  /** Each phrasing's character bigrams (Han and digits): the tie-break between equally matching phrasings. */
  #phraseGrams: Set<string>[] = [];
  readonly #clauseByKey = new Map<string, ClauseDoc>();
  readonly #docs: DocGroup[] = [];
  readonly #groupOf = new Map<number, number>();
  readonly #docOfClause: number[] = [];
  readonly #memo = new Map<string, string[]>();
  /** Documents folded for the within-document stage, most recently used last (bounded). */
  readonly #prep = new Map<number, PreparedDoc>();
  /** "item:article" → the phrasings and answers of the curated entries citing it. */
  #citedBy = new Map<string, string>();
  #prepared(d: number): PreparedDoc {
    let p = this.#prep.get(d);
    if (p) { this.#prep.delete(d); this.#prep.set(d, p); return p; }
    p = prepareDocument(this.#docs[d]!.clauses.map((i) => {
      const c = this.clauses[i]!;
      const extra = RANK_PARAMS.extra > 0 ? this.#citedBy.get(`${c.itemId}:${c.article}`) : undefined;
      return extra ? { ...c, extra } : c;
    }));
    this.#prep.set(d, p);
    if (this.#prep.size > 4000) this.#prep.delete(this.#prep.keys().next().value!);
    return p;
  }
  constructor(analyzer: Analyzer, clauses: ClauseDoc[], entries: EntryDoc[], params: EngineParams = ENGINE_PARAMS) {
    this.analyzer = analyzer;
    analyzer.isTopicNoun(''); // reads the general dictionary's nouns now, not on the first question (~0.1–0.4 s)
    this.clauses = [];
    this.entries = entries;
    this.params = params;
    const bodyTerms: string[][] = [];
    const groups: { itemId: number; clauses: ClauseDoc[]; bodies: string[][] }[] = [];
    for (const c of clauses) {
      let g = groups[groups.length - 1];
      if (!g || g.itemId !== c.itemId) groups.push((g = { itemId: c.itemId, clauses: [], bodies: [] }));
      const body = analyzer.indexTerms(c.text);
      g.clauses.push(c);
      g.bodies.push(body);
      bodyTerms.push(body);
    }
    this.clauseIndex = new Bm25Index(clauses.map((c, i) => this.#clauseFields(c, bodyTerms[i]!)));
    this.docIndex = new Bm25Index(groups.map((g) => this.#docFields(g.clauses[0]!.title, g.bodies)));
    if (params.typoSound) this.clauseIndex.alike = this.docIndex.alike = soundsAlike;
    this.clauseIndex.plainAbsent = this.docIndex.plainAbsent = params.plainAbsent;
    for (const g of groups) this.#register(g.itemId, g.clauses);
    this.setEntries(entries);
  }

  /** Titles and chapter headings repeat for every clause of a document: segment each once. */
  #terms(t: string): string[] {
    let v = this.#memo.get(t);
    if (!v) {
      if (this.#memo.size > 50_000) this.#memo.clear();
      this.#memo.set(t, (v = this.analyzer.indexTerms(t)));
    }
    return v;
  }
  #clauseFields(c: ClauseDoc, body = this.analyzer.indexTerms(c.text)): BmDoc {
    return { fields: [{ terms: body, weight: 1 }, { terms: this.#terms(c.title), weight: 0.5 }, { terms: this.#terms(c.path.replace(/第.+?[条段]$/, '')), weight: 0.4 }] };
  }
  #docFields(title: string, bodies: string[][]): BmDoc {
    return { fields: [{ terms: bodies.flat(), weight: 1 }, { terms: this.#terms(title), weight: 2 }] };
  }
  /** Records a document's clauses (already added to both indexes, in order) under their ids. */
  #register(itemId: number, clauses: ClauseDoc[]) {
    const gi = this.#docs.length;
    const g: DocGroup = { itemId, clauses: [] };
    this.#docs.push(g);
    this.#groupOf.set(itemId, gi);
    for (const c of clauses) {
      g.clauses.push(this.clauses.length);
      this.clauses.push(c);
      this.#docOfClause.push(gi);
      this.#clauseByKey.set(`${c.itemId}:${c.article}`, c);
    }
  }

  /** Clauses answerable now (the clauses array also holds removed ones until the next full build). */
  get liveClauses(): number {
    return this.clauseIndex.size;
  }

  /**
   * Incremental update of one document: its old clauses leave both indexes and its new ones (none: the
   * document was withdrawn, repealed or expired) are added — no rebuild of the rest.
   */
  replaceItem(itemId: number, clauses: ClauseDoc[] | null, version?: string): void {
    const gi = this.#groupOf.get(itemId);
    if (gi !== undefined) {
      const g = this.#docs[gi]!;
      const bodies: string[][] = [];
      for (const ci of g.clauses) {
        const c = this.clauses[ci]!;
        const body = this.analyzer.indexTerms(c.text);
        bodies.push(body);
        this.clauseIndex.remove(ci, this.#clauseFields(c, body));
        if (this.#clauseByKey.get(`${c.itemId}:${c.article}`) === c) this.#clauseByKey.delete(`${c.itemId}:${c.article}`);
      }
      this.docIndex.remove(gi, this.#docFields(this.clauses[g.clauses[0]!]?.title ?? '', bodies));
      this.#prep.delete(gi);
      this.#groupOf.delete(itemId);
    }
    this.versions.delete(itemId);
    if (version !== undefined) this.versions.set(itemId, version);
    if (!clauses?.length) return;
    const bodies = clauses.map((c) => this.analyzer.indexTerms(c.text));
    clauses.forEach((c, i) => this.clauseIndex.add(this.#clauseFields(c, bodies[i]!)));
    this.docIndex.add(this.#docFields(clauses[0]!.title, bodies));
    this.#register(itemId, clauses);
  }

  /** (Re)builds the curated-entry index (small: rebuilt whole on every change of the entries). */
  setEntries(entries: EntryDoc[]): void {
    const phrases: BmDoc[] = [];
    const phraseOf: number[] = [];
    const concepts: QueryConcept[][] = [];
    const phraseGrams: Set<string>[] = [];
    const asked = entries.map((e) => standardQuestion(e.question));
    this.#entryTypes = asked.map((q) => askedTypes(q));
    // What an entry speaks to: what its phrasings ask, and the kinds of fact its answer states (到车管所登记 answers 去哪办).
    this.#entryAspects = entries.map((e, i) => askedAspects(asked[i]!, this.#entryTypes[i]) | (this.params.answerStates ? statedTypes(e.answer) : 0));
    entries.forEach((e, i) => {
      for (const q of e.question.split('\n').map((s) => s.trim()).filter(Boolean)) {
        const fields = [{ terms: this.analyzer.indexTerms(q), weight: 1 }, { terms: this.analyzer.indexTerms(e.answer), weight: 0.2 }];
        // The cited articles' own words, weakly: a paraphrase in the document's words still finds the entry.
        if (this.params.entryClause > 0) fields.push({ terms: e.sources.flatMap((x) => this.analyzer.indexTerms(this.clause(x.itemId, x.article)?.text ?? '')), weight: this.params.entryClause });
        phrases.push({ fields });
        phraseOf.push(i);
        concepts.push(this.analyzer.concepts(q));
        phraseGrams.push(new Set(bigramsOfQuestion(q)));
      }
    });
    this.entries = entries;
    // Each article's words as the curated entries citing it put them (their phrasings and answers): the
    // within-document stage reads them beside the article's own text (a paraphrase in the entry's words
    // finds the article, and the entry with it).
    const citedBy = new Map<string, string>();
    for (const e of entries) for (const s of e.sources) {
      const k = `${s.itemId}:${s.article}`;
      citedBy.set(k, `${citedBy.get(k) ?? ''}\n${e.question}\n${e.answer}`);
    }
    // Only the documents whose entry words changed are folded again.
    for (const k of new Set([...citedBy.keys(), ...this.#citedBy.keys()])) {
      if (citedBy.get(k) === this.#citedBy.get(k)) continue;
      const gi = this.#groupOf.get(Number(k.slice(0, k.indexOf(':'))));
      if (gi !== undefined) this.#prep.delete(gi);
    }
    this.#citedBy = citedBy;
    this.entryIndex = new Bm25Index(phrases);
    if (this.params.typoSound) this.entryIndex.alike = soundsAlike;
    this.entryIndex.plainAbsent = this.params.plainAbsent;
    this.#phraseOf = phraseOf;
    this.#phraseConcepts = concepts;
    this.#phraseGrams = phraseGrams;
  }

  readonly #entryTexts = new WeakMap<EntryDoc, string>();
  /** An entry's phrasings and answer, folded (for the off-topic check). */
  #entryText(e: EntryDoc): string {
    let t = this.#entryTexts.get(e);
    if (t === undefined) this.#entryTexts.set(e, (t = foldText(`${e.question}\n${e.answer}`)));
    return t;
  }

  clause(itemId: number, article: number): ClauseDoc | undefined {
    return this.#clauseByKey.get(`${itemId}:${article}`);
  }

  /**
   * Alternatives resolved once against the clause vocabulary, so every stage matches the same words: a word
   * the collection lacks gets its typo corrections (one character away), else its character bigrams that
   * the collection has (普惠托育 → 普惠, 托育) at BIGRAM_WEIGHT.
   */
  expand(concepts: QueryConcept[]): QueryConcept[] {
    return concepts.map((c) => {
      if (c.alts.some((a) => this.clauseIndex.df(a.term) > 0)) return c;
      const fixes = this.#corrections(c.term, !!c.maybeTypo || !!(this.params.typoWords && this.params.typoSound && !c.soft && /^\p{Script=Han}{2,}$/u.test(c.term)), !!c.maybeTypo && !!this.params.typoSound);
      if (fixes.length) return { ...c, alts: [...c.alts, ...fixes] };
      // A mistyped word the segmentation cut apart (美改 | 电 for 煤改电, 被程 | 管扣 for 城管): its joins with the nearest neighbour character.
      if (this.params.typoJoins && this.params.typoSound) for (const j of c.joins ?? []) {
        if (this.clauseIndex.df(j) > 0) return { ...c, term: j, alts: [{ term: j, weight: 1 }] };
        const joined = this.#corrections(j, true, true);
        if (joined.length) return { ...c, term: j, alts: joined };
      }
      if (c.term.length < 3 || !/^\p{Script=Han}+$/u.test(c.term)) return c;
      const grams = [...new Set(Array.from({ length: c.term.length - 1 }, (_, i) => c.term.slice(i, i + 2)))].filter((g) => this.clauseIndex.df(g) > 0);
      return grams.length ? { ...c, alts: [...c.alts, ...grams.map((term) => ({ term, weight: BIGRAM_WEIGHT }))] } : c;
    });
  }

  /**
   * Typo corrections of a word the collection lacks: the clause vocabulary's words one sound-alike character away
   * (`near`), else (`synonyms`, with typoSynonyms) the official words of the synonym-table word one away (程管 → 城管 →
   * 综合行政执法) — not filtered by the index: an official word inside a longer one (综合行政执法局) still matches within
   * the document.
   */
  #corrections(w: string, near: boolean, synonyms: boolean): { term: string; weight: number }[] {
    const words = near ? this.clauseIndex.nearWords(w) : [];
    if (words.length) return words.map((term) => ({ term, weight: TYPO_WEIGHT }));
    if (!synonyms || !this.params.typoSynonyms) return [];
    return this.analyzer.typoSynonyms(w, soundsAlike).map((a) => ({ term: a.term, weight: TYPO_WEIGHT * a.weight }));
  }

  /** A question word's weight for coverage: its rarity among clauses; a word no clause has (nor its synonyms) weighs the most. */
  #conceptWeight(c: QueryConcept): number {
    const idx = this.clauseIndex;
    const strong = c.alts.filter((a) => (a.term === c.term || a.weight >= TYPO_WEIGHT) && idx.df(a.term) > 0);
    const base = idx.df(c.term) > 0 ? idx.coverIdf(c.term) : strong.length ? Math.max(...strong.map((a) => idx.coverIdf(a.term))) : idx.maxIdf() * (c.plain ? idx.plainAbsent : 1);
    return Math.min(base, idx.maxIdf()) * (c.soft ? SOFT_FACTOR : 1);
  }

  /** How much of an entry phrasing the question covers (idf-weighted share of the phrasing's words it holds). */
  #phraseCoverage(phrase: number, qTerms: Set<string>, folded: string, topicTerms: Set<string>, topicFolded: string): { pc: number; topic: boolean } {
    let got = 0, all = 0, topic = false;
    for (const p of this.#phraseConcepts[phrase]!) {
      const w = Math.max(0.05, ...p.alts.map((a) => (this.entryIndex.df(a.term) > 0 ? this.entryIndex.coverIdf(a.term) : 0))) * (p.soft ? SOFT_FACTOR : 1);
      all += w;
      if (folded.includes(p.term) || p.alts.some((a) => a.weight >= BIGRAM_WEIGHT && qTerms.has(a.term))) {
        got += w;
        if (!topic && !p.soft && (topicFolded.includes(p.term) || p.alts.some((a) => a.weight >= BIGRAM_WEIGHT && topicTerms.has(a.term)))) topic = true;
      }
    }
    return { pc: all > 0 ? got / all : 0, topic };
  }

  /** Ranked candidates before the live validity check: entries (best phrasing each) and clauses. */
  candidates(concepts: QueryConcept[], limit = 20, question = ''): { entries: EntryHit[]; clauses: ClauseHit[] } {
    const cs = this.expand(concepts);
    const P = this.params;
    // Entries: the question's coverage of the phrasing and the phrasing's coverage of the question.
    const qTerms = new Set(cs.flatMap((c) => c.alts.filter((a) => a.weight >= BIGRAM_WEIGHT).map((a) => a.term)));
    const folded = cs.map((c) => c.term).join(' ');
    // The same from the question's topic words only (not its intent words: 多少钱 → 标准).
    const topicTerms = new Set(cs.filter((c) => !c.soft).flatMap((c) => c.alts.filter((a) => a.weight >= BIGRAM_WEIGHT).map((a) => a.term)));
    const topicFolded = cs.filter((c) => !c.soft).map((c) => c.term).join(' ');
    const qTypes = askedTypes(question);
    const qAspects = askedAspects(question, qTypes);
    const qGrams = new Set(bigramsOfQuestion(question));
    const best = new Map<number, EntryHit>();
    for (const h of this.entryIndex.search(cs, limit * 3)) {
      const e = this.#phraseOf[h.doc]!;
      const { pc, topic: sharesTopic } = this.#phraseCoverage(h.doc, qTerms, folded, topicTerms, topicFolded);
      const match = h.coverage + pc > 0 ? (2 * h.coverage * pc) / (h.coverage + pc) : 0;
      const prev = best.get(e);
      const pg = this.#phraseGrams[h.doc]!;
      let shared = 0;
      for (const g of qGrams) if (pg.has(g)) shared++;
      const textSim = qGrams.size + pg.size > 0 ? (2 * shared) / (qGrams.size + pg.size) : 0;
      if (!prev || match > prev.match || (match === prev.match && (textSim > prev.textSim || (textSim === prev.textSim && h.rank > prev.rank)))) best.set(e, { ...h, entry: this.entries[e]!, phraseCoverage: pc, sharesTopic, match, textSim, typeAgree: typeAgreement(qTypes, this.#entryTypes[e] ?? 0, P.typeAmount ? 0 : AMOUNT_TYPE), offTopic: 0, asksBeyond: (qAspects & ~AMOUNT_TYPE & ~(this.#entryAspects[e] ?? 0)) !== 0 });
    }
    // What the question asks that the documents speak of but the entry does not (审核 asked, the entry is about 申请).
    const docWord = cs.map((c) => !c.soft && c.alts.some((a) => a.weight >= SYN_FORWARD && this.clauseIndex.df(a.term) > 0));
    const qWeights = cs.map((c) => this.#conceptWeight(c));
    const qTotal = qWeights.reduce((a, b) => a + b, 0);
    for (const hit of best.values()) {
      const text = this.#entryText(hit.entry);
      let off = 0;
      cs.forEach((c, q) => { if (docWord[q] && !c.alts.some((a) => a.weight >= SYN_FORWARD && text.includes(a.term))) off += qWeights[q]!; });
      hit.offTopic = qTotal > 0 ? off / qTotal : 0;
    }
    const entries = [...best.values()].sort((a, b) => b.match - a.match || b.textSim - a.textSim || b.rank - a.rank).slice(0, limit);
    // Clauses, in two stages: the documents by their whole-document score, then the articles within each.
    const docHits = this.docIndex.search(cs, Math.max(12, P.topDocs));
    const clauseHits = this.clauseIndex.search(cs, 40);
    const docHit = new Map(docHits.map((h) => [h.doc, h]));
    const own = new Map(clauseHits.map((h) => [h.doc, h]));
    const chosen = new Set(docHits.slice(0, P.topDocs).map((h) => h.doc));
    for (const h of clauseHits.slice(0, 5)) chosen.add(this.#docOfClause[h.doc]!);
    const norm = P.doc + P.local * (1 + RANK_PARAMS.proximity) + P.clause;
    const weights = cs.map((c) => this.#conceptWeight(c));
    const wTotal = weights.reduce((a, b) => a + b, 0);
    // The question's topic: its weightiest word (not an intent word).
    const topicNoun = cs.map((c) => this.analyzer.isTopicNoun(c.term));
    let topic = -1;
    cs.forEach((c, q) => { if (!c.soft && (topic < 0 || weights[q]! > weights[topic]!)) topic = q; });
    // A scope or definition article (本办法适用于…, 本办法所称…) holds the topic words of every question on its document:
    // it gives way unless the question asks who or what is covered.
    const scopeDamped = P.scopeDamp > 0 && !ASKS_SCOPE.test(question);
    const out: ClauseHit[] = [];
    for (const d of chosen) {
      const dh = docHit.get(d);
      const g = this.#docs[d]!;
      const prep = this.#prepared(d);
      const local = scorePrepared(prep, cs, question);
      const topicMissing = topic >= 0 && local.every((l) => !(l.credit[topic]! > 0));
      let missingW = 0;
      cs.forEach((c, q) => { const need = c.term.length >= 4 ? P.missingCreditLong : P.missingCredit; if (!c.soft && topicNoun[q] && local.every((l) => !(l.credit[q]! >= need))) missingW += weights[q]!; });
      const missingTopic = wTotal > 0 ? missingW / wTotal : 0;
      let titleShare = 0;
      if (P.titleBoost > 0) {
        const title = prep.title ?? '';
        let tw = 0, tAll = 0;
        cs.forEach((c, q) => { if (c.soft) return; tAll += weights[q]!; let best = 0; for (const a of c.alts) if (a.weight > best && a.weight >= BIGRAM_WEIGHT && title.includes(a.term)) best = a.weight; tw += weights[q]! * best; });
        titleShare = tAll > 0 ? tw / tAll : 0;
      }
      g.clauses.forEach((ci, k) => {
        const h = own.get(ci);
        const l = local[k]!;
        if (!h && l.score <= 0) return;
        const docCoverage = dh?.coverage ?? h?.coverage ?? 0;
        const rank = (scopeDamped && prep.scope?.[k] ? 1 - P.scopeDamp : 1) * Math.min(0.9999, ((1 - P.titleBoost) * (P.doc * (dh?.rank ?? 0) + P.local * l.score + P.clause * (h?.rank ?? 0))) / norm + P.titleBoost * titleShare);
        // Confidence: how much of the question (words weighted by rarity in the collection; a word the collection
        // lacks weighs the most) the document holds, blended with how much this article (with its headings) holds.
        let wc = 0;
        for (let q = 0; q < cs.length; q++) wc += weights[q]! * Math.min(1, l.credit[q] ?? 0);
        const articleCoverage = wTotal > 0 ? wc / wTotal : 0;
        const coverage = ((1 - P.confLocal) * docCoverage + P.confLocal * articleCoverage) * (topicMissing ? P.topicPenalty : 1);
        out.push({ doc: ci, score: h?.score ?? 0, nscore: h?.nscore ?? 0, coverage, rank, clause: this.clauses[ci]!, docCoverage, localCoverage: articleCoverage, docRank: dh?.rank ?? 0, local: l.score, missingTopic });
      });
    }
    out.sort((a, b) => b.rank - a.rank || a.doc - b.doc);
    return { entries, clauses: out.slice(0, limit) };
  }
}

/** Combines entry and clause candidates into the ranked answer (pure; the caller supplies the live check). */
export function rankAnswers(engine: QaEngine, cands: ReturnType<QaEngine['candidates']>, citable: (itemId: number) => DocState | null, opts: { limit?: number; threshold?: number; words?: string[]; question?: string } = {}): Outcome {
  const limit = opts.limit ?? 5;
  const { entries, clauses } = cands;
  const words = opts.words ?? [];
  const cite = (itemId: number, article: number): Citation | null => {
    const d = citable(itemId);
    const c = engine.clause(itemId, article);
    if (!d || !c) return null;
    return {
      itemId, article, label: c.label, title: d.title, docNumber: d.doc_number, validity: d.validity ? (VALIDITY_LABELS as Record<string, string>)[d.validity] ?? d.validity : '现行有效',
      unitName: c.unitName, href: `/items/${itemId}#art-${article}`, quote: c.text,
    };
  };
  const out: Answer[] = [];
  const P = engine.params;
  const live = clauses.filter((h) => citable(h.clause.itemId));
  const clauseScore = new Map(live.map((h) => [`${h.clause.itemId}:${h.clause.article}`, h.rank]));
  const entryConf = new Map<number, number>();
  const outright = new Set<number>();
  const bestEntry = entries.find((e) => e.entry.sources.every((s) => citable(s.itemId) && engine.clause(s.itemId, s.article)));
  for (const e of entries) {
    const citations = e.entry.sources.map((s) => cite(s.itemId, s.article));
    if (citations.some((c) => c === null) || citations.length === 0) continue; // every source must be citable now
    // A curated entry wins when it and the question say the same thing (each covers most of the other),
    // or when it cites the best clause with a fair match: two paths agree, and the entry says it in plain words.
    // Where the entry's article stands among the live clause candidates (-1: not among them).
    const citedRank = live.findIndex((h) => e.entry.sources.some((s) => s.itemId === h.clause.itemId && s.article === h.clause.article));
    const agrees = citedRank === 0 && e.match >= P.agreeMatch && (!P.agreeTopic || e.sharesTopic);
    // The best entry citing one of the few best clauses: the clause ranking and the entry point to the same place.
    // Also the best entry by a margin, asking no kind of fact and no document word it does not speak of.
    // "Clean": the entry asks no kind or aspect the question does not, and the question no document word the entry lacks.
    const clean = !e.asksBeyond && e.offTopic < P.nearOff;
    const near = e === bestEntry && e.match >= P.nearMatch && citedRank >= 0 && citedRank < P.nearTop && clean;
    const typed = e.typeAgree === 1 && e.match >= P.typeMatch && citedRank >= 0 && citedRank < P.typeRank && e.offTopic < P.typeOff;
    // The question holds every word of a phrasing, asks nothing else the documents speak of, and the entry's article is among the best few.
    const whole = e.phraseCoverage >= 0.99 && e.typeAgree >= 0 && e.offTopic < P.typeOff && citedRank >= 0 && citedRank < P.wholeRank;
    const preferred = (e.match >= P.entryMatch || agrees || near || typed || whole) && !(P.typeVeto && e.typeAgree === -1) && !(P.aspectVeto && e.asksBeyond);
    // Otherwise it stands with its cited article: the article's rank lifted by how well the phrasing matches.
    const cited = Math.max(0, ...e.entry.sources.map((s) => clauseScore.get(`${s.itemId}:${s.article}`) ?? 0));
    // A clean entry lifts its article more.
    const blend = clean ? P.entryBlendClean : P.entryBlend;
    // Preferred: by match, then (ties: two entries whose phrasings reduce to the same words) by the wording itself.
    const score = preferred ? 1 + e.match + (citedRank === 0 ? P.agreeBonus : 0) + 1e-3 * e.textSim : Math.min(0.99995, Math.max(cited, blend * e.match + (1 - blend) * cited) + 1e-4);
    const citedConf = Math.max(0, ...e.entry.sources.map((s) => clauses.find((h) => h.clause.itemId === s.itemId && h.clause.article === s.article)?.coverage ?? 0));
    entryConf.set(e.entry.entryId, preferred ? 1 : Math.max(e.match, citedConf));
    if (preferred && e.match >= P.entryMatch) outright.add(e.entry.entryId);
    out.push({ kind: 'entry', entryId: e.entry.entryId, itemId: e.entry.sources[0]!.itemId, article: e.entry.sources[0]!.article, text: e.entry.answer,
      score: round(score), question: e.entry.question.split('\n')[0], citations: citations as Citation[] });
  }
  for (const h of live) {
    const c = cite(h.clause.itemId, h.clause.article)!;
    if (!c) continue;
    out.push({ kind: 'clause', itemId: c.itemId, article: c.article, text: c.quote, score: round(h.rank), citations: [c], excerpt: clauseExcerpt(c.quote, words) });
  }
  out.sort((a, b) => b.score - a.score);
  // The question asks a precise kind of fact (几次, 几岁, 电话) the best clause does not state, but a close runner-up
  // does (每人每年不超过3次): the runner-up answers it.
  if (P.kindPromote > 0 && out[0]?.kind === 'clause' && lacksAskedKind(opts.question ?? '', out[0].text)) {
    const k = out.findIndex((a, i) => i > 0 && i <= 3 && a.kind === 'clause' && a.score >= out[0]!.score * (1 - P.kindPromote) && !lacksAskedKind(opts.question ?? '', a.text));
    if (k > 0) {
      const [promoted] = out.splice(k, 1);
      promoted!.score = out[0]!.score; // best first, scores in order
      out.unshift(promoted!);
    }
  }
  const best = out[0];
  const confidence = !best ? 0 : best.score >= 1 ? 1 : best.kind === 'entry' ? Math.max(entryConf.get(best.entryId!) ?? 0, coverageOf(best, clauses)) : coverageOf(best, clauses);
  const basis = !best ? undefined : clauses.find((c) => c.clause.itemId === best.itemId && c.clause.article === best.article);
  const kindMissing = !!best && lacksAskedKind(opts.question ?? '', engine.clause(best.itemId, best.article)?.text ?? '');
  const abstained = shouldAbstain({ hasAnswer: !!best, confidence, preferredEntry: !!best && best.score >= 1, outrightEntry: best?.kind === 'entry' && outright.has(best.entryId!), missingTopic: basis?.missingTopic ?? 0, kindMissing },
    { abstain: opts.threshold ?? P.abstain, abstainMissing: P.abstainMissing, abstainMissingEntry: P.abstainMissingEntry });
  const nearest: Outcome['nearest'] = [];
  for (const h of clauses) {
    const d = citable(h.clause.itemId);
    if (d && !nearest.some((n) => n.itemId === d.id)) nearest.push({ itemId: d.id, title: d.title, docNumber: d.doc_number, href: `/items/${d.id}` });
    if (nearest.length >= 5) break;
  }
  // One answer per article: an entry citing an article makes the bare clause redundant.
  const dedup: Answer[] = [];
  for (const a of out) {
    if (a.kind === 'clause' && dedup.some((d) => (d.kind === 'clause' ? d.itemId === a.itemId && d.article === a.article : d.citations.some((c) => c.itemId === a.itemId && c.article === a.article)))) continue;
    dedup.push(a);
  }
  return { abstained, answers: abstained ? [] : dedup.slice(0, limit), nearest, confidence: round(confidence) };
}

/** What the abstention decision reads of the best answer. */
export type AbstainFeatures = {
  hasAnswer: boolean;
  /** Coverage of the question by the answer's document and article (0…1); 1 for a preferred entry. */
  confidence: number;
  /** A curated entry preferred over the clauses (by any of its routes). */
  preferredEntry: boolean;
  /** …and matching the question outright (its phrasing and the question cover each other): it answers whatever the documents lack. */
  outrightEntry?: boolean;
  /** Share of the question's weight held by topic nouns the answer's document lacks. */
  missingTopic: number;
  /** The question asks for a precise kind of fact (a phone number, an age, a ratio, a count) the answer's article does not state. */
  kindMissing?: boolean;
};

/** Kinds whose statement is unmistakable in a clause (a number with 岁 / 次 / %, a phone number): asking one of them and getting an article without it is no answer. */
export const PRECISE_KINDS = ['phone', 'age', 'ratio', 'count'];
/** Whether the question asks only precise kinds (see PRECISE_KINDS) and the article states none of them. */
export function lacksAskedKind(question: string, article: string): boolean {
  const asked = ANSWER_TYPES.filter((t) => t.ask.test(question));
  if (asked.length === 0 || !asked.every((t) => PRECISE_KINDS.includes(t.name))) return false;
  return !asked.some((t) => t.has.test(article));
}
/**
 * The abstention rule (两 features, tuned on the dev set): abstain without an answer, when the answer covers too
 * little of the question, or — unless a curated entry matches outright — when the document lacks the things the
 * question is about (残疾人机动车燃油补贴: every word but 机动车/燃油 is in the 两项补贴 document).
 */
export function shouldAbstain(f: AbstainFeatures, p: { abstain: number; abstainMissing: number; abstainMissingEntry?: number }): boolean {
  if (!f.hasAnswer) return true;
  if (f.outrightEntry) return false;
  // A preferred entry vouches for the answer unless the question is mostly about things its document lacks.
  if (f.preferredEntry) return f.missingTopic >= (p.abstainMissingEntry ?? 2);
  if (f.confidence < p.abstain) return true;
  if (f.kindMissing) return true;
  return f.missingTopic >= p.abstainMissing;
}

function coverageOf(a: Answer, clauses: ClauseHit[]): number {
  return clauses.find((c) => c.clause.itemId === a.itemId && c.clause.article === a.article)?.coverage ?? 0;
}
const round = (x: number) => Math.round(x * 10000) / 10000;

// ── building from the database, cached per area ──

type Cached = { version: string; engine: QaEngine; ms?: number; patched?: number; patchMs?: number };
const cache = new Map<string, Cached>();
const building = new Map<string, Promise<Cached>>();
let analyzerCache: { key: string; analyzer: Analyzer } | null = null;

export async function lexiconOf(db: Db, areaId: number): Promise<LexiconData> {
  const shipped = shippedLexicon();
  const rows = await db.selectFrom('qa_lexicon').select(['kind', 'term', 'expansions']).where('area_id', '=', areaId).orderBy('id').execute();
  const words = [...shipped.words, ...rows.filter((r) => r.kind === 'word').map((r) => r.term)];
  const groups = [...shipped.groups, ...rows.filter((r) => r.kind === 'synonym').map((r) => [r.term, ...r.expansions.split('|').map((s) => s.trim()).filter(Boolean)])];
  return { words, groups, soft: shipped.soft };
}

export function analyzerFor(lex: LexiconData): Analyzer {
  const key = JSON.stringify(lex);
  if (analyzerCache?.key !== key) analyzerCache = { key, analyzer: new Analyzer(lex) };
  return analyzerCache.analyzer;
}

/** Clause rows of some items (all of the area's when `itemIds` is omitted) as engine clauses, in document order. */
async function clauseDocs(db: Db, areaId: number, itemIds?: number[]): Promise<ClauseDoc[]> {
  if (itemIds && itemIds.length === 0) return [];
  let q = db.selectFrom('qa_clauses').select(['item_id', 'article', 'label', 'path', 'text']).where('area_id', '=', areaId).where('article', '>', 0);
  if (itemIds) q = q.where('item_id', 'in', itemIds);
  const rows = await q.orderBy('item_id').orderBy('seq').execute();
  const states = await documentStates(db, [...new Set(rows.map((r) => r.item_id))]);
  const names = await unitNames(db, areaId);
  const clauses: ClauseDoc[] = [];
  for (const r of rows) {
    const d = states.get(r.item_id);
    if (!d) continue;
    clauses.push({ itemId: r.item_id, article: r.article, label: r.label, path: r.path, text: r.text, title: d.title, docNumber: d.doc_number, unitName: names.get(d.unit_id) ?? '' });
  }
  return clauses;
}

/** item id → item_version of the area's indexed clauses (marker rows of documents without clauses included). */
async function indexedVersions(db: Db, areaId: number): Promise<Map<number, string>> {
  const rows = await db.selectFrom('qa_clauses').select(['item_id', 'item_version']).where('area_id', '=', areaId).groupBy(['item_id', 'item_version']).execute();
  return new Map(rows.map((r) => [r.item_id, r.item_version]));
}

async function entryDocs(db: Db, areaId: number): Promise<EntryDoc[]> {
  const entryRows = await db.selectFrom('qa_entries').select(['id', 'question', 'alt_questions', 'answer']).where('area_id', '=', areaId).where('status', '=', 'published').orderBy('id').execute();
  const sources = entryRows.length ? await db.selectFrom('qa_entry_sources').select(['entry_id', 'item_id', 'article']).where('entry_id', 'in', entryRows.map((e) => e.id)).orderBy('entry_id').orderBy('sort').execute() : [];
  return entryRows.map((e) => ({
    entryId: e.id, question: [e.question, ...e.alt_questions.split('\n')].map((s) => s.trim()).filter(Boolean).join('\n'), answer: e.answer,
    sources: sources.filter((s) => s.entry_id === e.id).map((s) => ({ itemId: s.item_id, article: s.article })),
  }));
}

async function loadEngine(db: Db, areaId: number, analyzer: Analyzer): Promise<QaEngine> {
  const versions = await indexedVersions(db, areaId);
  const engine = new QaEngine(analyzer, await clauseDocs(db, areaId), await entryDocs(db, areaId));
  for (const [id, v] of versions) engine.versions.set(id, v);
  return engine;
}

/**
 * Brings a built engine up to date in place: only the documents whose indexed clauses changed (published,
 * amended, withdrawn, repealed, expired) are replaced; the curated entries are re-read (a small index).
 * All reads happen first, then the engine changes synchronously, so no question sees half an update.
 */
async function patchEngine(db: Db, areaId: number, engine: QaEngine, known?: Map<number, string>): Promise<{ items: number }> {
  const now = known ?? await indexedVersions(db, areaId);
  const changed = [...now].filter(([id, v]) => engine.versions.get(id) !== v).map(([id]) => id);
  const gone = [...engine.versions.keys()].filter((id) => !now.has(id));
  const fresh = await clauseDocs(db, areaId, changed);
  const entries = await entryDocs(db, areaId);
  const byItem = new Map<number, ClauseDoc[]>();
  for (const c of fresh) {
    let l = byItem.get(c.itemId);
    if (!l) byItem.set(c.itemId, (l = []));
    l.push(c);
  }
  for (const id of gone) engine.replaceItem(id, null);
  for (const id of changed) engine.replaceItem(id, byItem.get(id) ?? null, now.get(id));
  // Entries index their cited articles' text too: re-read when a document changed.
  if (JSON.stringify(entries) !== JSON.stringify(engine.entries) || (engine.params.entryClause > 0 && gone.length + changed.length > 0)) engine.setEntries(entries);
  return { items: gone.length + changed.length };
}

/** Indexes larger than this (a build of several seconds) are rebuilt in the background while the previous engine keeps answering. */
export const BACKGROUND_REBUILD_CLAUSES = 20_000;
/** A patched engine is rebuilt whole (compacted) once removed clauses take this share of its ids (and number over COMPACT_MIN). */
export const COMPACT_SHARE = 0.3;
export const COMPACT_MIN = 2000;

/** The version an engine is built for: public content and qa data (both read at once: one round trip on PostgreSQL). */
async function currentVersion(db: Db): Promise<string> {
  const [pub, qa] = await Promise.all([publicVersion(db), readQaVersion(db)]);
  return `${pub}|${qa}`;
}

/** lastPatchMs: the engine patch alone; lastRefreshMs: with the clause re-split before it. */
const stats = new Map<string, { builds: number; patches: number; patchedItems: number; lastPatchMs: number; lastRefreshMs: number }>();
/** How often the area's engine was built whole and patched incrementally (tests, the benchmark). */
export const engineStats = (areaId: number) => ({ ...(stats.get(String(areaId)) ?? { builds: 0, patches: 0, patchedItems: 0, lastPatchMs: 0, lastRefreshMs: 0 }) });

/**
 * The engine for an area, kept in step with public content and qa data (one refresh at a time).
 * A change to some documents or entries patches the built engine in place (only those documents'
 * clauses are replaced), so an edit is answerable and a withdrawal gone on the next question. A change
 * of the lexicon (the analyser) or too many removed clauses needs a whole build; for a large index
 * (more than BACKGROUND_REBUILD_CLAUSES clauses) that runs in the background while the previous engine
 * answers — safe because every citation is checked against the live item at answer time.
 */
export async function engineFor(db: Db, dialect: Dialect, areaId: number): Promise<QaEngine> {
  const version = await currentVersion(db);
  const key = String(areaId);
  const hit = cache.get(key);
  if (hit?.version === version) return hit.engine;
  const run = (prev: QaEngine | null) => {
    let p = building.get(key);
    if (!p) {
      const started = performance.now();
      p = refresh(db, dialect, areaId, prev).then((built) => {
        built.ms = performance.now() - started;
        const st = stats.get(key) ?? { builds: 0, patches: 0, patchedItems: 0, lastPatchMs: 0, lastRefreshMs: 0 };
        if (built.patched !== undefined) { st.patches++; st.patchedItems += built.patched; st.lastPatchMs = built.patchMs ?? 0; st.lastRefreshMs = built.ms; } else st.builds++;
        stats.set(key, st);
        cache.set(key, built);
        return built;
      }).finally(() => building.delete(key));
      building.set(key, p);
    }
    return p;
  };
  if (!hit) return (await run(null)).engine;
  const analyzer = analyzerFor(await lexiconOf(db, areaId));
  const ci = hit.engine.clauseIndex;
  const canPatch = hit.engine.analyzer === analyzer && (ci.removedShare < COMPACT_SHARE || ci.removedCount < COMPACT_MIN);
  if (!canPatch && hit.engine.liveClauses > BACKGROUND_REBUILD_CLAUSES) {
    run(null).catch(() => { /* the next question retries */ });
    return hit.engine;
  }
  return (await run(canPatch ? hit.engine : null)).engine;
}

async function refresh(db: Db, dialect: Dialect, areaId: number, prev: QaEngine | null): Promise<Cached> {
  // Public content changed since the last build: bring the clause index up to date first (one node at a
  // time; the job and `gongkai qa reindex` do the same; only changed documents are re-split), so a
  // just-published document is answerable.
  let versions: Map<number, string> | undefined;
  if (await acquireLock(db, 'qa.reindex', 10 * 60_000)) {
    try {
      const r = await reindexClausesState({ db, dialect, actor: systemActor('政策问答索引') });
      // The run's own view of qa_clauses (all areas): this area's part is what the patch compares with.
      versions = new Map([...r.versions].filter(([id]) => r.areaOf.get(id) === areaId));
    } finally {
      await releaseLock(db, 'qa.reindex');
    }
  }
  const version = await currentVersion(db);
  if (prev) {
    const t = performance.now();
    const items = (await patchEngine(db, areaId, prev, versions)).items;
    return { version, engine: prev, patched: items, patchMs: performance.now() - t };
  }
  return { version, engine: await loadEngine(db, areaId, analyzerFor(await lexiconOf(db, areaId))) };
}

/** Answers a question for an area: live check of every cited item (public, in force today). */
export async function answerQuestion(db: Db, dialect: Dialect, areaId: number, q: string, opts: { today?: string; limit?: number; threshold?: number } = {}): Promise<Outcome> {
  const text = q.slice(0, 200);
  // Usually the area's engine is current: its candidates are found and their documents read while the
  // version is checked (one round trip instead of three on PostgreSQL); a changed version starts over.
  const hit = cache.get(String(areaId));
  if (hit) {
    const found = findCandidates(hit.engine, text);
    const [version, states] = await Promise.all([currentVersion(db), found ? documentStates(db, found.ids) : null]);
    if (version === hit.version) return found && states ? liveAnswer(db, areaId, hit.engine, found, states, opts) : noAnswer();
  }
  const engine = await engineFor(db, dialect, areaId);
  const found = findCandidates(engine, text);
  if (!found) return noAnswer();
  return liveAnswer(db, areaId, engine, found, await documentStates(db, found.ids), opts);
}

const noAnswer = (): Outcome => ({ abstained: true, answers: [], nearest: [], confidence: 0 });
type Found = { text: string; concepts: QueryConcept[]; cands: ReturnType<QaEngine['candidates']>; ids: number[] };
/**
 * The question as the engine reads it: colloquial function words in standard form (啥时候 → 什么时候) and its
 * concepts, without the figures of the asker's own case that no clause holds (25万, 十来万): they match nothing
 * and would only dilute the rest.
 */
export function questionConcepts(engine: QaEngine, asked: string): { text: string; concepts: QueryConcept[] } {
  const text = standardQuestion(asked);
  return { text, concepts: engine.analyzer.concepts(text).filter((c) => !c.figure || engine.clauseIndex.df(c.term) > 0) };
}
function findCandidates(engine: QaEngine, asked: string): Found | null {
  const { text, concepts } = questionConcepts(engine, asked);
  if (concepts.length === 0) return null;
  const cands = engine.candidates(concepts, 20, text);
  const { entries, clauses } = cands;
  const ids = new Set<number>([...entries.flatMap((e) => e.entry.sources.map((s) => s.itemId)), ...clauses.map((c) => c.clause.itemId)]);
  return { text, concepts, cands, ids: [...ids] };
}
async function liveAnswer(db: Db, areaId: number, engine: QaEngine, found: Found, states: Map<number, DocState>, opts: { today?: string; limit?: number; threshold?: number }): Promise<Outcome> {
  const policyIds = [...states.values()].map((s) => s.policy_item_id).filter((x): x is number => x !== null && !states.has(x));
  const policies = policyIds.length ? await documentStates(db, policyIds) : new Map<number, DocState>();
  const today = opts.today ?? todayCst();
  const citable = (id: number): DocState | null => {
    const d = states.get(id);
    if (!d || !d.public || d.area_id !== areaId) return null;
    const policy = d.policy_item_id === null ? null : states.get(d.policy_item_id) ?? policies.get(d.policy_item_id) ?? null;
    if (d.item_type === 'interpretation' && d.policy_item_id !== null && !policy) return null;
    return inForceToday(d, today, policy) ? d : null;
  };
  return rankAnswers(engine, found.cands, citable, { limit: opts.limit, threshold: opts.threshold, words: found.concepts.flatMap((c) => c.alts.map((a) => a.term)), question: found.text });
}

/** Drops cached engines (tests, `gongkai qa reindex`). */
export const clearEngineCache = () => cache.clear();
