// Console entry for the 行政复议 / 行政诉讼 register (table 4 of the annual report).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import { listUnitsInArea, actorArea } from '../org/public.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { ErrorSummary, Form, SelectField, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { formBody, pageMeta, sendHtml } from '../web/http.js';
import { isOffice } from './requests-policy.js';
import { APPEAL_KINDS, APPEAL_KIND_LABELS, APPEAL_RESULTS, APPEAL_RESULT_LABELS, createAppeal, listAppeals, type AppealKind, type AppealResult } from './appeals.js';

const LABELS = { unit: '被申请（被诉）机关', kind: '案件类型', filedOn: '立案日期', result: '结果', concludedOn: '审结日期', caseNumber: '案号', requestId: '关联申请编号（内部编号）', note: '备注' };

async function page(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
  const rows = await listAppeals(req.ctx);
  const office = isOffice(req.ctx.actor);
  const units = office ? await listUnitsInArea(req.ctx.db, await actorArea(req.ctx)) : [];
  const meta = pageMeta(req, reply, '行政复议、行政诉讼台账');
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <p>政府信息公开引起的行政复议、行政诉讼案件，按立案年份计入年度报告表四；年底仍未审结或次年才审结的，计入「尚未审结」。</p>
      <table class="gk-table">
        <caption>已登记案件（{rows.length}件）</caption>
        <thead><tr><th scope="col">立案日期</th><th scope="col">案件类型</th><th scope="col">被申请（被诉）机关</th><th scope="col">案号</th><th scope="col">结果</th><th scope="col">审结日期</th></tr></thead>
        <tbody>{rows.map((r) => (
          <tr><td>{r.filed_on}</td><td>{APPEAL_KIND_LABELS[r.kind as AppealKind]}</td><td>{r.unit_name}</td><td>{r.case_number ?? '—'}</td>
            <td>{APPEAL_RESULT_LABELS[r.result as AppealResult]}</td><td>{r.concluded_on ?? '—'}</td></tr>
        ))}</tbody>
      </table>
      {office ? <>
        <h2>登记案件</h2>
        <ErrorSummary errors={form.errors} labels={LABELS} />
        <Form action="/console/requests/appeals" csrf={meta.csrf!} submit="登记">
          <SelectField name="unit" label={LABELS.unit} form={form} required options={units.map((u) => ({ value: u.id, label: u.name }))} />
          <SelectField name="kind" label={LABELS.kind} form={form} required options={APPEAL_KINDS.map((k) => ({ value: k, label: APPEAL_KIND_LABELS[k] }))} />
          <TextField name="filedOn" label={LABELS.filedOn} form={form} required type="date" />
          <SelectField name="result" label={LABELS.result} form={form} options={APPEAL_RESULTS.map((k) => ({ value: k, label: APPEAL_RESULT_LABELS[k] }))} />
          <TextField name="concludedOn" label={LABELS.concludedOn} form={form} type="date" hint="已审结的填写" />
          <TextField name="caseNumber" label={LABELS.caseNumber} form={form} maxlength={80} />
          <TextField name="requestId" label={LABELS.requestId} form={form} maxlength={10} />
          <TextField name="note" label={LABELS.note} form={form} maxlength={1000} />
        </Form>
      </> : null}
    </ConsoleLayout>
  ), status);
}

export async function appealsConsoleRoutes(app: FastifyInstance) {
  app.get('/console/requests/appeals', (req, reply) => page(req, reply, emptyForm()));
  app.post('/console/requests/appeals', async (req, reply) => {
    const body = formBody(req);
    const input = Object.fromEntries(Object.entries(body).filter(([k, v]) => k !== '_csrf' && v.trim() !== ''));
    try {
      await createAppeal(req.ctx, input);
      return reply.redirect('/console/requests/appeals', 303);
    } catch (err) {
      if (err instanceof AppError && err.kind === 'invalid') return page(req, reply, { values: body, errors: err.fields }, 400);
      throw err;
    }
  });
}
