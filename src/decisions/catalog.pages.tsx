// Public pages of the decision catalog: /decisions (per year, status of each item) and
// /decisions/:id (timeline and every stage's documents as links to the information items).
import type { SafeHtml } from '#jsx/jsx-runtime';
import { formatDate } from '../lib/time.js';
import { PortalLayout, type PageMeta } from '../web/components/layout.js';
import type { Consultation } from './consultations.service.js';
import type { CatalogRow, DecisionDocument, DecisionEvent, Decision } from './catalog.service.js';
import type { ItemRef } from '../disclosure/public.js';
import { Crumbs } from './consultation.pages.js';
import { CATEGORY_LABELS, CONSULTATION_STATUS_LABELS, consultationStatus, STAGES, STAGE_LABELS, STEP_LABELS, type Stage, type StatutoryStep } from './pure/rules.js';

const stageLabel = (s: string) => STAGE_LABELS[s as Stage] ?? s;
const stepsText = (d: Decision) => (d.steps ? d.steps.split(',').map((s) => STEP_LABELS[s as StatutoryStep] ?? s).join('、') : '—');
const shortCategory = (c: string) => (CATEGORY_LABELS[c] ?? c).slice(0, 3);

export type MeetingLink = { id: number; title: string; meeting_on: string };

export function CatalogPage(p: {
  meta: PageMeta; years: number[]; year: number | null; rows: CatalogRow[]; open: (Consultation & { status: string })[]; today: string;
  meetings: { id: number; title: string; meeting_on: string; signup_opens_on: string; signup_closes_on: string }[]; openDays: { id: number; title: string; held_on: string; signup_closes_on: string }[];
}): SafeHtml {
  return (
    <PortalLayout meta={p.meta}>
      <Crumbs items={[{ label: '重大行政决策' }]} />
      <h1>重大行政决策事项目录{p.year ? `（${p.year}年）` : ''}</h1>
      {p.years.length > 1 ? (
        <nav aria-label="年度"><ul class="gk-inline-list">{p.years.map((y) => <li><a href={`/decisions?year=${y}`} aria-current={y === p.year ? 'page' : undefined}>{y}年</a></li>)}</ul></nav>
      ) : null}
      <p>依据《重大行政决策程序暂行条例》（国务院令第713号），决策事项目录向社会公布，并根据实际动态调整。每个事项的决策过程和文件见事项页面。</p>
      {p.rows.length ? (
        <table class="gk-table">
          <caption>{p.year}年重大行政决策事项目录（共{p.rows.length}项）</caption>
          <thead><tr><th scope="col">事项名称</th><th scope="col">类别</th><th scope="col">决策主体</th><th scope="col">承办单位</th><th scope="col">计划完成时间</th><th scope="col">是否听证</th><th scope="col">法定程序</th><th scope="col">当前状态</th><th scope="col">进程</th></tr></thead>
          <tbody>{p.rows.map((d) => (
            <tr>
              <td><a href={`/decisions/${d.id}`}>{d.name}</a></td>
              <td><abbr title={CATEGORY_LABELS[d.category]}>{shortCategory(d.category)}</abbr></td>
              <td>{d.decision_body}</td>
              <td>{d.lead_unit}{d.supporting_units ? `（配合：${d.supporting_units}）` : ''}</td>
              <td>{d.planned_on ?? '—'}</td>
              <td>{d.hearing ? '是' : '否'}</td>
              <td>{stepsText(d)}</td>
              <td>{stageLabel(d.status)}{d.planned_on && d.planned_on < p.today && !['published', 'implementing', 'evaluation', 'terminated'].includes(d.status) ? '（晚于计划）' : ''}</td>
              <td>{d.timeline.length ? <ol class="gk-compact">{d.timeline.map((t) => <li>{t.on} {t.label}</li>)}</ol> : '—'}</td>
            </tr>
          ))}</tbody>
        </table>
      ) : <p>尚未公布决策事项目录。</p>}
      <h2>正在征求意见</h2>
      {p.open.length ? (
        <ul>{p.open.map((c) => <li><a href={`/consultations/${c.id}`}>{c.title}</a>（{c.opens_on} 至 {c.closes_on}，{CONSULTATION_STATUS_LABELS[consultationStatus(c, p.today)]}）</li>)}</ul>
      ) : <p>目前没有正在征求意见的事项。</p>}
      <h2>列席会议</h2>
      {p.meetings.length ? (
        <ul>{p.meetings.map((m) => <li><a href={`/meetings/${m.id}`}>{m.title}</a>（会议 {m.meeting_on}，报名 {m.signup_opens_on} 至 {m.signup_closes_on}）</li>)}</ul>
      ) : <p>暂无列席会议。</p>}
      <h2>政府开放日</h2>
      {p.openDays.length ? (
        <ul>{p.openDays.map((d) => <li><a href={`/open-days/${d.id}`}>{d.title}</a>（{d.held_on}，报名截止 {d.signup_closes_on}）</li>)}</ul>
      ) : <p>暂无开放日活动。</p>}
    </PortalLayout>
  );
}

const EVENT_KIND: Record<string, string> = { create: '列入目录', stage: '完成环节', adjust: '目录调整', terminate: '终止' };

export function DecisionPage(p: {
  meta: PageMeta; d: Decision; unit: string; categoryLabel: string; events: DecisionEvent[]; consultations: Consultation[]; docs: DecisionDocument[];
  refs: Map<number, ItemRef>; meetings: MeetingLink[]; today: string;
}): SafeHtml {
  const d = p.d;
  const reached = new Set(p.events.filter((e) => e.kind === 'stage').map((e) => e.to_status));
  return (
    <PortalLayout meta={p.meta}>
      <Crumbs items={[{ href: `/decisions?year=${d.year}`, label: '重大行政决策' }, { label: d.name }]} />
      <h1>{d.name}</h1>
      <dl class="gk-meta">
        <dt>年度</dt><dd>{d.year}</dd>
        <dt>事项类别</dt><dd>{p.categoryLabel}</dd>
        <dt>决策主体</dt><dd>{d.decision_body}</dd>
        <dt>承办单位</dt><dd>{p.unit}{d.supporting_units ? `（配合：${d.supporting_units}）` : ''}</dd>
        <dt>法律依据</dt><dd>{d.legal_basis || '—'}</dd>
        <dt>计划完成时间</dt><dd>{d.planned_on ?? '—'}</dd>
        <dt>是否听证</dt><dd>{d.hearing ? '是' : '否'}</dd>
        <dt>法定程序</dt><dd>{stepsText(d)}</dd>
        <dt>当前状态</dt><dd>{stageLabel(d.status)}（自{d.status_since}）</dd>
      </dl>
      <h2>决策进程</h2>
      <ol class="gk-steps">
        {STAGES.map((s) => (
          <li aria-current={d.status === s ? 'step' : undefined}>{STAGE_LABELS[s]}：{d.status === s ? '进行中' : reached.has(s) || STAGES.indexOf(s) < STAGES.indexOf(d.status as (typeof STAGES)[number]) ? '已进入' : d.status === 'terminated' ? '—' : '未开始'}</li>
        ))}
      </ol>
      <h2>决策文件</h2>
      {p.docs.length ? <ul>{p.docs.map((x) => <li>{x.label}：<a href={`/items/${x.ref.id}`}>{x.ref.title}</a>{x.ref.publishedOn ? `（${x.ref.publishedOn}）` : ''}</li>)}</ul> : <p>暂无公开的决策文件。</p>}
      <h2>公众参与</h2>
      {p.consultations.length ? (
        <ul>{p.consultations.map((c) => (
          <li><a href={`/consultations/${c.id}`}>{c.title}</a>（{c.opens_on} 至 {c.closes_on}，{CONSULTATION_STATUS_LABELS[consultationStatus(c, p.today)]}）
            {c.report_published_at ? <> · <a href={`/consultations/${c.id}/feedback`}>意见采纳情况</a></> : ' · 采纳情况尚未公布'}</li>
        ))}</ul>
      ) : <p>暂无征求意见。</p>}
      {p.meetings.length ? (
        <>
          <h2>列席会议</h2>
          <ul>{p.meetings.map((m) => <li><a href={`/meetings/${m.id}`}>{m.title}</a>（{m.meeting_on}）</li>)}</ul>
        </>
      ) : null}
      <h2>时间线</h2>
      <table class="gk-table">
        <caption class="visually-hidden">决策事项时间线</caption>
        <thead><tr><th scope="col">时间</th><th scope="col">事件</th><th scope="col">内容</th></tr></thead>
        <tbody>{p.events.map((e) => {
          const ref = e.evidence_item_id ? p.refs.get(e.evidence_item_id) : undefined;
          return (
            <tr>
              <td>{e.completed_on ?? formatDate(e.at)}</td>
              <td>{EVENT_KIND[e.kind] ?? e.kind}</td>
              <td>
                {e.kind === 'stage' ? `${stageLabel(e.from_status ?? '')} → ${stageLabel(e.to_status ?? '')}` : null}
                {e.kind === 'stage' ? (ref?.isPublic ? <>；证明材料：<a href={`/items/${ref.id}`}>{ref.title}</a></> : '；证明材料已存档') : null}
                {e.kind === 'adjust' ? `调整内容：${Object.keys(JSON.parse(e.after_json ?? '{}')).map((k) => ADJUST_LABELS[k] ?? k).join('、')}` : null}
                {e.reason ? `；理由：${e.reason}` : null}
              </td>
            </tr>
          );
        })}</tbody>
      </table>
    </PortalLayout>
  );
}

const ADJUST_LABELS: Record<string, string> = {
  year: '年度', name: '事项名称', category: '类别', decision_body: '决策主体', lead_unit_id: '承办单位', supporting_units: '配合单位',
  legal_basis: '法律依据', planned_on: '计划完成时间', hearing: '是否听证', steps: '法定程序',
};
