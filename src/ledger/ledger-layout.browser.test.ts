// Layout on real screens (issue 19): the ledger and measure pages at 375 px have no horizontal
// overflow, the office's review page uses the width of a 1366 px screen (状态 tags on one line), the
// normative table keeps 发布机构 readable on a phone; axe clean, 长辈模式 included.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { axeViolations, createBrowserHarness, describeViolations, type BrowserHarness } from '../test-support/browser.js';
import { TEST_PASSWORD, USERS } from '../test-support/harness.js';
import { setNowForTests } from '../lib/time.js';
import { systemActor, type Ctx } from '../lib/context.js';
import { actorCtx, draftAs, submitAndPublish } from '../disclosure/items.fixtures.js';
import { exemptFromInterpretation } from '../disclosure/workflow.service.js';
import { SMALL_PLAN, seedPlan } from './ledger-fixtures.js';
import * as svc from './ledger.service.js';

describe('ledger layout in Chromium', () => {
  let h: BrowserHarness;
  let page: Page;
  let ledgerId = 0;
  let measureId = 0;
  const login = async (username: string) => {
    await page.goto(`${h.baseUrl}/login`);
    await page.fill('#f-username', username);
    await page.fill('#f-password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(/\/console$/), page.press('#f-password', 'Enter')]);
  };
  const logout = () => Promise.all([page.waitForLoadState('load'), page.click('form[action="/logout"] button')]);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  /** The elements sticking out on the right, to say what overflows. */
  const culprits = () => page.evaluate(() => [...document.querySelectorAll('body *')]
    .filter((el) => !el.closest('thead') && el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
    .slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${el.className} (right ${Math.round(el.getBoundingClientRect().right)} px): ${el.outerHTML.slice(0, 100)}`).join(' | '));
  const visit = async (path: string) => {
    const r = await page.goto(`${h.baseUrl}${path}`);
    assert.equal(r?.status(), 200, path);
    const v = await axeViolations(page);
    assert.deepEqual(v, [], describeViolations(path, v));
  };
  const elder = async (on: boolean) => {
    await page.context().addCookies([{ name: 'gk_elder', value: on ? '1' : '0', url: h.baseUrl }]);
  };

  before(async () => {
    setNowForTests(new Date('2022-06-20T02:00:00Z'));
    h = await createBrowserHarness({ extraSetup: async (ctx, areaId) => { await seedPlan(ctx.db, areaId, SMALL_PLAN); } });
    const sys: Ctx = { db: h.tdb.db, dialect: h.tdb.dialect, actor: systemActor('测试') };
    const plan = await h.tdb.db.selectFrom('plans').select('id').executeTakeFirstOrThrow();
    ledgerId = await svc.createLedger(sys, { planId: plan.id, unitId: await h.unitId('区财政局') });
    const rows = await h.tdb.db.selectFrom('ledger_rows').selectAll().where('ledger_id', '=', ledgerId).orderBy('seq').execute();
    for (const r of rows) {
      const id = await svc.addMeasure(sys, ledgerId, r.id, { content: `在区政府网站“双随机、一公开”专栏公开年度抽查计划和抽查结果，落实序号${r.seq}的要求（https://www.linzi.gov.cn/gongkai/zhuanlan/shuangsuiji/2022/index.html）`, leader: '王副局长', section: '办公室', status: 'in_progress' });
      measureId ||= id;
    }
    await svc.addProgress(sys, ledgerId, measureId, { note: '已起草通知，正在征求各科室意见，预计6月25日前印发并在专栏公开' });
    await svc.addEvidence(sys, ledgerId, measureId, { kind: 'url', url: 'https://www.linzi.gov.cn/gongkai/zhuanlan/shuangsuiji/2022/choucha-jihua-quanwen.html', label: '抽查计划全文（区政府网站政府信息公开专栏）' });
    await svc.requestReview(sys, ledgerId);
    await svc.submitLedger(sys, ledgerId, {});
    const [op, rev] = await Promise.all([actorCtx(h, USERS.operator.username), actorCtx(h, USERS.reviewer.username)]);
    const doc = await draftAs(op, { itemType: 'normative', categoryCode: 'zcwj-gfxwj', title: '临淄区人民政府办公室关于印发临淄区财政专项资金管理办法（试行）的通知', docNumber: '临政办发〔2022〕12号' });
    await exemptFromInterpretation(rev, doc, { reason: '测试夹具' });
    await submitAndPublish(op, rev, doc);
    page = await h.newPage();
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('375 px: the ledger and measure pages do not overflow sideways, in normal and 长辈模式', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await login(USERS.operator.username);
    for (const on of [false, true]) {
      await elder(on);
      for (const path of ['/console', `/console/ledgers/${ledgerId}`, `/console/ledgers/${ledgerId}/measures/${measureId}`, `/console/ledgers/${ledgerId}/measures/${measureId}?itemq=${encodeURIComponent('管理办法')}`, `/console/ledgers/${ledgerId}/history`, '/console/ledgers']) {
        await visit(path);
        assert.ok(await overflow() <= 0, `${path}${on ? '（长辈模式）' : ''}: ${await overflow()} px of horizontal overflow at 375 px: ${await culprits()}`);
      }
    }
    await elder(false);
    await logout();
  });

  test('1366 px: the review page uses the screen; 状态 tags stay on one line', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await login(USERS.admin.username);
    // The office's 工作台 inbox (催报 buttons) is axe clean and usable by keyboard.
    await visit('/console');
    await page.focus('form[action="/console/urge"] button');
    assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ''), /^催报/);
    await visit(`/console/ledgers/${ledgerId}/review`);
    const tableWidth = await page.locator('main table.gk-table').first().evaluate((t) => t.getBoundingClientRect().width);
    assert.ok(tableWidth > 900, `the measures table is ${tableWidth} px wide`);
    const tag = page.locator('main table.gk-table .gk-tag').first();
    const lineHeight = await tag.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 24);
    const tagHeight = await tag.evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(tagHeight < lineHeight * 1.8, `进行中 wraps: ${tagHeight} px tall`);
    await logout();
  });

  test('holiday notice import: form and preview (calendar beside the parsed days) axe clean at 375 px and in 长辈模式, no JS needed', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await login(USERS.admin.username);
    for (const on of [false, true]) {
      await elder(on);
      await visit('/console/calendar/notice');
      await page.fill('#f-text', '国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。');
      await page.fill('#f-source', 'https://www.gov.cn/zhengce/content/2027.htm');
      await Promise.all([page.waitForLoadState('load'), page.click('form[action="/console/calendar/notice"] button[type=submit]')]);
      assert.match(await page.textContent('main') ?? '', /2027年2月/);
      const v = await axeViolations(page);
      assert.deepEqual(v, [], describeViolations('notice preview', v));
      assert.ok(await overflow() <= 0, `notice preview: ${await overflow()} px of horizontal overflow: ${await culprits()}`);
    }
    await elder(false);
    await logout();
  });

  test('bulk import of units and users: upload, dry-run preview and result pages axe clean, without JS', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await login(USERS.admin.username);
    await visit('/console/org-import');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('单位').addRows([['单位名称', '单位代码', '单位类型'], ['区大数据局', '370305X09', '区直部门']]);
    wb.addWorksheet('用户').addRows([['用户名', '姓名', '角色', '所属单位'], ['dsj_browser', '赵六', '单位联络员', '区大数据局']]);
    const file = join(h.tdb.dataDir, 'org-import.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    await page.setInputFiles('#f-file', file);
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/console/org-import"] button[type=submit]')]);
    assert.match(await page.textContent('main') ?? '', /检查通过：将新增 1 个单位、1 个用户/);
    let v = await axeViolations(page);
    assert.deepEqual(v, [], describeViolations('org import preview', v));
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("确认导入")')]);
    assert.match(await page.textContent('main') ?? '', /已新增 1 个单位、1 个用户/);
    v = await axeViolations(page);
    assert.deepEqual(v, [], describeViolations('org import result', v));
    await logout();
  });

  test('375 px: the normative table keeps 发布机构 on whole lines and the page does not overflow', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await visit('/normative');
    assert.ok(await overflow() <= 0, `/normative: ${await overflow()} px of horizontal overflow: ${await culprits()}`);
    const cell = page.locator('main table td:has-text("区财政局")').first();
    const width = await cell.evaluate((el) => el.getBoundingClientRect().width);
    const fontSize = await cell.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(width >= fontSize * 3, `发布机构 column is ${width} px wide (one character per line)`);
  });
});
