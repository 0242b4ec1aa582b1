// The portal's home page: search, latest items, entry points by content, audience and topic.
import type { PageMeta } from '../web/components/layout.js';
import { PortalLayout } from '../web/components/layout.js';
import type { homePage } from './portal.service.js';
import { ItemList, SearchBox } from './portal.views.js';

type Data = Awaited<ReturnType<typeof homePage>>;

/** Entry points by audience: catalog sections where they exist, else a search for the subject. */
const AUDIENCES: { label: string; entries: { label: string; category?: string; q?: string }[] }[] = [
  { label: '面向个人', entries: [
    { label: '保障性住房', category: 'zdly-bzxzf' }, { label: '教育、医疗卫生', category: 'zdly-jyylws' }, { label: '社会公益事业', category: 'zdly-shgy' },
    { label: '就业创业', q: '就业' }, { label: '社会保障', q: '社会保障' }, { label: '养老服务', q: '养老' },
  ] },
  { label: '面向企业', entries: [
    { label: '行政许可', category: 'xzzf-xk' }, { label: '行政处罚', category: 'xzzf-cf' }, { label: '公共资源配置', category: 'zdly-ggzy' },
    { label: '行政事业性收费', category: 'xzsyxsf' }, { label: '优化营商环境', q: '营商环境' }, { label: '减税降费', q: '减税降费' },
  ] },
];

export const HomePage = (p: { meta: PageMeta; data: Data }) => {
  const { ref, latest, normative, interpretations, facets, collections, latestIssue } = p.data;
  const known = new Set(ref.catalog.map((c) => c.code));
  const topics = ref.topics.filter((t) => (facets.topics.get(t.code) ?? 0) > 0);
  return (
    <PortalLayout meta={p.meta}>
      <h1>{ref.area.name}政府信息公开专栏</h1>
      <p>本专栏集中发布{ref.area.name}人民政府及其部门、镇（街道）依法主动公开的政府信息。</p>
      <SearchBox id="f-home-q" />
      <div class="gk-home">
        <section aria-labelledby="h-latest" class="gk-home__latest">
          <h2 id="h-latest">最新信息</h2>
          <ItemList rows={latest} />
          <p><a href="/catalog">查看全部主动公开信息</a></p>
        </section>
        <section aria-labelledby="h-entries">
          <h2 id="h-entries">公开内容</h2>
          <ul class="gk-cards">
            <li><a href="/catalog">法定主动公开内容</a><br /><span class="gk-muted">按目录、主题、机构和年度浏览</span></li>
            <li><a href="/normative">行政规范性文件</a><br /><span class="gk-muted">按有效性查询</span></li>
            <li><a href="/interpretations">政策解读</a><br /><span class="gk-muted">文件与解读对照阅读</span></li>
            <li><a href="/gazette">政府公报</a><br /><span class="gk-muted">{latestIssue ? `最新：${latestIssue.year}年第${latestIssue.number}期` : '按期查阅'}</span></li>
            <li><a href="/collections">特色主题</a><br /><span class="gk-muted">{collections.length ? `${collections.length}个专题` : '专题汇集'}</span></li>
            <li><a href="/search">全文检索</a><br /><span class="gk-muted">关键词、文号、索引号</span></li>
          </ul>
        </section>
      </div>
      <section aria-labelledby="h-audience">
        <h2 id="h-audience">按服务对象</h2>
        <div class="gk-columns">
          {AUDIENCES.map((a) => (
            <div>
              <h3>{a.label}</h3>
              <ul class="gk-linklist">
                {a.entries.filter((e) => !e.category || known.has(e.category)).map((e) => (
                  <li><a href={e.category ? `/catalog?category=${encodeURIComponent(e.category)}` : `/search?q=${encodeURIComponent(e.q!)}`}>{e.label}</a></li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </section>
      <section aria-labelledby="h-topics">
        <h2 id="h-topics">按主题</h2>
        {topics.length === 0 ? <p class="gk-muted">暂无按主题分类的信息。</p> : (
          <ul class="gk-linklist gk-linklist--inline">
            {topics.map((t) => <li><a href={`/catalog?topic=${encodeURIComponent(t.code)}`}>{t.name}（{facets.topics.get(t.code)}）</a></li>)}
          </ul>
        )}
      </section>
      <div class="gk-columns">
        <section aria-labelledby="h-normative">
          <h2 id="h-normative">行政规范性文件</h2>
          <ItemList rows={normative} />
        </section>
        <section aria-labelledby="h-interp">
          <h2 id="h-interp">政策解读</h2>
          <ItemList rows={interpretations} />
        </section>
      </div>
      {collections.length ? (
        <section aria-labelledby="h-collections">
          <h2 id="h-collections">特色主题</h2>
          <ul class="gk-linklist gk-linklist--inline">{collections.map((c) => <li><a href={`/collections/${c.slug}`}>{c.name}</a></li>)}</ul>
        </section>
      ) : null}
    </PortalLayout>
  );
};
