// Chromium: the admin uploads the plan, previews it, confirms; plan pages pass axe.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createBrowserHarness, expectAxeClean, type BrowserHarness } from '../test-support/browser.js';
import { TEST_PASSWORD, USERS } from '../test-support/harness.js';
import { DEFAULT_PLAN_FILE } from '../bootstrap.js';

describe('plan pages in Chromium', () => {
  let h: BrowserHarness;
  before(async () => { h = await createBrowserHarness(); });
  after(async () => { await h.close(); });

  test('upload → preview → confirm, then browse the decomposition with zero axe violations', async () => {
    const page = await h.newPage();
    const check = () => expectAxeClean(page);
    await page.goto(`${h.baseUrl}/login`);
    await page.fill('#f-username', USERS.admin.username);
    await page.fill('#f-password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(/\/console$/), page.click('button[type=submit]')]);
    await page.goto(`${h.baseUrl}/console/plans`);
    await check();
    await page.setInputFiles('#f-file', fileURLToPath(DEFAULT_PLAN_FILE));
    await Promise.all([page.waitForURL(/preview/), page.click('text=上传并预览')]);
    assert.match(await page.textContent('main') ?? '', /临政办字〔2022〕16号/);
    await check();
    await Promise.all([page.waitForURL(/\/console\/plans\/\d+/), page.click('text=确认导入')]);
    assert.match(await page.textContent('h1') ?? '', /2022年临淄区政务公开工作方案/);
    await check();
    await page.click('a:text("区直部门牵头重点公开工作清单")');
    await check();
    await page.goBack();
    await page.click('#task-4 a');
    assert.match(await page.textContent('main') ?? '', /有关职能部门/);
    await check();
    await page.selectOption('#f-unitId', { label: '区财政局' });
    await Promise.all([page.waitForLoadState('load'), page.click('text=指定单位')]);
    assert.match(await page.textContent('main') ?? '', /区财政局（落实）/);
  });
});
