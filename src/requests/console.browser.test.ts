// The requests console in Chromium: the register (list + filters), the dashboard, staff intake, the request
// page (with the art. 44 draft form and a 征求意见函) and the letter page — axe clean in normal and 长辈模式,
// and usable by keyboard only (intake filled and sent, the register filtered).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { todayCst } from '../lib/time.js';
import { createBrowserHarness, expectAxeClean, type BrowserHarness } from '../test-support/browser.js';
import { TEST_PASSWORD, USERS } from '../test-support/harness.js';
import { sendConsultation } from './consultation-letters.js';
import { addEvent, createRequest } from './requests.service.js';

describe('requests console in Chromium', () => {
  let h: BrowserHarness;
  let detail = 0;
  let consultationId = 0;
  before(async () => {
    h = await createBrowserHarness();
    const text = '临淄区2022年老旧小区改造项目清单及资金安排';
    for (const [name, outcome] of [['甲某', 'disclosed'], ['乙某', 'partial']] as const) {
      const r = await createRequest(h.ctx, { unit: '区住建局', channel: 'in_person', receivedOn: '2026-11-02', applicant: { type: 'natural', name }, description: text });
      await addEvent(h.ctx, r.id, { type: 'replied', on: '2026-11-10', outcome });
    }
    const today = todayCst();
    const r = await createRequest(h.ctx, { unit: '区住建局', channel: 'in_person', receivedOn: today, applicant: { type: 'natural', name: '丙某', phone: '13900139000' }, description: `请公开${text}` });
    detail = r.id;
    consultationId = (await sendConsultation(h.ctx, r.id, { sentOn: today, partyKind: 'third_party', partyName: '某建设有限公司', matter: '项目清单含有企业报价' })).consultationId;
  });
  after(async () => { await h.close(); });

  const login = async (page: Page, username: string) => {
    await page.goto(`${h.baseUrl}/login`);
    await page.fill('#f-username', username);
    await page.fill('#f-password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(/\/console$/), page.press('#f-password', 'Enter')]);
  };
  const submit = (page: Page, selector: string) => Promise.all([page.waitForLoadState('load'), page.click(selector)]);

  test('list, dashboard, intake (with its error state), request page and letter page: zero axe violations, also in 长辈模式', async () => {
    const page = await h.newPage();
    await login(page, USERS.admin.username);
    const pages = ['/console/requests', '/console/requests?due=week', '/console/requests/dashboard', '/console/requests/new', `/console/requests/${detail}`, `/console/requests/${detail}/consultations/${consultationId}`];
    for (const elder of [false, true]) {
      if (elder) {
        await page.goto(`${h.baseUrl}/console/requests`);
        await Promise.all([page.waitForLoadState('load'), page.click('a.gk-elder-toggle')]);
        await page.waitForSelector('body.gk-elder');
      }
      for (const p of pages) {
        await page.goto(`${h.baseUrl}${p}`);
        await expectAxeClean(page);
      }
      const body = await page.goto(`${h.baseUrl}/console/requests/${detail}`).then(() => page.textContent('main'));
      assert.match(body ?? '', /已有 3 位申请人/);
      assert.match(body ?? '', /生成主动公开草稿/);
      // Intake error state: a letter without its signed-for day comes back with the message and the input kept.
      await page.goto(`${h.baseUrl}/console/requests/new`);
      await page.selectOption('#f-channel', 'post');
      await page.fill('#f-name', '吴某');
      await page.fill('#f-description', '某项目的审批文件');
      await submit(page, 'form.gk-form button[type=submit]');
      assert.match(await page.textContent('.gk-error-summary') ?? '', /签收/);
      assert.equal(await page.inputValue('#f-name'), '吴某');
      await expectAxeClean(page);
    }
  });

  test('keyboard only: the intake form in order, filled and sent; the register filtered', async () => {
    const context = await h.browser.newContext({ bypassCSP: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await login(page, USERS.operator.username);
    await page.goto(`${h.baseUrl}/console/requests/new`);
    await page.focus('#f-channel');
    const order: string[] = ['f-channel'];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || '');
      if (id === '登记') { order.push(id); break; }
      if (id.startsWith('f-') && order.at(-1) !== id) order.push(id);
    }
    assert.deepEqual(order, ['f-channel', 'f-submittedOn', 'f-receivedOn', 'f-type', 'f-name', 'f-idType', 'f-idNumber', 'f-contact', 'f-phone', 'f-email', 'f-address',
      'f-unit', 'f-description', 'f-purpose', 'f-format', 'f-delivery', '登记']);
    const tabTo = async (id: string) => {
      await page.focus('#f-channel');
      for (let i = 0; i < 60 && (await page.evaluate(() => document.activeElement?.id)) !== id; i++) await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), id);
    };
    await tabTo('f-name'); await page.keyboard.type('郑某');
    await tabTo('f-idNumber'); await page.keyboard.type('11010519491231002X');
    await tabTo('f-unit');
    // A unit operator registers for their own unit only: the one option is reached with the arrow key.
    await page.keyboard.press('ArrowDown');
    assert.match(await page.evaluate(() => (document.activeElement as HTMLSelectElement).selectedOptions[0]?.textContent ?? ''), /区财政局/);
    await tabTo('f-description'); await page.keyboard.type('区财政局2022年预算执行情况');
    await tabTo('f-delivery');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '登记');
    await Promise.all([page.waitForURL(/\/console\/requests\/\d+$/), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('main') ?? '', /答复期限/);
    assert.match(await page.textContent('main') ?? '', /郑某/);

    await page.goto(`${h.baseUrl}/console/requests`);
    await page.focus('#f-state');
    for (let i = 0; i < 10 && (await page.inputValue('#f-state')) !== 'running'; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await page.inputValue('#f-state'), 'running');
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.textContent)) !== '筛选'; i++) await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/state=running/), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('table caption') ?? '', /共 1 件/);
    await expectAxeClean(page);
    await context.close();
  });
});
