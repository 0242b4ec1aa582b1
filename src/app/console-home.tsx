// The console landing page: a to-do inbox for this user's role (what waits for me today, with counts
// and links), 催报 for units that have not submitted, every module's `inbox` entries (requests, reports,
// consultations, messages…), and the favicon.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { ROLE_LABELS, requireUser } from '../auth/policy.js';
import { inboxFor, urgeUnit, type InboxSection } from '../ledger/public.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { CsrfField } from '../web/components/form.js';
import { handleFormPost, redirectWithFlash, takeFlash } from '../web/flash.js';
import { formBody, pageMeta, sendHtml } from '../web/http.js';
import type { InboxEntry } from './module.js';
import { MODULES } from './modules.js';
import { AppError } from '../lib/errors.js';

const FAVICON = readFileSync(fileURLToPath(new URL('../web/static/favicon.svg', import.meta.url)));

const Section = (p: { s: InboxSection; csrf: string }) => (
  <section class="gk-inbox__section" aria-labelledby={`inbox-${p.s.key}`}>
    <h2 id={`inbox-${p.s.key}`}>{p.s.title} <span class={`gk-count${p.s.count ? ' gk-count--open' : ''}`}>{p.s.count}</span></h2>
    {p.s.rows.length ? (
      <ul class="gk-list">{p.s.rows.map((r) => (
        <li>
          {r.href ? <a href={r.href}>{r.text}</a> : r.text}{r.note ? <span class="gk-hint">（{r.note}）</span> : null}
          {r.urge ? (r.urge.done ? <> <span class="gk-tag">今日已催报</span></> : (
            <form method="post" action="/console/urge" class="gk-inline">
              <CsrfField token={p.csrf} />
              <input type="hidden" name="unitId" value={String(r.urge.unitId)} />
              {' '}<button type="submit" class="gk-button gk-button--link">催报<span class="visually-hidden">：{r.text}</span></button>
            </form>
          )) : null}
        </li>
      ))}</ul>
    ) : <p class="gk-hint">{p.s.empty}</p>}
    {p.s.count > p.s.rows.length ? <p class="gk-hint">另有 {p.s.count - p.s.rows.length} 项未列出。</p> : null}
    <p><a href={p.s.href}>{p.s.linkLabel}<span class="visually-hidden">：{p.s.title}</span></a></p>
  </section>
);

export async function consoleHomeRoutes(app: FastifyInstance) {
  // Browsers and crawlers ask for /favicon.ico whatever the page links: answer with the icon, not a 404.
  app.get('/favicon.ico', (_req, reply) => reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON));

  app.get('/console', async (req, reply) => {
    const u = requireUser(req.ctx.actor);
    const unit = await req.ctx.db.selectFrom('units').select(['name']).where('id', '=', u.unitId).executeTakeFirst();
    const box = await inboxFor(req.ctx);
    // Every other module's to-do entries (module.ts `inbox`); a module that fails to answer does not break the page.
    const entries: InboxEntry[] = (await Promise.all(MODULES.map((m) => (m.inbox ? m.inbox(req.ctx).catch(() => []) : Promise.resolve([]))))).flat().filter((e) => e.count > 0);
    const meta = pageMeta(req, reply, '工作台');
    const flash = takeFlash(req, reply);
    const open = box.sections.reduce((n, s) => n + s.count, 0) + entries.reduce((n, e) => n + e.count, 0);
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        {flash ? <div class="gk-notice" role="status">{flash}</div> : null}
        <p>您好，{u.name}。您的角色：{ROLE_LABELS[u.role]}；所属：{unit?.name ?? ''}。今天是 {box.today}{box.planTitle ? `，当前工作方案：${box.planTitle}` : ''}。</p>
        <p role="status">{open ? `共有 ${open} 项待办。` : '当前没有待办事项。'}</p>
        <div class="gk-inbox">
          {box.sections.map((s) => <Section s={s} csrf={meta.csrf ?? ''} />)}
          {entries.length ? (
            <section class="gk-inbox__section" aria-labelledby="inbox-modules">
              <h2 id="inbox-modules">依申请公开、年报、征求意见与留言 <span class="gk-count gk-count--open">{entries.reduce((n, e) => n + e.count, 0)}</span></h2>
              <ul class="gk-list">{entries.map((e) => <li><a href={e.href}>{e.label}</a>：{e.count} 项{e.urgent ? <span class="gk-tag">紧急</span> : null}</li>)}</ul>
            </section>
          ) : null}
        </div>
      </ConsoleLayout>
    ));
  });

  app.post('/console/urge', async (req, reply) => {
    const body = formBody(req);
    try {
      return await handleFormPost(reply, () => urgeUnit(req.ctx, body), (name) => ({ to: '/console#inbox-not-submitted', notice: `已催报${name}：该单位的联络员和审核人已收到通知` }),
        (errors) => redirectWithFlash(reply, '/console', `未能催报：${Object.values(errors).join('；')}`));
    } catch (err) {
      // Already urged today / already submitted: say so on the inbox rather than on an error page.
      if (err instanceof AppError && err.kind === 'conflict') return redirectWithFlash(reply, '/console#inbox-not-submitted', err.message);
      throw err;
    }
  });
}
