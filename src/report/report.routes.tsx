// Pages and API of the annual report: console editor, checks, workflow, deadlines dashboard, roll-up;
// the public 政府信息公开年报 column (page in the official layout, .docx, JSON).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import { ConsoleLayout, PortalLayout } from '../web/components/layout.js';
import { CsrfField, ErrorSummary, Form, TextArea, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { documentApi, formBody, intParam, pageMeta, sendHtml } from '../web/http.js';
import { csrfDeferred, tokenFromFields, verifyCsrfToken } from '../web/multipart-csrf.js';
import { formatDate } from '../lib/time.js';
import { TABLE3_COLUMNS } from './report-format.js';
import { docxName, reportDocx } from './report-docx.js';
import { dashboard, lastReportYear, requireYear, rollup, saveDeadlines, STATE_LABELS } from './report-deadlines.js';
import {
  CHECK_TITLES, contractJson, enterPriorFigures, FIELD_LABELS, getReport, importFigures, listPublished, priorFiguresOf, publishedReport, publishedReportById,
  reportKeyOf, saveReport, STATUS_LABELS, transition, TRANSITION_LABELS, versionsOf, type Composed, type Transition,
} from './report.service.js';
import { ChecksTable, ReportDocument } from './report.views.js';
import { figuresTemplate } from './report-xlsx.js';
import { canActAsReportOffice, canSignOffReport } from './report-policy.js';

const CSS = <link rel="stylesheet" href="/static/report.css" />;
const overrides = new WeakMap<FastifyRequest, Record<string, string>>();
const q = (req: FastifyRequest) => overrides.get(req) ?? ((req.query ?? {}) as Record<string, string>);
const editorUrl = (c: { year: number; body: { id: number }; scope: string }) => `/console/reports/annual?year=${c.year}&unit=${c.body.id}&scope=${encodeURIComponent(c.scope)}`;
const invalidFields = (err: unknown) => (err instanceof AppError && err.kind === 'invalid' ? err.fields : null);
const TRANSITIONS: Transition[] = ['sign_off', 'file', 'publish', 'reopen', 'correct'];

function formValues(c: Composed): Record<string, unknown> {
  const r = c.row;
  const ex = JSON.parse(r?.explanations_json ?? '{}') as Record<string, string>;
  return {
    permits: r?.permits ?? '', penalties: r?.penalties ?? '', coercions: r?.coercions ?? '', feesWan: r?.fees_wan ?? '', figuresSource: r?.figures_source ?? '',
    overviewText: r?.overview_text ?? '', problemsText: r?.problems_text ?? '', otherText: r?.other_text ?? '', changeNote: r?.change_note ?? '',
    ...Object.fromEntries(Object.entries(ex).map(([k, v]) => [`explain.${k}`, v])),
  };
}

async function editorPage(req: FastifyRequest, reply: FastifyReply, s: { form?: FormState; alert?: string; prior?: FormState } = {}, status = 200) {
  const c = await getReport(req.ctx, q(req));
  const meta = pageMeta(req, reply, `${c.doc.title}（${c.scope}）`);
  // An import error keeps what is saved in the fields (the file itself cannot be kept).
  const form = s.form ? { values: Object.keys(s.form.values).length ? s.form.values : formValues(c), errors: s.form.errors } : emptyForm(formValues(c));
  const row = c.row;
  const editable = !row || row.status === 'draft';
  const uncertain = c.checks.filter((x) => x.status === 'UNCERTAIN');
  const versions = row ? await versionsOf(req.ctx.db, row.id) : [];
  const prior = await priorFiguresOf(req.ctx.db, c.body.id, c.year, c.scope);
  const labels = { ...FIELD_LABELS, ...Object.fromEntries(uncertain.map((u) => [`explain.${u.id}`, `说明：${CHECK_TITLES[u.id] ?? u.id}`])) };
  const action = (a: Transition) => `/console/reports/annual/${row?.id}/${a.replace('_', '-')}`;
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {CSS}
      <p><a href={`/console/reports?year=${c.year}`}>返回年度报告总览</a></p>
      {s.alert ? <div class="gk-error-summary" role="alert" tabindex="-1"><h2>操作未完成</h2><p>{s.alert}</p></div> : null}
      <h2>状态</h2>
      <p>{row ? `${STATUS_LABELS[row.status]}（第${row.version}版）` : '尚未保存（以下为根据平台数据生成的草稿）'}
        {row?.signed_off_by ? `；审签：${row.signed_off_by}` : ''}{row?.filed_by ? `；备案：${row.filed_by}` : ''}{row?.first_published_on ? `；首次公开：${row.first_published_on}` : ''}</p>
      {c.blocking.fails.length || c.blocking.unexplained.length
        ? <p class="gk-check--FAIL">不能备案或公开：{c.blocking.fails.length}项校验不通过，{c.blocking.unexplained.length}项待核实的校验尚未书面说明。</p>
        : <p class="gk-check--PASS">校验均已通过或已作书面说明，可以备案和公开。</p>}
      {row ? <div class="gk-actions">{TRANSITIONS.map((a) => (
        (a === 'sign_off' && row.status === 'draft' && canSignOffReport(req.ctx.actor, c.body)) || (a === 'file' && row.status === 'signed_off' && canActAsReportOffice(req.ctx.actor)) || (a === 'publish' && row.status === 'filed' && canActAsReportOffice(req.ctx.actor))
          || (a === 'reopen' && (row.status === 'signed_off' || (row.status === 'filed' && canActAsReportOffice(req.ctx.actor)))) ? (
          <form method="post" action={action(a)} class="gk-inline"><CsrfField token={meta.csrf!} /><button type="submit" class="gk-button">{TRANSITION_LABELS[a]}</button></form>
        ) : null))}</div> : null}
      {row?.status === 'published' ? <>
        <h2>更正已公开的报告</h2>
        <p>已公开的报告只能通过新版本更正，原版本保留并继续可查。</p>
        <Form action={action('correct')} csrf={meta.csrf!} submit="开始编写更正版本">
          <TextArea name="changeNote" label="更正说明（更正了哪些内容、原因）" form={s.form ?? emptyForm()} required rows={3} />
        </Form>
      </> : null}
      <h2>填报内容</h2>
      {editable ? <>
        <ErrorSummary errors={form.errors} labels={labels} />
        <Form action={editorUrl(c)} csrf={meta.csrf!} submit="保存并校验">
          {c.scope === '本级' ? <fieldset>
            <legend>表二：本单位填报的数据</legend>
            <TextField name="permits" label="行政许可 本年处理决定数量" form={form} hint="非负整数，没有的填0" />
            <TextField name="penalties" label="行政处罚 本年处理决定数量" form={form} hint={`本年在平台公开的行政处罚决定${c.input.penaltyItemsPublished}件（供核对）`} />
            <TextField name="coercions" label="行政强制 本年处理决定数量" form={form} />
            <TextField name="feesWan" label="行政事业性收费 本年收费金额（万元）" form={form} hint="单位：万元，最多4位小数，没有的填0" />
            <TextField name="figuresSource" label="数据来源说明" form={form} maxlength={300} hint="如：本局执法台账（2023年1月5日导出）" />
            <p><a href={`/console/reports/annual/figures.xlsx?year=${c.year}&unit=${c.body.id}&scope=${encodeURIComponent(c.scope)}`}>下载表二填报模板（.xlsx）</a>，填好后可在下方导入。</p>
          </fieldset> : <p>汇总报告表二的行政许可、处罚、强制和收费数据由各单位报告汇总生成：{c.input.entered.source}</p>}
          <TextArea name="overviewText" label="一、总体情况：本单位补充说明（生成的数字之后）" form={form} rows={5} />
          <TextArea name="problemsText" label="五、存在的主要问题及改进情况" form={form} rows={6} required hint="须如实填写；不能为空、不能只写“无”，也不能与上年报告基本相同" />
          <TextArea name="otherText" label="六、其他需要报告的事项（补充）" form={form} rows={4} />
          {uncertain.map((u) => (
            <TextArea name={`explain.${u.id}`} label={`说明：${CHECK_TITLES[u.id] ?? u.id}`} form={form} rows={3} hint={`${u.message}（说明将印在第六部分）`} />
          ))}
          {row && row.version > 1 ? <TextArea name="changeNote" label="更正说明" form={form} rows={3} required /> : null}
        </Form>
      </> : <p>报告当前为“{row ? STATUS_LABELS[row.status] : ''}”，不能修改{row?.status !== 'published' ? '（可退回草稿后修改）' : ''}。</p>}
      {editable && c.scope === '本级' ? <>
        <h2>从 Excel 导入表二数据</h2>
        <form method="post" action={`/console/reports/annual/import?year=${c.year}&unit=${c.body.id}&scope=${encodeURIComponent(c.scope)}`} enctype="multipart/form-data" class="gk-form">
          <CsrfField token={meta.csrf!} />
          <div class={`gk-field${form.errors.file ? ' gk-field--error' : ''}`}>
            <label for="f-file">表二填报文件（.xlsx）</label>
            {form.errors.file ? <p class="gk-field-error" id="e-file">{form.errors.file}</p> : null}
            <input id="f-file" name="file" type="file" accept=".xlsx" required aria-describedby={form.errors.file ? 'e-file' : undefined} />
          </div>
          <button type="submit" class="gk-button">导入</button>
        </form>
      </> : null}
      <h2>校验</h2>
      <ChecksTable checks={c.checks} showCells />
      {!prior && c.input.prior?.source !== 'published' && editable ? <>
        <h2>录入上年已公开数据（平台上线前的年度，只能录入一次）</h2>
        <ErrorSummary errors={s.prior?.errors ?? {}} labels={{ ...Object.fromEntries(TABLE3_COLUMNS.map((col, i) => [`carry${i}`, `上年结转下年度（${col}）`])), normativeInForce: '上年行政规范性文件现行有效件数', rulesInForce: '上年规章现行有效件数', source: '来源', problemsText: '上年报告第五部分' }} />
        <Form action={`/console/reports/prior?year=${c.year}&unit=${c.body.id}&scope=${encodeURIComponent(c.scope)}`} csrf={meta.csrf!} submit="录入上年数据">
          <fieldset><legend>{c.year - 1}年度表三“四、结转下年度继续办理”</legend>
            {TABLE3_COLUMNS.map((col, i) => <TextField name={`carry${i}`} label={col} form={s.prior ?? emptyForm()} />)}
          </fieldset>
          <TextField name="normativeInForce" label={`${c.year - 1}年度行政规范性文件现行有效件数`} form={s.prior ?? emptyForm()} />
          <TextField name="rulesInForce" label={`${c.year - 1}年度规章现行有效件数`} form={s.prior ?? emptyForm()} hint="无规章制定权的填0" />
          <TextField name="source" label="来源（如上年报告的发布网址）" form={s.prior ?? emptyForm()} maxlength={300} />
          <TextArea name="problemsText" label={`${c.year - 1}年度报告第五部分原文（用于相似度核对）`} form={s.prior ?? emptyForm()} rows={3} />
        </Form>
      </> : prior ? <p>上年数据已于{formatDate(prior.created_at)}由{prior.entered_by}录入（来源：{prior.source || '未注明'}）。</p> : null}
      {versions.length ? <>
        <h2>已公开的版本</h2>
        <ul>{versions.map((v) => <li><a href={`/reports/annual/${row!.id}?version=${v.version}`}>第{v.version}版</a>（{v.published_on}公开，{v.published_by}）{v.change_note ? `：${v.change_note}` : ''}</li>)}</ul>
      </> : null}
      <h2>预览</h2>
      <ReportDocument doc={c.doc} headingLevel={2} />
    </ConsoleLayout>
  ), status);
}

async function dashboardPage(req: FastifyRequest, reply: FastifyReply, s: { form?: FormState } = {}, status = 200) {
  const year = q(req).year ? requireYear(q(req).year) : lastReportYear();
  const d = await dashboard(req.ctx, year);
  const meta = pageMeta(req, reply, `${year}年度政府信息公开工作年度报告`);
  const form = s.form ?? emptyForm({ unitInternal: d.deadlines.unitInternal ?? '', districtInternal: d.deadlines.districtInternal ?? '' });
  const count = (st: string) => d.rows.filter((r) => r.state === st).length;
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {CSS}
      <form method="get" action="/console/reports" class="gk-inline">
        <label for="f-year">报告年度</label> <input id="f-year" name="year" type="number" value={String(year)} min="2021" />{' '}
        <button type="submit" class="gk-button">查看</button>
      </form>
      <p>法定期限：各部门、镇（街道）{year + 1}年1月31日前，区政府{year + 1}年3月31日前公开上一年度报告。
        按时公开{count('on_time')}个，逾期公开{count('published_late')}个，逾期未公开{count('overdue')}个，已过内部期限{count('past_internal')}个。</p>
      <p><a href={`/console/reports/rollup?year=${year}`}>区政府汇总与各单位报告核对</a></p>
      <table class="gk-table">
        <caption>各单位年度报告进度</caption>
        <thead><tr><th scope="col">单位</th><th scope="col">范围</th><th scope="col">状态</th><th scope="col">校验</th><th scope="col">内部期限</th><th scope="col">法定期限</th><th scope="col">公开日期</th><th scope="col">时限</th></tr></thead>
        <tbody>{d.rows.map((r) => (
          <tr>
            <th scope="row"><a href={`/console/reports/annual?year=${year}&unit=${r.unitId}&scope=${encodeURIComponent(r.scope)}`}>{r.unitName}</a></th>
            <td>{r.scope}</td>
            <td>{r.report ? `${STATUS_LABELS[r.report.status]}（第${r.report.version}版）` : '未创建'}</td>
            <td>{r.report ? (r.report.check_fails ? `${r.report.check_fails}项不通过` : r.report.check_unexplained ? `${r.report.check_unexplained}项待说明` : '通过') : '—'}</td>
            <td>{r.internal ?? '—'}</td><td>{r.due}</td><td>{r.publishedOn ?? '—'}</td>
            <td class={r.late ? 'gk-check--FAIL' : r.state === 'on_time' ? 'gk-check--PASS' : ''}>{STATE_LABELS[r.state]}</td>
          </tr>
        ))}</tbody>
      </table>
      {canActAsReportOffice(req.ctx.actor) ? <>
        <h2>内部期限</h2>
        <ErrorSummary errors={form.errors} labels={{ unitInternal: '部门、镇街内部期限', districtInternal: '区政府报告内部期限' }} />
        <Form action={`/console/reports/deadlines?year=${year}`} csrf={meta.csrf!} submit="保存期限">
          <TextField name="unitInternal" label="部门、镇街内部期限（MM-DD，不晚于01-31）" form={form} hint="留空表示只按法定期限提醒" />
          <TextField name="districtInternal" label="区政府报告内部期限（MM-DD，不晚于03-31）" form={form} />
        </Form>
      </> : null}
    </ConsoleLayout>
  ), status);
}

async function rollupPage(req: FastifyRequest, reply: FastifyReply) {
  const year = requireYear(q(req).year);
  const r = await rollup(req.ctx, year);
  const meta = pageMeta(req, reply, `${year}年度区政府汇总与各单位报告核对`);
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <p><a href={`/console/reports?year=${year}`}>返回年度报告总览</a></p>
      <p>{r.differences.length ? `区政府汇总与各单位报告之和有${r.differences.length}个单元格不一致。` : '区政府汇总表三、表四与各单位报告之和完全一致。'}</p>
      {r.differences.length ? <table class="gk-table"><caption>汇总与各单位之和不一致的单元格</caption>
        <thead><tr><th scope="col">单元格</th><th scope="col">各单位之和</th><th scope="col">区政府汇总</th></tr></thead>
        <tbody>{r.differences.map((d) => <tr><th scope="row">{d.cell}</th><td>{String(d.a ?? '—')}</td><td>{String(d.b ?? '—')}</td></tr>)}</tbody></table> : null}
      <table class="gk-table">
        <caption>各单位报告</caption>
        <thead><tr><th scope="col">单位</th><th scope="col">状态</th><th scope="col">计入的数据</th><th scope="col">已公开数据与当前数据的差异</th></tr></thead>
        <tbody>{r.units.map((u) => (
          <tr><th scope="row">{u.unitName}</th><td>{u.status}</td><td>{u.source}</td>
            <td>{u.differences.length ? <ul>{u.differences.map((d) => <li>{d.cell}：已公开{String(d.a ?? '—')}，当前{String(d.b ?? '—')}</li>)}</ul> : '无'}</td></tr>
        ))}</tbody>
      </table>
    </ConsoleLayout>
  ));
}

// ── public ──

async function publicList(req: FastifyRequest, reply: FastifyReply) {
  const list = await listPublished(req.ctx);
  const meta = pageMeta(req, reply, '政府信息公开工作年度报告');
  const years = [...new Set(list.map((r) => r.year))];
  return sendHtml(reply, (
    <PortalLayout meta={meta}>
      <h1>政府信息公开工作年度报告</h1>
      {years.length ? years.map((y) => (
        <section>
          <h2>{y}年度</h2>
          <ul class="gk-item-list">{list.filter((r) => r.year === y).map((r) => (
            <li><a href={`/reports/annual/${r.id}`}>{r.unit_name}{y}年政府信息公开工作年度报告</a>（{r.scope}，{r.first_published_on}公开{r.version > 1 ? `，已更正为第${r.version}版` : ''}）</li>
          ))}</ul>
        </section>
      )) : <p>暂无已公开的年度报告。</p>}
    </PortalLayout>
  ));
}

async function publicPage(req: FastifyRequest, reply: FastifyReply) {
  const p = await publishedReportById(req.ctx, intParam((req.params as { id: string }).id), q(req).version);
  const doc = p.snapshot.doc;
  const meta = pageMeta(req, reply, doc.title);
  const json = `/api/v1/public/reports/annual?year=${doc.year}&unit=${encodeURIComponent(doc.unit)}&scope=${encodeURIComponent(doc.scope)}${p.version.version !== p.versions[0]!.version ? `&version=${p.version.version}` : ''}`;
  return sendHtml(reply, (
    <PortalLayout meta={meta} head={CSS}>
      <nav class="gk-breadcrumb gk-noprint" aria-label="位置"><a href="/">首页</a> › <a href="/reports/annual">政府信息公开年报</a></nav>
      <ReportDocument doc={doc} meta={<p class="gk-report__meta">公开日期：{p.version.published_on}{p.version.version > 1 ? `（第${p.version.version}版，更正说明：${p.version.change_note}）` : ''}</p>} />
      <div class="gk-actions gk-noprint">
        <p><a href={`/reports/annual/${p.row.id}/report.docx${p.version.version !== p.versions[0]!.version ? `?version=${p.version.version}` : ''}`}>下载 Word 文档（.docx）</a> · <a href={json}>全部数据（JSON）</a></p>
        {p.versions.length > 1 ? <>
          <h2>版本</h2>
          <ul>{p.versions.map((v) => <li>{v.version === p.version.version ? <strong>第{v.version}版（当前查看）</strong> : <a href={`/reports/annual/${p.row.id}?version=${v.version}`}>第{v.version}版</a>}，{v.published_on}公开{v.change_note ? `；更正说明：${v.change_note}` : ''}</li>)}</ul>
        </> : null}
      </div>
    </PortalLayout>
  ));
}

export async function reportRoutes(app: FastifyInstance) {
  app.get('/console/reports', (req, reply) => dashboardPage(req, reply));
  app.post('/console/reports/deadlines', async (req, reply) => {
    const body = formBody(req);
    try {
      await saveDeadlines(req.ctx, body);
      return reply.redirect(`/console/reports?year=${encodeURIComponent(q(req).year ?? '')}`, 303);
    } catch (err) {
      const fields = invalidFields(err);
      if (fields) return dashboardPage(req, reply, { form: { values: body, errors: fields } }, 400);
      throw err;
    }
  });
  app.get('/console/reports/rollup', (req, reply) => rollupPage(req, reply));
  app.get('/console/reports/annual', (req, reply) => editorPage(req, reply));
  app.post('/console/reports/annual', async (req, reply) => {
    const body = formBody(req);
    try {
      const c = await saveReport(req.ctx, q(req), body);
      return reply.redirect(editorUrl(c), 303);
    } catch (err) {
      const fields = invalidFields(err);
      if (fields && !fields.year && !fields.unit) return editorPage(req, reply, { form: { values: body, errors: fields } }, 400);
      if (err instanceof AppError && err.kind === 'conflict') return editorPage(req, reply, { alert: err.message }, 409);
      throw err;
    }
  });
  app.get('/console/reports/annual/figures.xlsx', async (req, reply) => {
    const c = await getReport(req.ctx, q(req));
    const buf = await figuresTemplate(c.doc.title, formValues(c));
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="figures.xlsx"; filename*=UTF-8''${encodeURIComponent(`${c.doc.title}-表二填报.xlsx`)}`).send(buf);
  });
  app.post('/console/reports/annual/import', { config: { csrfInBody: true } }, async (req, reply) => {
    const file = await req.file().catch(() => undefined);
    // The token travels as the first multipart field (src/web/multipart-csrf.ts), checked before the file is used.
    if (csrfDeferred(req)) await verifyCsrfToken(req, reply, tokenFromFields(file?.fields));
    if (!file) return editorPage(req, reply, { form: { values: {}, errors: { file: '请选择要导入的 .xlsx 文件' } } }, 400);
    const buf = await file.toBuffer();
    try {
      const c = await importFigures(req.ctx, q(req), buf);
      return reply.redirect(editorUrl(c), 303);
    } catch (err) {
      const fields = invalidFields(err);
      if (fields && !fields.year && !fields.unit) return editorPage(req, reply, { form: { values: {}, errors: fields } }, 400);
      if (err instanceof AppError && err.kind === 'conflict') return editorPage(req, reply, { alert: err.message }, 409);
      throw err;
    }
  });
  app.post('/console/reports/prior', async (req, reply) => {
    const body = formBody(req);
    try {
      await enterPriorFigures(req.ctx, q(req), body);
      const x = q(req);
      return reply.redirect(`/console/reports/annual?year=${encodeURIComponent(x.year ?? '')}&unit=${encodeURIComponent(x.unit ?? '')}&scope=${encodeURIComponent(x.scope ?? '')}`, 303);
    } catch (err) {
      const fields = invalidFields(err);
      if (fields && !fields.year && !fields.unit) return editorPage(req, reply, { prior: { values: body, errors: fields } }, 400);
      if (err instanceof AppError && err.kind === 'conflict') return editorPage(req, reply, { alert: err.message }, 409);
      throw err;
    }
  });
  app.post('/console/reports/annual/:id/:action', async (req, reply) => {
    const id = intParam((req.params as { id: string }).id);
    const action = String((req.params as { action: string }).action).replace('-', '_') as Transition;
    if (!TRANSITIONS.includes(action)) return reply.callNotFound();
    const body = formBody(req);
    const row = await reportKeyOf(req.ctx, id);
    const back = row ? `/console/reports/annual?year=${row.year}&unit=${row.unit_id}&scope=${encodeURIComponent(row.scope)}` : '/console/reports';
    try {
      await transition(req.ctx, id, action, body);
      return reply.redirect(back, 303);
    } catch (err) {
      if (!row || !(err instanceof AppError) || (err.kind !== 'conflict' && err.kind !== 'invalid')) throw err;
      overrides.set(req, { year: String(row.year), unit: String(row.unit_id), scope: row.scope });
      if (err.kind === 'invalid') return editorPage(req, reply, { form: { values: body, errors: err.fields } }, 400);
      return editorPage(req, reply, { alert: err.message }, 409);
    }
  });

  documentApi({ method: 'GET', url: '/api/v1/reports/annual', summary: '年度报告：?year=2022&unit=<单位名称或编号>[&scope=本级|汇总] → { year, unit, scope, table2, table3, table4, checks:[{id,status,message,cells}] }（标签与国办公开办函〔2021〕30号格式一致）', roles: 'admin, auditor, 本单位' });
  app.get('/api/v1/reports/annual', async (req) => {
    const c = await getReport(req.ctx, q(req));
    return contractJson(c.doc, c.checks, { id: c.row?.id ?? null, status: c.row?.status ?? 'draft', firstPublishedOn: c.row?.first_published_on ?? null });
  });
  documentApi({ method: 'POST', url: '/api/v1/reports/annual', summary: '?year=&unit=&scope= 保存年度报告草稿（表二填报数据、各部分文字、待核实项说明）', roles: 'admin, 本单位',
    body: { permits: 'integer?', penalties: 'integer?', coercions: 'integer?', feesWan: 'string (万元, ≤4位小数)?', figuresSource: 'string?', overviewText: 'string?', problemsText: 'string?', otherText: 'string?', explanations: '{checkId: string}?', changeNote: 'string?' } });
  app.post('/api/v1/reports/annual', async (req) => {
    const c = await saveReport(req.ctx, q(req), (req.body ?? {}) as Record<string, unknown>);
    return contractJson(c.doc, c.checks, { id: c.row?.id ?? null, status: c.row?.status ?? 'draft' });
  });
  documentApi({ method: 'POST', url: '/api/v1/reports/annual/{id}/{action}', summary: 'action = sign-off | file | publish | reopen | correct。年度报告流程：审签、备案、公开、退回草稿、发布更正版本（FAIL 或未说明的 UNCERTAIN 不能备案、公开）', roles: 'admin, 本单位审核人', body: { changeNote: 'string (correct)' } });
  app.post('/api/v1/reports/annual/:id/:action', async (req, reply) => {
    const action = String((req.params as { action: string }).action).replace('-', '_') as Transition;
    if (!TRANSITIONS.includes(action)) return reply.callNotFound();
    const row = await transition(req.ctx, intParam((req.params as { id: string }).id), action, (req.body ?? {}) as Record<string, unknown>);
    return { data: { id: row.id, status: row.status, version: row.version, firstPublishedOn: row.first_published_on } };
  });
  documentApi({ method: 'GET', url: '/api/v1/reports/annual/deadlines', summary: '?year= 各单位年度报告进度与时限', roles: 'admin, auditor' });
  app.get('/api/v1/reports/annual/deadlines', async (req) => {
    const year = q(req).year ? requireYear(q(req).year) : lastReportYear();
    const d = await dashboard(req.ctx, year);
    return { data: { year, deadlines: d.deadlines, units: d.rows.map((r) => ({ unitId: r.unitId, unit: r.unitName, scope: r.scope, status: r.report?.status ?? null, due: r.due, internal: r.internal, publishedOn: r.publishedOn, state: r.state, late: r.late })) } };
  });

  // Public: only published versions.
  documentApi({ method: 'GET', url: '/api/v1/public/reports/annual', summary: '?year=&unit=&scope=&version= 已公开的年度报告（每个单元格的 JSON；未公开 404）', roles: '公开' });
  app.get('/api/v1/public/reports/annual', async (req) => {
    const p = await publishedReport(req.ctx, q(req));
    return contractJson(p.snapshot.doc, p.snapshot.checks, { publishedOn: p.version.published_on, versions: p.versions });
  });
  app.get('/reports/annual', (req, reply) => publicList(req, reply));
  app.get('/reports/annual/:id', (req, reply) => publicPage(req, reply));
  app.get('/reports/annual/:id/report.docx', async (req, reply) => {
    const p = await publishedReportById(req.ctx, intParam((req.params as { id: string }).id), q(req).version);
    const buf = await reportDocx(p.snapshot.doc);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(docxName(p.snapshot.doc))}`).send(buf);
  });
}
