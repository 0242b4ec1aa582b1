// Consultation routes: the contract API (/api/v1/consultations, /api/v1/public/consultations/…) and
// the public pages /consultations/:id (+ comment form) and /consultations/:id/feedback.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app/module.js';
import { itemRefs } from '../disclosure/public.js';
import { findUnit } from '../org/public.js';
import { AppError, notFound } from '../lib/errors.js';
import { documentApi, formBody, intParam, pageMeta, sendHtml } from '../web/http.js';
import { emptyForm, type FormState } from '../web/components/form.js';
import { ConsultationPage, FeedbackPage } from './consultation.pages.js';
import * as svc from './consultations.service.js';
import { decisionName } from './decisions.repo.js';

const idOf = (req: FastifyRequest, name = 'id') => intParam((req.params as Record<string, string>)[name]);
const pageOf = (req: FastifyRequest) => {
  const n = Number((req.query as Record<string, unknown>).page);
  return Number.isInteger(n) && n > 0 && n < 100_000 ? n : 1;
};

const apiView = (c: svc.Consultation) => ({
  id: c.id, title: c.title, kind: c.kind, unitId: c.unit_id, opensOn: c.opens_on, closesOn: c.closes_on,
  shorteningReason: c.shortening_reason, channels: c.channels ? c.channels.split(',') : [], decisionId: c.decision_id,
  draftItemId: c.draft_item_id, explanationItemId: c.explanation_item_id, url: `/consultations/${c.id}`,
});

async function consultationPage(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
  const c = await svc.findConsultation(req.ctx.db, idOf(req));
  if (!c) throw notFound('征求意见');
  // One read of the consultation (its counters are on the row), then the rest side by side.
  const docIds = [c.draft_item_id, c.explanation_item_id, c.report_item_id].filter((x): x is number => !!x);
  const [unit, refs, decision, comments] = await Promise.all([
    findUnit(req.ctx.db, c.unit_id),
    itemRefs(req.ctx.db, docIds),
    c.decision_id ? decisionName(req.ctx.db, c.decision_id) : Promise.resolve(null),
    svc.publicComments(req.ctx.db, c.id, pageOf(req)),
  ]);
  const view = svc.consultationView(c, unit?.name ?? '');
  const docs = ([['决策草案全文', c.draft_item_id], ['起草说明', c.explanation_item_id], ['意见采纳情况说明', c.report_item_id]] as const)
    .flatMap(([label, iid]) => {
      const ref = iid ? refs.get(iid) : undefined;
      return ref?.isPublic ? [{ label, href: `/items/${ref.id}`, title: ref.title }] : [];
    });
  const meta = pageMeta(req, reply, view.title);
  const sent = (req.query as Record<string, unknown>).sent === '1';
  return sendHtml(reply, <ConsultationPage meta={meta} v={view} docs={docs} decision={decision} comments={comments} form={form} csrf={reply.generateCsrf()} sent={sent} />, status);
}

export async function consultationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const commentLimit = { rateLimit: { max: deps.config.commentRateLimit, timeWindow: '1 minute' } };

  documentApi({
    method: 'POST', url: '/api/v1/consultations', summary: '登记征求意见（重大行政决策不少于30日，不含开始当日；不足须填 shorteningReason，否则 422 CONSULTATION_TOO_SHORT；可登记以往的征求意见）；201 { id, … }',
    roles: '管理员（本区）、单位联络员/审核人（本单位）；可用 Bearer 令牌',
    body: { title: '标题', kind: 'major_decision|normative|other', unit: '承办单位名称或编号', opensOn: 'YYYY-MM-DD', closesOn: 'YYYY-MM-DD', shorteningReason: '缩短理由（可选）', channels: '渠道数组（可选）：网站、新媒体、新闻发布会、查阅场所、报刊广播电视', decisionId: '所属决策事项编号（可选）', draftItemId: '草案全文的信息编号（可选）', explanationItemId: '起草说明的信息编号（可选）' },
  });
  app.post('/api/v1/consultations', async (req, reply) => {
    try {
      const c = await svc.createConsultation(req.ctx, req.body);
      const v = apiView(c);
      return reply.status(201).send({ ...v, data: v });
    } catch (err) {
      throw svc.as422(err);
    }
  });

  documentApi({ method: 'GET', url: '/api/v1/public/consultations/{id}', summary: '一次征求意见：期限、状态（not_open|open|closed）、received = published + withheld（待审核计入 withheld，另见 pending）', roles: '公开（无需登录）' });
  app.get('/api/v1/public/consultations/:id', async (req) => {
    const { view } = await svc.publicConsultation(req.ctx.db, idOf(req));
    return { ...view, data: view };
  });

  documentApi({ method: 'POST', url: '/api/v1/public/consultations/{id}/comments', summary: '提交意见（匿名，JSON）：text ≤ 5000 字，name、contact、section 可选（姓名和联系方式不公开）；未开始或已截止 409 CONSULTATION_CLOSED；内容有误 422；按 IP 限流', roles: '公开（无需登录）', body: { text: '意见内容', name: '姓名（可选）', contact: '联系方式（可选）', section: '条款或章节（可选）' } });
  app.post('/api/v1/public/consultations/:id/comments', { config: { ...commentLimit, anonymousJson: true } }, async (req, reply) => {
    try {
      const r = await svc.submitComment(req.ctx, idOf(req), req.body);
      return reply.status(201).send({ id: r.id, status: 'pending', data: { id: r.id, status: 'pending' } });
    } catch (err) {
      throw svc.as422(err);
    }
  });

  documentApi({ method: 'GET', url: '/api/v1/public/consultations/{id}/feedback', summary: '已公布的意见采纳情况（按议题和采纳情况统计、意见摘录、理由）；未公布 404', roles: '公开（无需登录）' });
  app.get('/api/v1/public/consultations/:id/feedback', async (req) => {
    const c = await svc.findConsultation(req.ctx.db, idOf(req));
    const r = c && svc.publishedReport(c);
    if (!r) throw notFound('采纳情况');
    return { data: r };
  });

  // Staff JSON API for the console actions (same services, same rules).
  const tid = (req: FastifyRequest) => intParam((req.params as Record<string, string>).id);
  documentApi({ method: 'POST', url: '/api/v1/consultations/{id}/regroup', summary: '归并相同或相近意见（MinHash/LSH，字符三元组 Jaccard ≥ 0.6）；已有归并组标注采纳情况后 409 regroup_locked', roles: '管理员、承办单位' });
  app.post('/api/v1/consultations/:id/regroup', async (req) => ({ data: await svc.regroup(req.ctx, tid(req)) }));
  documentApi({ method: 'POST', url: '/api/v1/consultation-comments/{id}/moderate', summary: '审核意见：action = verbatim（原文公开，个人信息自动遮盖）| summary（摘要公开，summary 必填且不得含个人信息）| withhold（不公开，reason 必填：personal_data|off_topic|abusive|advertising|duplicate_submission）', roles: '管理员、承办单位' });
  app.post('/api/v1/consultation-comments/:id/moderate', async (req) => { await svc.moderateComment(req.ctx, tid(req), req.body); return { data: { ok: true } }; });
  documentApi({ method: 'POST', url: '/api/v1/consultation-groups/{id}/moderate', summary: '审核归并组的全部意见（同上）', roles: '管理员、承办单位' });
  app.post('/api/v1/consultation-groups/:id/moderate', async (req) => ({ data: { moderated: await svc.moderateGroup(req.ctx, tid(req), req.body) } }));
  documentApi({ method: 'POST', url: '/api/v1/consultation-comments/{id}/disposition', summary: '采纳情况：disposition = adopted|partly|not_adopted|out_of_scope，topic（议题）必填，非采纳须 reason', roles: '管理员、承办单位' });
  app.post('/api/v1/consultation-comments/:id/disposition', async (req) => { await svc.disposeComment(req.ctx, tid(req), req.body); return { data: { ok: true } }; });
  documentApi({ method: 'POST', url: '/api/v1/consultation-groups/{id}/disposition', summary: '归并组的采纳情况（同上；较为集中意见未采纳须说明理由）', roles: '管理员、承办单位' });
  app.post('/api/v1/consultation-groups/:id/disposition', async (req) => { await svc.disposeGroup(req.ctx, tid(req), req.body); return { data: { ok: true } }; });
  documentApi({ method: 'POST', url: '/api/v1/consultations/{id}/report', summary: '生成并公布采纳情况（征求意见结束后；全部意见审核且标注采纳情况，否则 409 feedback_incomplete）', roles: '管理员、承办单位' });
  app.post('/api/v1/consultations/:id/report', async (req) => ({ data: await svc.publishReport(req.ctx, tid(req)) }));

  documentApi({ method: 'POST', url: '/api/v1/consultations/{id}/comments', summary: '工作人员登记通过信函、查阅场所等渠道收到的意见：text、receivedOn（征求意见期限内，可在截止后登记）、section?、name?、contact?', roles: '管理员、承办单位' });
  app.post('/api/v1/consultations/:id/comments', async (req, reply) => {
    try {
      return reply.status(201).send({ data: await svc.recordComment(req.ctx, tid(req), req.body) });
    } catch (err) {
      throw svc.as422(err);
    }
  });
  documentApi({ method: 'POST', url: '/api/v1/consultations/{id}/report-item', summary: '把已公布的采纳情况登记为政府信息草稿（本单位），再在信息管理中保密审查、发布', roles: '管理员、承办单位' });
  app.post('/api/v1/consultations/:id/report-item', async (req, reply) => reply.status(201).send({ data: { itemId: await svc.registerReportItem(req.ctx, tid(req)) } }));

  app.get('/consultations/:id', (req, reply) => consultationPage(req, reply, emptyForm()));
  app.post('/consultations/:id/comments', { config: commentLimit }, async (req, reply) => {
    const body = formBody(req);
    try {
      await svc.submitComment(req.ctx, idOf(req), { text: body.text ?? '', name: body.name, contact: body.contact, section: body.section });
      return reply.redirect(`/consultations/${idOf(req)}?sent=1#h-form`, 303);
    } catch (err) {
      if (err instanceof AppError && err.kind === 'invalid') return consultationPage(req, reply, { values: body, errors: err.fields }, 400);
      throw err;
    }
  });

  app.get('/consultations/:id/feedback', async (req, reply) => {
    const { c, view } = await svc.publicConsultation(req.ctx.db, idOf(req));
    const r = svc.publishedReport(c);
    if (!r) throw notFound('采纳情况');
    return sendHtml(reply, <FeedbackPage meta={pageMeta(req, reply, `${c.title} 意见采纳情况`)} v={view} r={r} />);
  });
}
