// Routes of the ledger module: the console pages of the ledgers (/console/ledgers …, rendered by
// ledger-pages.tsx), then the JSON API (ledger-api.routes.ts) and the dashboard, assessment, 回头看,
// settings, notifications and outbox pages (ledger-console.routes.tsx). Thin: rules live in services.
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import { formBody } from '../web/http.js';
import type { AppDeps } from '../app/module.js';
import * as svc from './ledger.service.js';
import * as excel from './ledger-excel.js';
import { fieldErrors, id, planQuery, readMultipart, redirectWithFlash, remap, sendXlsx } from './ledger-http.js';
import { registerLedgerApiRoutes } from './ledger-api.routes.js';
import { registerLedgerConsoleRoutes } from './ledger-console.routes.js';
import { historyPage, importPage, ledgerPage, listPage, measurePage, newMeasurePage, reviewPage } from './ledger-pages.js';

type Req = FastifyRequest;

export async function ledgerRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const dataDir = deps.config.dataDir;

  app.get('/console/ledgers', (req, reply) => listPage(req, reply));
  app.post('/console/ledgers', async (req, reply) => {
    const body = formBody(req);
    try {
      const ledgerId = await svc.createLedger(req.ctx, body);
      return reply.redirect(`/console/ledgers/${ledgerId}`, 303);
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields) return listPage(req, reply, undefined, fields, 400);
      throw err;
    }
  });
  app.post('/console/ledgers/create-all', async (req, reply) => {
    const plan = await svc.resolvePlan(req.ctx, planQuery(req));
    if (!plan) throw new AppError('not_found', 'not_found', '工作方案不存在');
    const n = await svc.createAllLedgers(req.ctx, plan.id);
    return redirectWithFlash(reply, `/console/ledgers?plan=${plan.id}`, `已为 ${n} 个单位生成台账`);
  });
  app.get('/console/ledgers/export.xlsx', async (req, reply) => sendXlsx(reply, await excel.exportDistrict(req.ctx, planQuery(req))));

  app.get('/console/ledgers/:id', (req, reply) => ledgerPage(req, reply, id(req)));
  app.get('/console/ledgers/:id/export.xlsx', async (req, reply) => sendXlsx(reply, await excel.exportLedger(req.ctx, id(req))));
  app.get('/console/ledgers/:id/history', (req, reply) => historyPage(req, reply, id(req)));

  app.get('/console/ledgers/:id/rows/:rowId/measures/new', (req, reply) => newMeasurePage(req, reply, id(req), id(req, 'rowId'), null));
  app.post('/console/ledgers/:id/rows/:rowId/measures/new', async (req, reply) => {
    const body = formBody(req);
    try {
      await svc.addMeasure(req.ctx, id(req), id(req, 'rowId'), body);
      return reply.redirect(`/console/ledgers/${id(req)}#row-${id(req, 'rowId')}`, 303);
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields) return newMeasurePage(req, reply, id(req), id(req, 'rowId'), { values: body, errors: fields }, 400);
      throw err;
    }
  });

  app.get('/console/ledgers/:id/measures/:mid', (req, reply) => measurePage(req, reply, id(req), id(req, 'mid')));
  app.post('/console/ledgers/:id/measures/:mid', async (req, reply) => {
    const body = formBody(req);
    const [lid, mid] = [id(req), id(req, 'mid')];
    try {
      const a = await svc.accessFor(req.ctx, lid);
      if (a.editContent) await svc.updateMeasure(req.ctx, lid, mid, body);
      else await svc.updateMeasureStatus(req.ctx, lid, mid, body);
      return redirectWithFlash(reply, `/console/ledgers/${lid}/measures/${mid}`, '已保存');
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields) return measurePage(req, reply, lid, mid, { measure: { values: body, errors: fields } }, 400);
      throw err;
    }
  });
  app.post('/console/ledgers/:id/measures/:mid/delete', async (req, reply) => {
    await svc.deleteMeasure(req.ctx, id(req), id(req, 'mid'));
    return reply.redirect(`/console/ledgers/${id(req)}`, 303);
  });
  app.post('/console/ledgers/:id/measures/:mid/progress', async (req, reply) => {
    const body = formBody(req);
    const [lid, mid] = [id(req), id(req, 'mid')];
    try {
      await svc.addProgress(req.ctx, lid, mid, body);
      return redirectWithFlash(reply, `/console/ledgers/${lid}/measures/${mid}#progress`, '已添加进展');
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields) return measurePage(req, reply, lid, mid, { progress: { values: body, errors: fields } }, 400);
      throw err;
    }
  });
  app.post('/console/ledgers/:id/measures/:mid/evidence', async (req, reply) => {
    const body = formBody(req);
    const [lid, mid] = [id(req), id(req, 'mid')];
    const kind = body.kind === 'url' ? 'url' : body.kind === 'participation' ? 'participation' : 'item';
    try {
      await svc.addEvidence(req.ctx, lid, mid, kind === 'participation' ? { kind, target: body.target, targetId: body.targetId } : { kind, itemId: body.itemId, url: body.url, label: kind === 'url' ? body.urlLabel : body.itemLabel });
      return redirectWithFlash(reply, `/console/ledgers/${lid}/measures/${mid}#evidence`, '已添加佐证材料');
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields) {
        const main = kind === 'url' ? 'url' : kind === 'participation' ? 'partq' : 'itemId';
        const errors = remap(fields, { label: kind === 'url' ? 'urlLabel' : 'itemLabel', kind: main, _: main, target: main, targetId: main });
        return measurePage(req, reply, lid, mid, { [kind]: { values: body, errors } }, 400);
      }
      throw err;
    }
  });
  app.post('/console/ledgers/:id/measures/:mid/evidence-file', { config: { csrfInBody: true } }, async (req, reply) => {
    const [lid, mid] = [id(req), id(req, 'mid')];
    await svc.requireEvidenceUpload(req.ctx, lid, mid);
    const { fields, file } = await readMultipart(req, reply);
    try {
      if (!file) throw new AppError('invalid', 'validation_failed', '请选择要上传的文件', { file: '请选择要上传的文件' });
      await svc.addEvidence(req.ctx, lid, mid, { label: fields.fileLabel }, file, dataDir);
      return redirectWithFlash(reply, `/console/ledgers/${lid}/measures/${mid}#evidence`, '已上传佐证材料');
    } catch (err) {
      const errs = fieldErrors(err);
      if (errs) return measurePage(req, reply, lid, mid, { file: { values: { fileLabel: fields.fileLabel ?? '' }, errors: errs } }, 400);
      throw err;
    }
  });
  app.post('/console/ledgers/:id/evidence/:eid/delete', async (req, reply) => {
    await svc.removeEvidence(req.ctx, id(req), id(req, 'eid'));
    return reply.redirect(`/console/ledgers/${id(req)}`, 303);
  });
  app.get('/console/ledgers/:id/evidence/:eid', async (req, reply) => {
    const f = await svc.evidenceFile(req.ctx, id(req), id(req, 'eid'));
    const path = join(dataDir, f.storageKey);
    if (!existsSync(path)) throw new AppError('not_found', 'not_found', '文件已不存在');
    return reply.header('content-type', f.mime).header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .header('x-content-type-options', 'nosniff').send(createReadStream(path));
  });

  // Workflow.
  const wf = (path: string, run: (req: Req, body: Record<string, string>) => Promise<void>, notice: string, fieldMap: Record<string, string> = {}) => {
    app.post(`/console/ledgers/:id/${path}`, async (req, reply) => {
      const body = formBody(req);
      try {
        await run(req, body);
        return redirectWithFlash(reply, `/console/ledgers/${id(req)}`, notice);
      } catch (err) {
        const fields = fieldErrors(err);
        if (fields) return ledgerPage(req, reply, id(req), { errors: remap(fields, fieldMap), values: body, status: 400 });
        throw err;
      }
    });
  };
  wf('request-review', (req) => svc.requestReview(req.ctx, id(req)), '已提请单位审核人审核');
  wf('submit', (req, b) => svc.submitLedger(req.ctx, id(req), { comment: b.submitComment }), '已报送政务公开办', { comment: 'submitComment' });
  wf('reviewer-return', (req, b) => svc.reviewerReturn(req.ctx, id(req), { comment: b.returnComment }), '已退回联络员修改', { comment: 'returnComment' });
  wf('reopen', (req, b) => svc.reopenLedger(req.ctx, id(req), { comment: b.reopenComment }), '台账已重新打开，可以修改工作举措', { comment: 'reopenComment' });
  app.post('/console/ledgers/:id/rows/:rowId/guidance', async (req, reply) => {
    const body = formBody(req);
    const rowId = id(req, 'rowId');
    try {
      await svc.addGuidance(req.ctx, id(req), rowId, { body: body[`guidance_${rowId}`] });
      return redirectWithFlash(reply, `/console/ledgers/${id(req)}#row-${rowId}`, '指导意见已提交');
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields) return ledgerPage(req, reply, id(req), { errors: remap(fields, { body: `guidance_${rowId}` }), values: body, status: 400 });
      throw err;
    }
  });
  app.get('/console/ledgers/:id/review', (req, reply) => reviewPage(req, reply, id(req), null));
  app.post('/console/ledgers/:id/accept', async (req, reply) => {
    const body = formBody(req);
    try {
      await svc.acceptLedger(req.ctx, id(req), body);
      return redirectWithFlash(reply, `/console/ledgers/${id(req)}`, '台账已审核通过');
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields) return reviewPage(req, reply, id(req), { values: body, errors: fields }, 400);
      throw err;
    }
  });
  app.post('/console/ledgers/:id/return', async (req, reply) => {
    const body = formBody(req);
    try {
      await svc.returnLedger(req.ctx, id(req), body);
      return redirectWithFlash(reply, `/console/ledgers/${id(req)}`, '台账已退回，单位将收到通知');
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields) return reviewPage(req, reply, id(req), { values: body, errors: fields }, 400);
      throw err;
    }
  });

  app.get('/console/ledgers/:id/import', (req, reply) => importPage(req, reply, id(req), null));
  app.post('/console/ledgers/:id/import', { config: { csrfInBody: true } }, async (req, reply) => {
    await excel.requireLedgerImport(req.ctx, id(req));
    const { file } = await readMultipart(req, reply);
    if (!file) return importPage(req, reply, id(req), null, 400, '请选择要导入的 Excel 文件');
    const r = await excel.importLedger(req.ctx, id(req), file.data);
    if (!r.ok) return importPage(req, reply, id(req), r, 400);
    const sm = r.summary;
    const warn = r.warnings.length ? `；另有${r.warnings.length}条提示：${r.warnings.slice(0, 3).map((w) => w.message).join('；')}` : '';
    return redirectWithFlash(reply, `/console/ledgers/${id(req)}`, `导入完成：涉及${sm.rows}项任务，新增${sm.added}条、修改${sm.updated}条、删除${sm.removed}条、未变${sm.unchanged}条举措，新增进展${sm.progressNotes}条${warn}。`);
  });

  await registerLedgerApiRoutes(app, deps);
  await registerLedgerConsoleRoutes(app);
}
