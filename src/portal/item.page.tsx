// One information item: metadata table, body, attachments, interpretations; print view with ?print=1.
import { raw } from '#jsx/jsx-runtime';
import type { PageMeta } from '../web/components/layout.js';
import { PortalLayout } from '../web/components/layout.js';
import type { itemPage } from './portal.service.js';
import { Breadcrumb, MetaTable, fileSize, typeLabel, validityLabel } from './portal.views.js';
import { anchorArticles } from '../qa/public.js';

type Data = Awaited<ReturnType<typeof itemPage>>;

export const ItemPage = (p: { meta: PageMeta; data: Data; bodyHtml: string; print: boolean }) => {
  const { ref, item, attachments, interpretations, replaced, policy, replacedBy, issues } = p.data;
  const rows: [string, ReturnType<typeof raw> | string][] = [
    ['索引号', item.index_no],
    ['发布机构', <a href={`/units/${item.unit_id}`}>{item.unit_name}</a>],
    ['文号', item.doc_number || '无'],
    ['成文日期', item.written_on ?? '—'],
    ['发布日期', item.published_on],
    ['有效性', validityLabel(item.validity) ?? '—'],
    ['信息类型', typeLabel(item.item_type)],
    ['公开目录', <a href={`/catalog?category=${encodeURIComponent(item.category_code)}`}>{ref.categoryName(item.category_code)}</a>],
  ];
  if (item.topic_code) rows.push(['主题分类', <a href={`/catalog?topic=${encodeURIComponent(item.topic_code)}`}>{ref.topicName(item.topic_code) ?? ''}</a>]);
  if (item.valid_until) rows.push(['有效期至', item.valid_until]);
  if (item.imported_from) rows.push(['信息来源', `历史信息导入（原网站发布，保留原发布日期；来源：${item.imported_from}）`]);
  const content = (
    <article class={p.print ? 'gk-article gk-print-view' : 'gk-article'}>
      {p.print ? (
        <p class="gk-notice gk-noprint">这是便于打印的版本。请使用浏览器的“打印”功能（Ctrl+P）。<a href={`/items/${item.id}`}>返回正常版本</a></p>
      ) : <Breadcrumb items={[{ href: '/catalog', label: '法定主动公开内容' }, { href: `/catalog?category=${encodeURIComponent(item.category_code)}`, label: ref.categoryName(item.category_code) }, { label: '正文' }]} />}
      <h1>{item.title}</h1>
      <MetaTable rows={rows} />
      {item.validity === 'repealed' || item.validity === 'expired' ? (
        <div class="gk-warning" role="note">本文件{validityLabel(item.validity)}{replacedBy ? <>，现行文件见<a href={`/items/${replacedBy.id}`}>《{replacedBy.title}》</a></> : null}，仅供查阅。</div>
      ) : replacedBy ? <div class="gk-notice" role="note">本文件已被<a href={`/items/${replacedBy.id}`}>《{replacedBy.title}》</a>修改。</div> : null}
      {policy ? <p class="gk-notice">本文是对<a href={`/items/${policy.id}`}>《{policy.title}》</a>{policy.doc_number ? `（${policy.doc_number}）` : ''}的解读。</p> : null}
      <div class="gk-body">{raw(anchorArticles(p.bodyHtml))}</div>
      {attachments.length ? (
        <section aria-labelledby="h-attachments">
          <h2 id="h-attachments">附件</h2>
          <ul class="gk-linklist">{attachments.map((a) => <li><a href={`/attachments/${a.id}`} download={a.file_name}>{a.file_name}</a> <span class="gk-muted">（{fileSize(a.size)}）</span></li>)}</ul>
        </section>
      ) : null}
      {interpretations.length ? (
        <section aria-labelledby="h-interpretations">
          <h2 id="h-interpretations">相关解读</h2>
          <ul class="gk-linklist">{interpretations.map((i) => <li><a href={`/items/${i.id}`}>{i.title}</a> <span class="gk-muted"><time datetime={i.published_on!}>{i.published_on}</time></span></li>)}</ul>
        </section>
      ) : null}
      {replaced.length ? (
        <section aria-labelledby="h-replaced">
          <h2 id="h-replaced">本文件修改或废止的文件</h2>
          <ul class="gk-linklist">{replaced.map((r) => <li><a href={`/items/${r.id}`}>{r.title}</a>{r.doc_number ? `（${r.doc_number}）` : ''}</li>)}</ul>
        </section>
      ) : null}
      {issues.length ? <p>刊登于：{issues.map((g, i) => <>{i > 0 ? '、' : ''}<a href={`/gazette/${g.year}/${g.number}`}>政府公报{g.year}年第{g.number}期</a></>)}</p> : null}
      {p.print ? null : (
        <p class="gk-noprint gk-actions"><a href={`/items/${item.id}?print=1`}>打印本页</a> · <a href={`/catalog?category=${encodeURIComponent(item.category_code)}`}>返回列表</a></p>
      )}
    </article>
  );
  return <PortalLayout meta={p.meta}>{content}</PortalLayout>;
};
