import { loadDevSet } from './setup.js';
import { DEV_ENTRIES, DEV_QUESTIONS, DEV_UNANSWERABLE } from './questions.js';
import { DEV3_ENTRIES, DEV3_POLICIES, DEV3_QUESTIONS, DEV3_UNANSWERABLE } from './set3.js';

// SET=3: batch 3 alone.
const three = process.env.SET === '3';
const [QS, ES, US] = three ? [DEV3_QUESTIONS, DEV3_ENTRIES, DEV3_UNANSWERABLE] : [DEV_QUESTIONS, DEV_ENTRIES, DEV_UNANSWERABLE];
const { tdb, idOf, eng } = await loadDevSet(three ? { policies: DEV3_POLICIES, entries: DEV3_ENTRIES } : undefined);
// Dev-set diagnostics for entry preference: per question, the best entries and whether each cites the wanted article.
const f = (x: number) => x.toFixed(2);
const keyOf = new Map([...idOf].map(([k, v]) => [v, k]));
const rows: [string, string, number | null, string][] = [
  ...QS.map((q) => ['A', q.q, null, `${q.doc}#${q.article}`] as [string, string, null, string]),
  ...ES.flatMap((e) => e.paraphrases.map((p) => ['E', p, null, `${e.doc}#${e.article}`] as [string, string, null, string])),
  ...US.map((q) => ['U', q, null, '-'] as [string, string, null, string]),
];
for (const [tag, q, , want] of rows) {
  const c = eng.candidates(eng.analyzer.concepts(q), 20, q);
  const top = c.clauses[0];
  const topKey = top ? `${keyOf.get(top.clause.itemId)}#${top.clause.article}` : '-';
  const rankOf = (e: (typeof c.entries)[number]) => c.clauses.findIndex((h) => e.entry.sources.some((s) => s.itemId === h.clause.itemId && s.article === h.clause.article));
  const es = c.entries.slice(0, 2).map((e) => { const k = `${keyOf.get(e.entry.sources[0]!.itemId)}#${e.entry.sources[0]!.article}`; return `${k === want ? 'Y' : 'n'} m=${f(e.match)} c=${f(e.coverage)} p=${f(e.phraseCoverage)} t=${e.typeAgree} o=${f(e.offTopic)} r=${rankOf(e)} ${k}`; });
  console.log(`${tag} top=${topKey === want ? 'Y' : 'n'} conf=${top ? f(top.coverage) : '-'} miss=${top ? f(top.missingTopic) : '-'} | ${es.join(' | ')} | ${q}`);
}
await tdb.destroy();
