// Page shells: the public portal and the staff console. Both work without JavaScript.
import type { Child, SafeHtml } from '#jsx/jsx-runtime';
import { raw } from '#jsx/jsx-runtime';
import type { Actor } from '../../lib/context.js';
import { ROLE_LABELS } from '../../auth/policy.js';

export type PageMeta = { title: string; elder: boolean; path: string; actor: Actor; csrf?: string; siteName?: string; unread?: number };

const Doc = (p: { meta: PageMeta; bodyClass: string; children?: Child; head?: Child }): SafeHtml => (
  <>
    {raw('<!doctype html>')}
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{p.meta.title} - {p.meta.siteName ?? '临淄区政府信息公开'}</title>
        <link rel="stylesheet" href="/static/site.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        {p.head}
      </head>
      <body class={`${p.bodyClass}${p.meta.elder ? ' gk-elder' : ''}`}>
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

export const PortalLayout = (p: { meta: PageMeta; children?: Child; head?: Child }) => (
  <Doc meta={p.meta} bodyClass="gk-portal" head={p.head}>
    <header class="gk-header" role="banner">
      <div class="gk-header__inner">
        <a class="gk-brand" href="/">临淄区人民政府 · 政府信息公开专栏</a>
        <nav aria-label="辅助功能"><ElderToggle meta={p.meta} /></nav>
      </div>
      <nav class="gk-nav" aria-label="主导航">
        <ul>
          <li><a href="/">首页</a></li>
          <li><a href="/catalog">法定主动公开内容</a></li>
          <li><a href="/normative">行政规范性文件</a></li>
          <li><a href="/interpretations">政策解读</a></li>
          <li><a href="/gazette">政府公报</a></li>
          <li><a href="/search">搜索</a></li>
        </ul>
      </nav>
    </header>
    <main id="main" class="gk-main" tabindex="-1">{p.children}</main>
    <footer class="gk-footer" role="contentinfo">
      <p>临淄区人民政府办公室 主办 · <a href="/feed.xml">订阅（RSS）</a> · <a href="/login">工作人员登录</a></p>
    </footer>
  </Doc>
);

type NavItem = { href: string; label: string };

/** "张三（单位联络员）"; a user named like the role ("审计员") reads "审计员（只读）", not "审计员（审计员（只读））". */
export const userBadge = (name: string, roleLabel: string): string => {
  const stem = roleLabel.replace(/（[^）]*）$/, '');
  if (name === roleLabel || name === stem) return roleLabel;
  return `${name}（${roleLabel}）`;
};

export function consoleNav(actor: Actor, unread?: number): NavItem[] {
  if (actor.kind !== 'user') return [];
  const items: NavItem[] = [{ href: '/console', label: '工作台' }, { href: '/console/calendar', label: '工作日历' }];
  const admin = actor.role === 'admin';
  const reader = admin || actor.role === 'auditor';
  items.push({ href: '/console/plans', label: '工作方案' }, { href: '/console/ledgers', label: '台账' }, { href: '/console/items', label: '政府信息' });
  if (reader) items.push({ href: '/console/ledger-dashboard', label: '台账总览' }, { href: '/console/assessment', label: '考核' }, { href: '/console/lookback', label: '回头看' }, { href: '/console/compliance', label: '公开合规' });
  if (admin) items.push({ href: '/console/collections', label: '特色主题' });
  items.push({ href: '/console/notifications', label: unread ? `通知（${unread}条未读）` : '通知' });
  if (reader) items.push({ href: '/console/units', label: '单位管理' }, { href: '/console/users', label: '用户管理' }, { href: '/console/audit', label: '审计日志' });
  return items;
}

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
