// The four standard sub-columns for the district, a department and a town (same names, same order),
// the generated guide (all statutory elements, versioned on fact changes), the statutory list, 制度 and 年报.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { insertItem } from '../search/search.fixtures.js';
import { renameCategory } from '../disclosure/categories.service.js';
import { actorCtx } from '../disclosure/items.fixtures.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';

const NAMES = ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报'];

describe('政府信息公开 sub-columns', () => {
  let h: Harness;
  let dept: number;
  let town: number;
  before(async () => {
    h = await createHarness();
    dept = await h.unitId('区财政局');
    town = await h.unitId('凤凰镇');
    const add = (spec: Parameters<typeof insertItem>[2]) => insertItem(h.tdb.db, h.tdb.dialect, spec);
    await add({ area_id: h.areaId, unit_id: dept, title: '区财政局政府信息公开保密审查制度', category_code: 'gkzd', published_on: '2023-03-01' });
    await add({ area_id: h.areaId, unit_id: dept, title: '区财政局2022年政府信息公开工作年度报告', category_code: 'zfxxgknb', published_on: '2023-01-20' });
    await add({ area_id: h.areaId, unit_id: dept, title: '2023年区级部门预算', category_code: 'czyjs-ys', published_on: '2023-02-10' });
    await add({ area_id: h.areaId, unit_id: town, title: '凤凰镇2023年社会救助对象公示', category_code: 'shjz', published_on: '2023-04-01' });
  });
  after(async () => { await h.close(); });

  test('the platform index lists the district, every department and every 镇/街道', async () => {
    const r = await h.agent().get('/zfxxgk');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, new RegExp(`href="/zfxxgk/${dept}">区财政局</a>`));
    assert.match(r.body, new RegExp(`href="/zfxxgk/${town}">凤凰镇</a>`));
    assert.match(r.body, /href="\/zfxxgk\/\d+">稷下街道<\/a>/);
    for (const n of NAMES) assert.match(r.body, new RegExp(`href="/zfxxgk/${h.areaId}/\\w+">${n}</a>`));
  });

  for (const who of ['district', 'department', 'town'] as const) {
    test(`${who}: the four sub-columns, in the same order, each answering with its content`, async () => {
      const id = who === 'district' ? h.areaId : who === 'department' ? dept : town;
      const anon = h.agent();
      const idx = await anon.get(`/zfxxgk/${id}`);
      assert.equal(idx.statusCode, 200);
      const order = [...idx.body.matchAll(/<a href="\/zfxxgk\/\d+\/(guide|rules|statutory|reports)">/g)].map((m) => m[1]);
      assert.deepEqual(order, ['guide', 'rules', 'statutory', 'reports']);
      for (const [i, path] of ['guide', 'rules', 'statutory', 'reports'].entries()) {
        const r = await anon.get(`/zfxxgk/${id}/${path}`);
        assert.equal(r.statusCode, 200, path);
        assert.match(r.body, new RegExp(`<h1>[^<]*${NAMES[i]}</h1>`), path);
        assert.match(r.body, new RegExp(`<meta name="ColumnName" content="${NAMES[i]}"`), path);
        assert.deepEqual([...r.body.matchAll(/<li><a href="\/zfxxgk\/\d+\/\w+"(?: aria-current="page")?>([^<]+)<\/a><\/li>/g)].map((m) => m[1]), NAMES, `${path}: same tabs`);
      }
      const guide = (await anon.get(`/zfxxgk/${id}/guide`)).body;
      for (const must of ['信息的分类与编排体系', '索引号', '20个工作日内', '延长期限最长不超过20个工作日', '7个工作日内一次性告知补正', '传真号码', '电子邮箱', '办公时间', '办公地址', '不收取费用', '国办函〔2020〕109号', '行政复议', '行政诉讼', '更新日期']) {
        assert.ok(guide.includes(must), `${who} guide: ${must}`);
      }
      const statutory = (await anon.get(`/zfxxgk/${id}/statutory`)).body;
      for (const no of ['（一）', '（二）', '（七）', '（九）', '（十二）', '（十五）']) assert.ok(statutory.includes(`第二十条${no}`), no);
      assert.ok(statutory.includes(who === 'town' ? '宅基地使用情况审核' : '治安管理'), 'article 21 for the body kind');
      if (who === 'town') assert.ok(!statutory.includes('市政建设'));
    });
  }

  test('statutory list: a body\'s items counted in their place, linking to the catalog filtered by unit', async () => {
    const r = (await h.agent().get(`/zfxxgk/${town}/statutory`)).body;
    assert.match(r, new RegExp(`<a href="/catalog\\?category=shjz&amp;unit=${town}">社会救助</a>（1）`));
    assert.match(r, /2023-04-01/);
    const d = (await h.agent().get(`/zfxxgk/${dept}/statutory`)).body;
    assert.match(d, new RegExp(`<a href="/catalog\\?category=czyjs&amp;unit=${dept}">财政预决算</a>（1）`));
  });

  test('制度 lists the body\'s items of that category; 年报 its reports, else an empty state', async () => {
    assert.match((await h.agent().get(`/zfxxgk/${dept}/rules`)).body, /区财政局政府信息公开保密审查制度/);
    assert.match((await h.agent().get(`/zfxxgk/${town}/rules`)).body, /本机关暂未发布政府信息公开制度/);
    assert.match((await h.agent().get(`/zfxxgk/${dept}/reports`)).body, /区财政局2022年政府信息公开工作年度报告/);
    assert.match((await h.agent().get(`/zfxxgk/${town}/reports`)).body, /暂无已发布的年度报告/);
    assert.equal((await h.agent().get('/zfxxgk/999999/guide')).statusCode, 404);
  });

  test('the guide is versioned: office details saved → a new version with the new facts; unchanged facts → same version', async () => {
    const anon = h.agent();
    const first = (await anon.get(`/zfxxgk/${dept}/guide`)).body;
    const v1 = Number(/（第(\d+)版）/.exec(first)![1]);
    assert.match(first, /传真号码<\/th><td>（尚未配置）/);
    assert.equal(Number(/（第(\d+)版）/.exec((await anon.get(`/zfxxgk/${dept}/guide`)).body)![1]), v1, 'same facts, same version');
    const admin = await h.login(USERS.admin.username);
    await admin.get(`/console/site/offices/${dept}`);
    const ok = await admin.request('POST', `/console/site/offices/${dept}`, { form: { officeName: '区财政局办公室', address: '临淄区桓公路100号', hours: '工作日9:00-17:00', phone: '0533-7180001', fax: '0533-7180002', email: 'czj@linzi.gov.cn' } });
    assert.equal(ok.statusCode, 303);
    const second = (await anon.get(`/zfxxgk/${dept}/guide`)).body;
    assert.equal(Number(/（第(\d+)版）/.exec(second)![1]), v1 + 1);
    assert.match(second, /传真号码<\/th><td>0533-7180002/);
    assert.match(second, /历次更新/);
    const versions = await h.tdb.db.selectFrom('site_guide_versions').select('version').where('unit_id', '=', dept).execute();
    assert.equal(versions.length, v1 + 1);
    assert.equal((await h.tdb.db.selectFrom('audit_log').select('id').where('action', '=', 'site.office').execute()).length, 1);
    const op = await h.login(USERS.operator.username);
    assert.equal((await op.get(`/console/site/offices/${dept}`)).statusCode, 403);
    // How the platform works changes too: a catalog category renamed → the next guide is a new version.
    await renameCategory(await actorCtx(h, USERS.admin.username), { tree: 'catalog', code: 'tjxx', name: '统计数据' });
    const third = (await anon.get(`/zfxxgk/${dept}/guide`)).body;
    assert.equal(Number(/（第(\d+)版）/.exec(third)![1]), v1 + 2);
    assert.match(third, /<li>统计数据<\/li>/);
  });
});
