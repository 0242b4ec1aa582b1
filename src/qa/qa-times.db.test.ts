// The public 留言咨询 list dates a reply by Beijing time: a reply at 23:30 UTC was given the next day (issue 19).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, type Harness } from '../test-support/harness.js';

describe('留言咨询 答复日期 in Beijing time', () => {
  let h: Harness;
  before(async () => { h = await createHarness(); });
  after(async () => { await h.close(); });

  test('a published reply stored at 23:30 UTC shows the next day as 答复日期', async () => {
    const a = h.agent();
    await a.get('/consult/new');
    const r = await a.request('POST', '/consult', { form: { question: '请问保租房什么时候开始申请？', contactName: '王小明', contact: '13953312345', consent: 'on' } });
    assert.equal(r.statusCode, 200, r.body);
    const id = Number(/留言编号为 (\d+)/.exec(r.body)![1]);
    await h.tdb.db.updateTable('qa_messages').set({ status: 'answered', reply: '明年一月开始。', replied_at: '2026-03-01T23:30:00.000Z', published: 1, public_question: '请问保租房什么时候开始申请？', public_reply: '明年一月开始。' })
      .where('id', '=', id).execute();
    const page = await h.agent().get('/consult');
    assert.match(page.body, /答复日期：2026-03-02/);
    assert.doesNotMatch(page.body, /答复日期：2026-03-01/);
  });
});
