// The development set loaded into a fresh test database, for the dev diagnostics (conf.ts, entries.ts, types.ts):
// its policies published, clauses split, curated entries published, and the area's engine built.
import { bootstrap } from '../../../src/bootstrap.js';
import { createTestDb } from '../../../src/db/test-db.js';
import { systemActor, type Ctx } from '../../../src/lib/context.js';
import { insertItem } from '../../../src/search/search.fixtures.js';
import { reindexClauses } from '../../../src/qa/clause-index.js';
import { engineFor } from '../../../src/qa/engine.js';
import { createEntry } from '../../../src/qa/entries.service.js';
import { DEV_POLICIES } from './policies.js';
import { DEV_ENTRIES } from './questions.js';

export async function loadDevSet(set: { policies: typeof DEV_POLICIES; entries: typeof DEV_ENTRIES } = { policies: DEV_POLICIES, entries: DEV_ENTRIES }) {
  const tdb = await createTestDb();
  const { areaId } = await bootstrap(tdb, { demo: false });
  const ctx: Ctx = { db: tdb.db, dialect: tdb.dialect, actor: systemActor('基准测试') };
  const idOf = new Map<string, number>();
  for (const p of set.policies) idOf.set(p.key, await insertItem(tdb.db, tdb.dialect, { area_id: areaId, unit_id: areaId, title: p.title, body_text: p.body.join('\n'), item_type: p.type, doc_number: p.docNumber, validity: p.type === 'normative' ? p.validity ?? 'valid' : null }));
  await reindexClauses(ctx);
  for (const e of set.entries) await createEntry(ctx, { question: e.question, altQuestions: e.alt, answer: e.answer, sources: [{ itemId: idOf.get(e.doc)!, article: e.article }], status: 'published' });
  const eng = await engineFor(tdb.db, tdb.dialect, areaId);
  return { tdb, areaId, ctx, idOf, eng };
}
