// The public request form and the status page in Chromium: axe (normal and 长辈模式), no JavaScript, keyboard only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { publishReply } from './public-replies.js';
import { addEvent, createRequest } from './requests.service.js';
import { axeViolations, createBrowserHarness, describeViolations, type BrowserHarness } from '../test-support/browser.js';

describe('requests pages in Chromium', () => {
  let h: BrowserHarness;
  let published = 0;
  before(async () => {
    h = await createBrowserHarness();
    const r = await createRequest(h.ctx, { unit: '区住建局', channel: 'in_person', receivedOn: '2022-03-01', applicant: { type: 'natural', name: '某' }, description: '加装电梯审批文件' });
    await addEvent(h.ctx, r.id, { type: 'replied', on: '2022-03-10', outcome: 'disclosed' });
    await publishReply(h.ctx, r.id, { summary: '某小区既有住宅加装电梯的审批文件' });
    published = r.id;
  });
  after(async () => { await h.close(); });

  const clean = async (page: Page, label: string) => {
    const v = await axeViolations(page);
    assert.deepEqual(v, [], describeViolations(label, v));
  };
  const fillValid = async (page: Page) => {
    await page.fill('#f-name', '周八');
    await page.fill('#f-idNumber', '11010519491231002X');
    await page.fill('#f-phone', '13900139000');
    await page.selectOption('#f-unit', { label: '区财政局' });
    await page.fill('#f-description', '2022年区级部门决算公开表');
  };

  test('form, its error state, the success page and the status page have zero axe violations, also in 长辈模式', async () => {
    const page = await h.newPage();
    for (const elder of [false, true]) {
      if (elder) {
        await page.goto(`${h.baseUrl}/requests/new`);
        await Promise.all([page.waitForLoadState('load'), page.click('a.gk-elder-toggle')]);
        await page.waitForSelector('body.gk-elder');
      }
      const tag = elder ? '（长辈模式）' : '';
      await page.goto(`${h.baseUrl}/requests/new`);
      await clean(page, `/requests/new${tag}`);
      await page.fill('#f-idNumber', '110105194912310021');
      await Promise.all([page.waitForLoadState('load'), page.click('form.gk-form button[type=submit]')]);
      assert.match(await page.textContent('.gk-error-summary') ?? '', /校验位/);
      await clean(page, `/requests/new (errors)${tag}`);
      await fillValid(page);
      await Promise.all([page.waitForLoadState('load'), page.click('form.gk-form button[type=submit]')]);
      const code = (await page.textContent('.gk-code'))!;
      await clean(page, `success${tag}`);
      await page.goto(`${h.baseUrl}/requests/status`);
      await clean(page, `/requests/status${tag}`);
      await page.fill('#f-code', code);
      await Promise.all([page.waitForLoadState('load'), page.click('form[action="/requests/status"] button[type=submit]')]);
      assert.match(await page.textContent('main') ?? '', /待确认/);
      await clean(page, `/requests/status (result)${tag}`);
      await page.fill('#f-code', 'nope');
      await Promise.all([page.waitForLoadState('load'), page.click('form[action="/requests/status"] button[type=submit]')]);
      await clean(page, `/requests/status (not found)${tag}`);
      for (const url of ['/requests/replies', `/requests/replies/${published}`]) {
        await page.goto(`${h.baseUrl}${url}`);
        await clean(page, `${url}${tag}`);
      }
    }
  });

  test('without JavaScript: apply, get the 查询码, look the request up', async () => {
    const ctx = await h.browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    try {
      const page = await ctx.newPage();
      await page.goto(`${h.baseUrl}/`);
      await Promise.all([page.waitForURL(/\/requests\/new$/), page.click('nav.gk-nav >> text=依申请公开')]);
      await page.check('#f-applicantType-org');
      await page.fill('#f-name', '某科技有限公司');
      await page.selectOption('#f-orgType', 'commercial');
      await page.fill('#f-creditCode', '91350100M000100Y43');
      await page.fill('#f-legalRep', '吴九');
      await page.fill('#f-contact', '郑十');
      await page.fill('#f-phone', '0533-7180000');
      await page.selectOption('#f-unit', { label: '区住建局' });
      await page.fill('#f-description', '某小区规划许可证');
      await page.check('#f-delivery-post');
      await Promise.all([page.waitForLoadState('load'), page.click('form.gk-form button[type=submit]')]);
      // Post delivery needs an address: the form comes back with the input kept.
      assert.match(await page.textContent('.gk-error-summary') ?? '', /通信地址/);
      assert.equal(await page.inputValue('#f-creditCode'), '91350100M000100Y43');
      assert.ok(await page.isChecked('#f-applicantType-org'));
      await page.fill('#f-address', '临淄区某路1号');
      await page.setInputFiles('#f-file1', { name: '营业执照.txt', mimeType: 'text/plain', buffer: Buffer.from('营业执照副本说明') });
      await Promise.all([page.waitForLoadState('load'), page.click('form.gk-form button[type=submit]')]);
      const code = (await page.textContent('.gk-code'))!;
      assert.match(code, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
      await page.click('text=申请进度查询');
      await page.fill('#f-code', code);
      await Promise.all([page.waitForLoadState('load'), page.click('form[action="/requests/status"] button[type=submit]')]);
      assert.match(await page.textContent('main') ?? '', /区住建局/);
      assert.doesNotMatch(await page.content(), /吴九|郑十|某科技有限公司|91350100M000100Y43/);
    } finally {
      await ctx.close();
    }
  });

  test('keyboard only: every field is reached by Tab in order, the honeypot never; the form is filled and sent from the keyboard', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/requests/new`);
    const order: string[] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || '');
      if (id === '提交申请') { order.push(id); break; }
      if (id.startsWith('f-')) order.push(id);
    }
    const expected = ['f-applicantType-natural', 'f-name', 'f-idType', 'f-idNumber', 'f-orgType', 'f-creditCode', 'f-legalRep', 'f-contact', 'f-phone', 'f-email', 'f-address', 'f-postcode',
      'f-unit', 'f-description', 'f-purpose', 'f-format-electronic', 'f-delivery-online', 'f-file1', 'f-file2', 'f-file3', '提交申请'];
    assert.deepEqual(order, expected);
    const tabTo = async (id: string) => {
      await page.focus('#f-applicantType-natural');
      for (let i = 0; i < 40 && (await page.evaluate(() => document.activeElement?.id)) !== id; i++) await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), id);
    };
    await tabTo('f-name'); await page.keyboard.type('钱十一');
    await tabTo('f-idNumber'); await page.keyboard.type('11010519491231002X');
    await tabTo('f-phone'); await page.keyboard.type('13700137000');
    await tabTo('f-unit');
    for (let i = 0; i < 40 && !(await page.evaluate(() => (document.activeElement as HTMLSelectElement).selectedOptions[0]?.textContent === '区财政局')); i++) await page.keyboard.press('ArrowDown');
    await tabTo('f-description'); await page.keyboard.type('区财政局2022年政府采购意向公开目录');
    await tabTo('f-format-electronic'); await page.keyboard.press('ArrowLeft');
    assert.ok(await page.isChecked('#f-format-paper'), 'arrow keys move within the radio group');
    await tabTo('f-file3'); await page.keyboard.press('Tab');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('.gk-code') ?? '', /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  });
});
