// Site identity on both engines: footer identifiers and standard meta tags on home, column and item
// pages (PubDate = the shown 发布日期), the admin's settings page (bad input kept, audited), 联系我们.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { insertItem } from '../search/search.fixtures.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';

const metaOf = (html: string, name: string) => new RegExp(`<meta name="${name}" content="([^"]*)"`).exec(html)?.[1];

describe('site identity and standard meta tags', () => {
  let h: Harness;
  let itemId: number;
  before(async () => {
    h = await createHarness();
    itemId = await insertItem(h.tdb.db, h.tdb.dialect, {
      area_id: h.areaId, unit_id: await h.unitId('区财政局'), title: '2023年区级财政预算公开', category_code: 'czyjs-ys', published_on: '2023-05-10',
      body_text: '现将2023年区级财政预算予以公开。',
    });
  });
  after(async () => { await h.close(); });

  test('every portal page: SiteName, SiteDomain, SiteIDCode and the footer identifiers with their links', async () => {
    const anon = h.agent();
    for (const url of ['/', '/catalog', `/items/${itemId}`, '/normative', '/search', '/contact', '/preferences']) {
      const r = await anon.get(url);
      assert.equal(r.statusCode, 200, url);
      assert.equal(metaOf(r.body, 'SiteName'), '淄博市临淄区人民政府', url);
      assert.equal(metaOf(r.body, 'SiteDomain'), 'www.linzi.gov.cn', url);
      assert.equal(metaOf(r.body, 'SiteIDCode'), '3703050001', url);
      assert.match(r.body, /网站标识码：3703050001/, url);
      assert.match(r.body, /<a href="https:\/\/beian\.miit\.gov\.cn\/" rel="noopener">鲁ICP备05000000号<\/a>/, url);
      assert.match(r.body, /<a href="https:\/\/beian\.mps\.gov\.cn\/[^"]*" rel="noopener">鲁公网安备 37030502000001号<\/a>/, url);
      assert.match(r.body, /<img src="\/static\/conac-badge\.svg"[^>]*alt="党政机关网站标识"/, url);
      assert.match(r.body, /主办单位：淄博市临淄区人民政府办公室/, url);
      assert.match(r.body, /<a href="\/contact">联系我们<\/a>/, url);
    }
    const badge = await anon.get('/static/conac-badge.svg');
    assert.equal(badge.statusCode, 200);
    assert.match(badge.body, /<svg/);
  });

  test('column pages carry Column* tags; item pages the article tags with PubDate = the shown 发布日期', async () => {
    const anon = h.agent();
    const cat = await anon.get('/catalog?category=czyjs-ys');
    assert.equal(metaOf(cat.body, 'ColumnName'), '财政预算');
    for (const n of ['ColumnDescription', 'ColumnKeywords', 'ColumnType']) assert.ok(metaOf(cat.body, n), n);
    assert.equal(metaOf((await anon.get('/normative')).body, 'ColumnName'), '行政规范性文件');
    const home = await anon.get('/');
    assert.equal(metaOf(home.body, 'ArticleTitle'), undefined, 'no article tags off item pages');

    const r = await anon.get(`/items/${itemId}`);
    const shown = /<th scope="row">发布日期<\/th><td>([^<]+)<\/td>/.exec(r.body)?.[1];
    assert.equal(shown, '2023-05-10');
    assert.equal(metaOf(r.body, 'PubDate'), shown);
    assert.equal(metaOf(r.body, 'ArticleTitle'), '2023年区级财政预算公开');
    assert.equal(metaOf(r.body, 'ContentSource'), '区财政局');
    assert.equal(metaOf(r.body, 'Author'), '区财政局');
    assert.match(metaOf(r.body, 'Keywords')!, /财政预算/);
    assert.equal(metaOf(r.body, 'Description'), '现将2023年区级财政预算予以公开。');
    assert.match(metaOf(r.body, 'Url')!, new RegExp(`^https?://[^/]+/items/${itemId}$`));
    assert.equal(metaOf(r.body, 'ColumnName'), undefined);
  });

  test('PUBLIC_BASE_URL is used for the Url tag instead of the Host header', async () => {
    process.env.PUBLIC_BASE_URL = 'https://www.linzi.gov.cn/';
    try {
      const r = await h.agent().get(`/items/${itemId}?print=1`, { host: 'evil.example' });
      assert.equal(metaOf(r.body, 'Url'), `https://www.linzi.gov.cn/items/${itemId}`);
    } finally {
      delete process.env.PUBLIC_BASE_URL;
    }
  });

  test('the admin edits the identity: bad input re-rendered with 400 and kept; saved values show at once, audited', async () => {
    const op = await h.login(USERS.operator.username);
    assert.equal((await op.get('/console/site')).statusCode, 403);
    const admin = await h.login(USERS.admin.username);
    const page = await admin.get('/console/site');
    assert.equal(page.statusCode, 200);
    const form: Record<string, string> = {};
    for (const m of page.body.matchAll(/<input id="f-(\w+)" name="\w+" type="\w+" value="([^"]*)"/g)) form[m[1]!] = m[2]!.replace(/&amp;/g, '&');
    assert.equal(form.siteCode, '3703050001');
    const bad = await admin.request('POST', '/console/site', { form: { ...form, siteCode: '12', sponsor: '新的主办单位' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /政府网站标识码为10位数字或大写字母/);
    assert.match(bad.body, /value="新的主办单位"/);
    assert.equal(metaOf((await h.agent().get('/')).body, 'SiteIDCode'), '3703050001', 'nothing saved');
    const ok = await admin.request('POST', '/console/site', { form: { ...form, siteCode: '3703050099', sponsor: '临淄区政务公开办', contactPhone: '0533-7000000' } });
    assert.equal(ok.statusCode, 303);
    const home = await h.agent().get('/');
    assert.equal(metaOf(home.body, 'SiteIDCode'), '3703050099');
    assert.match(home.body, /主办单位：临淄区政务公开办/);
    assert.match((await h.agent().get('/contact')).body, /0533-7000000/);
    const audit = await h.tdb.db.selectFrom('audit_log').select(['action', 'actor_label']).where('action', '=', 'site.identity').execute();
    assert.equal(audit.length, 1);
  });
});

describe('identity stored before start', () => {
  test('pages of every module render the stored identity (read per request, not only after a save)', async () => {
    const h = await createHarness({
      extraSetup: async (ctx) => {
        await ctx.db.insertInto('settings').values({ key: 'site.identity', value: JSON.stringify({ siteCode: '3703050077', sponsor: '预先配置的主办单位' }) }).execute();
      },
    });
    try {
      for (const url of ['/', '/catalog', '/search']) {
        const r = await h.agent().get(url);
        assert.equal(metaOf(r.body, 'SiteIDCode'), '3703050077', url);
        assert.match(r.body, /主办单位：预先配置的主办单位/, url);
      }
    } finally {
      await h.close();
    }
  });
});

describe('site name in the header and title', () => {
  test('the configured 网站名称 is shown in every page header and title (B15)', async () => {
    const h = await createHarness({
      extraSetup: async (ctx) => {
        await ctx.db.insertInto('settings').values({ key: 'site.identity', value: JSON.stringify({ siteName: '临淄区人民政府门户网站' }) }).execute();
      },
    });
    try {
      for (const url of ['/', '/zfxxgk', '/items/999999']) {
        const r = await h.agent().get(url);
        assert.match(r.body, /<a class="gk-brand" href="\/">临淄区人民政府门户网站 · 政府信息公开专栏<\/a>/, url);
        assert.match(r.body, /<title>[^<]+ - 临淄区人民政府门户网站政府信息公开<\/title>/, url);
      }
    } finally {
      await h.close();
    }
  });
});
