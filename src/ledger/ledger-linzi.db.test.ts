// The Linzi 2022 plan as the plan module imports it (63 tasks, 13 lead duties): ledgers for every
// responsible unit, group tasks expanded, lead duties mapped to tasks, a district-wide export.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_PLAN_FILE } from '../bootstrap.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { systemActor, type Ctx } from '../lib/context.js';
import { setNowForTests } from '../lib/time.js';
import { importPlan } from '../plan/plan.service.js';
import { exportDistrict } from './ledger-excel.js';
import * as svc from './ledger.service.js';
import { leadTaskIds } from './ledger.repo.js';

describe('ledgers on the imported Linzi 2022 plan', () => {
  let h: Harness;
  let ctx: Ctx;
  let planId = 0;
  before(async () => {
    setNowForTests(new Date('2022-06-25T02:00:00Z'));
    h = await createHarness();
    ctx = { db: h.tdb.db, dialect: h.tdb.dialect, actor: systemActor('测试') };
    planId = (await importPlan(ctx, readFileSync(DEFAULT_PLAN_FILE), 'linzi-2022.txt')).planId;
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('the plan’s submission deadline is 2022-06-30 and every responsible unit gets a ledger', async () => {
    const plan = (await svc.resolvePlan(ctx, planId))!;
    assert.equal(plan.submission_due, '2022-06-30');
    const n = await svc.createAllLedgers(ctx, planId);
    assert.ok(n >= 35, `ledgers created: ${n}`);
    const finance = await h.tdb.db.selectFrom('ledgers').select('id').where('plan_id', '=', planId).where('unit_id', '=', await h.unitId('区财政局')).executeTakeFirstOrThrow();
    const seqs = (await h.tdb.db.selectFrom('ledger_rows').select('seq').where('ledger_id', '=', finance.id).orderBy('seq').execute()).map((r) => r.seq);
    for (const s of [3, 6, 12]) assert.ok(seqs.includes(s), `named task ${s}`);
    for (const s of [31, 45, 60, 61, 62]) assert.ok(seqs.includes(s), `区政府各部门单位 task ${s}`);
    assert.ok(!seqs.includes(59), '各镇、街道 only');
    const town = await h.tdb.db.selectFrom('ledgers').select('id').where('plan_id', '=', planId).where('unit_id', '=', await h.unitId('稷下街道')).executeTakeFirstOrThrow();
    const townSeqs = (await h.tdb.db.selectFrom('ledger_rows').select('seq').where('ledger_id', '=', town.id).execute()).map((r) => r.seq);
    assert.ok(townSeqs.includes(59) && !townSeqs.includes(3));
  });

  test('lead duties map to the tasks that name their content', async () => {
    assert.deepEqual([...await leadTaskIds(h.tdb.db, planId, await h.unitId('区委编办'))].length, 1);
    const justice = await leadTaskIds(h.tdb.db, planId, await h.unitId('区司法局'));
    const seqOf = new Map((await h.tdb.db.selectFrom('plan_tasks').select(['id', 'seq']).where('plan_id', '=', planId).execute()).map((t) => [t.id, t.seq]));
    assert.deepEqual([...justice].map((id) => seqOf.get(id)).sort((a, b) => a! - b!), [32, 33, 36, 40]);
    // 区司法局 reads, read-only, the rows of 区财政局's ledger in its content areas: task 40 (规范性文件解读);
    // 32 and 36 are carried out by units the office assigns, so they are not in 区财政局's ledger.
    const justiceUser = await h.tdb.db.selectFrom('units').select('id').where('name', '=', '区司法局').executeTakeFirstOrThrow();
    const finance = await h.tdb.db.selectFrom('ledgers').select('id').where('plan_id', '=', planId).where('unit_id', '=', await h.unitId('区财政局')).executeTakeFirstOrThrow();
    const view = await svc.getLedger({ ...ctx, actor: { kind: 'user', userId: 0, username: 'sf', name: 'sf', role: 'unit_operator', unitId: justiceUser.id, areaId: h.areaId } }, finance.id);
    assert.equal(view.access.mode, 'lead');
    assert.deepEqual(view.rows.map((r) => r.seq), [40]);
  });

  test('the district export has a sheet per unit with its tasks; the console list shows them all', async () => {
    const x = await exportDistrict(ctx, planId);
    assert.ok(x.sheets >= 35);
    const admin = await h.login(USERS.admin.username);
    const page = await admin.get(`/console/ledgers?plan=${planId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /稷下街道/);
    const dash = await admin.get(`/console/ledger-dashboard?plan=${planId}`);
    assert.equal(dash.statusCode, 200);
    assert.match(dash.body, /紧扣经济发展大局深化公开/);
  });
});
