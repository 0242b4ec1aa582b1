// Where the dashboard spends its time, per part (wall and CPU), on a database seeded by seed.ts.
// DIR=<a data dir; seeded on first run> node --import tsx bench/ledger/profile.ts
import { openDatabase } from '../../src/db/connect.js';
import { bootstrap } from '../../src/bootstrap.js';
import { seed } from './seed.js';
import { systemActor } from '../../src/lib/context.js';
import { setNowForTests } from '../../src/lib/time.js';
import * as repo from '../../src/ledger/ledger.repo.js';
import { districtList, resolvePlan } from '../../src/ledger/ledger.service.js';
import { dashboard } from '../../src/ledger/ledger-dashboard.js';
import { ledgerFigures } from '../../src/ledger/ledger-stats.js';
const handle = openDatabase({ databaseUrl: null, dataDir: process.env.DIR ?? '/tmp/gkprof' });
setNowForTests(new Date('2022-10-10T02:00:00Z'));
const { areaId } = await bootstrap(handle, { demo: false });
if (!(await handle.db.selectFrom('plans').select('id').executeTakeFirst())) await seed(handle, areaId);
const ctx = { db: handle.db, dialect: handle.dialect, actor: systemActor('p') };
const plan = (await resolvePlan(ctx))!;
const t = async (label: string, f: () => Promise<unknown>, n = 10) => { await f(); const c = process.cpuUsage(); const s = performance.now(); for (let i = 0; i < n; i++) await f(); const cu = process.cpuUsage(c); console.log(label.padEnd(20), 'wall', ((performance.now() - s) / n).toFixed(1), 'ms; cpu', ((cu.user + cu.system) / n / 1000).toFixed(1), 'ms'); };
await t('unitIdsOfPlan', () => repo.unitIdsOfPlan(handle.db, plan.id, plan.area_id));
await t('ledgersOfPlan', () => repo.ledgersOfPlan(handle.db, plan.id));
const ledgers = await repo.ledgersOfPlan(handle.db, plan.id);
let day = 0;
await t('figures, all stale', () => ledgerFigures(handle.db, ledgers, `2022-10-${String(10 + (day++ % 15)).padStart(2, '0')}`), 3);
await t('figures, cached', () => ledgerFigures(handle.db, ledgers, '2022-10-10'));
await t('districtList', () => districtList(ctx, plan));
await t('dashboard, no change', () => dashboard(ctx, plan.id));
await t('dashboard, 1 ledger changed', async () => { await handle.db.transaction().execute((tx) => repo.touchLedger(tx, ledgers[0]!.id, new Date().toISOString())); return dashboard(ctx, plan.id); });
await handle.close();
