// The public JSON API (/api/v1/public/…, no login): search, item lists and single items. Published
// proactive items only; anything else is the same 404 as an id that never existed.
import type { FastifyInstance } from 'fastify';
import { searchPublic } from '../search/public.js';
import type { AppDeps } from '../app/module.js';
import { documentApi, intParam } from '../web/http.js';
import * as svc from './portal.service.js';
import { searchRateLimit } from './search.routes.js';
import { typeLabel, validityLabel } from './portal.views.js';

const plain = (segs: readonly { text: string }[]) => segs.map((s) => s.text).join('');

export async function publicApiRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  documentApi({ method: 'GET', url: '/api/v1/public/search', summary: '公开信息全文检索：q（关键词、文号或索引号）、category、unit、year、validity、type、sort（relevance|date）、page；按 IP 限流', roles: '公开（无需登录）' });
  app.get('/api/v1/public/search', { config: searchRateLimit(deps) }, async (req) => {
    const ref = await svc.refData(req.ctx);
    const o = await searchPublic(req.ctx, ref.area.id, req.query);
    return {
      data: {
        status: o.status, message: o.message, terms: o.terms, exact: o.exact, total: o.total, page: o.page, pages: o.pages, pageSize: o.pageSize,
        items: o.hits.map((h) => ({
          id: h.id, url: `/items/${h.id}`, title: h.title, unit: h.unitName, unitId: h.unitId, docNumber: h.docNumber, indexNo: h.indexNo,
          publishedOn: h.publishedOn, itemType: h.itemType, validity: h.validity, category: ref.categoryName(h.categoryCode),
          snippet: plain(h.snippet), snippetFrom: h.snippetFrom, highlights: { title: h.titleSegments, snippet: h.snippet },
        })),
      },
    };
  });

  documentApi({ method: 'GET', url: '/api/v1/public/items', summary: '公开信息列表（最新在前）：category、topic、unit、year、type、validity、page', roles: '公开（无需登录）' });
  app.get('/api/v1/public/items', async (req) => {
    const { ref, list } = await svc.catalogPage(req.ctx, req.query);
    return {
      data: {
        total: list.total, page: list.page, pages: list.pages, pageSize: list.size,
        items: list.rows.map((r) => ({
          id: r.id, url: `/items/${r.id}`, title: r.title, indexNo: r.index_no, docNumber: r.doc_number, unit: r.unit_name, unitId: r.unit_id,
          publishedOn: r.published_on, writtenOn: r.written_on, itemType: r.item_type, validity: r.validity, category: ref.categoryName(r.category_code),
        })),
      },
    };
  });

  documentApi({ method: 'GET', url: '/api/v1/public/items/{id}', summary: '一条公开信息：元数据、正文、附件、相关解读', roles: '公开（无需登录）' });
  app.get('/api/v1/public/items/:id', async (req) => {
    const d = await svc.itemPage(req.ctx, intParam((req.params as { id: string }).id));
    const i = d.item;
    return {
      data: {
        id: i.id, url: `/items/${i.id}`, title: i.title, indexNo: i.index_no, unit: i.unit_name, unitId: i.unit_id, docNumber: i.doc_number,
        writtenOn: i.written_on, publishedOn: i.published_on, itemType: i.item_type, itemTypeLabel: typeLabel(i.item_type),
        validity: i.validity, validityLabel: validityLabel(i.validity), validUntil: i.valid_until,
        category: { code: i.category_code, name: d.ref.categoryName(i.category_code) },
        topic: i.topic_code ? { code: i.topic_code, name: d.ref.topicName(i.topic_code) } : null,
        bodyHtml: svc.bodyHtml(i), bodyText: i.body_text,
        attachments: d.attachments.map((a) => ({ id: a.id, fileName: a.file_name, mime: a.mime, size: a.size, url: `/attachments/${a.id}` })),
        interpretations: d.interpretations.map((x) => ({ id: x.id, title: x.title, publishedOn: x.published_on, url: `/items/${x.id}` })),
        policy: d.policy ? { id: d.policy.id, title: d.policy.title, url: `/items/${d.policy.id}` } : null,
        replacedBy: d.replacedBy ? { id: d.replacedBy.id, title: d.replacedBy.title, url: `/items/${d.replacedBy.id}` } : null,
      },
    };
  });
}
