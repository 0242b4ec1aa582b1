// The console landing page: what this user can do.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { ROLE_LABELS, requireUser } from '../auth/policy.js';
import { ConsoleLayout, consoleNav } from './components/layout.js';
import { pageMeta, sendHtml } from './http.js';

const FAVICON = readFileSync(fileURLToPath(new URL('./static/favicon.svg', import.meta.url)));

export async function consoleHomeRoutes(app: FastifyInstance) {
  // Browsers and crawlers ask for /favicon.ico whatever the page links: answer with the icon, not a 404.
  app.get('/favicon.ico', (_req, reply) => reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON));
  app.get('/console', async (req, reply) => {
    const u = requireUser(req.ctx.actor);
    const unit = await req.ctx.db.selectFrom('units').select(['name']).where('id', '=', u.unitId).executeTakeFirst();
    const meta = pageMeta(req, reply, '工作台');
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        <p>您好，{u.name}。您的角色：{ROLE_LABELS[u.role]}；所属：{unit?.name ?? ''}。</p>
        <ul class="gk-cards">{consoleNav(req.ctx.actor, req.unread ?? undefined).slice(1).map((n) => <li><a href={n.href}>{n.label}</a></li>)}</ul>
      </ConsoleLayout>
    ));
  });
}
