// The console pages of one ledger and the ledger list (/console/ledgers …): rendering only. Which
// controls show comes from the ledger's access (ledger-policy.ts); routes are in ledger.routes.tsx.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import { formatDate, formatDateTime } from '../lib/time.js';
import { PickerSearch, pickItems, pickTitle } from '../disclosure/public.js';
import { PARTICIPATION_TARGET_LABELS, searchParticipation } from '../decisions/public.js';
import { ErrorSummary, Form, SelectField, TextArea, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { LEDGER_STATUS_LABELS, parseRules, ruleDueDate, workingDaysRule } from './ledger-rules.js';
import * as svc from './ledger.service.js';
import * as excel from './ledger-excel.js';
import { planQuery, renderPage } from './ledger-http.js';
import { isAdminUser, readsWholeArea, showRequestReview } from './ledger-policy.js';
import {
  ActionForm, Comments, IssuesTable, LedgerSummary, MEASURE_LABELS, MeasureFields, MeasuresTable, Notice, RowHeading, StatusTag, SubmissionTag,
  EvidenceLink, type MeasureFormTask,
  planName,
} from './ledger.views.js';

type Req = FastifyRequest;
type Reply = FastifyReply;

// ------------------------------------------------------------------ list

export async function listPage(req: Req, reply: Reply, notice?: string, errors: Record<string, string> = {}, status = 200) {
  const plan = await svc.resolvePlan(req.ctx, planQuery(req));
  const plans = await svc.plansOfArea(req.ctx);
  const actor = req.ctx.actor;
  const district = readsWholeArea(actor);
  const admin = isAdminUser(actor);
  const planPicker = plans.length > 1 ? (
    <form method="get" action="/console/ledgers" class="gk-form">
      <SelectField name="plan" label="工作方案" form={emptyForm({ plan: plan?.id })} options={plans.map((p) => ({ value: p.id, label: `${p.year}年 ${p.title}` }))} />
      <button type="submit" class="gk-button gk-button--secondary">切换</button>
    </form>
  ) : null;
  const page = await renderPage(req, reply, '政务公开工作任务台账', <>
    <Notice text={notice} />
    <ErrorSummary errors={errors} labels={MEASURE_LABELS} />
    {planPicker}
    {plan ? <p>工作方案：{planName(plan)}。台账报送截止：{plan.submission_due ?? '未设定'}。</p> : <div class="gk-warning">尚未导入工作方案。</div>}
  </>, status);
  if (!plan) return page.send(() => null);
  if (district) {
    const list = await svc.districtList(req.ctx, plan);
    const late = list.filter((e) => e.submission.late).length;
    const missing = list.filter((e) => e.submission.missing).length;
    return page.send((csrf) => <>
      <p>
        <a href={`/console/ledger-dashboard?plan=${plan.id}`}>台账总览</a> · <a href={`/console/assessment?plan=${plan.id}`}>考核评分</a> ·{' '}
        <a href={`/console/lookback?plan=${plan.id}`}>回头看整改</a> · <a href={`/console/ledgers/export.xlsx?plan=${plan.id}`}>导出全区台账（Excel，每单位一个工作表）</a>
        {admin ? <> · <a href={`/console/ledger-settings?plan=${plan.id}`}>台账设置</a> · <a href="/console/outbox">邮件发件箱</a></> : null}
      </p>
      {missing || late ? <div class="gk-warning" role="status">逾期未报送 {missing} 个单位，逾期报送 {late} 个单位。</div> : null}
      {admin ? <ActionForm action={`/console/ledgers/create-all?plan=${plan.id}`} csrf={csrf} button="为所有责任单位生成台账" secondary /> : null}
      <table class="gk-table">
        <caption>各责任单位台账（{list.length}个单位）</caption>
        <thead><tr><th scope="col">单位</th><th scope="col">台账状态</th><th scope="col">报送情况</th><th scope="col">任务</th><th scope="col">未填举措的任务</th><th scope="col">举措</th><th scope="col">已完成</th><th scope="col">逾期</th><th scope="col">操作</th></tr></thead>
        <tbody>{list.map((e) => (
          <tr>
            <td>{e.unitName}</td>
            <td>{e.ledger ? LEDGER_STATUS_LABELS[e.ledger.status] : '未开始填报'}</td>
            <td><SubmissionTag s={e.submission} /></td>
            <td>{e.rows}</td><td>{e.emptyRows}</td><td>{e.measures}</td><td>{e.done}</td>
            <td>{e.overdue ? <span class="gk-tag gk-tag--late">{e.overdue}</span> : 0}</td>
            <td>{e.ledger ? <a href={`/console/ledgers/${e.ledger.id}`}>查看<span class="visually-hidden">{e.unitName}台账</span></a> : admin ? (
              <form method="post" action="/console/ledgers" class="gk-inline"><input type="hidden" name="_csrf" value={csrf} /><input type="hidden" name="planId" value={String(plan.id)} /><input type="hidden" name="unitId" value={String(e.unitId)} />
                <button type="submit" class="gk-button gk-button--link">生成台账<span class="visually-hidden">：{e.unitName}</span></button></form>
            ) : '—'}</td>
          </tr>
        ))}</tbody>
      </table>
    </>);
  }
  const mine = await svc.unitList(req.ctx, plan);
  return page.send((csrf) => <>
    <p><a href={`/console/lookback?plan=${plan.id}`}>回头看整改</a></p>
    {mine.canStart ? (
      <ActionForm action="/console/ledgers" csrf={csrf} button="开始填报本单位台账"><input type="hidden" name="planId" value={String(plan.id)} /></ActionForm>
    ) : null}
    <table class="gk-table gk-table--stack">
      <caption>本单位台账</caption>
      <thead><tr><th scope="col">工作方案</th><th scope="col">台账状态</th><th scope="col">报送情况</th><th scope="col">操作</th></tr></thead>
      <tbody>{mine.own.length ? mine.own.map((l) => (
        <tr><td data-label="工作方案">{l.plan_year}年 {l.plan_title}</td><td data-label="台账状态">{LEDGER_STATUS_LABELS[l.status]}（第{l.version}版）</td><td data-label="报送情况">{l.submission ? <SubmissionTag s={l.submission} /> : '—'}</td>
          <td data-label="操作"><a href={`/console/ledgers/${l.id}`}>打开台账<span class="visually-hidden">：{l.plan_year}年</span></a></td></tr>
      )) : <tr><td colspan="4">暂无台账</td></tr>}</tbody>
    </table>
    {mine.guided.length ? <>
      <h2>牵头指导</h2>
      <p>以下单位的台账中有本单位牵头公开内容的任务，可以查看并留下指导意见。</p>
      <table class="gk-table">
        <caption>牵头内容涉及的其他单位台账</caption>
        <thead><tr><th scope="col">单位</th><th scope="col">台账状态</th><th scope="col">涉及任务</th><th scope="col">操作</th></tr></thead>
        <tbody>{mine.guided.map((g) => <tr><td>{g.unitName}</td><td>{LEDGER_STATUS_LABELS[g.status]}</td><td>{g.rows}</td><td><a href={`/console/ledgers/${g.id}`}>查看并指导<span class="visually-hidden">：{g.unitName}</span></a></td></tr>)}</tbody>
      </table>
    </> : null}
  </>);
}

// ------------------------------------------------------------------ one ledger

export type LedgerPageOpts = { notice?: string; errors?: Record<string, string>; values?: Record<string, string>; status?: number };

export async function ledgerPage(req: Req, reply: Reply, ledgerId: number, o: LedgerPageOpts = {}) {
  const v = await svc.getLedger(req.ctx, ledgerId);
  const a = v.access;
  const f: FormState = { values: o.values ?? {}, errors: o.errors ?? {} };
  const base = `/console/ledgers/${v.ledger.id}`;
  // An accepted ledger shows the approval (its comment), not the 退回意见 of versions it replaced.
  const approval = v.ledger.status === 'accepted' ? v.versions.find((x) => x.version === v.ledger.version && x.decision === 'accepted') ?? null : null;
  const ledgerComments = approval ? [] : v.ledgerComments;
  const rows = approval ? v.rows.map((r) => ({ ...r, comments: r.comments.filter((c) => c.kind !== 'return') })) : v.rows;
  const page = await renderPage(req, reply, `${v.unit.name}台账`, <>
    <Notice text={o.notice} />
    <ErrorSummary errors={f.errors} labels={{ ...MEASURE_LABELS, submitComment: '报送意见', returnComment: '退回意见', reopenComment: '重新打开的原因', ...Object.fromEntries(v.rows.map((r) => [`guidance_${r.id}`, `序号${r.seq}的指导意见`])) }} />
    <LedgerSummary v={v} />
    {a.mode === 'lead' ? <div class="gk-notice">您以牵头部门身份查看：只显示本单位牵头公开内容涉及的任务，只读，可留下指导意见。</div> : null}
  </>, o.status ?? 200);
  return page.send((csrf) => <>
    <p>
      <a href={`${base}/export.xlsx`}>导出Excel（附件3格式）</a>
      {a.editContent && a.unitWriter ? <> · <a href={`${base}/import`}>从Excel导入</a></> : null}
      {a.mode !== 'lead' ? <> · <a href={`${base}/history`}>报送历史（{v.versions.length}个版本）</a></> : null}
      {' '}· <a href="/console/ledgers">返回台账列表</a>
    </p>
    {a.requestReview || a.submit || a.reviewerReturn || a.accept || a.reopen ? <section aria-labelledby="wf"><h2 id="wf">审核与报送</h2>
      {showRequestReview(a) ? <ActionForm action={`${base}/request-review`} csrf={csrf} button="填写完成，提请单位审核" /> : null}
      {a.submit ? <ActionForm action={`${base}/submit`} csrf={csrf} button="审核通过并报送政务公开办">
        <TextArea name="submitComment" label="报送说明（可不填）" form={f} rows={2} />
      </ActionForm> : null}
      {a.reviewerReturn ? <ActionForm action={`${base}/reviewer-return`} csrf={csrf} button="退回联络员修改" secondary>
        <TextArea name="returnComment" label="退回意见" form={f} rows={2} required />
      </ActionForm> : null}
      {a.accept ? <p><a class="gk-button" href={`${base}/review`}>审核台账（通过或退回）</a></p> : null}
      {a.reopen ? <ActionForm action={`${base}/reopen`} csrf={csrf} button="重新打开台账以修改举措" secondary>
        <TextArea name="reopenComment" label="重新打开的原因" form={f} rows={2} required />
      </ActionForm> : null}
    </section> : null}
    {approval ? <section aria-labelledby="cm"><h2 id="cm">审核意见</h2>
      <p><strong>政务公开办审核通过</strong>（第{approval.version}版，{approval.decided_by ?? ''}，{formatDate(approval.decided_at)}）：{approval.decision_comment || '审核通过。'}</p>
      <p class="gk-hint">此前各版的退回意见见<a href={`${base}/history`}>报送历史</a>。</p>
    </section> : ledgerComments.length ? <section aria-labelledby="cm"><h2 id="cm">审核意见</h2><Comments comments={ledgerComments} /></section> : null}
    {rows.map((r) => (
      <section aria-labelledby={`row-${r.id}`}>
        <RowHeading row={r} />
        <p><strong>工作任务：</strong>{r.requirement}</p>
        <p class="gk-hint">领域：{r.domain}{r.sub_area ? ` · ${r.sub_area}` : ''}；时限要求：{r.time_limit || '（未规定）'}</p>
        <MeasuresTable v={v} row={r} />
        {r.comments.length ? <Comments comments={r.comments} /> : null}
        {a.editContent && a.unitWriter ? <p><a href={`${base}/rows/${r.id}/measures/new`}>添加工作举措<span class="visually-hidden">：序号{r.seq}</span></a></p> : null}
        {a.guide ? <ActionForm action={`${base}/rows/${r.id}/guidance`} csrf={csrf} button="提交指导意见" secondary>
          <TextArea name={`guidance_${r.id}`} label={`对序号${r.seq}的指导意见`} form={f} rows={2} />
        </ActionForm> : null}
      </section>
    ))}
  </>);
}

function measureTask(row: { seq: number; requirement: string; time_limit: string; rules_json: string }): MeasureFormTask {
  const rules = parseRules(row.rules_json);
  return { seq: row.seq, requirement: row.requirement, time_limit: row.time_limit, planDate: ruleDueDate(rules), workingDays: workingDaysRule(rules)?.days ?? null };
}

export async function newMeasurePage(req: Req, reply: Reply, ledgerId: number, rowId: number, form: FormState | null, status = 200) {
  const v = await svc.getLedger(req.ctx, ledgerId);
  const row = v.rows.find((r) => r.id === rowId);
  if (!row || !v.access.unitWriter) throw new AppError('not_found', 'not_found', '任务行不存在或您无权填写');
  const f = form ?? emptyForm({ timeLimit: row.time_limit, status: 'not_started', leader: row.measures.at(-1)?.leader ?? '', section: row.measures.at(-1)?.section ?? '' });
  const page = await renderPage(req, reply, `添加工作举措：序号${row.seq}`, <>
    <p><strong>工作任务：</strong>{row.requirement}</p>
    <ErrorSummary errors={f.errors} labels={MEASURE_LABELS} />
  </>, status);
  return page.send((csrf) => <>
    <Form action={`/console/ledgers/${ledgerId}/rows/${rowId}/measures/new`} csrf={csrf} submit="保存工作举措">
      <MeasureFields form={f} task={measureTask(row)} />
    </Form>
    <p><a href={`/console/ledgers/${ledgerId}#row-${rowId}`}>返回台账</a></p>
  </>);
}

export type MeasureForms = { measure?: FormState; progress?: FormState; item?: FormState; url?: FormState; file?: FormState; participation?: FormState; notice?: string };

export async function measurePage(req: Req, reply: Reply, ledgerId: number, measureId: number, forms: MeasureForms = {}, status = 200) {
  const v = await svc.getLedger(req.ctx, ledgerId);
  const row = v.rows.find((r) => r.measures.some((m) => m.id === measureId));
  const m = row?.measures.find((x) => x.id === measureId);
  if (!row || !m || v.access.mode === 'lead') throw new AppError('not_found', 'not_found', '工作举措不存在或您无权查看');
  const a = v.access;
  const base = `/console/ledgers/${ledgerId}/measures/${measureId}`;
  const mf = forms.measure ?? emptyForm({
    content: m.content, timeLimit: m.time_limit, leader: m.leader, section: m.section, dueDate: m.due_source === 'manual' ? m.due_date : '',
    anchorDate: m.anchor_date ?? '', status: m.status === 'overdue' ? 'in_progress' : m.status, completedOn: m.completed_on ?? '',
  });
  const errors = { ...mf.errors, ...forms.progress?.errors, ...forms.item?.errors, ...forms.url?.errors, ...forms.file?.errors, ...forms.participation?.errors };
  // The evidence picker: a plain GET search (works without JavaScript), then one button per result.
  const itemq = String((req.query as Record<string, unknown>).itemq ?? '').slice(0, 100).trim();
  const picker = { q: itemq, rows: itemq && a.unitWriter ? await pickItems(req.ctx, { purpose: 'evidence', q: itemq, areaId: v.ledger.area_id }) : null };
  // Decisions, consultations, 列席 meetings and 开放日 of the ledger's area (plan tasks 32–35): the same plain GET search.
  const partq = String((req.query as Record<string, unknown>).partq ?? '').slice(0, 100).trim();
  const parts = partq && a.unitWriter ? await searchParticipation(req.ctx.db, v.ledger.area_id, partq) : null;
  const page = await renderPage(req, reply, `工作举措：序号${row.seq}`, <>
    <Notice text={forms.notice} />
    <ErrorSummary errors={errors} labels={MEASURE_LABELS} />
    <p><strong>工作任务：</strong>{row.requirement}</p>
    <dl class="gk-meta">
      <dt>工作举措</dt><dd>{m.content}</dd>
      <dt>状态</dt><dd><StatusTag status={m.status} />{m.completed_on ? `（${m.completed_on}完成）` : ''}</dd>
      <dt>到期日</dt><dd>{m.due_date ? `${m.due_date}${m.deadline && m.deadline !== m.due_date ? `，顺延至${m.deadline}` : ''}` : '未设定'}{m.due_note ? `（${m.due_note}）` : ''}</dd>
    </dl>
  </>, status);
  return page.send((csrf) => <>
    {a.unitWriter ? <section aria-labelledby="edit"><h2 id="edit">{a.editContent ? '修改工作举措' : '更新状态'}</h2>
      {!a.editContent ? <p class="gk-hint">台账已报送或已通过，举措内容不能修改；状态、进展和佐证材料可以随时更新。</p> : null}
      <Form action={base} csrf={csrf} submit="保存">
        <MeasureFields form={mf} task={measureTask(row)} contentLocked={!a.editContent} />
      </Form>
      {a.editContent ? <ActionForm action={`${base}/delete`} csrf={csrf} button="删除此举措" secondary confirm="确定删除这条工作举措及其进展和佐证材料吗？" /> : null}
    </section> : null}
    <section aria-labelledby="progress"><h2 id="progress">进展情况</h2>
      {m.progress.length ? <ul class="gk-list">{m.progress.map((p) => <li>{p.on_date}：{p.note}（{p.author_label}）</li>)}</ul> : <p>暂无进展记录。</p>}
      {a.unitWriter ? <Form action={`${base}/progress`} csrf={csrf} submit="添加进展">
        <TextField name="onDate" label="进展日期" type="date" form={forms.progress ?? emptyForm()} hint="不填则为今天" />
        <TextArea name="note" label="进展情况" form={forms.progress ?? emptyForm()} rows={3} required />
      </Form> : null}
    </section>
    <section aria-labelledby="evidence"><h2 id="evidence">佐证材料</h2>
      {m.evidence.length ? <ul class="gk-list">{m.evidence.map((e) => (
        <li><EvidenceLink ledgerId={ledgerId} e={e} />（{e.author_label}，{formatDate(e.created_at)}）
          {a.unitWriter ? <form method="post" action={`/console/ledgers/${ledgerId}/evidence/${e.id}/delete`} class="gk-inline"><input type="hidden" name="_csrf" value={csrf} />
            <button type="submit" class="gk-button gk-button--link">删除<span class="visually-hidden">佐证材料{e.label}</span></button></form> : null}</li>
      ))}</ul> : <p>暂无佐证材料。</p>}
      {a.unitWriter ? <>
        <h3>关联已发布的政府信息</h3>
        <PickerSearch name="itemq" purpose="evidence" action={`${base}#evidence`} param="itemq" label="按标题、文号、索引号或发布机构查找" q={picker.q} rows={picker.rows}
          choose={(c, row) => (
            <form method="post" action={`${base}/evidence`} class="gk-inline"><input type="hidden" name="_csrf" value={csrf} /><input type="hidden" name="kind" value="item" /><input type="hidden" name="itemId" value={c.id} data-pick-id />
              <button type="submit" class="gk-button gk-button--link">关联<span class="visually-hidden">《{pickTitle(c, row)}》</span></button></form>
          )} />
        <Form action={`${base}/evidence`} csrf={csrf} submit="关联政府信息">
          <input type="hidden" name="kind" value="item" />
          <TextField name="itemId" label="或直接填写政府信息编号" type="number" form={forms.item ?? emptyForm()} required hint="政府信息管理页面中的编号" />
          <TextField name="itemLabel" label="说明（可不填）" form={forms.item ?? emptyForm()} maxlength={200} />
        </Form>
        <h3 id="participation">关联重大行政决策、征求意见、列席会议或政府开放日</h3>
        <form method="get" action={`${base}#participation`} class="gk-form" role="search" aria-labelledby="participation">
          <TextField name="partq" label="按标题查找本区的决策事项、征求意见、列席会议和开放日" form={{ values: { partq }, errors: forms.participation?.errors ?? {} }} maxlength={100} />
          <button type="submit" class="gk-button gk-button--secondary">查找</button>
        </form>
        {parts ? parts.length ? (
          <table class="gk-table gk-table--stack">
            <caption>找到{parts.length}条记录</caption>
            <thead><tr><th scope="col">标题</th><th scope="col">类型</th><th scope="col">日期与状态</th><th scope="col">操作</th></tr></thead>
            <tbody>{parts.map((p) => (
              <tr>
                <td data-label="标题"><a href={p.href}>{p.title}</a></td>
                <td data-label="类型">{PARTICIPATION_TARGET_LABELS[p.target]}</td>
                <td data-label="日期与状态">{p.status}</td>
                <td data-label="操作"><form method="post" action={`${base}/evidence`} class="gk-inline"><input type="hidden" name="_csrf" value={csrf} />
                  <input type="hidden" name="kind" value="participation" /><input type="hidden" name="target" value={p.target} /><input type="hidden" name="targetId" value={String(p.id)} />
                  <button type="submit" class="gk-button gk-button--link">关联<span class="visually-hidden">{PARTICIPATION_TARGET_LABELS[p.target]}《{p.title}》</span></button></form></td>
              </tr>
            ))}</tbody>
          </table>
        ) : <p role="status">没有找到标题包含“{partq}”的记录。</p> : null}
        <h3>添加网址链接</h3>
        <Form action={`${base}/evidence`} csrf={csrf} submit="添加链接">
          <input type="hidden" name="kind" value="url" />
          <TextField name="url" label="链接" type="url" form={forms.url ?? emptyForm()} required hint="以 http:// 或 https:// 开头" />
          <TextField name="urlLabel" label="说明（可不填）" form={forms.url ?? emptyForm()} maxlength={200} />
        </Form>
        <h3>上传文件</h3>
        <Form action={`${base}/evidence-file`} csrf={csrf} submit="上传" enctype="multipart/form-data">
          <TextField name="file" label="文件" type="file" form={forms.file ?? emptyForm()} required hint="PDF、OFD、Word、Excel、图片、文本或 ZIP，不超过 20 MB" />
          <TextField name="fileLabel" label="说明（可不填）" form={forms.file ?? emptyForm()} maxlength={200} />
        </Form>
      </> : null}
    </section>
    <p><a href={`/console/ledgers/${ledgerId}#row-${row.id}`}>返回台账</a></p>
  </>);
}

export async function reviewPage(req: Req, reply: Reply, ledgerId: number, form: FormState | null, status = 200) {
  const v = await svc.getLedger(req.ctx, ledgerId);
  if (!v.access.accept) throw new AppError('conflict', 'wrong_status', v.access.mode === 'office' ? '台账不在待审核状态' : '只有政务公开办可以审核台账');
  const f = form ?? emptyForm();
  const page = await renderPage(req, reply, `审核台账：${v.unit.name}`, <>
    <ErrorSummary errors={f.errors} labels={{ comment: '总体意见', ...Object.fromEntries(v.rows.map((r) => [`row_${r.id}`, `序号${r.seq}的意见`])) }} />
    <LedgerSummary v={v} />
  </>, status);
  const base = `/console/ledgers/${ledgerId}`;
  return page.send((csrf) => (
    <form method="post" action={`${base}/accept`} class="gk-form gk-form--wide" novalidate>
      <input type="hidden" name="_csrf" value={csrf} />
      <TextArea name="comment" label="总体意见（退回时，总体意见和各任务意见至少填写一项）" form={f} rows={3} />
      {v.rows.map((r) => (
        <section aria-labelledby={`row-${r.id}`}>
          <RowHeading row={r} />
          <p><strong>工作任务：</strong>{r.requirement}（时限要求：{r.time_limit || '未规定'}）</p>
          <MeasuresTable v={v} row={r} />
          {r.comments.length ? <Comments comments={r.comments} /> : null}
          <TextArea name={`row_${r.id}`} label={`对序号${r.seq}的意见`} form={f} rows={2} />
        </section>
      ))}
      <p>
        <button type="submit" class="gk-button">审核通过</button>{' '}
        <button type="submit" class="gk-button gk-button--secondary" formaction={`${base}/return`}>退回修改</button>
      </p>
    </form>
  ));
}

export async function historyPage(req: Req, reply: Reply, ledgerId: number) {
  const h = await svc.ledgerHistory(req.ctx, ledgerId);
  const page = await renderPage(req, reply, '台账报送历史', <p><a href={`/console/ledgers/${ledgerId}`}>返回台账</a></p>);
  return page.send(() => <>
    {h.versions.length === 0 ? <p>尚未报送。</p> : null}
    {h.versions.map((ver) => (
      <section aria-labelledby={`v-${ver.version}`}>
        <h2 id={`v-${ver.version}`}>第{ver.version}版</h2>
        <dl class="gk-meta">
          <dt>报送</dt><dd>{formatDateTime(ver.submitted_at)}（北京时间），{ver.submitted_by}</dd>
          <dt>审核结果</dt><dd>{ver.decision === 'accepted' ? '通过' : ver.decision === 'returned' ? '退回' : '待审核'}{ver.decided_by ? `，${ver.decided_by}` : ''}{ver.decision_comment ? `：${ver.decision_comment}` : ''}</dd>
        </dl>
        {h.comments.filter((c) => c.version === ver.version && c.kind === 'return' && c.row_id !== null).length ? (
          <ul class="gk-list">{h.comments.filter((c) => c.version === ver.version && c.kind === 'return' && c.row_id !== null).map((c) => <li>序号{h.seqOfRow.get(c.row_id!)}：{c.body}</li>)}</ul>
        ) : null}
        <details><summary>本版内容（{ver.snapshot.rows.reduce((n, r) => n + r.measures.length, 0)}条举措）</summary>
          <table class="gk-table">
            <caption class="visually-hidden">第{ver.version}版台账内容</caption>
            <thead><tr><th scope="col">序号</th><th scope="col">工作举措</th><th scope="col">时限要求</th><th scope="col">到期日</th><th scope="col">分管领导</th><th scope="col">责任科室</th></tr></thead>
            <tbody>{ver.snapshot.rows.flatMap((r) => r.measures.map((m) => <tr><td>{r.seq}</td><td>{m.content}</td><td>{m.timeLimit}</td><td>{m.dueDate ?? '—'}</td><td>{m.leader}</td><td>{m.section}</td></tr>))}</tbody>
          </table>
        </details>
      </section>
    ))}
  </>);
}

export async function importPage(req: Req, reply: Reply, ledgerId: number, result: excel.ImportOutcome | null, status = 200, fileError?: string) {
  const v = await svc.getLedger(req.ctx, ledgerId);
  if (!v.access.unitWriter) throw new AppError('forbidden', 'forbidden', '只能由本单位导入台账');
  const errors: Record<string, string> = fileError ? { file: fileError } : result && !result.ok ? { file: `文件有 ${result.errors.length} 处问题，未导入任何内容，请按下表修改后重新上传` } : {};
  const page = await renderPage(req, reply, `从Excel导入台账：${v.unit.name}`, <>
    <ErrorSummary errors={errors} labels={{ file: 'Excel文件' }} />
    {result?.ok ? <div class="gk-notice" role="status">导入完成：涉及{result.summary.rows}项任务，新增{result.summary.added}条、修改{result.summary.updated}条、删除{result.summary.removed}条、未变{result.summary.unchanged}条举措，新增进展{result.summary.progressNotes}条。</div> : null}
    <p>上传填写好的附件3格式台账（.xlsx）。每项任务按“序号”对应；文件中的任务会替换该任务现有的工作举措，文件中没有的任务保持不变。文件有任何错误时不会导入任何内容。</p>
  </>, status);
  return page.send((csrf) => <>
    {result && !result.ok ? <IssuesTable caption="错误" issues={result.errors} /> : null}
    {result && result.warnings.length ? <IssuesTable caption="提示" issues={result.warnings} /> : null}
    <Form action={`/console/ledgers/${ledgerId}/import`} csrf={csrf} submit="导入" enctype="multipart/form-data">
      <TextField name="file" label="Excel文件（.xlsx）" type="file" form={{ values: {}, errors }} required />
    </Form>
    <p><a href={`/console/ledgers/${ledgerId}/export.xlsx`}>先导出当前台账作为模板</a> · <a href={`/console/ledgers/${ledgerId}`}>返回台账</a></p>
  </>);
}
