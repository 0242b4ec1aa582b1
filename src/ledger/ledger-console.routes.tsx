// Routes of the console pages and API around the ledgers: the district dashboard with drill-down,
// assessment, 回头看 rectifications, ledger settings, notifications and the mail outbox (pages in
// ledger-console-pages.tsx). Thin: rules and who may do what live in the services and ledger-policy.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import { documentApi, formBody, intParam, type ApiDoc } from '../web/http.js';
import * as adminSvc from './ledger-admin.js';
import * as assess from './ledger-assessment.js';
import { dashboard, taskDrillDown } from './ledger-dashboard.js';
import * as lookback from './ledger-lookback.js';
import { fieldErrors, planQuery, redirectWithFlash, sendXlsx } from './ledger-http.js';
import { assessmentPage, assessmentUnitPage, dashboardPage, lookbackPage, notificationsPage, outboxPage, settingsPage, taskPage } from './ledger-console-pages.js';

/** The query string of a request (kept across a redirect, e.g. ?plan=3). */
const qs = (req: FastifyRequest) => { const i = req.url.indexOf('?'); return i >= 0 ? req.url.slice(i) : ''; };
const id = (req: FastifyRequest, name = 'id') => intParam((req.params as Record<string, string>)[name]);
const ok = (data: unknown) => ({ data });
const api = (d: ApiDoc) => documentApi(d);

export async function registerLedgerConsoleRoutes(app: FastifyInstance): Promise<void> {
  app.get('/console/ledger-dashboard', (req, reply) => dashboardPage(req, reply));
  app.get('/console/ledger-dashboard/tasks/:id', (req, reply) => taskPage(req, reply));

  app.get('/console/assessment', (req, reply) => assessmentPage(req, reply));
  app.post('/console/assessment/scheme', async (req, reply) => {
    const body = formBody(req);
    try {
      await assess.saveScheme(req.ctx, body);
      return redirectWithFlash(reply, req.url.replace('/assessment/scheme', '/assessment'), '评分方案已保存');
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields) return assessmentPage(req, reply, { values: body, errors: fields }, 400);
      throw err;
    }
  });
  app.get('/console/assessment/export.xlsx', async (req, reply) => sendXlsx(reply, await assess.exportAssessment(req.ctx, planQuery(req))));
  app.get('/console/assessment/units/:unitId', (req, reply) => assessmentUnitPage(req, reply));

  app.get('/console/lookback', (req, reply) => lookbackPage(req, reply));
  app.post('/console/lookback/generate', async (req, reply) => {
    const r = await lookback.generateRectifications(req.ctx, planQuery(req));
    return redirectWithFlash(reply, req.url.replace('/lookback/generate', '/lookback'), r.source ? `从“${r.source}”新增整改事项 ${r.added} 项` : '没有找到上一年度的工作方案');
  });
  app.post('/console/lookback/:id', async (req, reply) => {
    const body = formBody(req);
    const rid = id(req);
    try {
      await lookback.updateRectification(req.ctx, rid, { status: body[`status_${rid}`], note: body[`note_${rid}`], completedOn: body[`completedOn_${rid}`] });
      return redirectWithFlash(reply, `/console/lookback${qs(req)}`, '整改情况已保存');
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields) return lookbackPage(req, reply, undefined, Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${k}_${rid}`, v])), { ...body, id: String(rid) }, 400);
      throw err;
    }
  });

  app.get('/console/ledger-settings', (req, reply) => settingsPage(req, reply));
  app.post('/console/ledger-settings/reminders', async (req, reply) => {
    const body = formBody(req);
    try {
      const n = await adminSvc.saveReminderDays(req.ctx, body);
      return redirectWithFlash(reply, `/console/ledger-settings${qs(req)}`, `已保存：到期前 ${n} 个工作日提醒`);
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields) return settingsPage(req, reply, { days: { values: body, errors: fields } }, 400);
      throw err;
    }
  });
  app.post('/console/ledger-settings/lead-duties', async (req, reply) => {
    const body = formBody(req);
    try {
      const plan = planQuery(req);
      const s = await adminSvc.ledgerSettings(req.ctx, plan);
      if (!s.plan) throw new AppError('not_found', 'not_found', '工作方案不存在');
      await adminSvc.saveDutyOverride(req.ctx, s.plan.id, body);
      return redirectWithFlash(reply, `/console/ledger-settings${qs(req)}`, '对应关系已保存');
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields) return settingsPage(req, reply, { duty: { values: body, errors: fields } }, 400);
      throw err;
    }
  });

  app.get('/console/notifications', (req, reply) => notificationsPage(req, reply));
  app.post('/console/notifications/read', async (req, reply) => {
    const n = await adminSvc.markRead(req.ctx, 'all');
    return redirectWithFlash(reply, '/console/notifications', `已将 ${n} 条通知标为已读`);
  });
  app.get('/console/outbox', (req, reply) => outboxPage(req, reply));
  app.post('/console/outbox/contacts', async (req, reply) => {
    const body = formBody(req);
    try {
      await adminSvc.saveContact(req.ctx, body);
      return redirectWithFlash(reply, '/console/outbox', '邮箱已保存');
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields) return outboxPage(req, reply, { values: body, errors: fields }, 400);
      throw err;
    }
  });

  // JSON API.
  api({ method: 'GET', url: '/api/v1/ledgers/dashboard', summary: '台账总览：各单位报送情况、按单位和领域的完成率与逾期率、逾期清单（前200条）、按任务统计。参数 plan', roles: 'admin, auditor' });
  app.get('/api/v1/ledgers/dashboard', async (req) => {
    const d = await dashboard(req.ctx, planQuery(req));
    if (!d) return ok(null);
    const { charts: _c, ...rest } = d;
    return ok(rest);
  });
  api({ method: 'GET', url: '/api/v1/ledgers/tasks/{taskId}', summary: '一项任务在各单位台账中的工作举措（下钻）', roles: 'admin, auditor' });
  app.get('/api/v1/ledgers/tasks/:id', async (req) => ok(await taskDrillDown(req.ctx, id(req))));
  api({ method: 'GET', url: '/api/v1/ledgers/assessment', summary: '考核：评分方案、各单位得分、排名及每项得分依据。参数 plan', roles: 'admin, auditor' });
  app.get('/api/v1/ledgers/assessment', async (req) => ok(await assess.assessment(req.ctx, planQuery(req))));
  api({ method: 'GET', url: '/api/v1/ledgers/assessment/{unitId}', summary: '一个单位得分背后的事实：报送记录、各条举措、牵头指导。参数 plan', roles: 'admin, auditor' });
  app.get('/api/v1/ledgers/assessment/:unitId', async (req) => {
    const a = await assess.assessment(req.ctx, planQuery(req));
    if (!a) throw new AppError('not_found', 'not_found', '工作方案不存在');
    const { cstDate: _f, ...d } = await assess.assessmentDetail(req.ctx, a.plan.id, id(req, 'unitId'));
    return ok(d);
  });
  api({ method: 'GET', url: '/api/v1/ledgers/assessment/export.xlsx', summary: '导出考核结果（.xlsx）。参数 plan', roles: 'admin, auditor' });
  app.get('/api/v1/ledgers/assessment/export.xlsx', async (req, reply) => sendXlsx(reply, await assess.exportAssessment(req.ctx, planQuery(req))));
  api({ method: 'PUT', url: '/api/v1/ledgers/assessment/scheme', summary: '修改评分方案（权重与系数）', roles: 'admin', body: { timely: 'number', completion: 'number', overdue: 'number', evidence: 'number', guidance: 'number', disclosure: 'number (optional, default 0)', annualReport: 'number (optional, default 0)', latePartial: '0-1', overduePenalty: '0-1' } });
  app.put('/api/v1/ledgers/assessment/scheme', async (req) => ok(await assess.saveScheme(req.ctx, req.body)));
  api({ method: 'GET', url: '/api/v1/ledgers/lookback', summary: '回头看：上一年度未完成举措的整改清单（单位用户只见本单位）。参数 plan', roles: '已登录' });
  app.get('/api/v1/ledgers/lookback', async (req) => ok(await lookback.listRectifications(req.ctx, planQuery(req))));
  api({ method: 'POST', url: '/api/v1/ledgers/lookback/generate', summary: '从上一年度台账生成整改清单（幂等）。参数 plan', roles: 'admin' });
  app.post('/api/v1/ledgers/lookback/generate', async (req) => ok(await lookback.generateRectifications(req.ctx, planQuery(req))));
  api({ method: 'PUT', url: '/api/v1/ledgers/lookback/{id}', summary: '更新整改状态与情况', roles: '责任单位 unit_operator, unit_reviewer', body: { status: 'pending|in_progress|done', note: 'string?', completedOn: 'YYYY-MM-DD?' } });
  app.put('/api/v1/ledgers/lookback/:id', async (req) => { await lookback.updateRectification(req.ctx, id(req), req.body); return ok({ ok: true }); });
  api({ method: 'PUT', url: '/api/v1/ledgers/settings/reminder-days', summary: '到期前提前提醒的工作日数（0–30，默认3）', roles: 'admin', body: { reminderDays: 'integer' } });
  app.put('/api/v1/ledgers/settings/reminder-days', async (req) => ok({ reminderDays: await adminSvc.saveReminderDays(req.ctx, req.body) }));
  api({ method: 'GET', url: '/api/v1/notifications', summary: '本人的通知（最近100条）和未读数', roles: '已登录' });
  app.get('/api/v1/notifications', async (req) => ok(await adminSvc.listNotifications(req.ctx)));
  api({ method: 'POST', url: '/api/v1/notifications/read', summary: '标为已读：ids 为通知编号数组，或 all=true', roles: '已登录', body: { ids: 'integer[]?', all: 'boolean?' } });
  app.post('/api/v1/notifications/read', async (req) => {
    const b = (req.body ?? {}) as { ids?: unknown; all?: unknown };
    const ids = Array.isArray(b.ids) ? b.ids.map(Number).filter((n) => Number.isInteger(n) && n > 0) : [];
    return ok({ updated: await adminSvc.markRead(req.ctx, b.all === true ? 'all' : ids) });
  });
  api({ method: 'GET', url: '/api/v1/outbox', summary: '邮件发件箱（最近200封）与按状态计数', roles: 'admin' });
  app.get('/api/v1/outbox', async (req) => ok(await adminSvc.listOutbox(req.ctx)));
}
