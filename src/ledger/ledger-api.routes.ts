// The JSON API of the ledgers under /api/v1/ledgers (documented for /api/docs). Thin: every rule,
// including who may do what (ledger-policy.ts), is in the services.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app/module.js';
import { AppError } from '../lib/errors.js';
import { documentApi, intParam, type ApiDoc } from '../web/http.js';
import * as excel from './ledger-excel.js';
import { id, planQuery, readMultipart, sendXlsx } from './ledger-http.js';
import { readsWholeArea } from './ledger-policy.js';
import * as svc from './ledger.service.js';

type Req = FastifyRequest;
const api = (d: ApiDoc) => documentApi(d);

export async function registerLedgerApiRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const dataDir = deps.config.dataDir;
  const ok = (data: unknown) => ({ data });
  api({ method: 'GET', url: '/api/v1/ledgers', summary: '台账列表：政务公开办、审计员为本方案全部责任单位（含报送情况、完成与逾期数）；单位用户为本单位台账及可指导的牵头台账。参数 plan=方案编号（默认最新）', roles: '已登录' });
  app.get('/api/v1/ledgers', async (req) => {
    const plan = await svc.resolvePlan(req.ctx, planQuery(req));
    const a = req.ctx.actor;
    if (!plan) return ok({ plan: null, units: [] });
    if (readsWholeArea(a)) return ok({ plan, units: await svc.districtList(req.ctx, plan) });
    return ok({ plan, ...(await svc.unitList(req.ctx, plan)) });
  });
  api({ method: 'POST', url: '/api/v1/ledgers', summary: '创建（或同步任务行）本单位在某方案下的台账；管理员须指定 unitId', roles: 'unit_operator, unit_reviewer, admin', body: { planId: 'integer', unitId: 'integer?' } });
  app.post('/api/v1/ledgers', async (req, reply) => reply.status(201).send(ok({ id: await svc.createLedger(req.ctx, req.body) })));
  api({ method: 'POST', url: '/api/v1/ledgers/generate-all', summary: '为方案的所有责任单位生成台账', roles: 'admin', body: { planId: 'integer' } });
  app.post('/api/v1/ledgers/generate-all', async (req) => ok({ created: await svc.createAllLedgers(req.ctx, intParam((req.body as Record<string, unknown> | null)?.planId)) }));
  api({ method: 'GET', url: '/api/v1/ledgers/export.xlsx', summary: '导出全区台账（每单位一个工作表，附件3格式）。参数 plan', roles: 'admin, auditor' });
  app.get('/api/v1/ledgers/export.xlsx', async (req, reply) => sendXlsx(reply, await excel.exportDistrict(req.ctx, planQuery(req))));
  api({ method: 'GET', url: '/api/v1/ledgers/{id}', summary: '一个台账：任务行、工作举措（到期日、状态、进展、佐证）、意见；牵头部门只得到其牵头内容的任务行', roles: '本单位、admin、auditor、牵头部门' });
  app.get('/api/v1/ledgers/:id', async (req) => {
    const v = await svc.getLedger(req.ctx, id(req));
    const { access, ...rest } = v;
    return ok({ ...rest, access: { mode: access.mode, editContent: access.editContent, editProgress: access.editProgress, requestReview: access.requestReview, submit: access.submit, reviewerReturn: access.reviewerReturn, accept: access.accept, return: access.ret, reopen: access.reopen, guide: access.guide } });
  });
  api({ method: 'GET', url: '/api/v1/ledgers/{id}/history', summary: '报送历史：每一版的快照、审核结果和意见', roles: '本单位、admin、auditor' });
  app.get('/api/v1/ledgers/:id/history', async (req) => {
    const h = await svc.ledgerHistory(req.ctx, id(req));
    return ok({ ledger: h.ledger, versions: h.versions.map(({ snapshot_json: _s, ...v }) => v), comments: h.comments });
  });
  const measureBody = { content: 'string', timeLimit: 'string?', leader: 'string?', section: 'string?', dueDate: 'YYYY-MM-DD?', anchorDate: 'YYYY-MM-DD?（N个工作日内的任务：起算日期）', status: 'not_started|in_progress|done', completedOn: 'YYYY-MM-DD?' };
  api({ method: 'POST', url: '/api/v1/ledgers/{id}/rows/{rowId}/measures', summary: '添加工作举措（到期日由工作方案时限、起算日期或单位自定日期得出）', roles: '本单位 unit_operator, unit_reviewer（草稿或已退回时）', body: measureBody });
  app.post('/api/v1/ledgers/:id/rows/:rowId/measures', async (req, reply) => reply.status(201).send(ok({ id: await svc.addMeasure(req.ctx, id(req), id(req, 'rowId'), req.body) })));
  api({ method: 'PUT', url: '/api/v1/ledgers/{id}/measures/{measureId}', summary: '修改工作举措', roles: '本单位 unit_operator, unit_reviewer（草稿或已退回时）', body: measureBody });
  app.put('/api/v1/ledgers/:id/measures/:mid', async (req) => { await svc.updateMeasure(req.ctx, id(req), id(req, 'mid'), req.body); return ok({ ok: true }); });
  api({ method: 'PUT', url: '/api/v1/ledgers/{id}/measures/{measureId}/status', summary: '更新举措状态与完成日期（任何阶段）', roles: '本单位 unit_operator, unit_reviewer', body: { status: 'not_started|in_progress|done', completedOn: 'YYYY-MM-DD?' } });
  app.put('/api/v1/ledgers/:id/measures/:mid/status', async (req) => { await svc.updateMeasureStatus(req.ctx, id(req), id(req, 'mid'), req.body); return ok({ ok: true }); });
  api({ method: 'DELETE', url: '/api/v1/ledgers/{id}/measures/{measureId}', summary: '删除工作举措', roles: '本单位 unit_operator, unit_reviewer（草稿或已退回时）' });
  app.delete('/api/v1/ledgers/:id/measures/:mid', async (req) => { await svc.deleteMeasure(req.ctx, id(req), id(req, 'mid')); return ok({ ok: true }); });
  api({ method: 'POST', url: '/api/v1/ledgers/{id}/measures/{measureId}/progress', summary: '添加进展情况', roles: '本单位 unit_operator, unit_reviewer', body: { onDate: 'YYYY-MM-DD?', note: 'string' } });
  app.post('/api/v1/ledgers/:id/measures/:mid/progress', async (req, reply) => reply.status(201).send(ok({ id: await svc.addProgress(req.ctx, id(req), id(req, 'mid'), req.body) })));
  api({ method: 'POST', url: '/api/v1/ledgers/{id}/measures/{measureId}/evidence', summary: '添加佐证材料：JSON {kind:"item",itemId}、{kind:"url",url} 或 {kind:"participation",target:"consultation|decision|meeting|open_day",targetId}（本区有公开页面的决策事项、征求意见、列席会议、开放日；不存在、其他区或不公开的记录一律返回同一 400 错误）；或 multipart 上传文件（字段 file、label）', roles: '本单位 unit_operator, unit_reviewer', body: { kind: 'item|url|participation', itemId: 'integer?', url: 'string?', target: 'consultation|decision|meeting|open_day?', targetId: 'integer?', label: 'string?' } });
  app.post('/api/v1/ledgers/:id/measures/:mid/evidence', async (req, reply) => {
    if (req.isMultipart()) {
      await svc.requireEvidenceUpload(req.ctx, id(req), id(req, 'mid'));
      const { fields, file } = await readMultipart(req);
      if (!file) throw new AppError('invalid', 'validation_failed', '请选择要上传的文件', { file: '请选择要上传的文件' });
      return reply.status(201).send(ok({ id: await svc.addEvidence(req.ctx, id(req), id(req, 'mid'), { label: fields.label }, file, dataDir) }));
    }
    return reply.status(201).send(ok({ id: await svc.addEvidence(req.ctx, id(req), id(req, 'mid'), req.body) }));
  });
  api({ method: 'DELETE', url: '/api/v1/ledgers/{id}/evidence/{evidenceId}', summary: '删除佐证材料', roles: '本单位 unit_operator, unit_reviewer' });
  app.delete('/api/v1/ledgers/:id/evidence/:eid', async (req) => { await svc.removeEvidence(req.ctx, id(req), id(req, 'eid')); return ok({ ok: true }); });
  const flow: [string, string, string, (req: Req) => Promise<void>, Record<string, string>?][] = [
    ['request-review', '联络员提请本单位审核人审核（每项任务至少一条举措）', '本单位 unit_operator, unit_reviewer', (req) => svc.requestReview(req.ctx, id(req))],
    ['reviewer-return', '单位审核人退回联络员修改', '本单位 unit_reviewer', (req) => svc.reviewerReturn(req.ctx, id(req), req.body), { comment: 'string' }],
    ['submit', '单位审核人审核通过并报送政务公开办（生成版本快照）', '本单位 unit_reviewer', (req) => svc.submitLedger(req.ctx, id(req), req.body ?? {}), { comment: 'string?' }],
    ['accept', '政务公开办审核通过', 'admin', (req) => svc.acceptLedger(req.ctx, id(req), req.body ?? {}), { comment: 'string?' }],
    ['return', '政务公开办退回：总体意见和/或按任务行的意见 rows: {行编号: 意见}', 'admin', (req) => svc.returnLedger(req.ctx, id(req), req.body), { comment: 'string?', rows: 'object?' }],
    ['reopen', '单位审核人重新打开已通过的台账（开始新版本）', '本单位 unit_reviewer', (req) => svc.reopenLedger(req.ctx, id(req), req.body), { comment: 'string' }],
  ];
  for (const [path, summary, roles, run, body] of flow) {
    api({ method: 'POST', url: `/api/v1/ledgers/{id}/${path}`, summary, roles, body });
    app.post(`/api/v1/ledgers/:id/${path}`, async (req) => { await run(req); return ok({ status: (await svc.accessFor(req.ctx, id(req))).ledger.status }); });
  }
  api({ method: 'POST', url: '/api/v1/ledgers/{id}/rows/{rowId}/guidance', summary: '牵头部门对其牵头内容的任务行留下指导意见', roles: '牵头部门的 unit_operator, unit_reviewer', body: { body: 'string' } });
  app.post('/api/v1/ledgers/:id/rows/:rowId/guidance', async (req, reply) => reply.status(201).send(ok({ id: await svc.addGuidance(req.ctx, id(req), id(req, 'rowId'), req.body) })));
  api({ method: 'GET', url: '/api/v1/ledgers/{id}/export.xlsx', summary: '导出一个单位的台账（附件3格式 .xlsx）', roles: '本单位、admin、auditor、牵头部门（仅牵头内容）' });
  app.get('/api/v1/ledgers/:id/export.xlsx', async (req, reply) => sendXlsx(reply, await excel.exportLedger(req.ctx, id(req))));
  api({ method: 'POST', url: '/api/v1/ledgers/{id}/import', summary: '导入填写好的附件3台账（multipart，字段 file）。有任何错误则不写入，返回 400 与按工作表/行/列列出的错误', roles: '本单位 unit_operator, unit_reviewer（草稿或已退回时）' });
  app.post('/api/v1/ledgers/:id/import', async (req, reply) => {
    await excel.requireLedgerImport(req.ctx, id(req));
    const { file } = await readMultipart(req);
    if (!file) throw new AppError('invalid', 'validation_failed', '请选择要导入的 Excel 文件', { file: '请选择要导入的 Excel 文件' });
    const r = await excel.importLedger(req.ctx, id(req), file.data);
    if (!r.ok) return reply.status(400).send({ error: { code: 'invalid_workbook', message: `文件有 ${r.errors.length} 处问题，未导入任何内容`, fields: {}, issues: r.errors, warnings: r.warnings } });
    return ok(r);
  });
}
