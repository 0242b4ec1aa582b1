// One plan task in the console: its units (named, group references with exclusions, office
// assignments), corrections after import (text, time limit, units) with their history, and the
// plan's own 文号/date. Every successful POST redirects (303) with a one-time message; a failed one
// re-renders its form with the fields named (handleFormPost).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAdmin } from '../auth/policy.js';
import { canEditPlan } from './plan-policy.js';
import { formatDateTime } from '../lib/time.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { CsrfField, ErrorSummary, Form, SelectField, TextArea, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { handleFormPost, takeFlash } from '../web/flash.js';
import { formBody, intParam, pageMeta, sendHtml } from '../web/http.js';
import * as edit from './plan-edit.service.js';
import { ROLE_LABEL, ruleLabel } from './plan.views.js';

const LABELS: Record<string, string> = {
  requirement: '工作要求', timeLimit: '时限要求', unitsText: '责任单位', reason: '修改说明', measures: '已有的工作举措',
  unitId: '单位', role: '角色', excludeUnitId: '排除的单位', docNumber: '文号', issuedOn: '成文日期', title: '方案标题', _: '操作',
};
const MEASURE_OPTIONS = [{ value: 'keep', label: '保留在台账中（作为已做工作留存）' }, { value: 'delete', label: '连同进展和佐证材料一并删除' }];

const ids = (req: FastifyRequest) => {
  const p = req.params as { id: string; taskId: string };
  return { planId: intParam(p.id), taskId: intParam(p.taskId) };
};
const taskUrl = (planId: number, taskId: number) => `/console/plans/${planId}/tasks/${taskId}`;

type TaskForms = { assign?: FormState; exclude?: FormState; pending?: { action: string; unitId: number; label: string; errors: Record<string, string> } };

async function taskPage(req: FastifyRequest, reply: FastifyReply, forms: TaskForms = {}, status = 200) {
  const { planId, taskId } = ids(req);
  const d = await edit.taskDetailFor(req.ctx, planId, taskId);
  const t = d.task;
  const meta = pageMeta(req, reply, `任务 ${t.seq}`);
  const flash = takeFlash(req, reply);
  const admin = canEditPlan(req.ctx.actor);
  const csrf = meta.csrf ?? '';
  const errors = { ...forms.assign?.errors, ...forms.exclude?.errors, ...forms.pending?.errors };
  const base = taskUrl(planId, taskId);
  const Post = (p: { action: string; label: string; hidden: Record<string, string> }) => (
    <form method="post" action={p.action} class="gk-inline">
      <CsrfField token={csrf} />
      {Object.entries(p.hidden).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
      <button type="submit" class="gk-button gk-button--link">{p.label}</button>
    </form>
  );
  const candidates = d.area.filter((u) => !d.assignments.some((a) => a.unit_id === u.id));
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {flash ? <div class="gk-notice" role="status">{flash}</div> : null}
      <ErrorSummary errors={errors} labels={LABELS} />
      <dl class="gk-meta">
        <dt>工作任务</dt><dd>{t.domain}{t.sub_area ? ` · ${t.sub_area}` : ''}</dd>
        <dt>工作要求</dt><dd>{t.requirement}</dd>
        <dt>责任单位</dt><dd>{d.units.map((u) => `${u.name}（${ROLE_LABEL[u.role]}）`).join('、') || '未给出'}</dd>
        <dt>时限要求</dt><dd>{t.time_limit || '未给出'}</dd>
        <dt>解析规则</dt><dd>{d.rules.map(ruleLabel).join('；') || '—'}</dd>
      </dl>
      {d.warnings.length ? <div class="gk-warning"><strong>待核对：</strong>{d.warnings.join('；')}</div> : null}
      {admin ? <p><a class="gk-button gk-button--secondary" href={`${base}/edit`}>修改任务（工作要求、时限要求、责任单位）</a></p> : null}
      {forms.pending ? (
        <section aria-labelledby="h-pending"><h2 id="h-pending">请确认：{forms.pending.label}</h2>
          <Form action={forms.pending.action} csrf={csrf} submit="确认">
            <input type="hidden" name="unitId" value={String(forms.pending.unitId)} />
            <SelectField name="measures" label="已有的工作举措如何处理" form={{ values: {}, errors: forms.pending.errors }} required options={MEASURE_OPTIONS} />
          </Form>
        </section>
      ) : null}
      <h2>单位组的具体单位</h2>
      <p>“有关职能部门”等单位组需由政务公开办指定具体单位；“各镇、街道”“区政府各部门单位”自动包含对应类型的全部单位，个别单位不承担的可以排除。</p>
      <table class="gk-table">
        <caption>指定承担本任务的单位（{d.assignments.length}个）</caption>
        <thead><tr><th scope="col">单位（角色）</th><th scope="col">台账举措</th>{admin ? <th scope="col">操作</th> : null}</tr></thead>
        <tbody>{d.assignments.length ? d.assignments.map((a) => (
          <tr><td>{a.name}（{ROLE_LABEL[a.role]}）</td><td>{d.measuresOf.get(a.unit_id) ?? 0}条</td>
            {admin ? <td><Post action={`${base}/assignments/remove`} label={`取消指定${a.name}`} hidden={{ unitId: String(a.unit_id) }} /></td> : null}</tr>
        )) : <tr><td colspan={admin ? 3 : 2}>尚未指定</td></tr>}</tbody>
      </table>
      {admin ? (
        <Form action={`${base}/assign`} csrf={csrf} submit="指定单位">
          <SelectField name="unitId" label="单位" form={forms.assign ?? emptyForm()} required options={candidates.map((u) => ({ value: u.id, label: u.name }))} />
          <SelectField name="role" label="角色" form={forms.assign ?? emptyForm({ role: 'implementing' })} required options={[{ value: 'implementing', label: '落实' }, { value: 'responsible', label: '负责' }, { value: 'lead', label: '牵头' }]} />
        </Form>
      ) : null}
      {d.groupCovered.length || d.exclusions.length ? <>
        <h2>单位组中不承担本任务的单位</h2>
        {d.exclusions.length ? <ul class="gk-list">{d.exclusions.map((e) => <li>{e.name}{admin ? <> <Post action={`${base}/include`} label={`恢复${e.name}承担本任务`} hidden={{ unitId: String(e.unit_id) }} /></> : null}</li>)}</ul> : <p>没有排除的单位。</p>}
        {admin && d.groupCovered.length ? (
          <Form action={`${base}/exclude`} csrf={csrf} submit="排除该单位">
            <SelectField name="excludeUnitId" label="从单位组中排除的单位" form={forms.exclude ?? emptyForm()} required options={d.groupCovered.map((u) => ({ value: u.id, label: u.name }))} />
          </Form>
        ) : null}
      </> : null}
      <h2>修改记录</h2>
      {d.changes.length ? (
        <table class="gk-table">
          <caption class="visually-hidden">本任务的修改记录</caption>
          <thead><tr><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">内容</th></tr></thead>
          <tbody>{d.changes.map((c) => <tr><td>{formatDateTime(c.at)}</td><td>{c.actor_label}</td><td>{c.note}</td></tr>)}</tbody>
        </table>
      ) : <p>导入后未修改过。</p>}
      <p><a href={`/console/plans/${planId}#task-${t.seq}`}>返回任务分解表</a></p>
    </ConsoleLayout>
  ), status);
}

async function editPage(req: FastifyRequest, reply: FastifyReply, form: FormState | null, status = 200) {
  const { planId, taskId } = ids(req);
  requireAdmin(req.ctx.actor);
  const d = await edit.taskDetailFor(req.ctx, planId, taskId);
  const t = d.task;
  const f = form ?? emptyForm({ requirement: t.requirement, timeLimit: t.time_limit, unitsText: t.units_text });
  const now = edit.explainTimeLimit(String(f.values.timeLimit ?? ''), d.plan.year);
  const meta = pageMeta(req, reply, `修改任务 ${t.seq}`);
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <ErrorSummary errors={f.errors} labels={LABELS} />
      <p>{t.domain}{t.sub_area ? ` · ${t.sub_area}` : ''}。保存后时限要求重新解析为到期规则，责任单位重新拆分；台账中已有的任务行按新的责任单位调整。</p>
      <Form action={`${taskUrl(planId, taskId)}/edit`} csrf={meta.csrf ?? ''} submit="保存修改">
        <TextArea name="requirement" label="工作要求" form={f} rows={4} required />
        <TextField name="timeLimit" label="时限要求" form={f} maxlength={500} hint={`如“6月底前”“信息形成或者变更之日起20个工作日内公开”“长期坚持”。当前${now.explanation}`} />
        <TextField name="unitsText" label="责任单位" form={f} maxlength={500} hint="按方案原文填写，如“区司法局牵头，各镇、街道落实”；单位名称须与单位管理中的一致" />
        <TextField name="reason" label="修改说明（可不填）" form={f} maxlength={500} />
        {f.errors.measures ? <SelectField name="measures" label="失去此任务的单位已有的工作举措如何处理" form={f} required options={MEASURE_OPTIONS} /> : null}
      </Form>
      <p><a href={taskUrl(planId, taskId)}>返回任务</a></p>
    </ConsoleLayout>
  ), status);
}

export async function planTaskRoutes(app: FastifyInstance): Promise<void> {
  app.get('/console/plans/:id/tasks/:taskId', (req, reply) => taskPage(req, reply));
  app.get('/console/plans/:id/tasks/:taskId/edit', (req, reply) => editPage(req, reply, null));
  app.post('/console/plans/:id/tasks/:taskId/edit', async (req, reply) => {
    const { planId, taskId } = ids(req);
    const body = formBody(req);
    return handleFormPost(reply, () => edit.editTask(req.ctx, planId, taskId, body),
      (r) => ({ to: taskUrl(planId, taskId), notice: `任务已修改。时限要求${r.explanation}` }),
      (errors) => editPage(req, reply, { values: body, errors }, 400));
  });

  app.post('/console/plans/:id/tasks/:taskId/assign', async (req, reply) => {
    const { planId, taskId } = ids(req);
    const body = formBody(req);
    return handleFormPost(reply, () => edit.assignUnit(req.ctx, planId, taskId, body),
      (name) => ({ to: taskUrl(planId, taskId), notice: `已指定${name}承担本任务` }),
      (errors) => taskPage(req, reply, { assign: { values: body, errors } }, 400));
  });
  const choice = (path: string, label: string, run: (req: FastifyRequest, planId: number, taskId: number, body: Record<string, string>) => Promise<string>, formKey: 'exclude' | null) =>
    app.post(`/console/plans/:id/tasks/:taskId/${path}`, async (req, reply) => {
      const { planId, taskId } = ids(req);
      const raw = formBody(req);
      const body = formKey === 'exclude' && raw.excludeUnitId !== undefined ? { ...raw, unitId: raw.excludeUnitId } : raw;
      return handleFormPost(reply, () => run(req, planId, taskId, body), (note) => ({ to: taskUrl(planId, taskId), notice: note }),
        (errors) => {
          // Measures exist: ask what to do with them, keeping the unit chosen.
          if (errors.measures) return taskPage(req, reply, { pending: { action: `${taskUrl(planId, taskId)}/${path}`, unitId: intParam(body.unitId), label, errors } }, 400);
          const mapped = formKey === 'exclude' && errors.unitId ? { excludeUnitId: errors.unitId } : errors;
          return taskPage(req, reply, formKey === 'exclude' ? { exclude: { values: raw, errors: mapped } } : { pending: undefined, assign: undefined, exclude: { values: {}, errors: mapped } }, 400);
        });
    });
  choice('assignments/remove', '取消指定单位', (req, p, t, b) => edit.removeAssignment(req.ctx, p, t, b), null);
  choice('exclude', '从单位组中排除单位', (req, p, t, b) => edit.setExclusion(req.ctx, p, t, b, true), 'exclude');
  choice('include', '恢复单位承担本任务', (req, p, t, b) => edit.setExclusion(req.ctx, p, t, b, false), null);

  app.post('/console/plans/:id/meta', async (req, reply) => {
    const planId = intParam((req.params as { id: string }).id);
    const body = formBody(req);
    return handleFormPost(reply, () => edit.updatePlanMeta(req.ctx, planId, body), () => ({ to: `/console/plans/${planId}`, notice: '方案信息已保存' }),
      (errors) => planMetaErrorPage(req, reply, planId, { values: body, errors }));
  });
}

/** The plan-info form with its errors (the rest of the plan page is a link away). */
async function planMetaErrorPage(req: FastifyRequest, reply: FastifyReply, planId: number, form: FormState) {
  const meta = pageMeta(req, reply, '修改方案信息');
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <ErrorSummary errors={form.errors} labels={LABELS} />
      <PlanMetaForm planId={planId} csrf={meta.csrf ?? ''} form={form} />
      <p><a href={`/console/plans/${planId}`}>返回工作方案</a></p>
    </ConsoleLayout>
  ), 400);
}

export const PlanMetaForm = (p: { planId: number; csrf: string; form: FormState }) => (
  <Form action={`/console/plans/${p.planId}/meta`} csrf={p.csrf} submit="保存方案信息">
    <TextField name="title" label="方案标题" form={p.form} required maxlength={120} />
    <TextField name="docNumber" label="文号" form={p.form} maxlength={60} hint="如“临政办字〔2023〕8号”；印发前可不填" />
    <TextField name="issuedOn" label="成文日期" type="date" form={p.form} />
  </Form>
);
