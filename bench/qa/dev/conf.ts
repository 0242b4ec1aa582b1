// Dev-set diagnostics for the abstention rule: per question, the features of the top answer
// (document coverage, article coverage, margins). Development set only.
import { loadDevSet } from './setup.js';
import { DEV_ENTRIES, DEV_QUESTIONS, DEV_UNANSWERABLE } from './questions.js';

const { tdb, areaId, idOf, eng } = await loadDevSet();
const f = (x: number) => x.toFixed(2);
const show = (q: string, tag: string) => {
  const c = eng.candidates(eng.analyzer.concepts(q), 20, q);
  const t = c.clauses[0];
  const second = c.clauses.find((h) => h.clause.itemId !== t?.clause.itemId);
  const e = c.entries[0];
  const docText = t ? eng.clauses.filter((x) => x.itemId === t.clause.itemId).map((x) => x.text).join('\n') + t.clause.title : '';
  const missing = eng.expand(eng.analyzer.concepts(q)).filter((k) => !k.soft && !k.alts.some((a) => docText.includes(a.term))).map((k) => k.term);
  console.log(`${tag} miss=${missing.length}:${missing.join('/')} dc=${f(t?.docCoverage ?? 0)} lc=${f(t?.localCoverage ?? 0)} cov=${f(t?.coverage ?? 0)} rank=${f(t?.rank ?? 0)} margin=${f((t?.rank ?? 0) - (second?.rank ?? 0))} mt=${f(t?.missingTopic ?? 0)} e=${f(e?.match ?? 0)}(${f(e?.coverage ?? 0)}/${f(e?.phraseCoverage ?? 0)}) ${q}`);
};
if (process.argv[2]) {
  for (const q of process.argv.slice(2)) {
    const c = eng.candidates(eng.analyzer.concepts(q), 20, q);
    console.log(q);
    for (const h of c.clauses.slice(0, 5)) console.log(`  ${h.clause.itemId}#${h.clause.article} rank=${f(h.rank)} doc=${f(h.docRank)} local=${f(h.local)} own=${f(h.rank && own(h))} cov=${f(h.coverage)} ${h.clause.text.slice(0, 40)}`);
  }
  await tdb.destroy();
  process.exit(0);
}
function own(h: { score: number }) { return h.score; }
for (const q of DEV_QUESTIONS) show(q.q, 'A');
for (const q of DEV_UNANSWERABLE) show(q, 'U');
for (const e of DEV_ENTRIES) for (const p of e.paraphrases) show(p, 'E');
await tdb.destroy();
