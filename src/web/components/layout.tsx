// Page shells: the public portal and the staff console. Both work without JavaScript.
import type { Child, SafeHtml } from '#jsx/jsx-runtime';
import { raw } from '#jsx/jsx-runtime';
import type { Actor } from '../../lib/context.js';
import { ROLE_LABELS } from '../../auth/policy.js';
import { consoleNav, type NavItem } from '../nav.js';
import { siteIdentity } from '../site-identity.js';

/** Standard column meta tags (政府网站网页设计规范): ColumnName, ColumnDescription, ColumnKeywords, ColumnType. */
export type ColumnMeta = { name: string; description: string; keywords: string; type: string };
/** Standard article meta tags: ArticleTitle, PubDate, ContentSource, Keywords, Author, Description, Url. */
export type ArticleMeta = { title: string; pubDate: string; source: string; keywords: string; author: string; description: string; url: string };
export type PageMeta = {
  title: string; elder: boolean; path: string; actor: Actor; csrf?: string; siteName?: string; unread?: number;
  column?: ColumnMeta; article?: ArticleMeta;
  /** Reading aids (cookies): text size, line spacing, high contrast. */
  prefs?: { text?: 'l' | 'xl'; spacing?: 'wide'; contrast?: 'high'; cursor?: 'large' };
};

/** The site-wide, column and article meta tags of a portal page. */
export const StandardMeta = (p: { meta: PageMeta }) => {
  const id = siteIdentity();
  const c = p.meta.column;
  const a = p.meta.article;
  return (
    <>
      <meta name="SiteName" content={id.siteName} />
      <meta name="SiteDomain" content={id.siteDomain} />
      <meta name="SiteIDCode" content={id.siteCode} />
      {c ? <><meta name="ColumnName" content={c.name} /><meta name="ColumnDescription" content={c.description} /><meta name="ColumnKeywords" content={c.keywords} /><meta name="ColumnType" content={c.type} /></> : null}
      {a ? <>
        <meta name="ArticleTitle" content={a.title} /><meta name="PubDate" content={a.pubDate} /><meta name="ContentSource" content={a.source} />
        <meta name="Keywords" content={a.keywords} /><meta name="Author" content={a.author} /><meta name="Description" content={a.description} /><meta name="Url" content={a.url} />
      </> : null}
    </>
  );
};

const prefClasses = (m: PageMeta) => [
  m.elder ? ' gk-elder' : '', m.prefs?.text ? ` gk-text-${m.prefs.text}` : '', m.prefs?.spacing ? ' gk-spacing-wide' : '', m.prefs?.contrast ? ' gk-contrast' : '', m.prefs?.cursor ? ' gk-cursor-large' : '',
].join('');

const Doc = (p: { meta: PageMeta; bodyClass: string; children?: Child; head?: Child }): SafeHtml => (
  <>
    {raw('<!doctype html>')}
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{p.meta.title} - {p.meta.siteName ?? `${siteIdentity().siteName}政府信息公开`}</title>
        <link rel="stylesheet" href="/static/site.css" />
        <link rel="stylesheet" href="/static/site-standards.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        {p.head}
      </head>
      <body class={`${p.bodyClass}${prefClasses(p.meta)}`}>
        <a class="gk-skip" href="#main">跳到主要内容</a>
        {p.children}
        <script src="/static/enhance.js" defer></script>
      </body>
    </html>
  </>
);

export const ElderToggle = (p: { meta: PageMeta }) => (
  <a class="gk-elder-toggle" href={`/preferences/elder?mode=${p.meta.elder ? 'off' : 'on'}&back=${encodeURIComponent(p.meta.path)}`}>
    {p.meta.elder ? '退出长辈模式' : '长辈模式'}
  </a>
);

/** 党政机关网站标识 and the filing numbers, on every portal page. */
const SiteFooter = () => {
  const id = siteIdentity();
  return (
    <div class="gk-footer__identity">
      <a class="gk-conac" href={id.conacUrl} rel="noopener"><img src="/static/conac-badge.svg" width="48" height="48" alt="党政机关网站标识" /></a>
      <div>
        <p>主办单位：{id.sponsor} · 承办单位：{id.organizer} · <a href="/contact">联系我们</a> · <a href="/zfxxgk">政府信息公开</a></p>
        <p>网站标识码：{id.siteCode} · <a href={id.icpUrl} rel="noopener">{id.icp}</a> · <a href={id.psbUrl} rel="noopener">{id.psb}</a></p>
      </div>
    </div>
  );
};

export const PortalLayout = (p: { meta: PageMeta; children?: Child; head?: Child }) => (
  <Doc meta={p.meta} bodyClass="gk-portal" head={<><StandardMeta meta={p.meta} />{p.meta.article ? <script src="/static/read-aloud.js" defer></script> : null}{p.head}</>}>
    <header class="gk-header" role="banner">
      <div class="gk-header__inner">
        <a class="gk-brand" href="/">{siteIdentity().siteName} · 政府信息公开专栏</a>
        <nav aria-label="辅助功能"><ElderToggle meta={p.meta} /> <a class="gk-elder-toggle" href={`/preferences?back=${encodeURIComponent(p.meta.path)}`}>无障碍阅读</a></nav>
      </div>
      <nav class="gk-nav" aria-label="主导航">
        <ul>
          <li><a href="/">首页</a></li>
          <li><a href="/zfxxgk">政府信息公开</a></li>
          <li><a href="/catalog">法定主动公开内容</a></li>
          <li><a href="/normative">行政规范性文件</a></li>
          <li><a href="/interpretations">政策解读</a></li>
          <li><a href="/gazette">政府公报</a></li>
          <li><a href="/reports/annual">政府信息公开年报</a></li>
          <li><a href="/search">搜索</a></li>
          <li><a href="/requests/new">依申请公开</a></li>
          <li><a href="/decisions">重大行政决策</a></li>
          <li><a href="/ask">政策问答</a></li>
          <li><a href="/consult">留言咨询</a></li>
        </ul>
      </nav>
    </header>
    <main id="main" class="gk-main" tabindex="-1">{p.children}</main>
    <footer class="gk-footer" role="contentinfo">
      <p><a href="/feed.xml">订阅（RSS）</a> · <a href="/login">工作人员登录</a></p>
      <SiteFooter />
    </footer>
  </Doc>
);

export { consoleNav } from '../nav.js';

/** "张三（单位联络员）"; a user named like the role ("审计员") reads "审计员（只读）", not "审计员（审计员（只读））". */
export const userBadge = (name: string, roleLabel: string): string => {
  const stem = roleLabel.replace(/（[^）]*）$/, '');
  if (name === roleLabel || name === stem) return roleLabel;
  return `${name}（${roleLabel}）`;
};

export const ConsoleLayout = (p: { meta: PageMeta; children?: Child; extraNav?: NavItem[] }) => {
  const actor = p.meta.actor;
  const nav = [...consoleNav(actor, p.meta.unread), ...(p.extraNav ?? [])];
  return (
    <Doc meta={p.meta} bodyClass="gk-console">
      <header class="gk-header" role="banner">
        <div class="gk-header__inner">
          <a class="gk-brand" href="/console">政务公开工作平台</a>
          <div class="gk-user">
            {actor.kind === 'user' ? <span>{userBadge(actor.name, ROLE_LABELS[actor.role])}</span> : null}
            {actor.kind === 'user' ? <a href="/console/account">我的账号</a> : null}
            <ElderToggle meta={p.meta} />
            <form method="post" action="/logout" class="gk-inline">
              <input type="hidden" name="_csrf" value={p.meta.csrf ?? ''} />
              <button type="submit" class="gk-button gk-button--link">退出登录</button>
            </form>
          </div>
        </div>
        <nav class="gk-nav" aria-label="工作台导航">
          <ul>{nav.map((n) => <li><a href={n.href} aria-current={p.meta.path === n.href ? 'page' : undefined}>{n.label}</a></li>)}</ul>
        </nav>
      </header>
      <main id="main" class="gk-main" tabindex="-1">
        <h1>{p.meta.title}</h1>
        {p.children}
      </main>
      <footer class="gk-footer" role="contentinfo"><p>临淄区人民政府办公室政务公开办</p></footer>
    </Doc>
  );
};
