/**
 * Deterministic synthetic corpus of 临淄区 government documents for search benchmarks.
 *
 * Each document has a primary topic and plants 2–4 of that topic's key phrases; a few sentences
 * come from one secondary topic (distractors that mention another topic's phrases) and the rest
 * is topic-neutral prose. Relevance of a query is then known by construction (see queries.ts).
 */
import { CLOSINGS, FILLER, HEADINGS, OPENINGS } from './boilerplate.js';
import { CATEGORIES, type Category } from './categories.js';
import { createRng, type Rng } from './prng.js';
import { TOPICS, type Topic, type TopicKey } from './topics.js';
import { TOWNS, UNITS, unitByName, type Unit } from './units.js';

export { judgedQueries } from './queries.js';
export type { JudgedQuery } from './queries.js';

export interface CorpusDoc {
  readonly id: string;
  readonly title: string;
  /** 文号, e.g. 临政办字〔2023〕12号; null for categories that carry none (公示, 解读…). */
  readonly docNumber: string | null;
  /** Short unit name, e.g. 区财政局. */
  readonly unit: string;
  readonly category: Category;
  readonly categoryLabel: string;
  readonly topic: TopicKey;
  /** Key phrases of the primary topic planted in this document. */
  readonly planted: readonly string[];
  readonly secondaryTopic: TopicKey;
  readonly year: number;
  /** YYYY-MM-DD */
  readonly publishedAt: string;
  readonly body: string;
}

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];
const TARGET_CHARS = 2000;
const SHARE_PRIMARY = 0.58;
const SHARE_SECONDARY = 0.16;
const MAIN_PHRASE_SHARE = 0.55;

function categoriesFor(topic: Topic): readonly Category[] {
  if (topic.key === 'penalty') return ['penalty', 'penalty', 'penalty', 'notice', 'report', 'interpretation'];
  if (topic.key === 'finance') return ['budget', 'budget', 'budget', 'notice', 'report', 'interpretation'];
  return ['notice', 'notice', 'plan', 'plan', 'publicity', 'interpretation', 'announcement', 'report'];
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const DEPARTMENTS = UNITS.filter((u) => !u.town);

interface Slots {
  readonly rng: Rng;
  readonly year: number;
  readonly phrase: () => string;
  readonly title: string;
  readonly dates: readonly [string, string];
}

function fill(template: string, s: Slots): string {
  return template.replace(/\{(P|U|T|N|M|R|Y|TITLE|D1|D2)\}/g, (_m, slot: string) => {
    switch (slot) {
      case 'P': return s.phrase();
      case 'U': return s.rng.pick(DEPARTMENTS).fullName;
      case 'T': return s.rng.pick(TOWNS).name;
      case 'N': return String(s.rng.int(2, 480));
      case 'M': return `${s.rng.int(12, 9800)}.${s.rng.int(1, 9)}万元`;
      case 'R': return `${s.rng.int(1, 98)}.${s.rng.int(0, 9)}%`;
      case 'Y': return String(s.year);
      case 'TITLE': return s.title;
      case 'D1': return s.dates[0];
      default: return s.dates[1];
    }
  });
}

function makeTitle(rng: Rng, category: Category, topic: Topic, unit: Unit, year: number, p: string, docNumber: string | null): string {
  switch (category) {
    case 'notice':
      return rng.pick([
        `${unit.fullName}关于印发《临淄区${year}年${p}工作方案》的通知`,
        `${unit.fullName}关于做好${year}年${p}工作的通知`,
        `关于进一步加强${p}工作的通知`,
      ]);
    case 'plan':
      return rng.pick([`临淄区${p}实施方案（${year}—${year + 2}年）`, `${year}年临淄区${p}工作实施方案`]);
    case 'publicity':
      return rng.pick([`关于${year}年${p}有关情况的公示`, `${unit.fullName}${year}年${p}名单公示`]);
    case 'interpretation':
      return rng.pick([`《临淄区${year}年${p}工作方案》政策解读`, `一图读懂${p}`, `关于${p}政策的解读`]);
    case 'announcement':
      return `关于${p}有关事项的公告`;
    case 'report':
      return `${unit.fullName}${year}年${topic.name}工作总结`;
    case 'penalty':
      return `${unit.fullName}行政处罚决定书（${docNumber ?? ''}）`;
    case 'budget':
      return `${unit.fullName}${year}年${p}公开说明`;
  }
}

function makeDocNumber(rng: Rng, category: Category, unit: Unit, year: number): string | null {
  const serial = rng.int(1, 120);
  if (category === 'penalty') return `${unit.docPrefix}罚决字〔${year}〕第${rng.int(1, 300)}号`;
  if (category === 'notice' || (category === 'plan' && rng.chance(0.5))) {
    const type = unit.docPrefix === '临政办' ? rng.pick(['字', '发']) : '字';
    return `${unit.docPrefix}${type}〔${year}〕${serial}号`;
  }
  return null;
}

interface BodySpec {
  readonly category: Category;
  readonly topic: Topic;
  readonly secondary: Topic;
  readonly planted: readonly string[];
  readonly secondaryPlanted: readonly string[];
  readonly year: number;
  readonly title: string;
  readonly unit: Unit;
  readonly publishedAt: string;
}

function makeBody(rng: Rng, doc: BodySpec): string {
  const month = rng.int(1, 12);
  const dates: [string, string] = [`${doc.year}年${month}月${rng.int(1, 20)}日`, `${doc.year}年${month}月${rng.int(21, 28)}日`];
  // The first planted phrase is what the document is mainly about; the others are mentioned
  // less. Secondary-topic sentences likewise dwell on one or two phrases, so a distractor can
  // mention another topic's phrase several times, as real documents do.
  const weighted = (phrases: readonly string[]) => (): string =>
    rng.chance(MAIN_PHRASE_SHARE) ? phrases[0] : rng.pick(phrases.slice(1).length > 0 ? phrases.slice(1) : phrases);
  const primary: Slots = { rng, year: doc.year, phrase: weighted(doc.planted), title: doc.title, dates };
  const secondary: Slots = { ...primary, phrase: weighted(doc.secondaryPlanted) };
  const sentence = (): string => {
    const r = rng.next();
    if (r < SHARE_PRIMARY) return fill(rng.pick(doc.topic.sentences), primary);
    if (r < SHARE_PRIMARY + SHARE_SECONDARY) return fill(rng.pick(doc.secondary.sentences), secondary);
    return fill(rng.pick(FILLER), primary);
  };
  const target = TARGET_CHARS - 200 + rng.int(0, 400);
  const closing = `${fill(rng.pick(CLOSINGS), primary)}\n${doc.unit.fullName}\n${doc.publishedAt.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}`;
  const headings = HEADINGS[doc.category];
  let body = fill(rng.pick(OPENINGS[doc.category]), primary);
  headings.forEach((heading, i) => {
    body += `\n${heading}\n`;
    // Weighted picks may skip a minor phrase; mention each once so `planted` means "present".
    if (i === 0) for (const p of doc.planted.slice(1)) body += fill(rng.pick(doc.topic.sentences), { ...primary, phrase: () => p });
    const sectionEnd = ((target - closing.length) * (i + 1)) / headings.length;
    let paragraph = 0;
    do {
      if (paragraph++ > 0) body += '\n';
      const sentences = rng.int(3, 6);
      for (let k = 0; k < sentences && body.length < sectionEnd; k++) body += sentence();
    } while (body.length < sectionEnd);
  });
  return `${body}\n${closing}`;
}

/**
 * `n` documents, identical for the same (n, seed); ids are doc-00001… in generation order.
 *
 * @example generateCorpus(1000, 42).filter((d) => d.topic === 'housing')
 */
export function generateCorpus(n: number, seed: number): CorpusDoc[] {
  const rng = createRng(seed);
  const docs: CorpusDoc[] = [];
  for (let i = 0; i < n; i++) {
    const topic = rng.pick(TOPICS);
    const secondary = rng.pick(TOPICS.filter((t) => t.key !== topic.key));
    const planted = rng.sample(topic.phrases, rng.int(2, 4));
    const secondaryPlanted = rng.sample(secondary.phrases, rng.int(1, 2));
    const unit = rng.chance(0.75) ? unitByName(rng.pick(topic.units)) : rng.pick(TOWNS);
    const year = rng.pick(YEARS);
    const category = rng.pick(categoriesFor(topic));
    const docNumber = makeDocNumber(rng, category, unit, year);
    const title = makeTitle(rng, category, topic, unit, year, planted[0], docNumber);
    const publishedAt = `${year}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`;
    const body = makeBody(rng, { category, topic, secondary, planted, secondaryPlanted, year, title, unit, publishedAt });
    docs.push({
      id: `doc-${String(i + 1).padStart(5, '0')}`,
      title, docNumber, unit: unit.name, category, categoryLabel: CATEGORIES[category],
      topic: topic.key, planted, secondaryTopic: secondary.key, year, publishedAt, body,
    });
  }
  return docs;
}
