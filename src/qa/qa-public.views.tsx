// Public pages of 政策问答: /ask (question → curated answer or verbatim clauses with citations, or an
// abstention with the routes onward), /qa (the published entries), /consult (留言咨询 form and replies).
import type { PageMeta } from '../web/components/layout.js';
import { PortalLayout } from '../web/components/layout.js';
import { Checkbox, ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../web/components/form.js';
import type { Answer, Citation, Outcome } from './engine.js';
import { ENTRY_STATUS_LABELS, FORM_LABELS } from './entries.service.js';
import { formatDate } from '../lib/time.js';

export const HOTLINE = '12345';
export const NO_BASIS = '未找到现行有效依据';

export const Crumbs = (p: { items: { href?: string; label: string }[] }) => (
  <nav class="gk-breadcrumb" aria-label="当前位置">
    <ol>
      <li><a href="/">首页</a></li>
      {p.items.map((i) => <li>{i.href ? <a href={i.href}>{i.label}</a> : <span aria-current="page">{i.label}</span>}</li>)}
    </ol>
  </nav>
);

export const CitationBlock = (p: { c: Citation; quote: boolean; excerpt?: (string | null)[] | null }) => (
  <div class="gk-citation">
    <p class="gk-citation__src">
      依据：<a href={p.c.href}>《{p.c.title}》{p.c.label}</a>
      {p.c.docNumber ? <>（{p.c.docNumber}）</> : null} · 发布机构：{p.c.unitName} · 有效性：<strong>{p.c.validity}</strong> · <a href={`/items/${p.c.itemId}`}>查看全文<span class="visually-hidden">《{p.c.title}》</span></a>
    </p>
    {p.quote ? <blockquote class="gk-quote" cite={p.c.href}>{(p.excerpt ?? p.c.quote.split('\n')).map((l) => (l === null ? <p class="gk-muted">（……）</p> : <p>{l}</p>))}</blockquote> : null}
    {p.quote && p.excerpt ? <p><a href={p.c.href}>查看本条全文<span class="visually-hidden">：《{p.c.title}》{p.c.label}</span></a></p> : null}
  </div>
);

const FeedbackForm = (p: { q: string; a: Answer; csrf: string; n: number }) => (
  <form method="post" action="/ask/feedback" class="gk-inline gk-feedback" aria-label={`对第${p.n}条答复的评价`}>
    <input type="hidden" name="_csrf" value={p.csrf} />
    <input type="hidden" name="q" value={p.q} />
    {p.a.entryId ? <input type="hidden" name="entryId" value={String(p.a.entryId)} /> : null}
    <input type="hidden" name="itemId" value={String(p.a.itemId)} />
    <input type="hidden" name="article" value={String(p.a.article)} />
    <span class="gk-muted">这条答复：</span>
    <button type="submit" name="verdict" value="useful" class="gk-button gk-button--link">有用</button>
    <button type="submit" name="verdict" value="useless" class="gk-button gk-button--link">没用</button>
    <button type="submit" name="verdict" value="error" class="gk-button gk-button--link">报错</button>
  </form>
);

export const Routes = (p: { q: string }) => (
  <section aria-labelledby="h-routes">
    <h2 id="h-routes">您还可以</h2>
    <ul class="gk-linklist">
      <li>拨打政务服务便民热线 <a href={`tel:${HOTLINE}`}>{HOTLINE}</a></li>
      <li><a href={`/requests/new?description=${encodeURIComponent(p.q)}`}>申请政府信息公开（依申请公开，已填入您的问题）</a></li>
      <li><a href={`/consult/new?question=${encodeURIComponent(p.q)}`}>在线留言咨询（已填入您的问题）</a></li>
    </ul>
  </section>
);

export const AskPage = (p: { meta: PageMeta; q: string; error?: string; outcome: Outcome | null; csrf: string; thanks?: boolean; entryForms?: Map<number, string> }) => (
  <PortalLayout meta={p.meta}>
    <Crumbs items={[{ label: '政策问答' }]} />
    <h1>政策问答</h1>
    <p>用日常的话提问，例如“生二胎有什么补贴”“个体户怎么申请创业贷款”。答复只引用现行有效文件的原文条款或经审核的问答。</p>
    {p.thanks ? <div class="gk-notice" role="status">感谢您的评价，我们会据此改进问答。</div> : null}
    <form method="get" action="/ask" class="gk-form" role="search" aria-label="政策问答" novalidate>
      <div class={`gk-field${p.error ? ' gk-field--error' : ''}`}>
        <label for="f-q">您的问题</label>
        {p.error ? <p class="gk-field-error" id="e-q">{p.error}</p> : null}
        <input id="f-q" name="q" type="search" value={p.q} maxlength={200} aria-invalid={p.error ? 'true' : undefined} aria-describedby={p.error ? 'e-q' : undefined} />
      </div>
      <button type="submit" class="gk-button">提问</button>
    </form>
    {p.outcome ? (p.outcome.abstained ? (
      <section aria-labelledby="h-answer" class="gk-answer gk-answer--none">
        <h2 id="h-answer">{NO_BASIS}</h2>
        <p>没有找到能直接答复“{p.q}”的现行有效文件条款或审核过的问答。</p>
        {p.outcome.nearest.length ? (
          <>
            <h3>可能相关的文件</h3>
            <ul class="gk-linklist">{p.outcome.nearest.map((n) => <li><a href={n.href}>{n.title}</a>{n.docNumber ? `（${n.docNumber}）` : ''}</li>)}</ul>
          </>
        ) : null}
        <Routes q={p.q} />
      </section>
    ) : (
      <section aria-labelledby="h-answer" class="gk-answer">
        <h2 id="h-answer">答复</h2>
        <ol class="gk-answers">
          {p.outcome.answers.map((a, i) => (
            <li class={`gk-answer__item gk-answer__item--${a.kind}`}>
              {a.kind === 'entry' ? (
                <>
                  <h3>{a.question}</h3>
                  <p class="gk-muted">经审核的问答 · <a href={`/qa/${a.entryId}`}>问答详情{(() => { const f = p.entryForms?.get(a.entryId!); return f && f !== 'text' ? `（含${FORM_LABELS[f]}）` : ''; })()}</a></p>
                  {a.text.split('\n').map((l) => <p>{l}</p>)}
                  {a.citations.map((c) => <CitationBlock c={c} quote={false} />)}
                </>
              ) : (
                <>
                  <h3>《{a.citations[0]!.title}》{a.citations[0]!.label}</h3>
                  <p class="gk-muted">文件原文</p>
                  <CitationBlock c={a.citations[0]!} quote excerpt={a.excerpt ?? null} />
                </>
              )}
              <FeedbackForm q={p.q} a={a} csrf={p.csrf} n={i + 1} />
            </li>
          ))}
        </ol>
        <Routes q={p.q} />
      </section>
    )) : null}
    <p><a href="/qa">浏览全部政策问答</a> · <a href="/consult">留言咨询</a></p>
  </PortalLayout>
);

export type PublicEntry = { id: number; question: string; answer: string; topics: string; audience: string; reviewed_on: string | null; form?: string };

export const QaListPage = (p: { meta: PageMeta; q: string; topic: string; audience: string; topics: string[]; entries: PublicEntry[] }) => (
  <PortalLayout meta={p.meta}>
    <Crumbs items={[{ label: '政策问答库' }]} />
    <h1>政策问答库</h1>
    <form method="get" action="/qa" class="gk-form" role="search" aria-label="搜索问答" novalidate>
      <div class="gk-field"><label for="f-q">关键词</label><input id="f-q" name="q" type="search" value={p.q} maxlength={200} /></div>
      <div class="gk-field"><label for="f-topic">主题</label>
        <select id="f-topic" name="topic"><option value="">不限</option>{p.topics.map((t) => <option value={t} selected={t === p.topic}>{t}</option>)}</select></div>
      <div class="gk-field"><label for="f-audience">服务对象</label>
        <select id="f-audience" name="audience"><option value="">不限</option>{['个人', '企业'].map((t) => <option value={t} selected={t === p.audience}>{t}</option>)}</select></div>
      <button type="submit" class="gk-button">查找</button>
    </form>
    <p>共 {p.entries.length} 条。找不到答案？<a href={`/ask${p.q ? `?q=${encodeURIComponent(p.q)}` : ''}`}>直接提问</a>或<a href="/consult/new">留言咨询</a>。</p>
    <ul class="gk-qa-list">
      {p.entries.map((e) => (
        <li><h2 class="gk-qa-list__q"><a href={`/qa/${e.id}`}>{e.question}</a></h2>
          <p>{e.answer.length > 120 ? `${e.answer.slice(0, 120)}……` : e.answer}</p>
          <p class="gk-muted">{e.form && e.form !== 'text' ? `${FORM_LABELS[e.form] ?? ''} · ` : ''}{e.topics ? `主题：${e.topics} · ` : ''}服务对象：{e.audience}{e.reviewed_on ? ` · 审核日期：${e.reviewed_on}` : ''}</p></li>
      ))}
    </ul>
  </PortalLayout>
);

export type PublicMedia = { id: number; kind: 'image' | 'video'; mime: string; file_name: string; description: string };

/**
 * 图解 and 视频 with their text alternatives: an image is identified by its alt text and described in full
 * by the visible 文字说明 under it; a video has native controls and its 文字稿/内容摘要 under it (the page
 * is complete without the picture or the sound), plus a download link for players that cannot play it.
 */
export const MediaBlock = (p: { question: string; media: PublicMedia[] }) => {
  if (!p.media.length) return null;
  const images = p.media.filter((m) => m.kind === 'image');
  const videos = p.media.filter((m) => m.kind === 'video');
  const title = images.length && videos.length ? '图解与视频' : images.length ? '图解' : '视频';
  return (
    <section aria-labelledby="h-media" class="gk-media">
      <h2 id="h-media">{title}</h2>
      {p.media.map((m, i) => (m.kind === 'image' ? (
        <figure class="gk-media__item">
          <img src={`/qa/media/${m.id}`} alt={`图解${images.length > 1 ? images.indexOf(m) + 1 : ''}：${p.question}（文字说明见图下）`} loading={i === 0 ? undefined : 'lazy'} />
          <figcaption><strong>文字说明：</strong>{m.description.split('\n').map((l) => <p>{l}</p>)}</figcaption>
        </figure>
      ) : (
        <figure class="gk-media__item">
          <video controls preload="metadata" src={`/qa/media/${m.id}`} aria-label={`视频${videos.length > 1 ? videos.indexOf(m) + 1 : ''}：${p.question}`} aria-describedby={`media-${m.id}-text`}>
            <a href={`/qa/media/${m.id}`}>下载视频（{m.file_name}）</a>
          </video>
          <figcaption id={`media-${m.id}-text`}><strong>视频文字稿：</strong>{m.description.split('\n').map((l) => <p>{l}</p>)}</figcaption>
          <p><a href={`/qa/media/${m.id}`} download={m.file_name}>下载视频<span class="visually-hidden">：{p.question}</span></a></p>
        </figure>
      )))}
    </section>
  );
};

export const QaEntryPage = (p: { meta: PageMeta; e: PublicEntry & { status: string }; citations: Citation[]; csrf: string; media?: PublicMedia[]; ownerName?: string }) => (
  <PortalLayout meta={p.meta}>
    <Crumbs items={[{ href: '/qa', label: '政策问答库' }, { label: '问答' }]} />
    <h1>{p.e.question}</h1>
    <p class="gk-muted">{ENTRY_STATUS_LABELS[p.e.status]} · 服务对象：{p.e.audience}{p.e.topics ? ` · 主题：${p.e.topics}` : ''}{p.ownerName ? ` · 责任单位：${p.ownerName}` : ''}{p.e.reviewed_on ? ` · 审核日期：${p.e.reviewed_on}` : ''}</p>
    <section aria-labelledby="h-a"><h2 id="h-a">答复</h2>{p.e.answer.split('\n').map((l) => <p>{l}</p>)}</section>
    <MediaBlock question={p.e.question} media={p.media ?? []} />
    <section aria-labelledby="h-c"><h2 id="h-c">依据</h2>{p.citations.map((c) => <CitationBlock c={c} quote />)}</section>
    <FeedbackForm q={p.e.question} a={{ kind: 'entry', entryId: p.e.id, itemId: p.citations[0]!.itemId, article: p.citations[0]!.article, text: '', score: 0, citations: [] }} csrf={p.csrf} n={1} />
  </PortalLayout>
);

export const CONSULT_LABELS: Record<string, string> = { question: '留言内容', contactName: '姓名', contact: '联系方式', unitId: '办理单位', consent: '同意公开' };

export const ConsultFormPage = (p: { meta: PageMeta; form: FormState; csrf: string; units: { id: number; name: string }[]; replyDays: number }) => (
  <PortalLayout meta={p.meta}>
    <Crumbs items={[{ href: '/consult', label: '留言咨询' }, { label: '我要留言' }]} />
    <h1>我要留言</h1>
    <p>我们将在 {p.replyDays} 个工作日内答复。您的姓名和联系方式只用于答复您，不会公开。</p>
    <ErrorSummary errors={p.form.errors} labels={CONSULT_LABELS} />
    <form method="post" action="/consult" class="gk-form" novalidate>
      <input type="hidden" name="_csrf" value={p.csrf} />
      <TextArea name="question" label="留言内容" form={p.form} required rows={6} hint="请写明您想咨询的政策或事项（至少5个字）" />
      <TextField name="contactName" label="姓名" form={p.form} required maxlength={50} autocomplete="name" />
      <TextField name="contact" label="联系方式" form={p.form} required maxlength={100} hint="手机号码、固定电话或电子邮箱" autocomplete="tel" />
      <SelectField name="unitId" label="办理单位（知道的话请选择）" form={p.form} options={p.units.map((u) => ({ value: u.id, label: u.name }))} />
      <Checkbox name="consent" label="同意在去除个人信息后公开我的留言和答复" checked={!!p.form.values.consent} />
      <button type="submit" class="gk-button">提交留言</button>
    </form>
  </PortalLayout>
);

export const ConsultThanksPage = (p: { meta: PageMeta; id: number; due: string }) => (
  <PortalLayout meta={p.meta}>
    <Crumbs items={[{ href: '/consult', label: '留言咨询' }, { label: '提交成功' }]} />
    <h1>留言已提交</h1>
    <div class="gk-notice" role="status">您的留言编号为 {p.id}，我们将于 {p.due} 前答复。</div>
    <p><a href="/consult">返回留言咨询</a> · <a href="/ask">政策问答</a></p>
  </PortalLayout>
);

export const ConsultListPage = (p: { meta: PageMeta; rows: { id: number; public_question: string | null; public_reply: string | null; received_on: string; replied_at: string | null }[] }) => (
  <PortalLayout meta={p.meta}>
    <Crumbs items={[{ label: '留言咨询' }]} />
    <h1>留言咨询</h1>
    <p><a href="/consult/new">我要留言</a>。也可以先试试<a href="/ask">政策问答</a>，或拨打 <a href={`tel:${HOTLINE}`}>{HOTLINE}</a>。</p>
    <h2>公开的答复</h2>
    {p.rows.length ? (
      <ul class="gk-qa-list">{p.rows.map((r) => (
        <li><h3 class="gk-qa-list__q">{r.public_question}</h3>
          {(r.public_reply ?? '').split('\n').map((l) => <p>{l}</p>)}
          <p class="gk-muted">留言日期：{r.received_on} · 答复日期：{formatDate(r.replied_at)}</p></li>
      ))}</ul>
    ) : <p>暂无公开的答复。</p>}
  </PortalLayout>
);
