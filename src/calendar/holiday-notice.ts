// The State Council's annual holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) read from
// its text: "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。…". Pure:
// text in, the project's calendar file out (so the import validates it like any calendar file).
import { CALENDAR_FORMAT } from './calendar-file.js';

export type NoticeHoliday = { name: string; from: string; to: string; days: number; stated: number | null; workdays: string[] };
export type ParsedNotice = { year: number; title: string | null; holidays: NoticeHoliday[]; warnings: string[] };

const NUM = '(\\d{1,2})';
const PAREN = '(?:（[^）]*）|\\([^)]*\\))?';
const DATE = `(?:(\\d{4})年)?(?:${NUM}月)?${NUM}日${PAREN}`;
const SECTION = /(?:^|\n)\s*([一二三四五六七八九十]+)[、.．]\s*([^：:\n]{1,20})[：:]([^\n]*(?:\n(?!\s*[一二三四五六七八九十]+[、.．])[^\n]*)*)/g;

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const valid = (s: string) => {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
};
const span = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400_000) + 1;

/** Reads the notice; `year` is taken from the title when not given. */
export function parseHolidayNotice(text: string, yearHint?: number): ParsedNotice {
  const clean = text.replace(/\r\n?/g, '\n').replace(/[ \t\u3000]+/g, '');
  const title = /国务院办公厅关于(\d{4})年部分节假日安排的通知/.exec(clean);
  const year = yearHint ?? (title ? Number(title[1]) : Number(/(\d{4})年/.exec(clean)?.[1] ?? NaN));
  const warnings: string[] = [];
  const holidays: NoticeHoliday[] = [];
  if (!Number.isInteger(year)) return { year: NaN, title: title?.[0] ?? null, holidays, warnings: ['无法确定年度：请填写年度，或粘贴包含“关于YYYY年部分节假日安排的通知”的全文'] };
  for (const m of clean.matchAll(SECTION)) {
    const name = m[2]!.trim();
    const body = m[3]!;
    const sentences = body.split('。').filter((s) => s.trim() !== '');
    const offSentence = sentences.find((s) => /放假/.test(s));
    const range = offSentence ? new RegExp(`^${DATE}(?:至${DATE})?放假`).exec(offSentence) : null;
    if (!range) {
      warnings.push(`${name}：未找到“X月X日（至X日）放假”的说法，已跳过`);
      continue;
    }
    const [, y1, m1, d1, y2, m2, d2] = range;
    if (!m1) {
      warnings.push(`${name}：放假日期缺少月份，已跳过`);
      continue;
    }
    const fromYear = y1 ? Number(y1) : year;
    const from = iso(fromYear, Number(m1), Number(d1));
    const to = d2 ? iso(y2 ? Number(y2) : fromYear, m2 ? Number(m2) : Number(m1), Number(d2)) : from;
    if (!valid(from) || !valid(to) || to < from) {
      warnings.push(`${name}：放假日期${from}至${to}无效，已跳过`);
      continue;
    }
    const stated = /共(\d+)天/.exec(body) ?? /放假(\d+)天/.exec(body);
    const days = span(from, to);
    if (stated && Number(stated[1]) !== days) warnings.push(`${name}：通知写“共${stated[1]}天”，按日期计算为${days}天，请核对`);
    // Make-up working days: every date in a sentence that ends in 上班 (not 除夕（2月9日）休息 and the like).
    const workdays: string[] = [];
    for (const s of sentences) {
      if (!/上班$/.test(s)) continue;
      let month = Number(m1);
      for (const w of s.matchAll(new RegExp(DATE, 'g'))) {
        if (w[2]) month = Number(w[2]);
        const wy = w[1] ? Number(w[1]) : month === 12 && Number(m1) === 1 ? fromYear - 1 : month === 1 && fromYear < year ? year : fromYear;
        const date = iso(wy, month, Number(w[3]));
        if (valid(date)) workdays.push(date);
        else warnings.push(`${name}：调休上班日期${date}无效，已跳过`);
      }
    }
    holidays.push({ name, from, to, days, stated: stated ? Number(stated[1]) : null, workdays });
  }
  if (!holidays.length) warnings.push('未识别出任何节日：通知正文应为“一、元旦：…放假…。”这样的条目');
  return { year, title: title?.[0] ?? null, holidays, warnings };
}

/** The parsed notice as the project's calendar file (validated again by parseCalendarFile on import). */
export function noticeToCalendarFile(p: ParsedNotice, source?: string): string {
  return JSON.stringify({
    format: CALENDAR_FORMAT,
    years: [{
      year: p.year, notice: p.title ?? `国务院办公厅关于${p.year}年部分节假日安排的通知`, ...(source ? { source } : {}),
      daysOff: p.holidays.map((h) => ({ from: h.from, to: h.to, name: h.name })),
      workdays: p.holidays.flatMap((h) => h.workdays.map((date) => ({ date, name: `${h.name}调休上班` }))),
    }],
  }, null, 2);
}
