// Decisions pages in real Chromium: the public catalog, a decision page, a consultation page with its
// comment form (errors shown), the feedback report, 列席 and 开放日 pages — axe clean in normal and
// 长辈模式, the comment form used by keyboard alone and without JavaScript.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setNowForTests } from '../lib/time.js';
import { insertItem } from '../search/search.fixtures.js';
import { axeViolations, createBrowserHarness, describeViolations, type BrowserHarness } from '../test-support/browser.js';
import * as cat from './catalog.service.js';
import * as svc from './consultations.service.js';
import * as part from './participation.service.js';

describe('decisions pages in Chromium', () => {
  let h: BrowserHarness;
  let decision = 0;
  let open = 0;
  let closed = 0;
  let meeting = 0;
  let openDay = 0;
  const cancelTokens: string[] = [];
  before(async () => {
    setNowForTests(new Date('2026-11-10T04:00:00Z'));
    h = await createBrowserHarness();
    const admin = h.ctx;
    const anon = { ...h.ctx, actor: { kind: 'anonymous' as const, areaId: null } };
    const unit = await h.unitId('区住建局');
    const draft = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, title: '临淄区城区停车管理办法（征求意见稿）', published_on: '2026-11-01' });
    const d = await cat.createDecision(admin, { year: 2026, name: '临淄区城区停车管理办法', category: '1', decisionBody: '区人民政府', leadUnit: '区住建局', supportingUnits: '区公安分局', legalBasis: '《道路交通安全法》', plannedOn: '2026-12-31', hearing: true, steps: 'public,risk,legality,collective' });
    decision = d.id;
    await cat.advanceDecision(admin, d.id, { completedOn: '2026-11-01', evidenceItemId: draft });
    closed = (await svc.createConsultation(admin, { title: '停车管理办法第一轮征求意见', kind: 'major_decision', unit: '区住建局', opensOn: '2026-10-01', closesOn: '2026-11-20', decisionId: d.id, draftItemId: draft, channels: ['网站', '新媒体'] })).id;
    const ids: number[] = [];
    for (let i = 0; i < 11; i++) ids.push((await svc.submitComment(anon, closed, { text: `请保留老城区路边停车位，居民停车难${'！'.repeat(i % 3)}`, section: '第五条' })).id);
    const single = (await svc.submitComment(anon, closed, { text: '建议夜间开放机关停车场，电话13912345678。' })).id;
    await svc.regroup(admin, closed);
    const g = await h.tdb.db.selectFrom('consultation_groups').select('id').where('consultation_id', '=', closed).executeTakeFirstOrThrow();
    await svc.moderateGroup(admin, g.id, { action: 'verbatim' });
    await svc.moderateComment(admin, single, { action: 'verbatim' });
    await svc.disposeGroup(admin, g.id, { disposition: 'partly', topic: '路边停车', reason: '居住区周边保留' });
    await svc.disposeComment(admin, single, { disposition: 'adopted', topic: '错时共享' });
    setNowForTests(new Date('2026-11-21T04:00:00Z'));
    await svc.publishReport(admin, closed);
    open = (await svc.createConsultation(admin, { title: '停车管理办法第二轮征求意见', kind: 'major_decision', unit: '区住建局', opensOn: '2026-11-21', closesOn: '2026-12-25', decisionId: d.id })).id;
    meeting = (await part.createMeeting(admin, { title: '区政府常务会议（停车管理办法）', decisionId: d.id, meetingOn: '2026-12-28', signupOpensOn: '2026-11-20', signupClosesOn: '2026-12-20', seats: 3, rules: '报名超过名额时，以公布的种子随机抽取。' })).id;
    openDay = (await part.createOpenDay(admin, { title: '走进区住建局', unit: '区住建局', heldOn: '2026-12-15', place: '区住建局一楼大厅', capacity: 20, signupClosesOn: '2026-12-10' })).id;
    // Sign-ups with e-mail addresses: their confirmations carry the self-service cancellation links.
    for (const i of [1, 2, 3]) {
      const addr = `citizen${i}@example.cn`;
      await part.signUpForOpenDay(anon, openDay, { name: `市民${i}`, contact: addr });
      const mail = await h.tdb.db.selectFrom('outbox').select('body').where('to_addr', '=', addr).executeTakeFirstOrThrow();
      cancelTokens.push(/\/open-days\/cancel\?token=([A-Za-z0-9_-]+)/.exec(mail.body)![1]!);
    }
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('every decisions page has zero axe violations, in normal and 长辈模式 (the form also with errors shown)', async () => {
    const page = await h.newPage();
    const pages = ['/decisions', `/decisions/${decision}`, `/consultations/${open}`, `/consultations/${closed}`, `/consultations/${closed}/feedback`, `/meetings/${meeting}`, `/open-days/${openDay}`,
      `/open-days/cancel?token=${cancelTokens[2]}`, '/open-days/cancel?token=wrong'];
    for (const elder of [false, true]) {
      if (elder) {
        await page.goto(`${h.baseUrl}/decisions`);
        await Promise.all([page.waitForLoadState('load'), page.click('a.gk-elder-toggle')]);
        await page.waitForSelector('body.gk-elder');
      }
      for (const p of pages) {
        await page.goto(`${h.baseUrl}${p}`);
        const v = await axeViolations(page);
        assert.deepEqual(v, [], describeViolations(`${p}${elder ? ' (长辈模式)' : ''}`, v));
      }
      await page.goto(`${h.baseUrl}/consultations/${open}`);
      await Promise.all([page.waitForLoadState('load'), page.click('form[action$="/comments"] button[type=submit]')]);
      assert.match(await page.textContent('.gk-error-summary') ?? '', /请填写意见内容/);
      const v = await axeViolations(page);
      assert.deepEqual(v, [], describeViolations(`comment form with errors${elder ? ' (长辈模式)' : ''}`, v));
    }
    await page.goto(`${h.baseUrl}/consultations/${closed}/feedback`);
    const main = await page.textContent('main') ?? '';
    assert.match(main, /较为集中意见/);
    assert.doesNotMatch(main, /13912345678/);
  });

  test('keyboard only: from the skip link to the comment form, typed and sent', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/consultations/${open}`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '跳到主要内容');
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'f-section' && guard++ < 60) await page.keyboard.press('Tab');
    await page.keyboard.type('第三条');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-text');
    await page.keyboard.type('建议明确共享停车位的收费标准。');
    while ((await page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('type'))) !== 'submit' && guard++ < 80) await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/sent=1/), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('[role=status]') ?? '', /您的意见已收到/);
  });

  test('keyboard only: the cancellation link confirmed with Tab and Enter', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/open-days/cancel?token=${cancelTokens[1]}`);
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.textContent)) !== '确认取消报名' && guard++ < 60) await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/sent=cancelled/), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('[role=status]') ?? '', /您的报名已取消/);
  });

  test('without JavaScript: catalog → decision → consultation, comment form with errors then sent; sign-ups', async () => {
    const ctx = await h.browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    try {
      const page = await ctx.newPage();
      await page.goto(`${h.baseUrl}/`);
      await Promise.all([page.waitForURL(/\/decisions$/), page.click('nav.gk-nav >> text=重大行政决策')]);
      await Promise.all([page.waitForURL(/\/decisions\/\d+$/), page.click('table >> text=临淄区城区停车管理办法')]);
      assert.match(await page.textContent('main') ?? '', /临淄区城区停车管理办法（征求意见稿）/);
      await Promise.all([page.waitForURL(/\/consultations\/\d+$/), page.click('text=停车管理办法第二轮征求意见')]);
      await page.fill('#f-text', 'x'.repeat(5001));
      await page.fill('#f-contact', 'me@example.com');
      await Promise.all([page.waitForLoadState('load'), page.click('form[action$="/comments"] button[type=submit]')]);
      assert.match(await page.textContent('.gk-error-summary') ?? '', /不能超过5000个字符/);
      assert.equal(await page.inputValue('#f-contact'), 'me@example.com', 'input kept');
      await page.fill('#f-text', '同意第二轮方案。');
      await Promise.all([page.waitForURL(/sent=1/), page.click('form[action$="/comments"] button[type=submit]')]);
      assert.match(await page.textContent('main') ?? '', /您的意见已收到/);
      await page.goto(`${h.baseUrl}/open-days/${openDay}`);
      await page.fill('#f-name', '刘一');
      await page.fill('#f-contact', '13800000000');
      await Promise.all([page.waitForURL(/sent=confirmed/), page.click('form[action$="/signup"] button[type=submit]')]);
      // The cancellation link from the e-mail, without JavaScript: confirm, land on the event page, the link is spent.
      await page.goto(`${h.baseUrl}/open-days/cancel?token=${cancelTokens[0]}`);
      assert.match(await page.textContent('main') ?? '', /您的报名/);
      assert.doesNotMatch(await page.textContent('body') ?? '', /市民1|citizen1/);
      await Promise.all([page.waitForURL(/sent=cancelled/), page.click('form[action="/open-days/cancel"] button[type=submit]')]);
      assert.match(await page.textContent('[role=status]') ?? '', /您的报名已取消/);
      const spent = await page.goto(`${h.baseUrl}/open-days/cancel?token=${cancelTokens[0]}`);
      assert.equal(spent?.status(), 410);
      assert.match(await page.textContent('[role=alert]') ?? '', /取消链接已失效/);
      await page.goto(`${h.baseUrl}/meetings/${meeting}`);
      await page.fill('#f-name', '陈二');
      await page.fill('#f-contact', '13800000001');
      await page.selectOption('#f-category', 'public');
      await page.fill('#f-reason', '住在附近');
      await Promise.all([page.waitForURL(/sent=1/), page.click('form[action$="/signup"] button[type=submit]')]);
      assert.match(await page.textContent('main') ?? '', /报名已收到/);
    } finally {
      await ctx.close();
    }
  });
});
