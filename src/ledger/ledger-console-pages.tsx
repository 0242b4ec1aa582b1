// Console pages around the ledgers (rendering only): the district dashboard with drill-down,
// assessment, 回头看 rectifications, ledger settings, notifications and the mail outbox.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { raw } from '#jsx/jsx-runtime';
import { AppError } from '../lib/errors.js';
import { formatDate, formatDateTime } from '../lib/time.js';
import { ErrorSummary, Form, SelectField, TextArea, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { FACTOR_KEYS, FACTOR_LABELS } from './assessment-score.js';
import * as adminSvc from './ledger-admin.js';
import * as assess from './ledger-assessment.js';
import { dashboard, rate, taskDrillDown } from './ledger-dashboard.js';
import * as lookback from './ledger-lookback.js';
import { LEDGER_STATUS_LABELS, MEASURE_STATUS_LABELS, ROLE_LABELS_TASK } from './ledger-rules.js';
import { id, planQuery, renderPage } from './ledger-http.js';
import { isAdminUser, isUnitStaff } from './ledger-policy.js';
import { ActionForm, Notice, StatusTag, SubmissionTag } from './ledger.views.js';

type Req = FastifyRequest;
type Reply = FastifyReply;

/** An inline SVG chart (ECharts SSR, no JavaScript) with its data table for screen readers. */
const Chart = (p: { svg: string; caption: string; head: string[]; rows: (string | number)[][] }) => (
  <figure class="gk-chart">
    {/* The SVG is produced by our own renderer from numbers and escaped labels (svg-chart.ts). */}
    {raw(p.svg)}
    <figcaption>
      <table class="gk-table">
        <caption>{p.caption}（数据表）</caption>
        <thead><tr>{p.head.map((h) => <th scope="col">{h}</th>)}</tr></thead>
        <tbody>{p.rows.map((r) => <tr>{r.map((c) => <td>{c}</td>)}</tr>)}</tbody>
      </table>
    </figcaption>
  </figure>
);

export async function dashboardPage(req: Req, reply: Reply) {
  const d = await dashboard(req.ctx, planQuery(req));
  const page = await renderPage(req, reply, '台账总览', null);
  if (!d) return page.send(() => <div class="gk-warning">尚未导入工作方案。</div>);
  const late = d.units.filter((u) => u.submission.late);
  const missing = d.units.filter((u) => u.submission.missing);
  const q = `?plan=${d.plan.id}`;
  return page.send(() => <>
    <p>工作方案：{d.plan.title}。报送截止：{d.plan.submission_due ?? '未设定'}。统计日期：{d.today}。
      <a href={`/console/ledgers${q}`}>台账列表</a> · <a href={`/console/assessment${q}`}>考核评分</a> · <a href={`/console/ledgers/export.xlsx${q}`}>导出全区台账</a></p>
    <ul class="gk-cards">
      <li>责任单位 <strong>{d.units.length}</strong> 个，已报送 <strong>{d.units.filter((u) => u.submission.submittedOn).length}</strong> 个</li>
      <li>逾期未报送 <strong>{missing.length}</strong> 个，逾期报送 <strong>{late.length}</strong> 个</li>
      <li>工作举措 <strong>{d.totals.measures}</strong> 条，完成率 <strong>{rate(d.totals.done, d.totals.measures)}%</strong></li>
      <li>逾期举措 <strong>{d.totals.overdue}</strong> 条，逾期率 <strong>{rate(d.totals.overdue, d.totals.measures)}%</strong></li>
    </ul>
    {missing.length ? <div class="gk-warning" role="status"><strong>逾期未报送：</strong>{missing.map((u) => u.unitName).join('、')}</div> : null}
    {late.length ? <div class="gk-warning"><strong>逾期报送：</strong>{late.map((u) => `${u.unitName}（${u.submission.submittedOn}）`).join('、')}</div> : null}

    <h2>报送情况</h2>
    <Chart svg={d.charts.submission} caption="各单位台账报送情况" head={['状态', '单位数']} rows={d.buckets.map((b) => [b.label, b.count])} />

    <h2>按领域</h2>
    <Chart svg={d.charts.domains} caption="各领域举措完成率与逾期率" head={['领域', '举措', '已完成', '完成率', '逾期', '逾期率']}
      rows={d.byDomain.map((x) => [x.domain, x.total, x.done, `${rate(x.done, x.total)}%`, x.overdue, `${rate(x.overdue, x.total)}%`])} />

    <h2>按单位</h2>
    {d.worst.length ? <Chart svg={d.charts.units} caption={`逾期举措最多的${d.worst.length}个单位`} head={['单位', '逾期举措', '举措', '完成率']} rows={d.worst.map((u) => [u.unitName, u.overdue, u.measures, `${rate(u.done, u.measures)}%`])} /> : <p>没有单位有逾期举措。</p>}
    <table class="gk-table">
      <caption>全部单位的报送与完成情况</caption>
      <thead><tr><th scope="col">单位</th><th scope="col">台账状态</th><th scope="col">报送情况</th><th scope="col">举措</th><th scope="col">完成率</th><th scope="col">逾期</th><th scope="col">逾期率</th></tr></thead>
      <tbody>{d.units.map((u) => (
        <tr><td>{u.ledger ? <a href={`/console/ledgers/${u.ledger.id}`}>{u.unitName}</a> : u.unitName}</td><td>{u.ledger ? LEDGER_STATUS_LABELS[u.ledger.status] : '未开始填报'}</td>
          <td><SubmissionTag s={u.submission} /></td><td>{u.measures}</td><td>{rate(u.done, u.measures)}%</td><td>{u.overdue}</td><td>{rate(u.overdue, u.measures)}%</td></tr>
      ))}</tbody>
    </table>

    <h2 id="overdue">逾期举措（{d.overdueTotal}条{d.overdueTotal > d.overdue.length ? `，显示期限最早的${d.overdue.length}条` : ''}）</h2>
    {d.overdue.length ? <table class="gk-table">
      <caption class="visually-hidden">逾期举措清单</caption>
      <thead><tr><th scope="col">单位</th><th scope="col">序号</th><th scope="col">工作举措</th><th scope="col">期限</th></tr></thead>
      <tbody>{d.overdue.map((o) => <tr><td><a href={`/console/ledgers/${o.ledger_id}#row-${o.row_id}`}>{o.unit_name}</a></td><td><a href={`/console/ledger-dashboard/tasks/${o.task_id}`}>{o.seq}</a></td><td>{o.content}</td><td>{o.deadline}</td></tr>)}</tbody>
    </table> : <p>没有逾期举措。</p>}

    <h2>按任务</h2>
    <table class="gk-table">
      <caption>各项任务的举措完成情况</caption>
      <thead><tr><th scope="col">序号</th><th scope="col">工作任务</th><th scope="col">举措</th><th scope="col">已完成</th><th scope="col">逾期</th></tr></thead>
      <tbody>{d.tasks.map((t) => <tr><td>{t.seq}</td><td><a href={`/console/ledger-dashboard/tasks/${t.id}`}>{t.requirement.length > 60 ? `${t.requirement.slice(0, 60)}…` : t.requirement}</a></td><td>{t.total}</td><td>{t.done}</td><td>{t.overdue}</td></tr>)}</tbody>
    </table>
  </>);
}

export async function taskPage(req: Req, reply: Reply) {
  const d = await taskDrillDown(req.ctx, id(req));
  const page = await renderPage(req, reply, `任务落实情况：序号${d.task.seq}`, null);
  return page.send(() => <>
    <dl class="gk-meta"><dt>工作任务</dt><dd>{d.task.requirement}</dd><dt>领域</dt><dd>{d.task.domain}{d.task.sub_area ? ` · ${d.task.sub_area}` : ''}</dd>
      <dt>责任单位</dt><dd>{d.task.units_text}</dd><dt>时限要求</dt><dd>{d.task.time_limit || '未规定'}</dd></dl>
    <p><a href={`/console/ledger-dashboard?plan=${d.plan.id}`}>返回台账总览</a></p>
    <table class="gk-table">
      <caption>各单位的工作举措</caption>
      <thead><tr><th scope="col">单位</th><th scope="col">角色</th><th scope="col">工作举措</th><th scope="col">期限</th><th scope="col">状态</th></tr></thead>
      <tbody>{d.rows.flatMap((r) => (r.measures.length ? r.measures : [null]).map((m) => (
        <tr><td><a href={`/console/ledgers/${r.ledger_id}#row-${r.id}`}>{r.unit_name}</a></td><td>{ROLE_LABELS_TASK[r.role] ?? r.role}</td>
          <td>{m ? m.content : '（尚未填写举措）'}</td><td>{m?.deadline ?? '—'}</td><td>{m ? <StatusTag status={m.status} /> : '—'}</td></tr>
      )))}</tbody>
    </table>
  </>);
}

export const SCHEME_LABELS: Record<string, string> = { ...FACTOR_LABELS, latePartial: '逾期报送得分比例', overduePenalty: '每项逾期扣分比例' };

export async function assessmentPage(req: Req, reply: Reply, form: FormState | null = null, status = 200, notice?: string) {
  const a = await assess.assessment(req.ctx, planQuery(req));
  const admin = isAdminUser(req.ctx.actor);
  const page = await renderPage(req, reply, '台账工作考核', <><Notice text={notice} /><ErrorSummary errors={form?.errors ?? {}} labels={SCHEME_LABELS} /></>, status);
  if (!a) return page.send(() => <div class="gk-warning">尚未导入工作方案。</div>);
  const q = `?plan=${a.plan.id}`;
  const f = form ?? emptyForm({ ...a.scheme.weights, latePartial: a.scheme.latePartial, overduePenalty: a.scheme.overduePenalty });
  return page.send((csrf) => <>
    <p>{a.plan.title}，截至{a.asOf}。总分 = 100 × Σ(权重 × 得分) ÷ Σ权重，只计适用的项目。<a href={`/console/assessment/export.xlsx${q}`}>导出考核结果（Excel）</a></p>
    <table class="gk-table">
      <caption>各单位考核得分与排名</caption>
      <thead><tr><th scope="col">排名</th><th scope="col">单位</th><th scope="col">总分</th>{FACTOR_KEYS.map((k) => <th scope="col">{FACTOR_LABELS[k]}（权重{a.scheme.weights[k]}）</th>)}<th scope="col">依据</th></tr></thead>
      <tbody>{a.scores.map((s) => (
        <tr><td>{s.rank}</td><td>{s.unitName}</td><td>{s.total}</td>{s.factors.map((x) => <td>{x.applies ? `${Math.round(x.score * 1000) / 10}%` : '不计'}</td>)}
          <td><a href={`/console/assessment/units/${s.unitId}${q}`}>得分依据<span class="visually-hidden">：{s.unitName}</span></a></td></tr>
      ))}</tbody>
    </table>
    <h2>评分方案</h2>
    <ul class="gk-list">
      <li>按时报送台账：报送截止日（遇节假日顺延）前首次报送得满分，逾期报送得“逾期报送得分比例”，未报送不得分。</li>
      <li>举措完成率：已完成举措 ÷ 应完成举措（期限已过或已完成的举措）；尚无到期举措时得满分。</li>
      <li>逾期举措：每项逾期扣“每项逾期扣分比例”，扣完为止。</li>
      <li>完成佐证材料：已完成举措中有佐证材料的比例；尚无已完成举措时不计。</li>
      <li>牵头部门指导：附件2牵头部门对其牵头内容涉及的其他单位任务行留下指导意见的比例；非牵头部门不计。</li>
      <li>信息按时公开：方案年度内形成的主动公开信息（含政策解读）中，在法定期限（20个工作日，解读3个工作日）内发布的比例；尚无到期信息时不计。</li>
    </ul>
    {admin ? <Form action={`/console/assessment/scheme${q}`} csrf={csrf} submit="保存评分方案">
      {FACTOR_KEYS.map((k) => <TextField name={k} label={`${FACTOR_LABELS[k]}权重`} type="number" form={f} required />)}
      <TextField name="latePartial" label="逾期报送得分比例（0到1）" form={f} required />
      <TextField name="overduePenalty" label="每项逾期扣分比例（0到1）" form={f} required />
    </Form> : null}
  </>);
}

export async function assessmentUnitPage(req: Req, reply: Reply) {
  const plan = planQuery(req);
  const a0 = await assess.assessment(req.ctx, plan);
  if (!a0) throw new AppError('not_found', 'not_found', '工作方案不存在');
  const d = await assess.assessmentDetail(req.ctx, a0.plan.id, id(req, 'unitId'));
  const page = await renderPage(req, reply, `考核得分依据：${d.score.unitName}`, null);
  return page.send(() => <>
    <p>总分 <strong>{d.score.total}</strong>，第{d.score.rank}名（截至{d.asOf}）。<a href={`/console/assessment?plan=${d.plan.id}`}>返回考核结果</a>{d.ledger ? <> · <a href={`/console/ledgers/${d.ledger.id}`}>查看台账</a></> : null}</p>
    <table class="gk-table">
      <caption>各项得分</caption>
      <thead><tr><th scope="col">项目</th><th scope="col">权重</th><th scope="col">得分</th><th scope="col">依据</th></tr></thead>
      <tbody>{d.score.factors.map((f) => <tr><td>{f.label}</td><td>{f.weight}</td><td>{f.applies ? `${Math.round(f.score * 1000) / 10}%` : '不计'}</td><td>{f.explanation}</td></tr>)}</tbody>
    </table>
    <h2>报送记录</h2>
    {d.versions.length ? <ul class="gk-list">{d.versions.map((v) => <li>第{v.version}版：{d.cstDate(v.submitted_at)}报送（{v.submitted_by}）；{v.decision === 'accepted' ? '通过' : v.decision === 'returned' ? '退回' : '待审核'}</li>)}</ul> : <p>未报送。</p>}
    <h2>工作举措</h2>
    <table class="gk-table">
      <caption>计入考核的工作举措</caption>
      <thead><tr><th scope="col">序号</th><th scope="col">工作举措</th><th scope="col">期限</th><th scope="col">状态</th><th scope="col">完成日期</th><th scope="col">佐证材料</th><th scope="col">应完成</th></tr></thead>
      <tbody>{d.measures.map((m) => <tr><td>{m.seq}</td><td>{m.content}</td><td>{m.deadline ?? '—'}</td><td><StatusTag status={m.status} /></td><td>{m.completed_on ?? '—'}</td><td>{m.evidence}</td><td>{m.due ? '是' : '否'}</td></tr>)}</tbody>
    </table>
    {d.facts.guidanceRows !== null ? <>
      <h2>牵头指导</h2>
      <table class="gk-table">
        <caption>牵头内容涉及的其他单位任务行</caption>
        <thead><tr><th scope="col">单位</th><th scope="col">序号</th><th scope="col">指导意见</th></tr></thead>
        <tbody>{d.guidance.map((g) => <tr><td><a href={`/console/ledgers/${g.ledgerId}`}>{g.unitName}</a></td><td>{g.seq}</td><td>{g.comments.length ? g.comments.map((c) => `${formatDate(c.created_at)}：${c.body}`).join('；') : '无'}</td></tr>)}</tbody>
      </table>
    </> : null}
  </>);
}

export async function lookbackPage(req: Req, reply: Reply, notice?: string, errors: Record<string, string> = {}, values: Record<string, string> = {}, status = 200) {
  const l = await lookback.listRectifications(req.ctx, planQuery(req));
  const actor = req.ctx.actor;
  const admin = isAdminUser(actor);
  const unitWriter = isUnitStaff(actor);
  const labels: Record<string, string> = {};
  for (const r of l?.items ?? []) Object.assign(labels, { [`status_${r.id}`]: '整改状态', [`note_${r.id}`]: '整改情况', [`completedOn_${r.id}`]: '完成日期' });
  const page = await renderPage(req, reply, '回头看：上一年度未完成举措整改', <><Notice text={notice} /><ErrorSummary errors={errors} labels={labels} /></>, status);
  if (!l) return page.send(() => <div class="gk-warning">尚未导入工作方案。</div>);
  return page.send((csrf) => <>
    <p>工作方案：{l.plan.title}。{l.previous ? `上一年度方案：${l.previous.title}。` : '没有找到上一年度的工作方案。'}</p>
    {admin && l.previous ? <ActionForm action={`/console/lookback/generate?plan=${l.plan.id}`} csrf={csrf} button="从上一年度台账生成整改清单（未完成的举措）" secondary /> : null}
    {l.items.length === 0 ? <p>暂无整改事项。</p> : null}
    {l.items.map((r) => {
      const f: FormState = { values: values[`id`] === String(r.id) ? values : { [`status_${r.id}`]: r.status, [`note_${r.id}`]: r.note, [`completedOn_${r.id}`]: r.completed_on ?? '' }, errors };
      return (
        <section aria-labelledby={`rect-${r.id}`}>
          <h2 id={`rect-${r.id}`}>{l.district ? `${r.unit_name}：` : ''}{r.task_text.length > 40 ? `${r.task_text.slice(0, 40)}…` : r.task_text}</h2>
          <dl class="gk-meta">
            <dt>未完成的举措</dt><dd>{r.measure_text}</dd>
            <dt>原期限与状态</dt><dd>{r.source_deadline ?? '无'}，{MEASURE_STATUS_LABELS[r.source_status as keyof typeof MEASURE_STATUS_LABELS] ?? r.source_status}</dd>
            <dt>整改状态</dt><dd><span class={`gk-tag${r.status === 'done' ? ' gk-tag--ok' : ''}`}>{lookback.RECTIFICATION_LABELS[r.status]}</span>{r.completed_on ? `（${r.completed_on}完成）` : ''}</dd>
            <dt>整改情况</dt><dd>{r.note || '—'}</dd>
          </dl>
          {unitWriter ? <Form action={`/console/lookback/${r.id}?plan=${l.plan.id}`} csrf={csrf} submit="保存整改情况">
            <SelectField name={`status_${r.id}`} label="整改状态" form={f} options={Object.entries(lookback.RECTIFICATION_LABELS).map(([value, label]) => ({ value, label }))} />
            <TextArea name={`note_${r.id}`} label="整改情况" form={f} rows={2} />
            <TextField name={`completedOn_${r.id}`} label="完成日期" type="date" form={f} hint="已整改时填写；不填则按今天" />
          </Form> : null}
        </section>
      );
    })}
  </>);
}

export async function settingsPage(req: Req, reply: Reply, forms: { days?: FormState; duty?: FormState; notice?: string } = {}, status = 200) {
  const s = await adminSvc.ledgerSettings(req.ctx, planQuery(req));
  const errors = { ...forms.days?.errors, ...forms.duty?.errors };
  const page = await renderPage(req, reply, '台账设置', <><Notice text={forms.notice} /><ErrorSummary errors={errors} labels={{ reminderDays: '提前提醒的工作日数', dutyId: '牵头事项', taskSeq: '任务序号', mode: '操作' }} /></>, status);
  const q = s.plan ? `?plan=${s.plan.id}` : '';
  return page.send((csrf) => <>
    <h2>到期提醒</h2>
    <p>每天检查：到期前若干个工作日提醒责任单位联络员，到期当天再提醒一次，逾期后提醒单位审核人和政务公开办。每条举措每种提醒只发一次。</p>
    <Form action={`/console/ledger-settings/reminders${q}`} csrf={csrf} submit="保存">
      <TextField name="reminderDays" label="提前提醒的工作日数" type="number" form={forms.days ?? emptyForm({ reminderDays: s.reminderDays })} required hint="0 表示不提前提醒；默认 3" />
    </Form>
    <h2>牵头部门与任务的对应</h2>
    <p>附件2的“牵头公开内容”自动对应到工作要求中包含其关键词的任务（去掉“相关信息”“信息”“情况”等结尾，按顿号拆分，全部关键词都出现才算）。自动对应不准确时，可在此增加或排除任务；牵头部门可以只读查看这些任务中其他单位的台账行并留下指导意见。</p>
    {s.duties.length ? <table class="gk-table">
      <caption>牵头公开内容及对应任务</caption>
      <thead><tr><th scope="col">编号</th><th scope="col">牵头部门</th><th scope="col">牵头公开内容</th><th scope="col">对应任务（序号）</th><th scope="col">已排除</th></tr></thead>
      <tbody>{s.duties.map((d) => <tr><td>{d.id}</td><td>{d.unit_name}</td><td>{d.content}</td>
        <td>{d.tasks.length ? d.tasks.map((t) => `${t.seq}${t.auto ? '' : '（人工）'}`).join('、') : '无'}</td><td>{d.removed.length ? d.removed.map((t) => t.seq).join('、') : '—'}</td></tr>)}</tbody>
    </table> : <p>本方案没有牵头部门清单。</p>}
    {s.duties.length ? <Form action={`/console/ledger-settings/lead-duties${q}`} csrf={csrf} submit="保存对应关系">
      <SelectField name="dutyId" label="牵头事项" form={forms.duty ?? emptyForm()} options={s.duties.map((d) => ({ value: d.id, label: `${d.unit_name}：${d.content}` }))} />
      <TextField name="taskSeq" label="任务序号" type="number" form={forms.duty ?? emptyForm()} required />
      <SelectField name="mode" label="操作" form={forms.duty ?? emptyForm({ mode: 'add' })} options={[{ value: 'add', label: '增加到该牵头内容' }, { value: 'remove', label: '从该牵头内容排除' }]} />
    </Form> : null}
    <p><a href="/console/outbox">邮件发件箱与收件邮箱</a></p>
  </>);
}

export async function notificationsPage(req: Req, reply: Reply, notice?: string) {
  const n = await adminSvc.listNotifications(req.ctx);
  const page = await renderPage(req, reply, `通知（${n.unread}条未读）`, <Notice text={notice} />);
  return page.send((csrf) => <>
    {n.unread ? <ActionForm action="/console/notifications/read" csrf={csrf} button="全部标为已读" secondary><input type="hidden" name="all" value="1" /></ActionForm> : null}
    {n.rows.length ? <table class="gk-table">
      <caption class="visually-hidden">最近的通知</caption>
      <thead><tr><th scope="col">时间</th><th scope="col">通知</th><th scope="col">内容</th><th scope="col">状态</th></tr></thead>
      <tbody>{n.rows.map((x) => <tr><td>{formatDateTime(x.created_at)}</td><td>{x.link ? <a href={x.link}>{x.title}</a> : x.title}</td>
        <td>{x.body.split('\n').map((line, i) => <>{i ? <br /> : null}{line}</>)}</td><td>{x.read_at ? '已读' : <strong>未读</strong>}</td></tr>)}</tbody>
    </table> : <p>暂无通知。</p>}
  </>);
}

export async function outboxPage(req: Req, reply: Reply, form: FormState | null = null, status = 200, notice?: string) {
  const o = await adminSvc.listOutbox(req.ctx);
  const contacts = await adminSvc.listContacts(req.ctx);
  const page = await renderPage(req, reply, '邮件发件箱', <><Notice text={notice} /><ErrorSummary errors={form?.errors ?? {}} labels={{ userId: '用户', email: '电子邮箱' }} /></>, status);
  return page.send((csrf) => <>
    <p>{o.smtp ? '已配置 SMTP：待发邮件由定时任务发送，失败重试3次。' : '未配置 SMTP（SMTP_HOST）：邮件保存在发件箱中，不会发出；站内通知照常送达。'}
      待发 {o.counts.pending ?? 0} 封，{o.counts.sending ? `发送中 ${o.counts.sending} 封，` : ''}已发 {o.counts.sent ?? 0} 封，失败 {o.counts.failed ?? 0} 封。</p>
    <table class="gk-table">
      <caption>最近的邮件</caption>
      <thead><tr><th scope="col">时间</th><th scope="col">收件人</th><th scope="col">主题</th><th scope="col">状态</th><th scope="col">错误</th></tr></thead>
      <tbody>{o.rows.length ? o.rows.map((m) => <tr><td>{formatDateTime(m.created_at)}</td><td>{m.to_addr}</td><td>{m.subject}</td>
        <td>{m.status === 'sent' ? '已发送' : m.status === 'failed' ? '发送失败' : m.status === 'sending' ? `发送中（第${m.attempts}次）` : '待发送'}</td><td>{m.last_error ?? '—'}</td></tr>) : <tr><td colspan="5">暂无邮件</td></tr>}</tbody>
    </table>
    <h2>收件邮箱</h2>
    <p>提醒和通知会同时发送到用户的电子邮箱（未填写则只有站内通知）。</p>
    <table class="gk-table">
      <caption class="visually-hidden">用户的电子邮箱</caption>
      <thead><tr><th scope="col">用户</th><th scope="col">单位</th><th scope="col">电子邮箱</th></tr></thead>
      <tbody>{contacts.map((c) => <tr><td>{c.display_name}（{c.username}）</td><td>{c.unit_name}</td><td>{c.email ?? '—'}</td></tr>)}</tbody>
    </table>
    <Form action="/console/outbox/contacts" csrf={csrf} submit="保存邮箱">
      <SelectField name="userId" label="用户" form={form ?? emptyForm()} options={contacts.map((c) => ({ value: c.id, label: `${c.display_name}（${c.unit_name}）` }))} />
      <TextField name="email" label="电子邮箱" type="email" form={form ?? emptyForm()} hint="留空则删除该用户的邮箱" maxlength={200} />
    </Form>
  </>);
}
