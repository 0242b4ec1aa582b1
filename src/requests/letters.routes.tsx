// Console: the reply page (检索记录, 答复书 from its template, delivery), the printable letter and its .docx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app/module.js';
import { WITHHELD_BASES } from '../disclosure/public.js';
import { AppError, notFound } from '../lib/errors.js';
import { todayCst } from '../lib/time.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { Checkbox, ErrorSummary, Form, SelectField, TextArea, TextField, emptyForm } from '../web/components/form.js';
import { documentApi, formBody, intParam, pageMeta, sendHtml } from '../web/http.js';
import { csrfDeferred, tokenFromFields, verifyCsrfToken } from '../web/multipart-csrf.js';
import { decisionLabel } from './labels.js';
import { NEEDS_REASONS, renderNotice, TEMPLATE_VERSION } from './letters.js';
import { getCalendar } from '../calendar/public.js';
import { findUnit } from '../org/public.js';
import { DELIVERY_METHODS, deliveriesOf, issueLetter, letterDocx, lettersOf, recordDelivery, recordSearch, type StoredLetter } from './letters.service.js';
import { publicFilesOf, publishReply } from './public-replies.js';
import { addReplyFile, replyFileHits } from './reply-files.js';
import { publicReplyOf, requestDetail } from './requests.service.js';

const idOf = (req: FastifyRequest, k = 'id') => intParam((req.params as Record<string, string>)[k]);
const clean = (b: Record<string, string>) => Object.fromEntries(Object.entries(b).filter(([k, v]) => k !== '_csrf' && v.trim() !== ''));
const HIT_LABELS: Record<string, string> = { id_card: '身份证号码', mobile: '手机号码', bank_card: '银行卡号', email: '电子邮箱', landline: '固定电话', passport: '护照号码' };
const DELIVERY_LABELS: Record<string, string> = { post: '邮寄', email: '电子邮件', pickup: '当面领取', online: '网上获取' };
const LABELS = {
  reasons: '理由', publishedItem: '已主动公开的政府信息', released: '予以公开的部分', withheld: '不予公开的部分', referral: '负责公开该信息的机关', publishedAt: '已公开信息的获取途径', repeatOf: '原申请',
  searchRecord: '检索记录', systems: '检索的系统和档案', keywords: '检索关键词', unitsConsulted: '询问的单位', searchedOn: '检索日期', staff: '检索人员',
  summary: '公开摘要', files: '公开的答复文件', method: '送达方式', deliveredOn: '送达日期', trackingNumber: '邮件单号', issuedOn: '答复日期', _: '操作',
};

async function replyPage(req: FastifyRequest, reply: FastifyReply, errors: Record<string, string> = {}, values: Record<string, string> = {}, status = 200) {
  const id = idOf(req);
  const d = await requestDetail(req.ctx, id);
  const [letters, deliveries] = await Promise.all([lettersOf(req.ctx.db, id), deliveriesOf(req.ctx.db, id)]);
  const meta = pageMeta(req, reply, `答复：${d.row.number ?? `#${id}`}`);
  const f = emptyForm({ searchedOn: todayCst(), deliveredOn: todayCst(), method: d.row.delivery ?? '', ...values });
  f.errors = errors;
  const decision = d.row.decision;
  const searches = d.events.filter((e) => e.type === 'search_record');
  const rf = await replyFileHits(req.ctx.db, d.row);
  const pub = await publicReplyOf(req.ctx, id);
  const publicFiles = new Set((await publicFilesOf(req.ctx.db, id)).map((x) => x.id));
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <p><a href={`/console/requests/${id}`}>返回申请</a></p>
      <ErrorSummary errors={errors} labels={LABELS} />
      {!decision ? <p>请先在申请页面登记答复（办理结果和答复日期）。</p> : <>
        <p>办理结果：<strong>{decisionLabel(decision)}</strong>（{d.row.decided_on}）</p>
        <h2>检索记录</h2>
        {searches.length ? <ul>{searches.map((s) => <li>{s.on_date} {s.note}（{s.actor_label}）</li>)}</ul> : <p>{decision === 'unable_not_held' ? '“本机关不掌握相关政府信息”须附检索记录。' : '尚无检索记录。'}</p>}
        <Form action={`/console/requests/${id}/search-record`} csrf={meta.csrf!} submit="登记检索记录">
          <TextArea name="systems" label={LABELS.systems} form={f} required rows={2} hint="如：公文管理系统、档案室纸质档案、本单位网站" />
          <TextField name="keywords" label={LABELS.keywords} form={f} required maxlength={500} />
          <TextField name="unitsConsulted" label={LABELS.unitsConsulted} form={f} maxlength={500} />
          <TextField name="searchedOn" label={LABELS.searchedOn} type="date" form={f} required />
          <TextField name="staff" label={LABELS.staff} form={f} required maxlength={100} />
        </Form>
        <h2>答复书</h2>
        {letters.length ? <ul>{letters.map((l) => <li><a href={`/console/requests/${id}/letters/${l.id}`}>{l.title} {l.docNumber}</a> · <a href={`/console/requests/${id}/letters/${l.id}/docx`}>下载 Word</a>（模板 {l.template} 第{l.version}版）</li>)}</ul> : (
          <Form action={`/console/requests/${id}/letter`} csrf={meta.csrf!} submit="按模板生成答复书">
            <TextField name="issuedOn" label={LABELS.issuedOn} type="date" form={emptyForm({ ...f.values, issuedOn: values.issuedOn ?? d.row.decided_on })} />
            <TextArea name="reasons" label={`${LABELS.reasons}${NEEDS_REASONS.has(decision) ? '（必填）' : ''}`} form={f} rows={4} />
            {decision === 'partial' ? <>
              <TextArea name="released" label="予以公开的部分（每行一项）" form={f} required rows={3} />
              <TextArea name="withheld" label="不予公开的部分（每行：内容|依据代码|理由）" form={f} required rows={3}
                hint={`依据代码：${WITHHELD_BASES.map((b) => `${b.code}（${b.article}${b.label}）`).join('；')}`} />
            </> : null}
            {decision === 'unable_not_held' ? <TextField name="referral" label="负责公开该信息的机关（非本机关职责的，条例第三十六条第（五）项）" form={f} maxlength={200} /> : null}
            {decision === 'disclosed' ? <TextField name="publishedItem" label="已主动公开的政府信息（条例第三十六条第（一）项：索引号或网址）" form={f} maxlength={200} hint="填写后答复书注明该信息的标题、索引号和网址" /> : null}
            {decision === 'disclosed' || decision === 'not_processed_publication' ? <TextField name="publishedAt" label="已公开信息的获取途径（网址或出版物）" form={f} maxlength={500} /> : null}
            {decision === 'not_processed_repeat' ? <TextField name="repeatOf" label="原申请（编号和答复日期）" form={f} maxlength={200} /> : null}
          </Form>
        )}
        <h2>答复文件（随答复提供的政府信息）</h2>
        {rf.files.length ? <ul>{rf.files.map((x) => <li><a href={`/console/requests/${id}/files/${x.id}`}>{x.fileName}</a>（{Math.ceil(x.size / 1024)} KB）{x.scanned ? '' : '——PDF、图片无法自动检查，请人工核对个人信息'}</li>)}</ul> : <p>尚未上传答复文件。</p>}
        {rf.hits.length ? <>
          <h3>个人信息检查</h3>
          <table class="gk-table"><caption class="visually-hidden">答复文件中的个人信息</caption>
            <thead><tr><th scope="col">文件</th><th scope="col">类型</th><th scope="col">内容</th><th scope="col">判断</th></tr></thead>
            <tbody>{rf.hits.map((x) => <tr><td>{x.fileName}</td><td>{HIT_LABELS[x.kind] ?? x.kind}</td><td>{x.text}</td><td>{x.own ? '申请人本人的信息（可以提供）' : <strong>第三方个人信息，请核对</strong>}</td></tr>)}</tbody>
          </table>
        </> : null}
        <form method="post" action={`/console/requests/${id}/reply-files`} class="gk-form" enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={meta.csrf!} />
          <div class="gk-field"><label for="f-file">上传答复文件</label><input type="file" id="f-file" name="file" /></div>
          <button type="submit" class="gk-button gk-button--secondary">上传</button>
        </form>
        {letters.length ? <>
          <h2>送达</h2>
          {deliveries.length ? <ul>{deliveries.map((x) => <li>{x.delivered_on} {DELIVERY_LABELS[x.method]}{x.tracking_number ? ` 单号 ${x.tracking_number}` : ''}</li>)}</ul> : <p>尚未登记送达。行政复议、行政诉讼期限自送达之日起算。</p>}
          <Form action={`/console/requests/${id}/delivery`} csrf={meta.csrf!} submit="登记送达">
            <SelectField name="method" label={LABELS.method} form={f} required options={DELIVERY_METHODS.map((m) => ({ value: m, label: DELIVERY_LABELS[m]! }))} />
            <TextField name="deliveredOn" label="送达日期（邮寄为签收日期，当面领取为签收日期）" type="date" form={f} required />
            <TextField name="trackingNumber" label={LABELS.trackingNumber} form={f} maxlength={60} hint="邮寄必填" />
            {rf.hits.some((x) => !x.own) ? <Checkbox name="privacyChecked" label="已逐项核对答复文件中的第三方个人信息，确认可以提供" checked={false} /> : null}
          </Form>
        </> : null}
        <h2>公开答复库</h2>
        {pub ? <p>已列入公开答复库（{pub.published_on}）：{pub.summary}</p> : <p>答复内容可以向社会公开的，可列入门户网站的依申请公开答复库。摘要中不得含有申请人信息。</p>}
        <Form action={`/console/requests/${id}/public-reply`} csrf={meta.csrf!} submit={pub ? '更新摘要' : '列入公开答复库'}>
          <TextArea name="summary" label="公开摘要（已去除个人信息）" form={emptyForm({ ...f.values, summary: values.summary ?? pub?.summary ?? d.row.description })} required rows={3} />
          {rf.files.length ? <fieldset class="gk-field" id="f-files" tabindex="-1"><legend>随答复库公开的答复文件（含个人信息或无法检查的文件不能公开）</legend>
            {errors.files ? <p class="gk-field-error">{errors.files}</p> : null}
            {rf.files.map((x) => <Checkbox name={`publicFile_${x.id}`} label={x.fileName} checked={publicFiles.has(x.id) || values[`publicFile_${x.id}`] === 'on'} />)}
          </fieldset> : null}
        </Form>
      </>}
    </ConsoleLayout>
  ), status);
}

const LetterView = (p: { l: StoredLetter }) => (
  <article class="gk-letter">
    <h2 class="gk-letter__title">{p.l.title}</h2>
    <p class="gk-letter__number">{p.l.docNumber}</p>
    {p.l.paragraphs.map((t) => <p>{t}</p>)}
    <p class="gk-letter__sign">{p.l.unitName}<br />{p.l.issuedOn}</p>
    {p.l.annex ? <section><h3>附件：{p.l.annex.title}</h3>
      <table class="gk-meta-table"><caption class="visually-hidden">{p.l.annex.title}</caption><tbody>{p.l.annex.rows.map(([k, v]) => <tr><th scope="row">{k}</th><td>{v}</td></tr>)}</tbody></table>
    </section> : null}
  </article>
);

async function findLetter(req: FastifyRequest) {
  const id = idOf(req);
  await requestDetail(req.ctx, id); // authorisation
  const l = (await lettersOf(req.ctx.db, id)).find((x) => x.id === idOf(req, 'letterId'));
  if (!l) throw notFound('答复书');
  return l;
}

/** 补正告知书 / 延期答复告知书 from the stored event (the event's data is the record). */
async function noticeOf(req: FastifyRequest) {
  const id = idOf(req);
  const kind = (req.params as Record<string, string>).kind;
  if (kind !== 'correction' && kind !== 'extension') throw notFound('告知书');
  const d = await requestDetail(req.ctx, id);
  const e = d.events.find((x) => x.type === (kind === 'correction' ? 'correction_requested' : 'extended'));
  if (!e) throw notFound('告知书');
  const data = e.data_json ? JSON.parse(e.data_json) as { what?: string; periodDays?: number; consequence?: string; approver?: string } : {};
  const calendar = await getCalendar(req.ctx.db, d.row.area_id);
  const extStep = d.replay.clock?.events.find((x) => x.type === 'extend');
  const unit = await findUnit(req.ctx.db, d.row.unit_id);
  const unitName = unit ? (unit.id === d.row.area_id ? `${unit.name}人民政府` : unit.name) : '';
  const n = renderNotice({
    kind, applicantName: d.row.applicant_name, number: d.row.number ?? `#${id}`, receivedOn: d.row.received_on ?? d.row.submitted_on, description: d.row.description, unitName, on: e.on_date,
    what: data.what, periodDays: data.periodDays, periodEnd: data.periodDays ? calendar.addWorkingDays(e.on_date, data.periodDays) : undefined, consequence: data.consequence,
    days: e.days ?? undefined, newDue: extStep?.due ?? undefined, approver: data.approver,
  });
  const l: StoredLetter = { id: 0, docNumber: d.row.number ?? '', issuedOn: e.on_date, title: n.title, unitName, paragraphs: n.paragraphs, annex: null, template: `notice.${kind}`, version: TEMPLATE_VERSION };
  return { id, kind, l };
}

export async function letterRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get('/console/requests/:id/notices/:kind', async (req, reply) => {
    const { id, kind, l } = await noticeOf(req);
    const meta = pageMeta(req, reply, l.title);
    return sendHtml(reply, <ConsoleLayout meta={meta}><LetterView l={l} /><p class="gk-noprint"><a href={`/console/requests/${id}/notices/${kind}/docx`}>下载 Word</a> · <a href={`/console/requests/${id}`}>返回</a></p></ConsoleLayout>);
  });
  app.get('/console/requests/:id/notices/:kind/docx', async (req, reply) => {
    const { l } = await noticeOf(req);
    return reply.header('content-disposition', `attachment; filename="notice.docx"; filename*=UTF-8''${encodeURIComponent(`${l.title}-${l.docNumber}.docx`)}`).header('cache-control', 'private, no-store')
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(await letterDocx(l));
  });
  app.get('/console/requests/:id/reply', (req, reply) => replyPage(req, reply));
  const action = (path: string, run: (req: FastifyRequest, b: Record<string, string>) => Promise<unknown>) =>
    app.post(`/console/requests/:id${path}`, async (req, reply) => {
      const b = formBody(req);
      try {
        await run(req, clean(b));
        return reply.redirect(`/console/requests/${idOf(req)}/reply`, 303);
      } catch (err) {
        if (err instanceof AppError && (err.kind === 'invalid' || err.kind === 'conflict')) return replyPage(req, reply, Object.keys(err.fields).length ? err.fields : { _: err.message }, b, err.status);
        throw err;
      }
    });
  action('/search-record', (req, b) => recordSearch(req.ctx, idOf(req), b));
  action('/letter', (req, b) => issueLetter(req.ctx, idOf(req), b, deps.config.publicBaseUrl));
  action('/delivery', (req, b) => recordDelivery(req.ctx, idOf(req), b));
  action('/public-reply', (req, b) => publishReply(req.ctx, idOf(req), b));
  const upload = async (req: FastifyRequest, reply?: FastifyReply) => {
    if (!req.isMultipart()) throw new AppError('unsupported_media', 'multipart_required', '请以 multipart/form-data 上传文件');
    try {
      const part = await req.file();
      // The console form carries its CSRF token as the first multipart field (src/web/multipart-csrf.ts).
      if (csrfDeferred(req)) {
        if (!reply) throw new AppError('forbidden', 'csrf_invalid', '页面已过期或来源无效，请刷新页面后重试');
        await verifyCsrfToken(req, reply, tokenFromFields(part?.fields));
      }
      return part ? { fileName: part.filename, data: await part.toBuffer() } : { fileName: '', data: Buffer.alloc(0) };
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', 'attachment_too_large', '文件不能超过 20 MB', { file: '文件不能超过 20 MB' });
      throw err;
    }
  };
  app.post('/console/requests/:id/reply-files', { config: { csrfInBody: true } }, async (req, reply) => {
    try {
      await addReplyFile(req.ctx, idOf(req), await upload(req, reply), deps.config.dataDir);
      return reply.redirect(`/console/requests/${idOf(req)}/reply`, 303);
    } catch (err) {
      if (err instanceof AppError && Object.keys(err.fields).length) return replyPage(req, reply, err.fields, {}, err.status);
      throw err;
    }
  });
  documentApi({ method: 'POST', url: '/api/v1/requests/{id}/reply-files', roles: 'admin（全区）, unit_operator, unit_reviewer（本单位）', summary: '上传随答复提供的文件（multipart，字段 file；内容检查类型；送达前检查其中的个人信息）' });
  app.post('/api/v1/requests/:id/reply-files', async (req, reply) => reply.status(201).send({ data: { id: await addReplyFile(req.ctx, idOf(req), await upload(req), deps.config.dataDir) } }));
  app.get('/console/requests/:id/letters/:letterId', async (req, reply) => {
    const l = await findLetter(req);
    const meta = pageMeta(req, reply, l.title);
    return sendHtml(reply, <ConsoleLayout meta={meta}><LetterView l={l} /><p class="gk-noprint"><a href={`/console/requests/${idOf(req)}/letters/${l.id}/docx`}>下载 Word</a> · <a href={`/console/requests/${idOf(req)}/reply`}>返回</a></p></ConsoleLayout>);
  });
  app.get('/console/requests/:id/letters/:letterId/docx', async (req, reply) => {
    const l = await findLetter(req);
    return reply.header('content-disposition', `attachment; filename="letter.docx"; filename*=UTF-8''${encodeURIComponent(`${l.title}-${l.docNumber}.docx`)}`).header('cache-control', 'private, no-store')
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(await letterDocx(l));
  });

  const writer = 'admin（全区）, unit_operator, unit_reviewer（本单位）';
  documentApi({ method: 'POST', url: '/api/v1/requests/{id}/search-record', roles: writer, summary: '登记检索记录（本机关不掌握相关政府信息的答复须附）', body: { systems: 'string', keywords: 'string', unitsConsulted: 'string?', searchedOn: 'YYYY-MM-DD', staff: 'string' } });
  app.post('/api/v1/requests/:id/search-record', async (req, reply) => { await recordSearch(req.ctx, idOf(req), req.body); return reply.status(201).send({ data: { ok: true } }); });
  documentApi({ method: 'POST', url: '/api/v1/requests/{id}/letter', roles: writer, summary: '按模板生成答复书/告知书（须已登记答复；文号自动编号）', body: { issuedOn: 'YYYY-MM-DD?', publishedItem: '索引号、编号或 /items/{id}（disclosed：已主动公开的）', reasons: 'string（不予公开、无法提供、不予处理等必填）', released: '每行一项（partial）', withheld: '每行“内容|依据代码|理由”（partial）', referral: 'string?', publishedAt: 'string?', repeatOf: 'string?' } });
  app.post('/api/v1/requests/:id/letter', async (req, reply) => reply.status(201).send({ data: await issueLetter(req.ctx, idOf(req), req.body, deps.config.publicBaseUrl) }));
  documentApi({ method: 'POST', url: '/api/v1/requests/{id}/delivery', roles: writer, summary: '登记送达（邮寄须填单号）', body: { method: DELIVERY_METHODS.join('|'), deliveredOn: 'YYYY-MM-DD', trackingNumber: 'string?', note: 'string?', privacyChecked: 'boolean（答复文件含第三方个人信息时必填 true）' } });
  app.post('/api/v1/requests/:id/delivery', async (req, reply) => reply.status(201).send({ data: { id: await recordDelivery(req.ctx, idOf(req), req.body) } }));
}
