// Art. 36(一) on both engines: a `disclosed` reply points to the already published information item (by 索引号,
// id or address); an unknown, unpublished or on-request item is refused with a field message and nothing is written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { insertItem } from '../search/search.fixtures.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { issueLetter, lettersOf } from './letters.service.js';
import { addEvent, createRequest } from './requests.service.js';

describe('答复书: already published (art. 36(一))', () => {
  let h: Harness;
  before(async () => { h = await createHarness(); });
  after(async () => { await h.close(); });

  test('the letter names the item\'s title, 索引号 and address; bad references are refused', async () => {
    const unit = await h.unitId('区财政局');
    const pub = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, title: '临淄区2022年区级部门预算公开说明', category_code: 'zcwj-gfxwj', published_on: '2022-02-10' });
    const draft = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, status: 'draft', title: '未发布的预算草稿', category_code: 'zcwj-gfxwj', published_on: null });
    const onRequest = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, attribute: 'on_request', title: '依申请公开的预算附表', category_code: 'zcwj-gfxwj', published_on: '2022-02-10' });
    const { index_no: indexNo } = await h.tdb.db.selectFrom('info_items').select('index_no').where('id', '=', pub).executeTakeFirstOrThrow();
    const mk = async (outcome = 'disclosed') => {
      const r = await createRequest(h.ctx, { unit: '区财政局', channel: 'in_person', receivedOn: '2022-03-01', applicant: { type: 'natural', name: '蒋某' }, description: '2022年区级部门预算' });
      await addEvent(h.ctx, r.id, { type: 'replied', on: '2022-03-05', outcome });
      return r.id;
    };
    const id = await mk();
    for (const [ref, msg] of [[String(draft), /尚未主动公开/], [String(onRequest), /尚未主动公开/], ['99999', /不存在/], ['没有这样的标题', /没有找到/]] as const) {
      await assert.rejects(issueLetter(h.ctx, id, { publishedItem: ref }, 'https://gk.example.gov.cn'), (e: { fields?: Record<string, string> }) => msg.test(e.fields?.publishedItem ?? ''), ref);
    }
    assert.equal((await lettersOf(h.tdb.db, id)).length, 0, 'nothing written');
    const other = await mk('partial');
    await assert.rejects(issueLetter(h.ctx, other, { publishedItem: indexNo, released: 'a', withheld: 'b|art14_state_secret|c' }), (e: { fields?: Record<string, string> }) => /只有/.test(e.fields?.publishedItem ?? ''));
    for (const ref of [indexNo, `https://gk.example.gov.cn/items/${pub}`]) {
      const rid = ref === indexNo ? id : await mk();
      await issueLetter(h.ctx, rid, { publishedItem: ref }, 'https://gk.example.gov.cn');
      const [l] = await lettersOf(h.tdb.db, rid);
      const text = l!.paragraphs.join('\n');
      assert.match(text, /第三十六条第（一）项/);
      assert.ok(text.includes(`《临淄区2022年区级部门预算公开说明》（索引号：${indexNo}），网址：https://gk.example.gov.cn/items/${pub}`), text);
      const stored = await h.tdb.db.selectFrom('info_request_letters').select('input_json').where('id', '=', l!.id).executeTakeFirstOrThrow();
      assert.equal((JSON.parse(stored.input_json) as { publishedItemId?: number }).publishedItemId, pub);
    }
  });
});
