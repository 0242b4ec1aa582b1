/**
 * 网站自查 run time against a SQLite test database with N public items (each with one attachment
 * file on disk): the whole run (every indicator, the in-process crawl of every page the site links
 * and the sitemap lists, the site-wide 用词检查), and the crawl alone. External links off.
 *
 *   node --import tsx bench/site-check/run.ts [items=1000]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { insertItem } from '../../src/search/search.fixtures.js';
import { createHarness } from '../../src/test-support/harness.js';
import { runSiteCheck } from '../../src/site/self-check.service.js';
import { crawlSite } from '../../src/site/crawl.js';
import { actorCtx } from '../../src/disclosure/items.fixtures.js';

const N = Number(process.argv[2] ?? 1000);
const h = await createHarness();
try {
  const units = await h.tdb.db.selectFrom('units').select('id').where('area_id', '=', h.areaId).execute();
  const cats = ['zcwj-gfxwj', 'czyjs-ys', 'ghjh', 'xzzf-xk', 'zdly-shgy', 'rsxx', 'tjxx', 'qt'];
  const uploads = join(h.tdb.dataDir, 'uploads', 'bench');
  mkdirSync(uploads, { recursive: true });
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const day = new Date(Date.UTC(2026, 0, 1) + (i % 330) * 86_400_000).toISOString().slice(0, 10);
    const id = await insertItem(h.tdb.db, h.tdb.dialect, {
      area_id: h.areaId, unit_id: units[i % units.length]!.id, title: `第${i}号 关于做好政务公开工作的通知`, category_code: cats[i % cats.length]!, published_on: day,
      body_html: `<p>正文第${i}段。详见<a href="/items/${Math.max(1, i)}">相关文件</a>。</p>`, body_text: `正文第${i}段。`,
    });
    writeFileSync(join(uploads, String(id)), '附件');
    await h.tdb.db.insertInto('item_attachments').values({ item_id: id, file_name: '附件.txt', mime: 'text/plain', size: 6, storage_key: `bench/${id}`, sha256: '0'.repeat(64), text: '附件', created_at: '2026-01-01T00:00:00.000Z' }).execute();
  }
  console.log(`seeded ${N} items in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const admin = await actorCtx(h, 't_admin');
  const c0 = performance.now();
  const crawl = await crawlSite(h.app, { seeds: Array.from({ length: N }, (_, i) => `/items/${i + 1}`), maxRequests: 100_000 });
  const c1 = performance.now();
  console.log(`crawl: ${crawl.checked} URLs (${crawl.pages} pages parsed), ${crawl.broken.length} broken, ${((c1 - c0) / 1000).toFixed(1)} s, ${(crawl.checked / ((c1 - c0) / 1000)).toFixed(0)} URLs/s`);
  const r0 = performance.now();
  const run = await runSiteCheck(admin, { trigger: 'cli' });
  const r1 = performance.now();
  console.log(`whole self-check: ${((r1 - r0) / 1000).toFixed(1)} s; ${run.results.map((x) => `${x.id}=${x.status}`).join(' ')}`);
} finally {
  await h.close();
}
