// Console pages: /console/decisions (dashboard, consultations, catalog, settings),
// /console/consultations/:id (moderation, grouping, 采纳情况, report), /console/decisions/:id (stages, 调整, 终止).
import { recordPersonalDataRead } from '../audit/public.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { AppError } from '../lib/errors.js';
import { formatDate, formatDateTime, todayCst } from '../lib/time.js';
import { ConsoleLayout, type PageMeta } from '../web/components/layout.js';
import { Checkbox, CsrfField, emptyForm, ErrorSummary, Form, SelectField, TextArea, TextField, type FormState } from '../web/components/form.js';
import { formBody, intParam, pageMeta, sendHtml } from '../web/http.js';
import { itemRefs, pickedItem, PickerResults, PickerSearch, pickItems, pickTitle, type PickerProps } from '../disclosure/public.js';
import * as cat from './catalog.service.js';
import * as svc from './consultations.service.js';
import { dashboard } from './dashboard.service.js';
import { canEditCatalog, canManageMeeting, canManageOpenDay } from './decisions-policy.js';
import * as part from './participation.service.js';
import { markPhoned, noticesFor, pendingPhoneTargets, type NoticeTarget } from './notices.service.js';
import { NOTICE_EVENT_LABELS } from './pure/notices.js';
import { actorArea } from '../org/public.js';
import {
  CATEGORY_LABELS, CHANNELS, CONSULTATION_STATUS_LABELS, consultationStatus, DISPOSITION_LABELS, DISPOSITIONS, KIND_LABELS, nextStage,
  STAGE_EVIDENCE, STAGE_LABELS, STEP_LABELS, WITHHELD_REASONS, type Stage,
} from './pure/rules.js';

const idOf = (req: FastifyRequest, name = 'id') => intParam((req.params as Record<string, string>)[name]);
const pageOf = (req: FastifyRequest) => {
  const n = Number((req.query as Record<string, unknown>).page);
  return Number.isInteger(n) && n > 0 && n < 100_000 ? n : 1;
};
const fieldsOf = (err: unknown) => (err instanceof AppError && (err.kind === 'invalid' || err.kind === 'unprocessable') ? err.fields : null);
/** A refused action on a page with many small forms: the page again, with the reason on top. */
const problemOf = (err: unknown): string | null => {
  if (!(err instanceof AppError) || !['invalid', 'unprocessable', 'conflict'].includes(err.kind)) return null;
  const f = Object.values(err.fields);
  return f.length ? `${err.message}：${f.join('；')}` : err.message;
};

const Notice = (p: { notice?: string; problem?: string }) => (
  <>
    {p.notice ? <div class="gk-notice" role="status">{p.notice}</div> : null}
    {p.problem ? <div class="gk-error-summary" role="alert" tabindex="-1"><h2>操作未完成</h2><p>{p.problem}</p></div> : null}
  </>
);

const kindOptions = Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }));
const categoryOptions = Object.entries(CATEGORY_LABELS).map(([value, label]) => ({ value, label }));
const dispositionOptions = DISPOSITIONS.map((d) => ({ value: d, label: DISPOSITION_LABELS[d] }));
const withheldOptions = Object.entries(WITHHELD_REASONS).filter(([k]) => k !== 'pending').map(([value, label]) => ({ value, label }));

const ModerationForm = (p: { action: string; csrf: string; idSuffix: string; label: string }) => (
  <form method="post" action={p.action} class="gk-form gk-form--compact">
    <CsrfField token={p.csrf} />
    <fieldset>
      <legend>审核{p.label}</legend>
      <label for={`mod-a-${p.idSuffix}`}>处理方式</label>
      <select id={`mod-a-${p.idSuffix}`} name="action">
        <option value="verbatim">原文公开（个人信息自动遮盖）</option>
        <option value="summary">摘要公开</option>
        <option value="withhold">不公开</option>
      </select>
      <label for={`mod-s-${p.idSuffix}`}>摘要（摘要公开时填写）</label>
      <input id={`mod-s-${p.idSuffix}`} name="summary" maxlength={2000} />
      <label for={`mod-r-${p.idSuffix}`}>不公开的原因</label>
      <select id={`mod-r-${p.idSuffix}`} name="reason"><option value="">请选择</option>{withheldOptions.map((o) => <option value={o.value}>{o.label}</option>)}</select>
      <button type="submit" class="gk-button gk-button--secondary">保存审核</button>
    </fieldset>
  </form>
);

const DispositionForm = (p: { action: string; csrf: string; idSuffix: string; label: string; cur: { disposition: string | null; reason: string | null; topic: string | null } }) => (
  <form method="post" action={p.action} class="gk-form gk-form--compact">
    <CsrfField token={p.csrf} />
    <fieldset>
      <legend>采纳情况：{p.label}</legend>
      <label for={`dis-d-${p.idSuffix}`}>采纳情况</label>
      <select id={`dis-d-${p.idSuffix}`} name="disposition"><option value="">请选择</option>{dispositionOptions.map((o) => <option value={o.value} selected={o.value === p.cur.disposition}>{o.label}</option>)}</select>
      <label for={`dis-t-${p.idSuffix}`}>议题</label>
      <input id={`dis-t-${p.idSuffix}`} name="topic" maxlength={60} value={p.cur.topic ?? ''} />
      <label for={`dis-r-${p.idSuffix}`}>理由</label>
      <input id={`dis-r-${p.idSuffix}`} name="reason" maxlength={2000} value={p.cur.reason ?? ''} />
      <button type="submit" class="gk-button gk-button--secondary">保存采纳情况</button>
    </fieldset>
  </form>
);

async function indexPage(req: FastifyRequest, reply: FastifyReply, forms: { consultation?: FormState; decision?: FormState; settings?: FormState; notice?: string } = {}, status = 200) {
  const [dash, list] = await Promise.all([dashboard(req.ctx), svc.listConsultations(req.ctx)]);
  const areaId = await actorArea(req.ctx);
  const parts = await part.listParticipation(req.ctx.db, areaId);
  const phone = new Map((await pendingPhoneTargets(req.ctx.db, areaId)).map((t) => [`${t.target}:${t.targetId}`, t.n]));
  const phoneNote = (key: string) => (phone.get(key) ? <strong>，待电话通知 {phone.get(key)} 人</strong> : null);
  const today = todayCst();
  const meta = pageMeta(req, reply, '重大行政决策与公众参与');
  const catalogEditor = canEditCatalog(req.ctx.actor);
  const cf = forms.consultation ?? emptyForm({ kind: 'major_decision', opensOn: today });
  // 草案全文 / 起草说明: the item picker (no-JS GET searches dq / xq, each keeping the other; or the combobox).
  const query = req.query as Record<string, unknown>;
  const qOf = (k: string) => String(query[k] ?? '').trim().slice(0, 100);
  const docPicker = async (name: 'dq' | 'xq', field: 'draftItemId' | 'explanationItemId', label: string): Promise<PickerProps> => {
    const q = qOf(name);
    const other = name === 'dq' ? 'xq' : 'dq';
    const chosenId = Number(cf.values[field]);
    return {
      name, purpose: 'evidence', action: '/console/decisions#h-new-consultation', param: name, q, results: 'elsewhere', label,
      keep: qOf(other) ? { [other]: qOf(other) } : {},
      rows: q ? await pickItems(req.ctx, { purpose: 'evidence', q, areaId }) : null,
      chosen: await pickedItem(req.ctx, 'evidence', areaId, chosenId),
      choose: (c, row) => (
        <label class="gk-picker__radio"><input type="radio" name={field} value={c.id} data-pick-id checked={!!c.id && chosenId === Number(c.id)} />
          选用<span class="visually-hidden">《{pickTitle(c, row)}》</span></label>
      ),
    };
  };
  const draftPick = await docPicker('dq', 'draftItemId', '查找草案全文（已发布的政府信息）');
  const explPick = await docPicker('xq', 'explanationItemId', '查找起草说明（已发布的政府信息）');
  const DocChoice = (p: { pick: PickerProps; field: 'draftItemId' | 'explanationItemId'; legend: string }) => (
    <fieldset class="gk-field" aria-describedby={cf.errors[p.field] ? `e-${p.field}` : undefined}>
      <legend>{p.legend}</legend>
      {cf.errors[p.field] ? <p class="gk-field-error" id={`e-${p.field}`}>{cf.errors[p.field]}</p> : null}
      <label class="gk-picker__radio"><input type="radio" id={`f-${p.field}`} name={p.field} value="" checked={!p.pick.chosen} /> 暂不关联</label>
      <PickerResults {...p.pick} />
    </fieldset>
  );
  const df = forms.decision ?? emptyForm({ year: Number(today.slice(0, 4)) });
  const sf = forms.settings ?? emptyForm(dash.settings);
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <Notice notice={forms.notice} />
      <h2>工作提醒</h2>
      <ul class="gk-cards">
        <li><strong>{dash.open.length}</strong> 个正在征求意见</li>
        <li><strong>{dash.closingSoon.length}</strong> 个7日内截止</li>
        <li><strong>{dash.closedWithoutFeedback.length}</strong> 个已结束但未公布采纳情况</li>
        <li><strong>{dash.behindPlan.length}</strong> 个决策事项晚于计划</li>
      </ul>
      {dash.closedWithoutFeedback.length ? <p>未公布采纳情况：{dash.closedWithoutFeedback.map((c, i) => <>{i ? '、' : ''}<a href={`/console/consultations/${c.id}`}>{c.title}</a></>)}</p> : null}
      {dash.behindPlan.length ? <p>晚于计划：{dash.behindPlan.map((d, i) => <>{i ? '、' : ''}<a href={`/console/decisions/${d.id}`}>{d.name}</a>（计划 {d.planned_on}，现为{STAGE_LABELS[d.status as Stage]}）</>)}</p> : null}

      <h2>征求意见</h2>
      {list.length ? (
        <table class="gk-table">
          <caption class="visually-hidden">征求意见列表</caption>
          <thead><tr><th scope="col">标题</th><th scope="col">类型</th><th scope="col">期限</th><th scope="col">状态</th><th scope="col">采纳情况</th></tr></thead>
          <tbody>{list.map((c) => (
            <tr><td><a href={`/console/consultations/${c.id}`}>{c.title}</a></td><td>{KIND_LABELS[c.kind]}</td><td>{c.opens_on} 至 {c.closes_on}</td>
              <td>{CONSULTATION_STATUS_LABELS[consultationStatus(c, today)]}</td><td>{c.report_published_at ? '已公布' : '未公布'}</td></tr>
          ))}</tbody>
        </table>
      ) : <p>还没有征求意见。</p>}
      <h3 id="h-new-consultation">登记征求意见</h3>
      <ErrorSummary errors={cf.errors} labels={svc.CONSULTATION_LABELS} />
      <p class="gk-hint">草案全文和起草说明须先在“政府信息”中登记并发布：请先查找，再填写下面的表单并选用。</p>
      <PickerSearch {...draftPick} />
      <PickerSearch {...explPick} />
      <Form action="/console/consultations" csrf={meta.csrf!} submit="登记">
        <TextField name="title" label="标题" form={cf} required maxlength={200} />
        <SelectField name="kind" label="类型" form={cf} required options={kindOptions} />
        <TextField name="unit" label="承办单位" form={cf} required hint="单位名称，如 区司法局" />
        <TextField name="opensOn" label="开始日期" type="date" form={cf} required />
        <TextField name="closesOn" label="截止日期" type="date" form={cf} required hint="重大行政决策不少于30日（不含开始当日）；可登记以往的征求意见" />
        <TextArea name="shorteningReason" label="缩短期限的理由" form={cf} rows={2} hint="期限不足时必填，并在公告中显示" />
        <TextField name="channels" label="征求意见渠道" form={cf} hint={`用逗号分隔：${CHANNELS.join(',')}`} />
        <TextField name="decisionId" label="所属重大行政决策（事项编号）" form={cf} />
        <DocChoice pick={draftPick} field="draftItemId" legend="草案全文" />
        <DocChoice pick={explPick} field="explanationItemId" legend="起草说明" />
      </Form>

      <h2>决策事项目录</h2>
      {dash.decisions.length ? (
        <table class="gk-table">
          <caption class="visually-hidden">决策事项</caption>
          <thead><tr><th scope="col">年度</th><th scope="col">事项名称</th><th scope="col">计划完成</th><th scope="col">状态</th></tr></thead>
          <tbody>{dash.decisions.map((d) => <tr><td>{d.year}</td><td><a href={`/console/decisions/${d.id}`}>{d.name}</a></td><td>{d.planned_on ?? '—'}</td><td>{STAGE_LABELS[d.status as Stage]}</td></tr>)}</tbody>
        </table>
      ) : <p>还没有决策事项。</p>}
      <h2>列席会议</h2>
      {parts.meetings.length ? <ul>{parts.meetings.map((m) => <li><a href={`/console/meetings/${m.id}`}>{m.title}</a>（{m.meeting_on}，{m.method === 'draw' ? '已随机抽取' : m.method === 'manual' ? '已人工遴选' : '未遴选'}{phoneNote(`meeting:${m.id}`)}）</li>)}</ul> : <p>还没有列席会议。</p>}
      {catalogEditor ? <p><a href="/console/meetings/new" class="gk-button gk-button--secondary">发布列席会议通知</a></p> : null}
      <h2>政府开放日</h2>
      {parts.openDays.length ? <ul>{parts.openDays.map((d) => <li><a href={`/console/open-days/${d.id}`}>{d.title}</a>（{d.held_on}，名额 {d.capacity}{phoneNote(`open_day:${d.id}`)}）</li>)}</ul> : <p>还没有开放日活动。</p>}
      <p><a href="/console/open-days/new" class="gk-button gk-button--secondary">发布开放日活动</a></p>
      {catalogEditor ? (
        <>
          <h3>新增决策事项</h3>
          <ErrorSummary errors={df.errors} labels={cat.DECISION_LABELS} />
          <Form action="/console/decisions" csrf={meta.csrf!} submit="列入目录"><DecisionFields form={df} /></Form>
          <h3>设置</h3>
          <ErrorSummary errors={sf.errors} labels={{ minNormative: '规范性文件最短天数', minOther: '其他最短天数', concentrated: '较为集中意见的最少条数' }} />
          <Form action="/console/decisions/settings" csrf={meta.csrf!} submit="保存设置">
            <TextField name="minNormative" label="行政规范性文件征求意见最短天数" type="number" form={sf} required />
            <TextField name="minOther" label="其他征求意见最短天数" type="number" form={sf} required />
            <TextField name="concentrated" label="较为集中意见的最少条数" type="number" form={sf} required hint="归并组达到该条数即为较为集中意见，未采纳须说明理由" />
          </Form>
        </>
      ) : null}
    </ConsoleLayout>
  ), status);
}

/** 发布列席会议通知 on its own page (its fields share names with the consultation form of the dashboard). */
async function newMeetingPage(req: FastifyRequest, reply: FastifyReply, mf: FormState = emptyForm(), status = 200) {
  const meta = pageMeta(req, reply, '发布列席会议通知');
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <p><a href="/console/decisions">返回</a></p>
      <ErrorSummary errors={mf.errors} labels={part.MEETING_LABELS} />
      <Form action="/console/meetings" csrf={meta.csrf!} submit="发布">
        <TextField name="title" label="会议名称" form={mf} required />
        <TextField name="decisionId" label="所属决策事项（编号，可不填）" form={mf} />
        <TextField name="meetingOn" label="会议日期" type="date" form={mf} required />
        <TextField name="signupOpensOn" label="报名开始日期" type="date" form={mf} required />
        <TextField name="signupClosesOn" label="报名截止日期" type="date" form={mf} required />
        <TextField name="seats" label="列席名额" type="number" form={mf} required />
        <TextArea name="rules" label="遴选办法" form={mf} required rows={3} />
        <TextField name="place" label="会议地点" form={mf} hint="写入给入选人员的通知" />
        <TextField name="bring" label="须携带" form={mf} hint="如 本人身份证件；不填时通知写“本人有效身份证件”" />
      </Form>
    </ConsoleLayout>
  ), status);
}

async function newOpenDayPage(req: FastifyRequest, reply: FastifyReply, of: FormState = emptyForm(), status = 200) {
  const meta = pageMeta(req, reply, '发布政府开放日活动');
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <p><a href="/console/decisions">返回</a></p>
      <ErrorSummary errors={of.errors} labels={part.OPEN_DAY_LABELS} />
      <Form action="/console/open-days" csrf={meta.csrf!} submit="发布">
        <TextField name="title" label="活动名称" form={of} required />
        <TextField name="unit" label="承办单位" form={of} required />
        <TextField name="heldOn" label="活动日期" type="date" form={of} required />
        <TextField name="place" label="地点" form={of} required />
        <TextField name="capacity" label="名额" type="number" form={of} required />
        <TextField name="signupClosesOn" label="报名截止日期" type="date" form={of} required />
        <TextField name="bring" label="须携带" form={of} hint="写入给报名人的通知" />
      </Form>
    </ConsoleLayout>
  ), status);
}

const DecisionFields = (p: { form: FormState; withReason?: boolean }) => {
  const steps = String(p.form.values.steps ?? '').split(',');
  return (
    <>
      <TextField name="year" label="年度" type="number" form={p.form} required />
      <TextField name="name" label="事项名称" form={p.form} required maxlength={200} />
      <SelectField name="category" label="事项类别" form={p.form} required options={categoryOptions} />
      <TextField name="decisionBody" label="决策主体" form={p.form} required hint="如 区人民政府" />
      <TextField name="leadUnit" label="承办单位（牵头）" form={p.form} required />
      <TextField name="supportingUnits" label="承办单位（配合）" form={p.form} />
      <TextArea name="legalBasis" label="法律依据" form={p.form} rows={2} />
      <TextField name="plannedOn" label="计划完成时间" type="date" form={p.form} />
      <Checkbox name="hearing" label="需要听证" checked={p.form.values.hearing === 'on' || p.form.values.hearing === 1 || p.form.values.hearing === true} />
      <fieldset><legend>法定程序</legend>
        {Object.entries(STEP_LABELS).map(([k, label]) => (
          <div class="gk-field gk-field--check"><input type="checkbox" id={`f-step-${k}`} name={`step_${k}`} value="on" checked={steps.includes(k)} /><label for={`f-step-${k}`}>{label}</label></div>
        ))}
      </fieldset>
      {p.withReason ? <TextArea name="reason" label="调整理由" form={p.form} required rows={2} /> : null}
    </>
  );
};
const decisionInput = (b: Record<string, string>) => ({ ...b, steps: Object.keys(STEP_LABELS).filter((k) => b[`step_${k}`] === 'on').join(',') });

async function consultationPage(req: FastifyRequest, reply: FastifyReply, msg: { notice?: string; problem?: string } = {}, status = 200) {
  const v = await svc.manageView(req.ctx, idOf(req), pageOf(req));
  const meta = pageMeta(req, reply, `征求意见：${v.c.title}`);
  const c = v.c;
  const frozen = !!c.report_published_at;
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <Notice {...msg} />
      <p><a href={`/consultations/${c.id}`}>在门户查看</a> · <a href="/console/decisions">返回</a></p>
      <p>{KIND_LABELS[c.kind]} · {c.opens_on} 至 {c.closes_on} · {CONSULTATION_STATUS_LABELS[consultationStatus(c, todayCst())]}{c.shortening_reason ? ` · 缩短理由：${c.shortening_reason}` : ''}</p>
      <p>收到 {v.counters.received} 条 = 已公开 {v.counters.published} + 未公开 {v.counters.withheld}（其中待审核 {v.counters.pending}）。
        尚缺：待审核 {v.missing.pending}，未标注的意见 {v.missing.comments}，未标注的归并组 {v.missing.groups}。</p>
      {frozen ? (
        <>
          <p>采纳情况已于 {formatDate(c.report_published_at)} 公布：<a href={`/consultations/${c.id}/feedback`}>查看</a></p>
          {c.report_item_id ? <p>已登记为政府信息：<a href={`/console/items/${c.report_item_id}`}>信息 {c.report_item_id}</a>（在“政府信息”中完成保密审查和发布）</p> : (
            <form method="post" action={`/console/consultations/${c.id}/report-item`} class="gk-inline"><CsrfField token={meta.csrf!} /><button type="submit" class="gk-button gk-button--secondary">登记为政府信息（草稿）</button></form>
          )}
        </>
      ) : (
        <div class="gk-actions">
          <form method="post" action={`/console/consultations/${c.id}/regroup`} class="gk-inline"><CsrfField token={meta.csrf!} /><button type="submit" class="gk-button gk-button--secondary">归并相同或相近意见</button></form>
          <form method="post" action={`/console/consultations/${c.id}/report`} class="gk-inline"><CsrfField token={meta.csrf!} /><button type="submit" class="gk-button">生成并公布采纳情况</button></form>
        </div>
      )}
      <h2>归并组（{v.groups.length}）</h2>
      {v.groups.length ? (
        <table class="gk-table">
          <caption class="visually-hidden">归并组</caption>
          <thead><tr><th scope="col">组</th><th scope="col">条数</th><th scope="col">代表性意见</th><th scope="col">采纳情况</th>{frozen ? null : <th scope="col">处理</th>}</tr></thead>
          <tbody>{v.groups.map((g) => (
            <tr><td>组 {g.id}{g.size >= v.concentratedMinSize ? '（较为集中意见）' : ''}</td><td>{g.size}</td><td>{g.text.slice(0, 200)}</td>
              <td>{g.disposition ? `${DISPOSITION_LABELS[g.disposition]}；${g.topic ?? ''}${g.reason ? `；${g.reason}` : ''}` : '未标注'}</td>
              {frozen ? null : <td>
                <ModerationForm action={`/console/consultation-groups/${g.id}/moderate?c=${c.id}`} csrf={meta.csrf!} idSuffix={`g${g.id}`} label={`组 ${g.id} 的全部意见`} />
                <DispositionForm action={`/console/consultation-groups/${g.id}/disposition?c=${c.id}`} csrf={meta.csrf!} idSuffix={`g${g.id}`} label={`组 ${g.id}`} cur={g} />
              </td>}</tr>
          ))}</tbody>
        </table>
      ) : <p>没有归并组。</p>}
      <h2>意见</h2>
      <table class="gk-table">
        <caption class="visually-hidden">意见列表</caption>
        <thead><tr><th scope="col">编号</th><th scope="col">条款</th><th scope="col">原文</th><th scope="col">审核</th><th scope="col">采纳情况</th>{frozen ? null : <th scope="col">处理</th>}</tr></thead>
        <tbody>{v.comments.map((m) => (
          <tr><td>{m.id}{m.group_id ? `（组 ${m.group_id}）` : ''}</td><td>{m.section ?? ''}</td><td>{m.text.slice(0, 300)}</td>
            <td>{m.status === 'published' ? `已公开（${m.publish_mode === 'summary' ? '摘要' : '原文'}）` : `未公开：${WITHHELD_REASONS[m.withheld_reason as keyof typeof WITHHELD_REASONS] ?? m.withheld_reason ?? ''}`}</td>
            <td>{m.group_id ? '见归并组' : m.disposition ? `${DISPOSITION_LABELS[m.disposition]}；${m.topic ?? ''}${m.reason ? `；${m.reason}` : ''}` : '未标注'}</td>
            {frozen ? null : <td>
              <ModerationForm action={`/console/consultation-comments/${m.id}/moderate?c=${c.id}`} csrf={meta.csrf!} idSuffix={`c${m.id}`} label={`意见 ${m.id}`} />
              {m.group_id || m.status !== 'published' ? null : <DispositionForm action={`/console/consultation-comments/${m.id}/disposition?c=${c.id}`} csrf={meta.csrf!} idSuffix={`c${m.id}`} label={`意见 ${m.id}`} cur={m} />}
            </td>}</tr>
        ))}</tbody>
      </table>
      {v.pages > 1 ? <p>第 {v.page}/{v.pages} 页 {v.page > 1 ? <a href={`/console/consultations/${c.id}?page=${v.page - 1}`}>上一页</a> : null} {v.page < v.pages ? <a href={`/console/consultations/${c.id}?page=${v.page + 1}`}>下一页</a> : null}</p> : null}
    </ConsoleLayout>
  ), status);
}

async function decisionConsolePage(req: FastifyRequest, reply: FastifyReply, forms: { adjust?: FormState; advance?: FormState; notice?: string; problem?: string } = {}, status = 200) {
  const d = await cat.getDecision(req.ctx.db, idOf(req));
  const page = await cat.decisionPage(req.ctx.db, d.id);
  const blockers = d.status === 'collective' ? await cat.publicationBlockers(req.ctx.db, d) : [];
  const meta = pageMeta(req, reply, `决策事项：${d.name}`);
  const next = nextStage(d.status as Stage);
  const adjust = forms.adjust ?? emptyForm({ year: d.year, name: d.name, category: d.category, decisionBody: d.decision_body, leadUnit: page.unit, supportingUnits: d.supporting_units, legalBasis: d.legal_basis, plannedOn: d.planned_on ?? '', hearing: d.hearing, steps: d.steps });
  const advance = forms.advance ?? emptyForm({ completedOn: todayCst() });
  const refs = await itemRefs(req.ctx.db, page.events.map((e) => e.evidence_item_id).filter((x): x is number => !!x));
  // 证明材料: chosen with the item picker (no-JS GET search ?eq=…, or the script's combobox); the POST field stays evidenceItemId.
  const eq = next ? String((req.query as Record<string, unknown>).eq ?? '').trim().slice(0, 100) : '';
  const chosenId = Number(advance.values.evidenceItemId);
  const evidence: PickerProps = {
    name: 'eq', purpose: 'evidence', action: `/console/decisions/${d.id}#h-advance`, param: 'eq', q: eq, results: 'elsewhere',
    rows: eq ? await pickItems(req.ctx, { purpose: 'evidence', q: eq, areaId: d.area_id }) : null,
    chosen: next ? await pickedItem(req.ctx, 'evidence', d.area_id, chosenId) : null,
    label: '查找证明材料（已发布的政府信息）',
    choose: (c, row) => (
      <label class="gk-picker__radio"><input type="radio" name="evidenceItemId" value={c.id} data-pick-id checked={!!c.id && chosenId === Number(c.id)} />
        选用<span class="visually-hidden">《{pickTitle(c, row)}》</span></label>
    ),
  };
  const evErr = advance.errors.evidenceItemId;
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <Notice notice={forms.notice} problem={forms.problem} />
      <p><a href={`/decisions/${d.id}`}>在门户查看</a> · <a href="/console/decisions">返回</a></p>
      <p>当前环节：{STAGE_LABELS[d.status as Stage]}（自 {d.status_since}）</p>
      <h2>时间线</h2>
      <ol>{page.events.map((e) => <li>{formatDateTime(e.at)} {e.actor_label}：{e.kind === 'stage' ? `${STAGE_LABELS[e.from_status as Stage]} → ${STAGE_LABELS[e.to_status as Stage]}，证明材料 ${e.evidence_item_id}${refs.get(e.evidence_item_id!) ? ` ${refs.get(e.evidence_item_id!)!.title}` : ''}` : e.kind === 'adjust' ? `调整 ${e.before_json} → ${e.after_json}` : e.kind === 'terminate' ? '终止' : '列入目录'}{e.reason ? `；${e.reason}` : ''}</li>)}</ol>
      {next ? (
        <>
          <h2 id="h-advance">完成“{STAGE_LABELS[d.status as Stage]}”，进入“{STAGE_LABELS[next]}”</h2>
          {blockers.length ? <div class="gk-notice" role="status">进入决策公布前还需：{blockers.join('；')}</div> : null}
          <ErrorSummary errors={advance.errors} labels={cat.DECISION_LABELS} />
          <p class="gk-hint">证明材料须先在“政府信息”中登记并发布；在下面查找并选用，再填写完成日期。</p>
          <PickerSearch {...evidence} />
          <Form action={`/console/decisions/${d.id}/advance`} csrf={meta.csrf!} submit="完成本环节">
            <fieldset class="gk-field" aria-describedby={evErr ? 'e-evidenceItemId' : undefined}>
              <legend>证明材料：{STAGE_EVIDENCE[d.status as keyof typeof STAGE_EVIDENCE] ?? ''}（必填）</legend>
              {evErr ? <p class="gk-field-error" id="e-evidenceItemId">{evErr}</p> : null}
              {evidence.rows === null && !evidence.chosen ? <p class="gk-hint" id="f-evidenceItemId">尚未选择：请先用上面的查找框查找。</p> : null}
              <PickerResults {...evidence} />
            </fieldset>
            <TextField name="completedOn" label="完成日期" type="date" form={advance} required />
            <TextArea name="note" label="说明" form={advance} rows={2} />
          </Form>
        </>
      ) : null}
      <h2>目录调整</h2>
      <ErrorSummary errors={adjust.errors} labels={cat.DECISION_LABELS} />
      <Form action={`/console/decisions/${d.id}/adjust`} csrf={meta.csrf!} submit="保存调整"><DecisionFields form={adjust} withReason /></Form>
      {d.status !== 'terminated' ? (
        <>
          <h2>终止决策</h2>
          <form method="post" action={`/console/decisions/${d.id}/terminate`} class="gk-form">
            <CsrfField token={meta.csrf!} />
            <div class="gk-field"><label for="f-treason">终止理由</label><textarea id="f-treason" name="reason" rows={2}></textarea></div>
            <button type="submit" class="gk-button gk-button--secondary">终止</button>
          </form>
        </>
      ) : null}
    </ConsoleLayout>
  ), status);
}

type NoticeRow = Awaited<ReturnType<typeof noticesFor>>[number];
/** Who was told what: e-mails queued in the outbox, and 请电话通知 tasks with the text to read out. */
const NoticeList = (p: { rows: NoticeRow[]; target: NoticeTarget; targetId: number; csrf: string; canAct: boolean }) => (
  <section aria-labelledby="h-notices">
    <h2 id="h-notices">通知报名人</h2>
    {p.rows.length ? (
      <table class="gk-table">
        <caption>通知记录（联系方式仅工作人员可见）</caption>
        <thead><tr><th scope="col">报名编号</th><th scope="col">姓名</th><th scope="col">事项</th><th scope="col">方式</th><th scope="col">通知内容</th><th scope="col">电话通知</th></tr></thead>
        <tbody>{p.rows.map((n) => (
          <tr><td>{n.signup_id}</td><td>{n.name}</td><td>{NOTICE_EVENT_LABELS[n.event]}</td>
            <td>{n.channel === 'phone' ? <strong>请电话通知：{n.contact}</strong> : n.mailState === 'failed' ? <strong>邮件发送失败，请电话通知：{n.contact}</strong> : n.mailState === 'sent' ? '电子邮件（已发送）' : '电子邮件（在发件箱中待发送）'}</td>
            <td><details><summary>查看<span class="visually-hidden">通知 {n.id} 的内容</span></summary><p class="gk-pre">{n.message}</p></details></td>
            <td>{!n.needsCall ? '—' : n.done_at ? `已通知（${n.done_by ?? ''}，${formatDateTime(n.done_at)}）` : p.canAct ? (
              <form method="post" action={`/console/${p.target === 'meeting' ? 'meeting' : 'open-day'}-notices/${n.id}/phoned?${p.target === 'meeting' ? 'm' : 'd'}=${p.targetId}`} class="gk-inline">
                <CsrfField token={p.csrf} /><button type="submit" class="gk-button gk-button--secondary">已电话通知<span class="visually-hidden">报名 {n.signup_id}（{NOTICE_EVENT_LABELS[n.event]}）</span></button>
              </form>
            ) : '待通知'}</td></tr>
        ))}</tbody>
      </table>
    ) : <p>还没有通知。入选、确认、候补、取消和安排变更时自动通知：联系方式含电子邮箱的发邮件，否则在此列为“请电话通知”。</p>}
  </section>
);

async function meetingConsolePage(req: FastifyRequest, reply: FastifyReply, msg: { notice?: string; problem?: string; details?: FormState } = {}, status = 200) {
  const { m, signups } = await part.meetingForStaff(req.ctx, idOf(req));
  if (signups.length) await recordPersonalDataRead(req.ctx, { entity: 'meeting', entityId: m.id, what: '列席报名人姓名和联系方式' });
  const meta = pageMeta(req, reply, `列席会议：${m.title}`);
  const notices = await noticesFor(req.ctx.db, 'meeting', m.id);
  const canAct = canManageMeeting(req.ctx.actor, m);
  const df = msg.details ?? emptyForm({ meetingOn: m.meeting_on, place: m.place ?? '', bring: m.bring ?? '' });
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <Notice {...msg} />
      <p><a href={`/meetings/${m.id}`}>在门户查看</a> · <a href="/console/decisions">返回</a></p>
      <p>会议 {m.meeting_on} · 地点 {m.place ?? '未填写'} · 报名 {m.signup_opens_on} 至 {m.signup_closes_on} · 名额 {m.seats} · {m.method === 'draw' ? `已随机抽取（种子：${m.seed}）` : m.method === 'manual' ? `已人工遴选：${m.manual_reason}` : '未遴选'}</p>
      <table class="gk-table">
        <caption>报名（联系方式仅工作人员可见）</caption>
        <thead><tr><th scope="col">编号</th><th scope="col">姓名</th><th scope="col">联系方式</th><th scope="col">类别</th><th scope="col">理由</th><th scope="col">同意公开</th><th scope="col">入选</th><th scope="col">意见</th></tr></thead>
        <tbody>{signups.map((s) => (
          <tr><td>{s.id}</td><td>{s.name}</td><td>{s.contact}</td><td>{part.SIGNUP_CATEGORIES[s.category as keyof typeof part.SIGNUP_CATEGORIES] ?? s.category}</td><td>{s.reason}</td><td>{s.consent_publish ? '是' : '否'}</td><td>{s.selected ? '是' : '否'}</td>
            <td>{s.selected ? (
              <form method="post" action={`/console/meeting-signups/${s.id}/opinion?m=${m.id}`} class="gk-form gk-form--compact">
                <CsrfField token={meta.csrf!} />
                <label for={`op-${s.id}`}>意见</label><textarea id={`op-${s.id}`} name="opinion" rows={2}>{s.opinion ?? ''}</textarea>
                <label for={`opd-${s.id}`}>采纳情况</label>
                <select id={`opd-${s.id}`} name="disposition"><option value="">请选择</option>{dispositionOptions.map((o) => <option value={o.value} selected={o.value === s.disposition}>{o.label}</option>)}</select>
                <label for={`opr-${s.id}`}>理由</label><input id={`opr-${s.id}`} name="reason" value={s.disposition_reason ?? ''} />
                <button type="submit" class="gk-button gk-button--secondary">保存</button>
              </form>
            ) : '—'}</td></tr>
        ))}</tbody>
      </table>
      {!m.method ? (
        <>
          <h2>随机抽取</h2>
          <form method="post" action={`/console/meetings/${m.id}/draw`} class="gk-form">
            <CsrfField token={meta.csrf!} />
            <div class="gk-field"><label for="f-seed">随机种子（抽取前公布，如当日彩票开奖号码）</label><input id="f-seed" name="seed" /></div>
            <button type="submit" class="gk-button">按种子抽取</button>
          </form>
          <h2>人工遴选</h2>
          <form method="post" action={`/console/meetings/${m.id}/choose`} class="gk-form">
            <CsrfField token={meta.csrf!} />
            <div class="gk-field"><label for="f-ids">入选的报名编号（逗号分隔）</label><input id="f-ids" name="ids" /></div>
            <div class="gk-field"><label for="f-reason">遴选理由</label><textarea id="f-reason" name="reason" rows={2}></textarea></div>
            <button type="submit" class="gk-button gk-button--secondary">记录遴选结果</button>
          </form>
        </>
      ) : null}
      <NoticeList rows={notices} target="meeting" targetId={m.id} csrf={meta.csrf!} canAct={canAct} />
      {canAct ? (
        <>
          <h2>会议安排</h2>
          <ErrorSummary errors={df.errors} labels={part.MEETING_LABELS} />
          <Form action={`/console/meetings/${m.id}/details`} csrf={meta.csrf!} submit="保存会议安排">
            <TextField name="meetingOn" label="会议日期" type="date" form={df} required />
            <TextField name="place" label="会议地点" form={df} />
            <TextField name="bring" label="须携带" form={df} hint="遴选后修改的，自动通知已入选人员" />
          </Form>
        </>
      ) : null}
    </ConsoleLayout>
  ), status);
}

async function openDayConsolePage(req: FastifyRequest, reply: FastifyReply, msg: { notice?: string; problem?: string; details?: FormState } = {}, status = 200) {
  const { d, signups } = await part.openDayForStaff(req.ctx, idOf(req));
  if (signups.length) await recordPersonalDataRead(req.ctx, { entity: 'open_day', entityId: d.id, what: '开放日报名人姓名和联系方式' });
  const meta = pageMeta(req, reply, `开放日：${d.title}`);
  const notices = await noticesFor(req.ctx.db, 'open_day', d.id);
  const canAct = canManageOpenDay(req.ctx.actor, d);
  const df = msg.details ?? emptyForm({ heldOn: d.held_on, place: d.place, bring: d.bring ?? '' });
  const STATUS: Record<string, string> = { confirmed: '已确认', waiting: '候补', cancelled: '已取消' };
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <Notice {...msg} />
      <p><a href={`/open-days/${d.id}`}>在门户查看</a> · <a href="/console/decisions">返回</a></p>
      <p>{d.held_on} · {d.place} · 名额 {d.capacity} · 报名截止 {d.signup_closes_on}{d.bring ? ` · 须携带：${d.bring}` : ''}</p>
      <table class="gk-table">
        <caption>报名（联系方式仅工作人员可见）</caption>
        <thead><tr><th scope="col">编号</th><th scope="col">姓名</th><th scope="col">联系方式</th><th scope="col">状态</th><th scope="col">到场、意见建议</th><th scope="col">取消</th></tr></thead>
        <tbody>{signups.map((s) => (
          <tr><td>{s.id}</td><td>{s.name}</td><td>{s.contact}</td><td>{STATUS[s.status]}</td>
            <td>{s.status === 'confirmed' ? (
              <form method="post" action={`/console/open-day-signups/${s.id}/attendance?d=${d.id}`} class="gk-form gk-form--compact">
                <CsrfField token={meta.csrf!} />
                <div class="gk-field gk-field--check"><input type="checkbox" id={`att-${s.id}`} name="attended" value="on" checked={!!s.attended} /><label for={`att-${s.id}`}>到场</label></div>
                <label for={`sug-${s.id}`}>意见建议</label><textarea id={`sug-${s.id}`} name="suggestion" rows={2}>{s.suggestion ?? ''}</textarea>
                <label for={`sd-${s.id}`}>采纳情况</label>
                <select id={`sd-${s.id}`} name="disposition"><option value="">请选择</option>{dispositionOptions.map((o) => <option value={o.value} selected={o.value === s.disposition}>{o.label}</option>)}</select>
                <label for={`sr-${s.id}`}>理由</label><input id={`sr-${s.id}`} name="reason" value={s.disposition_reason ?? ''} />
                <button type="submit" class="gk-button gk-button--secondary">保存</button>
              </form>
            ) : '—'}</td>
            <td>{s.status !== 'cancelled' ? (
              <form method="post" action={`/console/open-day-signups/${s.id}/cancel?d=${d.id}`} class="gk-inline"><CsrfField token={meta.csrf!} /><button type="submit" class="gk-button gk-button--link">取消报名<span class="visually-hidden">{s.id}</span></button></form>
            ) : null}</td></tr>
        ))}</tbody>
      </table>
      <NoticeList rows={notices} target="open_day" targetId={d.id} csrf={meta.csrf!} canAct={canAct} />
      {canAct ? (
        <>
          <h2>活动安排</h2>
          <ErrorSummary errors={df.errors} labels={part.OPEN_DAY_LABELS} />
          <Form action={`/console/open-days/${d.id}/details`} csrf={meta.csrf!} submit="保存活动安排">
            <TextField name="heldOn" label="活动日期" type="date" form={df} required />
            <TextField name="place" label="地点" form={df} required />
            <TextField name="bring" label="须携带" form={df} hint="修改后自动通知已确认和候补的报名人" />
          </Form>
        </>
      ) : null}
    </ConsoleLayout>
  ), status);
}

export async function consoleRoutes(app: FastifyInstance): Promise<void> {
  app.get('/console/decisions', (req, reply) => indexPage(req, reply));
  app.post('/console/consultations', async (req, reply) => {
    const b = formBody(req);
    try {
      const c = await svc.createConsultation(req.ctx, b);
      return reply.redirect(`/console/consultations/${c.id}`, 303);
    } catch (err) {
      const f = fieldsOf(err);
      if (f) return indexPage(req, reply, { consultation: { values: b, errors: f } }, 400);
      throw err;
    }
  });
  app.post('/console/decisions', async (req, reply) => {
    const b = formBody(req);
    try {
      const d = await cat.createDecision(req.ctx, decisionInput(b));
      return reply.redirect(`/console/decisions/${d.id}`, 303);
    } catch (err) {
      const f = fieldsOf(err);
      if (f) return indexPage(req, reply, { decision: { values: decisionInput(b), errors: f } }, 400);
      throw err;
    }
  });
  app.post('/console/decisions/settings', async (req, reply) => {
    const b = formBody(req);
    try {
      await svc.saveSettings(req.ctx, b);
      return indexPage(req, reply, { notice: '设置已保存' });
    } catch (err) {
      const f = fieldsOf(err);
      if (f) return indexPage(req, reply, { settings: { values: b, errors: f } }, 400);
      throw err;
    }
  });

  app.post('/console/meetings', async (req, reply) => {
    const b = formBody(req);
    try {
      const m = await part.createMeeting(req.ctx, b);
      return reply.redirect(`/console/meetings/${m.id}`, 303);
    } catch (err) {
      const f = fieldsOf(err);
      if (f) return newMeetingPage(req, reply, { values: b, errors: f }, 400);
      throw err;
    }
  });
  app.post('/console/open-days', async (req, reply) => {
    const b = formBody(req);
    try {
      const d = await part.createOpenDay(req.ctx, b);
      return reply.redirect(`/console/open-days/${d.id}`, 303);
    } catch (err) {
      const f = fieldsOf(err);
      if (f) return newOpenDayPage(req, reply, { values: b, errors: f }, 400);
      throw err;
    }
  });
  app.get('/console/meetings/new', (req, reply) => newMeetingPage(req, reply));
  app.get('/console/open-days/new', (req, reply) => newOpenDayPage(req, reply));
  app.get('/console/meetings/:id', (req, reply) => meetingConsolePage(req, reply));
  app.get('/console/open-days/:id', (req, reply) => openDayConsolePage(req, reply));
  const pageAction = (url: string, param: string, page: typeof meetingConsolePage, run: (req: FastifyRequest) => Promise<string>) => {
    app.post(url, async (req, reply) => {
      const q = (req.query as Record<string, string>)[param];
      if (q) (req.params as Record<string, string>).id = q;
      try {
        const notice = await run(req);
        return page(req, reply, { notice });
      } catch (err) {
        const p = problemOf(err);
        if (p) return page(req, reply, { problem: p }, 400);
        throw err;
      }
    });
  };
  const target2 = (req: FastifyRequest) => intParam((req.params as Record<string, string>).target);
  pageAction('/console/meetings/:id/draw', 'm', meetingConsolePage, async (req) => `已抽取：${(await part.drawAttendees(req.ctx, idOf(req), formBody(req))).join('、') || '无'}`);
  pageAction('/console/meetings/:id/choose', 'm', meetingConsolePage, async (req) => { await part.chooseAttendees(req.ctx, idOf(req), formBody(req)); return '遴选结果已记录'; });
  pageAction('/console/meeting-signups/:target/opinion', 'm', meetingConsolePage, async (req) => { await part.recordMeetingOpinion(req.ctx, target2(req), formBody(req)); return '意见已保存'; });
  pageAction('/console/open-day-signups/:target/attendance', 'd', openDayConsolePage, async (req) => { await part.recordOpenDayAttendance(req.ctx, target2(req), formBody(req)); return '已保存'; });
  pageAction('/console/meeting-notices/:target/phoned', 'm', meetingConsolePage, async (req) => { await markPhoned(req.ctx, target2(req)); return '已登记为电话通知'; });
  pageAction('/console/open-day-notices/:target/phoned', 'd', openDayConsolePage, async (req) => { await markPhoned(req.ctx, target2(req)); return '已登记为电话通知'; });
  const detailsAction = (url: string, page: typeof meetingConsolePage, run: (req: FastifyRequest, b: Record<string, string>) => Promise<unknown>) => {
    app.post(url, async (req, reply) => {
      const b = formBody(req);
      try {
        await run(req, b);
        return page(req, reply, { notice: '安排已保存；已入选或已报名的人员会收到变更通知' });
      } catch (err) {
        const f = fieldsOf(err);
        if (f) return page(req, reply, { details: { values: b, errors: f } }, 400);
        throw err;
      }
    });
  };
  detailsAction('/console/meetings/:id/details', meetingConsolePage, (req, b) => part.updateMeeting(req.ctx, idOf(req), b));
  detailsAction('/console/open-days/:id/details', openDayConsolePage, (req, b) => part.updateOpenDay(req.ctx, idOf(req), b));
  pageAction('/console/open-day-signups/:target/cancel', 'd', openDayConsolePage, async (req) => { const p = await part.cancelOpenDaySignup(req.ctx, target2(req)); return p ? `已取消，候补 ${p} 号递补` : '已取消'; });

  app.get('/console/consultations/:id', (req, reply) => consultationPage(req, reply));
  const action = (url: string, run: (req: FastifyRequest) => Promise<string>) => {
    app.post(url, async (req, reply) => {
      const cid = intParam((req.query as Record<string, string>).c ?? (req.params as Record<string, string>).id);
      (req.params as Record<string, string>).id = String(cid);
      try {
        const notice = await run(req);
        return consultationPage(req, reply, { notice });
      } catch (err) {
        const p = problemOf(err);
        if (p) return consultationPage(req, reply, { problem: p }, 400);
        throw err;
      }
    });
  };
  action('/console/consultations/:id/regroup', async (req) => {
    const r = await svc.regroup(req.ctx, idOf(req));
    return `已归并：${r.groups} 组，共 ${r.grouped} 条意见`;
  });
  action('/console/consultations/:id/report-item', async (req) => `已登记为政府信息草稿（编号 ${await svc.registerReportItem(req.ctx, idOf(req))}），请在“政府信息”中完成保密审查和发布`);
  action('/console/consultations/:id/report', async (req) => {
    await svc.publishReport(req.ctx, idOf(req));
    return '采纳情况已生成并公布';
  });
  const target = (req: FastifyRequest) => intParam((req.params as Record<string, string>).target);
  action('/console/consultation-comments/:target/moderate', async (req) => { await svc.moderateComment(req.ctx, target(req), formBody(req)); return '审核已保存'; });
  action('/console/consultation-groups/:target/moderate', async (req) => `已审核该组 ${await svc.moderateGroup(req.ctx, target(req), formBody(req))} 条意见`);
  action('/console/consultation-comments/:target/disposition', async (req) => { await svc.disposeComment(req.ctx, target(req), formBody(req)); return '采纳情况已保存'; });
  action('/console/consultation-groups/:target/disposition', async (req) => { await svc.disposeGroup(req.ctx, target(req), formBody(req)); return '采纳情况已保存'; });

  app.get('/console/decisions/:id', (req, reply) => decisionConsolePage(req, reply));
  app.post('/console/decisions/:id/advance', async (req, reply) => {
    const b = formBody(req);
    try {
      await cat.advanceDecision(req.ctx, idOf(req), b);
      return decisionConsolePage(req, reply, { notice: '环节已完成' });
    } catch (err) {
      const f = fieldsOf(err);
      if (f) return decisionConsolePage(req, reply, { advance: { values: b, errors: f } }, 400);
      const p = problemOf(err);
      if (p) return decisionConsolePage(req, reply, { advance: { values: b, errors: {} }, problem: p }, err instanceof AppError ? err.status : 400);
      throw err;
    }
  });
  app.post('/console/decisions/:id/adjust', async (req, reply) => {
    const b = formBody(req);
    try {
      await cat.adjustDecision(req.ctx, idOf(req), decisionInput(b));
      return decisionConsolePage(req, reply, { notice: '调整已保存，原内容和理由记入时间线' });
    } catch (err) {
      const f = fieldsOf(err);
      if (f) return decisionConsolePage(req, reply, { adjust: { values: decisionInput(b), errors: f } }, 400);
      throw err;
    }
  });
  app.post('/console/decisions/:id/terminate', async (req, reply) => {
    try {
      await cat.terminateDecision(req.ctx, idOf(req), formBody(req));
      return decisionConsolePage(req, reply, { notice: '已终止' });
    } catch (err) {
      const p = problemOf(err);
      if (p) return decisionConsolePage(req, reply, { problem: p }, 400);
      throw err;
    }
  });
}

export type { PageMeta, SafeHtml };
