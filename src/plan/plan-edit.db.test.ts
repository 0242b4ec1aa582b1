// Correcting the plan after import (issue 19): task text, time limit and units, with history and
// audit; removing an assignment that has ledger measures asks what to do; a group reference can
// exclude a unit; assigning without a unit re-renders the form; a copied plan gets its 文号 and date.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS, type Agent } from '../test-support/harness.js';
import { setNowForTests } from '../lib/time.js';
import { createLedgerHarness, type LedgerHarness } from '../ledger/ledger-test-setup.js';
import * as ledgers from '../ledger/ledger.service.js';
import { unitIdsOfPlan } from '../ledger/ledger.repo.js';
import { taskRolesForUnit } from './plan.repo.js';

describe('plan corrections after import', () => {
  let h: LedgerHarness;
  let admin: Agent;
  const task = (seq: number) => h.taskIds.get(seq)!;
  const url = (seq: number) => `/console/plans/${h.planId}/tasks/${task(seq)}`;
  const audits = async (action: string) => (await h.tdb.db.selectFrom('audit_log').select('entity_id').where('action', '=', action).execute()).map((a) => a.entity_id);
  const rowOf = async (unit: string, seq: number) => h.tdb.db.selectFrom('ledger_rows').innerJoin('ledgers', 'ledgers.id', 'ledger_rows.ledger_id')
    .select(['ledger_rows.id', 'ledger_rows.ledger_id']).where('ledgers.unit_id', '=', await h.unitId(unit)).where('ledger_rows.task_id', '=', task(seq)).executeTakeFirst();
  before(async () => {
    setNowForTests(new Date('2022-06-20T02:00:00Z'));
    h = await createLedgerHarness();
    admin = await h.login(USERS.admin.username);
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('a task’s text and time limit are edited: re-parsed into a rule with its explanation, history and audit', async () => {
    const page = await admin.get(`${url(4)}/edit`);
    assert.equal(page.statusCode, 200);
    const bad = await admin.request('POST', `${url(4)}/edit`, { form: { requirement: '', timeLimit: '年底前', unitsText: '区政府各部门单位' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /工作要求/);
    assert.match(bad.body, /value="年底前"/, 'input kept');
    const ok = await admin.request('POST', `${url(4)}/edit`, { form: { requirement: '各级各部门单位年内组织政务公开培训不少于1次', timeLimit: '年底前', unitsText: '区政府各部门单位', reason: '方案原文为年底前' } });
    assert.equal(ok.statusCode, 303);
    const shown = await admin.get(String(ok.headers.location));
    assert.match(shown.body, /任务已修改。时限要求解析为：2022-12-31前/);
    assert.match(shown.body, /<dt>解析规则<\/dt><dd>2022-12-31前<\/dd>/);
    assert.match(shown.body, /修改时限要求；方案原文为年底前/);
    const row = await h.tdb.db.selectFrom('plan_tasks').selectAll().where('id', '=', task(4)).executeTakeFirstOrThrow();
    assert.equal(row.time_limit, '年底前');
    assert.deepEqual(JSON.parse(row.rules_json), [{ kind: 'by', date: '2022-12-31', source: '年底前' }]);
    assert.deepEqual(await audits('plan.task.edit'), [String(task(4))]);
    // Only the office edits the plan.
    const op = await h.login(USERS.operator.username);
    await op.get(url(4));
    assert.equal((await op.request('POST', `${url(4)}/edit`, { form: { requirement: 'x' } })).statusCode, 403);
    assert.equal((await op.get(`${url(4)}/edit`)).statusCode, 403);
  });

  test('editing the units: an unknown name is refused; a unit losing the task with measures is asked, then its row deleted', async () => {
    await ledgers.createLedger(h.sys, { planId: h.planId, unitId: await h.unitId('区住建局') });
    const zj = (await rowOf('区住建局', 2))!;
    await ledgers.addMeasure(h.sys, zj.ledger_id, zj.id, { content: '公开资金分配结果' });
    await admin.get(`${url(2)}/edit`);
    const form = { requirement: '做好乡村振兴政策、工作进展方面的信息公开', timeLimit: '信息形成或者变更之日起20个工作日内公开' };
    const unknown = await admin.request('POST', `${url(2)}/edit`, { form: { ...form, unitsText: '区财政局、区不存在局' } });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /单位目录中没有：区不存在局/);
    const ask = await admin.request('POST', `${url(2)}/edit`, { form: { ...form, unitsText: '区财政局' } });
    assert.equal(ask.statusCode, 400);
    assert.match(ask.body, /区住建局（1条）的台账中已有该任务的工作举措，请选择保留还是删除/);
    assert.ok(await rowOf('区住建局', 2), 'nothing changed yet');
    const done = await admin.request('POST', `${url(2)}/edit`, { form: { ...form, unitsText: '区财政局', measures: 'delete' } });
    assert.equal(done.statusCode, 303);
    assert.equal(await rowOf('区住建局', 2), undefined);
    assert.equal((await h.tdb.db.selectFrom('ledger_measures').select('id').where('row_id', '=', zj.id).execute()).length, 0);
    assert.equal((await taskRolesForUnit(h.tdb.db, h.planId, await h.unitId('区住建局'))).has(task(2)), false);
  });

  test('a group reference can exclude a unit; it can be included again', async () => {
    const archive = await h.unitId('区档案馆');
    assert.ok((await taskRolesForUnit(h.tdb.db, h.planId, archive)).has(task(4)));
    await admin.get(url(4));
    const named = await admin.request('POST', `${url(4)}/exclude`, { form: { excludeUnitId: String(await h.unitId('区司法局')) } });
    assert.equal(named.statusCode, 303, 'covered through the group too');
    const r = await admin.request('POST', `${url(4)}/exclude`, { form: { excludeUnitId: String(archive) } });
    assert.equal(r.statusCode, 303);
    assert.equal((await taskRolesForUnit(h.tdb.db, h.planId, archive)).has(task(4)), false);
    assert.ok(!(await unitIdsOfPlan(h.tdb.db, h.planId, h.areaId)).includes(archive), '区档案馆 has no task left in this plan');
    const page = await admin.get(url(4));
    assert.match(page.body, /区档案馆不承担此任务（从单位组中排除）/);
    assert.deepEqual(await audits('plan.task.exclude'), [String(task(4)), String(task(4))]);
    const twice = await admin.request('POST', `${url(4)}/exclude`, { form: { excludeUnitId: String(archive) } });
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /不是通过单位组/);
    const back = await admin.request('POST', `${url(4)}/include`, { form: { unitId: String(archive) } });
    assert.equal(back.statusCode, 303);
    assert.ok((await taskRolesForUnit(h.tdb.db, h.planId, archive)).has(task(4)));
  });

  test('assigning without a unit re-renders the form in the console; removing an assignment with measures asks first', async () => {
    await admin.get(url(1));
    const none = await admin.request('POST', `${url(1)}/assign`, { form: { unitId: '', role: 'lead' } });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /class="gk-console/);
    assert.match(none.body, /gk-error-summary/);
    assert.match(none.body, /请选择单位/);
    assert.match(none.body, /<option value="lead" selected>/, 'the chosen role is kept');
    const archive = await h.unitId('区档案馆');
    const ok = await admin.request('POST', `${url(1)}/assign`, { form: { unitId: String(archive), role: 'implementing' } });
    assert.equal(ok.statusCode, 303);
    assert.match((await admin.get(String(ok.headers.location))).body, /已指定区档案馆承担本任务/);
    const lid = await ledgers.createLedger(h.sys, { planId: h.planId, unitId: archive });
    const row = (await rowOf('区档案馆', 1))!;
    await ledgers.addMeasure(h.sys, lid, row.id, { content: '档案馆的举措' });
    const ask = await admin.request('POST', `${url(1)}/assignments/remove`, { form: { unitId: String(archive) } });
    assert.equal(ask.statusCode, 400);
    assert.match(ask.body, /请确认：取消指定单位/);
    assert.match(ask.body, /区档案馆（1条）的台账中已有该任务的工作举措/);
    const keep = await admin.request('POST', `${url(1)}/assignments/remove`, { form: { unitId: String(archive), measures: 'keep' } });
    assert.equal(keep.statusCode, 303);
    assert.equal((await h.tdb.db.selectFrom('plan_task_assignments').select('unit_id').where('task_id', '=', task(1)).execute()).length, 0);
    assert.ok(await rowOf('区档案馆', 1), 'kept: the measures stay on record');
    assert.match((await admin.get(url(1))).body, /取消指定区档案馆；保留已有举措：区档案馆/);
  });

  test('a copied plan shows no empty brackets or dangling separators; its 文号 and date can be set', async () => {
    await admin.get('/console/plans');
    const copy = await admin.request('POST', '/console/plans/copy', { form: { planId: String(h.planId), year: '2023' } });
    assert.equal(copy.statusCode, 303);
    const to = String(copy.headers.location);
    const page = await admin.get(to);
    assert.doesNotMatch(page.body, /（）|·\s*·|·\s*<\/p>|<p>\s*·/);
    assert.match(page.body, /尚未填写文号和成文日期/);
    const newId = Number(/\/console\/plans\/(\d+)/.exec(to)![1]);
    const list = await admin.get(`/console/ledgers?plan=${newId}`);
    assert.doesNotMatch(list.body, /（）/);
    const bad = await admin.request('POST', `/console/plans/${newId}/meta`, { form: { title: '2023年临淄区政务公开工作方案', docNumber: '', issuedOn: '2023-02-30' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /成文日期不是有效日期|成文日期/);
    const ok = await admin.request('POST', `/console/plans/${newId}/meta`, { form: { title: '2023年临淄区政务公开工作方案', docNumber: '临政办字〔2023〕8号', issuedOn: '2023-05-10' } });
    assert.equal(ok.statusCode, 303);
    const after = await admin.get(String(ok.headers.location));
    assert.match(after.body, /方案信息已保存/);
    assert.match(after.body, /<p>临政办字〔2023〕8号 · 临淄区人民政府办公室 · 2023-05-10 · 台账报送截止：2023-06-30<\/p>/);
    assert.deepEqual(await audits('plan.update'), [String(newId)]);
  });
});
