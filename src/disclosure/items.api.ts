// JSON API for information items: the same services and authorisation as the console pages.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { documentApi } from '../web/http.js';
import type { AppDeps } from '../app/module.js';
import * as attachments from './attachments.service.js';
import { complianceByUnit } from './compliance.service.js';
import { itemDetail } from './item-detail.service.js';
import { readUpload } from './items.routes.js';
import * as items from './items.service.js';
import { ATTRIBUTES, INTERP_FORMS, ITEM_STATUSES, ITEM_TYPES } from './labels.js';
import * as privacy from './privacy.service.js';
import { WITHHELD_BASIS_CODES } from './pure/legal-basis.js';
import * as queue from './review-queue.service.js';
import { idParam } from './route-helpers.js';
import * as validity from './validity.service.js';
import * as workflow from './workflow.service.js';

const ITEM_BODY = {
  unitId: 'integer? (admin; unit users: own unit)', itemType: ITEM_TYPES.join('|'), title: 'string', docNumber: 'string?',
  categoryCode: 'string?', topicCode: 'string?', writtenOn: 'YYYY-MM-DD?', formedOn: 'YYYY-MM-DD? (default today)',
  disclosureDays: 'integer?', attribute: ATTRIBUTES.join('|'), withheldBasis: `${WITHHELD_BASIS_CODES.join('|')} (withheld)`,
  attributeReason: 'string? (withheld: required)', body: 'string (HTML or text; sanitised)', validUntil: 'YYYY-MM-DD? (normative)',
  needsInterpretation: 'boolean? (policy)', policyItemId: 'integer (interpretation)', interpForm: `${INTERP_FORMS.join('|')} (interpretation)`,
};
const ok = { data: { ok: true } };

/** The public face of an item in the API: no raw privacy decisions. */
async function detailJson(ctx: Parameters<typeof itemDetail>[0], id: number) {
  const d = await itemDetail(ctx, id);
  const { privacy_json: _kept, ...item } = d.item;
  return {
    ...item, unit: d.unit, categoryName: d.categoryName, topicName: d.topicName, timeliness: d.timeliness,
    attachments: d.attachments, interpretations: d.interpretations.map((i) => ({ id: i.id, title: i.title, status: i.status, due_date: i.due_date, timeliness: i.timeliness })),
    policy: d.policy ? { id: d.policy.id, title: d.policy.title } : null, replacedBy: d.replacedBy ? { id: d.replacedBy.id, title: d.replacedBy.title } : null,
    privacyHits: d.hits.map((h) => ({ source: h.source, kind: h.kind, severity: h.severity, text: h.text, start: h.start, end: h.end, masked: h.masked, blocking: h.blocking, kept: h.kept ? { reason: h.kept.reason, by: h.kept.by, at: h.kept.at } : null })),
    history: d.history, can: d.can,
  };
}

export async function itemApiRoutes(app: FastifyInstance, deps: AppDeps) {
  documentApi({ method: 'GET', url: '/api/v1/items', summary: `政府信息列表（单位用户只见本单位）；筛选 status=${ITEM_STATUSES.join('|')}、itemType、attribute、q、page`, roles: '已登录' });
  app.get('/api/v1/items', async (req) => {
    const r = await items.listItems(req.ctx, req.query);
    return { data: r.rows.map(({ privacy_json: _p, body_html: _h, body_text: _t, ...row }) => row), meta: { total: r.total, page: r.page, pageSize: r.pageSize } };
  });
  documentApi({ method: 'POST', url: '/api/v1/items', summary: '新建政府信息草稿（生成索引号）', roles: 'unit_operator, unit_reviewer, admin', body: ITEM_BODY });
  app.post('/api/v1/items', async (req, reply) => reply.status(201).send({ data: { id: await items.createItem(req.ctx, req.body) } }));

  documentApi({ method: 'GET', url: '/api/v1/items/review-queue', summary: '依申请公开、不予公开信息复核队列', roles: '已登录' });
  app.get('/api/v1/items/review-queue', async (req) => ({ data: (await queue.reviewQueue(req.ctx)).map(({ privacy_json: _p, body_html: _h, body_text: _t, ...r }) => r) }));
  documentApi({ method: 'GET', url: '/api/v1/compliance', summary: '各单位公开时效、解读逾期、有效期逾期（?year=）', roles: 'admin, auditor' });
  app.get('/api/v1/compliance', async (req) => {
    const y = (req.query as Record<string, string>).year;
    return { data: await complianceByUnit(req.ctx, { year: /^\d{4}$/.test(y ?? '') ? Number(y) : undefined }) };
  });

  documentApi({ method: 'GET', url: '/api/v1/items/{id}', summary: '政府信息详情：元数据、附件、个人信息检查结果、办理记录、可执行的操作', roles: '已登录（本单位或全区读者）' });
  app.get('/api/v1/items/:id', async (req) => ({ data: await detailJson(req.ctx, idParam(req)) }));
  documentApi({ method: 'PUT', url: '/api/v1/items/{id}', summary: '修改草稿或被退回的信息', roles: 'unit_operator, unit_reviewer, admin', body: ITEM_BODY });
  app.put('/api/v1/items/:id', async (req) => {
    await items.updateItem(req.ctx, idParam(req), req.body);
    return ok;
  });

  const post = (path: string, summary: string, roles: string, body: Record<string, string> | undefined, run: (req: FastifyRequest, id: number) => Promise<unknown>) => {
    documentApi({ method: 'POST', url: `/api/v1/items/{id}${path}`, summary, roles, body });
    app.post(`/api/v1/items/:id${path}`, async (req) => {
      await run(req, idParam(req));
      return ok;
    });
  };
  const writer = 'unit_operator, unit_reviewer（本单位）, admin';
  const reviewer = 'unit_reviewer（本单位）, admin';
  post('/submit', '提交审核（个人信息未处理、缺少政策解读时拒绝）', writer, undefined, (req, id) => workflow.submitItem(req.ctx, id));
  post('/recall', '撤回提交（待审核 → 草稿）', writer, undefined, (req, id) => workflow.recallItem(req.ctx, id));
  post('/publish', '保密审查与公开属性签发；主动公开的即发布', reviewer,
    { confidentialityChecked: 'true', attribute: ATTRIBUTES.join('|'), withheldBasis: 'code (withheld)', attributeReason: 'string (withheld)', publishedOn: 'YYYY-MM-DD? (only today: 发布日期 is the day of sign-off)', nextReviewOn: 'YYYY-MM-DD?', wordingConfirmed: 'boolean? (required when 用词检查 has hits; else 409 wording_unconfirmed)' },
    (req, id) => workflow.publishItem(req.ctx, id, req.body));
  post('/return', '退回修改', reviewer, { comment: 'string' }, (req, id) => workflow.returnItem(req.ctx, id, req.body));
  post('/unpublish', '撤销发布（须说明理由）', reviewer, { reason: 'string' }, (req, id) => workflow.unpublishItem(req.ctx, id, req.body));
  post('/reopen', '已撤回的信息恢复为草稿', writer, undefined, (req, id) => workflow.reopenItem(req.ctx, id));
  post('/interpretation-exemption', '登记免于政策解读的理由', reviewer, { reason: 'string' }, (req, id) => workflow.exemptFromInterpretation(req.ctx, id, req.body));
  post('/privacy/mask', '一键遮盖标题或正文中的个人信息（同值全部遮盖）', writer, { source: 'title|body', start: 'integer', text: 'string' }, (req, id) => privacy.maskHit(req.ctx, id, req.body));
  post('/privacy/keep', '审核人说明理由后保留个人信息', reviewer, { kind: 'string', text: 'string', reason: 'string' }, (req, id) => privacy.keepHit(req.ctx, id, req.body));
  post('/validity', '规范性文件被修改或废止（关联新文件）', reviewer, { action: 'amend|repeal', byItemId: 'integer (amend: required)', reason: 'string' }, (req, id) => validity.changeValidity(req.ctx, id, req.body));
  post('/valid-until', '修改规范性文件有效期', reviewer, { validUntil: 'YYYY-MM-DD?', reason: 'string' }, (req, id) => validity.setValidUntil(req.ctx, id, req.body));
  post('/review/keep', '复核：维持依申请公开或不予公开', reviewer, { note: 'string', nextReviewOn: 'YYYY-MM-DD?' }, (req, id) => queue.keepAttribute(req.ctx, id, req.body));
  post('/review/convert', '复核：转为主动公开并发布', reviewer, { reason: 'string' }, (req, id) => queue.convertToProactive(req.ctx, id, req.body));

  documentApi({ method: 'POST', url: '/api/v1/items/{id}/attachments', summary: '上传附件（multipart/form-data，字段 file；pdf/docx/xlsx/txt/jpg/png，≤ 20 MB）', roles: writer });
  app.post('/api/v1/items/:id/attachments', async (req, reply) => {
    const id = idParam(req);
    await attachments.requireAttachable(req.ctx, id);
    const attachmentId = await attachments.addAttachment(req.ctx, id, await readUpload(req), deps.config.dataDir);
    return reply.status(201).send({ data: { id: attachmentId, url: attachments.attachmentUrl({ id: attachmentId }) } });
  });
  documentApi({ method: 'DELETE', url: '/api/v1/items/{id}/attachments/{attachmentId}', summary: '删除附件', roles: writer });
  app.delete('/api/v1/items/:id/attachments/:attachmentId', async (req) => {
    await attachments.removeAttachment(req.ctx, idParam(req), idParam(req, 'attachmentId'), deps.config.dataDir);
    return ok;
  });
}
