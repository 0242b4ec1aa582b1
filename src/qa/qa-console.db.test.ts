// Console gaps of 政策问答 closed this stop, on both engines: a 留言 reply turned into an entry remembers its
// message; the reply-deadline, assignment and 问答式解读 forms re-render with Chinese field messages instead of
// failing; the admin hands an entry to a responsible unit (shown on the portal), unit staff cannot.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { insertItem } from '../search/search.fixtures.js';
import { replyDays } from './consult.service.js';

const POLICY = ['第一条 为做好本区就业创业补贴工作，制定本办法。', '第二条 首次创办小微企业的，给予一次性创业补贴10000元。', '第三条 申请材料：营业执照、身份证明。'].join('\n');

describe('政策问答 console', () => {
  let h: Harness;
  let admin: Agent;
  let policy: number;
  before(async () => {
    h = await createHarness();
    admin = await h.login(USERS.admin.username);
    policy = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: await h.unitId('区财政局'), title: '临淄区创业补贴办法', body_text: POLICY, item_type: 'normative', validity: 'valid', doc_number: '临人社发〔2024〕5号', category_code: 'zcwj-gfxwj' });
  });
  after(async () => { await h.close(); });

  const submitMessage = async (question: string) => {
    const a = h.agent();
    await a.get('/consult/new');
    const r = await a.request('POST', '/consult', { form: { question, contactName: '赵六', contact: '13800001111', consent: 'on' } });
    return Number(/留言编号为 (\d+)/.exec(r.body)![1]);
  };

  test('a reply becomes an entry that remembers its message; an unanswered message cannot; the message lists its entries', async () => {
    const answered = await submitMessage('首次创业有什么补贴？我叫赵六');
    const open = await submitMessage('创业贷款怎么申请，利息多少');
    await admin.get(`/console/qa/messages/${answered}`);
    assert.equal((await admin.request('POST', `/console/qa/messages/${answered}/reply`, { form: { reply: '首次创办小微企业的，可申请一次性创业补贴10000元。' } })).statusCode, 303);
    const page = await admin.get(`/console/qa/messages/${answered}`);
    const href = /href="(\/console\/qa\/entries\/new\?fromMessageId=\d+[^"]*)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(href, 'the message page offers the conversion');
    const form = await admin.get(href);
    assert.match(form.body, new RegExp(`<input type="hidden" name="fromMessageId" value="${answered}"`));
    assert.doesNotMatch(form.body, /赵六/, 'the asker\'s name is removed from the pre-filled question');
    const base = { question: '首次创业有什么补贴', answer: '首次创办小微企业的，可申请一次性创业补贴10000元。', sources: `${policy}:2` };
    const made = await admin.request('POST', '/console/qa/entries', { form: { ...base, fromMessageId: String(answered) } });
    assert.equal(made.statusCode, 303, made.body);
    const entryId = Number(/\/console\/qa\/entries\/(\d+)/.exec(String(made.headers.location))![1]);
    const row = await h.tdb.db.selectFrom('qa_entries').select(['from_message_id', 'status']).where('id', '=', entryId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { from_message_id: answered, status: 'draft' });
    assert.match((await admin.get(`/console/qa/messages/${answered}`)).body, new RegExp(`已转为问答条目：<a href="/console/qa/entries/${entryId}">首次创业有什么补贴</a>`));
    assert.match((await admin.get(`/console/qa/entries/${entryId}`)).body, new RegExp(`根据 <a href="/console/qa/messages/${answered}">留言 ${answered}</a> 的答复编写`));

    const before = (await h.tdb.db.selectFrom('qa_entries').select('id').execute()).length;
    const unanswered = await admin.request('POST', '/console/qa/entries', { form: { ...base, fromMessageId: String(open) } });
    assert.equal(unanswered.statusCode, 400);
    assert.match(unanswered.body, /这条留言还没有答复，不能转为问答条目/);
    for (const bad of ['0x10', '1e2', '99999999']) {
      const r = await admin.request('POST', '/console/qa/entries', { form: { ...base, fromMessageId: bad } });
      assert.ok([400, 404].includes(r.statusCode), `${bad}: ${r.statusCode}`);
    }
    assert.equal((await h.tdb.db.selectFrom('qa_entries').select('id').execute()).length, before, 'nothing written');
  });

  test('the reply deadline form: bad numbers re-render with 400, a Chinese message and the input kept; a good one is saved', async () => {
    await admin.get('/console/qa/messages');
    for (const [days, msg] of [['abc', /请填写工作日数（整数）/], ['0x10', /请填写工作日数（整数）/], ['61', /不能超过60个工作日/], ['0', /至少1个工作日/]] as const) {
      const r = await admin.request('POST', '/console/qa/messages/settings', { form: { days } });
      assert.equal(r.statusCode, 400, days);
      assert.match(r.body, msg);
      assert.match(r.body, new RegExp(`name="days" type="number" value="${days}"`));
    }
    assert.equal(await replyDays(h.tdb.db), 5);
    assert.equal((await admin.request('POST', '/console/qa/messages/settings', { form: { days: '7' } })).statusCode, 303);
    assert.equal(await replyDays(h.tdb.db), 7);
  });

  test('assigning to a unit that is not one of the area\'s re-renders the message page with 400', async () => {
    const id = await submitMessage('公租房申请需要什么材料');
    await admin.get(`/console/qa/messages/${id}`);
    for (const unitId of ['999999', 'abc', '']) {
      const r = await admin.request('POST', `/console/qa/messages/${id}/assign`, { form: { unitId } });
      assert.equal(r.statusCode, 400, unitId);
      assert.match(r.body, /请选择(有效的)?办理单位|办理单位无效/);
    }
    const m = await h.tdb.db.selectFrom('qa_messages').select(['assigned_unit_id', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(m, { assigned_unit_id: null, status: 'new' });
  });

  test('问答式解读 → entries: bad input and the wrong kind of item come back as field messages; a real one makes drafts', async () => {
    const interp = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: await h.unitId('区财政局'), title: '《临淄区创业补贴办法》问答', item_type: 'interpretation', interp_form: 'qa', policy_item_id: policy,
      body_text: '一、问：首次创业能领多少补贴？\n答：一次性创业补贴10000元。\n二、问：要带什么材料？\n答：营业执照和身份证明。' });
    await admin.get('/console/qa');
    const cases: [Record<string, string>, RegExp][] = [
      [{ itemId: '', article: '1' }, /请选择解读信息编号/],
      [{ itemId: '0x10', article: '1' }, /解读信息编号无效/],
      [{ itemId: String(policy), article: '1' }, new RegExp(`信息 ${policy} 不是本区已公开的问答式解读`)],
      [{ itemId: String(interp), article: '9' }, /没有第9条/],
    ];
    const before = (await h.tdb.db.selectFrom('qa_entries').select('id').execute()).length;
    for (const [form, msg] of cases) {
      const r = await admin.request('POST', '/console/qa/from-interpretation', { form });
      assert.equal(r.statusCode, 400, JSON.stringify(form));
      assert.match(r.body, msg);
    }
    assert.equal((await h.tdb.db.selectFrom('qa_entries').select('id').execute()).length, before);
    const ok = await admin.request('POST', '/console/qa/from-interpretation', { form: { itemId: String(interp), article: '2' } });
    assert.equal(ok.statusCode, 303);
    const made = await h.tdb.db.selectFrom('qa_entries').select(['question', 'from_item_id', 'status']).where('from_item_id', '=', interp).orderBy('id').execute();
    assert.deepEqual(made.map((m) => m.question), ['首次创业能领多少补贴？', '要带什么材料？']);
    assert.ok(made.every((m) => m.status === 'draft'));
  });

  test('the admin hands an entry to a responsible unit (its staff then see it; the portal names it); unit staff cannot hand it on', async () => {
    const finance = await h.unitId('区财政局');
    const housing = await h.unitId('区住建局');
    const form = { question: '创业补贴多少钱', answer: '一次性10000元。', sources: `${policy}:2`, audience: '个人', form: 'text' };
    await admin.get('/console/qa');
    const made = await admin.request('POST', '/console/qa/entries', { form: { ...form, ownerUnitId: String(finance) } });
    assert.equal(made.statusCode, 303, made.body);
    const id = Number(/\/console\/qa\/entries\/(\d+)/.exec(String(made.headers.location))![1]);
    const owner = async () => (await h.tdb.db.selectFrom('qa_entries').select('owner_unit_id').where('id', '=', id).executeTakeFirstOrThrow()).owner_unit_id;
    assert.equal(await owner(), finance);
    const page = await admin.get(`/console/qa/entries/${id}`);
    assert.match(page.body, new RegExp(`<option value="${finance}" selected>区财政局</option>`));
    assert.equal((await admin.request('POST', `/console/qa/entries/${id}`, { form: { ...form, ownerUnitId: '999999' } })).statusCode, 400);
    assert.equal(await owner(), finance);

    const op = await h.login(USERS.operator.username); // 区财政局
    assert.match((await op.get('/console/qa')).body, new RegExp(`/console/qa/entries/${id}"`), 'the responsible unit sees it');
    assert.doesNotMatch((await op.get(`/console/qa/entries/${id}`)).body, /name="ownerUnitId"/, 'no choice of unit for unit staff');
    assert.equal((await op.request('POST', `/console/qa/entries/${id}`, { form: { ...form, ownerUnitId: String(housing) } })).statusCode, 403);
    assert.equal(await owner(), finance);
    assert.equal((await op.request('POST', `/console/qa/entries/${id}`, { form: { ...form, answer: '一次性创业补贴10000元。' } })).statusCode, 303, 'its own unit edits it');

    await admin.get(`/console/qa/entries/${id}`);
    assert.equal((await admin.request('POST', `/console/qa/entries/${id}`, { form: { ...form, ownerUnitId: String(housing) } })).statusCode, 303);
    assert.equal(await owner(), housing);
    assert.doesNotMatch((await op.get('/console/qa')).body, new RegExp(`/console/qa/entries/${id}"`), 'handed on: no longer in the old unit\'s list');
    await admin.get(`/console/qa/entries/${id}`);
    assert.equal((await admin.request('POST', `/console/qa/entries/${id}/status`, { form: { status: 'published' } })).statusCode, 303);
    assert.match((await h.agent().get(`/qa/${id}`)).body, /责任单位：区住建局/);
    assert.match((await admin.get(`/console/qa/entries/${id}`)).body, new RegExp(`审核人：${USERS.admin.username}`));
  });
});
