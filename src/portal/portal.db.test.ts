// Portal pages on both engines: metadata, interpretations, catalog navigation, normative library,
// gazette, units, collections (admin console), feeds and sitemap, the search page, rate limits,
// and the whole path through the disclosure services (publish → visible; unpublish → gone).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/config.js';
import { addAttachment } from '../disclosure/attachments.service.js';
import { actorCtx, draftAs, submitAndPublish } from '../disclosure/items.fixtures.js';
import { unpublishItem } from '../disclosure/workflow.service.js';
import type { Ctx } from '../lib/context.js';
import { insertAttachment, insertItem } from '../search/search.fixtures.js';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { buildApp } from '../app/app.js';
import { parseXml } from './xml-check.js';

describe('public portal', () => {
  let h: Harness;
  let anon: Agent;
  let unit: number;
  let policy: number;
  let interp: number;
  let hiddenInterp: number;
  let repealed: number;
  const item = (spec: Omit<Parameters<typeof insertItem>[2], 'area_id' | 'unit_id'> & { unit_id?: number }) =>
    insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, ...spec });

  before(async () => {
    h = await createHarness();
    anon = h.agent();
    unit = await h.unitId('区住建局');
    policy = await item({
      title: '临淄区保障性租赁住房管理办法', doc_number: '临政办字〔2023〕8号', item_type: 'normative', validity: 'valid', category_code: 'zcwj-gfxwj',
      topic_code: 'tp09', written_on: '2023-04-20', published_on: '2023-05-10', index_no: '370305008-2023-00008', body_text: '第一条 为规范保障性租赁住房管理，制定本办法。',
      body_html: '<p>第一条 为规范保障性租赁住房管理，制定本办法。</p><script>alert(1)</script><p onclick="x()">第二条</p>',
    });
    await insertAttachment(h.tdb.db, h.tdb.dialect, policy, '申请表.txt', '保障性租赁住房申请表');
    interp = await item({ title: '《临淄区保障性租赁住房管理办法》政策解读', item_type: 'interpretation', policy_item_id: policy, category_code: 'zcjd', published_on: '2023-05-12', interp_form: 'text' });
    hiddenInterp = await item({ title: '未发布的解读稿', item_type: 'interpretation', policy_item_id: policy, category_code: 'zcjd', status: 'draft' });
    repealed = await item({ title: '临淄区公租房管理暂行办法', doc_number: '临政办字〔2018〕3号', item_type: 'normative', validity: 'repealed', replaced_by_id: policy, category_code: 'zcwj-gfxwj', published_on: '2018-03-01' });
    await item({ title: '2022年财政预算公开', category_code: 'czyjs-ys', unit_id: await h.unitId('区财政局'), published_on: '2022-02-01' });
  });
  after(async () => { await h.close(); });

  test('item page: the metadata table, body (sanitised), attachments, public interpretations only, print view', async () => {
    const r = await anon.get(`/items/${policy}`);
    assert.equal(r.statusCode, 200);
    for (const [k, v] of [['索引号', '370305008-2023-00008'], ['发布机构', '区住建局'], ['文号', '临政办字〔2023〕8号'], ['成文日期', '2023-04-20'], ['发布日期', '2023-05-10'], ['有效性', '有效']]) {
      assert.match(r.body, new RegExp(`<th scope="row">${k}</th><td>(<a [^>]+>)?${v.replace(/[[\]()]/g, '\\$&')}`), k);
    }
    assert.match(r.body, /第一条 为规范保障性租赁住房管理/);
    assert.doesNotMatch(r.body, /<script>alert|onclick=/);
    assert.match(r.body, /<a href="\/attachments\/\d+" download="申请表.txt">申请表.txt<\/a>/);
    assert.match(r.body, new RegExp(`<a href="/items/${interp}">《临淄区保障性租赁住房管理办法》政策解读</a>`));
    assert.ok(!r.body.includes(`/items/${hiddenInterp}`) && !r.body.includes('未发布的解读稿'));
    assert.match(r.body, new RegExp(`href="/items/${policy}\\?print=1">打印本页`));
    const print = await anon.get(`/items/${policy}?print=1`);
    assert.match(print.body, /gk-print-view/);
    assert.doesNotMatch(print.body, /打印本页/);
    const i = await anon.get(`/items/${interp}`);
    assert.match(i.body, new RegExp(`本文是对<a href="/items/${policy}">《临淄区保障性租赁住房管理办法》</a>（临政办字〔2023〕8号）的解读`));
    const old = await anon.get(`/items/${repealed}`);
    assert.match(old.body, /本文件已废止，现行文件见<a href="\/items\/\d+">《临淄区保障性租赁住房管理办法》<\/a>/);
    const policyPage = await anon.get(`/items/${policy}`);
    assert.match(policyPage.body, /本文件修改或废止的文件/);
    const api = (await anon.get(`/api/v1/public/items/${policy}`)).json();
    assert.equal(api.data.indexNo, '370305008-2023-00008');
    assert.deepEqual(api.data.interpretations.map((x: { id: number }) => x.id), [interp]);
    assert.equal((await anon.get(`/api/v1/public/items/${hiddenInterp}`)).statusCode, 404);
  });

  test('catalog navigation by category (with sub-categories), unit, topic and year', async () => {
    const all = await anon.get('/catalog');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /<nav class="gk-sidenav" aria-label="目录导航">/);
    assert.match(all.body, /政策文件（2）/);
    assert.match(all.body, /行政规范性文件（2）/);
    const policyDocs = await anon.get('/catalog?category=zcwj');
    assert.match(policyDocs.body, /共 2 条/);
    assert.match(policyDocs.body, /临淄区保障性租赁住房管理办法/);
    assert.doesNotMatch(policyDocs.body, /2022年财政预算公开/);
    assert.match((await anon.get(`/catalog?unit=${await h.unitId('区财政局')}`)).body, /共 1 条/);
    assert.match((await anon.get('/catalog?topic=tp09')).body, /共 1 条/);
    const y2018 = await anon.get('/catalog?year=2018');
    assert.match(y2018.body, /共 1 条/);
    assert.match(y2018.body, /临淄区公租房管理暂行办法/);
    assert.equal((await anon.get('/catalog?year=abc')).statusCode, 400);
    const list = (await anon.get('/api/v1/public/items?category=zcwj-gfxwj')).json();
    assert.equal(list.data.total, 2);
    // The admin renames and adds catalog categories in the console (audited); the portal, cached
    // pages included, shows the change at once. Bad input gets field messages and writes nothing.
    const admin = await h.login(USERS.admin.username);
    await admin.get('/console/items/categories');
    const renamed = await admin.request('POST', '/console/items/categories', { form: { tree: 'catalog', code: 'zcwj-gfxwj', name: '规范性文件（行政）' } });
    assert.equal(renamed.statusCode, 303);
    assert.match((await anon.get('/catalog')).body, /规范性文件（行政）（2）/);
    const added = await admin.request('POST', '/console/items/categories', { form: { tree: 'catalog', code: 'zcwj-test', name: '试点政策', parentCode: 'zcwj' } });
    assert.equal(added.statusCode, 303);
    assert.match((await admin.get('/console/items/categories')).body, /试点政策/);
    assert.doesNotMatch((await anon.get('/catalog')).body, /试点政策/, 'the portal lists categories that hold public items');
    const bad = await admin.request('POST', '/console/items/categories', { form: { tree: 'catalog', code: 'Bad Code', name: '', parentCode: 'zcwj' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /代码只能包含小写字母、数字和连字符/);
    assert.equal((await h.tdb.db.selectFrom('categories').select('id').where('code', '=', 'Bad Code').execute()).length, 0);
    const audit = await h.tdb.db.selectFrom('audit_log').select('action').where('action', 'in', ['category.rename', 'category.create']).execute();
    assert.deepEqual(audit.map((r) => r.action).sort(), ['category.create', 'category.rename']);
    await admin.request('POST', '/console/items/categories', { form: { tree: 'catalog', code: 'zcwj-gfxwj', name: '行政规范性文件' } });
    assert.match((await anon.get('/catalog')).body, /行政规范性文件（2）/);
  });

  test('normative library filterable by validity; interpretations list links the policy', async () => {
    const all = await anon.get('/normative');
    assert.match(all.body, /全部文件共 2 件/);
    const valid = await anon.get('/normative?validity=valid');
    assert.match(valid.body, /共 1 件/);
    assert.match(valid.body, /临淄区保障性租赁住房管理办法/);
    assert.doesNotMatch(valid.body, /公租房管理暂行办法/);
    assert.match((await anon.get('/normative?validity=repealed')).body, /公租房管理暂行办法/);
    const interps = await anon.get('/interpretations');
    assert.match(interps.body, /共 1 篇/);
    assert.match(interps.body, new RegExp(`解读文件：<a href="/items/${policy}">`));
  });

  test('gazette by issue with a table of contents; unit pages', async () => {
    const issue = await h.tdb.db.insertInto('gazette_issues').values({ area_id: h.areaId, year: 2023, number: 2, title: '临淄区人民政府公报2023年第2期', published_on: '2023-06-01', status: 'published' }).returning('id').executeTakeFirstOrThrow();
    await h.tdb.db.insertInto('gazette_entries').values([{ issue_id: issue.id, item_id: interp, sort: 2 }, { issue_id: issue.id, item_id: policy, sort: 1 }, { issue_id: issue.id, item_id: hiddenInterp, sort: 3 }]).execute();
    const index = await anon.get('/gazette');
    assert.match(index.body, /<a href="\/gazette\/2023\/2">2023年第2期<\/a>/);
    const toc = await anon.get('/gazette/2023/2');
    assert.equal(toc.statusCode, 200);
    const order = [...toc.body.matchAll(/<li><a href="\/items\/(\d+)">/g)].map((m) => Number(m[1]));
    assert.deepEqual(order, [policy, interp]);
    assert.match((await anon.get(`/items/${policy}`)).body, /刊登于：<a href="\/gazette\/2023\/2">政府公报2023年第2期<\/a>/);
    assert.equal((await anon.get('/gazette/2023/3')).statusCode, 404);
    // Unpublishing an issue takes effect at once, cached pages included.
    await h.tdb.db.updateTable('gazette_issues').set({ status: 'draft' }).where('id', '=', issue.id).execute();
    assert.equal((await anon.get('/gazette/2023/2')).statusCode, 404);
    assert.doesNotMatch((await anon.get(`/items/${policy}`)).body, /刊登于/);
    await h.tdb.db.updateTable('gazette_issues').set({ status: 'published' }).where('id', '=', issue.id).execute();
    const u = await anon.get(`/units/${unit}`);
    assert.match(u.body, /<h1>区住建局<\/h1>/);
    assert.match(u.body, /主动公开信息 3 条/);
    assert.equal((await anon.get('/units/999999')).statusCode, 404);
    // Renaming a unit shows on the portal at once, cached pages included (and so on every node: the
    // caches key on the generation stored in the database, which the rename bumps).
    const admin = await h.login(USERS.admin.username);
    await admin.get('/console/units');
    const code = (await h.tdb.db.selectFrom('units').select('code').where('id', '=', unit).executeTakeFirstOrThrow()).code;
    const renamed = await admin.request('POST', `/console/units/${unit}`, { form: { name: '区住房和城乡建设局', code, kind: '区直部门' } });
    assert.ok([200, 303].includes(renamed.statusCode), renamed.body.slice(0, 300));
    assert.match((await anon.get(`/units/${unit}`)).body, /<h1>区住房和城乡建设局<\/h1>/);
    await admin.request('POST', `/console/units/${unit}`, { form: { name: '区住建局', code, kind: '区直部门' } });
    assert.match((await anon.get(`/units/${unit}`)).body, /<h1>区住建局<\/h1>/);
  });

  test('themed collections: the admin curates them in the console (audited); the portal shows public items only', async () => {
    const admin = await h.login(USERS.admin.username);
    const page = await admin.get('/console/collections');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<a href="\/console\/collections"[^>]*>特色主题<\/a>/);
    const bad = await admin.request('POST', '/console/collections', { form: { name: '优化营商环境', slug: 'Bad Slug', description: '', sort: '1' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /专题标识只能包含小写字母、数字和连字符/);
    assert.match(bad.body, /value="优化营商环境"/);
    for (const sort of ['0x10', '1e2']) {
      const loose = await admin.request('POST', '/console/collections', { form: { name: '宽松数字', slug: 'loose-number', description: '', sort } });
      assert.equal(loose.statusCode, 400, `sort=${sort} is refused`);
      assert.match(loose.body, /排序必须是数字/);
    }
    assert.equal((await admin.get('/collections/loose-number')).statusCode, 404, 'a refused form writes nothing');
    const created = await admin.request('POST', '/console/collections', { form: { name: '住房保障', slug: 'housing', description: '住房保障政策汇集', sort: '1' } });
    assert.equal(created.statusCode, 303);
    const editUrl = created.headers.location as string;
    await admin.get(editUrl);
    // The picker (issue 19): a GET search lists public items with an 添加 button; unpublished ones are not offered.
    const pick = (await admin.get(`${editUrl}?pick=${encodeURIComponent('住房')}`)).body;
    assert.match(pick, /临淄区保障性租赁住房管理办法（[^）]*索引号 370305008-2023-00008/);
    assert.match(pick, /<input type="hidden" name="ref" value="\d+" data-pick-id>/);
    assert.doesNotMatch(pick, /未发布的解读稿/);
    for (const ref of ['370305008-2023-00008', String(hiddenInterp)]) {
      const r = await admin.request('POST', `${editUrl}/items`, { form: { ref, sort: '1' } });
      assert.equal(r.statusCode, 303, r.body.slice(0, 300));
      assert.match((await admin.get(String(r.headers.location))).body, /role="status">已添加</);
    }
    assert.match((await admin.get(`${editUrl}?pick=${encodeURIComponent('住房')}`)).body, /（已在本专题中）/);
    const missing = await admin.request('POST', `${editUrl}/items`, { form: { ref: 'no-such-index', sort: '' } });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /找不到该索引号或编号对应的信息/);
    const portal = await anon.get('/collections/housing');
    assert.match(portal.body, /<h1>住房保障<\/h1>/);
    assert.match(portal.body, /临淄区保障性租赁住房管理办法/);
    assert.doesNotMatch(portal.body, /未发布的解读稿/);
    assert.match((await anon.get('/')).body, /<a href="\/collections\/housing">住房保障<\/a>/);
    const audit = await h.tdb.db.selectFrom('audit_log').select('action').where('entity', '=', 'collection').orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['collection.create', 'collection.add_item', 'collection.add_item']);
    for (const who of [USERS.operator.username, USERS.auditor.username]) {
      const other = await h.login(who);
      assert.equal((await other.get('/console/collections')).statusCode, 403);
      await other.get('/console');
      assert.equal((await other.request('POST', '/console/collections', { form: { name: 'x', slug: 'x' } })).statusCode, 403);
    }
    assert.equal((await anon.get('/console/collections')).statusCode, 303);
    const del = await admin.request('POST', `${editUrl}/delete`, { form: {} });
    assert.equal(del.statusCode, 303);
    assert.equal((await anon.get('/collections/housing')).statusCode, 404);
  });

  test('RSS feeds and the sitemap are well-formed XML listing public items only', async () => {
    const feed = await anon.get('/feed.xml');
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /application\/rss\+xml/);
    const rss = parseXml(feed.body);
    assert.equal(rss.root, 'rss');
    assert.ok(rss.texts.title!.includes('临淄区保障性租赁住房管理办法'));
    assert.ok(!rss.texts.title!.includes('未发布的解读稿'));
    assert.equal(rss.count.item, 4);
    const cat = parseXml((await anon.get('/feed/zcjd.xml')).body);
    assert.equal(cat.count.item, 1);
    const map = parseXml((await anon.get('/sitemap.xml')).body);
    assert.equal(map.root, 'urlset');
    const locs = map.texts.loc!;
    assert.ok(locs.some((l) => l.endsWith(`/items/${policy}`)));
    assert.ok(!locs.some((l) => l.endsWith(`/items/${hiddenInterp}`)));
    assert.match((await anon.get('/robots.txt')).body, /Sitemap: http:\/\/localhost(:80)?\/sitemap.xml/);
  });

  test('search page: highlighted results, escaped query, messages, field errors, filters kept in paging', async () => {
    const r = await anon.get(`/search?q=${encodeURIComponent('保障性租赁住房')}`);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /<mark>保障性租赁住房<\/mark>/);
    assert.match(r.body, /value="保障性租赁住房"/);
    const xss = await anon.get(`/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    assert.equal(xss.statusCode, 200);
    assert.doesNotMatch(xss.body, /<script>alert/);
    assert.match(xss.body, /&lt;script&gt;/);
    assert.match((await anon.get('/search?q=%E7%9A%84')).body, /都是“的”“关于”“和”之类的常用词/);
    assert.match((await anon.get('/search?q=')).body, /请输入要查找的词语/);
    const first = await anon.get('/search');
    assert.doesNotMatch(first.body, /搜索结果/);
    const bad = await anon.get('/search?q=住房&year=20x3&type=nope');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /gk-error-summary/);
    assert.match(bad.body, /发布年度|年份无效/);
    assert.match(bad.body, /信息类型/);
    assert.match(bad.body, /value="住房"/);
    const api = await anon.get('/api/v1/public/search?q=住房&year=abc');
    assert.equal(api.statusCode, 400);
    assert.ok(api.json().error.fields.year);
    for (let i = 0; i < 12; i++) await item({ title: `第${i}号秸秆禁烧通告`, body_text: '秸秆禁烧。', published_on: '2021-10-01' });
    const p1 = await anon.get('/search?q=秸秆禁烧&year=2021');
    assert.match(p1.body, /共找到 12 条信息，第 1\/2 页/);
    assert.match(p1.body, /href="\/search\?q=%E7%A7%B8%E7%A7%86%E7%A6%81%E7%83%A7&amp;year=2021&amp;page=2"/);
    const doc = await anon.get(`/search?q=${encodeURIComponent('临政办字[2023]8号')}`);
    assert.match(doc.body, /按文号精确查找：共找到 1 条信息/);
  });

  test('search is rate-limited per IP (config.searchRateLimit), pages and API', async () => {
    const config = { ...loadConfig({ GONGKAI_DATA_DIR: h.tdb.dataDir, SESSION_SECRET: 'y'.repeat(40) }), searchRateLimit: 3, loginRateLimit: 100 };
    const app = await buildApp({ config, handle: h.tdb });
    await app.ready();
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await app.inject({ method: 'GET', url: `/search?q=住房${i}` })).statusCode);
      assert.deepEqual(codes, [200, 200, 200, 429]);
      const limited = await app.inject({ method: 'GET', url: '/search?q=住房' });
      assert.match(limited.body, /请求过于频繁/);
      const apiCodes: number[] = [];
      for (let i = 0; i < 4; i++) apiCodes.push((await app.inject({ method: 'GET', url: `/api/v1/public/search?q=x${i}`, remoteAddress: '10.0.0.9' })).statusCode);
      assert.deepEqual(apiCodes, [200, 200, 200, 429]);
      assert.equal((await app.inject({ method: 'GET', url: '/catalog' })).statusCode, 200, 'other pages are not limited');
    } finally {
      await app.close();
    }
  });

  test('home page: latest items and entry points; 长辈模式 applies on portal pages', async () => {
    const home = await anon.get('/');
    assert.match(home.body, /<h1>临淄区政府信息公开专栏<\/h1>/);
    assert.match(home.body, /最新信息/);
    assert.match(home.body, /面向个人/);
    assert.match(home.body, /面向企业/);
    assert.match(home.body, /<a href="\/catalog\?topic=tp09">/);
    const elder = await anon.get('/', { cookie: 'gk_elder=1' });
    assert.match(elder.body, /<body class="gk-portal gk-elder">/);
  });

  test('through the disclosure services: published → on the portal and in search; unpublished → gone at once', async () => {
    const op: Ctx = await actorCtx(h, USERS.otherOperator.username);
    const rev: Ctx = await actorCtx(h, USERS.otherReviewer.username);
    const id = await draftAs(op, { title: '关于城镇老旧小区改造计划的公告', body: '<p>今年改造城镇老旧小区23个。</p>', categoryCode: 'zdly-bzxzf', formedOn: '2023-01-05' });
    const att = await addAttachment(op, id, { fileName: '改造清单.txt', data: Buffer.from('小区名单：齐都花园加装电梯') }, h.tdb.dataDir);
    assert.equal((await anon.get(`/items/${id}`)).statusCode, 404);
    assert.equal((await anon.get(`/attachments/${att}`)).statusCode, 404);
    await submitAndPublish(op, rev, id);
    const page = await anon.get(`/items/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /关于城镇老旧小区改造计划的公告/);
    const s = (await anon.get(`/api/v1/public/search?q=${encodeURIComponent('加装电梯')}`)).json();
    assert.deepEqual(s.data.items.map((x: { id: number }) => x.id), [id]);
    assert.equal(s.data.items[0].snippetFrom, '改造清单.txt');
    assert.equal((await anon.get(`/attachments/${att}`)).statusCode, 200);
    await unpublishItem(rev, id, { reason: '内容需要更正' });
    assert.equal((await anon.get(`/items/${id}`)).statusCode, 404);
    assert.equal((await anon.get(`/attachments/${att}`)).statusCode, 404);
    assert.equal((await anon.get(`/api/v1/public/search?q=${encodeURIComponent('加装电梯')}`)).json().data.total, 0);
    assert.doesNotMatch((await anon.get('/feed.xml')).body, /老旧小区改造计划/);
  });
});
