// Public pages: the application form (/requests/new), the status page (/requests/status) and the
// 接收回执. No JavaScript needed; no CAPTCHA (a honeypot and per-IP rate limits instead).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { createReadStream, existsSync } from 'node:fs';
import type { AppDeps } from '../app/module.js';
import { letterByToken, letterDocx, lettersOf, releasedFileByToken } from './letters.service.js';
import { listPublicReplies, PUBLIC_PAGE_SIZE, publicReply, publicReplyFile } from './public-replies.js';
import { join } from 'node:path';
import { AppError } from '../lib/errors.js';
import { actorArea } from '../org/public.js';
import { PortalLayout } from '../web/components/layout.js';
import { ErrorSummary, SelectField, TextArea, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { formBody, pageMeta, sendHtml } from '../web/http.js';
import { csrfDeferred, verifyCsrfToken } from '../web/multipart-csrf.js';
import {
  addressees, releasedFileByCode, requestsUploads, DELIVERIES, FORMATS, ID_TYPES, LOOKUP_LIMIT, MAX_FILE_BYTES, MAX_FILES, ORG_TYPE_LABELS, ORG_TYPES, statusByCode,
  submitOnline, type PublicStatus, type UploadedFile,
} from './intake.service.js';

const LABELS: Record<string, string> = {
  applicantType: '申请人类型', orgType: '组织类型', name: '姓名或名称', idType: '证件类型', idNumber: '证件号码', creditCode: '统一社会信用代码',
  legalRep: '法定代表人', contact: '联系人', phone: '联系电话', email: '电子邮箱', address: '通信地址', postcode: '邮政编码', unit: '受理机关',
  description: '所需信息描述', purpose: '用途', format: '载体形式', delivery: '获取方式', files: '附件', code: '查询码',
};
const HONEYPOT = 'homepage';

const Radios = (p: { name: string; legend: string; form: FormState; options: { value: string; label: string }[]; required?: boolean }) => {
  const err = p.form.errors[p.name];
  const cur = String(p.form.values[p.name] ?? '');
  return (
    <fieldset class={`gk-field${err ? ' gk-field--error' : ''}`} id={`f-${p.name}`} tabindex="-1" aria-describedby={err ? `e-${p.name}` : undefined}>
      <legend>{p.legend}{p.required ? <span class="gk-req">（必填）</span> : null}</legend>
      {err ? <p class="gk-field-error" id={`e-${p.name}`}>{err}</p> : null}
      {p.options.map((o) => (
        <div class="gk-field--check">
          <input type="radio" id={`f-${p.name}-${o.value}`} name={p.name} value={o.value} checked={cur === o.value} />
          <label for={`f-${p.name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
};

async function formPage(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
  const areaId = await actorArea(req.ctx);
  const bodies = await addressees(req.ctx.db, areaId);
  const meta = pageMeta(req, reply, '政府信息公开申请');
  const csrf = reply.generateCsrf();
  const f = form;
  return sendHtml(reply, (
    <PortalLayout meta={meta}>
      <h1>政府信息公开申请</h1>
      <p>依据《中华人民共和国政府信息公开条例》第二十七条至第二十九条，公民、法人或者其他组织可以向行政机关申请获取相关政府信息。网上提交的申请，经工作人员确认后以确认之日为收到申请之日（条例第三十一条），一般在收到申请之日起20个工作日内答复。</p>
      <p>提交前可以先查看<a href="/requests/replies">依申请公开答复库</a>，您需要的信息可能已经公开。</p>
      <p>提交后您将获得一个<strong>查询码</strong>，凭查询码可在<a href="/requests/status">申请进度查询</a>页面查看办理进度、下载接收回执，无需注册账号。您填写的个人信息仅用于办理本申请，不会公开。</p>
      <ErrorSummary errors={f.errors} labels={LABELS} />
      <form method="post" action="/requests/new" class="gk-form" novalidate enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={csrf} />
        <fieldset>
          <legend>申请人信息</legend>
          <Radios name="applicantType" legend="申请人类型" form={f} required options={[{ value: 'natural', label: '公民' }, { value: 'org', label: '法人或者其他组织' }]} />
          <TextField name="name" label="姓名或名称" form={f} required maxlength={100} autocomplete="name" />
          <fieldset>
            <legend>公民填写</legend>
            <SelectField name="idType" label="证件类型" form={f} options={ID_TYPES.map((t) => ({ value: t, label: t }))} />
            <TextField name="idNumber" label="证件号码" form={f} maxlength={40} hint="居民身份证号码为18位，最后一位可以是X" />
          </fieldset>
          <fieldset>
            <legend>法人或者其他组织填写</legend>
            <SelectField name="orgType" label="组织类型" form={f} options={ORG_TYPES.map((t) => ({ value: t, label: ORG_TYPE_LABELS[t] }))} />
            <TextField name="creditCode" label="统一社会信用代码" form={f} maxlength={18} hint="18位，见营业执照或登记证书" />
            <TextField name="legalRep" label="法定代表人或主要负责人" form={f} maxlength={60} />
            <TextField name="contact" label="联系人" form={f} maxlength={60} />
          </fieldset>
        </fieldset>
        <fieldset>
          <legend>联系方式</legend>
          <TextField name="phone" label="联系电话" form={f} required maxlength={20} type="tel" autocomplete="tel" />
          <TextField name="email" label="电子邮箱" form={f} maxlength={120} type="email" autocomplete="email" hint="选择电子邮件方式获取信息的必填" />
          <TextField name="address" label="通信地址" form={f} maxlength={200} autocomplete="street-address" hint="选择邮寄方式获取信息的必填" />
          <TextField name="postcode" label="邮政编码" form={f} maxlength={6} autocomplete="postal-code" />
        </fieldset>
        <fieldset>
          <legend>申请内容</legend>
          <SelectField name="unit" label="受理机关" form={f} required options={bodies.map((b) => ({ value: b.id, label: b.name }))} />
          <TextArea name="description" label="所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述" form={f} required rows={6} hint="例如：《临淄区2022年政务公开工作方案》（临政办字〔2022〕16号）；请尽量具体，以便准确查找" />
          <TextField name="purpose" label="用途（可不填）" form={f} maxlength={500} />
          <Radios name="format" legend="获取信息的载体形式" form={f} required options={Object.entries(FORMATS).map(([value, label]) => ({ value, label }))} />
          <Radios name="delivery" legend="获取信息的方式" form={f} required options={Object.entries(DELIVERIES).map(([value, label]) => ({ value, label }))} />
        </fieldset>
        <fieldset>
          <legend>附件（可不上传）</legend>
          {f.errors.files ? <p class="gk-field-error" id="e-files">{f.errors.files}</p> : null}
          <div class="gk-field" id="f-files" tabindex="-1">
            <label for="f-file1">上传附件</label>
            <p class="gk-hint" id="h-files">如身份证明、授权委托书等；PDF、Word（docx）、Excel（xlsx）、文本、JPG 或 PNG，每个不超过 {MAX_FILE_BYTES / 1024 / 1024} MB，最多 {MAX_FILES} 个。</p>
            <input type="file" id="f-file1" name="file1" aria-describedby="h-files" />
            <input type="file" id="f-file2" name="file2" aria-label="上传附件（第2个）" />
            <input type="file" id="f-file3" name="file3" aria-label="上传附件（第3个）" />
          </div>
        </fieldset>
        <div hidden>
          <label for={`f-${HONEYPOT}`}>请勿填写此项</label>
          <input type="text" id={`f-${HONEYPOT}`} name={HONEYPOT} value="" autocomplete="off" tabindex="-1" />
        </div>
        <button type="submit" class="gk-button">提交申请</button>
      </form>
    </PortalLayout>
  ), status);
}

async function readForm(req: FastifyRequest, reply: FastifyReply): Promise<{ body: Record<string, string>; files: UploadedFile[] }> {
  if (!req.isMultipart()) return { body: formBody(req), files: [] };
  const body: Record<string, string> = {};
  const files: UploadedFile[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.filename || data.length) files.push({ fileName: part.filename, data });
      } else if (typeof part.value === 'string') body[part.fieldname] = part.value;
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', 'attachment_too_large', '附件不能超过 10 MB', { files: '附件不能超过 10 MB' });
    if (code === 'FST_FILES_LIMIT') throw new AppError('invalid', 'validation_failed', `最多上传${MAX_FILES}个附件`, { files: `最多上传${MAX_FILES}个附件` });
    throw err;
  }
  // The token travelled as the first multipart field (src/web/multipart-csrf.ts): check it before anything is used.
  if (csrfDeferred(req)) await verifyCsrfToken(req, reply, body._csrf);
  return { body, files };
}

function successPage(req: FastifyRequest, reply: FastifyReply, code: string | null) {
  const meta = pageMeta(req, reply, '申请已提交');
  return sendHtml(reply, (
    <PortalLayout meta={meta}>
      <h1>申请已提交</h1>
      {code ? <>
        <p>您的政府信息公开申请已提交。工作人员确认后，将生成申请编号，确认之日即为收到申请之日。</p>
        <p class="gk-notice" role="status">您的查询码：<strong class="gk-code">{code}</strong></p>
        <p>请抄写或截图保存查询码，<strong>它只显示这一次</strong>。凭查询码可在<a href="/requests/status">申请进度查询</a>页面查看办理进度和下载接收回执。请勿将查询码告诉他人。</p>
      </> : <p>您的申请已提交。</p>}
      <p><a href="/">返回首页</a></p>
    </PortalLayout>
  ));
}

function statusPage(req: FastifyRequest, reply: FastifyReply, form: FormState, s: PublicStatus | null, status = 200) {
  // What a 查询码 opens is the applicant's alone: never kept by a browser or proxy cache.
  reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
  const meta = pageMeta(req, reply, '政府信息公开申请进度查询');
  const csrf = reply.generateCsrf();
  return sendHtml(reply, (
    <PortalLayout meta={meta}>
      <h1>申请进度查询</h1>
      {s ? <>
        <h2>办理进度</h2>
        <table class="gk-meta-table">
          <caption class="visually-hidden">申请办理情况</caption>
          <tbody>
            <tr><th scope="row">申请编号</th><td>{s.number ?? '待确认后生成'}</td></tr>
            <tr><th scope="row">受理机关</th><td>{s.unitName}</td></tr>
            <tr><th scope="row">提交日期</th><td>{s.submittedOn}</td></tr>
            <tr><th scope="row">收到申请日期</th><td>{s.receivedOn ?? '待确认'}</td></tr>
            <tr><th scope="row">当前状态</th><td>{s.stateLabel}</td></tr>
            <tr><th scope="row">答复期限</th><td>{s.due ?? (s.state === 'closed' ? '—' : '暂不计算（待确认、待补正、征求意见或待缴费期间）')}</td></tr>
            {s.decidedOn ? <tr><th scope="row">答复日期</th><td>{s.decidedOn}</td></tr> : null}
            {s.resultLabel ? <tr><th scope="row">办理结果</th><td>{s.resultLabel}</td></tr> : null}
          </tbody>
        </table>
        <h2>办理记录</h2>
        <ol>{s.steps.map((x) => <li>{x.on} {x.label}</li>)}</ol>
        {s.number ? (
          <form method="post" action="/requests/status/receipt" class="gk-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="code" value={String(form.values.code ?? '')} />
            <button type="submit" class="gk-button gk-button--secondary">下载接收回执（Word）</button>
          </form>
        ) : <p>工作人员确认收到后，可在此下载接收回执。</p>}
        {s.onlineLetterId ? (
          <form method="post" action="/requests/status/letter" class="gk-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="code" value={String(form.values.code ?? '')} />
            <button type="submit" class="gk-button">下载答复书（Word）</button>
          </form>
        ) : null}
        {s.releasedFiles.length ? <>
          <h2>答复文件</h2>
          <p>随答复提供的政府信息，凭查询码下载。</p>
          <ul class="gk-list">{s.releasedFiles.map((x) => (
            <li>
              <form method="post" action="/requests/status/file" class="gk-inline">
                <input type="hidden" name="_csrf" value={csrf} />
                <input type="hidden" name="code" value={String(form.values.code ?? '')} />
                <input type="hidden" name="file" value={String(x.id)} />
                <button type="submit" class="gk-button gk-button--secondary">下载 {x.fileName}（{Math.max(1, Math.ceil(x.size / 1024))} KB）</button>
              </form>
            </li>
          ))}</ul>
        </> : null}
        <h2>查询其他申请</h2>
      </> : <p>请输入提交申请时获得的查询码（10位字母和数字）。查询码不区分大小写，可以不输入连字符。</p>}
      <ErrorSummary errors={form.errors} labels={LABELS} />
      <form method="post" action="/requests/status" class="gk-form" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextField name="code" label="查询码" form={s ? emptyForm() : form} required maxlength={20} autocomplete="off" />
        <button type="submit" class="gk-button">查询</button>
      </form>
      <p><a href="/requests/new">提交新的政府信息公开申请</a> · <a href="/requests/replies">答复库</a></p>
    </PortalLayout>
  ), status);
}

export async function receiptDocx(s: PublicStatus): Promise<Buffer> {
  const p = (t: string, o: { bold?: boolean; center?: boolean; size?: number } = {}) =>
    new Paragraph({ alignment: o.center ? AlignmentType.CENTER : undefined, spacing: { after: 200 }, children: [new TextRun({ text: t, bold: o.bold, size: o.size ?? 28, font: '仿宋' })] });
  const doc = new Document({
    creator: s.unitName, title: '政府信息公开申请接收回执',
    sections: [{ children: [
      p('政府信息公开申请接收回执', { bold: true, center: true, size: 36 }),
      p(`申请编号：${s.number}`),
      p(`本机关已收到您提交的政府信息公开申请。收到申请日期为${s.receivedOn}（《中华人民共和国政府信息公开条例》第三十一条）。`),
      p(`本机关将依照条例第三十三条规定，在收到申请之日起20个工作日内予以答复；需要延长答复期限的，将另行告知。${s.due ? `按目前的办理情况，答复期限为${s.due}。` : ''}`),
      p('征求第三方和其他机关意见、补正以及收费通知和缴费所需时间，不计算在答复期限内。'),
      p('您可以凭查询码在本机关政府信息公开专栏“申请进度查询”页面查看办理进度。'),
      p(s.unitName, { center: false }),
      p(s.receivedOn ?? ''),
    ] }],
  });
  return Packer.toBuffer(doc);
}

async function repliesPage(req: FastifyRequest, reply: FastifyReply) {
  const raw = (req.query as Record<string, string | undefined>).page;
  const page = raw === undefined ? 1 : /^\d{1,5}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : -1;
  if (page < 1) throw new AppError('invalid', 'bad_request', '页码无效');
  const { rows, total } = await listPublicReplies(req.ctx.db, await actorArea(req.ctx), page);
  const pages = Math.max(1, Math.ceil(total / PUBLIC_PAGE_SIZE));
  const meta = pageMeta(req, reply, '政府信息公开申请答复库');
  return sendHtml(reply, (
    <PortalLayout meta={meta}>
      <h1>政府信息公开申请答复库</h1>
      <p>经承办单位审查可以向社会公开的依申请公开答复（不含申请人信息）。共 {total} 件。</p>
      <ul class="gk-list">{rows.map((r) => <li><a href={`/requests/replies/${r.id}`}>{r.summary.slice(0, 60)}</a>（{r.unitName}，{r.decision}，{r.decidedOn}答复）</li>)}</ul>
      {pages > 1 ? <nav class="gk-pagination" aria-label="分页">{page > 1 ? <a href={`/requests/replies?page=${page - 1}`} rel="prev">上一页</a> : null} {page < pages ? <a href={`/requests/replies?page=${page + 1}`} rel="next">下一页</a> : null}</nav> : null}
      <p><a href="/requests/new">提交政府信息公开申请</a></p>
    </PortalLayout>
  ));
}

async function replyPage(req: FastifyRequest, reply: FastifyReply) {
  const id = Number((req.params as Record<string, string>).id);
  const r = await publicReply(req.ctx.db, await actorArea(req.ctx), Number.isInteger(id) ? id : -1);
  const meta = pageMeta(req, reply, '依申请公开答复');
  return sendHtml(reply, (
    <PortalLayout meta={meta}>
      <h1>依申请公开答复</h1>
      <table class="gk-meta-table"><caption class="visually-hidden">答复信息</caption><tbody>
        <tr><th scope="row">申请内容摘要</th><td>{r.summary}</td></tr>
        <tr><th scope="row">答复机关</th><td>{r.unitName}</td></tr>
        <tr><th scope="row">办理结果</th><td>{r.decision}</td></tr>
        <tr><th scope="row">收到申请日期</th><td>{r.receivedOn}</td></tr>
        <tr><th scope="row">答复日期</th><td>{r.decidedOn}</td></tr>
        <tr><th scope="row">公开日期</th><td>{r.publishedOn}</td></tr>
      </tbody></table>
      {r.files?.length ? <>
        <h2>答复提供的政府信息</h2>
        <ul class="gk-list">{r.files.map((f) => <li><a href={`/requests/replies/${r.id}/files/${f.id}`}>{f.fileName}</a>（{Math.max(1, Math.ceil(f.size / 1024))} KB）</li>)}</ul>
      </> : null}
      <p><a href="/requests/replies">返回答复库</a></p>
    </PortalLayout>
  ));
}

export async function intakeRoutes(app: FastifyInstance, deps: AppDeps) {
  const lookup = { config: { rateLimit: { max: LOOKUP_LIMIT, timeWindow: '10 minutes' } } };
  app.get('/requests/download/:token', { config: { rateLimit: { max: LOOKUP_LIMIT, timeWindow: '10 minutes' } } }, async (req, reply) => {
    const l = await letterByToken(req.ctx.db, (req.params as Record<string, string>).token ?? '');
    if (!l) throw new AppError('not_found', 'not_found', '下载链接无效或已过期，请凭查询码在申请进度查询页面获取，或联系答复机关');
    return reply.header('content-disposition', `attachment; filename="reply.docx"; filename*=UTF-8''${encodeURIComponent(`${l.title}-${l.docNumber}.docx`)}`).header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex').type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(await letterDocx(l));
  });
  app.get('/requests/download/:token/files/:fileId', { config: { rateLimit: { max: LOOKUP_LIMIT, timeWindow: '10 minutes' } } }, async (req, reply) => {
    const p = req.params as Record<string, string>;
    const f = /^\d{1,10}$/.test(p.fileId ?? '') ? await releasedFileByToken(req.ctx.db, p.token ?? '', Number(p.fileId)) : null;
    const path = f ? join(requestsUploads(deps.config.dataDir), f.storageKey) : '';
    if (!f || !existsSync(path)) throw new AppError('not_found', 'not_found', '下载链接无效或已过期，请凭查询码在申请进度查询页面获取，或联系答复机关');
    return reply.header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`).header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff').header('x-robots-tag', 'noindex').type(f.mime).send(createReadStream(path));
  });
  app.get('/requests/replies', repliesPage);
  app.get('/requests/replies/:id', replyPage);
  app.get('/requests/replies/:id/files/:fileId', async (req, reply) => {
    const p = req.params as Record<string, string>;
    const num = (x: string | undefined) => (/^\d{1,10}$/.test(x ?? '') ? Number(x) : -1);
    const f = await publicReplyFile(req.ctx.db, await actorArea(req.ctx), num(p.id), num(p.fileId));
    const path = f ? join(requestsUploads(deps.config.dataDir), f.storageKey) : '';
    if (!f || !existsSync(path)) throw new AppError('not_found', 'not_found', '文件不存在');
    return reply.header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .header('x-content-type-options', 'nosniff').type(f.mime).send(createReadStream(path));
  });
  app.post('/requests/status/letter', { config: { rateLimit: { max: LOOKUP_LIMIT, timeWindow: '10 minutes' } } }, async (req, reply) => {
    const code = formBody(req).code ?? '';
    const s = await statusByCode(req.ctx.db, code);
    if (!s) return statusPage(req, reply, { values: { code }, errors: { code: '没有找到与该查询码对应的申请，请核对后重新输入' } }, null, 400);
    const l = s.onlineLetterId ? (await lettersOf(req.ctx.db, s.requestId)).find((x) => x.id === s.onlineLetterId) : undefined;
    if (!l) return statusPage(req, reply, { values: { code }, errors: {} }, s, 404);
    return reply.header('content-disposition', `attachment; filename="reply.docx"; filename*=UTF-8''${encodeURIComponent(`${l.title}-${l.docNumber}.docx`)}`).header('cache-control', 'no-store')
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(await letterDocx(l));
  });
  app.post('/requests/status/file', lookup, async (req, reply) => {
    const b = formBody(req);
    const code = b.code ?? '';
    const fileId = /^\d{1,10}$/.test(b.file ?? '') ? Number(b.file) : 0;
    const f = fileId ? await releasedFileByCode(req.ctx.db, code, fileId, deps.config.dataDir) : null;
    if (!f || !existsSync(f.path)) {
      const s = await statusByCode(req.ctx.db, code);
      return statusPage(req, reply, { values: { code: s ? code : '' }, errors: s ? {} : { code: '没有找到与该查询码对应的申请，请核对后重新输入' } }, s, s ? 404 : 400);
    }
    return reply.header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`).header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff').header('x-robots-tag', 'noindex').type(f.mime).send(createReadStream(f.path));
  });
  app.get('/requests/new', (req, reply) => {
    // Other pages (e.g. /ask when it has no answer) link here with the question as ?description=…
    const q = (req.query as Record<string, unknown>).description;
    const description = typeof q === 'string' ? q.slice(0, 2000) : '';
    return formPage(req, reply, emptyForm({ applicantType: 'natural', idType: '居民身份证', format: 'electronic', delivery: 'online', ...(description ? { description } : {}) }));
  });
  app.post('/requests/new', { config: { csrfInBody: true, rateLimit: { max: deps.config.requestSubmitRateLimit, timeWindow: '1 hour' } } }, async (req, reply) => {
    const { body, files } = await readForm(req, reply);
    // Bots fill every field: answer as if accepted, write nothing.
    if ((body[HONEYPOT] ?? '').trim() !== '') return successPage(req, reply, null);
    try {
      const { queryCode } = await submitOnline(req.ctx, body, files, deps.config.dataDir);
      return successPage(req, reply, queryCode);
    } catch (err) {
      if (err instanceof AppError && Object.keys(err.fields).length) return formPage(req, reply, { values: body, errors: err.fields }, err.status);
      throw err;
    }
  });
  app.get('/requests/status', (req, reply) => statusPage(req, reply, emptyForm(), null));
  app.post('/requests/status', lookup, async (req, reply) => {
    const code = formBody(req).code ?? '';
    const s = await statusByCode(req.ctx.db, code);
    if (!s) return statusPage(req, reply, { values: { code }, errors: { code: code.trim() ? '没有找到与该查询码对应的申请，请核对后重新输入' : '请输入查询码' } }, null, 400);
    return statusPage(req, reply, { values: { code }, errors: {} }, s);
  });
  app.post('/requests/status/receipt', lookup, async (req, reply) => {
    const code = formBody(req).code ?? '';
    const s = await statusByCode(req.ctx.db, code);
    if (!s) return statusPage(req, reply, { values: { code }, errors: { code: '没有找到与该查询码对应的申请，请核对后重新输入' } }, null, 400);
    if (!s.number) return statusPage(req, reply, { values: { code }, errors: {} }, s, 409);
    const buf = await receiptDocx(s);
    return reply.header('content-disposition', `attachment; filename="receipt.docx"; filename*=UTF-8''${encodeURIComponent(`接收回执-${s.number}.docx`)}`)
      .header('cache-control', 'no-store')
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(buf);
  });
}
