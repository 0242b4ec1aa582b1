// All routes of the decisions module: consultations (contract API and public pages), the public
// catalog and decision pages, the catalog API, and the console.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app/module.js';
import { todayCst } from '../lib/time.js';
import { actorArea } from '../org/public.js';
import { documentApi, intParam, pageMeta, sendHtml } from '../web/http.js';
import { CatalogPage, DecisionPage } from './catalog.pages.js';
import * as cat from './catalog.service.js';
import { consoleRoutes } from './console.routes.js';
import { meetingsOfDecision, openConsultations } from './decisions.repo.js';
import { consultationRoutes } from './consultations.routes.js';
import { listParticipation } from './participation.service.js';
import { participationRoutes } from './participation.routes.js';
import { consultationStatus } from './pure/rules.js';

const idOf = (req: FastifyRequest) => intParam((req.params as Record<string, string>).id);
const yearOf = (req: FastifyRequest) => {
  const y = Number((req.query as Record<string, unknown>).year);
  return Number.isInteger(y) && y > 1999 && y < 2101 ? y : null;
};

const decisionView = (d: cat.Decision) => ({
  id: d.id, year: d.year, name: d.name, category: d.category, decisionBody: d.decision_body, leadUnitId: d.lead_unit_id,
  supportingUnits: d.supporting_units, legalBasis: d.legal_basis, plannedOn: d.planned_on, hearing: !!d.hearing,
  steps: d.steps ? d.steps.split(',') : [], status: d.status, statusSince: d.status_since, url: `/decisions/${d.id}`,
});

export async function decisionsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await consultationRoutes(app, deps);
  await consoleRoutes(app);
  await participationRoutes(app, deps);

  app.get('/decisions', async (req, reply) => {
    const areaId = await actorArea(req.ctx);
    const c = await cat.catalog(req.ctx.db, areaId, yearOf(req));
    const today = todayCst();
    const open = (await openConsultations(req.ctx.db, areaId, today))
      .map((x) => ({ ...x, status: consultationStatus(x, today) }));
    const part = await listParticipation(req.ctx.db, areaId);
    return sendHtml(reply, <CatalogPage meta={pageMeta(req, reply, '重大行政决策事项目录')} years={c.years} year={c.year} rows={c.rows} open={open} today={today} meetings={part.meetings} openDays={part.openDays} />);
  });
  app.get('/decisions/:id', async (req, reply) => {
    const p = await cat.decisionPage(req.ctx.db, idOf(req));
    const meetings = await meetingsOfDecision(req.ctx.db, p.d.id);
    return sendHtml(reply, <DecisionPage meta={pageMeta(req, reply, p.d.name)} {...p} meetings={meetings} today={todayCst()} />);
  });

  documentApi({ method: 'GET', url: '/api/v1/public/decisions', summary: '重大行政决策事项目录：year（默认最近一年）', roles: '公开（无需登录）' });
  app.get('/api/v1/public/decisions', async (req) => {
    const c = await cat.catalog(req.ctx.db, await actorArea(req.ctx), yearOf(req));
    return { data: { years: c.years, year: c.year, items: c.rows.map((d) => ({ ...decisionView(d), leadUnit: d.lead_unit })) } };
  });
  documentApi({ method: 'POST', url: '/api/v1/decisions', summary: '列入决策事项目录', roles: '管理员', body: { year: '年度', name: '事项名称', category: '1–5（第三条（一）–（五））', decisionBody: '决策主体', leadUnit: '牵头承办单位名称或编号', supportingUnits: '配合单位', legalBasis: '法律依据', plannedOn: 'YYYY-MM-DD', hearing: 'true|false', steps: 'public,expert,risk,legality,collective' } });
  app.post('/api/v1/decisions', async (req, reply) => reply.status(201).send({ data: decisionView(await cat.createDecision(req.ctx, req.body)) }));
  documentApi({ method: 'POST', url: '/api/v1/decisions/{id}/advance', summary: '完成当前环节并进入下一环节：evidenceItemId（证明材料的信息编号，必填）、completedOn、note；进入决策公布前须公布全部征求意见的采纳情况', roles: '管理员、牵头承办单位' });
  app.post('/api/v1/decisions/:id/advance', async (req) => ({ data: decisionView(await cat.advanceDecision(req.ctx, idOf(req), req.body)) }));
  documentApi({ method: 'POST', url: '/api/v1/decisions/{id}/adjust', summary: '目录动态调整：与新增相同的字段，另加 reason（必填）；原内容和理由记入时间线', roles: '管理员' });
  app.post('/api/v1/decisions/:id/adjust', async (req) => ({ data: decisionView(await cat.adjustDecision(req.ctx, idOf(req), req.body)) }));
}
