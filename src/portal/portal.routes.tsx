// Routes of the public portal (政府信息公开专栏): anonymous pages, feeds, sitemap and
// the public JSON API; plus the admin's console page for themed collections.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app/module.js';
import { intParam, pageMeta } from '../web/http.js';
import { cachedPage } from './page-cache.js';
import { CatalogPage } from './catalog.page.js';
import { collectionsConsoleRoutes } from './collections.routes.js';
import { HomePage } from './home.page.js';
import { ItemPage } from './item.page.js';
import { CollectionPage, CollectionsIndexPage, GazetteIndexPage, GazetteIssuePage, InterpretationsPage, NormativePage, UnitPage } from './lists.page.js';
import * as svc from './portal.service.js';
import { publicApiRoutes } from './public-api.routes.js';
import { searchRoutes } from './search.routes.js';
import { feedRoutes } from './feed.routes.js';
import { articleMeta, column } from './standard-meta.js';

const idOf = (req: FastifyRequest, name = 'id') => intParam((req.params as Record<string, string>)[name]);

export async function portalRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/', cachedPage(async (req, reply) => <HomePage meta={pageMeta(req, reply, '首页')} data={await svc.homePage(req.ctx)} />));

  app.get('/catalog', cachedPage(async (req, reply) =>
    {
      const data = await svc.catalogPage(req.ctx, req.query);
      // An unknown category is never echoed (the page says 不存在的栏目): categoryName falls back to the raw slug.
      const named = data.q.category ? data.ref.categoryName(data.q.category) : null;
      const name = named && named !== data.q.category ? named : '法定主动公开内容';
      const meta = { ...pageMeta(req, reply, '法定主动公开内容'), column: column(name, `${data.ref.area.name}政府信息公开目录：${name}`, [name, '政府信息公开', '主动公开'], '信息公开目录') };
      return <CatalogPage meta={meta} data={data} />;
    }));

  app.get('/items/:id', cachedPage(async (req, reply) => {
    const data = await svc.itemPage(req.ctx, idOf(req));
    const print = (req.query as Record<string, unknown>).print === '1';
    const meta = { ...pageMeta(req, reply, data.item.title), article: articleMeta(req, data.item, [data.ref.categoryName(data.item.category_code), data.ref.topicName(data.item.topic_code), data.item.doc_number]) };
    return <ItemPage meta={meta} data={data} bodyHtml={svc.bodyHtml(data.item)} print={print} />;
  }));

  app.get('/normative', cachedPage(async (req, reply) =>
    <NormativePage meta={{ ...pageMeta(req, reply, '行政规范性文件'), column: column('行政规范性文件', '行政规范性文件库，按有效性查询', ['行政规范性文件', '有效性'], '政策文件') }} data={await svc.normativePage(req.ctx, req.query)} />));
  app.get('/interpretations', cachedPage(async (req, reply) =>
    <InterpretationsPage meta={{ ...pageMeta(req, reply, '政策解读'), column: column('政策解读', '政策文件的解读与图解', ['政策解读'], '政策解读') }} data={await svc.interpretationsPage(req.ctx, req.query)} />));

  app.get('/gazette', cachedPage(async (req, reply) => <GazetteIndexPage meta={{ ...pageMeta(req, reply, '政府公报'), column: column('政府公报', '政府公报按期查阅', ['政府公报'], '政府公报') }} data={await svc.gazetteIndex(req.ctx)} />));
  app.get('/gazette/:year/:number', cachedPage(async (req, reply) => {
    const data = await svc.gazetteIssue(req.ctx, idOf(req, 'year'), idOf(req, 'number'));
    return <GazetteIssuePage meta={pageMeta(req, reply, `政府公报${data.issue.year}年第${data.issue.number}期`)} data={data} />;
  }));

  app.get('/units/:id', cachedPage(async (req, reply) => {
    const data = await svc.unitPage(req.ctx, idOf(req), req.query);
    return <UnitPage meta={{ ...pageMeta(req, reply, data.unit.name), column: column(data.unit.name, `${data.unit.name}主动公开的政府信息`, [data.unit.name, '政府信息公开'], '机构信息公开') }} data={data} />;
  }));

  app.get('/collections', cachedPage(async (req, reply) =>
    <CollectionsIndexPage meta={{ ...pageMeta(req, reply, '特色主题'), column: column('特色主题', '专题汇集', ['特色主题', '专题'], '专题专栏') }} data={await svc.collectionsIndex(req.ctx)} />));
  app.get('/collections/:slug', cachedPage(async (req, reply) => {
    const data = await svc.collectionPage(req.ctx, String((req.params as { slug: string }).slug));
    return <CollectionPage meta={{ ...pageMeta(req, reply, data.collection.name), column: column(data.collection.name, data.collection.description || data.collection.name, [data.collection.name, '特色主题'], '专题专栏') }} data={data} />;
  }));

  // /attachments/:id is served by the disclosure module (attachments.routes.ts): public only for
  // published proactive items, 404 otherwise; the leak crawler tests it from here.

  await searchRoutes(app, deps);
  await feedRoutes(app);
  await publicApiRoutes(app, deps);
  await collectionsConsoleRoutes(app);
}
