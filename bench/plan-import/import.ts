// Parse + import (one transaction) of the seed plan and of a synthetic 1000-task plan, into a fresh
// SQLite database and (with GONGKAI_BENCH_PG_URL) a fresh PostgreSQL database; baseline: parse only.
// Run: node --import tsx bench/plan-import/import.ts
import { readFileSync } from 'node:fs';
import { createTestDb } from '../../src/db/test-db.js';
import { bootstrap } from '../../src/bootstrap.js';
import { systemActor } from '../../src/lib/context.js';
import { importPlan } from '../../src/plan/plan.service.js';
import { parsePlanText } from '../../src/plan/plan-text-parser.js';
import { generateSyntheticPlan } from '../../src/plan/synthetic-plan.js';

const seed = readFileSync(new URL('../../data/plans/linzi-2022.txt', import.meta.url));
const synthetic = Buffer.from(generateSyntheticPlan(1000, 1).text);
const engines = ['sqlite', ...(process.env.GONGKAI_BENCH_PG_URL ? ['postgres'] : [])];

for (const engine of engines) {
  process.env.GONGKAI_TEST_DB = engine;
  if (engine === 'postgres') process.env.GONGKAI_TEST_PG_URL = process.env.GONGKAI_BENCH_PG_URL;
  for (const [label, buf] of [['seed (63 tasks)', seed], ['synthetic (1000 tasks)', synthetic]] as const) {
    const tdb = await createTestDb();
    await bootstrap(tdb, { demo: false });
    const ctx = { db: tdb.db, dialect: tdb.dialect, actor: systemActor('bench') };
    const p0 = performance.now();
    parsePlanText(buf.toString('utf8'));
    const parseMs = performance.now() - p0;
    const t0 = performance.now();
    const r = await importPlan(ctx, buf, 'plan.txt');
    const importMs = performance.now() - t0;
    const t1 = performance.now();
    await importPlan(ctx, buf, 'plan.txt');
    const reimportMs = performance.now() - t1;
    console.log(`${engine} ${label}: parse only ${parseMs.toFixed(1)} ms | parse+import ${importMs.toFixed(0)} ms (${r.tasks} tasks, ${r.unitsCreated.length} units created) | re-import in place ${reimportMs.toFixed(0)} ms`);
    await tdb.destroy();
  }
}
