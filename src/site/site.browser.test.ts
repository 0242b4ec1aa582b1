// The site module's pages in real Chromium: 政府信息公开 (platform index and a body's four sub-columns),
// 联系我们, the reading aids (text size, line spacing, high contrast) and the console's 网站自查 pages —
// axe-clean in normal mode, 长辈模式 and with the reading aids on; usable without JavaScript and by keyboard;
// no pop-ups; read-aloud shown only where the browser can speak.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { insertItem } from '../search/search.fixtures.js';
import { axeViolations, createBrowserHarness, describeViolations, type BrowserHarness } from '../test-support/browser.js';
import { USERS, TEST_PASSWORD } from '../test-support/harness.js';

describe('site pages in Chromium', () => {
  let h: BrowserHarness;
  let item = 0;
  let dept = 0;
  let town = 0;
  before(async () => {
    h = await createBrowserHarness();
    dept = await h.unitId('区财政局');
    town = await h.unitId('凤凰镇');
    item = await insertItem(h.tdb.db, h.tdb.dialect, {
      area_id: h.areaId, unit_id: dept, title: '2023年区级部门预算', category_code: 'czyjs-ys', published_on: '2023-02-10', body_text: '现将2023年区级部门预算公开如下。\n一、收支总体情况。',
    });
    await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: dept, title: '区财政局政府信息公开工作制度', category_code: 'gkzd', published_on: '2023-03-01' });
  });
  after(async () => { await h.close(); });

  const publicPages = () => ['/zfxxgk', `/zfxxgk/${h.areaId}`, ...['guide', 'rules', 'statutory', 'reports'].flatMap((s) => [`/zfxxgk/${h.areaId}/${s}`, `/zfxxgk/${dept}/${s}`]),
    `/zfxxgk/${town}/statutory`, '/contact', '/preferences', `/items/${item}`];

  test('every new public page is axe-clean in normal mode, 长辈模式, and with large text, wide spacing and high contrast', async () => {
    const page = await h.newPage();
    let dialogs = 0;
    page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
    const modes: [string, string[]][] = [
      ['normal', []], ['长辈模式', ['/preferences/elder?mode=on&back=/']],
      ['大字、加宽行距、高对比度', ['/preferences/elder?mode=off&back=/', '/preferences/display?text=xl&back=/', '/preferences/display?spacing=wide&back=/', '/preferences/display?contrast=high&back=/']],
    ];
    for (const [label, setup] of modes) {
      for (const s of setup) await page.goto(`${h.baseUrl}${s}`);
      for (const p of publicPages()) {
        await page.goto(`${h.baseUrl}${p}`);
        if (label === '长辈模式') assert.ok(await page.$('body.gk-elder'), p);
        if (label !== 'normal' && label !== '长辈模式') assert.ok(await page.$('body.gk-text-xl.gk-spacing-wide.gk-contrast'), p);
        assert.equal(await page.$$eval('[role=dialog], dialog[open]', (els) => els.length), 0, `${p}: no pop-ups`);
        const v = await axeViolations(page);
        assert.deepEqual(v, [], describeViolations(`${p} (${label})`, v));
      }
    }
    assert.equal(dialogs, 0, 'no alert/confirm/prompt on public pages');
  });

  test('without JavaScript: the reading aids work by plain links, persist across pages and can be reset; the sub-columns navigate', async () => {
    const ctx = await h.browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    try {
      const page = await ctx.newPage();
      await page.goto(`${h.baseUrl}/zfxxgk/${dept}/guide`);
      await Promise.all([page.waitForURL(/\/preferences\?/), page.click('text=无障碍阅读')]);
      await Promise.all([page.waitForLoadState('load'), page.click('text=特大')]);
      await Promise.all([page.waitForLoadState('load'), page.click('text=高对比度（黑底白字）')]);
      await Promise.all([page.waitForLoadState('load'), page.click('section[aria-labelledby=h-spacing] >> text=加宽')]);
      await Promise.all([page.waitForLoadState('load'), page.click('text=特大指针')]);
      assert.match(await page.evaluate(() => getComputedStyle(document.body).cursor), /cursor-large\.svg/);
      assert.match(await page.textContent('section[aria-labelledby=h-text]') ?? '', /特大（当前）/);
      await Promise.all([page.waitForURL(/\/zfxxgk\/\d+\/guide$/), page.click('text=返回原页面')]);
      assert.ok(await page.$('body.gk-text-xl.gk-contrast.gk-spacing-wide.gk-cursor-large'));
      assert.equal(await page.$('.js-read-aloud'), null, 'no read-aloud button without JavaScript');
      await Promise.all([page.waitForURL(/\/statutory$/), page.click('nav.gk-tabs >> text=法定主动公开内容')]);
      assert.match(await page.textContent('main') ?? '', /第二十条（七）/);
      await page.goto(`${h.baseUrl}/preferences/display?text=m&spacing=normal&contrast=normal&cursor=normal&back=/`);
      await page.goto(`${h.baseUrl}/zfxxgk`);
      assert.equal(await page.getAttribute('body', 'class'), 'gk-portal');
    } finally {
      await ctx.close();
    }
  });

  test('keyboard only: from the header to 政府信息公开, a body\'s guide, and the high-contrast switch', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/`);
    let guard = 0;
    const tabTo = async (pred: () => Promise<boolean>) => {
      while (!(await pred()) && guard++ < 200) await page.keyboard.press('Tab');
      assert.ok(guard < 200, 'reached by Tab');
    };
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    await tabTo(async () => (await focusedText()) === '政府信息公开');
    await Promise.all([page.waitForURL(/\/zfxxgk$/), page.keyboard.press('Enter')]);
    await tabTo(async () => (await focusedText()) === '区财政局');
    await Promise.all([page.waitForURL(/\/zfxxgk\/\d+$/), page.keyboard.press('Enter')]);
    await tabTo(async () => (await focusedText()) === '政府信息公开指南');
    await Promise.all([page.waitForURL(/\/guide$/), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('h1') ?? '', /区财政局政府信息公开指南/);
    await tabTo(async () => (await focusedText()) === '无障碍阅读');
    await Promise.all([page.waitForURL(/\/preferences\?/), page.keyboard.press('Enter')]);
    await tabTo(async () => (await focusedText()).startsWith('高对比度'));
    await page.keyboard.press('Enter');
    await page.waitForSelector('body.gk-contrast');
    const outline = await page.evaluate(() => { (document.querySelector('main a') as HTMLElement).focus(); return getComputedStyle(document.activeElement!).outlineStyle; });
    assert.notEqual(outline, 'none', 'focus is visible in high contrast');
    await page.goto(`${h.baseUrl}/preferences/display?contrast=normal&back=/`);
  });

  test('read-aloud: a button where speech synthesis exists, speaking the title and body; none without support', async () => {
    const ctx = await h.browser.newContext({ bypassCSP: true, locale: 'zh-CN' });
    try {
      const page = await ctx.newPage();
      // Record what would be spoken instead of speaking (headless Chromium has no voices). A string, so the
      // test runner's transpiler adds nothing to it.
      await page.addInitScript(`(function () {
        var spoken = []; window.__spoken = spoken; var speaking = false;
        Object.defineProperty(window.speechSynthesis, 'speaking', { get: function () { return speaking; }, configurable: true });
        window.speechSynthesis.speak = function (u) { spoken.push(u.text); speaking = true; };
        window.speechSynthesis.cancel = function () { speaking = false; };
      })();`);
      await page.goto(`${h.baseUrl}/items/${item}`);
      const button = await page.waitForSelector('.js-read-aloud');
      assert.equal(await button.textContent(), '朗读全文');
      await button.focus();
      await page.keyboard.press('Enter');
      const spoken = await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
      assert.equal(spoken.length, 1);
      assert.match(spoken[0]!, /^2023年区级部门预算。现将2023年区级部门预算公开如下。/);
      assert.equal(await button.getAttribute('aria-pressed'), 'true');
      await page.keyboard.press('Enter');
      assert.equal(await button.textContent(), '朗读全文');
      const v = await axeViolations(page);
      assert.deepEqual(v, [], describeViolations('item with read-aloud', v));
      const bare = await ctx.newPage();
      await bare.addInitScript('delete window.speechSynthesis; delete Window.prototype.speechSynthesis;');
      await bare.goto(`${h.baseUrl}/items/${item}`);
      await bare.waitForLoadState('load');
      assert.equal(await bare.$('.js-read-aloud'), null);
    } finally {
      await ctx.close();
    }
  });

  test('console: 网站自查 and its settings pages are axe-clean and work by keyboard', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/login`);
    await page.fill('#f-username', USERS.admin.username);
    await page.fill('#f-password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(/\/console/), page.click('button[type=submit]')]);
    await page.goto(`${h.baseUrl}/console/site-check`);
    await page.focus('form[action="/console/site-check/run"] button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=空白栏目（A05）');
    for (const p of ['/console/site-check', '/console/site', '/console/site/columns', '/console/site/dictionary', '/console/site/offices', `/console/site/offices/${dept}`, '/console/items/import-historic']) {
      await page.goto(`${h.baseUrl}${p}`);
      const v = await axeViolations(page);
      assert.deepEqual(v, [], describeViolations(p, v));
    }
  });
});
