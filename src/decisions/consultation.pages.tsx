// Public pages of consultations: the notice with its counters, published comments and the comment
// form (no JavaScript needed); the feedback report (采纳情况).
import type { SafeHtml } from "#jsx/jsx-runtime";
import { formatDate } from '../lib/time.js';
import { PortalLayout, type PageMeta } from '../web/components/layout.js';
import { ErrorSummary, TextArea, TextField, CsrfField, type FormState } from '../web/components/form.js';
import type { FeedbackReport, PublicConsultation } from './consultations.service.js';
import { COMMENT_LABELS, COMMENT_MAX } from './consultations.service.js';
import { CONSULTATION_STATUS_LABELS, DISPOSITION_LABELS, DISPOSITIONS, KIND_LABELS, daysAfter } from './pure/rules.js';

export const Crumbs = (p: { items: { href?: string; label: string }[] }) => (
  <nav class="gk-breadcrumb" aria-label="当前位置">
    <ol>
      <li><a href="/">首页</a></li>
      {p.items.map((i) => <li>{i.href ? <a href={i.href}>{i.label}</a> : <span aria-current="page">{i.label}</span>}</li>)}
    </ol>
  </nav>
);

export const Pages = (p: { page: number; pages: number; base: string; label: string }) => {
  if (p.pages <= 1) return null;
  const href = (n: number) => (n > 1 ? `${p.base}?page=${n}` : p.base);
  const around = [...new Set([1, p.page - 1, p.page, p.page + 1, p.pages])].filter((n) => n >= 1 && n <= p.pages).sort((a, b) => a - b);
  return (
    <nav class="gk-pagination" aria-label={p.label}>
      {p.page > 1 ? <a href={href(p.page - 1)} rel="prev">上一页</a> : null}
      <ul>{around.map((n) => <li><a href={href(n)} aria-current={n === p.page ? 'page' : undefined}>第{n}页</a></li>)}</ul>
      {p.page < p.pages ? <a href={href(p.page + 1)} rel="next">下一页</a> : null}
      <span class="gk-muted">共{p.pages}页</span>
    </nav>
  );
};

export const Counters = (p: { v: { received: number; published: number; withheld: number; pending: number } }) => (
  <table class="gk-table">
    <caption>意见统计（收到 = 已公开 + 未公开）</caption>
    <thead><tr><th scope="col">收到意见</th><th scope="col">已公开</th><th scope="col">未公开</th><th scope="col">其中待审核</th></tr></thead>
    <tbody><tr><td>{p.v.received}</td><td>{p.v.published}</td><td>{p.v.withheld}</td><td>{p.v.pending}</td></tr></tbody>
  </table>
);

type CommentRow = { id: number; received_at: string; section: string | null; shown_text: string | null; publish_mode: string | null; group_size: number | null };

export function ConsultationPage(p: {
  meta: PageMeta; v: PublicConsultation; docs: { label: string; href: string; title: string }[]; decision: { id: number; name: string } | null;
  comments: { rows: CommentRow[]; total: number; page: number; pages: number }; form: FormState; csrf: string; sent: boolean;
}): SafeHtml {
  const v = p.v;
  const days = daysAfter(v.opensOn, v.closesOn);
  return (
    <PortalLayout meta={p.meta}>
      <Crumbs items={[{ href: '/decisions', label: '重大行政决策' }, { label: '征求意见' }]} />
      <h1>{v.title}</h1>
      <dl class="gk-meta">
        <dt>类型</dt><dd>{KIND_LABELS[v.kind]}</dd>
        <dt>承办单位</dt><dd>{v.unit}</dd>
        <dt>征求意见期限</dt><dd>{v.opensOn} 至 {v.closesOn}（{days}日）</dd>
        {v.shorteningReason ? <><dt>缩短期限的理由</dt><dd>{v.shorteningReason}</dd></> : null}
        <dt>状态</dt><dd>{CONSULTATION_STATUS_LABELS[v.status]}</dd>
        {v.channels.length ? <><dt>征求意见渠道</dt><dd>{v.channels.join('、')}</dd></> : null}
        {p.decision ? <><dt>所属决策事项</dt><dd><a href={`/decisions/${p.decision.id}`}>{p.decision.name}</a></dd></> : null}
        <dt>采纳情况</dt><dd>{v.feedbackPublished ? <a href={`/consultations/${v.id}/feedback`}>查看意见采纳情况</a> : '尚未公布'}</dd>
      </dl>
      {p.docs.length ? (
        <>
          <h2>相关文件</h2>
          <ul>{p.docs.map((d) => <li>{d.label}：<a href={d.href}>{d.title}</a></li>)}</ul>
        </>
      ) : null}
      <Counters v={v} />
      {v.status === 'open' ? (
        <section aria-labelledby="h-form">
          <h2 id="h-form">提交意见</h2>
          {p.sent ? <div class="gk-notice" role="status">您的意见已收到，审核后公开。谢谢参与！</div> : null}
          <p>姓名和联系方式可不填；填写的联系方式仅供承办单位联系您，不会公开。意见中的手机号、身份证号等个人信息在公开时会被遮盖。</p>
          <ErrorSummary errors={p.form.errors} labels={COMMENT_LABELS} />
          <form method="post" action={`/consultations/${v.id}/comments`} class="gk-form" novalidate>
            <CsrfField token={p.csrf} />
            <TextField name="section" label="针对的条款或章节（可不填）" form={p.form} maxlength={100} hint="例如：第五条" />
            <TextArea name="text" label="意见内容" form={p.form} required rows={8} hint={`不超过${COMMENT_MAX}字`} />
            <TextField name="name" label="姓名（可不填，不公开）" form={p.form} maxlength={50} autocomplete="name" />
            <TextField name="contact" label="联系方式（可不填，不公开）" form={p.form} maxlength={100} autocomplete="tel" />
            <button type="submit" class="gk-button">提交意见</button>
          </form>
        </section>
      ) : (
        <div class="gk-notice" role="status">
          {v.status === 'closed' ? `本次征求意见已于${v.closesOn}结束，不再接收意见。` : `本次征求意见将于${v.opensOn}开始，届时可以提交意见。`}
          {v.status === 'closed' && v.feedbackPublished ? <> <a href={`/consultations/${v.id}/feedback`}>查看意见采纳情况</a></> : null}
        </div>
      )}
      <h2>已公开的意见（{p.comments.total}条）</h2>
      {p.comments.rows.length ? (
        <ol class="gk-list">
          {p.comments.rows.map((c) => (
            <li>
              <p class="gk-muted">意见 {c.id} · {formatDate(c.received_at)}{c.section ? ` · ${c.section}` : ''}{c.publish_mode === 'summary' ? ' · 摘要' : ''}
                {c.group_size && c.group_size > 1 ? ` · 相同或相近意见共${c.group_size}条（已归并）` : ''}</p>
              <p>{c.shown_text}</p>
            </li>
          ))}
        </ol>
      ) : <p>暂无公开的意见。</p>}
      <Pages page={p.comments.page} pages={p.comments.pages} base={`/consultations/${v.id}`} label="意见分页" />
    </PortalLayout>
  );
}

export function FeedbackPage(p: { meta: PageMeta; v: PublicConsultation; r: FeedbackReport }): SafeHtml {
  const r = p.r;
  return (
    <PortalLayout meta={p.meta}>
      <Crumbs items={[{ href: '/decisions', label: '重大行政决策' }, { href: `/consultations/${p.v.id}`, label: '征求意见' }, { label: '意见采纳情况' }]} />
      <h1>关于《{r.title}》征求意见采纳情况</h1>
      <p>征求意见期限：{r.opensOn} 至 {r.closesOn}。公布时间：{formatDate(p.v.feedbackPublishedAt)}。</p>
      <p>共收到意见 {r.totals.received} 条，公开 {r.totals.published} 条，未公开 {r.totals.withheld} 条；相同或相近的意见归并为 {r.totals.groups} 组，
        其中较为集中的意见（{r.totals.concentratedMinSize}条及以上）{r.totals.concentrated} 组。以下统计按条计数。</p>
      <table class="gk-table">
        <caption>按议题和采纳情况统计（条）</caption>
        <thead><tr><th scope="col">议题</th>{DISPOSITIONS.map((d) => <th scope="col">{DISPOSITION_LABELS[d]}</th>)}<th scope="col">合计</th></tr></thead>
        <tbody>
          {r.byTopic.map((t) => <tr><th scope="row">{t.topic}</th>{DISPOSITIONS.map((d) => <td>{t.counts[d]}</td>)}<td>{t.total}</td></tr>)}
          <tr><th scope="row">合计</th>{DISPOSITIONS.map((d) => <td>{r.byDisposition[d]}</td>)}<td>{Object.values(r.byDisposition).reduce((a, b) => a + b, 0)}</td></tr>
        </tbody>
      </table>
      <h2>意见及采纳情况</h2>
      <ol class="gk-list">
        {r.entries.map((e) => (
          <li>
            <p><strong>{e.concentrated ? '较为集中意见' : e.kind === 'group' ? '归并意见' : '意见'}</strong>
              {e.size > 1 ? `（${e.size}条）` : ''} · 议题：{e.topic}{e.section ? ` · ${e.section}` : ''}</p>
            <blockquote><p>{e.quote}</p></blockquote>
            <p>采纳情况：<strong>{DISPOSITION_LABELS[e.disposition]}</strong>{e.reason ? `。理由：${e.reason}` : ''}</p>
          </li>
        ))}
      </ol>
    </PortalLayout>
  );
}
