// Decisions console pages in real Chromium, signed in as the 政务公开办 admin: the dashboard with its forms
// (catalog entry, consultation, settings), the 列席 notice and open-day forms, a catalog item (stages, 调整), consultation
// management (moderation, grouping, 采纳情况), a 列席 meeting before and after selection (draw, choice,
// opinions, notices) and an open day (attendance, cancel, notices, arrangements) — axe clean in normal and
// 长辈模式, also with field errors shown, and no id used twice on a page; the draw and a phone notice done by
// keyboard alone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { setNowForTests } from '../lib/time.js';
import { insertItem } from '../search/search.fixtures.js';
import { axeViolations, createBrowserHarness, describeViolations, type BrowserHarness } from '../test-support/browser.js';
import { TEST_PASSWORD, USERS } from '../test-support/harness.js';
import * as cat from './catalog.service.js';
import * as svc from './consultations.service.js';
import * as part from './participation.service.js';

describe('decisions console pages in Chromium', () => {
  let h: BrowserHarness;
  let page: Page;
  let decision = 0;
  let consultation = 0;
  let undrawn = 0;
  let chosen = 0;
  let openDay = 0;
  const axeClean = async (what: string) => {
    const v = await axeViolations(page);
    assert.deepEqual(v, [], describeViolations(what, v));
    // axe 4.14 no longer reports duplicate ids (WCAG 2.2 dropped 4.1.1), but a repeated id points a label at
    // another form's field.
    const dup = await page.evaluate(() => {
      const seen = new Map<string, number>();
      for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    });
    assert.deepEqual(dup, [], `${what}: duplicate ids`);
  };
  const visit = async (path: string, what = path) => {
    const r = await page.goto(`${h.baseUrl}${path}`);
    assert.equal(r?.status(), 200, path);
    await axeClean(what);
  };
  const elder = (on: boolean) => page.context().addCookies([{ name: 'gk_elder', value: on ? '1' : '0', url: h.baseUrl }]);

  before(async () => {
    setNowForTests(new Date('2026-11-01T04:00:00Z'));
    h = await createBrowserHarness();
    const admin = h.ctx;
    const anon = { ...h.ctx, actor: { kind: 'anonymous' as const, areaId: null } };
    const unit = await h.unitId('区住建局');
    const draft = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, title: '临淄区城区停车管理办法（征求意见稿）', published_on: '2026-10-20' });
    const d = await cat.createDecision(admin, { year: 2026, name: '临淄区城区停车管理办法', category: '1', decisionBody: '区人民政府', leadUnit: '区住建局', supportingUnits: '区公安分局', legalBasis: '《道路交通安全法》', plannedOn: '2026-12-31', hearing: true, steps: 'public,risk,legality,collective' });
    decision = d.id;
    await cat.advanceDecision(admin, d.id, { completedOn: '2026-10-25', evidenceItemId: draft });
    consultation = (await svc.createConsultation(admin, { title: '停车管理办法征求意见', kind: 'major_decision', unit: '区住建局', opensOn: '2026-10-01', closesOn: '2026-11-05', decisionId: d.id, draftItemId: draft, channels: ['网站'] })).id;
    for (let i = 0; i < 4; i++) await svc.submitComment(anon, consultation, { text: `请保留老城区路边停车位，居民停车难${'！'.repeat(i % 3)}`, section: '第五条', contact: `1391234000${i}` });
    const single = (await svc.submitComment(anon, consultation, { text: '建议夜间开放机关停车场。' })).id;
    await svc.submitComment(anon, consultation, { text: '建议公布停车收费的收支情况。', name: '周八' });
    await svc.regroup(admin, consultation);
    await svc.moderateComment(admin, single, { action: 'verbatim' });
    await svc.disposeComment(admin, single, { disposition: 'adopted', topic: '错时共享' });

    const meeting = { decisionId: d.id, meetingOn: '2026-11-20', signupOpensOn: '2026-11-01', signupClosesOn: '2026-11-05', seats: 2, rules: '报名超过名额时，以公布的种子随机抽取。', place: '区政府三楼第一会议室', bring: '本人身份证' };
    undrawn = (await part.createMeeting(admin, { ...meeting, title: '区政府常务会议（停车管理办法）' })).id;
    chosen = (await part.createMeeting(admin, { ...meeting, title: '区政府常务会议（老旧小区改造）' })).id;
    const people = [['张三', 'zs@example.cn'], ['李四', '13900000001'], ['王五', '13900000002']] as const;
    const chosenIds: number[] = [];
    for (const [name, contact] of people) {
      await part.signUpForMeeting(anon, undrawn, { name, contact, category: 'public', reason: '住在附近', consent: true });
      chosenIds.push((await part.signUpForMeeting(anon, chosen, { name, contact, category: 'stakeholder', reason: '利益相关' })).id);
    }
    openDay = (await part.createOpenDay(admin, { title: '走进区住建局', unit: '区住建局', heldOn: '2026-11-25', place: '区住建局一楼大厅', capacity: 1, signupClosesOn: '2026-11-20', bring: '身份证' })).id;
    await part.signUpForOpenDay(anon, openDay, { name: '刘一', contact: 'liu@example.cn' });
    await part.signUpForOpenDay(anon, openDay, { name: '陈二', contact: '13800000002' });
    setNowForTests(new Date('2026-11-10T04:00:00Z'));
    await part.chooseAttendees(admin, chosen, { ids: chosenIds.slice(0, 2).join(','), reason: '兼顾利益相关方' });
    await part.recordMeetingOpinion(admin, chosenIds[0]!, { opinion: '建议增设老年人专用通道。', disposition: 'adopted' });

    page = await h.newPage();
    await page.goto(`${h.baseUrl}/login`);
    await page.fill('#f-username', USERS.admin.username);
    await page.fill('#f-password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(/\/console$/), page.press('#f-password', 'Enter')]);
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('证明材料 with JavaScript: the search box is a combobox; type, ↓, Enter checks the radio of the advance form', async () => {
    await elder(false);
    await page.goto(`${h.baseUrl}/console/decisions/${decision}`);
    const box = page.locator('#f-eq');
    assert.equal(await box.getAttribute('role'), 'combobox');
    await box.focus();
    await page.keyboard.type('停车管理办法');
    const option = page.locator('[role=listbox] [role=option]');
    await option.first().waitFor({ state: 'visible' });
    assert.match((await option.allTextContents()).join(' | '), /临淄区城区停车管理办法（征求意见稿）/);
    await axeClean('证明材料 listbox open');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const radio = page.locator('form[action$="/advance"] input[type=radio][name=evidenceItemId]');
    assert.equal(await radio.count(), 1);
    assert.equal(await radio.isChecked(), true);
  });

  test('every decisions console page has zero axe violations, in normal and 长辈模式, also with field errors shown', async () => {
    for (const on of [false, true]) {
      await elder(on);
      const mode = on ? '（长辈模式）' : '';
      await visit('/console/decisions', `dashboard${mode}`);
      await visit(`/console/decisions?dq=${encodeURIComponent('停车管理办法')}&xq=${encodeURIComponent('停车')}`, `dashboard, 草案全文 and 起草说明 found (no-JS search)${mode}`);
      await visit('/console/meetings/new', `new 列席 notice${mode}`);
      await visit('/console/open-days/new', `new open day${mode}`);
      await visit(`/console/decisions/${decision}`, `catalog item${mode}`);
      await visit(`/console/decisions/${decision}?eq=${encodeURIComponent('停车管理办法')}`, `catalog item, 证明材料 found (no-JS search)${mode}`);
      await visit(`/console/consultations/${consultation}`, `consultation management${mode}`);
      assert.match(await page.textContent('main') ?? '', /归并组（1）/);
      await visit(`/console/meetings/${undrawn}`, `列席 before selection${mode}`);
      await visit(`/console/meetings/${chosen}`, `列席 after selection${mode}`);
      assert.match(await page.textContent('main') ?? '', /请电话通知：13900000001/);
      await visit(`/console/open-days/${openDay}`, `开放日${mode}`);
      assert.match(await page.textContent('main') ?? '', /请电话通知：13800000002/);

      // Field errors: an empty catalog entry, an adjustment without its reason, arrangements with a bad date.
      await page.goto(`${h.baseUrl}/console/decisions`);
      await Promise.all([page.waitForLoadState('load'), page.click('form[action="/console/decisions"] button[type=submit]')]);
      assert.match(await page.textContent('.gk-error-summary') ?? '', /事项名称/);
      await axeClean(`catalog entry with errors${mode}`);
      await page.goto(`${h.baseUrl}/console/meetings/new`);
      await page.fill('#f-title', '区政府常务会议（垃圾分类）');
      await page.fill('#f-seats', '0');
      await Promise.all([page.waitForLoadState('load'), page.click('form[action="/console/meetings"] button[type=submit]')]);
      assert.match(await page.textContent('.gk-error-summary') ?? '', /列席名额至少为1/);
      assert.equal(await page.inputValue('#f-title'), '区政府常务会议（垃圾分类）', 'input kept');
      await axeClean(`new 列席 notice with errors${mode}`);
      await page.goto(`${h.baseUrl}/console/decisions/${decision}`);
      await Promise.all([page.waitForLoadState('load'), page.click(`form[action="/console/decisions/${decision}/adjust"] button[type=submit]`)]);
      assert.match(await page.textContent('.gk-error-summary') ?? '', /调整理由/);
      await axeClean(`adjustment with errors${mode}`);
      await page.goto(`${h.baseUrl}/console/open-days/${openDay}`);
      await page.fill('#f-heldOn', '2026-11-01');
      await Promise.all([page.waitForLoadState('load'), page.click(`form[action="/console/open-days/${openDay}/details"] button[type=submit]`)]);
      assert.match(await page.textContent('.gk-error-summary') ?? '', /活动日期不能早于报名截止日期/);
      assert.equal(await page.inputValue('#f-place'), '区住建局一楼大厅', 'input kept');
      await axeClean(`open-day arrangements with errors${mode}`);
      // A refused page action (grouping moderation without a reason) shows its problem on top.
      await page.goto(`${h.baseUrl}/console/consultations/${consultation}`);
      const groupModeration = page.locator('form[action^="/console/consultation-groups/"][action*="/moderate"]').first();
      await groupModeration.locator('select[name=action]').selectOption('withhold');
      await Promise.all([page.waitForLoadState('load'), groupModeration.locator('button[type=submit]').click()]);
      assert.match(await page.textContent('[role=alert]') ?? '', /操作未完成/);
      await axeClean(`consultation management with a refused action${mode}`);
    }
    await elder(false);
  });

  test('keyboard only: the draw from a seed, then a phone notice marked as given', async () => {
    await page.goto(`${h.baseUrl}/console/meetings/${undrawn}`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '跳到主要内容');
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'f-seed' && guard++ < 200) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-seed', 'the seed field is reachable by Tab');
    await page.keyboard.type('2026-11-10 福利彩票3D 第300期 123');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '按种子抽取');
    await Promise.all([page.waitForURL(/\/draw$/), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('[role=status]') ?? '', /已抽取/);
    assert.match(await page.textContent('main') ?? '', /通知报名人/);
    const phoneTasks = await page.locator('form[action*="/console/meeting-notices/"] button').count();
    assert.ok(phoneTasks >= 1, 'the selected without e-mail are listed for a phone call');
    guard = 0;
    while (!(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest('form')?.getAttribute('action')?.includes('/phoned'))) && guard++ < 300) await page.keyboard.press('Tab');
    assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ''), /已电话通知/);
    await Promise.all([page.waitForURL(/\/phoned\?m=/), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('[role=status]') ?? '', /已登记为电话通知/);
    assert.equal(await page.locator('form[action*="/console/meeting-notices/"] button').count(), phoneTasks - 1);
    await axeClean('列席 after a keyboard draw');
  });
});
