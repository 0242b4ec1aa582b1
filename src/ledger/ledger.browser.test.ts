// Real Chromium: an operator fills the unit ledger, the unit reviewer approves and submits it, the
// district office returns it with a comment on one task — axe clean on every page visited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations, createBrowserHarness, describeViolations, type BrowserHarness } from '../test-support/browser.js';
import { TEST_PASSWORD, USERS } from '../test-support/harness.js';
import { setNowForTests } from '../lib/time.js';
import { SMALL_PLAN, seedPlan } from './ledger-fixtures.js';

describe('ledger in Chromium', () => {
  let h: BrowserHarness;
  let page: Page;
  const visited: string[] = [];
  const check = async () => {
    const v = await axeViolations(page);
    visited.push(new URL(page.url()).pathname);
    assert.deepEqual(v, [], describeViolations(page.url(), v));
  };
  const go = async (path: string) => {
    const r = await page.goto(`${h.baseUrl}${path}`);
    assert.equal(r?.status(), 200, path);
    await check();
  };
  const submit = async (selector: string) => {
    await Promise.all([page.waitForLoadState('load'), page.click(selector)]);
  };
  const login = async (username: string) => {
    await page.goto(`${h.baseUrl}/login`);
    await page.fill('#f-username', username);
    await page.fill('#f-password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(/\/console$/), page.press('#f-password', 'Enter')]);
  };
  const logout = async () => {
    await submit('form[action="/logout"] button');
  };

  before(async () => {
    setNowForTests(new Date('2022-06-20T02:00:00Z'));
    h = await createBrowserHarness({ extraSetup: async (ctx, areaId) => { await seedPlan(ctx.db, areaId, SMALL_PLAN); } });
    page = await h.newPage();
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('operator fills, reviewer submits, office returns', async () => {
    // The operator starts the ledger.
    await login(USERS.operator.username);
    await go('/console/ledgers');
    await submit('button:has-text("开始填报本单位台账")');
    assert.match(page.url(), /\/console\/ledgers\/\d+$/);
    await check();
    const ledgerPath = new URL(page.url()).pathname;

    // A form error first: the field is named, the input kept, the page still accessible.
    await page.click('a:has-text("添加工作举措") >> nth=0');
    await check();
    await page.fill('#f-content', '督促相关职能部门公开年度抽查计划');
    await page.fill('#f-dueDate', '2022-07-31');
    await submit('form.gk-form button[type=submit]');
    await page.waitForSelector('.gk-error-summary');
    assert.match(await page.textContent('.gk-error-summary') ?? '', /到期日不能晚于工作方案规定的时限 2022-06-30/);
    assert.equal(await page.inputValue('#f-content'), '督促相关职能部门公开年度抽查计划');
    await check();
    await page.fill('#f-dueDate', '');
    await page.fill('#f-leader', '王副局长');
    await page.fill('#f-section', '办公室');
    await submit('form.gk-form button[type=submit]');
    assert.equal(new URL(page.url()).pathname, ledgerPath);

    // The other two tasks (the second with a 起算日期 for its 20-working-day rule).
    for (const [i, content] of [[0, '公布资金分配结果'], [0, '组织全员政务公开培训']] as const) {
      const links = page.locator('a:has-text("添加工作举措")');
      await Promise.all([page.waitForLoadState('load'), links.nth(i + (content === '组织全员政务公开培训' ? 2 : 1)).click()]);
      await page.fill('#f-content', content);
      if (await page.$('#f-anchorDate')) await page.fill('#f-anchorDate', '2022-06-01');
      await page.fill('#f-leader', '王副局长');
      await page.fill('#f-section', '预算科');
      await submit('form.gk-form button[type=submit]');
    }
    await check();
    const text = await page.textContent('main') ?? '';
    assert.match(text, /3项任务，3条举措/);
    assert.match(text, /2022-06-30/);

    // Progress on one measure.
    await Promise.all([page.waitForLoadState('load'), page.click('a:has-text("编辑与进展") >> nth=0')]);
    await check();
    await page.fill('#f-note', '已起草通知');
    await submit('form[action$="/progress"] button[type=submit]');
    assert.match(await page.textContent('.gk-notice') ?? '', /已添加进展/);
    await check();
    await go(ledgerPath);
    await submit('button:has-text("提请单位审核")');
    assert.match(await page.textContent('.gk-notice') ?? '', /已提请单位审核人审核/);
    await check();
    await go('/console/notifications');
    await logout();

    // The unit reviewer approves and submits.
    await login(USERS.reviewer.username);
    await go('/console/notifications');
    assert.match(await page.textContent('main') ?? '', /台账待您审核/);
    await go(ledgerPath);
    await page.fill('#f-submitComment', '经审核，同意报送');
    await submit('button:has-text("审核通过并报送政务公开办")');
    assert.match(await page.textContent('.gk-notice') ?? '', /已报送政务公开办/);
    await check();
    await logout();

    // The district office returns it with a comment on the first task.
    await login(USERS.admin.username);
    await go('/console/ledgers');
    await go('/console/ledger-dashboard');
    // Submission status and domains; the by-unit chart appears once some unit has overdue measures.
    assert.equal(await page.locator('figure.gk-chart svg[role="img"]').count(), 2);
    assert.match(await page.textContent('main') ?? '', /没有单位有逾期举措/);
    await go(ledgerPath);
    await Promise.all([page.waitForLoadState('load'), page.click('a:has-text("审核台账")')]);
    await check();
    await page.locator('textarea[name^="row_"]').first().fill('请写明公开的栏目和完成时间');
    await submit('button:has-text("退回修改")');
    assert.match(await page.textContent('.gk-notice') ?? '', /台账已退回/);
    assert.match(await page.textContent('main') ?? '', /请写明公开的栏目和完成时间/);
    await check();
    for (const p of [`${ledgerPath}/history`, '/console/assessment', '/console/lookback', '/console/ledger-settings', '/console/outbox']) await go(p);
    await logout();

    // The operator sees the return and can edit again.
    await login(USERS.operator.username);
    await go(ledgerPath);
    const main = await page.textContent('main') ?? '';
    assert.match(main, /已退回/);
    assert.match(main, /请写明公开的栏目和完成时间/);
    await go(`${ledgerPath}/import`);
    assert.ok(visited.length >= 18, `pages checked: ${visited.length}`);
  });
});
