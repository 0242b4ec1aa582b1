// The console landing page: what this user can do.
import type { FastifyInstance } from 'fastify';
import { ROLE_LABELS, requireUser } from '../auth/policy.js';
import { ConsoleLayout, consoleNav } from './components/layout.js';
import { pageMeta, sendHtml } from './http.js';

export async function consoleHomeRoutes(app: FastifyInstance) {
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
