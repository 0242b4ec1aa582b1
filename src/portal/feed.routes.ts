// RSS feeds (site-wide and per catalog category), the sitemap and robots.txt. Public items only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { pubDateCst, publishedInstant, renderRss, renderSitemap, summaryOf, type SitemapUrl } from './feeds.js';
import * as svc from './portal.service.js';

/**
 * Absolute URLs use the configured PUBLIC_BASE_URL, never the request's Host header: these answers are
 * publicly cacheable, so a forged Host would otherwise be served to everyone (issue 17 finding 6).
 */
export const originOf = (req: FastifyRequest) => req.server.publicBaseUrl;

async function feed(req: FastifyRequest, code: string | null) {
  const data = await svc.feedData(req.ctx, code);
  const origin = originOf(req);
  const items = data.items.map((i) => ({
    url: `${origin}/items/${i.id}`, title: i.title, summary: summaryOf(i.body_text), date: publishedInstant(i.published_at, i.published_on!), pubDate: pubDateCst(i.published_at, i.published_on!),
    category: data.ref.categoryName(i.category_code), author: i.unit_name,
  }));
  return renderRss({
    title: `${data.ref.area.name}政府信息公开${data.categoryName ? ` - ${data.categoryName}` : ''}`,
    link: code ? `${origin}/catalog?category=${encodeURIComponent(code)}` : `${origin}/`,
    self: code ? `${origin}/feed/${encodeURIComponent(code)}.xml` : `${origin}/feed.xml`,
    description: `${data.ref.area.name}人民政府主动公开的政府信息${data.categoryName ? `（${data.categoryName}）` : ''}，最新${svc.FEED_SIZE}条。`,
    updated: items[0]?.date ?? new Date(nowIso()),
    items,
  });
}

const XML_HEADERS = { 'content-type': 'application/rss+xml; charset=utf-8', 'cache-control': 'public, max-age=300' };

export async function feedRoutes(app: FastifyInstance): Promise<void> {
  app.get('/feed.xml', async (req, reply) => reply.headers(XML_HEADERS).send(await feed(req, null)));
  app.get('/feed/:file', async (req, reply) => {
    const m = /^([\w.-]{1,40})\.xml$/.exec((req.params as { file: string }).file);
    if (!m) throw notFound('栏目');
    return reply.headers(XML_HEADERS).send(await feed(req, m[1]!));
  });

  app.get('/sitemap.xml', async (req, reply) => {
    const origin = originOf(req);
    const data = await svc.sitemapData(req.ctx);
    const urls: SitemapUrl[] = [
      ...['/', '/catalog', '/normative', '/interpretations', '/gazette', '/collections', '/search'].map((p) => ({ loc: `${origin}${p}` })),
      ...data.issues.map((g) => ({ loc: `${origin}/gazette/${g.year}/${g.number}`, lastmod: g.published_on ?? undefined })),
      ...data.unitIds.map((id) => ({ loc: `${origin}/units/${id}` })),
      ...data.collections.map((c) => ({ loc: `${origin}/collections/${c.slug}` })),
      ...data.items.map((i) => ({ loc: `${origin}/items/${i.id}`, lastmod: i.published_on })),
    ];
    return reply.headers({ 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=300' }).send(renderSitemap(urls));
  });

  app.get('/robots.txt', async (req, reply) =>
    reply.type('text/plain; charset=utf-8').send(`User-agent: *\nDisallow: /console\nDisallow: /api/\nDisallow: /login\nSitemap: ${originOf(req)}/sitemap.xml\n`));
}
