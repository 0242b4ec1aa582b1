// The privacy guard in the workflow: blocked submission and publication, one-click masking, the reviewer's
// keep decision with a reason, attachment text, and no raw values in history or audit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import type { Ctx } from '../lib/context.js';
import { AppError } from '../lib/errors.js';
import { addAttachment, removeAttachment } from './attachments.service.js';
import { actorCtx, closeHarness, draftAs, xlsxBuffer } from './items.fixtures.js';
import { keepHit, maskHit } from './privacy.service.js';
import { publishItem, submitItem } from './workflow.service.js';

const blocked = (e: unknown) => e instanceof AppError && e.kind === 'conflict' && e.code === 'privacy_blocked';
const ID = '370305199001011231';
const MOBILE = '13853312345';

describe('privacy guard', () => {
  let h: Harness;
  let op: Ctx;
  let rev: Ctx;
  const item = (id: number) => h.tdb.db.selectFrom('info_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  before(async () => {
    h = await createHarness();
    [op, rev] = await Promise.all([actorCtx(h, USERS.operator.username), actorCtx(h, USERS.reviewer.username)]);
  });
  after(async () => { await closeHarness(h); });

  test('a real-looking budget notice with 文号, 索引号, dates and amounts submits and publishes without a block', async () => {
    const id = await draftAs(op, {
      title: '临淄区财政局关于2022年部门预算的公告',
      docNumber: '临财预〔2022〕12号',
      body: `<p>临财预〔2022〕12号　索引号：370305005-2022-00012</p><p>2022年6月23日，经区人大常委会批准，一般公共预算支出 13800000000 元，较上年增长 4.5%。</p>
        <table><tr><th>科目编码</th><th>科目名称</th><th>金额（万元）</th></tr><tr><td>20101</td><td>人大事务</td><td>15912345678</td></tr></table>
        <p>咨询电话：0533-7181234，邮箱：lzczj@zb.gov.cn。</p>`,
    });
    await submitItem(op, id);
    await publishItem(rev, id, { confidentialityChecked: true, attribute: 'proactive' });
    assert.equal((await item(id)).status, 'published');
  });

  test('hits block submission; the operator masks title and body in one click; the page shows each hit in context', async () => {
    const id = await draftAs(op, { title: `关于张某（${ID}）的行政处罚决定`, itemType: 'penalty', categoryCode: 'xzzf-cf', body: `<p>当事人联系电话：<strong>${MOBILE}</strong>，住所地临淄区。再次核对电话 ${MOBILE}。</p>` });
    await assert.rejects(submitItem(op, id), blocked);
    const agent = await h.login(USERS.operator.username);
    const page = await agent.get(`/console/items/${id}`);
    assert.match(page.body, new RegExp(`当事人联系电话：<mark>${MOBILE}</mark>，住所地临淄区`));
    assert.match(page.body, /须处理/);
    const refused = await agent.request('POST', `/console/items/${id}/submit`, { form: {} });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /个人信息尚未处理/);
    const api = (await agent.get(`/api/v1/items/${id}`)).json().data.privacyHits as { source: string; kind: string; start: number; text: string }[];
    assert.deepEqual(api.map((x) => [x.source, x.kind]), [['title', 'id_card'], ['body', 'mobile'], ['body', 'mobile']]);
    for (const hit of [api[0]!, api[1]!]) {
      await agent.get(`/console/items/${id}`);
      const r = await agent.request('POST', `/console/items/${id}/privacy/mask`, { form: { source: hit.source, start: String(hit.start), text: hit.text } });
      assert.equal(r.statusCode, 303);
    }
    const row = await item(id);
    assert.equal(row.title, '关于张某（370305********1231）的行政处罚决定');
    assert.equal(row.body_html, '<p>当事人联系电话：<strong>138****2345</strong>，住所地临淄区。再次核对电话 138****2345。</p>');
    assert.doesNotMatch(row.body_text, new RegExp(MOBILE));
    await submitItem(op, id);
    const trail = JSON.stringify([
      await h.tdb.db.selectFrom('item_history').selectAll().where('item_id', '=', id).where('action', '=', 'privacy.mask').execute(),
      await h.tdb.db.selectFrom('audit_log').selectAll().where('entity_id', '=', String(id)).where('action', '=', 'item.privacy.mask').execute(),
    ]);
    // The mask records name what was masked without repeating the value.
    assert.match(trail, /138\*\*\*\*2345/);
    assert.doesNotMatch(trail, new RegExp(`${MOBILE}|${ID}`));
  });

  test('a stale hit is refused instead of masking the wrong characters', async () => {
    const id = await draftAs(op, { body: `<p>电话 ${MOBILE}</p>` });
    await assert.rejects(maskHit(op, id, { source: 'body', start: 0, text: MOBILE }), (e: unknown) => e instanceof AppError && e.code === 'stale_hit');
    await assert.rejects(maskHit(op, id, { source: 'attachment:1', start: 0, text: MOBILE }), (e: unknown) => e instanceof AppError && e.kind === 'invalid');
  });

  test('attachment text is scanned; only the reviewer may keep a hit, with a reason, and publication then passes', async () => {
    const id = await draftAs(op, { title: '2022年度低保对象公示', body: '<p>公示名单见附件。</p>' });
    const att = await addAttachment(op, id, { fileName: '名单.xlsx', data: await xlsxBuffer([['姓名', '联系电话'], ['王某', '13953398765']]) }, h.tdb.dataDir);
    await assert.rejects(submitItem(op, id), blocked);
    await assert.rejects(keepHit(op, id, { kind: 'mobile', text: '13953398765', reason: '本人同意' }), (e: unknown) => e instanceof AppError && e.kind === 'forbidden');
    const reviewer = await h.login(USERS.reviewer.username);
    await reviewer.get(`/console/items/${id}`);
    const empty = await reviewer.request('POST', `/console/items/${id}/privacy/keep`, { form: { kind: 'mobile', text: '13953398765', reason: '' } });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /请填写理由/);
    const ok = await reviewer.request('POST', `/console/items/${id}/privacy/keep`, { form: { kind: 'mobile', text: '13953398765', reason: '村务监督电话，经本人书面同意公开' } });
    assert.equal(ok.statusCode, 303);
    const kept = JSON.parse((await item(id)).privacy_json!).kept;
    assert.deepEqual([kept[0].kind, kept[0].text, kept[0].reason], ['mobile', '13953398765', '村务监督电话，经本人书面同意公开']);
    await submitItem(op, id);
    await publishItem(rev, id, { confidentialityChecked: true, attribute: 'proactive' });
    assert.equal((await item(id)).status, 'published');
    const page = await reviewer.get(`/console/items/${id}`);
    assert.match(page.body, /已由 .* 保留：村务监督电话/);
    void att;
  });

  test('a hit added while the item waits for sign-off blocks publication too', async () => {
    const id = await draftAs(op, { body: '<p>无个人信息</p>' });
    const att = await addAttachment(op, id, { fileName: '说明.txt', data: Buffer.from('联系人邮箱 zhangsan@example.com') }, h.tdb.dataDir);
    await assert.rejects(submitItem(op, id), blocked);
    await removeAttachment(op, id, att, h.tdb.dataDir);
    await submitItem(op, id);
    // Simulate text that changed behind the reviewer's back (e.g. a later import) and check the second gate.
    await h.tdb.db.updateTable('info_items').set({ body_text: `电话 ${MOBILE}` }).where('id', '=', id).execute();
    await assert.rejects(publishItem(rev, id, { confidentialityChecked: true, attribute: 'proactive' }), blocked);
    assert.equal((await item(id)).status, 'submitted');
  });
});
