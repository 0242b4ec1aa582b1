// /search: the search form (works without JavaScript: a GET form) and highlighted results.
import type { PageMeta } from '../web/components/layout.js';
import { PortalLayout } from '../web/components/layout.js';
import { ErrorSummary } from '../web/components/form.js';
import { ITEM_TYPES, SEARCH_LABELS, VALIDITIES } from '../search/public.js';
import type { SearchOutcome } from '../search/public.js';
import type { RefData } from './portal.service.js';
import { Breadcrumb, Marked, Pager, ValidityTag, typeLabel, validityLabel } from './portal.views.js';

export type SearchPageProps = {
  meta: PageMeta;
  ref: RefData;
  years: string[];
  values: Record<string, string>;
  errors: Record<string, string>;
  outcome: SearchOutcome | null;
};

const FilterSelect = (p: { name: string; label: string; value: string; options: { value: string; label: string }[]; error?: string; any?: string | null }) => (
  <div class={`gk-field${p.error ? ' gk-field--error' : ''}`}>
    <label for={`f-${p.name}`}>{p.label}</label>
    {p.error ? <p class="gk-field-error" id={`e-${p.name}`}>{p.error}</p> : null}
    <select id={`f-${p.name}`} name={p.name} aria-invalid={p.error ? 'true' : undefined} aria-describedby={p.error ? `e-${p.name}` : undefined}>
      {p.any === null ? null : <option value="">{p.any ?? '不限'}</option>}
      {p.options.map((o) => <option value={o.value} selected={o.value === p.value}>{o.label}</option>)}
    </select>
  </div>
);

export const SearchPage = (p: SearchPageProps) => {
  const v = p.values;
  const o = p.outcome;
  const params = { q: v.q, category: v.category, unit: v.unit, year: v.year, validity: v.validity, type: v.type, sort: v.sort };
  return (
    <PortalLayout meta={p.meta}>
      <Breadcrumb items={[{ label: '搜索' }]} />
      <h1>搜索政府信息</h1>
      <ErrorSummary errors={p.errors} labels={SEARCH_LABELS} />
      <form method="get" action="/search" class="gk-form gk-search-form" role="search" aria-label="站内搜索" novalidate>
        <div class={`gk-field${p.errors.q ? ' gk-field--error' : ''}`}>
          <label for="f-q">搜索词</label>
          <p class="gk-hint" id="h-q">可输入关键词、文号（如 临政办字〔2022〕16号）或索引号</p>
          {p.errors.q ? <p class="gk-field-error" id="e-q">{p.errors.q}</p> : null}
          <input id="f-q" name="q" type="search" value={v.q ?? ''} maxlength={100} autocomplete="off"
            aria-describedby={p.errors.q ? 'h-q e-q' : 'h-q'} aria-invalid={p.errors.q ? 'true' : undefined} />
        </div>
        <fieldset class="gk-filters">
          <legend>筛选条件</legend>
          <FilterSelect name="category" label="公开目录" value={v.category ?? ''} error={p.errors.category}
            options={p.ref.catalog.map((c) => ({ value: c.code, label: `${'　'.repeat(c.depth)}${c.name}` }))} />
          <FilterSelect name="unit" label="发布机构" value={v.unit ?? ''} error={p.errors.unit} options={p.ref.units.map((u) => ({ value: String(u.id), label: u.name }))} />
          <FilterSelect name="year" label="发布年度" value={v.year ?? ''} error={p.errors.year} options={p.years.map((y) => ({ value: y, label: `${y}年` }))} />
          <FilterSelect name="type" label="信息类型" value={v.type ?? ''} error={p.errors.type} options={ITEM_TYPES.map((t) => ({ value: t, label: typeLabel(t) }))} />
          <FilterSelect name="validity" label="有效性" value={v.validity ?? ''} error={p.errors.validity} options={VALIDITIES.map((x) => ({ value: x, label: validityLabel(x)! }))} />
          <FilterSelect name="sort" label="排序" value={v.sort ?? ''} error={p.errors.sort} any={null} options={[{ value: 'relevance', label: '按相关度' }, { value: 'date', label: '按发布日期' }]} />
        </fieldset>
        <button type="submit" class="gk-button">搜索</button>
      </form>
      {o ? (
        <section aria-labelledby="h-results" class="gk-results">
          <h2 id="h-results">搜索结果</h2>
          {o.status !== 'results' ? <p class="gk-notice" role="status">{o.message}</p> : (
            <>
              <p role="status">
                {o.exact === 'doc_number' ? '按文号精确查找：' : o.exact === 'index_no' ? '按索引号精确查找：' : ''}
                {o.total === 0 ? '没有找到符合条件的信息。可以检查错别字，或换用更少、更通用的词语。' : `共找到 ${o.total} 条信息${o.pages > 1 ? `，第 ${o.page}/${o.pages} 页` : ''}。`}
              </p>
              {o.hits.length ? (
                <ol class="gk-result-list" start={(o.page - 1) * o.pageSize + 1}>
                  {o.hits.map((h) => (
                    <li class="gk-result">
                      <h3><a href={`/items/${h.id}`}><Marked segments={h.titleSegments} /></a></h3>
                      <p class="gk-result__meta">{h.unitName}{h.docNumber ? ` · ${h.docNumber}` : ''} · <time datetime={h.publishedOn}>{h.publishedOn}</time> · {typeLabel(h.itemType)}{h.validity ? <> <ValidityTag validity={h.validity} /></> : null}</p>
                      <p class="gk-snippet">{h.snippetFrom ? <span class="gk-muted">附件《{h.snippetFrom}》：</span> : null}<Marked segments={h.snippet} /></p>
                    </li>
                  ))}
                </ol>
              ) : null}
              <Pager page={o.page} pages={o.pages} base="/search" params={params} label="搜索结果分页" />
            </>
          )}
        </section>
      ) : null}
    </PortalLayout>
  );
};
