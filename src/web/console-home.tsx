// The console landing page: a to-do inbox for this user's role (what waits for me today, with counts
// and links), 催报 for units that have not submitted, and the favicon.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { ROLE_LABELS, requireUser } from '../auth/policy.js';
import { inboxFor, urgeUnit, type InboxSection } from '../ledger/ledger-inbox.js';
import { ConsoleLayout } from './components/layout.js';
import { CsrfField } from './components/form.js';
import { handleFormPost, redirectWithFlash, takeFlash } from './flash.js';
import { formBody, pageMeta, sendHtml } from './http.js';
import { AppError } from '../lib/errors.js';

const FAVICON = readFileSync(fileURLToPath(new URL('./static/favicon.svg', import.meta.url)));

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
    const meta = pageMeta(req, reply, '工作台');
    const flash = takeFlash(req, reply);
    const open = box.sections.reduce((n, s) => n + s.count, 0);
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        {flash ? <div class="gk-notice" role="status">{flash}</div> : null}
        <p>您好，{u.name}。您的角色：{ROLE_LABELS[u.role]}；所属：{unit?.name ?? ''}。今天是 {box.today}{box.planTitle ? `，当前工作方案：${box.planTitle}` : ''}。</p>
        <p role="status">{open ? `共有 ${open} 项待办。` : '当前没有待办事项。'}</p>
        <div class="gk-inbox">{box.sections.map((s) => <Section s={s} csrf={meta.csrf ?? ''} />)}</div>
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
