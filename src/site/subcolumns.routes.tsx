// Routes of 政府信息公开 (/zfxxgk…) and the admin's office details (/console/site/offices…).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAdmin } from '../auth/policy.js';
import { AppError } from '../lib/errors.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { ErrorSummary, Form, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { formBody, intParam, pageMeta, sendHtml } from '../web/http.js';
import { cachedPage, columnMeta, listPublic, refData } from '../portal/public.js';
import { BodyIndexPage, GuidePage, PlatformIndexPage, ReportsPage, RulesPage, StatutoryPage } from './subcolumns.pages.js';
import * as svc from './subcolumns.service.js';

const idOf = (req: FastifyRequest) => intParam((req.params as Record<string, string>).id);
const pageOf = (req: FastifyRequest) => Math.max(1, Math.min(10_000, intParam((req.query as Record<string, string>).page) > 0 ? intParam((req.query as Record<string, string>).page) : 1));
const REPORT_CATEGORY = 'zfxxgknb';

async function officePage(req: FastifyRequest, reply: FastifyReply, id: number, form?: FormState, notice?: string) {
  requireAdmin(req.ctx.actor);
  const { body, areaId } = await svc.findBody(req.ctx, id);
  const office = await svc.loadOffice(req.ctx.db, body, areaId);
  const f = form ?? emptyForm({ ...office });
  const meta = pageMeta(req, reply, `政府信息公开工作机构：${body.name}`);
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {notice ? <div class="gk-notice" role="status">{notice}</div> : null}
      <p>这些信息用于生成<a href={`/zfxxgk/${body.id}/guide`}>{body.name}政府信息公开指南</a>；保存后指南自动更新并记录更新日期。<a href="/console/site/offices">返回机构列表</a></p>
      <ErrorSummary errors={f.errors} labels={svc.OFFICE_LABELS} />
      <Form action={`/console/site/offices/${body.id}`} csrf={meta.csrf!} submit="保存">
        {(Object.keys(svc.OFFICE_LABELS) as (keyof svc.Office)[]).map((k) => <TextField name={k} label={svc.OFFICE_LABELS[k]} form={f} required={svc.REQUIRED_OFFICE.includes(k)} />)}
      </Form>
    </ConsoleLayout>
  ), form ? 400 : 200);
}

export async function subcolumnRoutes(app: FastifyInstance): Promise<void> {
  app.get('/zfxxgk', cachedPage(async (req, reply) => {
    const ref = await refData(req.ctx);
    const bodies = await svc.bodiesOf(req.ctx.db, ref.area.id);
    const meta = { ...pageMeta(req, reply, '政府信息公开'), column: columnMeta('政府信息公开', '政府信息公开平台：指南、制度、法定主动公开内容、年报', ['政府信息公开'], '政府信息公开') };
    return <PlatformIndexPage meta={meta} district={bodies[0]!} departments={bodies.filter((b) => b.kind === '区直部门')} towns={bodies.filter((b) => b.kind === '镇' || b.kind === '街道')} />;
  }));
  app.get('/zfxxgk/:id', cachedPage(async (req, reply) => {
    const { body } = await svc.findBody(req.ctx, idOf(req));
    return <BodyIndexPage meta={{ ...pageMeta(req, reply, `${body.name}政府信息公开`), column: columnMeta(`${body.name}政府信息公开`, `${body.name}政府信息公开平台`, [body.name, '政府信息公开'], '政府信息公开') }} body={body} />;
  }));
  // The guide is not page-cached: reading it regenerates it when its facts have changed.
  app.get('/zfxxgk/:id/guide', async (req, reply) => {
    const { body, areaId } = await svc.findBody(req.ctx, idOf(req));
    const guide = await svc.currentGuide(req.ctx, body, areaId);
    const meta = { ...pageMeta(req, reply, `${body.name}政府信息公开指南`), column: columnMeta('政府信息公开指南', `${body.name}政府信息公开指南`, [body.name, '政府信息公开指南'], '政府信息公开指南') };
    return sendHtml(reply, <GuidePage meta={meta} guide={guide} />);
  });
  app.get('/zfxxgk/:id/rules', cachedPage(async (req, reply) => {
    const { body, areaId } = await svc.findBody(req.ctx, idOf(req));
    const list = await svc.rulesColumn(req.ctx, body, areaId, pageOf(req));
    return <RulesPage meta={{ ...pageMeta(req, reply, `${body.name}政府信息公开制度`), column: columnMeta('政府信息公开制度', `${body.name}政府信息公开制度`, [body.name, '政府信息公开制度'], '政府信息公开制度') }} body={body} list={list} />;
  }));
  app.get('/zfxxgk/:id/statutory', cachedPage(async (req, reply) => {
    const { body, areaId } = await svc.findBody(req.ctx, idOf(req));
    const rows = await svc.statutoryColumn(req.ctx, body, areaId);
    return <StatutoryPage meta={{ ...pageMeta(req, reply, `${body.name}法定主动公开内容`), column: columnMeta('法定主动公开内容', `${body.name}法定主动公开内容`, [body.name, '法定主动公开内容'], '法定主动公开内容') }} body={body} rows={rows} />;
  }));
  app.get('/zfxxgk/:id/reports', cachedPage(async (req, reply) => {
    const { body, areaId } = await svc.findBody(req.ctx, idOf(req));
    const ref = await refData(req.ctx);
    const rows = ref.catalog.some((c) => c.code === REPORT_CATEGORY) ? await listPublic(req.ctx.db, areaId, { categoryCodes: [REPORT_CATEGORY], unitId: body.id }, 50, 0) : [];
    const reports = rows.map((r) => ({ year: Number(r.published_on.slice(0, 4)), title: r.title, href: `/items/${r.id}`, publishedOn: r.published_on }));
    const meta = { ...pageMeta(req, reply, `${body.name}政府信息公开年报`), column: columnMeta('政府信息公开年报', `${body.name}政府信息公开工作年度报告`, [body.name, '政府信息公开年报'], '政府信息公开年报') };
    return <ReportsPage meta={meta} body={body} reports={reports} allReports={req.server.hasRoute({ method: 'GET', url: '/reports/annual' })} />;
  }));

  app.get('/console/site/offices', async (req, reply) => {
    requireAdmin(req.ctx.actor);
    const ref = await refData(req.ctx);
    const bodies = await svc.bodiesOf(req.ctx.db, ref.area.id);
    const offices = await Promise.all(bodies.map(async (b) => ({ b, o: await svc.loadOffice(req.ctx.db, b, ref.area.id) })));
    return sendHtml(reply, (
      <ConsoleLayout meta={pageMeta(req, reply, '政府信息公开工作机构')}>
        <p>各机关的政府信息公开工作机构信息用于生成其政府信息公开指南。缺少的项目会在<a href="/console/site-check">网站自查</a>中列出。</p>
        <table class="gk-table">
          <caption class="visually-hidden">机构列表</caption>
          <thead><tr><th scope="col">机关</th><th scope="col">工作机构</th><th scope="col">尚缺</th><th scope="col">操作</th></tr></thead>
          <tbody>{offices.map(({ b, o }) => {
            const missing = svc.REQUIRED_OFFICE.filter((k) => !o[k]).map((k) => svc.OFFICE_LABELS[k]);
            return <tr><td>{b.name}</td><td>{o.officeName}</td><td>{missing.length ? missing.join('、') : '—'}</td><td><a href={`/console/site/offices/${b.id}`}>编辑<span class="visually-hidden">{b.name}</span></a></td></tr>;
          })}</tbody>
        </table>
      </ConsoleLayout>
    ));
  });
  app.get('/console/site/offices/:id', (req, reply) => officePage(req, reply, idOf(req), undefined, (req.query as Record<string, string>).saved ? '已保存，政府信息公开指南已更新。' : undefined));
  app.post('/console/site/offices/:id', async (req, reply) => {
    const body = formBody(req);
    try {
      await svc.saveOffice(req.ctx, idOf(req), body);
    } catch (err) {
      if (err instanceof AppError && err.kind === 'invalid') return officePage(req, reply, idOf(req), { values: body, errors: err.fields });
      throw err;
    }
    return reply.redirect(`/console/site/offices/${idOf(req)}?saved=1`, 303);
  });
}
