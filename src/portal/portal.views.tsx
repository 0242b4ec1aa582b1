// Building blocks of the portal's pages: item lists, the metadata table, pagination, highlighted text.
import type { Child } from '#jsx/jsx-runtime';
import type { ItemType, Validity } from '../db/disclosure.tables.js';
import { TYPE_LABELS, VALIDITY_LABELS } from '../disclosure/public.js';
import type { HighlightSegment } from '../search/public.js';

export const typeLabel = (t: string) => TYPE_LABELS[t as ItemType] ?? t;
export const validityLabel = (v: string | null) => (v ? VALIDITY_LABELS[v as Validity] ?? v : null);

/** Highlighted text: hit segments in <mark>, everything escaped by the JSX runtime. */
export const Marked = (p: { segments: readonly HighlightSegment[] }) => <>{p.segments.map((s) => (s.hit ? <mark>{s.text}</mark> : s.text))}</>;

export const ValidityTag = (p: { validity: string | null }) =>
  p.validity ? <span class={`gk-tag gk-tag--validity-${p.validity}`}>{validityLabel(p.validity)}</span> : null;

type ListRow = { id: number; title: string; doc_number: string; published_on: string; unit_name: string; item_type?: string; validity?: string | null };

/** A list of items: title link, then issuing unit, 文号 and date. */
export const ItemList = (p: { rows: readonly ListRow[]; empty?: string; showType?: boolean }) =>
  p.rows.length === 0 ? <p class="gk-muted">{p.empty ?? '暂无信息。'}</p> : (
    <ul class="gk-item-list">
      {p.rows.map((r) => (
        <li>
          <a href={`/items/${r.id}`}>{r.title}</a>
          <span class="gk-item-list__meta">
            {r.unit_name}{r.doc_number ? ` · ${r.doc_number}` : ''} · <time datetime={r.published_on}>{r.published_on}</time>
            {p.showType && r.item_type ? ` · ${typeLabel(r.item_type)}` : ''}
            {r.validity ? <> <ValidityTag validity={r.validity} /></> : null}
          </span>
        </li>
      ))}
    </ul>
  );

/** Links to the other pages of a list; keeps the page's other query parameters. */
export const Pager = (p: { page: number; pages: number; base: string; params?: Record<string, string | number | undefined>; label?: string }) => {
  if (p.pages <= 1) return null;
  const href = (n: number) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(p.params ?? {})) if (v !== undefined && v !== '' && k !== 'page') qs.set(k, String(v));
    if (n > 1) qs.set('page', String(n));
    const s = qs.toString();
    return s ? `${p.base}?${s}` : p.base;
  };
  const around = [...new Set([1, p.page - 2, p.page - 1, p.page, p.page + 1, p.page + 2, p.pages])].filter((n) => n >= 1 && n <= p.pages).sort((a, b) => a - b);
  return (
    <nav class="gk-pagination" aria-label={p.label ?? '分页'}>
      {p.page > 1 ? <a href={href(p.page - 1)} rel="prev">上一页</a> : null}
      <ul>
        {around.map((n) => <li>{n === p.page ? <a href={href(n)} aria-current="page">第{n}页</a> : <a href={href(n)}>第{n}页</a>}</li>)}
      </ul>
      {p.page < p.pages ? <a href={href(p.page + 1)} rel="next">下一页</a> : null}
      <span class="gk-muted">共{p.pages}页</span>
    </nav>
  );
};

export const Breadcrumb = (p: { items: { href?: string; label: string }[] }) => (
  <nav class="gk-breadcrumb" aria-label="当前位置">
    <ol>
      <li><a href="/">首页</a></li>
      {p.items.map((i) => <li>{i.href ? <a href={i.href}>{i.label}</a> : <span aria-current="page">{i.label}</span>}</li>)}
    </ol>
  </nav>
);

/** Key–value table of an item's metadata (索引号, 发布机构, 文号, 成文日期, 发布日期, 有效性 …). */
export const MetaTable = (p: { rows: [string, Child][] }) => (
  <table class="gk-table gk-meta-table">
    <caption class="visually-hidden">信息属性</caption>
    <tbody>{p.rows.map(([k, v]) => <tr><th scope="row">{k}</th><td>{v}</td></tr>)}</tbody>
  </table>
);

export const fileSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} 字节`;

/** The search box used on the home page and the search page. */
export const SearchBox = (p: { q?: string; id?: string }) => {
  const id = p.id ?? 'f-q';
  return (
    <form method="get" action="/search" class="gk-searchbox" role="search" aria-label="站内搜索">
      <label for={id}>搜索政府信息</label>
      <div class="gk-searchbox__row">
        <input id={id} name="q" type="search" value={p.q ?? ''} maxlength={100} aria-describedby={`${id}-hint`} autocomplete="off" />
        <button type="submit" class="gk-button">搜索</button>
      </div>
      <p class="gk-hint" id={`${id}-hint`}>可输入关键词、文号（如 临政办字〔2022〕16号）或索引号</p>
    </form>
  );
};
