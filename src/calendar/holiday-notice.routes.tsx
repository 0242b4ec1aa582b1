// Holiday import from the notice's text (issue 19): paste the State Council notice, see the parsed
// days off and make-up days side by side with a calendar of the months concerned, confirm. The
// confirmation posts the calendar file to /console/calendar/import, which validates and imports it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAdmin } from '../auth/policy.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { CsrfField, ErrorSummary, Form, TextArea, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { formBody, pageMeta, sendHtml } from '../web/http.js';
import { parseCalendarFile } from './calendar-file.js';
import { noticeToCalendarFile, parseHolidayNotice, type ParsedNotice } from './holiday-notice.js';
import { strictNumberInput } from '../lib/validate.js';

const LABELS = { text: '通知原文', year: '年度', source: '来源网址' };
const WEEK = ['一', '二', '三', '四', '五', '六', '日'];

/** One month as a table: days off and make-up working days marked (text, not colour alone). */
const Month = (p: { y: number; m: number; off: Set<string>; work: Set<string> }) => {
  const first = new Date(Date.UTC(p.y, p.m - 1, 1));
  const days = new Date(Date.UTC(p.y, p.m, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (number | null)[] = [...Array(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const key = (d: number) => `${p.y}-${String(p.m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return (
    <table class="gk-table gk-month">
      <caption>{p.y}年{p.m}月</caption>
      <thead><tr>{WEEK.map((w) => <th scope="col">{w}</th>)}</tr></thead>
      <tbody>{weeks.map((wk) => <tr>{wk.map((d) => d === null ? <td></td> : (
        <td class={p.off.has(key(d)) ? 'gk-day--off' : p.work.has(key(d)) ? 'gk-day--work' : undefined}>
          {d}{p.off.has(key(d)) ? <span class="gk-day-mark">休</span> : p.work.has(key(d)) ? <span class="gk-day-mark">班</span> : null}
        </td>
      ))}</tr>)}</tbody>
    </table>
  );
};

async function formPage(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
  requireAdmin(req.ctx.actor);
  const meta = pageMeta(req, reply, '从通知原文导入节假日');
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <ErrorSummary errors={form.errors} labels={LABELS} />
      <p>粘贴国务院办公厅《关于某年部分节假日安排的通知》的正文，系统识别放假和调休上班日期，确认后导入工作日历。</p>
      <Form action="/console/calendar/notice" csrf={meta.csrf ?? ''} submit="识别并预览">
        <TextArea name="text" label="通知原文" form={form} rows={12} required hint="如：一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。" />
        <TextField name="year" label="年度（可不填，按通知标题识别）" type="number" form={form} />
        <TextField name="source" label="来源网址" type="url" form={form} required hint="中国政府网上该通知的网址，如 https://www.gov.cn/…" />
      </Form>
      <p><a href="/console/calendar">返回工作日历</a></p>
    </ConsoleLayout>
  ), status);
}

function previewPage(req: FastifyRequest, reply: FastifyReply, p: ParsedNotice, file: string) {
  const meta = pageMeta(req, reply, `${p.year}年节假日安排：确认导入`);
  const off = new Set<string>();
  const work = new Set<string>();
  for (const h of p.holidays) {
    for (let t = Date.parse(`${h.from}T00:00:00Z`); t <= Date.parse(`${h.to}T00:00:00Z`); t += 86400_000) off.add(new Date(t).toISOString().slice(0, 10));
    for (const w of h.workdays) work.add(w);
  }
  const months = [...new Set([...off, ...work].map((d) => d.slice(0, 7)))].sort();
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {p.warnings.length ? <div class="gk-warning" role="status"><strong>请核对：</strong><ul class="gk-list">{p.warnings.map((w) => <li>{w}</li>)}</ul></div> : null}
      <div class="gk-notice-preview">
        <table class="gk-table">
          <caption>识别结果：{p.holidays.length}个节日</caption>
          <thead><tr><th scope="col">节日</th><th scope="col">放假</th><th scope="col">天数</th><th scope="col">调休上班</th></tr></thead>
          <tbody>{p.holidays.map((h) => <tr><td>{h.name}</td><td>{h.from === h.to ? h.from : `${h.from} 至 ${h.to}`}</td><td>{h.days}天</td><td>{h.workdays.join('、') || '无'}</td></tr>)}</tbody>
        </table>
        <div class="gk-months">{months.map((ym) => <Month y={Number(ym.slice(0, 4))} m={Number(ym.slice(5, 7))} off={off} work={work} />)}</div>
      </div>
      <p class="gk-hint">日历中“休”为放假，“班”为调休上班。</p>
      <form method="post" action="/console/calendar/import" class="gk-form">
        <CsrfField token={meta.csrf ?? ''} />
        <input type="hidden" name="file" value={file} />
        <button type="submit" class="gk-button">确认导入{p.year}年节假日安排</button> <a href="/console/calendar/notice">重新粘贴</a>
      </form>
    </ConsoleLayout>
  ));
}

export async function holidayNoticeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/console/calendar/notice', (req, reply) => formPage(req, reply, emptyForm()));
  app.post('/console/calendar/notice', async (req, reply) => {
    requireAdmin(req.ctx.actor);
    const body = formBody(req);
    const errors: Record<string, string> = {};
    const text = (body.text ?? '').trim();
    const year = body.year?.trim() ? (strictNumberInput(body.year.trim()) as number) : undefined;
    if (!text) errors.text = '请粘贴通知原文';
    else if (text.length > 20000) errors.text = '通知原文不能超过20000个字符';
    if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100)) errors.year = '年度应为2000至2100之间的整数';
    if (!/^https?:\/\/\S+$/.test(body.source ?? '')) errors.source = '请填写以 http:// 或 https:// 开头的来源网址';
    if (Object.keys(errors).length) return formPage(req, reply, { values: body, errors }, 400);
    const parsed = parseHolidayNotice(text, year);
    if (!parsed.holidays.length) return formPage(req, reply, { values: body, errors: { text: parsed.warnings.join('；') } }, 400);
    const file = noticeToCalendarFile(parsed, body.source);
    try {
      parseCalendarFile(file);
    } catch (err) {
      const problems = (err as { problems?: { message: string }[] }).problems;
      return formPage(req, reply, { values: body, errors: { text: problems ? problems.map((x) => x.message).join('；') : '识别结果无效' } }, 400);
    }
    return previewPage(req, reply, parsed, file);
  });
}
