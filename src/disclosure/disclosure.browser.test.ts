// Real Chromium: a unit operator drafts and submits an item, the unit reviewer signs it off, and it shows as
// published in the console list; axe finds nothing on any page visited (the portal side is tested by the portal).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createBrowserHarness, expectAxeClean, type BrowserHarness } from '../test-support/browser.js';
import { TEST_PASSWORD, USERS } from '../test-support/harness.js';

describe('publishing in Chromium', () => {
  let h: BrowserHarness;
  before(async () => { h = await createBrowserHarness(); });
  after(async () => { await h.close(); });

  test('draft → submit → 保密审查 sign-off → published, axe clean throughout', async () => {
    const page = await h.newPage();
    const visited: string[] = [];
    const check = () => expectAxeClean(page, visited);
    const submit = (p: Page, selector: string) => Promise.all([p.waitForLoadState('load'), p.click(selector)]);
    const login = async (username: string) => {
      await page.goto(`${h.baseUrl}/login`);
      await page.fill('#f-username', username);
      await page.fill('#f-password', TEST_PASSWORD);
      await Promise.all([page.waitForURL(/\/console$/), page.press('#f-password', 'Enter')]);
    };

    await login(USERS.operator.username);
    await page.goto(`${h.baseUrl}/console/items`);
    await check();
    await submit(page, 'a[href="/console/items/new"]');
    await check();
    // A form error keeps the input and names the field.
    await page.fill('#f-body', '<p>关于公开2022年区级部门预算的说明。</p>');
    await submit(page, 'form.gk-form button[type=submit]');
    await page.waitForSelector('.gk-error-summary');
    assert.match(await page.textContent('.gk-error-summary') ?? '', /请填写标题/);
    assert.equal(await page.inputValue('#f-body'), '<p>关于公开2022年区级部门预算的说明。</p>');
    await check();
    await page.fill('#f-title', '临淄区财政局2022年部门预算公开');
    await page.selectOption('#f-categoryCode', 'czyjs-ys');
    await page.fill('#f-docNumber', '临财预〔2022〕12号');
    await submit(page, 'form.gk-form button[type=submit]');
    await page.waitForURL(/\/console\/items\/\d+\?done=created$/);
    const itemUrl = page.url().replace(/\?.*$/, '');
    assert.match(await page.textContent('.js-item-status') ?? '', /草稿/);
    await check();
    await submit(page, 'form[action$="/submit"] button');
    assert.match(await page.textContent('.js-item-status') ?? '', /待审核/);
    await check();
    await submit(page, 'form[action="/logout"] button');

    await login(USERS.reviewer.username);
    await page.goto(itemUrl);
    await check();
    // Signing without confirming the confidentiality review is refused, with the reason shown.
    await submit(page, 'form[action$="/publish"] button[type=submit]');
    await page.waitForSelector('.gk-error-summary');
    assert.match(await page.textContent('.gk-error-summary') ?? '', /保密审查/);
    await check();
    await page.check('#f-confidentialityChecked');
    await page.selectOption('#f-attribute', 'proactive');
    await submit(page, 'form[action$="/publish"] button[type=submit]');
    await page.waitForURL(/done=publish$/);
    assert.match(await page.textContent('.js-item-status') ?? '', /已发布/);
    await check();

    await page.goto(`${h.baseUrl}/console/items`);
    const row = page.locator('tr', { hasText: '临淄区财政局2022年部门预算公开' });
    assert.match(await row.locator('.js-item-status').textContent() ?? '', /已发布/);
    await check();
    await page.goto(`${h.baseUrl}/console/items/review-queue`);
    await check();
    await submit(page, 'form[action="/logout"] button');

    await login(USERS.admin.username);
    for (const path of ['/console/items/new', '/console/compliance', '/console/gazette', '/console/items/categories', itemUrl.replace(h.baseUrl, '')]) {
      await page.goto(`${h.baseUrl}${path}`);
      await check();
    }
    assert.ok(visited.length >= 14);
  });
});
