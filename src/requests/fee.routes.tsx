// Console pages for 信息处理费: issue a notice, record payment, close unpaid, print the 收费通知书.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../lib/errors.js';
import { todayCst } from '../lib/time.js';
import { findUnit } from '../org/public.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { ErrorSummary, Form, SelectField, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { documentApi, formBody, intParam, pageMeta, sendHtml } from '../web/http.js';
import { describeFee, FEE_METHOD_LABELS, FEE_METHODS, FEE_PAY_DAYS, type Fee } from './fee.js';
import { closeUnpaid, feeNotices, issueFeeNotice, recordFeePaid } from './fee.service.js';
import { requestDetail } from './requests.service.js';

const LABELS = { method: '计收方式', pages: '页数', on: '日期', payment: '缴纳方式' };
const idOf = (req: FastifyRequest) => intParam((req.params as Record<string, string>).id);
const clean = (b: Record<string, string>) => Object.fromEntries(Object.entries(b).filter(([k, v]) => k !== '_csrf' && v.trim() !== ''));

async function feePage(req: FastifyRequest, reply: FastifyReply, forms: { notice?: FormState; paid?: FormState; lapse?: FormState } = {}, status = 200) {
  const id = idOf(req);
  const d = await requestDetail(req.ctx, id);
  const notices = await feeNotices(req.ctx.db, id);
  const meta = pageMeta(req, reply, `信息处理费：${d.row.number ?? `申请 ${id}`}`);
  const notice = forms.notice ?? emptyForm({ method: 'per_request', on: todayCst() });
  const open = notices.find((n) => !n.paid_on);
  const errors = { ...notice.errors, ...(forms.paid?.errors ?? {}), ...(forms.lapse?.errors ?? {}) };
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <p>状态：{d.json.status === 'awaiting_fee' ? '待缴费（暂停计时）' : d.json.status}；答复期限：{d.json.due ?? '暂停计时'}</p>
      <ErrorSummary errors={errors} labels={LABELS} />
      {notices.length ? (
        <table class="gk-table">
          <caption>收费通知</caption>
          <thead><tr><th scope="col">通知日期</th><th scope="col">方式</th><th scope="col">数量</th><th scope="col">金额（元）</th><th scope="col">缴费期限</th><th scope="col">缴费日期</th><th scope="col">通知书</th></tr></thead>
          <tbody>{notices.map((n) => (
            <tr><td>{n.noticed_on}</td><td>{FEE_METHOD_LABELS[n.method as keyof typeof FEE_METHOD_LABELS]}</td><td>{n.quantity}{n.method === 'per_request' ? '（本月第几件）' : '页'}</td>
              <td>{n.amount_yuan}</td><td>{n.pay_by}</td><td>{n.paid_on ?? '未缴'}</td><td><a href={`/console/requests/${id}/fee-notice/${n.id}`}>打印收费通知书</a></td></tr>
          ))}</tbody>
        </table>
      ) : null}
      {open ? <>
        <h2>登记缴费</h2>
        <Form action={`/console/requests/${id}/fee/paid`} csrf={meta.csrf!} submit="登记已缴费（恢复计时）">
          <TextField name="on" label="缴费日期" type="date" form={forms.paid ?? emptyForm({ on: todayCst() })} required />
        </Form>
        <h2>逾期未缴费</h2>
        <p>缴费期限 {open.pay_by} 届满仍未缴纳的，按（六）2“申请人逾期未按收费通知要求缴纳费用”终止处理。</p>
        <Form action={`/console/requests/${id}/fee/lapse`} csrf={meta.csrf!} submit="终止处理">
          <TextField name="on" label="终止日期" type="date" form={forms.lapse ?? emptyForm({ on: todayCst() })} required />
        </Form>
      </> : d.json.status === 'running' ? <>
        <h2>发出收费通知</h2>
        <p>依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）：按件计收按申请人本自然月内向本机关提出的申请件数；按量计收按本申请提供信息的页数。每件申请只选一种方式。通知后申请人应在{FEE_PAY_DAYS}个工作日内缴纳，期间不计入答复期限。</p>
        <Form action={`/console/requests/${id}/fee`} csrf={meta.csrf!} submit="计算并发出收费通知">
          <SelectField name="method" label={LABELS.method} form={notice} required options={FEE_METHODS.map((m) => ({ value: m, label: FEE_METHOD_LABELS[m] }))} />
          <TextField name="pages" label={LABELS.pages} form={notice} hint="按量计收时填写" maxlength={7} />
          <TextField name="on" label="通知日期" type="date" form={notice} required />
          <TextField name="payment" label={LABELS.payment} form={notice} hint="如：到本机关政务服务窗口缴纳，或转账至……" maxlength={300} />
        </Form>
      </> : null}
    </ConsoleLayout>
  ), status);
}

async function noticePrint(req: FastifyRequest, reply: FastifyReply) {
  const id = idOf(req);
  const feeId = intParam((req.params as Record<string, string>).feeId);
  const d = await requestDetail(req.ctx, id);
  const n = (await feeNotices(req.ctx.db, id)).find((x) => x.id === feeId);
  if (!n) throw notFound('收费通知');
  const event = d.events.find((e) => e.type === 'fee_notice' && e.on_date === n.noticed_on);
  const data = event?.data_json ? JSON.parse(event.data_json) as { fee: Fee; payment: string | null } : null;
  const unit = await findUnit(req.ctx.db, d.row.unit_id);
  const meta = pageMeta(req, reply, '政府信息公开信息处理费收费通知书');
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <article class="gk-letter">
        <p>申请编号：{d.row.number}</p>
        <p>{d.row.applicant_name}：</p>
        <p>本机关于{d.row.received_on}收到您提出的政府信息公开申请，所需信息为：“{d.row.description}”。</p>
        <p>根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本机关决定对该申请{FEE_METHOD_LABELS[n.method as keyof typeof FEE_METHOD_LABELS]}信息处理费，计费如下：</p>
        <ul>{(data ? describeFee(data.fee) : []).map((l) => <li>{l}</li>)}</ul>
        <p><strong>合计：人民币{n.amount_yuan}元。</strong></p>
        <p>请您于{n.pay_by}前（含当日）缴纳上述费用。{data?.payment ? `缴纳方式：${data.payment}。` : ''}</p>
        <p>逾期未缴纳的，视为放弃申请，本机关将不再处理该政府信息公开申请。本机关发出收费通知的时间和您缴纳费用的时间，不计算在政府信息公开申请答复期限内。</p>
        <p class="gk-letter__sign">{unit?.name}<br />{n.noticed_on}</p>
      </article>
      <p class="gk-noprint"><a href={`/console/requests/${id}/fee`}>返回</a></p>
    </ConsoleLayout>
  ));
}

export async function feeRoutes(app: FastifyInstance) {
  app.get('/console/requests/:id/fee', (req, reply) => feePage(req, reply));
  const formPost = (path: string, key: 'notice' | 'paid' | 'lapse', run: (req: FastifyRequest, body: Record<string, string>) => Promise<unknown>) =>
    app.post(`/console/requests/:id${path}`, async (req, reply) => {
      const body = formBody(req);
      try {
        await run(req, clean(body));
        return reply.redirect(`/console/requests/${idOf(req)}/fee`, 303);
      } catch (err) {
        if (err instanceof AppError && (err.kind === 'invalid' || err.kind === 'conflict')) {
          const errors = Object.keys(err.fields).length ? err.fields : { on: err.message };
          return feePage(req, reply, { [key]: { values: body, errors } }, err.status);
        }
        throw err;
      }
    });
  formPost('/fee', 'notice', (req, b) => issueFeeNotice(req.ctx, idOf(req), b));
  formPost('/fee/paid', 'paid', (req, b) => recordFeePaid(req.ctx, idOf(req), b));
  formPost('/fee/lapse', 'lapse', (req, b) => closeUnpaid(req.ctx, idOf(req), b));
  app.get('/console/requests/:id/fee-notice/:feeId', noticePrint);

  const writer = 'admin（全区）, unit_operator, unit_reviewer（本单位）';
  documentApi({ method: 'POST', url: '/api/v1/requests/{id}/fee', roles: writer, summary: '发出信息处理费收费通知（按件自动计算本月件数；按量按页数），暂停计时；缴费期限为通知后第20个工作日', body: { method: FEE_METHODS.join('|'), pages: 'integer（per_volume）', on: 'YYYY-MM-DD', payment: 'string?' } });
  app.post('/api/v1/requests/:id/fee', async (req, reply) => {
    const r = await issueFeeNotice(req.ctx, idOf(req), req.body);
    return reply.status(201).send({ data: { id: r.feeId, amountYuan: r.fee.amountYuan, quantity: r.fee.quantity, payBy: r.payBy, bands: r.fee.bands } });
  });
  documentApi({ method: 'POST', url: '/api/v1/requests/{id}/fee/paid', roles: writer, summary: '登记已缴纳信息处理费（恢复计时；缴费期限后登记 409 request_fee_lapsed）', body: { on: 'YYYY-MM-DD' } });
  app.post('/api/v1/requests/:id/fee/paid', async (req) => ({ data: await recordFeePaid(req.ctx, idOf(req), req.body) }));
  documentApi({ method: 'POST', url: '/api/v1/requests/{id}/fee/lapse', roles: writer, summary: '缴费期限届满未缴费：按 other_fee_unpaid 终止处理', body: { on: 'YYYY-MM-DD' } });
  app.post('/api/v1/requests/:id/fee/lapse', async (req) => ({ data: await closeUnpaid(req.ctx, idOf(req), req.body) }));
}
