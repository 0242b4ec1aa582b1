// Console pages for information items: list, new, edit, the item page and its workflow actions.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '../lib/errors.js';
import { todayCst } from '../lib/time.js';
import { emptyForm, type FormState } from '../web/components/form.js';
import { formBody, pageMeta, sendHtml } from '../web/http.js';
import type { AppDeps } from '../app/module.js';
import * as attachments from './attachments.service.js';
import { itemDetail } from './item-detail.service.js';
import { replacementPick } from './item-picker.page.js';
import { ItemDetailView, type DetailState } from './item-detail.views.js';
import * as items from './items.service.js';
import { canChooseDraftUnit, canDraftItems, requireDrafter } from './item-policy.js';
import { ItemFormView, ItemListView, type FormOptions } from './items.views.js';
import * as privacy from './privacy.service.js';
import * as queue from './review-queue.service.js';
import { idParam, invalidFields, prefixFields, unprefix } from './route-helpers.js';
import * as validity from './validity.service.js';
import * as workflow from './workflow.service.js';
import type { ItemRow } from './items.repo.js';
import { csrfDeferred, tokenFromFields, verifyCsrfToken } from '../web/multipart-csrf.js';

const DONE: Record<string, string> = {
  created: '已保存为草稿。', saved: '已保存。', submit: '已提交审核。', recall: '已撤回提交。', publish: '已签发。', return: '已退回修改。',
  unpublish: '已撤销发布。', reopen: '已恢复为草稿。', exempt: '已登记免于解读。', mask: '已遮盖。', keep: '已确认保留。',
  attach: '附件已上传。', detach: '附件已删除。', validity: '有效性已更新。', validUntil: '有效期已更新。', reviewKeep: '已记录复核结果。', convert: '已转为主动公开并发布。',
};

async function formOptions(req: FastifyRequest): Promise<FormOptions> {
  const [units, catalog, topics, policies] = await Promise.all([
    items.draftableUnits(req.ctx), items.categoryOptions(req.ctx, 'catalog'), items.categoryOptions(req.ctx, 'topic'), items.policyOptions(req.ctx),
  ]);
  return { units, catalog, topics, policies };
}

async function formPage(req: FastifyRequest, reply: FastifyReply, o: { form: FormState; action: string; title: string; submit: string; chooseUnit: boolean }, status = 200) {
  const meta = pageMeta(req, reply, o.title);
  return sendHtml(reply, <ItemFormView meta={meta} form={o.form} options={await formOptions(req)} action={o.action} submit={o.submit} chooseUnit={o.chooseUnit} />, status);
}

const itemToForm = (i: ItemRow): Record<string, unknown> => ({
  itemType: i.item_type, title: i.title, docNumber: i.doc_number, categoryCode: i.category_code, topicCode: i.topic_code ?? '',
  writtenOn: i.written_on ?? '', formedOn: i.formed_on, disclosureDays: i.disclosure_days, attribute: i.attribute,
  withheldBasis: i.withheld_basis ?? '', attributeReason: i.attribute_reason ?? '', body: i.body_html, validUntil: i.valid_until ?? '',
  needsInterpretation: i.needs_interpretation === 1, policyItemId: i.policy_item_id ?? '', interpForm: i.interp_form ?? '',
});

export async function detailPage(req: FastifyRequest, reply: FastifyReply, id: number, s: DetailState = {}, status = 200) {
  const d = await itemDetail(req.ctx, id);
  const pick = await replacementPick(req, d, s);
  const done = (req.query as Record<string, string>).done;
  const meta = pageMeta(req, reply, d.item.title);
  return sendHtml(reply, <ItemDetailView meta={meta} d={d} s={{ notice: done ? DONE[done] : undefined, ...s }} pick={pick} />, status);
}

/** Runs one action from the item page: redirect on success, the page again with the error otherwise. */
async function action(req: FastifyRequest, reply: FastifyReply, key: string, run: (id: number, body: Record<string, string>) => Promise<unknown>, prefix?: string) {
  const id = idParam(req);
  const raw = formBody(req);
  const body = prefix ? unprefix(raw, prefix) : raw;
  try {
    await run(id, body);
    return reply.redirect(`/console/items/${id}?done=${key}`, 303);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const fields = invalidFields(err);
    if (fields) {
      if (key === 'keep') {
        const d = await itemDetail(req.ctx, id);
        const index = d.hits.findIndex((h) => h.kind === body.kind && h.text === body.text);
        return detailPage(req, reply, id, { keepError: { index, message: Object.values(fields)[0] ?? err.message }, alert: Object.values(fields).join('；') }, 400);
      }
      // The mask buttons are hidden fields only: say what was wrong above the page.
      if (key === 'mask') return detailPage(req, reply, id, { alert: Object.values(fields).join('；') }, 400);
      const values = { ...raw, confidentialityChecked: raw.confidentialityChecked === 'on' };
      return detailPage(req, reply, id, { form: { key, state: { values, errors: prefix ? prefixFields(fields, prefix) : fields } } }, 400);
    }
    if (err.kind === 'conflict' || err.kind === 'payload_too_large' || err.kind === 'unsupported_media') return detailPage(req, reply, id, { alert: err.message }, err.status);
    throw err;
  }
}

export async function itemPageRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get('/console/items', async (req, reply) => {
    const q = req.query as Record<string, string>;
    const data = await items.listItems(req.ctx, q);
    const actor = req.ctx.actor;
    const meta = pageMeta(req, reply, '政府信息');
    return sendHtml(reply, <ItemListView meta={meta} data={data} canCreate={canDraftItems(actor)} filter={emptyForm(q)} />);
  });

  app.get('/console/items/new', async (req, reply) => {
    const q = req.query as Record<string, string>;
    const actor = req.ctx.actor;
    requireDrafter(actor);
    const values = { itemType: q.itemType ?? 'general', policyItemId: q.policyItemId ?? '', attribute: 'proactive', formedOn: todayCst(), needsInterpretation: true, interpForm: q.itemType === 'interpretation' ? 'text' : '' };
    return formPage(req, reply, { form: emptyForm(values), action: '/console/items', title: '新建政府信息', submit: '保存草稿', chooseUnit: canChooseDraftUnit(req.ctx.actor) });
  });
  app.post('/console/items', async (req, reply) => {
    const body = formBody(req);
    try {
      const id = await items.createItem(req.ctx, body);
      return reply.redirect(`/console/items/${id}?done=created`, 303);
    } catch (err) {
      const fields = invalidFields(err);
      if (fields) return formPage(req, reply, { form: { values: { ...body, needsInterpretation: body.needsInterpretation === 'on' }, errors: fields }, action: '/console/items', title: '新建政府信息', submit: '保存草稿', chooseUnit: canChooseDraftUnit(req.ctx.actor) }, 400);
      throw err;
    }
  });

  app.get('/console/items/:id', (req, reply) => detailPage(req, reply, idParam(req)));
  app.get('/console/items/:id/edit', async (req, reply) => {
    const id = idParam(req);
    const item = await items.requireEditable(req.ctx, id);
    return formPage(req, reply, { form: emptyForm(itemToForm(item)), action: `/console/items/${id}/edit`, title: `修改：${item.title}`, submit: '保存', chooseUnit: false });
  });
  app.post('/console/items/:id/edit', async (req, reply) => {
    const id = idParam(req);
    const body = formBody(req);
    try {
      await items.updateItem(req.ctx, id, body);
      return reply.redirect(`/console/items/${id}?done=saved`, 303);
    } catch (err) {
      const fields = invalidFields(err);
      if (fields) return formPage(req, reply, { form: { values: { ...body, needsInterpretation: body.needsInterpretation === 'on' }, errors: fields }, action: `/console/items/${id}/edit`, title: '修改政府信息', submit: '保存', chooseUnit: false }, 400);
      throw err;
    }
  });

  app.post('/console/items/:id/submit', (req, reply) => action(req, reply, 'submit', (id) => workflow.submitItem(req.ctx, id)));
  app.post('/console/items/:id/recall', (req, reply) => action(req, reply, 'recall', (id) => workflow.recallItem(req.ctx, id)));
  app.post('/console/items/:id/publish', (req, reply) => action(req, reply, 'publish', (id, b) => workflow.publishItem(req.ctx, id, b)));
  app.post('/console/items/:id/return', (req, reply) => action(req, reply, 'return', (id, b) => workflow.returnItem(req.ctx, id, b)));
  app.post('/console/items/:id/unpublish', (req, reply) => action(req, reply, 'unpublish', (id, b) => workflow.unpublishItem(req.ctx, id, b)));
  app.post('/console/items/:id/reopen', (req, reply) => action(req, reply, 'reopen', (id) => workflow.reopenItem(req.ctx, id)));
  app.post('/console/items/:id/exempt', (req, reply) => action(req, reply, 'exempt', (id, b) => workflow.exemptFromInterpretation(req.ctx, id, b), 'exempt'));
  app.post('/console/items/:id/privacy/mask', (req, reply) => action(req, reply, 'mask', (id, b) => privacy.maskHit(req.ctx, id, b)));
  app.post('/console/items/:id/privacy/keep', (req, reply) => action(req, reply, 'keep', (id, b) => privacy.keepHit(req.ctx, id, b)));
  app.post('/console/items/:id/validity', (req, reply) => action(req, reply, 'validity', (id, b) => validity.changeValidity(req.ctx, id, b), 'v'));
  app.post('/console/items/:id/valid-until', (req, reply) => action(req, reply, 'validUntil', (id, b) => validity.setValidUntil(req.ctx, id, b), 'vu'));
  app.post('/console/items/:id/review/keep', (req, reply) => action(req, reply, 'reviewKeep', (id, b) => queue.keepAttribute(req.ctx, id, b), 'rk'));
  app.post('/console/items/:id/review/convert', (req, reply) => action(req, reply, 'convert', (id, b) => queue.convertToProactive(req.ctx, id, b), 'cv'));
  app.post('/console/items/:id/attachments/:attachmentId/delete', (req, reply) =>
    action(req, reply, 'detach', (id) => attachments.removeAttachment(req.ctx, id, idParam(req, 'attachmentId'), deps.config.dataDir)));
  app.post('/console/items/:id/attachments', { config: { csrfInBody: true } }, (req, reply) => action(req, reply, 'attach', async (id) => {
    await attachments.requireAttachable(req.ctx, id);
    const file = await readUpload(req, reply);
    await attachments.addAttachment(req.ctx, id, file, deps.config.dataDir);
  }));
}

/** The one file of a multipart request, fully read (413 beyond the 20 MB limit). */
export async function readUpload(req: FastifyRequest, reply?: FastifyReply): Promise<{ fileName: string; data: Buffer }> {
  if (!req.isMultipart()) throw new AppError('unsupported_media', 'multipart_required', '请以 multipart/form-data 上传文件');
  let part: MultipartFile | undefined;
  try {
    part = await req.file();
    // The console form carries its CSRF token in the body, before the file (src/web/multipart-csrf.ts).
    if (csrfDeferred(req)) {
      if (!reply) throw new AppError('forbidden', 'csrf_invalid', '页面已过期或来源无效，请刷新页面后重试');
      await verifyCsrfToken(req, reply, tokenFromFields(part?.fields));
    }
    if (!part) return { fileName: '', data: Buffer.alloc(0) };
    return { fileName: part.filename, data: await part.toBuffer() };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', 'attachment_too_large', '附件不能超过 20 MB');
    throw err;
  }
}
