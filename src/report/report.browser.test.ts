// Real Chromium: the published annual report in the 专栏 (official layout with merged header cells) is axe
// clean in normal and 长辈模式, works without JavaScript, is usable by keyboard and prints on A4; the
// console editor is axe clean too.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addEvent, createRequest } from '../requests/requests.service.js';
import { createBrowserHarness, describeViolations, axeViolations, expectAxeClean, type BrowserHarness } from '../test-support/browser.js';
import { TEST_PASSWORD, USERS } from '../test-support/harness.js';
import { saveReport, transition } from './report.service.js';

describe('annual report pages in Chromium', () => {
  let h: BrowserHarness;
  let url: string;
  before(async () => {
    h = await createBrowserHarness();
    const unit = await h.unitId('区住建局');
    for (const [type, on, outcome] of [['natural', '2022-03-01', 'disclosed'], ['commercial', '2022-04-01', 'withheld_art15_third_party'], ['natural', '2022-05-09', 'unable_not_held']] as const) {
      const r = await createRequest(h.ctx, { unit, channel: 'in_person', receivedOn: on, applicant: { type, name: '申请人' }, description: '住房保障资金分配情况' });
      await addEvent(h.ctx, r.id, { type: 'replied', on: '2022-05-20', outcome });
    }
    const q = { year: '2022', unit: '区住建局' };
    const c = await saveReport(h.ctx, q, {
      permits: 10, penalties: 2, coercions: 0, feesWan: '0.5', figuresSource: '执法台账',
      problemsText: '住房保障信息更新不够及时，部分办事指南要素不全。改进措施：建立每月核查制度，年底前完成全部办事指南复核。',
      explanations: { 'cross.carry_over': '2021年度依申请公开未在平台办理，上年结转为0。', 'cross.normative_in_force': '本局2021年度无现行有效的行政规范性文件。' },
    });
    for (const a of ['sign_off', 'file', 'publish'] as const) await transition(h.ctx, c.row!.id, a);
    url = `${h.baseUrl}/reports/annual/${c.row!.id}`;
  });
  after(async () => { await h.close(); });

  test('axe clean in normal and 长辈模式 (list and report page); merged headers present', async () => {
    const page = await h.newPage();
    for (const p of [`${h.baseUrl}/reports/annual`, url]) {
      await page.goto(p);
      for (const elder of [false, true]) {
        if (elder) {
          await Promise.all([page.waitForLoadState('load'), page.click('a.gk-elder-toggle')]);
          await page.waitForSelector('body.gk-elder');
        }
        const v = await axeViolations(page);
        assert.deepEqual(v, [], describeViolations(`${p}${elder ? ' (长辈模式)' : ''}`, v));
        if (elder) await Promise.all([page.waitForLoadState('load'), page.click('a.gk-elder-toggle')]);
      }
    }
    await page.goto(url);
    assert.equal(await page.getAttribute('.gk-report-table--t3 thead th[colspan="7"]', 'scope'), 'colgroup');
    assert.equal(await page.textContent('.gk-report-table--t4 thead th[colspan="10"]'), '行政诉讼');
    assert.equal(await page.locator('.gk-report-table--t3 tbody tr').count(), 25);
  });

  test('without JavaScript the report and its downloads are there; keyboard reaches the .docx link; prints on A4', async () => {
    const ctx = await h.browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await page.goto(url);
    assert.match(await page.textContent('h1') ?? '', /区住建局2022年政府信息公开工作年度报告/);
    assert.equal(await page.locator('a[href$="report.docx"]').count(), 1);
    assert.equal(await page.locator('a[href^="/api/v1/public/reports/annual"]').count(), 1);
    let guard = 0;
    while (!(await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href')?.endsWith('report.docx'))) && guard++ < 200) await page.keyboard.press('Tab');
    assert.ok(guard < 200, 'the .docx link is reachable by Tab');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.gk-nav').first().isVisible(), false, 'navigation hidden on paper');
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 1 && pages <= 6, `A4 pages: ${pages}`);
    await ctx.close();
  });

  test('the console editor and dashboard are axe clean', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/login`);
    await page.fill('#f-username', USERS.admin.username);
    await page.fill('#f-password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(/\/console$/), page.press('#f-password', 'Enter')]);
    for (const p of ['/console/reports?year=2022', '/console/reports/annual?year=2022&unit=%E5%8C%BA%E4%BD%8F%E5%BB%BA%E5%B1%80', '/console/reports/rollup?year=2022']) {
      await page.goto(`${h.baseUrl}${p}`);
      await expectAxeClean(page);
    }
  });
});
