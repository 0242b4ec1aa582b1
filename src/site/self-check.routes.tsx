// Console: 网站自查 (/console/site-check: the indicator sheet, trend, run now, settings, .xlsx export),
// column settings (/console/site/columns) and the 用词检查 dictionary (/console/site/dictionary).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAdmin, requireAreaReader } from '../auth/policy.js';
import { AppError } from '../lib/errors.js';
import { actorArea } from '../org/public.js';
import { refData } from '../portal/public.js';
import { listUnitsInArea } from '../org/public.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { Checkbox, ErrorSummary, Form, TextArea, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { formBody, pageMeta, sendHtml } from '../web/http.js';
import { checkSettings, columnSettings, COLUMN_TYPE_LABELS, COLUMN_TYPES, saveCheckSettings, saveColumns } from './columns.js';
import { loadDictionary, saveDictionary } from './dictionary.js';
import { absoluteUrl } from '../portal/public.js';
import { exportWorkbook, latestRun, runSiteCheck, STATUS_LABELS, trend } from './self-check.service.js';
import { formatDictionary } from './wording.js';
import { formatDateTime, zoneOfArea } from '../lib/time.js';
import { redirectWithFlash, takeFlash } from '../web/flash.js';
import { setCrawlTarget } from './crawl.js';
import { canManageSite } from './site-policy.js';

const STATUS_CLASS: Record<string, string> = { PASS: 'gk-check-pass', FAIL: 'gk-check-fail', UNCERTAIN: 'gk-check-uncertain' };

async function sheetPage(req: FastifyRequest, reply: FastifyReply, settingsForm?: FormState) {
  requireAreaReader(req.ctx.actor);
  const day = typeof (req.query as Record<string, unknown>).date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test((req.query as Record<string, string>).date!) ? (req.query as Record<string, string>).date : undefined;
  const [run, days, settings] = await Promise.all([latestRun(req.ctx, day), trend(req.ctx), checkSettings(req.ctx.db)]);
  const meta = pageMeta(req, reply, '网站自查');
  const sf = settingsForm ?? emptyForm({ externalLinks: settings.externalLinks, timeoutSeconds: settings.timeoutMs / 1000, concurrency: settings.concurrency });
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <p>按《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）逐项自查：每天自动运行一次，也可随时运行。每个问题都链接到处理它的页面。</p>
      {canManageSite(req.ctx.actor) ? <form method="post" action="/console/site-check/run" class="gk-inline"><input type="hidden" name="_csrf" value={meta.csrf ?? ''} /><button type="submit" class="gk-button">立即自查</button></form> : null}
      {run ? <>
        <h2>{run.runOn} 自查结果</h2>
        <p role="status">单项否决不合格 <strong>{run.vetoes}</strong> 项；不合格合计 {run.fails} 项。运行时间 {formatDateTime(run.runAt, { seconds: true, zone: zoneOfArea(run.areaId) })} · <a href={`/console/site-check/export.xlsx?date=${run.runOn}`}>导出 Excel</a></p>
        <table class="gk-table">
          <caption>网站自查指标</caption>
          <thead><tr><th scope="col">指标</th><th scope="col">类别</th><th scope="col">阈值</th><th scope="col">今日数值</th><th scope="col">结果</th></tr></thead>
          <tbody>{run.results.map((r) => (
            <tr><th scope="row"><a href={`#c-${r.id}`}>{r.label}</a></th><td>{r.veto ? '单项否决' : '扣分指标'}</td><td>{r.threshold}</td><td>{r.figure}</td><td><span class={STATUS_CLASS[r.status]}>{STATUS_LABELS[r.status]}</span></td></tr>
          ))}</tbody>
        </table>
        <h2>问题清单</h2>
        {run.results.filter((r) => r.findings.length).map((r) => (
          <section aria-labelledby={`c-${r.id}`}>
            <h3 id={`c-${r.id}`}>{r.label}（{r.findings.length}）</h3>
            <ul>{r.findings.slice(0, 200).map((f) => <li>{f.href ? <a href={f.href}>{f.message}</a> : f.message}</li>)}</ul>
            {r.findings.length > 200 ? <p class="gk-muted">另有 {r.findings.length - 200} 条，见导出的 Excel。</p> : null}
          </section>
        ))}
      </> : <p>还没有自查结果。</p>}
      <h2>趋势</h2>
      {days.length ? (
        <table class="gk-table">
          <caption class="visually-hidden">每日自查结果</caption>
          <thead><tr><th scope="col">日期</th><th scope="col">单项否决不合格</th><th scope="col">不合格合计</th><th scope="col">方式</th></tr></thead>
          <tbody>{days.map((d) => <tr><td><a href={`/console/site-check?date=${d.run_on}`}>{d.run_on}</a></td><td>{d.vetoes}</td><td>{d.fails}</td><td>{d.trigger === 'job' ? '每日自动' : d.trigger === 'cli' ? '命令行' : '手动'}</td></tr>)}</tbody>
        </table>
      ) : <p class="gk-muted">暂无。</p>}
      {canManageSite(req.ctx.actor) ? <>
        <h2 id="settings">设置</h2>
        <p><a href="/console/site/columns">栏目类型、责任单位和更新频率</a> · <a href="/console/site/dictionary">用词检查词库</a> · <a href="/console/site/offices">公开指南机构信息</a></p>
        <ErrorSummary errors={sf.errors} labels={{ timeoutSeconds: '外部链接超时', concurrency: '并发数' }} />
        <Form action="/console/site-check/settings" csrf={meta.csrf!} submit="保存设置">
          <Checkbox name="externalLinks" label="检查外部链接（离线部署请关闭，结果显示为“未检查”）" checked={Boolean(sf.values.externalLinks) && sf.values.externalLinks !== 'false'} />
          <TextField name="timeoutSeconds" label="外部链接超时（秒）" type="number" form={sf} />
          <TextField name="concurrency" label="外部链接并发数" type="number" form={sf} />
        </Form>
      </> : null}
    </ConsoleLayout>
  ), settingsForm ? 400 : 200);
}

async function columnsPage(req: FastifyRequest, reply: FastifyReply, form?: FormState) {
  requireAdmin(req.ctx.actor);
  const areaId = await actorArea(req.ctx);
  const [ref, conf, units] = await Promise.all([refData(req.ctx), columnSettings(req.ctx.db, areaId), listUnitsInArea(req.ctx.db, areaId)]);
  const meta = pageMeta(req, reply, '栏目更新设置');
  const val = (k: string, d: unknown) => (form ? form.values[k] : d) ?? '';
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <p>栏目类型决定网站自查的更新要求：动态、要闻类2周内、通知公告和政策文件类6个月内须有更新；也可为任何栏目设定更新频率和责任单位。</p>
      {form ? <ErrorSummary errors={form.errors} labels={Object.fromEntries(Object.keys(form.errors).map((k) => [k, ref.categoryName(k.replace(/^\w+?_/, ''))]))} /> : null}
      <form method="post" action="/console/site/columns" class="gk-form" novalidate>
        <input type="hidden" name="_csrf" value={meta.csrf ?? ''} />
        <table class="gk-table">
          <caption class="visually-hidden">栏目设置</caption>
          <thead><tr><th scope="col">栏目</th><th scope="col">类型</th><th scope="col">责任单位</th><th scope="col">更新频率（天）</th></tr></thead>
          <tbody>{ref.catalog.map((c) => {
            const cf = conf.get(c.code);
            const err = (k: string) => form?.errors[`${k}_${c.code}`];
            return (
              <tr>
                <th scope="row">{'　'.repeat(c.depth)}{c.name}</th>
                <td><label class="visually-hidden" for={`f-type_${c.code}`}>{c.name}类型</label>
                  <select id={`f-type_${c.code}`} name={`type_${c.code}`}>{COLUMN_TYPES.map((t) => <option value={t} selected={String(val(`type_${c.code}`, cf.column_type)) === t}>{COLUMN_TYPE_LABELS[t]}</option>)}</select></td>
                <td><label class="visually-hidden" for={`f-owner_${c.code}`}>{c.name}责任单位</label>
                  <select id={`f-owner_${c.code}`} name={`owner_${c.code}`}><option value="">（未指定）</option>{units.map((u) => <option value={String(u.id)} selected={String(val(`owner_${c.code}`, cf.owner_unit_id ?? '')) === String(u.id)}>{u.name}</option>)}</select>
                  {err('owner') ? <p class="gk-field-error">{err('owner')}</p> : null}</td>
                <td><label class="visually-hidden" for={`f-freq_${c.code}`}>{c.name}更新频率（天）</label>
                  <input id={`f-freq_${c.code}`} name={`freq_${c.code}`} type="number" value={String(val(`freq_${c.code}`, cf.frequency_days ?? ''))} aria-invalid={err('freq') ? 'true' : undefined} />
                  {err('freq') ? <p class="gk-field-error">{err('freq')}</p> : null}</td>
              </tr>
            );
          })}</tbody>
        </table>
        <button type="submit" class="gk-button">保存</button>
      </form>
    </ConsoleLayout>
  ), form ? 400 : 200);
}

async function dictionaryPage(req: FastifyRequest, reply: FastifyReply, notice?: string) {
  requireAdmin(req.ctx.actor);
  const d = formatDictionary(await loadDictionary(req.ctx.db));
  const meta = pageMeta(req, reply, '用词检查词库');
  notice ??= takeFlash(req, reply) ?? undefined;
  const f = emptyForm(d);
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {notice ? <div class="gk-notice" role="status">{notice}</div> : null}
      <p>签发前检查标题和正文；有提示时须审核人核对确认后才能签发。网站自查对全站已发布信息做同样的检查。</p>
      <Form action="/console/site/dictionary" csrf={meta.csrf!} submit="保存">
        <TextArea name="sensitive" label="敏感词" form={f} rows={5} hint="每行一个" />
        <TextArea name="leaders" label="领导姓名和职务" form={f} rows={6} hint="每行“姓名 职务”，如：张三 区长" />
        <TextArea name="typos" label="常见错别字" form={f} rows={8} hint="每行“错误→正确”" />
      </Form>
    </ConsoleLayout>
  ));
}

export async function selfCheckRoutes(app: FastifyInstance): Promise<void> {
  app.get('/console/site-check', (req, reply) => sheetPage(req, reply));
  app.post('/console/site-check/run', async (req, reply) => {
    setCrawlTarget(req.ctx.db, req.server); // crawl the app that serves this request
    await runSiteCheck(req.ctx, { trigger: 'console' });
    return reply.redirect('/console/site-check', 303);
  });
  app.post('/console/site-check/settings', async (req, reply) => {
    const body = formBody(req);
    try {
      await saveCheckSettings(req.ctx, body);
    } catch (err) {
      if (err instanceof AppError && err.kind === 'invalid') return sheetPage(req, reply, { values: body, errors: err.fields });
      throw err;
    }
    return reply.redirect('/console/site-check#settings', 303);
  });
  app.get('/console/site-check/export.xlsx', async (req, reply) => {
    const q = req.query as Record<string, string>;
    const run = await latestRun(req.ctx, /^\d{4}-\d{2}-\d{2}$/.test(q.date ?? '') ? q.date : undefined);
    if (!run) throw new AppError('not_found', 'not_found', '还没有自查结果');
    const buf = await exportWorkbook(run, await trend(req.ctx), absoluteUrl(req, ''));
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`网站自查-${run.runOn}.xlsx`)}`).send(buf);
  });

  app.get('/console/site/columns', (req, reply) => columnsPage(req, reply));
  app.post('/console/site/columns', async (req, reply) => {
    const body = formBody(req);
    try {
      const ref = await refData(req.ctx);
      await saveColumns(req.ctx, await actorArea(req.ctx), ref.catalog.map((c) => c.code), body);
    } catch (err) {
      if (err instanceof AppError && err.kind === 'invalid') return columnsPage(req, reply, { values: body, errors: err.fields });
      throw err;
    }
    return reply.redirect('/console/site/columns', 303);
  });
  app.get('/console/site/dictionary', (req, reply) => dictionaryPage(req, reply));
  app.post('/console/site/dictionary', async (req, reply) => {
    await saveDictionary(req.ctx, formBody(req));
    return redirectWithFlash(reply, '/console/site/dictionary', '已保存。');
  });
}
