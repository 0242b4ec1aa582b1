// The plan's identity from the cover notice and title page: 文号, title, issuer, date.
import type { PlanMeta } from './plan-types.js';
import { normalizeText, stripMarkup } from './text-normalize.js';

// 临政办字〔2022〕16号; exports also use [2022], （2022） or 【2022】 for the year brackets.
const DOC_NUMBER = /^([\u4e00-\u9fff]{1,12})\s*[〔［[（(【]\s*(\d{4})\s*[〕］\]）)】]\s*(\d{1,4})\s*号$/;
const PLAN_TITLE = /^(?:\d{4}|[〇零一二三四五六七八九]{4})年.{2,40}?(?:工作方案|工作要点|实施方案|工作计划|任务清单)$/;
const NOTICE_TITLE = /^(.{2,40}?)关于印发(.+?)的通知$/;
const ARABIC_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const HAN_DATE = /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/;
const ISSUER_LINE = /^[\u4e00-\u9fff（）]{2,30}(?:办公室|人民政府|委员会|办|局|领导小组)$/;

const HAN_DIGIT: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

// 十 = 10, 十三 = 13, 二十 = 20, 二十三 = 23; dates never need more.
const hanNumber = (s: string): number => {
  if (!s.includes('十')) return HAN_DIGIT[s] ?? NaN;
  const [tens, ones] = s.split('十');
  return (tens === '' ? 1 : (HAN_DIGIT[tens] ?? NaN)) * 10 + (ones === '' ? 0 : (HAN_DIGIT[ones] ?? NaN));
};

const pad = (n: number) => String(n).padStart(2, '0');

const toIsoDate = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
};

/** "2022年6月23日" or "二〇二二年六月二十三日" → "2022-06-23"; null for anything else. */
export const parseChineseDate = (line: string): string | null => {
  const text = normalizeText(line).replace(/\s/g, '');
  const a = ARABIC_DATE.exec(text);
  if (a) return toIsoDate(Number(a[1]), Number(a[2]), Number(a[3]));
  const h = HAN_DATE.exec(text);
  if (!h) return null;
  const year = Number([...h[1]].map((c) => HAN_DIGIT[c]).join(''));
  return toIsoDate(year, hanNumber(h[2]), hanNumber(h[3]));
};

/** Reads the notice and title page: the lines before the task table. */
export const parsePlanMeta = (head: readonly string[]): PlanMeta => {
  const lines = head.map((l) => normalizeText(stripMarkup(l))).filter((l) => l !== '');
  let docNumber: string | null = null;
  let noticeTitle: string | null = null;
  let title: string | null = null;
  let issuer: string | null = null;
  let issuedOn: string | null = null;
  for (const [i, line] of lines.entries()) {
    const num = DOC_NUMBER.exec(line);
    if (num && docNumber === null) docNumber = `${num[1]}〔${num[2]}〕${num[3]}号`;
    const notice = NOTICE_TITLE.exec(line);
    if (notice && noticeTitle === null) {
      noticeTitle = line;
      issuer = notice[1];
    }
    if (title === null && PLAN_TITLE.test(line) && !line.includes('关于')) title = line;
    const date: string | null = issuedOn === null ? parseChineseDate(line) : null;
    if (date) {
      issuedOn = date;
      // The signature block puts the issuer on the line above the date.
      const above = lines[i - 1];
      if (issuer === null && above !== undefined && ISSUER_LINE.test(above)) issuer = above;
    }
  }
  if (title === null && noticeTitle !== null) {
    title = NOTICE_TITLE.exec(noticeTitle)?.[2]?.replace(/^《|》$/g, '') ?? null;
  }
  // Without a title, a heading such as 2022年全区政务公开重点工作任务分解表 still dates the plan.
  const yearText = /^(\d{4})年/.exec(title ?? '')?.[1] ?? issuedOn?.slice(0, 4)
    ?? /〔(\d{4})〕/.exec(docNumber ?? '')?.[1]
    ?? lines.map((l) => /^(\d{4})年/.exec(l)?.[1]).find((y) => y !== undefined);
  return { docNumber, title, noticeTitle, issuer, issuedOn, year: yearText ? Number(yearText) : null };
};
