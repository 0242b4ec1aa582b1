// 政策问答 end to end on both engines: the entries contract, clause citations and anchors, validity
// following the source, answering and abstention, feedback and the staff view.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../auth/public.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { insertItem, updateItem } from '../search/search.fixtures.js';
import { actorCtx, draftAs, submitAndPublish } from '../disclosure/items.fixtures.js';
import { reindexClauses } from './clause-index.js';
import { remindEntryReviews } from './entries.service.js';

const HOUSING = [
  '为规范保障性租赁住房管理，制定本办法。',
  '第一章 总则',
  '第一条 为了规范本区保障性租赁住房的申请和管理，制定本办法。',
  '第二章 申请',
  '第二条 在本区就业的新市民、青年人可以申请保障性租赁住房。',
  '第三条 申请人应当提交身份证明、就业证明和无房证明。区住建局自受理之日起15个工作日内完成审核。',
  '第四条 保障性租赁住房租金不高于同地段市场租金的90%。',
].join('\n');
const CHILD = [
  '一、补贴对象',
  '本区户籍家庭依政策生育第二个、第三个子女的，可以申领育儿补贴。',
  '二、补贴标准',
  '育儿补贴按每孩每月500元发放，发放至子女满三周岁。',
].join('\n');

describe('政策问答', () => {
  let h: Harness;
  let token: string;
  let housing: number;
  let child: number;
  let hidden: number;
  before(async () => {
    h = await createHarness();
    token = await createApiToken(h.ctx, USERS.admin.username, 'qa');
    const unit = await h.unitId('区住建局');
    housing = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, title: '临淄区保障性租赁住房管理办法', body_text: HOUSING, item_type: 'normative', validity: 'valid', doc_number: '临住建发〔2024〕3号', category_code: 'zcwj-gfxwj' });
    child = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: await h.unitId('区财政局'), title: '关于发放育儿补贴的通知', body_text: CHILD, item_type: 'policy', doc_number: '临财发〔2024〕8号' });
    hidden = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, title: '未发布的住房文件', body_text: '第一条 草稿条款 qadraftmarker。', item_type: 'normative', validity: 'valid', status: 'draft', published_on: null });
  });
  after(async () => { await h.close(); });

  const api = (method: 'GET' | 'POST', url: string, json?: unknown) => h.agent().request(method, url, { json, headers: { authorization: `Bearer ${token}` } });
  const ask = async (q: string) => JSON.parse((await h.agent().get(`/api/v1/public/answers?q=${encodeURIComponent(q)}`)).body) as { abstained: boolean; answers: { kind: string; entryId?: number; itemId: number; article: number; text: string; score: number }[] };

  test('POST /api/v1/qa/entries: 201 { id } for a valid source; 422 for an unpublished item or a missing article; nothing written on refusal', async () => {
    const ok = await api('POST', '/api/v1/qa/entries', { question: '保租房租金多少', answer: '租金不高于同地段市场租金的九成。', sources: [{ itemId: housing, article: 4 }], status: 'published' });
    assert.equal(ok.statusCode, 201, ok.body);
    const id = JSON.parse(ok.body).id;
    assert.ok(Number.isInteger(id) && id > 0);
    const before = await h.tdb.db.selectFrom('qa_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const sources of [[{ itemId: hidden, article: 1 }], [{ itemId: housing, article: 99 }], [{ itemId: 9999999, article: 1 }]]) {
      const r = await api('POST', '/api/v1/qa/entries', { question: '不该成功', answer: '不该成功的答复', sources, status: 'published' });
      assert.equal(r.statusCode, 422, r.body);
      assert.equal(JSON.parse(r.body).error.code, 'qa_source_invalid');
    }
    const after = await h.tdb.db.selectFrom('qa_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
    const bad = await api('POST', '/api/v1/qa/entries', { question: '', answer: 'x', sources: [] });
    assert.equal(bad.statusCode, 400);
    assert.ok(JSON.parse(bad.body).error.fields.question);
    assert.equal((await h.agent().request('POST', '/api/v1/qa/entries', { json: { question: 'a', answer: 'b', sources: [] }, withCsrf: false })).statusCode >= 400, true);
  });

  test('answers: a curated entry first for its question; clauses quoted verbatim with the article number; best first', async () => {
    const a = await ask('保租房的租金是多少钱');
    assert.equal(a.abstained, false);
    assert.equal(a.answers[0]!.kind, 'entry');
    assert.equal(a.answers[0]!.itemId, housing);
    assert.equal(a.answers[0]!.article, 4);
    const c = await ask('新市民能不能申请保障性租赁住房');
    assert.equal(c.answers[0]!.kind, 'clause');
    assert.deepEqual([c.answers[0]!.itemId, c.answers[0]!.article], [housing, 2]);
    assert.equal(c.answers[0]!.text, '第二条 在本区就业的新市民、青年人可以申请保障性租赁住房。');
    for (let i = 1; i < c.answers.length; i++) assert.ok(c.answers[i - 1]!.score >= c.answers[i]!.score);
    const d = await ask('育儿补贴每个月发多少钱');
    assert.deepEqual([d.answers[0]!.itemId, d.answers[0]!.article], [child, 2], JSON.stringify(d));
    const t = await ask('保租房审核要几天');
    assert.deepEqual([t.answers[0]!.itemId, t.answers[0]!.article], [housing, 3], JSON.stringify(t));
  });

  test('abstains with the routes when nothing answers; never cites an unpublished draft', async () => {
    const r = await h.agent().get(`/ask?q=${encodeURIComponent('护照过期了怎么换发')}`);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /未找到现行有效依据/);
    assert.match(r.body, /12345/);
    assert.match(r.body, /\/requests\/new\?description=%E6%8A%A4%E7%85%A7/);
    assert.match(r.body, /\/consult\/new\?question=/);
    const j = await ask('护照过期了怎么换发');
    assert.equal(j.abstained, true);
    assert.deepEqual(j.answers, []);
    const draft = await ask('草稿条款 qadraftmarker');
    assert.ok(draft.answers.every((x) => x.itemId !== hidden));
    assert.ok(!(await h.agent().get('/ask?q=qadraftmarker')).body.includes('qadraftmarker 。') );
  });

  test('the item page has art-N anchors that the citations link to', async () => {
    const r = await h.agent().get(`/items/${housing}`);
    assert.equal(r.statusCode, 200);
    for (const n of [1, 2, 3, 4]) assert.match(r.body, new RegExp(`<p id="art-${n}">第`));
    const page = await h.agent().get(`/ask?q=${encodeURIComponent('新市民能不能申请保障性租赁住房')}`);
    assert.ok(page.body.includes(`href="/items/${housing}#art-2"`));
    assert.match(page.body, /临住建发〔2024〕3号/);
    assert.match(page.body, /区住建局/);
  });

  test('validity follows the source: a repealed document leaves the answers at once and its entries go back to review in the same job run', async () => {
    const entry = await api('POST', '/api/v1/qa/entries', { question: '育儿补贴发到孩子几岁', answer: '发到孩子满三周岁。', sources: [{ itemId: child, article: 2 }], status: 'published' });
    assert.equal(entry.statusCode, 201);
    const id = JSON.parse(entry.body).id as number;
    assert.equal((await ask('育儿补贴发到孩子几岁')).answers[0]!.entryId, id);
    // A validity change that does not touch the search index (so no engine refresh is triggered).
    await h.tdb.db.updateTable('info_items').set({ valid_until: '2020-01-01' }).where('id', '=', child).execute();
    // Answer time: not valid today → not cited, even before any job ran.
    const now = await ask('育儿补贴发到孩子几岁');
    assert.ok(now.answers.every((a) => a.itemId !== child), JSON.stringify(now));
    assert.equal((await h.tdb.db.selectFrom('qa_entries').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'published');
    const r = await reindexClauses(h.ctx);
    assert.ok(r.suspended.includes(id));
    assert.equal(r.removed, 1);
    const row = await h.tdb.db.selectFrom('qa_entries').select(['status', 'suspended_reason']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'review');
    assert.ok(row.suspended_reason);
    assert.equal((await h.agent().get(`/qa/${id}`)).statusCode, 404);
    const audit = await h.tdb.db.selectFrom('audit_log').select('action').where('entity', '=', 'qa_entry').where('entity_id', '=', String(id)).execute();
    assert.ok(audit.some((a) => a.action === 'qa.entry.suspend'));
    // Republishing is refused while the source is not valid.
    const again = await api('POST', `/api/v1/qa/entries/${id}/status`, { status: 'published' });
    assert.equal(again.statusCode, 422);
    await updateItem(h.tdb.db, h.tdb.dialect, child, { valid_until: null, updated_at: new Date().toISOString() });
  });

  test('a normative document published through the workflow is split into its 第一条, 第二条 … at once', async () => {
    const op = await actorCtx(h, USERS.operator.username);
    const rev = await actorCtx(h, USERS.reviewer.username);
    const id = await draftAs(op, { itemType: 'policy', title: '区财政局关于企业稳岗补贴的通知', categoryCode: 'zcwj', needsInterpretation: false,
      body: '<p>各企业：</p><p>第一条 参加失业保险满一年且不裁员的企业可以申领稳岗补贴。</p><p>第二条 稳岗补贴按企业上年度实际缴纳失业保险费的50%返还。</p>' });
    await submitAndPublish(op, rev, id);
    const a = await ask('企业稳岗补贴返还多少');
    assert.deepEqual([a.answers[0]?.itemId, a.answers[0]?.article], [id, 2], JSON.stringify(a));
    const rows = await h.tdb.db.selectFrom('qa_clauses').select(['article', 'path']).where('item_id', '=', id).orderBy('seq').execute();
    assert.deepEqual(rows.map((r) => r.article), [1, 2]);
  });

  test('feedback 有用/没用/报错 on an answer; the staff view lists most asked, unanswered and 没用 questions', async () => {
    const anon = h.agent();
    const page = await anon.get(`/ask?q=${encodeURIComponent('保租房的租金是多少钱')}`);
    assert.match(page.body, /value="useless"/);
    const r = await anon.request('POST', '/ask/feedback', { form: { q: '保租房的租金是多少钱', verdict: 'useless', itemId: String(housing), article: '4' } });
    assert.equal(r.statusCode, 303);
    const bad = await anon.request('POST', '/ask/feedback', { form: { q: '保租房的租金是多少钱', verdict: 'nonsense' } });
    assert.equal(bad.statusCode, 400);
    await ask('护照过期了怎么换发');
    const admin = await h.login(USERS.admin.username);
    const view = await admin.get('/console/qa/insights');
    assert.equal(view.statusCode, 200);
    assert.match(view.body, /护照过期了怎么换发/);
    assert.match(view.body, /没用/);
    assert.equal((await h.agent().get('/console/qa/insights')).statusCode >= 300, true);
  });

  test('/qa lists and searches published entries only', async () => {
    const draft = await api('POST', '/api/v1/qa/entries', { question: '草稿问答 qadraftentry', answer: '草稿 qadraftentry', sources: [{ itemId: housing, article: 2 }], status: 'draft' });
    assert.equal(draft.statusCode, 201);
    const list = await h.agent().get('/qa');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /保租房租金多少/);
    assert.ok(!list.body.includes('qadraftentry'));
    const found = await h.agent().get(`/qa?q=${encodeURIComponent('保障性租赁住房租金')}`);
    assert.match(found.body, /保租房租金多少/);
    assert.equal((await h.agent().get(`/qa/${JSON.parse(draft.body).id}`)).statusCode, 404);
  });

  test('withdrawing a document (the search index bumps the public generation) suspends its entries on the next answer', async () => {
    const entry = await api('POST', '/api/v1/qa/entries', { question: '保租房申请要交什么材料', answer: '身份证明、就业证明和无房证明。', sources: [{ itemId: housing, article: 3 }], status: 'published' });
    const id = JSON.parse(entry.body).id as number;
    await updateItem(h.tdb.db, h.tdb.dialect, housing, { status: 'withdrawn' });
    const a = await ask('保租房申请要交什么材料');
    assert.ok(a.answers.every((x) => x.itemId !== housing));
    assert.equal((await h.tdb.db.selectFrom('qa_entries').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'review');
    assert.equal((await h.tdb.db.selectFrom('qa_clauses').select('id').where('item_id', '=', housing).execute()).length, 0);
    assert.equal((await h.agent().get(`/items/${housing}`)).statusCode, 404);
    await updateItem(h.tdb.db, h.tdb.dialect, housing, { status: 'published' });
  });

  test('an interpretation of form 问答 becomes draft entries citing the interpreted document', async () => {
    await updateItem(h.tdb.db, h.tdb.dialect, housing, { status: 'published' });
    const interp = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: await h.unitId('区住建局'), title: '《保障性租赁住房管理办法》问答解读', item_type: 'interpretation', interp_form: 'qa', policy_item_id: housing,
      body_text: '一问一答\n问：谁可以申请保障性租赁住房？\n答：在本区就业的新市民、青年人。\n问：租金怎么定？\n答：不高于同地段市场租金的90%。' });
    const admin = await h.login(USERS.admin.username);
    await admin.get('/console/qa');
    const r = await admin.request('POST', '/console/qa/from-interpretation', { form: { itemId: String(interp), article: '2' } });
    assert.equal(r.statusCode, 303);
    const rows = await h.tdb.db.selectFrom('qa_entries').select(['id', 'question', 'status', 'from_item_id']).where('from_item_id', '=', interp).orderBy('id').execute();
    assert.deepEqual(rows.map((e) => [e.question, e.status]), [['谁可以申请保障性租赁住房？', 'draft'], ['租金怎么定？', 'draft']]);
    const src = await h.tdb.db.selectFrom('qa_entry_sources').select(['item_id', 'article']).where('entry_id', '=', rows[0]!.id).executeTakeFirstOrThrow();
    assert.deepEqual([src.item_id, src.article], [housing, 2]);
    const page = await admin.get(`/console/qa/entries/${rows[0]!.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /送审/);
  });

  test('console: an entry goes draft → review → published; bad sources and review dates re-render the form with 400, input kept', async () => {
    const op = await h.login(USERS.otherOperator.username); // 区住建局
    await op.get('/console/qa');
    const bad = await op.request('POST', '/console/qa/entries', { form: { question: '保租房要交社保多久', answer: '满6个月。', sources: `${housing}:99\n${hidden}:1` } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /没有第99条/);
    assert.match(bad.body, /保租房要交社保多久/);
    const far = await op.request('POST', '/console/qa/entries', { form: { question: '保租房要交社保多久', answer: '满6个月。', sources: `${housing}:2`, nextReviewOn: '2099-01-01' } });
    assert.equal(far.statusCode, 400);
    const ok = await op.request('POST', '/console/qa/entries', { form: { question: '保租房要交社保多久', answer: '满6个月。', sources: `${housing}:2`, topics: '住房' } });
    assert.equal(ok.statusCode, 303);
    const id = Number(/entries\/(\d+)/.exec(ok.headers.location as string)![1]);
    await op.get(`/console/qa/entries/${id}`);
    assert.equal((await op.request('POST', `/console/qa/entries/${id}/status`, { form: { status: 'review' } })).statusCode, 303);
    assert.equal((await op.request('POST', `/console/qa/entries/${id}/status`, { form: { status: 'published' } })).statusCode, 403, 'an operator cannot publish');
    const rev = await h.login(USERS.otherReviewer.username);
    await rev.get(`/console/qa/entries/${id}`);
    assert.equal((await rev.request('POST', `/console/qa/entries/${id}/status`, { form: { status: 'published' } })).statusCode, 303);
    const e = await h.tdb.db.selectFrom('qa_entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(e.status, 'published');
    assert.ok(e.reviewer_id && e.reviewed_on && e.next_review_on && e.next_review_on > e.reviewed_on);
    assert.equal((await h.agent().get(`/qa/${id}`)).statusCode, 200);
    const other = await h.login(USERS.operator.username); // 区财政局 does not own it
    assert.equal((await other.request('POST', `/console/qa/entries/${id}/status`, { form: { status: 'draft' } })).statusCode, 403);
  });

  test('an entry whose next review date has come is reminded to its owner unit once', async () => {
    const r = await api('POST', '/api/v1/qa/entries', { question: '保租房能住几年', answer: '合同一般不超过3年。', sources: [{ itemId: housing, article: 2 }], status: 'published' });
    const id = JSON.parse(r.body).id as number;
    const e = await h.tdb.db.selectFrom('qa_entries').select('next_review_on').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(await remindEntryReviews(h.ctx, '2000-01-01'), 0);
    assert.ok((await remindEntryReviews(h.ctx, e.next_review_on!)) >= 1);
    assert.equal(await remindEntryReviews(h.ctx, e.next_review_on!), 0, 'once');
    const notes = await h.tdb.db.selectFrom('notifications').select('link').where('kind', '=', 'qa.review').execute();
    assert.ok(notes.some((n) => n.link === `/console/qa/entries/${id}`));
  });

  test('a long article is quoted only where it answers, verbatim, with a link to the whole article', async () => {
    const id = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: await h.unitId('区民政局'), title: '临淄区临时救助实施办法', item_type: 'normative', validity: 'valid',
      body_text: '第一条 有下列情形之一的，可以申请临时救助：\n（一）因火灾、交通事故等意外事件导致基本生活暂时困难的；\n（二）因家庭成员突发重大疾病导致基本生活暂时困难的；\n（三）因生活必需支出突然增加超出家庭承受能力的；\n（四）遭遇其他特殊困难的。' });
    const r = await h.agent().get(`/ask?q=${encodeURIComponent('家里人突发重大疾病能申请临时救助吗')}`);
    assert.match(r.body, /因家庭成员突发重大疾病导致基本生活暂时困难的/);
    assert.ok(!r.body.includes('因火灾、交通事故等意外事件'), 'the lines that do not answer are left out');
    assert.match(r.body, /（……）/);
    assert.ok(r.body.includes(`href="/items/${id}#art-1"`));
    const api = JSON.parse((await h.agent().get(`/api/v1/public/answers?q=${encodeURIComponent('家里人突发重大疾病能申请临时救助吗')}`)).body);
    assert.match(api.answers[0].text, /因火灾/, 'the API text is the whole article');
  });
});
