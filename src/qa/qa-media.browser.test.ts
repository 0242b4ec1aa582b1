// An entry page with an image (图解) and a video in Chromium: axe clean in normal and 长辈模式, the image
// loads under the site's real CSP and fits the column, the 文字说明 and the video's 文字稿 are on the page
// without JS, and the video's download link is reached by keyboard.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { insertItem } from '../search/search.fixtures.js';
import { axeViolations, createBrowserHarness, describeViolations, type BrowserHarness } from '../test-support/browser.js';
import { PNG_1X1, WEBM_HEAD } from '../test-support/media-fixtures.js';
import { createEntry, moveEntry } from './entries.service.js';
import { addMedia } from './media.service.js';

const DESCRIPTION = '流程图：第一步，在区住建局网站下载申请表；第二步，携带身份证明和就业证明到街道办事处提交；第三步，15个工作日内领取审核结果。';
const TRANSCRIPT = '视频文字稿：新市民和青年人在本区就业，可以申请保障性租赁住房，租金不高于同地段市场租金的九成。';

describe('政策问答 图解与视频 in Chromium', () => {
  let h: BrowserHarness;
  let entry = 0;
  before(async () => {
    h = await createBrowserHarness();
    const id = await insertItem(h.tdb.db, h.tdb.dialect, {
      area_id: h.areaId, unit_id: await h.unitId('区住建局'), title: '临淄区保障性租赁住房管理办法', doc_number: '临住建发〔2024〕3号', item_type: 'normative', validity: 'valid', category_code: 'zcwj-gfxwj',
      body_text: '第一条 为规范保障性租赁住房管理，制定本办法。\n第二条 在本区就业的新市民、青年人可以申请保障性租赁住房。',
    });
    entry = await createEntry(h.ctx, { question: '保租房怎么申请', answer: '在本区就业的新市民、青年人可以申请，流程见图解和视频。', sources: [{ itemId: id, article: 2 }], status: 'draft', form: 'graphic' });
    const big = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="2400" height="300" viewBox="0 0 2400 300"><rect width="2400" height="300" fill="#f4f4f4"/><text x="20" y="150" font-size="48">下载申请表 → 提交材料 → 领取结果</text></svg>`);
    await addMedia(h.ctx, entry, { kind: 'image', description: DESCRIPTION }, { fileName: 'liucheng.svg', data: big }, h.tdb.dataDir);
    await addMedia(h.ctx, entry, { kind: 'image', description: `${DESCRIPTION}（小图）` }, { fileName: 'tu.png', data: PNG_1X1 }, h.tdb.dataDir);
    await addMedia(h.ctx, entry, { kind: 'video', description: TRANSCRIPT }, { fileName: 'jiangjie.webm', data: Buffer.concat([WEBM_HEAD, Buffer.alloc(512)]) }, h.tdb.dataDir);
    await moveEntry(h.ctx, entry, 'published');
  });
  after(async () => { await h.close(); });

  test('zero axe violations in normal and 长辈模式; the images fit the column', async () => {
    const page = await h.newPage();
    for (const elder of [false, true]) {
      if (elder) {
        await page.goto(`${h.baseUrl}/qa/${entry}`);
        await Promise.all([page.waitForLoadState('load'), page.click('a.gk-elder-toggle')]);
        await page.waitForSelector('body.gk-elder');
      }
      await page.goto(`${h.baseUrl}/qa/${entry}`);
      await page.waitForLoadState('load');
      const v = await axeViolations(page);
      assert.deepEqual(v, [], describeViolations(`/qa/${entry}${elder ? ' (长辈模式)' : ''}`, v));
      const fits = await page.evaluate(() => {
        const main = document.querySelector('main')!.getBoundingClientRect();
        return [...document.querySelectorAll('.gk-media img, .gk-media video')].every((el) => el.getBoundingClientRect().right <= main.right + 1);
      });
      assert.ok(fits, `media wider than the column${elder ? ' (长辈模式)' : ''}`);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no horizontal scrolling');
    }
  });

  test('under the real CSP the images load; without JS the 文字说明 and 文字稿 are on the page; the download link is reached by keyboard', async () => {
    const real = await h.browser.newContext({ locale: 'zh-CN' }); // no bypassCSP: the site's own policy applies
    const page = await real.newPage();
    await page.goto(`${h.baseUrl}/qa/${entry}`);
    await page.waitForLoadState('load');
    // Images after the first are loading="lazy": bring each into view and wait for it to decode (or fail) first.
    await page.evaluate(() => Promise.all([...document.querySelectorAll<HTMLImageElement>('.gk-media img')].map((i) => { i.scrollIntoView(); return i.decode().catch(() => undefined); })));
    const widths = await page.evaluate(() => [...document.querySelectorAll<HTMLImageElement>('.gk-media img')].map((i) => i.naturalWidth));
    assert.deepEqual(widths, [2400, 1], 'both images decoded');
    const alts = await page.evaluate(() => [...document.querySelectorAll<HTMLImageElement>('.gk-media img')].map((i) => i.alt));
    assert.deepEqual(alts, ['图解1：保租房怎么申请（文字说明见图下）', '图解2：保租房怎么申请（文字说明见图下）']);
    let guard = 0;
    while (!((await page.evaluate(() => document.activeElement?.textContent ?? '')).startsWith('下载视频')) && guard++ < 80) await page.keyboard.press('Tab');
    assert.ok(guard < 80, 'the video download link is reachable by Tab');
    await real.close();

    const noJs = await h.browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const p2 = await noJs.newPage();
    await p2.goto(`${h.baseUrl}/qa/${entry}`);
    const text = await p2.textContent('.gk-media') ?? '';
    assert.match(text, /文字说明：流程图：第一步/);
    assert.match(text, /视频文字稿：视频文字稿：新市民/);
    assert.equal(await p2.getAttribute('video', 'aria-describedby'), await p2.getAttribute('.gk-media figcaption[id]', 'id'));
    await noJs.close();
  });
});
