// Console: /console/items/import-historic — the admin's 历史信息导入 (original dates kept, audited, labelled).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAdmin } from '../auth/policy.js';
import { AppError } from '../lib/errors.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { ErrorSummary, Form, SelectField, TextArea, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { formBody, pageMeta, sendHtml } from '../web/http.js';
import { ITEM_LABELS } from './disclosure.schema.js';
import { HISTORIC_LABELS, importHistoricItem } from './historic-import.service.js';
import * as items from './items.service.js';

const LABELS = { ...ITEM_LABELS, ...HISTORIC_LABELS };

async function page(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
  requireAdmin(req.ctx.actor);
  const [units, catalog] = await Promise.all([items.draftableUnits(req.ctx), items.categoryOptions(req.ctx, 'catalog')]);
  const meta = pageMeta(req, reply, '历史信息导入');
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <p>用于录入原网站已经发布过的政府信息：保留原发布日期，在门户上标注“历史信息导入”和来源，不计入公开时效统计。每次导入都记入审计日志。新形成的信息请走正常的起草、保密审查和签发流程，发布日期为签发当日。</p>
      <ErrorSummary errors={form.errors} labels={LABELS} />
      <Form action="/console/items/import-historic" csrf={meta.csrf!} submit="导入">
        <SelectField name="unitId" label="发布机构" form={form} required options={units.map((u) => ({ value: u.id, label: u.name }))} />
        <TextField name="title" label="标题" form={form} required maxlength={200} />
        <SelectField name="itemType" label="信息类型" form={form} options={[{ value: 'general', label: '一般信息' }, { value: 'normative', label: '行政规范性文件' }, { value: 'policy', label: '其他政策文件' }]} />
        <SelectField name="categoryCode" label="公开目录" form={form} options={catalog.map((c) => ({ value: c.code, label: `${'　'.repeat(c.depth)}${c.name}` }))} />
        <TextField name="docNumber" label="文号" form={form} />
        <TextField name="writtenOn" label="成文日期" type="date" form={form} />
        <TextField name="originalPublishedOn" label="原发布日期" type="date" form={form} required hint="原网站上显示的发布日期" />
        <TextField name="source" label="来源（原网站地址或说明）" form={form} required hint="如 http://old.linzi.gov.cn/art/2019/3/1/art_123.html" />
        <TextArea name="body" label="正文" form={form} required rows={10} />
      </Form>
    </ConsoleLayout>
  ), status);
}

export async function historicImportRoutes(app: FastifyInstance): Promise<void> {
  app.get('/console/items/import-historic', (req, reply) => page(req, reply, emptyForm({ itemType: 'general' })));
  app.post('/console/items/import-historic', async (req, reply) => {
    const body = formBody(req);
    try {
      const id = await importHistoricItem(req.ctx, body);
      return reply.redirect(`/console/items/${id}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.kind === 'invalid') return page(req, reply, { values: body, errors: err.fields }, 400);
      throw err;
    }
  });
}
