// List pages: normative documents by validity, interpretations, the gazette, unit pages, themed collections.
import type { PageMeta } from '../web/components/layout.js';
import { PortalLayout } from '../web/components/layout.js';
import { VALIDITIES } from '../search/public.js';
import type { collectionPage, collectionsIndex, gazetteIndex, gazetteIssue, interpretationsPage, normativePage, unitPage } from './portal.service.js';
import { Breadcrumb, ItemList, Pager, ValidityTag, validityLabel } from './portal.views.js';

type D<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;

export const NormativePage = (p: { meta: PageMeta; data: D<typeof normativePage> }) => {
  const { q, list } = p.data;
  const href = (v?: string) => (v ? `/normative?validity=${v}` : '/normative');
  return (
    <PortalLayout meta={p.meta}>
      <Breadcrumb items={[{ label: '行政规范性文件' }]} />
      <h1>行政规范性文件</h1>
      <nav aria-label="按有效性筛选" class="gk-tabs">
        <ul>
          <li><a href={href()} aria-current={q.validity ? undefined : 'true'}>全部</a></li>
          {VALIDITIES.map((v) => <li><a href={href(v)} aria-current={q.validity === v ? 'true' : undefined}>{validityLabel(v)}</a></li>)}
        </ul>
      </nav>
      <p role="status">{q.validity ? `有效性为“${validityLabel(q.validity)}”的文件` : '全部文件'}共 {list.total} 件</p>
      {list.rows.length === 0 ? <p class="gk-muted">没有符合条件的文件。</p> : (
        <table class="gk-table">
          <caption class="visually-hidden">行政规范性文件列表</caption>
          <thead><tr><th scope="col">文件名称</th><th scope="col">文号</th><th scope="col">发布机构</th><th scope="col">发布日期</th><th scope="col">有效性</th></tr></thead>
          <tbody>{list.rows.map((r) => (
            <tr><td><a href={`/items/${r.id}`}>{r.title}</a></td><td>{r.doc_number || '—'}</td><td class="gk-col-unit">{r.unit_name}</td><td><time datetime={r.published_on}>{r.published_on}</time></td><td><ValidityTag validity={r.validity} /></td></tr>
          ))}</tbody>
        </table>
      )}
      <Pager page={list.page} pages={list.pages} base="/normative" params={{ validity: q.validity }} />
    </PortalLayout>
  );
};

export const InterpretationsPage = (p: { meta: PageMeta; data: D<typeof interpretationsPage> }) => {
  const { list, policies } = p.data;
  return (
    <PortalLayout meta={p.meta}>
      <Breadcrumb items={[{ label: '政策解读' }]} />
      <h1>政策解读</h1>
      <p role="status">共 {list.total} 篇</p>
      {list.rows.length === 0 ? <p class="gk-muted">暂无政策解读。</p> : (
        <ul class="gk-item-list">{list.rows.map((r) => {
          const policy = r.policy_item_id ? policies.get(r.policy_item_id) : undefined;
          return (
            <li>
              <a href={`/items/${r.id}`}>{r.title}</a>
              <span class="gk-item-list__meta">{r.unit_name} · <time datetime={r.published_on}>{r.published_on}</time>
                {policy ? <> · 解读文件：<a href={`/items/${policy.id}`}>《{policy.title}》</a></> : null}</span>
            </li>
          );
        })}</ul>
      )}
      <Pager page={list.page} pages={list.pages} base="/interpretations" />
    </PortalLayout>
  );
};

export const GazetteIndexPage = (p: { meta: PageMeta; data: D<typeof gazetteIndex> }) => {
  const years = [...new Set(p.data.issues.map((i) => i.year))];
  return (
    <PortalLayout meta={p.meta}>
      <Breadcrumb items={[{ label: '政府公报' }]} />
      <h1>政府公报</h1>
      {years.length === 0 ? <p class="gk-muted">暂无已发布的公报。</p> : years.map((y) => (
        <section aria-labelledby={`h-y${y}`}>
          <h2 id={`h-y${y}`}>{y}年</h2>
          <ul class="gk-linklist">{p.data.issues.filter((i) => i.year === y).map((i) => (
            <li><a href={`/gazette/${i.year}/${i.number}`}>{i.year}年第{i.number}期</a> {i.title}{i.published_on ? <span class="gk-muted">（<time datetime={i.published_on}>{i.published_on}</time>）</span> : null}</li>
          ))}</ul>
        </section>
      ))}
    </PortalLayout>
  );
};

export const GazetteIssuePage = (p: { meta: PageMeta; data: D<typeof gazetteIssue> }) => {
  const { issue, entries } = p.data;
  return (
    <PortalLayout meta={p.meta}>
      <Breadcrumb items={[{ href: '/gazette', label: '政府公报' }, { label: `${issue.year}年第${issue.number}期` }]} />
      <h1>{issue.title}</h1>
      <p>{issue.year}年第{issue.number}期{issue.published_on ? `，${issue.published_on}出版` : ''}</p>
      <h2>目录</h2>
      {entries.length === 0 ? <p class="gk-muted">本期暂无可公开的内容。</p> : (
        <ol class="gk-toc">{entries.map((e) => (
          <li><a href={`/items/${e.id}`}>{e.title}</a> <span class="gk-muted">{e.unit_name}{e.doc_number ? ` · ${e.doc_number}` : ''}</span></li>
        ))}</ol>
      )}
      <p><a href="/gazette">返回公报列表</a></p>
    </PortalLayout>
  );
};

export const UnitPage = (p: { meta: PageMeta; data: D<typeof unitPage> }) => {
  const { unit, list } = p.data;
  return (
    <PortalLayout meta={p.meta}>
      <Breadcrumb items={[{ href: '/catalog#units', label: '发布机构' }, { label: unit.name }]} />
      <h1>{unit.name}</h1>
      <p>机构类型：{unit.kind} · 主动公开信息 {list.total} 条 · <a href={`/catalog?unit=${unit.id}`}>在公开目录中按栏目浏览</a> · <a href={`/search?unit=${unit.id}`}>检索本机构信息</a></p>
      <h2>本机构发布的信息</h2>
      <ItemList rows={list.rows} showType empty="本机构暂无主动公开信息。" />
      <Pager page={list.page} pages={list.pages} base={`/units/${unit.id}`} />
    </PortalLayout>
  );
};

export const CollectionsIndexPage = (p: { meta: PageMeta; data: D<typeof collectionsIndex> }) => (
  <PortalLayout meta={p.meta}>
    <Breadcrumb items={[{ label: '特色主题' }]} />
    <h1>特色主题</h1>
    {p.data.collections.length === 0 ? <p class="gk-muted">暂无专题。</p> : (
      <ul class="gk-cards">{p.data.collections.map((c) => <li><a href={`/collections/${c.slug}`}>{c.name}</a><br /><span class="gk-muted">{c.description}</span></li>)}</ul>
    )}
  </PortalLayout>
);

export const CollectionPage = (p: { meta: PageMeta; data: D<typeof collectionPage> }) => (
  <PortalLayout meta={p.meta}>
    <Breadcrumb items={[{ href: '/collections', label: '特色主题' }, { label: p.data.collection.name }]} />
    <h1>{p.data.collection.name}</h1>
    {p.data.collection.description ? <p>{p.data.collection.description}</p> : null}
    <ItemList rows={p.data.items} showType empty="本专题暂无信息。" />
  </PortalLayout>
);
