// The portal in real Chromium: every page type passes axe (WCAG 2.1 A/AA), also in 长辈模式; the
// search form is used by keyboard alone; and the pages work with JavaScript switched off.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { insertAttachment, insertItem } from '../search/search.fixtures.js';
import { axeViolations, createBrowserHarness, describeViolations, type BrowserHarness } from '../test-support/browser.js';

describe('portal in Chromium', () => {
  let h: BrowserHarness;
  let policy = 0;
  before(async () => {
    h = await createBrowserHarness();
    const db = h.tdb.db;
    const d = h.tdb.dialect;
    const unit = await h.unitId('区住建局');
    policy = await insertItem(db, d, {
      area_id: h.areaId, unit_id: unit, title: '临淄区保障性租赁住房管理办法', doc_number: '临政办字〔2023〕8号', item_type: 'normative', validity: 'valid',
      category_code: 'zcwj-gfxwj', topic_code: 'tp09', written_on: '2023-04-20', published_on: '2023-05-10',
      body_text: '第一条 为规范保障性租赁住房管理，制定本办法。\n第二条 本办法适用于本区行政区域。',
    });
    await insertAttachment(db, d, policy, '申请表.txt', '保障性租赁住房申请表');
    await insertItem(db, d, { area_id: h.areaId, unit_id: unit, title: '《临淄区保障性租赁住房管理办法》解读', item_type: 'interpretation', policy_item_id: policy, category_code: 'zcjd', published_on: '2023-05-12' });
    await insertItem(db, d, { area_id: h.areaId, unit_id: unit, title: '临淄区公租房管理暂行办法', item_type: 'normative', validity: 'repealed', replaced_by_id: policy, category_code: 'zcwj-gfxwj', published_on: '2018-03-01' });
    for (let i = 1; i <= 14; i++) {
      await insertItem(db, d, { area_id: h.areaId, unit_id: unit, title: `第${i}批保障性租赁住房项目公示`, body_text: `保障性租赁住房项目第${i}批。`, category_code: 'qt', published_on: `2023-0${1 + (i % 9)}-1${i % 9}` });
    }
    const issue = await db.insertInto('gazette_issues').values({ area_id: h.areaId, year: 2023, number: 2, title: '临淄区人民政府公报2023年第2期', published_on: '2023-06-01', status: 'published' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('gazette_entries').values({ issue_id: issue.id, item_id: policy, sort: 1 }).execute();
    await db.insertInto('collections').values({ area_id: h.areaId, slug: 'housing', name: '住房保障', description: '住房保障政策', sort: 1 }).execute();
  });
  after(async () => { await h.close(); });

  test('every page type has zero axe violations, in normal and 长辈模式', async () => {
    const page = await h.newPage();
    const pages = ['/', '/catalog', '/catalog?category=zcwj&year=2023', `/items/${policy}`, `/items/${policy}?print=1`, '/normative', '/normative?validity=repealed',
      '/interpretations', '/gazette', '/gazette/2023/2', `/units/${await h.unitId('区住建局')}`, '/collections', '/collections/housing',
      '/search', `/search?q=${encodeURIComponent('保障性租赁住房')}`, `/search?q=${encodeURIComponent('保障性租赁住房')}&page=2`, '/search?q=%E7%9A%84', '/search?q=x&year=bad', '/items/999999'];
    for (const elder of [false, true]) {
      if (elder) {
        await page.goto(`${h.baseUrl}/`);
        await Promise.all([page.waitForLoadState('load'), page.click('a.gk-elder-toggle')]);
        await page.waitForSelector('body.gk-elder');
      }
      for (const p of pages) {
        await page.goto(`${h.baseUrl}${p}`);
        assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
        const v = await axeViolations(page);
        assert.deepEqual(v, [], describeViolations(`${p}${elder ? ' (长辈模式)' : ''}`, v));
      }
    }
  });

  test('keyboard only: skip link, then the search form on the search page, results reached by Tab', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/search`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '跳到主要内容');
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'f-q' && guard++ < 40) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-q');
    await page.keyboard.type('保障性租赁住房');
    // Tab through the filters to the year select and choose 2023 with the arrow keys.
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'f-year' && guard++ < 60) await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.inputValue('#f-year'), '2023');
    await page.focus('#f-q');
    await Promise.all([page.waitForURL(/\/search\?q=/), page.keyboard.press('Enter')]);
    await page.waitForSelector('.gk-result');
    assert.match(page.url(), /year=2023/);
    assert.match(await page.textContent('.gk-results [role=status]') ?? '', /共找到 \d+ 条信息/);
    assert.ok((await page.$$('.gk-result mark')).length > 0, 'hits are marked');
    while (!(await page.evaluate(() => document.activeElement?.closest('.gk-result') !== null)) && guard++ < 120) await page.keyboard.press('Tab');
    const href = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href'));
    assert.match(href ?? '', /^\/items\/\d+$/);
    await Promise.all([page.waitForURL(/\/items\/\d+$/), page.keyboard.press('Enter')]);
    assert.ok(await page.$('table.gk-meta-table'));
    const v = await axeViolations(page);
    assert.deepEqual(v, [], describeViolations(page.url(), v));
  });

  test('without JavaScript: search, paging and the item page work', async () => {
    const ctx = await h.browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    try {
      const page = await ctx.newPage();
      await page.goto(`${h.baseUrl}/`);
      await page.fill('#f-home-q', '保障性租赁住房');
      await Promise.all([page.waitForURL(/\/search\?q=/), page.click('.gk-searchbox button[type=submit]')]);
      assert.ok((await page.$$('.gk-result')).length === 10);
      await Promise.all([page.waitForURL(/page=2/), page.click('.gk-pagination a[rel=next]')]);
      assert.ok((await page.$$('.gk-result')).length > 0);
      await Promise.all([page.waitForURL(/\/items\/\d+/), page.click('.gk-result a')]);
      assert.ok(await page.$('table.gk-meta-table'));
      await page.goto(`${h.baseUrl}/normative`);
      await Promise.all([page.waitForURL(/validity=repealed/), page.click('text=已废止')]);
      assert.match(await page.textContent('main') ?? '', /临淄区公租房管理暂行办法/);
    } finally {
      await ctx.close();
    }
  });
});
