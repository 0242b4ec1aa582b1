// The standard page meta tags (政府网站网页设计规范) of portal column and item pages.
import type { FastifyRequest } from 'fastify';
import type { ArticleMeta, ColumnMeta } from '../web/components/layout.js';
import { publicBaseUrl } from '../site/public.js';
import { summaryOf } from './feeds.js';

/** Absolute URL of a path: the configured public base URL, else the request's origin. */
// Never the request's Host header: a forged Host must not reach a cached page (issue 17, finding 6).
export const absoluteUrl = (req: FastifyRequest, path: string) => `${publicBaseUrl() ?? req.server.publicBaseUrl}${path}`;

export const column = (name: string, description: string, keywords: string[], type: string): ColumnMeta =>
  ({ name, description, keywords: keywords.join(','), type });

export function articleMeta(req: FastifyRequest, item: {
  id: number; title: string; published_on: string; unit_name: string; body_text: string; doc_number: string;
}, keywords: (string | null | undefined)[]): ArticleMeta {
  return {
    title: item.title,
    // The same value as the 发布日期 shown in the page's metadata table.
    pubDate: item.published_on,
    source: item.unit_name,
    keywords: [...new Set(keywords.filter((k): k is string => !!k))].join(','),
    author: item.unit_name,
    description: summaryOf(item.body_text, 120) || item.title,
    url: absoluteUrl(req, `/items/${item.id}`),
  };
}
