// Console: year view of the calendar, deadline calculator with explanation, missing years, imports and local overrides.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../lib/errors.js';
import { todayCst } from '../lib/time.js';
import { isoDate, parseInput, strictNumberInput, text } from '../lib/validate.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { ErrorSummary, Form, SelectField, TextArea, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { documentApi, formBody, pageMeta, sendHtml } from '../web/http.js';
import { Explanation } from './calendar.views.js';
import * as svc from './calendar.service.js';
import { canManageCalendar } from './calendar-policy.js';
import { redirectWithFlash, takeFlash } from '../web/flash.js';
import { holidayNoticeRoutes } from './holiday-notice.routes.js';

const calcInput = z.object({ start: isoDate('起算日期'), days: z.preprocess((v) => strictNumberInput(v), z.number({ error: '工作日数必须是数字' }).int('工作日数必须是整数').min(1, '工作日数至少为1').max(3650, '工作日数不能超过3650')) });
const overrideInput = z.object({
  from: isoDate('开始日期'), to: z.preprocess((v) => (v === '' ? undefined : v), isoDate('结束日期').optional()),
  kind: z.enum(['off', 'work'], { error: '请选择放假或上班' }), name: text('名称', { max: 40 }), source: text('依据', { max: 200 }),
});
const LABELS = { start: '起算日期', days: '工作日数', from: '开始日期', to: '结束日期', kind: '类型', name: '名称', source: '依据', file: '节假日文件' };

async function page(req: FastifyRequest, reply: FastifyReply, forms: { calc?: FormState; override?: FormState; file?: FormState; notice?: string } = {}, status = 200) {
  const flash = takeFlash(req, reply);
  const q = req.query as Record<string, string>;
  const year = /^\d{4}$/.test(q.year ?? '') ? Number(q.year) : Number(todayCst().slice(0, 4));
  const ov = await svc.calendarOverview(req.ctx, year);
  const calc = forms.calc ?? emptyForm();
  let result = null;
  if (calc.values.start && Object.keys(calc.errors).length === 0) {
    const input = parseInput(calcInput, calc.values);
    try {
      result = (await svc.calendarFor(req.ctx)).explainAddWorkingDays(input.start, input.days);
    } catch (err) {
      const e = svc.calendarToAppError(err);
      if (e instanceof AppError) calc.errors.start = e.message;
      else throw err;
    }
  }
  const meta = pageMeta(req, reply, '工作日历与期限计算');
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {forms.notice ? <div class="gk-notice" role="status">{forms.notice}</div> : null}
      {flash ? <div class="gk-notice" role="status">{flash}</div> : null}
      {ov.missing.length ? <div class="gk-warning"><strong>以下年度的节假日安排尚未录入：</strong>{ov.missing.map((y) => `${y}年`).join('、')}。涉及这些年度的期限只按周末计算，并会显示警告。</div> : null}
      <h2>期限计算器</h2>
      <ErrorSummary errors={calc.errors} labels={LABELS} />
      <form method="get" action="/console/calendar" class="gk-form">
        <input type="hidden" name="year" value={String(year)} />
        <TextField name="start" label="起算日期（当日不计入）" type="date" form={calc} required />
        <TextField name="days" label="工作日数" type="number" form={calc} required hint="如：主动公开20、依申请答复20、政策解读3、行政处罚7" />
        <button type="submit" class="gk-button">计算</button>
      </form>
      {result ? <Explanation start={String(calc.values.start)} days={Number(calc.values.days)} result={result} /> : null}

      <h2>{year}年节假日安排</h2>
      <nav aria-label="选择年度" class="gk-pagination"><a href={`/console/calendar?year=${year - 1}`}>上一年</a><a href={`/console/calendar?year=${year + 1}`}>下一年</a></nav>
      {ov.notice ? <p>依据：{ov.notice.notice ?? '（未注明）'} {ov.notice.source ? <a href={ov.notice.source}>来源</a> : null}</p> : <div class="gk-warning">{year}年节假日安排尚未录入</div>}
      <table class="gk-table">
        <caption>{year}年放假与调休上班日期</caption>
        <thead><tr><th scope="col">日期</th><th scope="col">类型</th><th scope="col">名称</th><th scope="col">来源</th>{canManageCalendar(req.ctx.actor) ? <th scope="col">操作</th> : null}</tr></thead>
        <tbody>{ov.days.map((d) => (
          <tr><td>{d.date}</td><td>{d.kind === 'off' ? '放假' : '调休上班'}</td><td>{d.name}</td><td>{d.scope === 'national' ? '国务院办公厅通知' : `本地调整：${d.source}`}</td>
            {canManageCalendar(req.ctx.actor) ? <td>{d.scope !== 'national' ? (
              <form method="post" action="/console/calendar/overrides/remove" class="gk-inline"><input type="hidden" name="_csrf" value={meta.csrf!} /><input type="hidden" name="date" value={d.date} /><button type="submit" class="gk-button gk-button--link">删除<span class="visually-hidden">{d.date}的本地调整</span></button></form>
            ) : '—'}</td> : null}</tr>
        ))}</tbody>
      </table>
      {canManageCalendar(req.ctx.actor) ? <>
        <h2>录入本地调整</h2>
        <ErrorSummary errors={forms.override?.errors ?? {}} labels={LABELS} />
        <Form action="/console/calendar/overrides" csrf={meta.csrf!} submit="保存本地调整">
          <TextField name="from" label="开始日期" type="date" form={forms.override ?? emptyForm()} required />
          <TextField name="to" label="结束日期（单日可不填）" type="date" form={forms.override ?? emptyForm()} />
          <SelectField name="kind" label="类型" form={forms.override ?? emptyForm()} required options={[{ value: 'off', label: '放假' }, { value: 'work', label: '上班' }]} />
          <TextField name="name" label="名称" form={forms.override ?? emptyForm()} required hint="如：春节延长假期" />
          <TextField name="source" label="依据" form={forms.override ?? emptyForm()} required hint="发文机关的通知名称或网址" />
        </Form>
        <h2>导入年度节假日通知</h2>
        <p><a href="/console/calendar/notice">从国务院通知原文导入（粘贴通知全文，预览后确认）</a></p>
        <ErrorSummary errors={forms.file?.errors ?? {}} labels={LABELS} />
        <Form action="/console/calendar/import" csrf={meta.csrf!} submit="导入">
          <TextArea name="file" label="节假日文件（JSON）" form={forms.file ?? emptyForm()} rows={10} required hint='本平台格式 {"format":"gongkai-calendar/1","years":[…]}，或 holiday-cn 格式 {"year":2027,"days":[{"name","date","isOffDay"}]}' />
        </Form>
      </> : null}
    </ConsoleLayout>
  ), status);
}

const fieldsOf = (err: unknown) => (err instanceof AppError && err.kind === 'invalid' ? err : null);

export async function calendarRoutes(app: FastifyInstance) {
  await holidayNoticeRoutes(app);
  app.get('/console/calendar', async (req, reply) => {
    const q = req.query as Record<string, string>;
    if (q.start !== undefined || q.days !== undefined) {
      try {
        parseInput(calcInput, q);
        return page(req, reply, { calc: { values: q, errors: {} } });
      } catch (err) {
        const e = fieldsOf(err);
        if (e) return page(req, reply, { calc: { values: q, errors: e.fields } }, 400);
        throw err;
      }
    }
    return page(req, reply);
  });
  app.post('/console/calendar/overrides', async (req, reply) => {
    const body = formBody(req);
    try {
      const input = parseInput(overrideInput, body);
      const n = await svc.addLocalOverride(req.ctx, input);
      return redirectWithFlash(reply, '/console/calendar', `已保存 ${n} 天本地调整`);
    } catch (err) {
      const e = fieldsOf(svc.calendarToAppError(err));
      if (e) return page(req, reply, { override: { values: body, errors: Object.keys(e.fields).length ? e.fields : { from: e.message } } }, 400);
      throw err;
    }
  });
  app.post('/console/calendar/overrides/remove', async (req, reply) => {
    await svc.removeLocalOverride(req.ctx, formBody(req).date ?? '');
    return reply.redirect('/console/calendar', 303);
  });
  app.post('/console/calendar/import', async (req, reply) => {
    const body = formBody(req);
    try {
      const r = await svc.importCalendar(req.ctx, body.file ?? '');
      return redirectWithFlash(reply, '/console/calendar', `已导入 ${r.years.join('、')} 年，共 ${r.days} 个日期`);
    } catch (err) {
      const e = fieldsOf(err);
      if (e) return page(req, reply, { file: { values: body, errors: { file: e.message } } }, 400);
      throw err;
    }
  });

  documentApi({ method: 'GET', url: '/api/v1/calendar/add-working-days', summary: '期限计算：start（YYYY-MM-DD，当日不计）+ days 个工作日，返回到期日及计入、跳过的日期', roles: '已登录' });
  app.get('/api/v1/calendar/add-working-days', async (req) => {
    const q = parseInput(calcInput, req.query);
    try {
      return { data: (await svc.calendarFor(req.ctx)).explainAddWorkingDays(q.start, q.days) };
    } catch (err) {
      throw svc.calendarToAppError(err);
    }
  });
  documentApi({ method: 'POST', url: '/api/v1/calendar/import', summary: '导入节假日文件（JSON 正文）', roles: 'admin' });
  app.post('/api/v1/calendar/import', async (req) => ({ data: await svc.importCalendar(req.ctx, JSON.stringify(req.body ?? '')) }));
}
