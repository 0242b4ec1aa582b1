// Dev-set diagnostics for abstention by answer kind: per question, the kinds it asks (多久, 哪里, 电话 …), whether the
// article answered states one of them, and whether that answer is right. Dev set only.
import { answerQuestion } from '../../../src/qa/engine.js';
import { ANSWER_TYPES } from '../../../src/qa/rank.js';
import { loadDevSet } from './setup.js';
import { DEV_ENTRIES, DEV_QUESTIONS, DEV_UNANSWERABLE } from './questions.js';

const { tdb, areaId, idOf, eng } = await loadDevSet();
const rows: [string, string, string][] = [
  ...DEV_QUESTIONS.map((q) => ['A', q.q, `${idOf.get(q.doc)}#${q.article}`] as [string, string, string]),
  ...DEV_ENTRIES.flatMap((e) => e.paraphrases.map((p) => ['E', p, `${idOf.get(e.doc)}#${e.article}`] as [string, string, string])),
  ...DEV_UNANSWERABLE.map((q) => ['U', q, '-'] as [string, string, string]),
];
for (const [tag, q, want] of rows) {
  const o = await answerQuestion(tdb.db, tdb.dialect, areaId, q);
  const top = o.answers[0];
  const asked = ANSWER_TYPES.filter((t) => t.ask.test(q)).map((t) => t.name);
  const text = top ? eng.clause(top.itemId, top.article)?.text ?? '' : '';
  const has = ANSWER_TYPES.filter((t) => asked.includes(t.name) && t.has.test(text)).map((t) => t.name);
  const right = top ? `${top.itemId}#${top.article}` === want : tag === 'U';
  console.log(`${tag} ${right ? 'R' : 'w'} ${top ? top.kind : 'abst'} asked=${asked.join(',') || '-'} has=${has.join(',') || '-'} | ${q}`);
}
await tdb.destroy();
