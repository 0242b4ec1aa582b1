// Console management of 政府公报 issues (admin manages; auditor reads). The portal renders published issues.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { CsrfField, ErrorSummary, Form, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { documentApi, formBody, pageMeta, sendHtml } from '../web/http.js';
import * as gazette from './gazette.service.js';
import { idParam, invalidFields } from './route-helpers.js';
import { redirectWithFlash, takeFlash } from '../web/flash.js';
import { validityToday } from './validity-display.js';
import { pickItems } from './item-picker.service.js';
import { pickerQuery } from './item-picker.page.js';
import { PickerSearch, pickTitle } from './item-picker.views.js';
import { canEditGazette } from './gazette-policy.js';

const LABELS = { year: '年份', number: '期号', title: '标题', itemRef: '政府信息', publishedOn: '出版日期' };

async function listPage(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
  const issues = await gazette.listIssues(req.ctx);
  const meta = pageMeta(req, reply, '政府公报');
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <table class="gk-table">
        <caption>公报期次</caption>
        <thead><tr><th scope="col">期次</th><th scope="col">标题</th><th scope="col">篇数</th><th scope="col">状态</th></tr></thead>
        <tbody>{issues.map((i) => (
          <tr><td><a href={`/console/gazette/${i.id}`}>{i.year}年第{i.number}期</a></td><td>{i.title}</td><td>{Number(i.entries ?? 0)}</td>
            <td>{i.status === 'published' ? `已出版（${i.published_on}）` : '编辑中'}</td></tr>
        ))}</tbody>
      </table>
      {canEditGazette(req.ctx.actor) ? <>
        <h2>新建一期</h2>
        <ErrorSummary errors={form.errors} labels={LABELS} />
        <Form action="/console/gazette" csrf={meta.csrf!} submit="新建">
          <TextField name="year" label="年份" type="number" form={form} required />
          <TextField name="number" label="期号" type="number" form={form} required />
          <TextField name="title" label="标题" form={form} required maxlength={100} hint="如：临淄区人民政府公报 2026年第1期" />
        </Form>
      </> : null}
    </ConsoleLayout>
  ), status);
}

async function issuePage(req: FastifyRequest, reply: FastifyReply, id: number, s: { form?: FormState; alert?: string } = {}, status = 200) {
  const { issue, entries } = await gazette.getIssue(req.ctx, id);
  const meta = pageMeta(req, reply, `${issue.year}年第${issue.number}期：${issue.title}`);
  const editable = canEditGazette(req.ctx.actor) && issue.status === 'draft';
  const form = s.form ?? emptyForm();
  const flash = takeFlash(req, reply);
  // The entry picker (no JavaScript needed): a GET search, then one button per result.
  const pickQ = pickerQuery(req, 'pick');
  const picked = pickQ && editable ? await pickItems(req.ctx, { purpose: 'gazette', q: pickQ, areaId: issue.area_id }) : null;
  const warnings = entries.map((e) => gazette.notInForceWarning(e)).filter((w): w is string => w !== null);
  const Post = (p: { action: string; label: string; hidden?: Record<string, string> }) => (
    <form method="post" action={p.action} class="gk-inline">
      <CsrfField token={meta.csrf!} />
      {Object.entries(p.hidden ?? {}).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
      <button type="submit" class="gk-button gk-button--link">{p.label}</button>
    </form>
  );
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {s.alert ? <div class="gk-error-summary" role="alert" tabindex="-1"><h2>操作未完成</h2><p>{s.alert}</p></div> : null}
      {flash ? <div class="gk-warning" role="status">{flash}</div> : null}
      {editable && warnings.length ? <div class="gk-warning"><strong>目录中有不再有效的文件：</strong><ul class="gk-list">{warnings.map((w) => <li>{w}</li>)}</ul></div> : null}
      <p><a href="/console/gazette">返回公报列表</a></p>
      <p>状态：{issue.status === 'published' ? `已出版（${issue.published_on}）` : '编辑中'}</p>
      <table class="gk-table">
        <caption>目录</caption>
        <thead><tr><th scope="col">序号</th><th scope="col">标题</th><th scope="col">文号</th><th scope="col">发布机构</th><th scope="col">发布日期</th>{editable ? <th scope="col">操作</th> : null}</tr></thead>
        <tbody>{entries.map((e, i) => (
          <tr>
            <td>{i + 1}</td><td><a href={`/console/items/${e.item_id}`}>{e.title}</a>{e.status !== 'published' || e.attribute !== 'proactive' ? <> <span class="gk-tag gk-tag--late">已不再公开</span></> : null}{gazette.notInForceWarning(e) ? <> <span class="gk-tag gk-tag--late">{validityToday(e.validity, e.valid_until) === 'repealed' ? '已废止' : '已失效'}</span></> : null}</td>
            <td>{e.doc_number || '—'}</td><td>{e.unit_name}</td><td>{e.published_on ?? '—'}</td>
            {editable ? <td>
              <Post action={`/console/gazette/${id}/move`} label={`上移《${e.title}》`} hidden={{ itemId: String(e.item_id), direction: 'up' }} />{' '}
              <Post action={`/console/gazette/${id}/move`} label={`下移《${e.title}》`} hidden={{ itemId: String(e.item_id), direction: 'down' }} />{' '}
              <Post action={`/console/gazette/${id}/entries/${e.item_id}/remove`} label={`移出《${e.title}》`} />
            </td> : null}
          </tr>
        ))}</tbody>
      </table>
      {editable ? <>
        <h2>收录文件</h2>
        <ErrorSummary errors={form.errors} labels={LABELS} />
        <PickerSearch name="pick" purpose="gazette" action={`/console/gazette/${id}`} param="pick" label="按标题、文号、索引号或发布机构查找要收录的文件" q={pickQ} rows={picked}
          unavailable={(it) => (entries.some((e) => e.item_id === it.id) ? '已在目录中' : null)}
          choose={(c, row) => (
            <form method="post" action={`/console/gazette/${id}/entries`} class="gk-inline">
              <CsrfField token={meta.csrf!} /><input type="hidden" name="itemRef" value={c.id} data-pick-id />
              <button type="submit" class="gk-button gk-button--link">收录《{pickTitle(c, row)}》</button>
            </form>
          )} />
        <Form action={`/console/gazette/${id}/entries`} csrf={meta.csrf!} submit="收录">
          <TextField name="itemRef" label="政府信息编号或索引号" form={form} required maxlength={40} hint="只能收录已发布的主动公开信息" />
        </Form>
        <h2>出版</h2>
        <Form action={`/console/gazette/${id}/publish`} csrf={meta.csrf!} submit="出版本期">
          <TextField name="publishedOn" label="出版日期" type="date" form={emptyForm()} hint="默认今天" />
        </Form>
      </> : null}
      {canEditGazette(req.ctx.actor) && issue.status === 'published' ? <Post action={`/console/gazette/${id}/unpublish`} label="撤回出版（恢复编辑）" /> : null}
    </ConsoleLayout>
  ), status);
}

export async function gazetteRoutes(app: FastifyInstance) {
  app.get('/console/gazette', (req, reply) => listPage(req, reply, emptyForm()));
  app.post('/console/gazette', async (req, reply) => {
    const body = formBody(req);
    try {
      const id = await gazette.createIssue(req.ctx, body);
      return reply.redirect(`/console/gazette/${id}`, 303);
    } catch (err) {
      const fields = invalidFields(err);
      if (fields) return listPage(req, reply, { values: body, errors: fields }, 400);
      throw err;
    }
  });
  app.get('/console/gazette/:id', (req, reply) => issuePage(req, reply, idParam(req)));
  const act = (path: string, run: (req: FastifyRequest, id: number, body: Record<string, string>) => Promise<unknown>) =>
    app.post(`/console/gazette/:id${path}`, async (req, reply) => {
      const id = idParam(req);
      const body = formBody(req);
      try {
        const r = await run(req, id, body);
        const warning = r && typeof r === 'object' && 'warning' in r ? (r as { warning: string | null }).warning : null;
        if (warning) return redirectWithFlash(reply, `/console/gazette/${id}`, `已收录。注意：${warning}`);
        return reply.redirect(`/console/gazette/${id}`, 303);
      } catch (err) {
        const fields = invalidFields(err);
        if (fields) return issuePage(req, reply, id, { form: { values: body, errors: fields } }, 400);
        if (err instanceof AppError && err.kind === 'conflict') return issuePage(req, reply, id, { alert: err.message }, 409);
        throw err;
      }
    });
  act('/entries', (req, id, b) => gazette.addEntry(req.ctx, id, b));
  act('/entries/:itemId/remove', (req, id) => gazette.removeEntry(req.ctx, id, idParam(req, 'itemId')));
  act('/move', (req, id, b) => gazette.moveEntry(req.ctx, id, b));
  act('/publish', (req, id, b) => gazette.publishIssue(req.ctx, id, b));
  act('/unpublish', (req, id) => gazette.unpublishIssue(req.ctx, id));

  documentApi({ method: 'GET', url: '/api/v1/gazette', summary: '政府公报期次列表', roles: 'admin, auditor' });
  app.get('/api/v1/gazette', async (req) => ({ data: await gazette.listIssues(req.ctx) }));
  documentApi({ method: 'POST', url: '/api/v1/gazette', summary: '新建一期公报', roles: 'admin', body: { year: 'integer', number: 'integer', title: 'string' } });
  app.post('/api/v1/gazette', async (req, reply) => reply.status(201).send({ data: { id: await gazette.createIssue(req.ctx, req.body) } }));
  documentApi({ method: 'GET', url: '/api/v1/gazette/{id}', summary: '一期公报及其目录', roles: 'admin, auditor' });
  app.get('/api/v1/gazette/:id', async (req) => ({ data: await gazette.getIssue(req.ctx, idParam(req)) }));
  documentApi({ method: 'POST', url: '/api/v1/gazette/{id}/entries', summary: '收录已发布的主动公开信息（编号或索引号）', roles: 'admin', body: { itemRef: 'string' } });
  app.post('/api/v1/gazette/:id/entries', async (req) => {
    await gazette.addEntry(req.ctx, idParam(req), req.body);
    return { data: { ok: true } };
  });
  documentApi({ method: 'POST', url: '/api/v1/gazette/{id}/publish', summary: '出版本期', roles: 'admin', body: { publishedOn: 'YYYY-MM-DD?' } });
  app.post('/api/v1/gazette/:id/publish', async (req) => {
    await gazette.publishIssue(req.ctx, idParam(req), req.body);
    return { data: { ok: true } };
  });
}
