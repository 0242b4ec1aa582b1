// The audit log page and API: read-only for admins and auditors, filtered to their area.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireAreaReader } from '../auth/policy.js';
import type { Ctx } from '../lib/context.js';
import { isoDate, parseInput, strictNumberInput } from '../lib/validate.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { documentApi, pageMeta, sendHtml } from '../web/http.js';
import { listAudit } from './audit.repo.js';
import './audit.jobs.js';

const PAGE = 50;
const filterInput = z.object({
  entity: z.string().max(40).optional().transform((s) => s || undefined),
  action: z.string().max(60).optional().transform((s) => s || undefined),
  actor: z.string().max(60).optional().transform((s) => s || undefined),
  from: z.preprocess((v) => (v === '' ? undefined : v), isoDate('开始日期').optional()),
  to: z.preprocess((v) => (v === '' ? undefined : v), isoDate('结束日期').optional()),
  page: z.preprocess((v) => (v === undefined || v === '' ? 1 : strictNumberInput(v)), z.number({ error: '页码无效' }).int('页码无效').min(1, '页码无效').max(100000, '页码无效')),
});

async function query(ctx: Ctx, raw: unknown) {
  requireAreaReader(ctx.actor);
  const f = parseInput(filterInput, raw);
  const areaId = ctx.actor.kind === 'user' ? ctx.actor.areaId : null;
  const rows = await listAudit(ctx.db, { ...f, areaId, limit: PAGE + 1, offset: (f.page - 1) * PAGE });
  return { f, rows: rows.slice(0, PAGE), more: rows.length > PAGE };
}

export async function auditRoutes(app: FastifyInstance) {
  app.get('/console/audit', async (req, reply) => {
    const { f, rows, more } = await query(req.ctx, req.query);
    const meta = pageMeta(req, reply, '审计日志');
    const qs = (page: number) => `?${new URLSearchParams({ ...(f.entity ? { entity: f.entity } : {}), ...(f.action ? { action: f.action } : {}), ...(f.actor ? { actor: f.actor } : {}), ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}), page: String(page) })}`;
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        <form method="get" action="/console/audit" class="gk-form">
          <div class="gk-field"><label for="f-entity">对象类型</label><input id="f-entity" name="entity" type="text" value={f.entity ?? ''} /></div>
          <div class="gk-field"><label for="f-action">操作</label><input id="f-action" name="action" type="text" value={f.action ?? ''} /></div>
          <div class="gk-field"><label for="f-actor">操作人</label><input id="f-actor" name="actor" type="text" value={f.actor ?? ''} /></div>
          <div class="gk-field"><label for="f-from">开始日期</label><input id="f-from" name="from" type="date" value={f.from ?? ''} /></div>
          <div class="gk-field"><label for="f-to">结束日期</label><input id="f-to" name="to" type="date" value={f.to ?? ''} /></div>
          <button type="submit" class="gk-button">筛选</button>
        </form>
        <table class="gk-table">
          <caption class="visually-hidden">审计记录</caption>
          <thead><tr><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">对象</th><th scope="col">修改前</th><th scope="col">修改后</th></tr></thead>
          <tbody>{rows.map((r) => (
            <tr><td>{r.at.replace('T', ' ').slice(0, 19)}</td><td>{r.actor_label}</td><td>{r.action}</td><td>{r.entity} #{r.entity_id}</td>
              <td><code>{r.before_json ?? ''}</code></td><td><code>{r.after_json ?? ''}</code></td></tr>
          ))}</tbody>
        </table>
        <nav class="gk-pagination" aria-label="分页">
          {f.page > 1 ? <a href={qs(f.page - 1)}>上一页</a> : null}
          {more ? <a href={qs(f.page + 1)}>下一页</a> : null}
        </nav>
      </ConsoleLayout>
    ));
  });

  documentApi({ method: 'GET', url: '/api/v1/audit', summary: '审计日志（entity, action, actor, from, to, page）', roles: 'admin, auditor' });
  app.get('/api/v1/audit', async (req) => {
    const { rows, more } = await query(req.ctx, req.query);
    return { data: rows, more };
  });
}
