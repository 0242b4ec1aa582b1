// Routes of 政策问答: public pages (/ask, /qa, /consult), the JSON API, and the console pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app/module.js';
import { DEFAULT_TOPICS } from '../disclosure/public.js';
import { AppError, notFound } from '../lib/errors.js';
import { listUnitsInArea } from '../org/public.js';
import { emptyForm } from '../web/components/form.js';
import { documentApi, formBody, intParam, pageMeta, sendHtml } from '../web/http.js';
import { consultConsoleRoutes } from './qa-console.routes.js';
import * as consult from './consult.service.js';
import { answerQuestion, engineFor, type Citation } from './engine.js';
import * as entries from './entries.service.js';
import { logQuery, recordFeedback } from './feedback.service.js';
import { listMedia } from './media.service.js';
import { AskPage, ConsultFormPage, ConsultListPage, ConsultThanksPage, QaEntryPage, QaListPage } from './qa-public.views.js';

const qOf = (req: FastifyRequest, name = 'q') => {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v.trim() : '';
};
const publicCsrf = (reply: FastifyReply) => reply.generateCsrf();

/** Citations of an entry's sources, or null when any source is no longer citable today. */
async function entryCitations(req: FastifyRequest, areaId: number, e: { question: string; sources: { itemId: number; article: number }[] }): Promise<Citation[] | null> {
  const bad = await entries.checkSources(req.ctx.db, areaId, e.sources);
  if (Object.keys(bad).length) return null;
  const engine = await engineFor(req.ctx.db, req.ctx.dialect, areaId);
  const out: Citation[] = [];
  for (const s of e.sources) {
    const c = engine.clause(s.itemId, s.article);
    if (!c) return null;
    out.push({ itemId: s.itemId, article: s.article, label: c.label, title: c.title, docNumber: c.docNumber, validity: '现行有效', unitName: c.unitName, href: `/items/${s.itemId}#art-${s.article}`, quote: c.text });
  }
  return out;
}

export async function qaRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // Same per-IP limit as the portal search for questions; messages are limited much more tightly.
  const askLimit = { rateLimit: { max: deps.config.searchRateLimit, timeWindow: '1 minute' } };
  const postLimit = { rateLimit: { max: 20, timeWindow: '1 hour' } };
  // ── public pages ──
  app.get('/ask', { config: askLimit }, async (req, reply) => {
    const q = qOf(req);
    const areaId = await consult.portalAreaId(req.ctx.db);
    const meta = pageMeta(req, reply, q ? `政策问答：${q.slice(0, 30)}` : '政策问答');
    const thanks = qOf(req, 'thanks') === '1';
    if (q.length > 200) return sendHtml(reply, <AskPage meta={meta} q={q.slice(0, 200)} error="问题不能超过200个字" outcome={null} csrf={publicCsrf(reply)} />, 400);
    if (!q) return sendHtml(reply, <AskPage meta={meta} q="" outcome={null} csrf={publicCsrf(reply)} thanks={thanks} />);
    const outcome = await answerQuestion(req.ctx.db, req.ctx.dialect, areaId, q);
    if (!thanks) await logQuery(req.ctx.db, areaId, q, outcome);
    const entryIds = outcome.answers.flatMap((a) => (a.entryId ? [a.entryId] : []));
    const entryForms = await entries.entryForms(req.ctx.db, entryIds);
    return sendHtml(reply, <AskPage meta={meta} q={q} outcome={outcome} csrf={publicCsrf(reply)} thanks={thanks} entryForms={entryForms} />);
  });
  app.post('/ask/feedback', { config: askLimit }, async (req, reply) => {
    const body = formBody(req);
    const areaId = await consult.portalAreaId(req.ctx.db);
    try {
      await recordFeedback(req.ctx, areaId, body);
    } catch (e) {
      if (e instanceof AppError && e.kind === 'invalid') return sendHtml(reply, <AskPage meta={pageMeta(req, reply, '政策问答')} q={(body.q ?? '').slice(0, 200)} error="评价未能提交，请重新提问后再评价" outcome={null} csrf={publicCsrf(reply)} />, 400);
      throw e;
    }
    return reply.redirect(`/ask?q=${encodeURIComponent(body.q ?? '')}&thanks=1`, 303);
  });

  app.get('/qa', async (req, reply) => {
    const areaId = await consult.portalAreaId(req.ctx.db);
    const q = qOf(req).slice(0, 200);
    const topic = qOf(req, 'topic');
    const audience = qOf(req, 'audience');
    let rows = await entries.publicEntries(req.ctx.db, areaId, { topic: topic || undefined, audience: audience || undefined });
    if (q) {
      const engine = await engineFor(req.ctx.db, req.ctx.dialect, areaId);
      const hits = engine.candidates(engine.analyzer.concepts(q), 100).entries.filter((h) => h.coverage >= 0.5);
      const order = new Map(hits.map((h, i) => [h.entry.entryId, i]));
      rows = rows.filter((r) => order.has(r.id)).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    }
    const topics = [...entries.LIFE_TOPICS, ...DEFAULT_TOPICS.map((t) => t.name)];
    return sendHtml(reply, <QaListPage meta={pageMeta(req, reply, '政策问答库')} q={q} topic={topic} audience={audience} topics={topics} entries={rows} />);
  });
  app.get('/qa/:id', async (req, reply) => {
    const id = intParam((req.params as Record<string, string>).id);
    const areaId = await consult.portalAreaId(req.ctx.db);
    const e = await entries.findEntry(req.ctx.db, id);
    if (!e || e.status !== 'published' || e.area_id !== areaId) throw notFound('问答');
    const citations = await entryCitations(req, areaId, e);
    if (!citations) throw notFound('问答');
    const files = (await listMedia(req.ctx.db, id)).map((m) => ({ id: m.id, kind: m.kind, mime: m.mime, file_name: m.file_name, description: m.description }));
    return sendHtml(reply, <QaEntryPage meta={pageMeta(req, reply, e.question)} e={e} citations={citations} csrf={publicCsrf(reply)} media={files} ownerName={e.owner_unit_id === null ? undefined : (await consult.unitNames(req.ctx.db, areaId)).get(e.owner_unit_id)} />);
  });

  const consultUnits = async (req: FastifyRequest) => {
    const areaId = await consult.portalAreaId(req.ctx.db);
    return (await listUnitsInArea(req.ctx.db, areaId)).filter((u) => u.id !== areaId).map((u) => ({ id: u.id, name: u.name }));
  };
  app.get('/consult', async (req, reply) => {
    const areaId = await consult.portalAreaId(req.ctx.db);
    return sendHtml(reply, <ConsultListPage meta={pageMeta(req, reply, '留言咨询')} rows={await consult.publishedReplies(req.ctx.db, areaId)} />);
  });
  app.get('/consult/new', async (req, reply) => sendHtml(reply, (
    <ConsultFormPage meta={pageMeta(req, reply, '我要留言')} form={emptyForm({ question: qOf(req, 'question').slice(0, 1000) })} csrf={publicCsrf(reply)} units={await consultUnits(req)} replyDays={await consult.replyDays(req.ctx.db)} />
  )));
  app.post('/consult', { config: postLimit }, async (req, reply) => {
    const body = formBody(req);
    try {
      const id = await consult.submitMessage(req.ctx, body);
      const due = await consult.messageDue(req.ctx.db, id);
      return sendHtml(reply, <ConsultThanksPage meta={pageMeta(req, reply, '留言已提交')} id={id} due={due} />);
    } catch (e) {
      if (e instanceof AppError && e.kind === 'invalid') {
        return sendHtml(reply, <ConsultFormPage meta={pageMeta(req, reply, '我要留言')} form={{ values: body, errors: e.fields }} csrf={publicCsrf(reply)} units={await consultUnits(req)} replyDays={await consult.replyDays(req.ctx.db)} />, 400);
      }
      throw e;
    }
  });

  // ── API ──
  documentApi({ method: 'GET', url: '/api/v1/public/answers', summary: '政策问答：?q= 问题 → { abstained, answers:[{kind: entry|clause, entryId?, itemId, article, text, score, citations}], nearest }；低于置信度时 abstained=true（未找到现行有效依据）', roles: '匿名' });
  app.get('/api/v1/public/answers', { config: askLimit }, async (req) => {
    const q = qOf(req);
    if (!q) throw new AppError('invalid', 'validation_failed', '请填写问题', { q: '请填写问题' });
    if (q.length > 200) throw new AppError('invalid', 'validation_failed', '问题不能超过200个字', { q: '问题不能超过200个字' });
    const areaId = await consult.portalAreaId(req.ctx.db);
    const o = await answerQuestion(req.ctx.db, req.ctx.dialect, areaId, q);
    await logQuery(req.ctx.db, areaId, q, o);
    return {
      abstained: o.abstained,
      answers: o.answers.map((a) => ({ kind: a.kind, ...(a.entryId ? { entryId: a.entryId } : {}), itemId: a.itemId, article: a.article, text: a.text, score: a.score, citations: a.citations })),
      nearest: o.nearest,
      ...(o.abstained ? { message: '未找到现行有效依据', routes: { hotline: '12345', request: `/requests/new?description=${encodeURIComponent(q)}`, consult: `/consult/new?question=${encodeURIComponent(q)}` } } : {}),
    };
  });
  documentApi({ method: 'POST', url: '/api/v1/public/answers/feedback', summary: '对答复的评价（有用/没用/报错）', roles: '匿名', body: { q: 'string', verdict: 'useful|useless|error', entryId: 'integer?', itemId: 'integer?', article: 'integer?' } });
  app.post('/api/v1/public/answers/feedback', { config: askLimit }, async (req, reply) => {
    const areaId = await consult.portalAreaId(req.ctx.db);
    const id = await recordFeedback(req.ctx, areaId, req.body);
    return reply.status(201).send({ id, data: { id } });
  });

  const ENTRY_BODY = {
    question: 'string', answer: 'string', sources: '[{ itemId, article }]（已发布、现行有效且有该条的文件，否则 422 qa_source_invalid）', status: 'draft|review|published',
    altQuestions: 'string[]?', topics: 'string[]?', audience: '个人|企业|个人和企业', form: 'text|graphic|video', ownerUnitId: 'integer?', nextReviewOn: 'YYYY-MM-DD?（≤12个月）',
  };
  documentApi({ method: 'POST', url: '/api/v1/qa/entries', summary: '新建政策问答条目 → 201 { id }', roles: 'admin, unit_reviewer（发布）, unit_operator（草稿/送审）', body: ENTRY_BODY });
  app.post('/api/v1/qa/entries', async (req, reply) => {
    const id = await entries.createEntry(req.ctx, req.body);
    return reply.status(201).send({ id, data: { id } });
  });
  documentApi({ method: 'GET', url: '/api/v1/qa/entries', summary: '政策问答条目列表（?status=）', roles: '已登录' });
  app.get('/api/v1/qa/entries', async (req) => ({ data: await entries.listEntries(req.ctx, { status: qOf(req, 'status') || undefined }) }));
  documentApi({ method: 'GET', url: '/api/v1/qa/entries/{id}', summary: '政策问答条目详情（含 media：图解/视频及其文字说明；href 为门户地址，条目发布后可访问）', roles: '已登录' });
  app.get('/api/v1/qa/entries/:id', async (req) => {
    const e = await entries.readableEntry(req.ctx, intParam((req.params as Record<string, string>).id));
    const files = (await listMedia(req.ctx.db, e.id)).map((m) => ({ id: m.id, kind: m.kind, format: m.format, mime: m.mime, fileName: m.file_name, size: m.size, description: m.description, href: `/qa/media/${m.id}` }));
    return { data: { ...e, media: files } };
  });
  documentApi({ method: 'POST', url: '/api/v1/qa/entries/{id}/status', summary: '条目送审、发布或撤回为草稿', roles: 'admin, unit_reviewer', body: { status: 'review|published|draft' } });
  app.post('/api/v1/qa/entries/:id/status', async (req) => {
    const to = (req.body as Record<string, unknown> | undefined)?.status;
    if (to !== 'review' && to !== 'published' && to !== 'draft') throw new AppError('invalid', 'validation_failed', '状态无效', { status: '请选择 review、published 或 draft' });
    await entries.moveEntry(req.ctx, intParam((req.params as Record<string, string>).id), to);
    return { data: { ok: true } };
  });

  await consultConsoleRoutes(app, deps);
}
