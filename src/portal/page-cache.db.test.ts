// The portal's page cache under publishing (issue 18): a withdrawal or edit is never served from the
// cache after it commits (pages, lists, search); a new publication shows on cached pages within
// ADDITION_LAG_MS; concurrent requests for a page that must be rebuilt share one render; the publish
// transaction does not segment text (jieba runs before it).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { actorCtx, draftAs, submitAndPublish } from '../disclosure/items.fixtures.js';
import { unpublishItem } from '../disclosure/workflow.service.js';
import type { Ctx } from '../lib/context.js';
import { inlineSegmentationCount } from '../search/search.indexer.js';
import { searchPublic } from '../search/search.service.js';
import { updateItem } from '../search/search.fixtures.js';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { ADDITION_LAG_MS, cachedPage, REFRESH_AFTER_MS, setPageCacheClockForTests } from './page-cache.js';
import { raw } from '#jsx/jsx-runtime';

describe('portal page cache while publishing', () => {
  let h: Harness;
  let anon: Agent;
  let op: Ctx;
  let rev: Ctx;
  let now = 1_000_000;
  let renders = 0;
  let gate: Promise<void> | null = null;
  const publish = async (title: string) => {
    const id = await draftAs(op, { title, body: '<p>现将有关事项通知如下。</p>' });
    await submitAndPublish(op, rev, id);
    return id;
  };
  const page = async (url: string) => {
    const r = await anon.get(url);
    return { status: r.statusCode, body: r.body.replace(/<[^>]*>/g, '') }; // text only (search highlights words)
  };

  before(async () => {
    h = await createHarness({
      // A cached page that counts its renders and can be held open, to see requests share one render.
      extraRoutes: (app) => app.get('/test-cached', cachedPage(async () => {
        renders++;
        if (gate) await gate;
        return raw(`<p>render ${renders}</p>`);
      })),
    });
    anon = h.agent();
    op = await actorCtx(h, USERS.operator.username);
    rev = await actorCtx(h, USERS.reviewer.username);
    setPageCacheClockForTests(() => now);
  });
  after(async () => {
    setPageCacheClockForTests(null);
    await h.close();
  });

  test('a withdrawn item leaves every cached page, the lists and search at once', async () => {
    now += 60_000;
    const id = await publish('关于河长制工作的通知');
    const urls = ['/', '/catalog', `/search?q=${encodeURIComponent('河长制')}`, `/items/${id}`];
    for (const u of urls) {
      assert.match((await page(u)).body, /关于河长制工作的通知/, u);
      assert.match((await page(u)).body, /关于河长制工作的通知/, `${u} (cached)`);
    }
    now += 10; // well inside every lag: only the removal version can make the cache let go
    await unpublishItem(rev, id, { reason: '内容有误' });
    for (const u of urls.slice(0, 3)) assert.doesNotMatch((await page(u)).body, /关于河长制工作的通知/, u);
    assert.equal((await page(`/items/${id}`)).status, 404);
    assert.equal((await searchPublic(h.ctx, h.areaId, { q: '河长制' })).total, 0);
    assert.equal((await h.agent().get('/api/v1/public/items')).json().data.items.some((x: { id: number }) => x.id === id), false);
  });

  test('an edit of a public item (a new title) is never served from the cache after it commits', async () => {
    now += 60_000;
    const id = await publish('关于垃圾分类工作的通知');
    assert.match((await page('/')).body, /关于垃圾分类工作的通知/);
    now += 10;
    await updateItem(h.tdb.db, h.tdb.dialect, id, { title: '关于生活垃圾分类工作的通知' });
    const home = (await page('/')).body;
    assert.match(home, /关于生活垃圾分类工作的通知/);
    assert.match((await page(`/items/${id}`)).body, /关于生活垃圾分类工作的通知/);
  });

  test(`a new publication shows on cached pages within ${ADDITION_LAG_MS} ms; search answers see it at once`, async () => {
    now += 60_000;
    assert.doesNotMatch((await page('/')).body, /关于养老服务工作的通知/);
    const t0 = now;
    await publish('关于养老服务工作的通知');
    assert.equal((await searchPublic(h.ctx, h.areaId, { q: '养老服务' })).total, 1, 'search answers are exact');
    now = t0 + REFRESH_AFTER_MS - 1;
    assert.doesNotMatch((await page('/')).body, /关于养老服务工作的通知/, 'a young page is served: publishing does not re-render every page');
    now = t0 + REFRESH_AFTER_MS;
    assert.match((await page('/')).body, /关于养老服务工作的通知/, 'past REFRESH_AFTER_MS one request renders it anew');

    // With nobody asking in between, the first request past the bound never gets the old page.
    assert.doesNotMatch((await page('/catalog?page=1')).body, /关于义务教育招生工作的通知/);
    const t1 = now;
    await publish('关于义务教育招生工作的通知');
    now = t1 + ADDITION_LAG_MS;
    assert.match((await page('/catalog?page=1')).body, /关于义务教育招生工作的通知/);
  });

  test('requests for a page that must be rebuilt share one render; past REFRESH_AFTER_MS the others get the cached page meanwhile', async () => {
    now += 60_000;
    renders = 0;
    assert.match((await page('/test-cached')).body, /render 1/);
    // A withdrawal: nobody may be served the old page; eight requests at once, one render.
    const id = await publish('关于乡村振兴工作的通知');
    now += 10;
    await unpublishItem(rev, id, { reason: '重复发布' });
    let open!: () => void;
    gate = new Promise((r) => { open = r; });
    const all = Promise.all(Array.from({ length: 8 }, () => page('/test-cached')));
    await new Promise((r) => setTimeout(r, 50));
    open();
    gate = null;
    const bodies = (await all).map((r) => r.body);
    assert.equal(renders, 2);
    assert.ok(bodies.every((b) => /render 2/.test(b)), bodies.join(' '));

    // An addition, page older than REFRESH_AFTER_MS: one request renders, the others get render 2 without waiting.
    await publish('关于营商环境工作的通知');
    now += REFRESH_AFTER_MS;
    gate = new Promise((r) => { open = r; });
    const renderer = page('/test-cached');
    await new Promise((r) => setTimeout(r, 50));
    const others = await Promise.all(Array.from({ length: 5 }, () => page('/test-cached')));
    assert.ok(others.every((r) => /render 2/.test(r.body)));
    open();
    gate = null;
    assert.match((await renderer).body, /render 3/);
    assert.equal(renders, 3);
  });

  test('the publish transaction does not segment: jieba runs before it, and a text changed inside a transaction is still indexed right', async () => {
    const before = inlineSegmentationCount();
    const id = await publish('关于医疗保障工作的通知');
    assert.equal(inlineSegmentationCount(), before, 'no segmentation inside the publish transaction');
    assert.equal((await searchPublic(h.ctx, h.areaId, { q: '医疗保障' })).total, 1);
    // A change made inside a transaction (nothing prepared for it) is segmented there, so the index is right.
    await updateItem(h.tdb.db, h.tdb.dialect, id, { title: '关于减税降费工作的通知' });
    assert.equal(inlineSegmentationCount(), before + 1);
    assert.equal((await searchPublic(h.ctx, h.areaId, { q: '减税降费' })).total, 1);
    assert.equal((await searchPublic(h.ctx, h.areaId, { q: '医疗保障' })).total, 0);
  });
});
