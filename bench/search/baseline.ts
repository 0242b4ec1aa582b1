/**
 * Baseline relevance figure for the synthetic corpus: MiniSearch (BM25) over jieba-segmented
 * title and body, AND of the query terms, title boosted. Prints mean precision@10 over the 30
 * judged queries; the database FTS back-ends should be compared against this number.
 *
 *   npx tsx bench/search/baseline.ts [docs=2000] [seed=42]
 */
import MiniSearch from 'minisearch';
import { segmentForIndex, segmentQuery } from '../../src/search/text/segment.js';
import { generateCorpus, judgedQueries } from './corpus.js';
import { precisionAtK } from './queries.js';

const n = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 42);

const t0 = performance.now();
const docs = generateCorpus(n, seed);
const t1 = performance.now();
const index = new MiniSearch<{ id: string; title: string; body: string }>({
  fields: ['title', 'body'],
  // Text is already folded and segmented; MiniSearch must not re-split or re-case it.
  tokenize: (text) => segmentForIndex(text).split(' ').filter((t) => t !== ''),
  processTerm: (term) => term,
  searchOptions: { tokenize: segmentQuery, processTerm: (term) => term, combineWith: 'AND', boost: { title: 3 } },
});
index.addAll(docs.map(({ id, title, body }) => ({ id, title, body })));
const t2 = performance.now();

// Reference point: the same matches in corpus order, i.e. what an unranked LIKE/AND filter gives.
let sumUnranked = 0;
let sum = 0;
const rows: string[] = [];
for (const q of judgedQueries(docs)) {
  const ranked = index.search(q.query).map((r) => String(r.id));
  const p = precisionAtK(ranked, q.relevant, 10);
  sum += p;
  sumUnranked += precisionAtK([...ranked].sort(), q.relevant, 10);
  rows.push(`${q.query.padEnd(10, '　')} P@10=${p.toFixed(1)} hits=${ranked.length} relevant=${q.relevant.size}`);
}
const t3 = performance.now();

console.log(rows.join('\n'));
console.log(`\ndocs=${n} seed=${seed} generate=${(t1 - t0).toFixed(0)}ms index=${(t2 - t1).toFixed(0)}ms queries=${(t3 - t2).toFixed(0)}ms`);
console.log(`mean P@10 = ${(sum / 30).toFixed(3)} (BM25)   ${(sumUnranked / 30).toFixed(3)} (same matches, unranked)`);
