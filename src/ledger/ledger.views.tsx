// Server-rendered pieces of the ledger pages. Everything works without JavaScript.
import type { Child } from '#jsx/jsx-runtime';
import type { MeasureStatus } from '../db/ledger.tables.js';
import { formatDate } from '../lib/time.js';
import { SelectField, TextArea, TextField, type FormState } from '../web/components/form.js';
import { LEDGER_STATUS_LABELS, MEASURE_STATUS_LABELS, ROLE_LABELS_TASK, SETTABLE_STATUSES } from './ledger-rules.js';
import type { LedgerView, SubmissionState } from './ledger.service.js';
import type { ImportIssue } from './xlsx/import-issues.js';

export const MEASURE_LABELS: Record<string, string> = {
  content: '工作举措', timeLimit: '时限要求', leader: '单位分管领导', section: '责任科室', dueDate: '到期日', anchorDate: '起算日期',
  status: '状态', completedOn: '完成日期', onDate: '进展日期', note: '进展情况', itemId: '政府信息编号', itemLabel: '说明', url: '链接',
  urlLabel: '说明', partq: '决策与公众参与记录', file: '文件', fileLabel: '说明', comment: '意见', body: '意见', _: '台账', planId: '工作方案', unitId: '单位',
};

export const StatusTag = (p: { status: MeasureStatus }) => (
  <span class={`gk-tag${p.status === 'overdue' ? ' gk-tag--late' : p.status === 'done' ? ' gk-tag--ok' : ''}`}>{MEASURE_STATUS_LABELS[p.status]}</span>
);

export const SubmissionTag = (p: { s: SubmissionState }) => (
  <span class={`gk-tag${p.s.late || p.s.missing ? ' gk-tag--late' : p.s.submittedOn ? ' gk-tag--ok' : ''}`}>{p.s.label}{p.s.submittedOn ? `（${p.s.submittedOn}）` : ''}</span>
);

/** The plan's title with its 文号 in brackets, or the title alone while it has none (a copied plan). */
export const planName = (p: { title: string; doc_number: string }) => (p.doc_number.trim() ? `${p.title}（${p.doc_number}）` : p.title);

export const Notice = (p: { text?: string | null }) => (p.text ? <div class="gk-notice" role="status">{p.text}</div> : null);

/** A small POST form with one button (and optionally a comment box). */
export const ActionForm = (p: { action: string; csrf: string; button: string; secondary?: boolean; children?: Child; confirm?: string }) => (
  <form method="post" action={p.action} class={`gk-form${p.confirm ? ' js-confirm' : ''}`} data-confirm={p.confirm} novalidate>
    <input type="hidden" name="_csrf" value={p.csrf} />
    {p.children}
    <button type="submit" class={`gk-button${p.secondary ? ' gk-button--secondary' : ''}`}>{p.button}</button>
  </form>
);

const due = (m: { due_date: string | null; deadline: string | null; due_note: string | null }) => (
  m.due_date ? <>{m.due_date}{m.deadline && m.deadline !== m.due_date ? <><br />（顺延至{m.deadline}）</> : null}</> : '—'
);

/** The measures of one row, as a table. */
export const MeasuresTable = (p: { v: LedgerView; row: LedgerView['rows'][number] }) => {
  const { v, row } = p;
  const canOpen = v.access.unitWriter || v.access.mode === 'office' || v.access.mode === 'auditor' || v.access.mode === 'system';
  if (row.measures.length === 0) return <p class="gk-hint">尚未填写工作举措。</p>;
  return (
    <table class="gk-table gk-table--stack">
      <caption class="visually-hidden">序号{row.seq}的工作举措</caption>
      <thead><tr>
        <th scope="col">工作举措</th><th scope="col">时限要求</th><th scope="col">到期日</th><th scope="col">分管领导</th><th scope="col">责任科室</th>
        <th scope="col">状态</th><th scope="col">最新进展</th><th scope="col">佐证材料</th>{canOpen ? <th scope="col">操作</th> : null}
      </tr></thead>
      <tbody>{row.measures.map((m, i) => (
        <tr>
          <td data-label="工作举措">{m.content}</td><td data-label="时限要求">{m.time_limit || '—'}</td><td data-label="到期日">{due(m)}</td><td data-label="分管领导">{m.leader || '—'}</td><td data-label="责任科室">{m.section || '—'}</td>
          <td data-label="状态"><StatusTag status={m.status} />{m.completed_on ? <><br />{m.completed_on}完成</> : null}</td>
          <td data-label="最新进展">{m.progress[0] ? <>{m.progress[0].on_date}：{m.progress[0].note}</> : '—'}</td>
          <td data-label="佐证材料">{m.evidence.length ? <ul class="gk-list">{m.evidence.map((e) => <li><EvidenceLink ledgerId={v.ledger.id} e={e} /></li>)}</ul> : '—'}</td>
          {canOpen ? <td data-label="操作"><a href={`/console/ledgers/${v.ledger.id}/measures/${m.id}`}>{v.access.unitWriter ? '编辑与进展' : '详情'}<span class="visually-hidden">：序号{row.seq}第{i + 1}条举措</span></a></td> : null}
        </tr>
      ))}</tbody>
    </table>
  );
};

export const EvidenceLink = (p: { ledgerId: number; e: LedgerView['rows'][number]['measures'][number]['evidence'][number] }) => {
  const e = p.e;
  if (e.kind === 'file') return <a href={`/console/ledgers/${p.ledgerId}/evidence/${e.id}`}>{e.label}（文件）</a>;
  if (e.kind === 'url') return <a href={e.url ?? '#'} rel="noopener noreferrer">{e.label}</a>;
  if (e.kind === 'participation') return <><a href={e.url ?? '#'}>{e.label}</a>{e.part_status ? <span class="gk-hint">（{e.part_status}）</span> : null}</>;
  return <a href={`/console/items/${e.item_id}`}>{e.item_title ?? e.label}{e.item_index_no ? `（${e.item_index_no}）` : ''}</a>;
};

export const Comments = (p: { comments: LedgerView['ledgerComments'] }) => (
  p.comments.length ? (
    <ul class="gk-list">{p.comments.map((c) => (
      <li><strong>{c.kind === 'return' ? '政务公开办退回意见' : c.kind === 'guidance' ? `牵头部门（${c.author_unit_name ?? ''}）指导意见` : '单位审核意见'}</strong>
        （第{c.version}版，{c.author_label}，{formatDate(c.created_at)}）：{c.body}</li>
    ))}</ul>
  ) : null
);

export const LedgerSummary = (p: { v: LedgerView }) => {
  const { v } = p;
  const measures = v.rows.reduce((n, r) => n + r.measures.length, 0);
  const done = v.rows.reduce((n, r) => n + r.measures.filter((m) => m.status === 'done').length, 0);
  const overdue = v.rows.reduce((n, r) => n + r.measures.filter((m) => m.status === 'overdue' || (m.status !== 'done' && m.deadline !== null && m.deadline < v.today)).length, 0);
  return (
    <dl class="gk-meta">
      <dt>单位</dt><dd>{v.unit.name}</dd>
      <dt>工作方案</dt><dd>{planName(v.plan)}</dd>
      <dt>台账状态</dt><dd>{LEDGER_STATUS_LABELS[v.ledger.status]}（第{v.ledger.version}版）</dd>
      <dt>报送截止</dt><dd>{v.submission.due ?? '未设定'}</dd>
      <dt>报送情况</dt><dd><SubmissionTag s={v.submission} /></dd>
      <dt>任务与举措</dt><dd>{v.rows.length}项任务，{measures}条举措，已完成{done}条，逾期{overdue}条</dd>
    </dl>
  );
};

export type MeasureFormTask = { seq: number; requirement: string; time_limit: string; planDate: string | null; workingDays: number | null };

export const MeasureFields = (p: { form: FormState; task: MeasureFormTask; contentLocked?: boolean }) => {
  const f = p.form;
  const t = p.task;
  return (
    <>
      {p.contentLocked ? null : <>
        <TextArea name="content" label="工作举措" form={f} required rows={4} hint="一条具体、可检查的举措，如“印发通知，督促相关职能部门6月底前全部公开到位”" />
        <TextField name="timeLimit" label="时限要求" form={f} hint={`工作方案的时限要求：${t.time_limit || '（未规定）'}`} maxlength={500} />
        <TextField name="dueDate" label="到期日" type="date" form={f}
          hint={t.planDate ? `工作方案规定 ${t.planDate} 前完成；不填则按此日期，自定日期不得晚于此日期。遇节假日自动顺延至下一个工作日。` : '用于到期提醒和逾期判断；长期坚持的举措可不填。遇节假日自动顺延至下一个工作日。'} />
        {t.workingDays ? <TextField name="anchorDate" label="起算日期" type="date" form={f} hint={`时限为${t.workingDays}个工作日：填写信息形成或变更的日期（当日不计），系统按工作日历计算到期日；已填写到期日时以到期日为准。`} /> : null}
        <TextField name="leader" label="单位分管领导" form={f} maxlength={40} />
        <TextField name="section" label="责任科室" form={f} maxlength={60} />
      </>}
      <SelectField name="status" label="状态" form={f} options={SETTABLE_STATUSES.map((s) => ({ value: s, label: MEASURE_STATUS_LABELS[s] }))} />
      <TextField name="completedOn" label="完成日期" type="date" form={f} hint="状态为“已完成”时填写；不填则按今天" />
    </>
  );
};

export const IssuesTable = (p: { caption: string; issues: ImportIssue[] }) => (
  <table class="gk-table">
    <caption>{p.caption}（{p.issues.length}项）</caption>
    <thead><tr><th scope="col">工作表</th><th scope="col">行</th><th scope="col">列</th><th scope="col">问题</th></tr></thead>
    <tbody>{p.issues.map((i) => <tr><td>{i.sheet || '—'}</td><td>{i.row || '—'}</td><td>{i.column || '—'}</td><td>{i.message}</td></tr>)}</tbody>
  </table>
);

export const RowHeading = (p: { row: LedgerView['rows'][number] }) => (
  <h2 id={`row-${p.row.id}`}>序号{p.row.seq}（{ROLE_LABELS_TASK[p.row.role] ?? p.row.role}）</h2>
);

