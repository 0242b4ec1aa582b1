// Dev-set diagnostics for abstention by answer kind: per question, the kinds it asks (多久, 哪里, 电话 …), whether the
// article answered states one of them, and whether that answer is right. Dev set only.
import { bootstrap } from '../../../src/bootstrap.js';
import { createTestDb } from '../../../src/db/test-db.js';
import { systemActor, type Ctx } from '../../../src/lib/context.js';
import { insertItem } from '../../../src/search/search.fixtures.js';
import { reindexClauses } from '../../../src/qa/clause-index.js';
import { answerQuestion, engineFor } from '../../../src/qa/engine.js';
import { ANSWER_TYPES } from '../../../src/qa/rank.js';
import { createEntry } from '../../../src/qa/entries.service.js';
import { DEV_POLICIES } from './policies.js';
import { DEV_ENTRIES, DEV_QUESTIONS, DEV_UNANSWERABLE } from './questions.js';

const tdb = await createTestDb();
const { areaId } = await bootstrap(tdb, { demo: false });
const ctx: Ctx = { db: tdb.db, dialect: tdb.dialect, actor: systemActor('基准测试') };
const idOf = new Map<string, number>();
for (const p of DEV_POLICIES) idOf.set(p.key, await insertItem(tdb.db, tdb.dialect, { area_id: areaId, unit_id: areaId, title: p.title, body_text: p.body.join('\n'), item_type: p.type, doc_number: p.docNumber, validity: p.type === 'normative' ? p.validity ?? 'valid' : null }));
await reindexClauses(ctx);
for (const e of DEV_ENTRIES) await createEntry(ctx, { question: e.question, altQuestions: e.alt, answer: e.answer, sources: [{ itemId: idOf.get(e.doc)!, article: e.article }], status: 'published' });
const eng = await engineFor(tdb.db, tdb.dialect, areaId);
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
