// Item pickers in Chromium (issue 19): with JavaScript the search box is an ARIA combobox (type, ↓, Enter,
// Esc, announcements) and keyboard-only choosing works for the 修改/废止 link, a gazette entry and ledger
// evidence; without JavaScript the GET search lists the items to choose. axe clean, normal and 长辈模式.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, createBrowserHarness, describeViolations, type BrowserHarness } from '../test-support/browser.js';
import { TEST_PASSWORD, USERS } from '../test-support/harness.js';
import type { Ctx } from '../lib/context.js';
import { SMALL_PLAN, seedPlan } from '../ledger/ledger-fixtures.js';
import * as ledger from '../ledger/ledger.service.js';
import { createIssue } from './gazette.service.js';
import { createCollection } from '../portal/collections.service.js';
import { actorCtx, draftAs, submitAndPublish } from './items.fixtures.js';
import { exemptFromInterpretation } from './workflow.service.js';

describe('item pickers in Chromium', () => {
  let h: BrowserHarness;
  let op: Ctx;
  let rev: Ctx;
  let oldDoc = 0;
  let noJsDoc = 0;
  let newDoc = 0;
  let withheld = 0;
  let issueId = 0;
  let collectionId = 0;
  let measureUrl = '';
  const contexts: BrowserContext[] = [];

  const session = async (username: string, js = true): Promise<Page> => {
    const ctx = await h.browser.newContext({ bypassCSP: true, locale: 'zh-CN', javaScriptEnabled: js });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(`${h.baseUrl}/login`);
    await page.fill('#f-username', username);
    await page.fill('#f-password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(/\/console$/), page.press('#f-password', 'Enter')]);
    return page;
  };
  const elder = (page: Page, on: boolean) => page.context().addCookies([{ name: 'gk_elder', value: on ? '1' : '0', url: h.baseUrl }]);
  const axeClean = async (page: Page, what: string) => {
    const v = await axeViolations(page);
    assert.deepEqual(v, [], describeViolations(what, v));
  };
  const normative = async (o: Ctx, r: Ctx, title: string, over: Record<string, unknown> = {}, signoff: Record<string, unknown> = {}) => {
    const id = await draftAs(o, { itemType: 'normative', categoryCode: 'zcwj-gfxwj', title, ...over });
    await exemptFromInterpretation(r, id, { reason: '测试夹具' });
    await submitAndPublish(o, r, id, signoff);
    return id;
  };
  const WITHHELD = { attribute: 'withheld', withheldBasis: 'art16_process_info', attributeReason: '内部流程' };
  const activeText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

  before(async () => {
    h = await createBrowserHarness({ extraSetup: async (ctx, areaId) => { await seedPlan(ctx.db, areaId, SMALL_PLAN); } });
    [op, rev] = await Promise.all([actorCtx(h, USERS.operator.username), actorCtx(h, USERS.reviewer.username)]);
    const [otherOp, otherRev, admin] = await Promise.all([actorCtx(h, USERS.otherOperator.username), actorCtx(h, USERS.otherReviewer.username), actorCtx(h, USERS.admin.username)]);
    oldDoc = await normative(op, rev, '临淄区政府投资项目财政评审管理办法', { docNumber: '临财发〔2020〕5号' });
    noJsDoc = await normative(op, rev, '临淄区财政票据管理暂行办法');
    newDoc = await normative(op, rev, '临淄区政府投资项目管理办法（2022年修订）', { docNumber: '临政发〔2022〕9号' });
    withheld = await normative(otherOp, otherRev, '政府投资项目内部审核规程', WITHHELD, WITHHELD);
    issueId = await createIssue(admin, { year: '2022', number: '3', title: '临淄区人民政府公报 2022年第3期' });
    collectionId = await createCollection(admin, { name: '政府投资', slug: 'touzi', description: '', sort: '1' });
    const plan = await h.tdb.db.selectFrom('plans').select('id').executeTakeFirstOrThrow();
    const ledgerId = await ledger.createLedger(h.ctx, { planId: plan.id, unitId: await h.unitId('区财政局') });
    const row = await h.tdb.db.selectFrom('ledger_rows').select('id').where('ledger_id', '=', ledgerId).orderBy('seq').executeTakeFirstOrThrow();
    const measureId = await ledger.addMeasure(h.ctx, ledgerId, row.id, { content: '公开政府投资项目管理制度' });
    measureUrl = `/console/ledgers/${ledgerId}/measures/${measureId}`;
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await h.close();
  });

  test('修改/废止 link with JavaScript: type, ↓, Enter chooses by keyboard; Esc closes; announced; axe clean in normal and 长辈模式', async () => {
    const page = await session(USERS.reviewer.username);
    for (const on of [false, true]) {
      await elder(page, on);
      await page.goto(`${h.baseUrl}/console/items/${oldDoc}`);
      const box = page.locator('#f-vq');
      assert.equal(await box.getAttribute('role'), 'combobox');
      assert.equal(await box.getAttribute('aria-expanded'), 'false');
      await axeClean(page, `item page${on ? '（长辈模式）' : ''}`);
      await box.focus();
      await page.keyboard.type('投资项目');
      const option = page.locator('[role=listbox] [role=option]');
      await option.first().waitFor({ state: 'visible' });
      assert.equal(await box.getAttribute('aria-expanded'), 'true');
      const options = await option.allTextContents();
      assert.ok(options.some((t) => t.includes('临淄区政府投资项目管理办法（2022年修订）')), options.join(' | '));
      assert.ok(!options.some((t) => t.includes('内部审核规程')), 'another unit’s withheld document is not offered');
      assert.ok(!options.some((t) => t.includes('财政评审管理办法')), 'not the document itself');
      assert.match(await page.locator('[data-item-picker] [role=status]').textContent() ?? '', /找到\d+条/);
      await axeClean(page, `listbox open${on ? '（长辈模式）' : ''}`);
      // Esc closes the list, ↓ opens it again.
      await page.keyboard.press('Escape');
      assert.equal(await box.getAttribute('aria-expanded'), 'false');
      await page.keyboard.press('ArrowDown');
      assert.equal(await box.getAttribute('aria-expanded'), 'true');
      const activeId = await box.getAttribute('aria-activedescendant');
      assert.ok(activeId, 'an option is active');
      assert.equal(await page.locator(`#${activeId}`).getAttribute('aria-selected'), 'true');
      const wanted = options.findIndex((t) => t.includes('2022年修订'));
      for (let i = 0; i < wanted; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      // Chosen: the radio of the validity form is checked and has the focus; the list is closed.
      const radio = page.locator(`form[action$="/validity"] input[type=radio][name=vByItemId][value="${newDoc}"]`);
      assert.equal(await radio.isChecked(), true);
      assert.equal(await radio.evaluate((el) => el === document.activeElement), true);
      assert.equal(await box.getAttribute('aria-expanded'), 'false');
      assert.match(await page.locator('[data-item-picker] [role=status]').textContent() ?? '', /已选择《临淄区政府投资项目管理办法（2022年修订）》/);
      await axeClean(page, `chosen${on ? '（长辈模式）' : ''}`);
    }
    await elder(page, false);
    // Finish by keyboard: the action, the reason, submit.
    await page.focus('#f-vAction');
    await page.keyboard.press('ArrowDown');
    await page.focus('#f-vReason');
    await page.keyboard.type('新办法施行，原办法同时修改');
    await Promise.all([page.waitForURL(/done=validity/), page.keyboard.press('Tab').then(() => page.keyboard.press('Enter'))]);
    const row = await h.tdb.db.selectFrom('info_items').select(['validity', 'replaced_by_id']).where('id', '=', oldDoc).executeTakeFirstOrThrow();
    assert.deepEqual(row, { validity: 'amended', replaced_by_id: newDoc });
    assert.match(await page.textContent('main') ?? '', /修改或废止文件\s*临淄区政府投资项目管理办法（2022年修订）/);
  });

  test('without JavaScript: the GET search lists documents as radios of the validity form; choosing and registering works', async () => {
    const page = await session(USERS.reviewer.username, false);
    await page.goto(`${h.baseUrl}/console/items/${noJsDoc}`);
    assert.equal(await page.locator('#f-vq').getAttribute('role'), null, 'a plain search box');
    await page.fill('#f-vq', '投资项目');
    await Promise.all([page.waitForURL(/vq=/), page.click('form[role=search] button[type=submit]')]);
    // axe needs scripts: the same server-rendered results page, checked in a JavaScript session.
    const checker = await session(USERS.reviewer.username);
    for (const on of [false, true]) {
      await elder(checker, on);
      await checker.goto(page.url());
      assert.ok(await checker.locator(`form[action$="/validity"] input[name=vByItemId][value="${newDoc}"]`).count() === 1);
      await axeClean(checker, `no-JS results${on ? '（长辈模式）' : ''}`);
    }
    const text = await page.locator('form[action$="/validity"]').textContent() ?? '';
    assert.match(text, /临淄区政府投资项目管理办法（2022年修订）（临政发〔2022〕9号，索引号 [^，]+，区财政局/);
    assert.doesNotMatch(text, /内部审核规程/);
    assert.equal(await page.locator(`input[name=vByItemId][value="${withheld}"]`).count(), 0);
    await page.check(`form[action$="/validity"] input[name=vByItemId][value="${newDoc}"]`);
    await page.selectOption('#f-vAction', 'repeal');
    await page.fill('#f-vReason', '新办法施行，原办法废止');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action$="/validity"] button[type=submit]')]);
    const row = await h.tdb.db.selectFrom('info_items').select(['validity', 'replaced_by_id']).where('id', '=', noJsDoc).executeTakeFirstOrThrow();
    assert.deepEqual(row, { validity: 'repealed', replaced_by_id: newDoc });
  });

  test('gazette entry with JavaScript, keyboard only: type, ↓, Enter, then Enter on 收录', async () => {
    const page = await session(USERS.admin.username);
    await page.goto(`${h.baseUrl}/console/gazette/${issueId}`);
    await axeClean(page, 'gazette issue');
    await page.focus('#f-pick');
    await page.keyboard.type('临政发〔2022〕9号');
    await page.locator('[role=listbox] [role=option]').first().waitFor({ state: 'visible' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.match(await activeText(page), /^收录《临淄区政府投资项目管理办法（2022年修订）》$/);
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    const entries = await h.tdb.db.selectFrom('gazette_entries').select('item_id').where('issue_id', '=', issueId).execute();
    assert.deepEqual(entries.map((e) => e.item_id), [newDoc]);
    await axeClean(page, 'gazette issue after 收录');
  });

  test('特色主题 picker: the no-JS results and the open list are axe clean in normal and 长辈模式; ↓ Enter chooses', async () => {
    const page = await session(USERS.admin.username);
    for (const on of [false, true]) {
      await elder(page, on);
      await page.goto(`${h.baseUrl}/console/collections/${collectionId}?pick=${encodeURIComponent('投资项目')}`);
      assert.match(await page.locator('#pick-results').textContent() ?? '', /临淄区政府投资项目管理办法（2022年修订）/);
      await axeClean(page, `collection picker results${on ? '（长辈模式）' : ''}`);
      await page.focus('#f-pick');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('临政发');
      await page.locator('[role=listbox] [role=option]').first().waitFor({ state: 'visible' });
      await axeClean(page, `collection picker open${on ? '（长辈模式）' : ''}`);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      assert.match(await activeText(page), /^添加《临淄区政府投资项目管理办法（2022年修订）》$/);
    }
    await elder(page, false);
  });

  test('ledger evidence with JavaScript, keyboard only, and axe clean with the list open in 长辈模式', async () => {
    const page = await session(USERS.operator.username);
    await elder(page, true);
    await page.goto(`${h.baseUrl}${measureUrl}`);
    await page.focus('#f-itemq');
    await page.keyboard.type('投资项目');
    await page.locator('[role=listbox] [role=option]').first().waitFor({ state: 'visible' });
    await axeClean(page, 'evidence picker open（长辈模式）');
    // On a phone the open list stays inside the screen.
    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${overflow} px of horizontal overflow at 375 px`);
    assert.ok(!(await page.locator('[role=listbox]').textContent() ?? '').includes('内部审核规程'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.match(await activeText(page), /^关联《.+》$/);
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    const ev = await h.tdb.db.selectFrom('ledger_evidence').select(['kind', 'item_id']).execute();
    assert.equal(ev.length, 1);
    assert.equal(ev[0]!.kind, 'item');
    assert.ok([oldDoc, noJsDoc, newDoc].includes(ev[0]!.item_id!));
  });
});
