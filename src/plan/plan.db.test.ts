import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { multipartBody } from '../test-support/multipart.js';
import { runCli } from '../test-support/cli.js';
import { createTestDb, type TestDb } from '../db/test-db.js';
import { copyPlan, importPlan, planTasks } from './plan.service.js';
import { DEFAULT_PLAN_FILE } from '../bootstrap.js';

const SEED = readFileSync(DEFAULT_PLAN_FILE);

async function upload(agent: Agent, name: string, content: Buffer) {
  await agent.get('/console/plans');
  const { payload, contentType } = multipartBody({ _csrf: agent.csrf }, { field: 'file', filename: name, content });
  return agent.request('POST', '/console/plans/preview', { payload, headers: { 'content-type': contentType } });
}

describe('plan import through the console', () => {
  let h: Harness;
  let admin: Agent;
  before(async () => {
    h = await createHarness();
    admin = await h.login(USERS.admin.username);
  });
  after(async () => { await h.close(); });

  test('upload → preview (nothing written) → confirm → 63 tasks with units and rules', async () => {
    const r = await upload(admin, 'linzi-2022.txt', SEED);
    assert.equal(r.statusCode, 200, r.body.slice(0, 300));
    assert.match(r.body, /临政办字〔2022〕16号/);
    assert.match(r.body, /63 项；牵头清单/);
    assert.match(r.body, /确认导入/);
    assert.equal((await h.tdb.db.selectFrom('plans').select('id').execute()).length, 0, 'preview writes nothing');
    const content = /name="content" value="([^"]+)"/.exec(r.body)![1]!;
    const c = await admin.request('POST', '/console/plans/import', { form: { filename: 'linzi-2022.txt', content } });
    assert.equal(c.statusCode, 303);
    const plan = await h.tdb.db.selectFrom('plans').selectAll().executeTakeFirstOrThrow();
    assert.equal(plan.doc_number, '临政办字〔2022〕16号');
    assert.equal(plan.submission_due, '2022-06-30');
    assert.equal((await h.tdb.db.selectFrom('plan_tasks').select('id').where('plan_id', '=', plan.id).execute()).length, 63);
    const page = await admin.get(`/console/plans/${plan.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /加强优化营商环境信息公开/);
    assert.match(page.body, /区发改局<span class="gk-tag">牵头<\/span>/);
    const lead = await admin.get(`/console/plans/${plan.id}/lead-duties`);
    assert.match(lead.body, /财政预决算信息/);
  });

  test('a unit sees its own tasks, including those given to its group (区政府各部门单位)', async () => {
    const operator = await h.login(USERS.operator.username);
    const plan = await h.tdb.db.selectFrom('plans').select('id').executeTakeFirstOrThrow();
    const mine = await operator.get(`/console/plans/${plan.id}/mine`);
    assert.equal(mine.statusCode, 200);
    const seqs = [...mine.body.matchAll(/id="task-(\d+)"/g)].map((m) => Number(m[1]));
    for (const s of [3, 6, 12, 31, 39, 60]) assert.ok(seqs.includes(s), `区财政局 has task ${s}: ${seqs.join(',')}`);
    assert.ok(!seqs.includes(13), 'not 区卫健局 tasks');
    assert.ok(!seqs.includes(59), 'not the towns-and-streets-only task');
    const denied = await operator.request('POST', '/console/plans/import', { form: { filename: 'x.txt', content: SEED.toString('base64') } });
    assert.equal(denied.statusCode, 403);
  });

  test('re-importing the same plan updates in place and keeps task ids', async () => {
    const before = await h.tdb.db.selectFrom('plan_tasks').select(['id', 'seq']).orderBy('seq').execute();
    const r = await importPlan(h.ctx, SEED, 'again.txt');
    assert.equal(r.created, false);
    const afterRows = await h.tdb.db.selectFrom('plan_tasks').select(['id', 'seq']).orderBy('seq').execute();
    assert.deepEqual(afterRows, before);
    assert.equal((await h.tdb.db.selectFrom('plans').select('id').execute()).length, 1);
  });

  test('bad files get a clear message and write nothing', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const cases: [string, Buffer, RegExp][] = [
      ['photo.png', png, /文件不是工作方案/],
      ['empty.txt', Buffer.alloc(0), /文件为空|请选择/],
      ['notes.txt', Buffer.from('今天天气很好。\n明天开会。\n'), /未找到附件1任务分解表/],
    ];
    const before = await h.tdb.db.selectFrom('plans').select('id').execute();
    for (const [name, content, msg] of cases) {
      const r = await upload(admin, name, content);
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${name}: ${r.statusCode}`);
      assert.match(r.body, msg, name);
    }
    assert.equal((await h.tdb.db.selectFrom('plans').select('id').execute()).length, before.length);
  });

  test('next year\'s plan as a copy re-resolves dates for the new year', async () => {
    const plan = await h.tdb.db.selectFrom('plans').select('id').executeTakeFirstOrThrow();
    const r = await copyPlan(h.ctx, plan.id, 2023);
    const tasks = await planTasks({ ...h.ctx, actor: { kind: 'system', label: 't', areaId: null } }, r.planId);
    assert.equal(tasks.length, 63);
    const t62 = tasks.find((t) => t.seq === 62)!;
    assert.deepEqual(t62.rules.map((x) => (x.kind === 'by' ? x.date : x.kind)), ['2023-06-30']);
    const t60 = tasks.find((t) => t.seq === 60)!;
    assert.deepEqual(t60.rules.map((x) => (x.kind === 'by' ? x.date : x.kind)), ['2023-12-31']);
    const copied = await h.tdb.db.selectFrom('plans').selectAll().where('id', '=', r.planId).executeTakeFirstOrThrow();
    assert.equal(copied.year, 2023);
    assert.equal(copied.title, '2023年临淄区政务公开工作方案');
    assert.equal(copied.submission_due, '2023-06-30');
  });
});

describe('plan import CLI', () => {
  let tdb: TestDb;
  before(async () => { tdb = await createTestDb(); await tdb.close(); });
  after(async () => { await tdb.destroy().catch(() => {}); });

  test('--dry-run --json prints the contract and writes nothing; import is idempotent', () => {
    const dry = runCli(tdb, ['plan', 'import', DEFAULT_PLAN_FILE.pathname, '--dry-run', '--json']);
    assert.equal(dry.code, 0, dry.err);
    const j = JSON.parse(dry.out);
    assert.deepEqual(Object.keys(j), ['plan', 'tasks', 'leadDuties', 'warnings']);
    assert.deepEqual(j.plan, { docNumber: '临政办字〔2022〕16号', title: '2022年临淄区政务公开工作方案', issuer: '临淄区人民政府办公室', issuedOn: '2022-06-23', year: 2022 });
    assert.equal(j.tasks.length, 63);
    assert.deepEqual(Object.keys(j.tasks[0]), ['seq', 'domain', 'area', 'requirement', 'units', 'timeLimit', 'rules']);
    const t4 = j.tasks.find((t: { seq: number }) => t.seq === 4);
    assert.deepEqual(t4.units, [{ name: '区发改局', role: 'lead', group: false }, { name: '有关职能部门', role: 'implementing', group: true }]);
    assert.ok(j.warnings.every((w: { row: number; message: string }) => Number.isInteger(w.row) && w.message));
    const first = runCli(tdb, ['plan', 'import', DEFAULT_PLAN_FILE.pathname]);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /已导入：2022年临淄区政务公开工作方案/);
    const second = runCli(tdb, ['plan', 'import', DEFAULT_PLAN_FILE.pathname]);
    assert.match(second.out, /已更新/);
    const bad = runCli(tdb, ['plan', 'import', '/etc/hostname']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /未找到附件1任务分解表|文件不是工作方案/);
  });
});
