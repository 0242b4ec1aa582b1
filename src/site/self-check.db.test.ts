// 网站自查 on both engines: each planted fault is found (stale column, blank column, broken internal link
// and attachment, undated item, dictionary hit), modules' indicators plug in, one result per day with a
// trend, .xlsx export, the daily job; 用词检查 blocks sign-off until the reviewer confirms.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { runJob } from '../jobs/jobs.js';
import type { Ctx } from '../lib/context.js';
import { todayCst } from '../lib/time.js';
import { actorCtx, closeHarness, draftAs } from '../disclosure/items.fixtures.js';
import { publishItem, submitItem } from '../disclosure/workflow.service.js';
import { insertAttachment, insertItem } from '../search/search.fixtures.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { siteModule, SITE_CHECK_JOB } from './module.js';
import { runSiteCheck, type SiteCheckRun } from './self-check.service.js';

const daysAgo = (n: number) => new Date(Date.parse(`${todayCst()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const check = (r: SiteCheckRun, id: string) => r.results.find((x) => x.id === id)!;

describe('网站自查', () => {
  let h: Harness;
  let admin: Ctx;
  let unit: number;
  let linkItem: number;
  let attItem: number;
  let undated: number;
  let typoItem: number;
  let noValidity: number;
  const add = (spec: Omit<Parameters<typeof insertItem>[2], 'area_id' | 'unit_id'>) => insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, ...spec });
  before(async () => {
    h = await createHarness();
    admin = await actorCtx(h, USERS.admin.username);
    unit = await h.unitId('区住建局');
    await add({ title: '临淄区住房保障实施办法', category_code: 'zcwj-gfxwj', item_type: 'normative', validity: 'valid', published_on: daysAgo(200) });
    await add({ title: '近期工作动态', category_code: 'jgzn', published_on: daysAgo(1) });
    linkItem = await add({ title: '关于老旧小区改造的通知', category_code: 'ghjh', published_on: daysAgo(3), body_html: '<p>详见<a href="/items/999999">实施方案</a>和<a href="https://example.invalid/x">外部文件</a>。</p>' });
    attItem = await add({ title: '保障房申请表下载', category_code: 'zdly-bzxzf', published_on: daysAgo(3) });
    await insertAttachment(h.tdb.db, h.tdb.dialect, attItem, '申请表.txt', '申请表'); // no file on disk: a broken attachment
    undated = await add({ title: '没有发布日期的信息', category_code: 'tjxx', published_on: null });
    noValidity = await add({ title: '未标注有效性的规范性文件', category_code: 'qt', item_type: 'normative', validity: null, published_on: daysAgo(5) });
    typoItem = await add({ title: '再接再励推进城市更新', category_code: 'szjs', published_on: daysAgo(2), body_text: '我们要再接再励。' });
  });
  after(async () => { await closeHarness(h); });

  test('each planted fault is found, with its threshold, today\'s figure and a link to the page to fix it', async () => {
    const r = await runSiteCheck(admin, { trigger: 'console' });
    assert.equal(check(r, 'home-updated').status, 'PASS');
    const stale = check(r, 'stale-columns');
    assert.equal(stale.veto, true);
    assert.match(stale.threshold, /≥ 5个/);
    assert.equal(stale.figure, '1个');
    assert.ok(stale.findings.some((f) => /政策文件（政策文件类（6个月））最近更新/.test(f.message) && f.href === '/catalog?category=zcwj'));
    const blank = check(r, 'blank-columns');
    assert.equal(blank.status, 'FAIL');
    assert.ok(blank.findings.some((f) => f.message.startsWith('政府集中采购栏目没有信息') && f.href === '/console/items/new?categoryCode=zfcg'));
    assert.ok(!blank.findings.some((f) => f.message.startsWith('规划计划')));
    const links = check(r, 'broken-links');
    assert.equal(links.status, 'FAIL');
    assert.ok(links.findings.some((f) => f.message.includes(`/items/${linkItem} 中的 /items/999999 不可用（404）`) && f.href === `/console/items/${linkItem}`), JSON.stringify(links.findings));
    assert.ok(links.findings.some((f) => new RegExp(`/items/${attItem} 中的 /attachments/\\d+ 不可用（404）`).test(f.message)));
    assert.equal(links.findings.length, 2, JSON.stringify(links.findings));
    const ext = check(r, 'external-links');
    assert.equal(ext.status, 'UNCERTAIN');
    assert.match(ext.figure, /外部链接\d+个，未检查/);
    const und = check(r, 'undated-items');
    assert.equal(und.status, 'FAIL');
    assert.deepEqual(und.findings, [{ message: '已发布但没有发布日期：没有发布日期的信息', href: `/console/items/${undated}` }]);
    const wording = check(r, 'wording');
    assert.equal(wording.status, 'FAIL');
    assert.ok(wording.findings.some((f) => f.message === '《再接再励推进城市更新》：“再接再励”应为“再接再厉”' && f.href === `/console/items/${typoItem}`));
    assert.equal(check(r, 'guides').status, 'FAIL', 'departments have no office details yet');
    assert.deepEqual(check(r, 'normative-validity').findings, [{ message: '《未标注有效性的规范性文件》没有标注有效性', href: `/console/items/${noValidity}` }]);
    assert.equal(r.vetoes, r.results.filter((x) => x.veto && x.status === 'FAIL').length);
  });

  test('column type, owner and frequency are configurable; five stale columns fail the veto', async () => {
    for (const [code, n] of [['zdly-xczx', 20], ['zdly-hjbh', 21], ['zdly-aqsc', 30], ['rsxx', 40]] as const) await add({ title: `动态${code}`, category_code: code, published_on: daysAgo(n) });
    const a = await h.login(USERS.admin.username);
    const page = await a.get('/console/site/columns');
    assert.equal(page.statusCode, 200);
    const bad = await a.request('POST', '/console/site/columns', { form: { 'type_zdly-xczx': 'news', 'freq_rsxx': 'abc' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /更新频率应为1至3650之间的整数/);
    const form: Record<string, string> = { 'type_zdly-xczx': 'news', 'type_zdly-hjbh': 'news', 'type_zdly-aqsc': 'news', type_rsxx: 'notice', type_zcwj: 'policy', 'owner_zdly-xczx': String(unit), freq_rsxx: '30' };
    assert.equal((await a.request('POST', '/console/site/columns', { form })).statusCode, 303);
    let r = await runSiteCheck(admin, { trigger: 'console' });
    assert.equal(check(r, 'stale-columns').figure, '4个', 'news columns older than 2 weeks, notices within 6 months are fine');
    assert.ok(check(r, 'stale-columns').findings.some((f) => f.message.includes('乡村振兴（动态、要闻类（2周））') && f.message.includes('责任单位：区住建局')));
    assert.ok(check(r, 'overdue-columns').findings.some((f) => f.message.startsWith('人事信息应每30天更新')));
    form.type_rsxx = 'news';
    await a.get('/console/site/columns');
    await a.request('POST', '/console/site/columns', { form });
    r = await runSiteCheck(admin, { trigger: 'console' });
    assert.equal(check(r, 'stale-columns').status, 'FAIL');
    assert.equal(check(r, 'stale-columns').figure, '5个');
  });

  test('用词检查 blocks sign-off until the reviewer confirms; confirmed hits leave the site-wide finding', async () => {
    const [op, rev] = await Promise.all([actorCtx(h, USERS.operator.username), actorCtx(h, USERS.reviewer.username)]);
    const id = await draftAs(op, { title: '关于再接再励做好预算公开的通知', formedOn: todayCst() });
    await submitItem(op, id);
    const reviewer = await h.login(USERS.reviewer.username);
    const page = await reviewer.get(`/console/items/${id}`);
    assert.match(page.body, /用词检查提示/);
    assert.match(page.body, /name="wordingConfirmed"/);
    const refused = await reviewer.request('POST', `/console/items/${id}/publish`, { form: { confidentialityChecked: 'on', attribute: 'proactive' } });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /“再接再励”应为“再接再厉”/);
    await assert.rejects(publishItem(rev, id, { confidentialityChecked: true, attribute: 'proactive' }), (e: unknown) => (e as { code?: string }).code === 'wording_unconfirmed');
    assert.equal((await h.tdb.db.selectFrom('info_items').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'submitted');
    const ok = await reviewer.request('POST', `/console/items/${id}/publish`, { form: { confidentialityChecked: 'on', attribute: 'proactive', wordingConfirmed: 'on' } });
    assert.equal(ok.statusCode, 303);
    const note = (await h.tdb.db.selectFrom('item_history').select('note').where('item_id', '=', id).where('action', '=', 'publish').executeTakeFirstOrThrow()).note!;
    assert.match(note, /用词检查提示1处已由审核人核对确认/);
    const r = await runSiteCheck(admin, { trigger: 'console' });
    assert.ok(!check(r, 'wording').findings.some((f) => f.href === `/console/items/${id}`), 'confirmed at sign-off');
    assert.ok(check(r, 'wording').findings.some((f) => f.href === `/console/items/${typoItem}`));
    // A leader's title from the configured dictionary.
    const a = await h.login(USERS.admin.username);
    await a.get('/console/site/dictionary');
    const saved = await a.request('POST', '/console/site/dictionary', { form: { sensitive: '', leaders: '王五 区长', typos: '再接再励→再接再厉' } });
    assert.equal(saved.statusCode, 303, 'PRG: a reload does not post again');
    assert.match((await a.get(String(saved.headers.location))).body, /已保存。[\s\S]*王五 区长/);
    const leaderItem = await add({ title: '王五副区长调研城市更新', category_code: 'szjs', published_on: daysAgo(1) });
    const r2 = await runSiteCheck(admin, { trigger: 'console' });
    assert.ok(check(r2, 'wording').findings.some((f) => f.message.includes('王五的职务应为“区长”') && f.href === `/console/items/${leaderItem}`));
  });

  test('modules\' indicators plug in; one result per day, the trend, the console sheet and the .xlsx export', async () => {
    assert.ok(siteModule.siteChecks!.some((c) => c.id === 'blank-columns'), 'the platform\'s own indicators are the site module\'s siteChecks');
    const r = await runSiteCheck(admin, {
      trigger: 'console',
      extra: [{ module: 'consult', check: { id: 'oldest-unanswered', label: '互动回应（A06）', veto: true, threshold: '超过3个月未答复的留言 = 0', run: async () => ({ status: 'FAIL', figure: '最早未答复留言已 120 天', findings: [{ message: '留言“路灯不亮”未答复', href: '/console/consult/1' }] }) } }],
    });
    assert.equal(check(r, 'oldest-unanswered').status, 'FAIL');
    const rows = await h.tdb.db.selectFrom('site_check_runs').selectAll().where('area_id', '=', h.areaId).execute();
    assert.equal(rows.length, 1, 'one row per day');
    assert.equal(rows[0]!.vetoes, r.vetoes);
    await h.tdb.db.insertInto('site_check_runs').values({ area_id: h.areaId, run_on: daysAgo(1), run_at: `${daysAgo(1)}T01:00:00.000Z`, trigger: 'job', fails: 9, vetoes: 4, results_json: '[]' }).execute();
    const a = await h.login(USERS.admin.username);
    const page = await a.get('/console/site-check');
    assert.equal(page.statusCode, 200);
    // The run time in Beijing time, like every other time on the console (issue 19), not UTC.
    const beijing = new Date(Date.parse(r.runAt) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    assert.match(page.body, new RegExp(`运行时间 ${beijing}`));
    assert.doesNotMatch(page.body, /（UTC）/);
    assert.match(page.body, /<th scope="row"><a href="#c-blank-columns">空白栏目（A05）<\/a><\/th><td>单项否决<\/td><td>有栏目无内容 ≥ 5个即否决<\/td><td>\d+个<\/td><td><span class="gk-check-fail">不合格<\/span>/);
    assert.match(page.body, /<a href="\/console\/consult\/1">留言“路灯不亮”未答复<\/a>/);
    assert.match(page.body, new RegExp(`<a href="/console/site-check\\?date=${daysAgo(1)}">${daysAgo(1)}</a></td><td>4</td><td>9</td><td>每日自动</td>`));
    const x = await a.get(`/console/site-check/export.xlsx?date=${todayCst()}`);
    assert.equal(x.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['网站自查', '问题清单', '趋势']);
    const sheet = wb.getWorksheet('网站自查')!;
    const labels = sheet.getColumn(1).values.slice(5) as string[];
    assert.ok(labels.includes('空白栏目（A05）') && labels.includes('互动回应（A06）'));
    assert.equal(wb.getWorksheet('趋势')!.rowCount, 3);
    const auditor = await h.login(USERS.auditor.username);
    assert.equal((await auditor.get('/console/site-check')).statusCode, 200);
    await auditor.get('/console/site-check');
    assert.equal((await auditor.request('POST', '/console/site-check/run', { form: {} })).statusCode, 403);
    const run = await a.request('POST', '/console/site-check/run', { form: {} });
    assert.equal(run.statusCode, 303);
  });

  test('the daily job runs the inspection and keeps the day\'s result', async () => {
    const job = siteModule.jobs!.find((j) => j.name === SITE_CHECK_JOB)!;
    assert.equal(job.everyMinutes, 1440);
    const summary = await runJob(h.tdb.db, h.tdb.dialect, job);
    assert.match(summary!, /网站自查：不合格\d+项，其中单项否决\d+项/);
    const row = await h.tdb.db.selectFrom('site_check_runs').select(['trigger']).where('area_id', '=', h.areaId).where('run_on', '=', todayCst()).executeTakeFirstOrThrow();
    assert.equal(row.trigger, 'job');
  });
});

describe('网站自查 link crawl reach', () => {
  test('an old item linked from no list page (only the sitemap) is checked too: its broken image is found', async () => {
    const h = await createHarness();
    try {
      const unit = await h.unitId('区住建局');
      const old = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, title: '很早以前的公告', category_code: 'qt', published_on: daysAgo(900), body_html: '<p>示意图：<img src="/static/no-such-map.png" alt="示意图"></p>' });
      for (let i = 0; i < 30; i++) await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, title: `新公告${i}`, category_code: 'qt', published_on: daysAgo(i) });
      const r = await runSiteCheck(await actorCtx(h, USERS.admin.username), { trigger: 'console' });
      const links = check(r, 'broken-links');
      assert.deepEqual(links.findings, [{ message: `/items/${old} 中的 /static/no-such-map.png 不可用（404）`, href: `/console/items/${old}` }]);
    } finally {
      await closeHarness(h);
    }
  });
});
