// Console pages for the bulk import of units and users: upload → dry run (every problem by sheet,
// row and column; nothing written) → import (all or nothing) → the initial passwords, shown once.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAdmin } from '../auth/policy.js';
import { ROLE_LABELS } from '../auth/policy.js';
import { AppError } from '../lib/errors.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { CsrfField, ErrorSummary } from '../web/components/form.js';
import { formBody, pageMeta, sendHtml } from '../web/http.js';
import { csrfDeferred, tokenFromFields, verifyCsrfToken } from '../web/multipart-csrf.js';
import { bulkTemplate, planBulkImport, runBulkImport, type BulkPlan } from './bulk-import.js';

const MAX_BYTES = 5 * 1024 * 1024;

function uploadPage(req: FastifyRequest, reply: FastifyReply, error?: string, status = 200) {
  requireAdmin(req.ctx.actor);
  const meta = pageMeta(req, reply, '批量导入单位和用户');
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <ErrorSummary errors={error ? { file: error } : {}} labels={{ file: 'Excel文件' }} />
      <p>上传含“单位”（单位名称、单位代码、单位类型）和“用户”（用户名、姓名、角色、所属单位）两个工作表的 .xlsx 文件。先检查，确认无误后再导入；有任何问题都不会写入。<a href="/console/org-import/template.xlsx">下载模板</a></p>
      <form method="post" action="/console/org-import" enctype="multipart/form-data" class="gk-form">
        <CsrfField token={meta.csrf ?? ''} />
        <div class={`gk-field${error ? ' gk-field--error' : ''}`}>
          <label for="f-file">Excel文件（.xlsx）<span class="gk-req">（必填）</span></label>
          {error ? <p class="gk-field-error" id="e-file">{error}</p> : null}
          <input id="f-file" name="file" type="file" accept=".xlsx" required aria-describedby={error ? 'e-file' : undefined} />
        </div>
        <button type="submit" class="gk-button">检查（不写入）</button>
      </form>
      <p><a href="/console/users">返回用户管理</a></p>
    </ConsoleLayout>
  ), status);
}

function previewPage(req: FastifyRequest, reply: FastifyReply, p: BulkPlan, content: Buffer, status = 200) {
  const meta = pageMeta(req, reply, '批量导入：检查结果');
  const ok = p.errors.length === 0 && (p.units.length + p.users.length) > 0;
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {p.errors.length ? <div class="gk-error-summary" role="alert" tabindex="-1"><h2>文件有 {p.errors.length} 处问题，未导入任何内容</h2><p>请按下表修改后重新上传。</p></div>
        : <div class="gk-notice" role="status">检查通过：将新增 {p.units.length} 个单位、{p.users.length} 个用户。</div>}
      {p.errors.length ? (
        <table class="gk-table"><caption>问题（{p.errors.length}项）</caption>
          <thead><tr><th scope="col">工作表</th><th scope="col">行</th><th scope="col">列</th><th scope="col">问题</th></tr></thead>
          <tbody>{p.errors.map((e) => <tr><td>{e.sheet}</td><td>{e.row}</td><td>{e.column || '—'}</td><td>{e.message}</td></tr>)}</tbody></table>
      ) : null}
      <table class="gk-table"><caption>将新增的单位（{p.units.length}个）</caption>
        <thead><tr><th scope="col">行</th><th scope="col">单位名称</th><th scope="col">单位代码</th><th scope="col">单位类型</th></tr></thead>
        <tbody>{p.units.length ? p.units.map((u) => <tr><td>{u.row}</td><td>{u.name}</td><td>{u.code}</td><td>{u.kind}</td></tr>) : <tr><td colspan={4}>无</td></tr>}</tbody></table>
      <table class="gk-table"><caption>将新增的用户（{p.users.length}个）</caption>
        <thead><tr><th scope="col">行</th><th scope="col">用户名</th><th scope="col">姓名</th><th scope="col">角色</th><th scope="col">所属单位</th></tr></thead>
        <tbody>{p.users.length ? p.users.map((u) => <tr><td>{u.row}</td><td>{u.username}</td><td>{u.displayName}</td><td>{ROLE_LABELS[u.role]}</td><td>{u.unitName}</td></tr>) : <tr><td colspan={5}>无</td></tr>}</tbody></table>
      {ok ? (
        <form method="post" action="/console/org-import/confirm" class="gk-form">
          <CsrfField token={meta.csrf ?? ''} />
          <input type="hidden" name="content" value={content.toString('base64')} />
          <button type="submit" class="gk-button">确认导入</button> <a href="/console/org-import">取消</a>
        </form>
      ) : <p><a href="/console/org-import">重新上传</a></p>}
    </ConsoleLayout>
  ), status);
}

export async function bulkImportRoutes(app: FastifyInstance): Promise<void> {
  app.get('/console/org-import', (req, reply) => uploadPage(req, reply));
  app.get('/console/org-import/template.xlsx', async (req, reply) => {
    requireAdmin(req.ctx.actor);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="org-import.xlsx"; filename*=UTF-8''${encodeURIComponent('单位和用户导入模板.xlsx')}`).send(await bulkTemplate());
  });
  app.post('/console/org-import', { config: { csrfInBody: true } }, async (req, reply) => {
    requireAdmin(req.ctx.actor);
    const file = await req.file().catch(() => undefined);
    if (csrfDeferred(req)) await verifyCsrfToken(req, reply, tokenFromFields(file?.fields));
    if (!file || !file.filename) return uploadPage(req, reply, '请选择要上传的 Excel 文件', 400);
    const buf = await file.toBuffer();
    if (buf.length > MAX_BYTES) return uploadPage(req, reply, '文件不能超过 5 MB', 400);
    try {
      const plan = await planBulkImport(req.ctx, buf);
      return previewPage(req, reply, plan, buf, plan.errors.length ? 400 : 200);
    } catch (err) {
      if (err instanceof AppError && err.kind === 'invalid') return uploadPage(req, reply, err.fields.file ?? err.message, 400);
      throw err;
    }
  });
  // The result carries the initial passwords: it is rendered once here, never stored or redirected through a cookie.
  // A reload re-posts, finds every user already there and writes nothing.
  app.post('/console/org-import/confirm', async (req, reply) => {
    const buf = Buffer.from(formBody(req).content ?? '', 'base64');
    try {
      const r = await runBulkImport(req.ctx, buf);
      const meta = pageMeta(req, reply, '批量导入完成');
      return sendHtml(reply, (
        <ConsoleLayout meta={meta}>
          <div class="gk-notice" role="status">已新增 {r.units} 个单位、{r.users.length} 个用户。</div>
          {r.users.length ? <>
            <p class="gk-warning">以下初始密码只显示这一次，请转交本人并提醒首次登录后修改。</p>
            <table class="gk-table"><caption>新用户的初始密码</caption>
              <thead><tr><th scope="col">用户名</th><th scope="col">姓名</th><th scope="col">初始密码</th></tr></thead>
              <tbody>{r.users.map((u) => <tr><td>{u.username}</td><td>{u.displayName}</td><td><code>{u.password}</code></td></tr>)}</tbody></table>
          </> : null}
          <p><a href="/console/users">查看用户</a> · <a href="/console/units">查看单位</a></p>
        </ConsoleLayout>
      ));
    } catch (err) {
      if (err instanceof AppError && err.kind === 'invalid') return uploadPage(req, reply, err.fields.file ?? err.message, 400);
      throw err;
    }
  });
}
