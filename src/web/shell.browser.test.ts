// Real Chromium: log in by keyboard only, use the console, toggle 长辈模式, and axe on every page visited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createBrowserHarness, expectAxeClean, type BrowserHarness } from '../test-support/browser.js';
import { TEST_PASSWORD, USERS } from '../test-support/harness.js';

describe('page shell in Chromium', () => {
  let h: BrowserHarness;
  before(async () => { h = await createBrowserHarness(); });
  after(async () => { await h.close(); });

  test('keyboard-only login, console pages, 长辈模式, and zero axe violations', async () => {
    const page = await h.newPage();
    const visited: string[] = [];
    const check = () => expectAxeClean(page, visited);
    await page.goto(`${h.baseUrl}/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await check();

    // The skip link is the first thing the keyboard reaches.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '跳到主要内容');

    await page.goto(`${h.baseUrl}/login`);
    await check();
    // Keyboard only: Tab to the username field, type, Tab to password, type, Enter.
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'f-username' && guard++ < 30) await page.keyboard.press('Tab');
    await page.keyboard.type(USERS.admin.username);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-password');
    await page.keyboard.type('wrong-password-1');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.waitForSelector('.gk-field-error');
    assert.match(await page.textContent('.gk-field-error') ?? '', /用户名或密码错误/);
    assert.equal(await page.inputValue('#f-username'), USERS.admin.username, 'username kept');
    await check();
    await page.fill('#f-password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(/\/console$/), page.press('#f-password', 'Enter')]);
    assert.match(await page.textContent('h1') ?? '', /工作台/);
    await check();

    for (const path of ['/console/units', '/console/users', '/console/audit', '/console/audit?from=2022-02-30', '/console/account', '/console/account/totp', '/console/tokens']) {
      await page.goto(`${h.baseUrl}${path}`);
      await check();
    }
    // A form error re-renders with the field named and the input kept.
    await page.goto(`${h.baseUrl}/console/units`);
    await page.fill('#f-name', '区新建局');
    await page.fill('#f-code', 'bad code!');
    await page.selectOption('#f-kind', '其他');
    await Promise.all([page.waitForLoadState('load'), page.click('form.gk-form button[type=submit]')]);
    await page.waitForSelector('.gk-error-summary');
    assert.match(await page.textContent('.gk-error-summary') ?? '', /单位代码只能包含字母、数字和连字符/);
    assert.equal(await page.inputValue('#f-name'), '区新建局');
    await check();

    // 长辈模式 toggles without JavaScript (a plain link) and persists in a cookie.
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    await Promise.all([page.waitForLoadState('load'), page.click('a.gk-elder-toggle')]);
    await page.waitForSelector('body.gk-elder');
    const after = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    assert.ok(after > before, `font grows: ${before} → ${after}`);
    await check();
    await page.goto(`${h.baseUrl}/`);
    assert.ok(await page.$('body.gk-elder'), 'persists across pages');
    await check();
    assert.ok(visited.length >= 8);
  });
});
