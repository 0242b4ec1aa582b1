// Where the 工作台 inbox's submission list spends its time (issue 11), on the database seeded by seed.ts.
// DIR=<a data dir; seeded on first run> node --import tsx bench/ledger/inbox-parts.ts
import { openDatabase } from '../../src/db/connect.js';
import { bootstrap } from '../../src/bootstrap.js';
import { seed } from './seed.js';
import { systemActor } from '../../src/lib/context.js';
import { setNowForTests } from '../../src/lib/time.js';
import { getCalendar } from '../../src/calendar/public.js';
import * as repo from '../../src/ledger/ledger.repo.js';
import { districtList, resolvePlan, submissionList } from '../../src/ledger/ledger.service.js';
const handle = openDatabase({ databaseUrl: null, dataDir: process.env.DIR ?? '/tmp/gkprof' });
setNowForTests(new Date('2022-10-10T02:00:00Z'));
const { areaId } = await bootstrap(handle, { demo: false });
if (!(await handle.db.selectFrom('plans').select('id').executeTakeFirst())) await seed(handle, areaId);
const ctx = { db: handle.db, dialect: handle.dialect, actor: systemActor('p') };
const plan = (await resolvePlan(ctx))!;
const t = async (label: string, f: () => Promise<unknown>, n = 20) => { await f(); const c = process.cpuUsage(); const s = performance.now(); for (let i = 0; i < n; i++) await f(); const cu = process.cpuUsage(c); console.log(label.padEnd(28), 'wall', ((performance.now() - s) / n).toFixed(1), 'ms; cpu', ((cu.user + cu.system) / n / 1000).toFixed(1), 'ms'); };
const ledgers = await repo.ledgersOfPlan(handle.db, plan.id);
const touch = () => handle.db.transaction().execute((tx) => repo.touchLedger(tx, ledgers[1]!.id, new Date().toISOString()));
await t('getCalendar', () => getCalendar(handle.db, plan.area_id));
await t('unitIdsOfPlan', () => repo.unitIdsOfPlan(handle.db, plan.id, plan.area_id));
await t('submissionsOfPlan (1 query)', () => repo.submissionsOfPlan(handle.db, plan.id, plan.area_id));
await t('submissionList', () => submissionList(ctx, plan));
await t('districtList', () => districtList(ctx, plan));
await t('submissionList, 1 changed', async () => { await touch(); return submissionList(ctx, plan); });
await t('districtList, 1 changed', async () => { await touch(); return districtList(ctx, plan); });
// A new day makes every ledger's cached figures stale (overdue counts depend on the day): the first
// inbox load of each day paid for all of them before.
let day = 11;
const nextDay = () => setNowForTests(new Date(`2022-10-${String(day++).padStart(2, '0')}T02:00:00Z`));
await t('submissionList, new day', async () => { nextDay(); return submissionList(ctx, plan); }, 8);
await t('districtList, new day', async () => { nextDay(); return districtList(ctx, plan); }, 8);
console.log(`units ${(await submissionList(ctx, plan)).length}, ledgers ${ledgers.length}`);
await handle.close();
