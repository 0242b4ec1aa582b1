// 法定主动公开内容: catalog navigation (目录导航) by category, topic, issuing unit and year.
import type { Child } from '#jsx/jsx-runtime';
import type { PageMeta } from '../web/components/layout.js';
import { PortalLayout } from '../web/components/layout.js';
import type { Category, catalogPage } from './portal.service.js';
import { withDescendants } from './portal.service.js';
import { Breadcrumb, ItemList, Pager, typeLabel } from './portal.views.js';

type Data = Awaited<ReturnType<typeof catalogPage>>;
type Params = Record<string, string | number | undefined>;

const link = (params: Params) => {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `/catalog?${s}` : '/catalog';
};

const NavLink = (p: { href: string; current: boolean; children?: Child }) =>
  p.current ? <a href={p.href} aria-current="true" class="gk-current">{p.children}</a> : <a href={p.href}>{p.children}</a>;

/** Nested catalog list; a parent's count includes its sub-categories. Empty branches are left out. */
function CategoryTree(p: { tree: Category[]; parent: string | null; counts: Map<string, number>; current?: string; params: Params }): Child {
  const kids = p.tree.filter((c) => (c.parent_code ?? null) === p.parent || (p.parent === null && c.depth === 0));
  const rows = kids.map((c) => ({ c, n: withDescendants(p.tree, c.code).reduce((s, code) => s + (p.counts.get(code) ?? 0), 0) })).filter((r) => r.n > 0);
  if (rows.length === 0) return null;
  return (
    <ul>
      {rows.map(({ c, n }) => (
        <li>
          <NavLink href={link({ ...p.params, category: c.code, page: undefined })} current={p.current === c.code}>{c.name}（{n}）</NavLink>
          {CategoryTree({ ...p, parent: c.code })}
        </li>
      ))}
    </ul>
  );
}

export const CatalogPage = (p: { meta: PageMeta; data: Data }) => {
  const { ref, q, list, counts } = p.data;
  const params: Params = { category: q.category, topic: q.topic, unit: q.unit, year: q.year, type: q.type };
  const unitName = q.unit ? ref.units.find((u) => u.id === q.unit)?.name ?? '（未知机构）' : null;
  // An unknown category (a typed or stale link) is named as such, never by echoing the address.
  const knownCategory = q.category ? ref.catalog.some((c) => c.code === q.category) || counts.categories.has(q.category) : false;
  const chosen = [
    q.category ? `目录：${knownCategory ? ref.categoryName(q.category) : '不存在的栏目'}` : null, q.topic ? `主题：${ref.topicName(q.topic)}` : null,
    unitName ? `发布机构：${unitName}` : null, q.year ? `年度：${q.year}年` : null, q.type ? `类型：${typeLabel(q.type)}` : null,
  ].filter((x): x is string => x !== null);
  const units = ref.units.filter((u) => (counts.units.get(u.id) ?? 0) > 0);
  const topics = ref.topics.filter((t) => (counts.topics.get(t.code) ?? 0) > 0);
  const years = [...counts.years.keys()].sort().reverse();
  const uncategorised = [...counts.categories.keys()].filter((code) => !ref.catalog.some((c) => c.code === code));
  return (
    <PortalLayout meta={p.meta}>
      <Breadcrumb items={[{ label: '法定主动公开内容' }]} />
      <h1>法定主动公开内容</h1>
      <div class="gk-layout">
        <nav class="gk-sidenav" aria-label="目录导航">
          <h2>公开目录</h2>
          {CategoryTree({ tree: ref.catalog, parent: null, counts: counts.categories, current: q.category, params })}
          {uncategorised.length ? (
            <ul>{uncategorised.map((code) => <li><NavLink href={link({ ...params, category: code, page: undefined })} current={q.category === code}>{code}（{counts.categories.get(code)}）</NavLink></li>)}</ul>
          ) : null}
          <h2>主题分类</h2>
          {topics.length ? <ul>{topics.map((t) => <li><NavLink href={link({ ...params, topic: t.code, page: undefined })} current={q.topic === t.code}>{t.name}（{counts.topics.get(t.code)}）</NavLink></li>)}</ul> : <p class="gk-muted">暂无</p>}
          <h2 id="units">发布机构</h2>
          <ul>{units.map((u) => <li><NavLink href={link({ ...params, unit: u.id, page: undefined })} current={q.unit === u.id}>{u.name}（{counts.units.get(u.id)}）</NavLink></li>)}</ul>
          <h2>年度</h2>
          <ul class="gk-linklist--inline">{years.map((y) => <li><NavLink href={link({ ...params, year: y, page: undefined })} current={q.year === Number(y)}>{y}年（{counts.years.get(y)}）</NavLink></li>)}</ul>
        </nav>
        <div class="gk-layout__main">
          <h2>{chosen.length ? chosen.join('，') : '全部主动公开信息'}</h2>
          <p role="status">共 {list.total} 条{chosen.length ? <> · <a href="/catalog">清除筛选条件</a></> : null}</p>
          {q.unit ? <p><a href={`/units/${q.unit}`}>查看{unitName}的机构页面</a></p> : null}
          <ItemList rows={list.rows} showType empty="没有符合条件的信息。" />
          <Pager page={list.page} pages={list.pages} base="/catalog" params={params} />
          <p class="gk-muted">订阅：<a href="/feed.xml">全部信息（RSS）</a>{q.category && knownCategory ? <> · <a href={`/feed/${encodeURIComponent(q.category)}.xml`}>本栏目（RSS）</a></> : null}</p>
        </div>
      </div>
    </PortalLayout>
  );
};
