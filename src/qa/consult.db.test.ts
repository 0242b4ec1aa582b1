// 留言咨询 on both engines: the public form (private contact), working-day deadline, assignment, reply
// published with consent and personal data removed, reminders and escalation once, the 3-month veto
// check, the inbox entry; plus the admin's lexicon extension and `gongkai qa reindex`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { runCli } from '../test-support/cli.js';
import { insertItem } from '../search/search.fixtures.js';
import { actorCtx } from '../disclosure/items.fixtures.js';
import { getCalendar } from '../calendar/public.js';
import { qaModule } from './module.js';
import { remindMessages } from './consult.service.js';

const PHONE = '13953312345';
const NAME = '王小明';

describe('留言咨询', () => {
  let h: Harness;
  before(async () => { h = await createHarness(); });
  after(async () => { await h.close(); });

  async function submit(form: Record<string, string>) {
    const a = h.agent();
    await a.get('/consult/new');
    return a.request('POST', '/consult', { form });
  }
  const msg = (id: number) => h.tdb.db.selectFrom('qa_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('bad input re-renders the form with 400, Chinese field messages and the input kept; nothing written', async () => {
    const r = await submit({ question: '短', contactName: NAME, contact: 'abc' });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /留言内容至少需要5个字符/);
    assert.match(r.body, /请填写手机号码、固定电话或电子邮箱/);
    assert.match(r.body, new RegExp(NAME));
    assert.equal((await h.tdb.db.selectFrom('qa_messages').select('id').execute()).length, 0);
    const noCsrf = await h.agent().request('POST', '/consult', { form: { question: '一个足够长的问题内容', contactName: NAME, contact: PHONE }, withCsrf: false });
    assert.equal(noCsrf.statusCode, 403);
  });

  test('a message gets a 5-working-day deadline, goes to the admins, and its contact never reaches a public page', async () => {
    const r = await submit({ question: `我叫${NAME}，电话${PHONE}，想问保租房什么时候开始申请？`, contactName: NAME, contact: PHONE, consent: 'on' });
    assert.equal(r.statusCode, 200, r.body);
    const id = Number(/留言编号为 (\d+)/.exec(r.body)![1]);
    const m = await msg(id);
    const cal = await getCalendar(h.tdb.db, h.areaId);
    assert.equal(m.due_on, cal.addWorkingDays(m.received_on, 5));
    assert.ok(r.body.includes(m.due_on));
    assert.equal(m.status, 'new');
    const adminNotices = await h.tdb.db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.user_id').select('title').where('users.username', '=', USERS.admin.username).execute();
    assert.ok(adminNotices.some((n) => n.title === '收到新的留言咨询'));
    for (const url of ['/consult', '/ask?q=保租房', `/api/v1/public/answers?q=${encodeURIComponent('保租房什么时候申请')}`, '/qa']) {
      const p = await h.agent().get(url);
      assert.ok(!p.body.includes(PHONE) && !p.body.includes(NAME), url);
    }
    // Staff: the admin assigns, the unit replies and publishes; the public version has no personal data.
    const admin = await h.login(USERS.admin.username);
    const page = await admin.get(`/console/qa/messages/${id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(PHONE), 'staff see the contact');
    const unit = await h.unitId('区住建局');
    assert.equal((await admin.request('POST', `/console/qa/messages/${id}/assign`, { form: { unitId: String(unit) } })).statusCode, 303);
    const other = await h.login(USERS.operator.username); // 区财政局: not assigned
    assert.equal((await other.get(`/console/qa/messages/${id}`)).statusCode, 404);
    const op = await h.login(USERS.otherOperator.username); // 区住建局
    await op.get(`/console/qa/messages/${id}`);
    const short = await op.request('POST', `/console/qa/messages/${id}/reply`, { form: { reply: '好' } });
    assert.equal(short.statusCode, 400);
    const ok = await op.request('POST', `/console/qa/messages/${id}/reply`, { form: { reply: `${NAME}您好：保租房常年受理，可拨打${PHONE}以外的0533-7212345咨询。`, publish: 'on' } });
    assert.equal(ok.statusCode, 303);
    const after = await msg(id);
    assert.equal(after.status, 'answered');
    assert.equal(after.published, 1);
    const pub = await h.agent().get('/consult');
    assert.match(pub.body, /保租房常年受理/);
    assert.ok(!pub.body.includes(PHONE) && !pub.body.includes(NAME), 'published reply has the personal data removed');
    const detail = await op.get(`/console/qa/messages/${id}`);
    assert.match(detail.body, /转为政策问答条目/);
    const audit = await h.tdb.db.selectFrom('audit_log').select(['action', 'after_json']).where('entity', '=', 'qa_message').execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['qa.message.assign', 'qa.message.create', 'qa.message.reply']);
    assert.ok(audit.every((a) => !(a.after_json ?? '').includes(PHONE)), 'the audit keeps no contact');
  });

  test('a reply is published only with consent', async () => {
    const r = await submit({ question: '请问高龄津贴什么时候发放？', contactName: '李四', contact: 'lisi@example.com' });
    const id = Number(/留言编号为 (\d+)/.exec(r.body)![1]);
    const admin = await h.login(USERS.admin.username);
    await admin.get(`/console/qa/messages/${id}`);
    const refused = await admin.request('POST', `/console/qa/messages/${id}/reply`, { form: { reply: '每月10日前发放到社会保障卡。', publish: 'on' } });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /留言人未同意公开/);
    assert.equal((await admin.request('POST', `/console/qa/messages/${id}/reply`, { form: { reply: '每月10日前发放到社会保障卡。' } })).statusCode, 303);
    assert.ok(!(await h.agent().get('/consult')).body.includes('每月10日前发放'));
  });

  test('reminders before the deadline, overdue notice and escalation after 30 days, each once; the 3-month veto check; the inbox', async () => {
    const r = await submit({ question: '请问个体户年报在哪里报送？', contactName: '赵六', contact: '0533-7123456' });
    const id = Number(/留言编号为 (\d+)/.exec(r.body)![1]);
    const m = await msg(id);
    const ctx = h.ctx;
    const cal = await getCalendar(h.tdb.db, h.areaId);
    const dayBefore = cal.addWorkingDays(m.received_on, 4);
    assert.equal((await remindMessages(ctx, dayBefore)).reminded >= 1, true);
    assert.equal((await remindMessages(ctx, dayBefore)).reminded, 0, 'once');
    const late = new Date(Date.parse(`${m.due_on}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
    assert.ok((await remindMessages(ctx, late)).overdue >= 1);
    const d31 = new Date(Date.parse(`${m.received_on}T00:00:00Z`) + 31 * 86400_000).toISOString().slice(0, 10);
    assert.ok((await remindMessages(ctx, d31)).escalated >= 1);
    assert.equal((await remindMessages(ctx, d31)).escalated, 0, 'escalated once');
    assert.ok((await msg(id)).escalated_at);

    const check = qaModule.siteChecks![0]!;
    assert.equal((await check.run(ctx, h.areaId)).status, 'PASS');
    await h.tdb.db.updateTable('qa_messages').set({ received_on: '2020-01-02' }).where('id', '=', id).execute();
    const fail = await check.run(ctx, h.areaId);
    assert.equal(fail.status, 'FAIL');
    assert.equal(fail.findings[0]!.href, `/console/qa/messages/${id}`);
    assert.match(fail.figure, /最早未答复留言已 \d+ 天/);

    const adminCtx = await actorCtx(h, USERS.admin.username);
    const inbox = await qaModule.inbox!(adminCtx);
    const line = inbox.find((l) => l.label === '待答复的留言咨询');
    assert.ok(line && line.count >= 1 && line.urgent);
  });

  test('the admin sets the reply deadline; a non-admin cannot', async () => {
    const admin = await h.login(USERS.admin.username);
    await admin.get('/console/qa/messages');
    assert.equal((await admin.request('POST', '/console/qa/messages/settings', { form: { days: '7' } })).statusCode, 303);
    const r = await submit({ question: '请问低保标准是多少？', contactName: '钱七', contact: PHONE });
    const id = Number(/留言编号为 (\d+)/.exec(r.body)![1]);
    const m = await msg(id);
    assert.equal(m.due_on, (await getCalendar(h.tdb.db, h.areaId)).addWorkingDays(m.received_on, 7));
    const op = await h.login(USERS.operator.username);
    await op.get('/console/qa/messages');
    assert.equal((await op.request('POST', '/console/qa/messages/settings', { form: { days: '3' } })).statusCode, 403);
  });

  test('the admin extends the synonym table and the answers use it at once', async () => {
    const unit = await h.unitId('区民政局');
    const id = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, title: '关于困难群众冬季取暖补助的通知', item_type: 'policy',
      body_text: '一、补助对象\n最低生活保障家庭和特困人员。\n二、补助标准\n每户一次性发放取暖补助300元。' });
    const before = JSON.parse((await h.agent().get(`/api/v1/public/answers?q=${encodeURIComponent('烤火费给多少')}`)).body);
    assert.ok(before.abstained || before.answers[0].itemId !== id, JSON.stringify(before));
    const admin = await h.login(USERS.admin.username);
    await admin.get('/console/qa/lexicon');
    const bad = await admin.request('POST', '/console/qa/lexicon', { form: { term: 'a b', expansions: '' } });
    assert.equal(bad.statusCode, 400);
    assert.equal((await admin.request('POST', '/console/qa/lexicon', { form: { term: '烤火费', expansions: '取暖补助' } })).statusCode, 303);
    const after = JSON.parse((await h.agent().get(`/api/v1/public/answers?q=${encodeURIComponent('烤火费给多少')}`)).body);
    assert.equal(after.abstained, false);
    assert.deepEqual([after.answers[0].itemId, after.answers[0].article], [id, 2]);
  });

  test('gongkai qa reindex splits every public policy document', async () => {
    const r = runCli(h.tdb, ['qa', 'reindex', '--json']);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out);
    assert.ok(out.split >= 1 && out.clauses >= 2);
  });
});
