// Item pickers (issue 19): GET /api/v1/items/pick returns only items the actor may read or that are public
// (never another unit's drafts, 依申请公开 or 不予公开 items); the 修改/废止 link is chosen through a
// no-JS search whose results are radios of the validity form; a re-rendered form keeps the choice.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import type { Ctx } from '../lib/context.js';
import { actorCtx, closeHarness, draftAs, submitAndPublish } from './items.fixtures.js';
import { exemptFromInterpretation } from './workflow.service.js';

const WITHHELD = { attribute: 'withheld', withheldBasis: 'art16_process_info', attributeReason: '内部工作流程' };

describe('item pickers', () => {
  let h: Harness;
  let op: Ctx;
  let rev: Ctx;
  let otherOp: Ctx;
  let otherRev: Ctx;
  let opAgent: Agent;
  const ids = { ownNormative: 0, otherPublic: 0, otherWithheld: 0, otherDraft: 0, ownOnRequest: 0, otherGeneral: 0 };
  const publish = async (o: Ctx, r: Ctx, over: Record<string, unknown>, signoff: Record<string, unknown> = {}) => {
    const id = await draftAs(o, over);
    if (over.itemType === 'normative') await exemptFromInterpretation(r, id, { reason: '测试夹具' });
    await submitAndPublish(o, r, id, signoff);
    return id;
  };
  const normative = { itemType: 'normative', categoryCode: 'zcwj-gfxwj' };
  const pick = async (agent: Agent, query: string) => {
    const r = await agent.get(`/api/v1/items/pick?${query}`);
    assert.equal(r.statusCode, 200, r.body);
    return (r.json().data as { id: number; title: string; label: string }[]);
  };
  const idsOf = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);
  const sorted = (...xs: number[]) => [...xs].sort((a, b) => a - b);

  before(async () => {
    h = await createHarness();
    [op, rev, otherOp, otherRev] = await Promise.all([USERS.operator, USERS.reviewer, USERS.otherOperator, USERS.otherReviewer].map((u) => actorCtx(h, u.username)));
    ids.ownNormative = await publish(op, rev, { ...normative, title: '临淄区住房公积金财政补贴办法', docNumber: '临财发〔2022〕3号' });
    ids.otherPublic = await publish(otherOp, otherRev, { ...normative, title: '临淄区住房保障管理办法', docNumber: '临住建发〔2022〕7号' });
    ids.otherWithheld = await publish(otherOp, otherRev, { ...normative, title: '住房保障内部工作规程', ...WITHHELD }, WITHHELD);
    ids.otherDraft = await draftAs(otherOp, { ...normative, title: '住房保障管理办法（修订草案）' });
    ids.ownOnRequest = await publish(op, rev, { title: '住房补贴发放明细', attribute: 'on_request' }, { attribute: 'on_request' });
    ids.otherGeneral = await publish(otherOp, otherRev, { title: '住房保障工作动态' });
    opAgent = await h.login(USERS.operator.username);
  });
  after(async () => { await closeHarness(h); });

  test('the JSON source lists only what the actor may read or what is public, for each purpose', async () => {
    // A unit operator: own published items (any attribute) and other units' public ones; never another
    // unit's draft or withheld item.
    assert.deepEqual(idsOf(await pick(opAgent, `for=evidence&q=${encodeURIComponent('住房')}`)), sorted(ids.ownNormative, ids.otherPublic, ids.ownOnRequest, ids.otherGeneral));
    // 修改/废止: normative documents the actor may read (the rule changeValidity applies), so not another unit's.
    assert.deepEqual(idsOf(await pick(opAgent, `for=replacement&q=${encodeURIComponent('住房')}`)), [ids.ownNormative], 'own normative documents only');
    assert.deepEqual(idsOf(await pick(opAgent, `for=gazette&q=${encodeURIComponent('住房')}`)), sorted(ids.ownNormative, ids.otherPublic, ids.otherGeneral), 'public items only');
    // The other unit sees its own withheld document, not this unit's 依申请公开 item.
    const other = await h.login(USERS.otherOperator.username);
    assert.deepEqual(idsOf(await pick(other, `for=evidence&q=${encodeURIComponent('住房')}`)), sorted(ids.ownNormative, ids.otherPublic, ids.otherWithheld, ids.otherGeneral));
    // The office reads every published item of the area; drafts are never offered.
    const admin = await h.login(USERS.admin.username);
    assert.deepEqual(idsOf(await pick(admin, `for=evidence&q=${encodeURIComponent('住房')}`)), sorted(ids.ownNormative, ids.otherPublic, ids.otherWithheld, ids.ownOnRequest, ids.otherGeneral));
    // Not even a title leaks: a search for the withheld document's own words finds nothing for this unit.
    const body = (await opAgent.get(`/api/v1/items/pick?for=evidence&q=${encodeURIComponent('内部工作规程')}`)).body;
    assert.doesNotMatch(body, /内部工作规程/);
    assert.deepEqual(JSON.parse(body).data, []);
  });

  test('words match 标题, 文号, 索引号 and 发布机构; except leaves one out; each row says what it is', async () => {
    const byDoc = await pick(opAgent, `for=evidence&q=${encodeURIComponent('临住建发〔2022〕7号')}`);
    assert.deepEqual(idsOf(byDoc), [ids.otherPublic]);
    assert.match(byDoc[0]!.label, /^临淄区住房保障管理办法（临住建发〔2022〕7号，索引号 [^，]+，区住建局，\d{4}-\d{2}-\d{2}）$/);
    const indexNo = (await h.tdb.db.selectFrom('info_items').select('index_no').where('id', '=', ids.ownNormative).executeTakeFirstOrThrow()).index_no;
    assert.deepEqual(idsOf(await pick(opAgent, `for=replacement&q=${encodeURIComponent(indexNo)}`)), [ids.ownNormative]);
    assert.deepEqual(idsOf(await pick(opAgent, `for=evidence&q=${encodeURIComponent('区住建局 办法')}`)), [ids.otherPublic]);
    assert.deepEqual(idsOf(await pick(opAgent, `for=replacement&q=${encodeURIComponent('住房')}&except=${ids.ownNormative}`)), []);
    const admin = await h.login(USERS.admin.username);
    assert.deepEqual(idsOf(await pick(admin, `for=replacement&q=${encodeURIComponent('住房')}&except=${ids.ownNormative}`)), sorted(ids.otherPublic, ids.otherWithheld), 'the office reads every unit');
    assert.deepEqual(await pick(opAgent, 'for=evidence&q=%25'), [], 'a typed wildcard matches nothing special');
    assert.deepEqual(await pick(opAgent, 'for=evidence&q='), []);
  });

  test('the JSON source needs a login and a known purpose', async () => {
    const anon = await h.agent().get(`/api/v1/items/pick?for=evidence&q=${encodeURIComponent('住房')}`);
    assert.equal(anon.statusCode, 401);
    assert.doesNotMatch(anon.body, /住房/);
    const bad = await opAgent.get('/api/v1/items/pick?for=everything&q=x');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'validation_failed');
    assert.ok(bad.json().error.fields.for);
    assert.equal((await opAgent.get('/api/v1/items/pick?for=evidence&q=x&except=0x10')).statusCode, 400);
  });

  test('no JavaScript: search, choose a radio, register the change; a failed form keeps the choice', async () => {
    const old = await publish(op, rev, { ...normative, title: '临淄区住房租赁补贴暂行办法' });
    const rv = await h.login(USERS.reviewer.username);
    const page = (await rv.get(`/console/items/${old}?vq=${encodeURIComponent('住房')}`)).body;
    assert.match(page, /<form method="get" action="\/console\/items\/\d+#h-validity"[^>]*role="search"/);
    assert.match(page, /data-endpoint="\/api\/v1\/items\/pick\?for=replacement&amp;except=\d+"/);
    const form = /<form method="post" action="\/console\/items\/\d+\/validity".*?<\/form>/s.exec(page)?.[0] ?? '';
    assert.match(form, new RegExp(`<input type="radio" name="vByItemId" value="${ids.ownNormative}"`));
    for (const hidden of [ids.otherPublic, ids.otherWithheld, ids.otherDraft, ids.ownOnRequest, ids.otherGeneral, old]) assert.doesNotMatch(form, new RegExp(`value="${hidden}"`));
    assert.doesNotMatch(page, /内部工作规程|修订草案/);

    // Missing reason: 400, the form again with the chosen document still checked.
    await rv.get(`/console/items/${old}`);
    const bad = await rv.request('POST', `/console/items/${old}/validity`, { form: { vAction: 'amend', vByItemId: String(ids.ownNormative), vReason: '' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, new RegExp(`<input type="radio" name="vByItemId" value="${ids.ownNormative}" data-pick-id checked`));
    assert.match(bad.body, /临淄区住房公积金财政补贴办法/);

    // Another unit's withheld document cannot be named, whatever the form says.
    const sneaky = await rv.request('POST', `/console/items/${old}/validity`, { form: { vAction: 'amend', vByItemId: String(ids.otherWithheld), vReason: '试图关联' } });
    assert.equal(sneaky.statusCode, 400);
    assert.match(sneaky.body, /新文件不存在/);
    assert.doesNotMatch(sneaky.body, /内部工作规程/);

    const ok = await rv.request('POST', `/console/items/${old}/validity`, { form: { vAction: 'amend', vByItemId: String(ids.ownNormative), vReason: '新办法施行' } });
    assert.equal(ok.statusCode, 303);
    const row = await h.tdb.db.selectFrom('info_items').select(['validity', 'replaced_by_id']).where('id', '=', old).executeTakeFirstOrThrow();
    assert.deepEqual(row, { validity: 'amended', replaced_by_id: ids.ownNormative });
    assert.match((await rv.get(String(ok.headers.location))).body, /修改或废止文件<\/dt><dd><a href="\/console\/items\/\d+">临淄区住房公积金财政补贴办法/);
  });

  test('only those who may change validity get the picker', async () => {
    const auditor = await h.login(USERS.auditor.username);
    const page = (await auditor.get(`/console/items/${ids.ownNormative}?vq=${encodeURIComponent('住房')}`)).body;
    assert.doesNotMatch(page, /name="vByItemId"/);
    assert.doesNotMatch(page, /data-item-picker/);
  });
});
