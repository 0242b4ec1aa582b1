// 政策问答 and 留言咨询 in Chromium: /ask (answer and abstention), /qa, an entry page and the consultation
// form pass axe in normal and 长辈模式; the form is used by keyboard alone; everything works without JS.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { insertItem } from '../search/search.fixtures.js';
import { axeViolations, createBrowserHarness, describeViolations, type BrowserHarness } from '../test-support/browser.js';
import { createEntry } from './entries.service.js';
import { TEST_PASSWORD, USERS } from '../test-support/harness.js';

describe('政策问答 in Chromium', () => {
  let h: BrowserHarness;
  let entry = 0;
  before(async () => {
    h = await createBrowserHarness();
    const unit = await h.unitId('区住建局');
    const id = await insertItem(h.tdb.db, h.tdb.dialect, {
      area_id: h.areaId, unit_id: unit, title: '临淄区保障性租赁住房管理办法', doc_number: '临住建发〔2024〕3号', item_type: 'normative', validity: 'valid', category_code: 'zcwj-gfxwj',
      body_text: '第一章 总则\n第一条 为规范保障性租赁住房管理，制定本办法。\n第二条 在本区就业的新市民、青年人可以申请保障性租赁住房。\n第三条 保障性租赁住房租金不高于同地段市场租金的90%。',
    });
    entry = await createEntry(h.ctx, { question: '保租房租金多少', answer: '不高于同地段市场租金的九成。', sources: [{ itemId: id, article: 3 }], status: 'published', topics: ['住房'] });
  });
  after(async () => { await h.close(); });

  const pages = () => ['/ask', `/ask?q=${encodeURIComponent('新市民能申请保障性租赁住房吗')}`, `/ask?q=${encodeURIComponent('护照过期了怎么换')}`, `/ask?q=${'长'.repeat(201)}`,
    '/qa', `/qa?q=${encodeURIComponent('租金')}&topic=${encodeURIComponent('住房')}`, `/qa/${entry}`, '/consult', '/consult/new'];

  test('zero axe violations in normal and 长辈模式', async () => {
    const page = await h.newPage();
    for (const elder of [false, true]) {
      if (elder) {
        await page.goto(`${h.baseUrl}/ask`);
        await Promise.all([page.waitForLoadState('load'), page.click('a.gk-elder-toggle')]);
        await page.waitForSelector('body.gk-elder');
      }
      for (const p of pages()) {
        await page.goto(`${h.baseUrl}${p}`);
        const v = await axeViolations(page);
        assert.deepEqual(v, [], describeViolations(`${p}${elder ? ' (长辈模式)' : ''}`, v));
      }
      // The form with its error summary.
      await page.goto(`${h.baseUrl}/consult/new`);
      await Promise.all([page.waitForLoadState('load'), page.click('form.gk-form button[type=submit]')]);
      assert.ok(await page.$('.gk-error-summary'));
      const v = await axeViolations(page);
      assert.deepEqual(v, [], describeViolations(`/consult (errors)${elder ? ' (长辈模式)' : ''}`, v));
    }
  });

  test('keyboard only: ask a question, rate the answer, then send a message', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/ask`);
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'f-q' && guard++ < 40) await page.keyboard.press('Tab');
    await page.keyboard.type('新市民能申请保障性租赁住房吗');
    await Promise.all([page.waitForURL(/\/ask\?q=/), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('.gk-answer') ?? '', /第二条/);
    while ((await page.evaluate(() => (document.activeElement as HTMLButtonElement | null)?.value)) !== 'useful' && guard++ < 120) await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/thanks=1/), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('[role=status]') ?? '', /感谢您的评价/);

    await page.goto(`${h.baseUrl}/consult/new?question=${encodeURIComponent('保租房什么时候可以申请？')}`);
    assert.equal(await page.inputValue('#f-question'), '保租房什么时候可以申请？');
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'f-contactName' && guard++ < 160) await page.keyboard.press('Tab');
    await page.keyboard.type('张三');
    await page.keyboard.press('Tab');
    await page.keyboard.type('13953312345');
    await page.keyboard.press('Tab'); // unit select
    await page.keyboard.press('Tab'); // consent
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('[role=status]') ?? '', /留言编号为 \d+/);
    const m = await h.tdb.db.selectFrom('qa_messages').select(['consent', 'contact']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(m.consent, 1);
    assert.equal(m.contact, '13953312345');
  });

  test('without JavaScript: asking, the abstention routes, the entry list and the message form work', async () => {
    const ctx = await h.browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await page.goto(`${h.baseUrl}/ask`);
    await page.fill('#f-q', '护照过期了怎么换');
    await Promise.all([page.waitForURL(/\/ask\?q=/), page.click('form[role=search] button')]);
    assert.match(await page.textContent('h2#h-answer') ?? '', /未找到现行有效依据/);
    const href = await page.getAttribute('main a[href^="/requests/new?"]', 'href');
    assert.equal(href, `/requests/new?description=${encodeURIComponent('护照过期了怎么换')}`);
    // The request form opens with the question already in the description.
    const form = await ctx.newPage();
    await form.goto(`${h.baseUrl}${href}`);
    assert.equal(await form.inputValue('textarea[name=description]'), '护照过期了怎么换');
    await form.close();
    await page.click('a[href^="/consult/new"]');
    assert.equal(await page.inputValue('#f-question'), '护照过期了怎么换');
    await page.fill('#f-contactName', '李四');
    await page.fill('#f-contact', 'bad');
    await Promise.all([page.waitForLoadState('load'), page.click('form.gk-form button[type=submit]')]);
    assert.match(await page.textContent('.gk-error-summary') ?? '', /联系方式/);
    assert.equal(await page.inputValue('#f-contactName'), '李四', 'input kept');
    await page.fill('#f-contact', 'lisi@example.com');
    await Promise.all([page.waitForLoadState('load'), page.click('form.gk-form button[type=submit]')]);
    assert.match(await page.textContent('[role=status]') ?? '', /留言编号为/);
    await page.goto(`${h.baseUrl}/qa?q=${encodeURIComponent('租金')}`);
    assert.match(await page.textContent('.gk-qa-list') ?? '', /保租房租金多少/);
    await page.click('.gk-qa-list a');
    assert.match(await page.textContent('blockquote') ?? '', /第三条/);
    await ctx.close();
  });

  test('the insights page with its 加为问法 form (pre-filled, and with errors) passes axe; the form is used by keyboard', async () => {
    const anon = await h.newPage();
    await anon.goto(`${h.baseUrl}/ask?q=${encodeURIComponent('护照过期了怎么换')}`); // not answered: listed with its actions
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/login`);
    await page.fill('#f-username', USERS.admin.username);
    await page.fill('#f-password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(/\/console$/), page.press('#f-password', 'Enter')]);
    await page.goto(`${h.baseUrl}/console/qa/insights`);
    assert.deepEqual(await axeViolations(page), [], describeViolations('/console/qa/insights', await axeViolations(page)));
    const href = (await page.getAttribute('a[href*="phrase="]', 'href'))!;
    const phrase = new URL(href, h.baseUrl).searchParams.get('phrase')!;
    await Promise.all([page.waitForLoadState('load'), page.click('a[href*="phrase="]')]);
    assert.equal(await page.inputValue('#f-question'), phrase);
    // Submitting without choosing an entry: the error summary, axe clean.
    await page.focus('#f-question');
    await Promise.all([page.waitForURL(/\/insights\/phrasing$/), page.keyboard.press('Enter')]);
    assert.ok(await page.$('.gk-error-summary'));
    assert.deepEqual(await axeViolations(page), [], describeViolations('/console/qa/insights (errors)', await axeViolations(page)));
    await page.selectOption('#f-entryId', String(entry));
    await page.focus('#f-question');
    await Promise.all([page.waitForURL(/added=/), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('.gk-notice') ?? '', new RegExp(`条目 ${entry}`));
  });
});
