// Console pages: the register (list + filters), the dashboard, staff intake, the request page with
// the due date and how it was computed, and the handling actions.
import { recordPersonalDataRead } from '../audit/public.js';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app/module.js';
import { getCalendar } from '../calendar/public.js';
import { AppError, notFound } from '../lib/errors.js';
import { todayCst } from '../lib/time.js';
import { actorArea, listUnitsInArea } from '../org/public.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { ErrorSummary, Form, SelectField, TextArea, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { formBody, intParam, pageMeta, sendHtml } from '../web/http.js';
import { assignRequest, dashboard, explainDue, handBack, listRequests, parseFilter, PAGE_SIZE, totalLabel, type DashboardRow } from './console.service.js';
import { ID_TYPES } from './intake.service.js';
import { APPLICANT_LABELS, CLOCK_STEP_LABELS, decisionLabel, EVENT_LABELS } from './labels.js';
import { CORRECTION_NOTICE_DAYS, STATE_LABELS, type RequestState } from './request-events.js';
import { addEvent, CHANNEL_LABELS, confirmRequest, createRequest, requestDetail, requestFileFor, requestFilesOf, type Channel } from './requests.service.js';
import { canHandBack, canWriteRequest, intakeUnits, isOffice, seesWholeArea } from './requests-policy.js';
import { setNumberTemplate } from './numbering.service.js';
import { similarRequests } from './similar.js';
import { linkedDrafts, proactiveProposal, proposeProactive } from './proactive.js';
import { ANSWER_LABELS, ANSWERS, answerConsultation, consultationLetter, consultationsOf, PARTY_KIND_LABELS, PARTY_KINDS, sendConsultation } from './consultation-letters.js';
import { letterDocx } from './letters.service.js';
import { numberTemplate } from './numbering.js';
import { APPLICANT_TYPES, DECISION_CODES, type ApplicantType } from './table3.js';

const idOf = (req: FastifyRequest) => intParam((req.params as Record<string, string>).id);
const clean = (b: Record<string, string>) => Object.fromEntries(Object.entries(b).filter(([k, v]) => k !== '_csrf' && v.trim() !== ''));
const FORMATS: Record<string, string> = { paper: '纸质', electronic: '电子' };
const DELIVERIES: Record<string, string> = { post: '邮寄', email: '电子邮件', pickup: '当面领取', online: '网上获取' };
const STAFF_CHANNELS: Channel[] = ['in_person', 'post', 'fax', 'email', 'oral'];

const Tabs = () => (
  <p class="gk-actions">
    <a href="/console/requests">申请登记</a> · <a href="/console/requests/dashboard">办理看板</a> · <a href="/console/requests?due=week">本周到期</a> ·{' '}
    <a href="/console/requests?due=overdue">已逾期</a> · <a href="/console/requests/new">登记申请</a> · <a href="/console/requests/appeals">复议诉讼台账</a>
  </p>
);

async function listPage(req: FastifyRequest, reply: FastifyReply) {
  const f = parseFilter(req.query);
  const today = todayCst();
  const [r, units] = await Promise.all([listRequests(req.ctx, f, today), listUnitsInArea(req.ctx.db, await actorArea(req.ctx))]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const meta = pageMeta(req, reply, '政府信息公开申请');
  const qs = (page: number) => `/console/requests?${new URLSearchParams({ ...Object.fromEntries(Object.entries(f).map(([k, v]) => [k, String(v)])), page: String(page) })}`;
  const pages = Math.max(1, Math.ceil(r.total / PAGE_SIZE));
  // Past the count cap the last page is unknown: offer the next page while this one is full.
  const hasNext = r.totalCapped ? r.rows.length === PAGE_SIZE : r.page < pages;
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <Tabs />
      <form method="get" action="/console/requests" class="gk-filters">
        <fieldset>
          <legend>筛选</legend>
          <SelectField name="state" label="状态" form={emptyForm(f)} options={Object.entries(STATE_LABELS).map(([value, label]) => ({ value, label }))} />
          <SelectField name="due" label="期限" form={emptyForm(f)} options={[{ value: 'today', label: '今天到期' }, { value: 'week', label: '本周到期' }, { value: 'overdue', label: '已逾期' }]} />
          {req.ctx.actor.kind === 'user' && seesWholeArea(req.ctx.actor)
            ? <SelectField name="unit" label="单位" form={emptyForm(f)} options={units.map((u) => ({ value: u.id, label: u.name }))} /> : null}
          <TextField name="year" label="年份" form={emptyForm(f)} maxlength={4} />
          <TextField name="q" label="申请编号或内容" hint="检索申请内容请至少输入3个字" form={emptyForm(f)} maxlength={100} />
          <button type="submit" class="gk-button">筛选</button>
        </fieldset>
      </form>
      {r.numberOnly ? <p class="gk-notice" role="status">检索词不足3个字，只在申请编号中检索；检索申请内容请至少输入3个字。</p> : null}
      <table class="gk-table">
        <caption>共 {totalLabel(r)}（第 {r.totalCapped ? r.page : `${r.page}/${pages}`} 页）</caption>
        <thead><tr><th scope="col">申请编号</th><th scope="col">受理机关</th><th scope="col">承办单位</th><th scope="col">渠道</th><th scope="col">收到日期</th><th scope="col">状态</th><th scope="col">答复期限</th><th scope="col">结果</th></tr></thead>
        <tbody>{r.rows.map((x) => (
          <tr>
            <td><a href={`/console/requests/${x.id}`}>{x.number ?? `待确认 #${x.id}`}</a></td>
            <td>{names.get(x.unit_id) ?? ''}</td><td>{x.handling_unit_id ? names.get(x.handling_unit_id) ?? '' : '未交办'}</td>
            <td>{CHANNEL_LABELS[x.channel as Channel] ?? x.channel}</td><td>{x.received_on ?? `（提交 ${x.submitted_on}）`}</td>
            <td>{STATE_LABELS[x.state as RequestState] ?? x.state}</td>
            <td>{x.due_on ? (x.state === 'running' && x.due_on < today ? <strong>{x.due_on}（已逾期）</strong> : x.due_on) : '—'}</td>
            <td>{x.decision ? `${decisionLabel(x.decision)}${x.on_time === 0 ? '（超期）' : ''}` : '—'}</td>
          </tr>
        ))}</tbody>
      </table>
      {r.page > 1 || hasNext ? <nav class="gk-pagination" aria-label="分页">{r.page > 1 ? <a href={qs(r.page - 1)} rel="prev">上一页</a> : null} {hasNext ? <a href={qs(r.page + 1)} rel="next">下一页</a> : null}</nav> : null}
    </ConsoleLayout>
  ));
}

async function dashboardPage(req: FastifyRequest, reply: FastifyReply) {
  const d = await dashboard(req.ctx);
  const meta = pageMeta(req, reply, '依申请公开办理看板');
  const Row = (p: { r: DashboardRow; total?: boolean }) => {
    const link = (extra: string) => `/console/requests?${p.r.unitId ? `unit=${p.r.unitId}&` : ''}${extra}`;
    const cell = (n: number, extra: string) => (n ? <a href={link(extra)}>{n}</a> : '0');
    return (
      <tr>
        <th scope="row">{p.total ? <strong>{p.r.unitName}</strong> : p.r.unitName}</th>
        <td>{cell(p.r.dueToday, 'due=today')}</td><td>{cell(p.r.dueWeek, 'due=week')}</td><td>{p.r.overdue ? <strong>{cell(p.r.overdue, 'due=overdue')}</strong> : '0'}</td>
        <td>{p.r.paused}</td><td>{cell(p.r.pending, 'state=pending_confirmation')}</td><td>{p.r.open}</td>
      </tr>
    );
  };
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <Tabs />
      <p>截至 {todayCst()}。“暂停”含征求意见、待补正、待缴费；“待确认”为网上、传真、电子邮件申请尚未确认收到的。</p>
      <table class="gk-table">
        <caption>各单位办理中的申请</caption>
        <thead><tr><th scope="col">单位</th><th scope="col">今天到期</th><th scope="col">本周到期</th><th scope="col">已逾期</th><th scope="col">暂停计时</th><th scope="col">待确认</th><th scope="col">办理中合计</th></tr></thead>
        <tbody>{d.rows.map((r) => <Row r={r} />)}<Row r={d.total} total /></tbody>
      </table>
    </ConsoleLayout>
  ));
}

const INTAKE_LABELS: Record<string, string> = {
  channel: '申请渠道', submittedOn: '提交日期', receivedOn: '收到申请日期', type: '申请人类型', name: '姓名或名称', idType: '证件类型', idNumber: '证件号码',
  contact: '联系人', phone: '联系电话', email: '电子邮箱', address: '通信地址', unit: '受理机关', description: '所需信息描述', format: '载体形式', delivery: '获取方式', purpose: '用途',
};

async function intakePage(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
  const areaId = await actorArea(req.ctx);
  const units = await listUnitsInArea(req.ctx.db, areaId);
  const own = intakeUnits(req.ctx.actor, units);
  const meta = pageMeta(req, reply, '登记政府信息公开申请');
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <Tabs />
      <p>收到申请日期按条例第三十一条确定：当面提交的为提交当日；以邮寄方式提交的为签收之日；传真、电子邮件（及网上）提交的为双方确认之日——未填写确认日期的，进入“待确认”。口头提出的，由工作人员代为填写。</p>
      <ErrorSummary errors={form.errors} labels={INTAKE_LABELS} />
      <Form action="/console/requests/new" csrf={meta.csrf!} submit="登记">
        <fieldset><legend>渠道与日期</legend>
          <SelectField name="channel" label="申请渠道" form={form} required options={STAFF_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))} />
          <TextField name="submittedOn" label="提交日期" type="date" form={form} hint="留空为今天" />
          <TextField name="receivedOn" label="收到申请日期" type="date" form={form} hint="信函填签收日期（必填）；传真、电子邮件填双方确认日期，未确认的留空" />
        </fieldset>
        <fieldset><legend>申请人</legend>
          <SelectField name="type" label="申请人类型" form={form} required options={APPLICANT_TYPES.map((t) => ({ value: t, label: APPLICANT_LABELS[t as ApplicantType] }))} />
          <TextField name="name" label="姓名或名称" form={form} required maxlength={100} />
          <SelectField name="idType" label="证件类型" form={form} options={[...ID_TYPES, '统一社会信用代码'].map((t) => ({ value: t, label: t }))} />
          <TextField name="idNumber" label="证件号码" form={form} maxlength={40} />
          <TextField name="contact" label="联系人（法人或其他组织）" form={form} maxlength={60} />
          <TextField name="phone" label="联系电话" form={form} maxlength={40} />
          <TextField name="email" label="电子邮箱" form={form} maxlength={120} />
          <TextField name="address" label="通信地址" form={form} maxlength={200} />
        </fieldset>
        <fieldset><legend>申请内容</legend>
          <SelectField name="unit" label="受理机关" form={form} required options={own.map((u) => ({ value: u.id, label: u.id === areaId ? `${u.name}人民政府` : u.name }))} />
          <TextArea name="description" label="所需信息描述" form={form} required rows={5} />
          <TextField name="purpose" label="用途（可不填）" form={form} maxlength={500} />
          <SelectField name="format" label="载体形式" form={form} options={Object.entries(FORMATS).map(([value, label]) => ({ value, label }))} />
          <SelectField name="delivery" label="获取方式" form={form} options={Object.entries(DELIVERIES).map(([value, label]) => ({ value, label }))} />
        </fieldset>
      </Form>
    </ConsoleLayout>
  ), status);
}

const DEFAULT_CONSEQUENCE = '申请人无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。';

async function detailPage(req: FastifyRequest, reply: FastifyReply, errors: Record<string, string> = {}, values: Record<string, string> = {}, status = 200) {
  const id = idOf(req);
  const d = await requestDetail(req.ctx, id);
  const { row, replay: r, events } = d;
  await recordPersonalDataRead(req.ctx, { entity: 'info_request', entityId: id, what: '申请人信息（姓名、证件、联系方式、地址）', areaId: row.area_id });
  const calendar = await getCalendar(req.ctx.db, row.area_id);
  const x = explainDue(calendar, r);
  const units = await listUnitsInArea(req.ctx.db, row.area_id);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const sim = await similarRequests(req.ctx.db, id);
  const proposal = sim.otherApplicants + 1 >= sim.proactiveAfter ? await proactiveProposal(req.ctx.db, row) : null;
  const ownDrafts = await linkedDrafts(req.ctx.db, id);
  const consultations = await consultationsOf(req.ctx.db, id);
  const files = await requestFilesOf(req.ctx, id);
  const meta = pageMeta(req, reply, `申请 ${row.number ?? `#${row.id}（待确认）`}`);
  const a = req.ctx.actor;
  const canWrite = canWriteRequest(a, row);
  const today = todayCst();
  const f = emptyForm({ on: today, periodDays: '10', consequence: DEFAULT_CONSEQUENCE, days: '20', ...values });
  f.errors = errors;
  const ev = (type: string, submit: string, children?: unknown) => (
    <Form action={`/console/requests/${id}/event`} csrf={meta.csrf!} submit={submit}>
      <input type="hidden" name="type" value={type} />
      {children as never}
    </Form>
  );
  const dateField = (label: string) => <TextField name="on" label={label} type="date" form={f} required />;
  const cf = { values: { sentOn: today, partyKind: 'third_party', ...values }, errors };
  const consultForm = () => <>
    <h3>{r.state === 'paused' ? '向其他第三方或机关发出征求意见函' : '征求第三方或有关机关意见（发出征求意见函，暂停计时）'}</h3>
    <p>第三方、被征求意见机关自收到征求意见函之日起15个工作日内提出意见；征求意见期间不计入答复期限。对象的名称、地址和联系方式不对外公开。</p>
    <Form action={`/console/requests/${id}/consultations`} csrf={meta.csrf!} submit="生成征求意见函并登记发函">
      <TextField name="sentOn" label="发函日期" type="date" form={cf} required />
      <SelectField name="partyKind" label="征求意见对象类型" form={cf} required options={PARTY_KINDS.map((k) => ({ value: k, label: PARTY_KIND_LABELS[k] }))} />
      <TextField name="partyName" label="征求意见对象（名称或姓名）" form={cf} required maxlength={200} />
      <TextField name="partyAddress" label="对象地址" form={cf} maxlength={300} />
      <TextField name="partyContact" label="对象联系方式" form={cf} maxlength={100} />
      <TextArea name="matter" label="征求意见的事项（涉及哪些信息、可能损害哪些权益或由哪些机关共同制作）" form={cf} required rows={3} />
    </Form>
  </>;
  const corrDue = r.correction && !r.correction.receivedOn ? (() => {
    const e = events.find((x2) => x2.type === 'correction_requested');
    const days = e?.data_json ? (JSON.parse(e.data_json) as { periodDays?: number }).periodDays : undefined;
    return days ? calendar.addWorkingDays(r.correction!.requestedOn, days) : null;
  })() : null;
  const missing: string[] = [];
  if (r.state === 'closed' && !events.some((e) => e.type === 'letter')) missing.push('答复书（告知书）尚未制作');
  if (r.decision === 'unable_not_held' && !events.some((e) => e.type === 'search_record')) missing.push('“本机关不掌握”须附检索记录');
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <Tabs />
      <ErrorSummary errors={errors} labels={{ consultation: '征求意见函', sentOn: '发函日期', title: '主动公开草稿标题', body: '主动公开草稿正文', partyName: '征求意见对象', partyKind: '征求意见对象类型', partyAddress: '对象地址', partyContact: '对象联系方式', matter: '征求意见的事项', answeredOn: '收到意见日期', answer: '意见', answerNote: '意见内容', on: '日期', days: '延长天数', approver: '批准人', what: '补正事项', periodDays: '补正期限', party: '征求意见对象', outcome: '办理结果', unitId: '承办单位', reason: '退回理由', _: '操作' }} />
      {missing.length ? <div class="gk-notice" role="status"><p>尚待补充：</p><ul>{missing.map((m) => <li>{m}</li>)}</ul></div> : null}
      {r.state === 'closed' ? <p><a href={`/console/requests/${id}/reply`}>答复书、检索记录和送达</a></p> : null}
      {events.some((e) => e.type === 'correction_requested') ? <p><a href={`/console/requests/${id}/notices/correction`}>补正告知书</a></p> : null}
      {events.some((e) => e.type === 'extended') ? <p><a href={`/console/requests/${id}/notices/extension`}>延期答复告知书</a></p> : null}
      <h2>答复期限</h2>
      <p><strong>{STATE_LABELS[r.state]}</strong>。{r.due ? <>答复期限：<strong>{r.due}</strong>{r.state === 'running' && r.due < today ? '（已逾期）' : ''}。</> : r.state === 'paused' ? `暂停计时，征求意见至迟于 ${r.consultationUntil} 恢复计时。` : r.state === 'awaiting_fee' ? `待缴费，缴费期限 ${r.fee?.payBy}。` : r.state === 'awaiting_correction' ? `待补正${corrDue ? `，补正期限 ${corrDue}` : ''}。` : null}
        {r.onTime !== null ? (r.onTime ? ' 按时办结。' : ' 超过答复期限办结。') : null}</p>
      {r.correction?.lateNotice ? <p class="gk-field-error">补正告知于 {r.correction.requestedOn} 发出，晚于收到申请后第{CORRECTION_NOTICE_DAYS}个工作日（{r.correction.noticeDue}）。</p> : null}
      {r.notes.map((n) => <p>{n}</p>)}
      {x ? <>
        <p>计算方法：自 {x.from} 的次日起算，第 {x.days} 个工作日为 {x.due}（起算日不计入；遇法定节假日顺延，调休上班日计入）。</p>
        {x.warnings.map((w) => <p class="gk-field-error">{w}</p>)}
        <details><summary>逐日计数（计入 {x.counted.length} 天，跳过 {x.skipped.length} 天）</summary>
          <ol>{x.counted.map((c) => <li>{c.date}</li>)}</ol>
          {x.skipped.length ? <><p>跳过的日期：</p><ul>{x.skipped.map((s) => <li>{s.date}：{s.reason}</li>)}</ul></> : null}
        </details>
        <table class="gk-table"><caption>计时事件</caption>
          <thead><tr><th scope="col">日期</th><th scope="col">事件</th><th scope="col">剩余工作日</th><th scope="col">事件后的答复期限</th></tr></thead>
          <tbody>{x.steps.map((s) => <tr><td>{s.on}</td><td>{CLOCK_STEP_LABELS[s.type] ?? s.type}{s.days && s.type === 'extend' ? `（${s.days}个工作日）` : ''}</td><td>{s.remaining}</td><td>{s.due ?? '暂停'}</td></tr>)}</tbody>
        </table>
      </> : null}
      <h2>申请信息</h2>
      <table class="gk-meta-table"><caption class="visually-hidden">申请信息</caption><tbody>
        <tr><th scope="row">申请编号</th><td>{row.number ?? '待确认后生成'}</td></tr>
        <tr><th scope="row">渠道</th><td>{CHANNEL_LABELS[row.channel as Channel] ?? row.channel}</td></tr>
        <tr><th scope="row">提交日期 / 收到申请日期</th><td>{row.submitted_on} / {row.received_on ?? '待确认'}</td></tr>
        <tr><th scope="row">受理机关 / 承办单位</th><td>{names.get(row.unit_id)} / {row.handling_unit_id ? names.get(row.handling_unit_id) : '未交办'}</td></tr>
        <tr><th scope="row">申请人</th><td>{APPLICANT_LABELS[row.applicant_type as ApplicantType] ?? row.applicant_type}：{row.applicant_name}{row.applicant_legal_rep ? `（法定代表人 ${row.applicant_legal_rep}）` : ''}</td></tr>
        <tr><th scope="row">证件</th><td>{row.applicant_id_type ?? ''} {row.applicant_id_number ?? ''}</td></tr>
        <tr><th scope="row">联系方式</th><td>{[row.applicant_contact && `联系人 ${row.applicant_contact}`, row.applicant_phone, row.applicant_email, row.applicant_address].filter(Boolean).join('；')}</td></tr>
        <tr><th scope="row">所需信息</th><td>{row.description}</td></tr>
        <tr><th scope="row">用途</th><td>{row.purpose ?? '未填写'}</td></tr>
        <tr><th scope="row">载体 / 获取方式</th><td>{FORMATS[row.format ?? ''] ?? '—'} / {DELIVERIES[row.delivery ?? ''] ?? '—'}</td></tr>
        {row.decision ? <tr><th scope="row">办理结果</th><td>{decisionLabel(row.decision)}（{row.decided_on}）</td></tr> : null}
        {files.length ? <tr><th scope="row">附件</th><td><ul>{files.map((fl) => <li><a href={`/console/requests/${id}/files/${fl.id}`}>{fl.file_name}</a>（{Math.ceil(fl.size / 1024)} KB）</li>)}</ul></td></tr> : null}
      </tbody></table>
      {ownDrafts.length && !(proposal && proposal.items.length) ? <p>本申请已关联主动公开草稿（条例第四十四条）：{ownDrafts.map((itemId) => <a href={`/console/items/${itemId}`}>政府信息草稿 {itemId}</a>)}（同组相似申请已生成草稿，不再另行生成）。</p> : null}
      {sim.similar.length ? <>
        <h2>相似的申请</h2>
        {sim.otherApplicants + 1 >= sim.proactiveAfter ? <p class="gk-notice" role="status">已有 {sim.otherApplicants + 1} 位申请人申请相同或相似的可以公开的信息，建议依照条例第四十四条纳入主动公开范围。</p> : null}
        {proposal && proposal.items.length ? <p>已拟主动公开：{proposal.items.map((itemId) => <a href={`/console/items/${itemId}`}>政府信息草稿 {itemId}</a>)}（在“政府信息”中完成保密审查和发布）。</p> : null}
        {proposal && !proposal.items.length && canWrite ? <>
          <h3>转为主动公开（生成政府信息草稿）</h3>
          <p>将以承办单位名义在“政府信息”中生成草稿，关联申请：{proposal.requests.map((x) => x.number ?? `#${x.id}`).join('、')}。标题和正文已去除申请人信息，请核对后生成。</p>
          <Form action={`/console/requests/${id}/proactive`} csrf={meta.csrf!} submit="生成主动公开草稿">
            <TextField name="title" label="标题" form={{ values: { title: values.title ?? proposal.title }, errors }} required maxlength={200} />
            <TextArea name="body" label="正文" form={{ values: { body: values.body ?? proposal.body }, errors }} required rows={6} />
          </Form>
        </> : null}
        <ul>{sim.similar.map((x) => <li>
          <a href={`/console/requests/${x.id}`}>{x.number ?? `#${x.id}`}</a>（相似度 {x.similarity}）{x.sameApplicant ? <strong>同一申请人，可能属于重复申请</strong> : '其他申请人'}
          {x.decision ? `；已答复：${decisionLabel(x.decision)}（${x.decidedOn}）` : '；尚未答复'}
        </li>)}</ul>
      </> : null}
      {consultations.length ? <>
        <h2>征求意见函</h2>
        <table class="gk-table"><caption class="visually-hidden">征求意见函</caption>
          <thead><tr><th scope="col">文号</th><th scope="col">征求意见对象</th><th scope="col">发函日期</th><th scope="col">答复期限</th><th scope="col">意见</th></tr></thead>
          <tbody>{consultations.map((c) => <tr>
            <td><a href={`/console/requests/${id}/consultations/${c.id}`}>{c.doc_number}</a></td>
            <td>{c.party_name}（{PARTY_KIND_LABELS[c.party_kind as 'agency'] ?? c.party_kind}）</td><td>{c.sent_on}</td><td>{c.answer_due}</td>
            <td>{c.answered_on ? `${ANSWER_LABELS[c.answer as 'consent'] ?? c.answer}（${c.answered_on}）${c.answer_note ? `：${c.answer_note}` : ''}` : c.answer_due < today ? (c.party_kind === 'agency' ? '逾期未答复（视为同意公开）' : '逾期未答复') : '等待答复'}</td>
          </tr>)}</tbody>
        </table>
        {canWrite && consultations.some((c) => !c.answered_on) ? <>
          <h3>登记收到的意见</h3>
          <Form action={`/console/requests/${id}/consultations/answer`} csrf={meta.csrf!} submit="登记意见">
            <SelectField name="consultation" label="征求意见函" form={{ values: { consultation: values.consultation ?? '' }, errors }} required
              options={consultations.filter((c) => !c.answered_on).map((c) => ({ value: c.id, label: `${c.doc_number}（${c.party_name}）` }))} />
            <TextField name="answeredOn" label="收到意见日期" type="date" form={{ values: { answeredOn: values.answeredOn ?? today }, errors }} required />
            <SelectField name="answer" label="意见" form={{ values: { answer: values.answer ?? '' }, errors }} required options={ANSWERS.map((x) => ({ value: x, label: ANSWER_LABELS[x] }))} />
            <TextArea name="answerNote" label="意见内容或不同意公开的理由" form={{ values: { answerNote: values.answerNote ?? '' }, errors }} rows={2} />
          </Form>
        </> : null}
      </> : null}
      <h2>办理记录</h2>
      <ol>{events.map((e) => <li>{e.on_date} {EVENT_LABELS[e.type] ?? e.type}{e.days ? `（${e.days}个工作日）` : ''}{e.outcome ? `：${decisionLabel(e.outcome)}` : ''}{e.note ? `——${e.note}` : ''}（{e.actor_label}）</li>)}</ol>
      {canWrite && r.state !== 'closed' ? <>
        <h2>办理</h2>
        {r.state === 'pending_confirmation' ? <>
          <h3>确认收到</h3>
          <Form action={`/console/requests/${id}/confirm`} csrf={meta.csrf!} submit="确认收到（生成申请编号，开始计时）">{dateField('确认日期（即收到申请日期）')}</Form>
        </> : null}
        {isOffice(req.ctx.actor) ? <>
          <h3>交办</h3>
          <Form action={`/console/requests/${id}/assign`} csrf={meta.csrf!} submit="交办">
            <SelectField name="unitId" label="承办单位" form={f} required options={units.filter((u) => u.id !== row.area_id).map((u) => ({ value: u.id, label: u.name }))} />
          </Form>
        </> : null}
        {canHandBack(a, row) ? <>
          <h3>退回政务公开办</h3>
          <Form action={`/console/requests/${id}/hand-back`} csrf={meta.csrf!} submit="退回">
            <TextArea name="reason" label="退回理由" form={f} required rows={2} hint="如：不属于本单位职责，建议由某单位承办" />
          </Form>
        </> : null}
        {r.state === 'running' ? <>
          {!r.correction && !(r.clock?.extendedBy) ? <><h3>告知补正（只能一次）</h3>{ev('correction_requested', '发出补正告知', <>
            {dateField('告知日期')}
            <TextArea name="what" label="需要补正的事项" form={f} required rows={3} />
            <TextField name="periodDays" label="补正期限（工作日）" form={f} required maxlength={2} />
            <TextArea name="consequence" label="逾期不补正的后果" form={f} rows={2} />
          </>)}</> : null}
          {consultForm()}
          {!(r.clock?.extendedBy) ? <><h3>延期答复（只能一次，不超过20个工作日）</h3>{ev('extended', '延期', <>
            {dateField('决定日期（不晚于答复期限）')}<TextField name="days" label="延长工作日" form={f} required maxlength={2} /><TextField name="approver" label="批准延期的负责人" form={f} required maxlength={60} />
          </>)}</> : null}
          <p><a href={`/console/requests/${id}/fee`}>信息处理费（收费通知）</a></p>
          <h3>答复</h3>
          {ev('replied', '登记答复（办结）', <>
            {dateField('答复日期')}
            <SelectField name="outcome" label="办理结果" form={f} required options={DECISION_CODES.map((c) => ({ value: c, label: decisionLabel(c) }))} />
          </>)}
        </> : null}
        {r.state === 'awaiting_correction' ? <>
          <h3>收到补正材料</h3>{ev('correction_received', '登记补正（重新计时20个工作日）', dateField('收到补正日期'))}
          <h3>逾期未补正</h3>
          <p>补正期限{corrDue ? ` ${corrDue} ` : ''}届满未补正的，按（六）1“申请人无正当理由逾期不补正”终止处理。</p>
          <Form action={`/console/requests/${id}/correction-lapse`} csrf={meta.csrf!} submit="终止处理">{dateField('终止日期')}</Form>
        </> : null}
        {r.state === 'paused' ? <>{consultForm()}<h3>恢复计时</h3><p>全部征求意见函登记意见后自动恢复计时；未发函的征求意见（如外部系统登记的），在此登记收到意见的日期。</p>{ev('consultation_ended', '恢复计时', dateField('收到意见日期'))}</> : null}
        {r.state === 'awaiting_fee' ? <p><a href={`/console/requests/${id}/fee`}>登记缴费或逾期未缴费</a></p> : null}
      </> : null}
    </ConsoleLayout>
  ), status);
}

const templatePage = async (req: FastifyRequest, reply: FastifyReply, form: FormState | null, status = 200) => {
  const areaId = await actorArea(req.ctx);
  const meta = pageMeta(req, reply, '申请编号规则');
  const f = form ?? emptyForm({ template: await numberTemplate(req.ctx.db, areaId) });
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <Tabs />
      <p>{'{area}'} 为行政区简称（如“临淄”），{'{year}'} 为收到申请的年份，{'{seq:4}'} 为当年顺序号（补足4位）。例如：{'{area}依申〔{year}〕{seq:4}号'} → 临淄依申〔2022〕0001号。修改后，新编号按新规则生成，当年顺序号连续。</p>
      <ErrorSummary errors={f.errors} labels={{ template: '编号规则' }} />
      <Form action="/console/requests/settings" csrf={meta.csrf!} submit="保存"><TextField name="template" label="编号规则" form={f} required maxlength={60} /></Form>
    </ConsoleLayout>
  ), status);
};

export async function consoleRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get('/console/requests', listPage);
  app.get('/console/requests/dashboard', dashboardPage);
  app.get('/console/requests/new', (req, reply) => intakePage(req, reply, emptyForm({ channel: 'in_person', type: 'natural', idType: '居民身份证' })));
  app.post('/console/requests/new', async (req, reply) => {
    const b = formBody(req);
    const c = clean(b);
    try {
      if (c.channel === 'post' && !c.receivedOn) throw new AppError('invalid', 'validation_failed', '信函请填写签收日期', { receivedOn: '以邮寄方式提交的，收到申请日期为签收之日，请填写' });
      const r = await createRequest(req.ctx, {
        unit: c.unit ?? '', channel: c.channel, receivedOn: c.receivedOn, submittedOn: c.submittedOn, description: c.description ?? '', purpose: c.purpose, format: c.format, delivery: c.delivery,
        applicant: { type: c.type, name: c.name ?? '', idType: c.idType, idNumber: c.idNumber, contact: c.contact, phone: c.phone, email: c.email, address: c.address },
      });
      return reply.redirect(`/console/requests/${r.id}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.kind === 'invalid') {
        const fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.replace(/^applicant\./, ''), v]));
        return intakePage(req, reply, { values: b, errors: Object.keys(fields).length ? fields : { _: err.message } }, 400);
      }
      throw err;
    }
  });
  app.get('/console/requests/settings', (req, reply) => templatePage(req, reply, null));
  app.post('/console/requests/settings', async (req, reply) => {
    const b = formBody(req);
    try {
      await setNumberTemplate(req.ctx, { template: b.template ?? '' });
      return reply.redirect('/console/requests/settings', 303);
    } catch (err) {
      if (err instanceof AppError && err.kind === 'invalid') return templatePage(req, reply, { values: b, errors: err.fields }, 400);
      throw err;
    }
  });
  app.get('/console/requests/:id', (req, reply) => detailPage(req, reply));
  const action = (path: string, run: (req: FastifyRequest, body: Record<string, unknown>) => Promise<unknown>) =>
    app.post(`/console/requests/:id${path}`, async (req, reply) => {
      const b = formBody(req);
      const input: Record<string, unknown> = clean(b);
      for (const k of ['days', 'periodDays', 'unitId']) if (typeof input[k] === 'string' && /^\d+$/.test(input[k] as string)) input[k] = Number(input[k]);
      try {
        await run(req, input);
        return reply.redirect(`/console/requests/${idOf(req)}`, 303);
      } catch (err) {
        if (err instanceof AppError && (err.kind === 'invalid' || err.kind === 'conflict')) {
          return detailPage(req, reply, Object.keys(err.fields).length ? err.fields : { _: err.message }, b, err.status);
        }
        throw err;
      }
    });
  action('/event', (req, b) => {
    if (b.type === 'extended' && !b.approver) throw new AppError('invalid', 'validation_failed', '请填写批准延期的负责人', { approver: '延期须经政府信息公开工作机构负责人同意，请填写批准人' });
    if (b.type === 'correction_requested' && (!b.what || !b.periodDays)) throw new AppError('invalid', 'validation_failed', '补正告知须写明补正事项和合理的补正期限', { ...(!b.what ? { what: '请写明需要补正的事项' } : {}), ...(!b.periodDays ? { periodDays: '请填写补正期限' } : {}) });
    if (b.type === 'consultation_started' && !b.party) throw new AppError('invalid', 'validation_failed', '请填写征求意见对象', { party: '请填写征求意见的第三方或机关' });
    if (b.type === 'correction_requested' && !b.consequence) b.consequence = DEFAULT_CONSEQUENCE;
    return addEvent(req.ctx, idOf(req), b);
  });
  action('/confirm', (req, b) => confirmRequest(req.ctx, idOf(req), b));
  action('/proactive', (req, b) => proposeProactive(req.ctx, idOf(req), b));
  action('/consultations', (req, b) => sendConsultation(req.ctx, idOf(req), b));
  action('/consultations/answer', (req, b) => {
    const cid = typeof b.consultation === 'string' && /^\d{1,10}$/.test(b.consultation) ? Number(b.consultation) : 0;
    if (!cid) throw new AppError('invalid', 'validation_failed', '请选择征求意见函', { consultation: '请选择征求意见函' });
    const { consultation: _c, ...rest } = b;
    return answerConsultation(req.ctx, idOf(req), cid, rest);
  });
  const findConsultation = async (req: FastifyRequest) => {
    const id = idOf(req);
    await requestDetail(req.ctx, id); // authorisation
    const c = (await consultationsOf(req.ctx.db, id)).find((x) => x.id === intParam((req.params as Record<string, string>).cid));
    if (!c) throw notFound('征求意见函');
    return c;
  };
  app.get('/console/requests/:id/consultations/:cid', async (req, reply) => {
    const c = await findConsultation(req);
    const l = consultationLetter(c);
    const meta = pageMeta(req, reply, `${l.title} ${l.docNumber}`);
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        <article class="gk-letter">
          <h2 class="gk-letter__title">{l.title}</h2>
          <p class="gk-letter__number">{l.docNumber}</p>
          {l.paragraphs.map((t) => <p>{t}</p>)}
          <p class="gk-letter__sign">{l.unitName}<br />{l.issuedOn}</p>
        </article>
        <p class="gk-noprint">送达地址：{c.party_address ?? '未填写'}；联系方式：{c.party_contact ?? '未填写'}。<a href={`/console/requests/${idOf(req)}/consultations/${c.id}/docx`}>下载 Word</a> · <a href={`/console/requests/${idOf(req)}`}>返回</a></p>
      </ConsoleLayout>
    ));
  });
  app.get('/console/requests/:id/consultations/:cid/docx', async (req, reply) => {
    const l = consultationLetter(await findConsultation(req));
    return reply.header('content-disposition', `attachment; filename="consultation.docx"; filename*=UTF-8''${encodeURIComponent(`${l.title}-${l.docNumber}.docx`)}`).header('cache-control', 'private, no-store')
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(await letterDocx(l));
  });
  action('/assign', (req, b) => assignRequest(req.ctx, idOf(req), b));
  action('/hand-back', (req, b) => handBack(req.ctx, idOf(req), b));
  action('/correction-lapse', async (req, b) => {
    const d = await requestDetail(req.ctx, idOf(req));
    const e = d.events.find((x) => x.type === 'correction_requested');
    const days = e?.data_json ? (JSON.parse(e.data_json) as { periodDays?: number }).periodDays : undefined;
    const calendar = await getCalendar(req.ctx.db, d.row.area_id);
    const until = e && days ? calendar.addWorkingDays(e.on_date, days) : null;
    if (until && typeof b.on === 'string' && b.on <= until) throw new AppError('conflict', 'request_illegal_transition', `补正期限 ${until} 尚未届满`, { on: `补正期限 ${until} 尚未届满，届满后才能终止处理` });
    return addEvent(req.ctx, idOf(req), { type: 'replied', on: b.on, outcome: 'other_no_correction', note: '申请人逾期未补正，不再处理' });
  });
  app.get('/console/requests/:id/files/:fileId', async (req, reply) => {
    const id = idOf(req);
    const f = await requestFileFor(req.ctx, id, intParam((req.params as Record<string, string>).fileId));
    const path = f ? join(deps.config.dataDir, 'uploads', 'requests', f.storage_key) : '';
    if (!f || !existsSync(path)) throw notFound('附件');
    return reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.file_name)}`).header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff').type(f.mime).send(createReadStream(path));
  });
}
