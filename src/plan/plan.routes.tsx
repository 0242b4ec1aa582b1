// Plan pages: plans by year, import (upload → preview → confirm), decomposition, my tasks, lead duties, copy, group assignment.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../app/module.js';
import { AppError, invalid } from '../lib/errors.js';
import { intId, parseInput, strictNumberInput } from '../lib/validate.js';
import { requireAdmin } from '../auth/policy.js';
import { canEditPlan, myTasksUnit } from './plan-policy.js';
import { listUnits } from '../org/public.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { ErrorSummary, Form, SelectField, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { documentApi, formBody, intParam, pageMeta, sendHtml } from '../web/http.js';
import { handleFormPost, takeFlash } from '../web/flash.js';
import { csrfDeferred, tokenFromFields, verifyCsrfToken } from '../web/multipart-csrf.js';
import * as svc from './plan.service.js';
import { TaskTable } from './plan.views.js';
import { PlanMetaForm, planTaskRoutes } from './plan-task.routes.js';

const MAX_PLAN_BYTES = 700 * 1024;

async function plansPage(req: FastifyRequest, reply: FastifyReply, opts: { upload?: FormState; copy?: FormState; notice?: string } = {}, status = 200) {
  const plans = await svc.listPlansFor(req.ctx);
  const meta = pageMeta(req, reply, '工作方案');
  const upload = opts.upload ?? emptyForm();
  const flash = takeFlash(req, reply);
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {opts.notice ? <div class="gk-notice" role="status">{opts.notice}</div> : null}
      {flash ? <div class="gk-notice" role="status">{flash}</div> : null}
      <table class="gk-table">
        <caption>历年工作方案</caption>
        <thead><tr><th scope="col">年度</th><th scope="col">方案</th><th scope="col">文号</th><th scope="col">台账报送截止</th><th scope="col">查看</th></tr></thead>
        <tbody>{plans.map((p) => (
          <tr><td>{p.year}</td><td><a href={`/console/plans/${p.id}`}>{p.title}</a></td><td>{p.doc_number || '（未编号）'}</td><td>{p.submission_due ?? '—'}</td>
            <td><a href={`/console/plans/${p.id}/mine`}>我的任务</a> · <a href={`/console/plans/${p.id}/lead-duties`}>牵头清单</a></td></tr>
        ))}</tbody>
      </table>
      {canEditPlan(req.ctx.actor) ? <>
        <h2>导入工作方案</h2>
        <p>支持方案全文（.txt/.md 文本）、Word 原件（.docx）或单独的任务分解表（.xlsx）。上传后先预览，确认无误再导入；再次导入同一方案会原地更新，不会重复。</p>
        <ErrorSummary errors={upload.errors} labels={{ file: '方案文件' }} />
        <form method="post" action="/console/plans/preview" enctype="multipart/form-data" class="gk-form">
          <input type="hidden" name="_csrf" value={meta.csrf!} />
          <div class={`gk-field${upload.errors.file ? ' gk-field--error' : ''}`}>
            <label for="f-file">方案文件</label>
            {upload.errors.file ? <p class="gk-field-error" id="e-file">{upload.errors.file}</p> : null}
            <input id="f-file" name="file" type="file" accept=".txt,.md,.docx,.xlsx" required aria-describedby={upload.errors.file ? 'e-file' : undefined} />
          </div>
          <button type="submit" class="gk-button">上传并预览</button>
        </form>
        {plans.length ? <>
          <h2>以已有方案为基础新建下一年度方案</h2>
          <ErrorSummary errors={opts.copy?.errors ?? {}} labels={{ planId: '来源方案', year: '新方案年度', _: '复制' }} />
          <Form action="/console/plans/copy" csrf={meta.csrf!} submit="复制为新年度方案">
            <SelectField name="planId" label="来源方案" form={opts.copy ?? emptyForm({ planId: plans[0]!.id })} required options={plans.map((p) => ({ value: p.id, label: `${p.year} ${p.title}` }))} />
            <TextField name="year" label="新方案年度" type="number" form={opts.copy ?? emptyForm({ year: plans[0]!.year + 1 })} required />
          </Form>
        </> : null}
      </> : null}
    </ConsoleLayout>
  ), status);
}

function previewPage(req: FastifyRequest, reply: FastifyReply, p: svc.PlanPreview, content: Buffer, filename: string) {
  const meta = pageMeta(req, reply, '导入预览');
  const blocking = p.tasks.length === 0;
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <dl class="gk-meta">
        <dt>文号</dt><dd>{p.plan.docNumber ?? '（未识别）'}</dd>
        <dt>标题</dt><dd>{p.plan.title ?? '（未识别）'}</dd>
        <dt>发文机关</dt><dd>{p.plan.issuer ?? '（未识别）'}</dd>
        <dt>成文日期</dt><dd>{p.plan.issuedOn ?? '（未识别）'}</dd>
        <dt>年度</dt><dd>{p.plan.year}</dd>
        <dt>台账报送截止</dt><dd>{p.plan.submissionDue ?? '（未识别）'}</dd>
        <dt>任务</dt><dd>{p.tasks.length} 项；牵头清单 {p.leadDuties.length} 条</dd>
      </dl>
      {p.existingPlanId ? <div class="gk-notice">已存在同一方案，确认后将原地更新（已关联的台账保留）。</div> : null}
      {p.missingUnits.length ? <div class="gk-warning"><strong>单位目录中没有以下单位，确认导入时将自动新增：</strong>{p.missingUnits.map((u) => `${u.name}（${u.kind}）`).join('、')}</div> : null}
      {p.warnings.length ? <section><h2>提示（{p.warnings.length}条）</h2><ul class="gk-list">{p.warnings.map((w) => <li>第{w.row}项：{w.message}</li>)}</ul></section> : null}
      <TaskTable planId={0} caption="任务预览" tasks={p.tasks.map((t) => ({ id: 0, seq: t.seq, domain: t.domain, sub_area: t.area, requirement: t.requirement, time_limit: t.timeLimit, rules: t.rules, warnings: p.warnings.filter((w) => w.row === t.seq).map((w) => w.message), units: t.units.map((u) => ({ name: u.name, role: u.role, is_group: u.group ? 1 : 0 })) }))} />
      {blocking ? null : (
        <form method="post" action="/console/plans/import" class="gk-form">
          <input type="hidden" name="_csrf" value={meta.csrf!} />
          <input type="hidden" name="filename" value={filename} />
          <input type="hidden" name="content" value={content.toString('base64')} />
          <button type="submit" class="gk-button">确认导入</button> <a href="/console/plans">取消</a>
        </form>
      )}
    </ConsoleLayout>
  ));
}

async function planPage(req: FastifyRequest, reply: FastifyReply, planId: number, mode: 'all' | 'mine') {
  const plan = await svc.getPlan(req.ctx, planId);
  const q = req.query as Record<string, string>;
  const requested = q.unit ? intParam(q.unit) : undefined;
  const unitId = mode === 'mine' ? myTasksUnit(req.ctx.actor, requested) : requested;
  const tasks = await svc.planTasks(req.ctx, planId, unitId);
  const units = await listUnits(req.ctx);
  const unitName = unitId ? units.find((u) => u.id === unitId)?.name : undefined;
  const meta = pageMeta(req, reply, mode === 'mine' ? `我的任务：${plan.title}` : plan.title);
  const flash = takeFlash(req, reply);
  const q2 = req.query as Record<string, string>;
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {flash ? <div class="gk-notice" role="status">{flash}</div> : q2.imported ? <div class="gk-notice" role="status">已导入 {intParam(q2.imported) > 0 ? intParam(q2.imported) : 0} 项任务</div> : null}
      <p>{planFacts(plan)}</p>
      {plan.copied_from_plan_id && !plan.doc_number ? <div class="gk-warning">本方案由上一年度方案复制而来，尚未填写文号和成文日期。</div> : null}
      <p><a href={`/console/plans/${planId}/lead-duties`}>区直部门牵头重点公开工作清单</a> · <a href={`/console/plans/${planId}.json`}>下载 JSON</a></p>
      <form method="get" action={`/console/plans/${planId}${mode === 'mine' ? '/mine' : ''}`} class="gk-form">
        <div class="gk-field"><label for="f-unit">按责任单位筛选</label>
          <select id="f-unit" name="unit"><option value="">全部单位</option>{units.filter((u) => u.kind !== '区' && u.kind !== '市').map((u) => <option value={String(u.id)} selected={u.id === unitId}>{u.name}</option>)}</select></div>
        <button type="submit" class="gk-button">筛选</button>
      </form>
      <p>{unitName ? `${unitName}负责的任务：` : '全部任务：'}{tasks.length} 项</p>
      <TaskTable planId={planId} caption="任务分解表" tasks={tasks} />
      {canEditPlan(req.ctx.actor) && mode === 'all' ? <details open={plan.copied_from_plan_id !== null && !plan.doc_number}>
        <summary>修改方案信息（标题、文号、成文日期）</summary>
        <PlanMetaForm planId={planId} csrf={meta.csrf ?? ''} form={emptyForm({ title: plan.title, docNumber: plan.doc_number, issuedOn: plan.issued_on ?? '' })} />
      </details> : null}
    </ConsoleLayout>
  ));
}

/** 文号 · 发文机关 · 成文日期 · 台账报送截止, leaving out what a (copied) plan does not have yet. */
export const planFacts = (plan: { doc_number: string; issuer: string; issued_on: string | null; submission_due: string | null }): string =>
  [plan.doc_number, plan.issuer, plan.issued_on ?? '', `台账报送截止：${plan.submission_due ?? '未设定'}`].filter((x) => x.trim() !== '').join(' · ');

export async function planRoutes(app: FastifyInstance, _deps: AppDeps): Promise<void> {
  app.get('/console/plans', (req, reply) => plansPage(req, reply));

  app.post('/console/plans/preview', { config: { csrfInBody: true } }, async (req, reply) => {
    requireAdmin(req.ctx.actor);
    const file = await req.file().catch(() => undefined);
    // The form's token comes in the body, before the file (src/web/multipart-csrf.ts).
    if (csrfDeferred(req)) await verifyCsrfToken(req, reply, tokenFromFields(file?.fields));
    if (!file) return plansPage(req, reply, { upload: { values: {}, errors: { file: '请选择要上传的方案文件' } } }, 400);
    const buf = await file.toBuffer();
    if (buf.length > MAX_PLAN_BYTES) return plansPage(req, reply, { upload: { values: {}, errors: { file: '方案文件不能超过700KB' } } }, 400);
    try {
      return previewPage(req, reply, await svc.previewPlan(req.ctx, buf, file.filename), buf, file.filename);
    } catch (err) {
      if (err instanceof AppError && (err.kind === 'invalid' || err.kind === 'unsupported_media')) return plansPage(req, reply, { upload: { values: {}, errors: { file: err.message } } }, err.status);
      throw err;
    }
  });

  app.post('/console/plans/import', async (req, reply) => {
    const b = formBody(req);
    const buf = Buffer.from(b.content ?? '', 'base64');
    try {
      const r = await svc.importPlan(req.ctx, buf, (b.filename ?? 'plan.txt').slice(0, 200));
      return reply.redirect(`/console/plans/${r.planId}?imported=${r.tasks}`, 303);
    } catch (err) {
      if (err instanceof AppError && (err.kind === 'invalid' || err.kind === 'unsupported_media')) return plansPage(req, reply, { upload: { values: {}, errors: { file: err.message } } }, err.status);
      throw err;
    }
  });

  app.post('/console/plans/copy', async (req, reply) => {
    const b = formBody(req);
    return handleFormPost(reply, () => svc.copyPlan(req.ctx, intParam(b.planId), strictNumberInput(b.year) as number),
      (r) => ({ to: `/console/plans/${r.planId}`, notice: `已复制为新年度方案${r.warnings.length ? `；请核对：${r.warnings.slice(0, 5).join('；')}` : ''}。请在页面下方填写文号和成文日期。` }),
      (errors) => plansPage(req, reply, { copy: { values: b, errors } }, 400));
  });

  app.get('/console/plans/:id', (req, reply) => planPage(req, reply, intParam((req.params as { id: string }).id), 'all'));
  app.get('/console/plans/:id/mine', (req, reply) => planPage(req, reply, intParam((req.params as { id: string }).id), 'mine'));
  app.get('/console/plans/:id.json', async (req) => {
    const id = intParam((req.params as { id: string }).id);
    return { plan: await svc.getPlan(req.ctx, id), tasks: await svc.planTasks(req.ctx, id), leadDuties: await svc.leadDuties(req.ctx, id) };
  });

  app.get('/console/plans/:id/lead-duties', async (req, reply) => {
    const id = intParam((req.params as { id: string }).id);
    const plan = await svc.getPlan(req.ctx, id);
    const duties = await svc.leadDuties(req.ctx, id);
    const meta = pageMeta(req, reply, '区直部门牵头重点公开工作清单');
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        <p>{plan.title}</p>
        <table class="gk-table">
          <caption class="visually-hidden">牵头清单</caption>
          <thead><tr><th scope="col">部门</th><th scope="col">牵头公开内容</th><th scope="col">要求</th></tr></thead>
          <tbody>{duties.map((d) => <tr><td>{d.unit_name}</td><td>{d.content}</td><td>{d.requirement}</td></tr>)}</tbody>
        </table>
      </ConsoleLayout>
    ));
  });

  await planTaskRoutes(app);

  documentApi({ method: 'GET', url: '/api/v1/plans', summary: '工作方案列表', roles: '已登录' });
  app.get('/api/v1/plans', async (req) => ({ data: await svc.listPlansFor(req.ctx) }));
  documentApi({ method: 'GET', url: '/api/v1/plans/{id}', summary: '工作方案及任务分解（unit=单位id 可筛选）', roles: '已登录' });
  app.get('/api/v1/plans/:id', async (req) => {
    const id = intParam((req.params as { id: string }).id);
    const q = req.query as Record<string, string>;
    return { data: { plan: await svc.getPlan(req.ctx, id), tasks: await svc.planTasks(req.ctx, id, q.unit ? intParam(q.unit) : undefined), leadDuties: await svc.leadDuties(req.ctx, id) } };
  });
  documentApi({ method: 'POST', url: '/api/v1/plans/import', summary: '导入工作方案：{ filename, contentBase64, dryRun }', roles: 'admin', body: { filename: 'string', contentBase64: 'string', dryRun: 'boolean' } });
  app.post('/api/v1/plans/import', async (req, reply) => {
    const b = parseInput(z.object({ filename: z.string().min(1).max(200), contentBase64: z.string().min(1, '请提供文件内容'), dryRun: z.boolean().optional() }), req.body);
    const buf = Buffer.from(b.contentBase64, 'base64');
    if (b.dryRun) return { data: await svc.previewPlan(req.ctx, buf, b.filename) };
    const r = await svc.importPlan(req.ctx, buf, b.filename);
    return reply.status(r.created ? 201 : 200).send({ data: { planId: r.planId, created: r.created, tasks: r.tasks, unitsCreated: r.unitsCreated, warnings: r.preview.warnings } });
  });
}
