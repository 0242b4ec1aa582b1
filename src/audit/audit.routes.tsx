// The audit log page and API: read-only for admins and auditors, filtered to their area. The page reads
// in Chinese (action and object names, field-by-field changes) and in Beijing time; date filters are
// Beijing calendar days.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireAreaReader } from '../auth/policy.js';
import type { Ctx } from '../lib/context.js';
import { isoDate, parseInput, strictNumberInput } from '../lib/validate.js';
import { AppError } from '../lib/errors.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { ErrorSummary } from '../web/components/form.js';
import { documentApi, pageMeta, sendHtml } from '../web/http.js';
import { listAudit } from './audit.repo.js';
import { ACTION_LABELS, ENTITY_LABELS, actionLabel, auditDiff, entityLabel, formatLocal, localDayEndUtc, localDayStartUtc } from './audit-format.js';

const PAGE = 50;
const filterInput = z.object({
  entity: z.string().max(40).optional().transform((s) => s || undefined),
  action: z.string().max(60).optional().transform((s) => s || undefined),
  actor: z.string().max(60).optional().transform((s) => s || undefined),
  from: z.preprocess((v) => (v === '' ? undefined : v), isoDate('开始日期').optional()),
  to: z.preprocess((v) => (v === '' ? undefined : v), isoDate('结束日期').optional()),
  page: z.preprocess((v) => (v === undefined || v === '' ? 1 : strictNumberInput(v)), z.number({ error: '页码无效' }).int('页码无效').min(1, '页码无效').max(100000, '页码无效')),
}).superRefine((v, ctx) => {
  if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
});
type Filter = z.output<typeof filterInput>;
const LABELS = { entity: '对象类型', action: '操作', actor: '操作人', from: '开始日期', to: '结束日期', page: '页码' };

async function query(ctx: Ctx, f: Filter) {
  const areaId = ctx.actor.kind === 'user' ? ctx.actor.areaId : null;
  const rows = await listAudit(ctx.db, {
    entity: f.entity, action: f.action, actor: f.actor, areaId, limit: PAGE + 1, offset: (f.page - 1) * PAGE,
    from: f.from ? localDayStartUtc(f.from) : undefined, toExclusive: f.to ? localDayEndUtc(f.to) : undefined,
  });
  return { rows: rows.slice(0, PAGE), more: rows.length > PAGE };
}

export async function auditRoutes(app: FastifyInstance) {
  app.get('/console/audit', async (req, reply) => {
    requireAreaReader(req.ctx.actor);
    const raw = req.query as Record<string, unknown>;
    let f: Filter;
    let errors: Record<string, string> = {};
    try {
      f = parseInput(filterInput, raw);
    } catch (err) {
      if (!(err instanceof AppError) || err.kind !== 'invalid') throw err;
      errors = err.fields;
      f = { page: 1, entity: undefined, action: undefined, actor: undefined };
    }
    const { rows, more } = Object.keys(errors).length ? { rows: [], more: false } : await query(req.ctx, f);
    const meta = pageMeta(req, reply, '审计日志');
    const kept = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).slice(0, 60) : '');
    const qs = (page: number) => `?${new URLSearchParams({ ...(f.entity ? { entity: f.entity } : {}), ...(f.action ? { action: f.action } : {}), ...(f.actor ? { actor: f.actor } : {}), ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}), page: String(page) })}`;
    const actions = Object.entries(ACTION_LABELS).sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'));
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        <p>全部时间为北京时间。审计记录只能追加，不能修改或删除；保存期限到期的记录由系统按设置清理。</p>
        <ErrorSummary errors={errors} labels={LABELS} />
        <form method="get" action="/console/audit">
          <fieldset class="gk-filters">
            <legend>筛选</legend>
            <div class="gk-field"><label for="f-action">操作</label>
              <select id="f-action" name="action"><option value="">全部操作</option>
                {actions.map(([code, label]) => <option value={code} selected={f.action === code}>{label}</option>)}
                {f.action && !ACTION_LABELS[f.action] ? <option value={f.action} selected>{f.action}</option> : null}
              </select></div>
            <div class="gk-field"><label for="f-entity">对象类型</label>
              <select id="f-entity" name="entity"><option value="">全部对象</option>
                {Object.entries(ENTITY_LABELS).map(([code, label]) => <option value={code} selected={f.entity === code}>{label}</option>)}
              </select></div>
            <div class="gk-field"><label for="f-actor">操作人</label><input id="f-actor" name="actor" type="text" maxlength={60} value={f.actor ?? kept('actor')} /></div>
            <div class={`gk-field${errors.from ? ' gk-field--error' : ''}`}><label for="f-from">开始日期</label>
              {errors.from ? <p class="gk-field-error" id="e-from">{errors.from}</p> : null}
              <input id="f-from" name="from" type="date" value={f.from ?? kept('from')} aria-invalid={errors.from ? 'true' : undefined} aria-describedby={errors.from ? 'e-from' : undefined} /></div>
            <div class={`gk-field${errors.to ? ' gk-field--error' : ''}`}><label for="f-to">结束日期</label>
              {errors.to ? <p class="gk-field-error" id="e-to">{errors.to}</p> : null}
              <input id="f-to" name="to" type="date" value={f.to ?? kept('to')} aria-invalid={errors.to ? 'true' : undefined} aria-describedby={errors.to ? 'e-to' : undefined} /></div>
            <div class="gk-field"><button type="submit" class="gk-button">筛选</button> <a href="/console/audit">清除筛选</a></div>
          </fieldset>
        </form>
        {rows.length === 0 && !Object.keys(errors).length ? <p>没有符合条件的审计记录。</p> : null}
        {rows.length ? (
          <table class="gk-table">
            <caption class="visually-hidden">审计记录</caption>
            <thead><tr><th scope="col">时间（北京时间）</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">对象</th><th scope="col">变更内容</th><th scope="col">来源</th></tr></thead>
            <tbody>{rows.map((r) => {
              const diff = auditDiff(r.before_json, r.after_json);
              return (
                <tr>
                  <td>{formatLocal(r.at)}</td>
                  <td>{r.actor_label}</td>
                  <td>{actionLabel(r.action)}</td>
                  <td>{entityLabel(r.entity)} #{r.entity_id}</td>
                  <td>{diff.length ? (
                    <dl class="gk-diff">{diff.map((d) => (
                      <><dt>{d.field}</dt><dd>{d.before !== null ? <del>{d.before}</del> : null}{d.before !== null && d.after !== null ? ' → ' : null}{d.after !== null ? <ins>{d.after}</ins> : null}</dd></>
                    ))}</dl>
                  ) : ''}</td>
                  <td>{r.ip ?? ''}{r.user_agent ? <><br /><span class="gk-muted">{r.user_agent.slice(0, 60)}</span></> : null}</td>
                </tr>
              );
            })}</tbody>
          </table>
        ) : null}
        <nav class="gk-pagination" aria-label="分页">
          {f.page > 1 ? <a href={qs(f.page - 1)}>上一页</a> : null}
          {more ? <a href={qs(f.page + 1)}>下一页</a> : null}
        </nav>
      </ConsoleLayout>
    ), Object.keys(errors).length ? 400 : 200);
  });

  documentApi({ method: 'GET', url: '/api/v1/audit', summary: '审计日志（entity, action, actor, from, to 为北京时间日期 YYYY-MM-DD, page）', roles: 'admin, auditor' });
  app.get('/api/v1/audit', async (req) => {
    requireAreaReader(req.ctx.actor);
    const f = parseInput(filterInput, req.query);
    const { rows, more } = await query(req.ctx, f);
    return { data: rows.map((r) => ({ ...r, actionLabel: actionLabel(r.action), atLocal: formatLocal(r.at) })), more };
  });
}
