import { foldWidth } from './fold-width.js';
import { isIdCard18Typo, isPlausibleIdCard15, isValidIdCard18, luhnValid } from './pii-checks.js';
import type { PrivacyHit, PrivacyKind, PrivacySeverity } from './privacy-types.js';
import { indexTables, isQuantityHeader, type TableIndex } from './table-context.js';

export type { PrivacyHit, PrivacyKind, PrivacySeverity } from './privacy-types.js';
export { contextOf, maskAll, maskHit, maskValue } from './privacy-mask.js';
export type { HitContext } from './privacy-mask.js';
export { foldWidth } from './fold-width.js';

export interface ScanOptions {
  /** Latest plausible birth year for ID numbers; defaults to the current year. */
  readonly currentYear?: number;
}

/** What every detector needs: the width-folded text and its table index. */
interface Ctx {
  readonly s: string;
  readonly year: number;
  readonly tables: TableIndex;
}

interface Candidate {
  readonly kind: PrivacyKind;
  readonly severity: PrivacySeverity;
  readonly start: number;
  readonly end: number;
}

/** When two candidates overlap, the longer wins; on equal length, the higher priority. */
const PRIORITY: Record<PrivacyKind, number> = {
  id_card: 6,
  id_card_suspect: 0,
  bank_card: 5,
  passport: 4,
  mobile: 3,
  email: 2,
  landline: 1,
};

/**
 * Finds personal data in plain text (run `htmlToText` first for HTML bodies).
 * Tuned for precision on government documents: 文号, 索引号, 统一社会信用代码, amounts and
 * statistics must not be reported, so every numeric kind needs a checksum or a tight shape
 * plus clean boundaries.
 *
 * @example scanPersonalData('联系电话：138-1234-5678') // [{ kind: 'mobile', text: '138-1234-5678', … }]
 */
export function scanPersonalData(text: string, options: ScanOptions = {}): PrivacyHit[] {
  const { s, from, to } = normaliseForScan(text);
  const ctx: Ctx = { s, year: options.currentYear ?? new Date().getFullYear(), tables: indexTables(s) };
  const candidates = [...idCards(ctx), ...bankCards(ctx), ...mobiles(ctx), ...emails(s), ...landlines(ctx), ...passports(ctx)];
  // Offsets found in the normalised copy are mapped back, so hits (and masks) are in the original text.
  return resolveOverlaps(candidates, s.length).map((c) => {
    const start = from[c.start]!;
    const end = to[c.end - 1]!;
    return { kind: c.kind, severity: c.severity, text: text.slice(start, end), start, end };
  });
}

// Invisible format characters (U+200B ZWSP, U+200C/D, U+2060 word joiner, U+FEFF, U+00AD soft hyphen,
// bidi marks …): dropped before scanning so they cannot split a number into harmless-looking pieces.
const FORMAT_CHAR = /^\p{Cf}$/u;

/**
 * The text the detectors read: NFKC per character (full-width and other compatibility digits become
 * ASCII), dashes folded to '-', format characters dropped. `from[i]`/`to[i]` give the original
 * start/end offsets of normalised unit i.
 */
export function normaliseForScan(text: string): { s: string; from: Uint32Array; to: Uint32Array } {
  const from = new Uint32Array(text.length + 1);
  const to = new Uint32Array(text.length + 1);
  let s = '';
  let n = 0;
  const push = (piece: string, start: number, end: number) => {
    for (let k = 0; k < piece.length; k++) {
      if (n >= from.length) return; // NFKC expansions beyond the original length are cut (never digits)
      from[n] = start;
      to[n] = end;
      n++;
    }
    s += piece;
  };
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    if (cp < 0x80 || (cp >= 0x4e00 && cp <= 0x9fff)) push(text[i]!, i, i + 1);
    else {
      const ch = text.slice(i, i + len);
      if (FORMAT_CHAR.test(ch)) { i += len; continue; }
      const folded = foldWidth(ch);
      push(folded !== ch ? folded : ch.normalize('NFKC'), i, i + len);
    }
    i += len;
  }
  // Keep `s` and the maps the same length even if an expansion was cut above.
  return { s: s.slice(0, n), from, to };
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAsciiAlnum = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Za-z]$/.test(c);
const JOINERS = '.-/_';

/**
 * A number counts only when it stands alone: no letters or digits touching it, and not glued
 * to other digits by a joiner (decimals like 12345678901.23, 索引号 like 004158961/2022-00012).
 */
function isolated(s: string, start: number, end: number): boolean {
  if (isAsciiAlnum(s[start - 1]) || isAsciiAlnum(s[end])) return false;
  if (JOINERS.includes(s[start - 1] ?? 'x') && isDigit(s[start - 2])) return false;
  if (JOINERS.includes(s[end] ?? 'x') && isDigit(s[end + 1])) return false;
  return true;
}

// A unit or currency next to a number makes it a quantity (13800000000元, ￥13800000000).
// Units that are also common surnames (张, 万 before 先生/女士) must not hide a phone.
const UNIT_AFTER =
  /^ ?(?:元|圆|万(?!先生|女士|老师|同志|某)|亿|千元|百万|%|‰|人次|人|户|件|次|个|吨|亩|平方米|立方米|公里|千米|千克|公斤|辆|台|套|册|页|天|小时|年度)/;
const CURRENCY_BEFORE = /(?:¥|￥|\$|人民币|金额|资金|合计|总计|小计|预算数|决算数)[ :：]?$/;

function looksLikeQuantity(s: string, start: number, end: number): boolean {
  return (
    UNIT_AFTER.test(s.slice(end, end + 6)) ||
    CURRENCY_BEFORE.test(s.slice(Math.max(0, start - 8), start))
  );
}

// Labels of identifiers that are not personal data but can share a shape with it.
const CODE_LABEL =
  /代码|编码|注册号|识别号|税号|索引号|编号|文号|订单号|流水号|单号|批准号|许可证号|证书号|合同号|批次号|条码|序列号|工号|学号|考号|车架号|发票号/;
const PASSPORT_LABEL = /护照|通行证|证件号|passport/i;
// Mixed headers such as 统一社会信用代码（身份证号） hold personal numbers for natural persons.
const PERSONAL_LABEL = /身份证|身份号码|证件号|手机|电话|联系方式|银行卡|卡号|账号|护照/;
const isCodeLabel = (label: string): boolean => CODE_LABEL.test(label) && !PERSONAL_LABEL.test(label);

/**
 * Where a field label for the value at `start` sits: at most 20 chars back, after the last
 * clause break and after the last preceding value (邮政编码255400 电话138… labels only 电话).
 */
function labelBefore(s: string, start: number): string {
  const window = s.slice(Math.max(0, start - 20), start);
  let cut = -1;
  for (let i = window.length - 1; i >= 0; i--) {
    if ('，。；;！？\n\t|'.includes(window[i]) || /[0-9A-Za-z]/.test(window[i])) {
      cut = i;
      break;
    }
  }
  return window.slice(cut + 1);
}

/** Labelled (inline or by table column header) as a code, or sitting in an amount column. */
function inCodeContext(ctx: Ctx, start: number): boolean {
  if (isCodeLabel(labelBefore(ctx.s, start))) return true;
  const header = ctx.tables.headerAt(start);
  return header !== undefined && (isCodeLabel(header) || isQuantityHeader(header));
}

/** Runs a global regex, trying again one character later when a match is rejected. */
function* matches(s: string, re: RegExp, accept: (m: RegExpExecArray) => boolean): Generator<[number, number]> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    if (accept(m)) {
      yield [m.index, m.index + m[0].length];
      re.lastIndex = m.index + m[0].length;
    } else {
      re.lastIndex = m.index + 1;
    }
  }
}

function numericOk(ctx: Ctx, start: number, end: number): boolean {
  return isolated(ctx.s, start, end) && !looksLikeQuantity(ctx.s, start, end) && !inCodeContext(ctx, start);
}

function* idCards(ctx: Ctx): Generator<Candidate> {
  // Some forms print ID numbers grouped 6-8-4 with spaces.
  for (const [start, end] of matches(ctx.s, /\d{6}( ?)\d{8}\1\d{3}[\dXx]/g, (m) =>
    isValidIdCard18(m[0].replace(/ /g, ''), ctx.year) && numericOk(ctx, m.index, m.index + m[0].length))) {
    yield { kind: 'id_card', severity: 'high', start, end };
  }
  // A valid region and birth date with the wrong check character: most likely a mistyped real number.
  // Only a hint (not a block); labelled codes (文号, 档案编号 …) stay silent through numericOk.
  for (const [start, end] of matches(ctx.s, /\d{6}( ?)\d{8}\1\d{3}[\dXx]/g, (m) => {
    const id = m[0].replace(/ /g, '');
    return !isValidIdCard18(id, ctx.year) && isIdCard18Typo(id, ctx.year) && numericOk(ctx, m.index, m.index + m[0].length);
  })) {
    yield { kind: 'id_card_suspect', severity: 'low', start, end };
  }
  for (const [start, end] of matches(ctx.s, /\d{15}/g, (m) =>
    isPlausibleIdCard15(m[0]) && numericOk(ctx, m.index, m.index + 15))) {
    yield { kind: 'id_card', severity: 'high', start, end };
  }
}

// UnionPay 62, Visa 4, Mastercard 51-55, JCB 35 and the 60/65 ranges. Amex (34/37) and Diners
// (36) are 14-15 digits, and 37 is also Shandong's region prefix, so 3x is limited to 35.
const CARD_IIN = /^(?:62|60|65|4|5[1-5]|35)/;

function* bankCards(ctx: Ctx): Generator<Candidate> {
  const accept = (m: RegExpExecArray): boolean => {
    const digits = m[0].replace(/[ -]/g, '');
    if (digits.length < 16 || digits.length > 19) return false;
    if (!CARD_IIN.test(digits) || !luhnValid(digits)) return false;
    if (digits.length === 18 && isValidIdCard18(digits, ctx.year)) return false;
    return numericOk(ctx, m.index, m.index + m[0].length);
  };
  for (const re of [/\d{16,19}/g, /\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?/g]) {
    for (const [start, end] of matches(ctx.s, re, accept)) yield { kind: 'bank_card', severity: 'high', start, end };
  }
}

function* mobiles(ctx: Ctx): Generator<Candidate> {
  // Optional country prefix (+86, 0086, 86-, (+86)), then 3-4-4 with one consistent separator.
  const re = /(?:\(\+?86\) ?|(?:\+|00)86[- ]?|86-?)?1[3-9]\d([- ]?)\d{4}\1\d{4}/g;
  for (const [start, end] of matches(ctx.s, re, (m) => numericOk(ctx, m.index, m.index + m[0].length))) {
    yield { kind: 'mobile', severity: 'high', start, end };
  }
}

const LOCAL_CHAR = /^[A-Za-z0-9._%+-]$/;
const DOMAIN_CHAR = /^[A-Za-z0-9.-]$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Scans outward from each '@' instead of one big regex, which keeps long ASCII runs linear. */
function* emails(s: string): Generator<Candidate> {
  for (let at = s.indexOf('@'); at !== -1; at = s.indexOf('@', at + 1)) {
    let a = at;
    while (a > 0 && LOCAL_CHAR.test(s[a - 1]) && at - a < 64) a--;
    if (a > 0 && LOCAL_CHAR.test(s[a - 1])) continue; // local part longer than 64: not an address
    while (a < at && s[a] === '.') a++;
    if (a === at) continue;
    let b = at + 1;
    while (b < s.length && DOMAIN_CHAR.test(s[b]) && b - at <= 255) b++;
    while (b > at + 1 && (s[b - 1] === '.' || s[b - 1] === '-')) b--;
    const labels = s.slice(at + 1, b).split('.');
    if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l))) continue;
    if (!/^[A-Za-z]{2,}$/.test(labels[labels.length - 1])) continue;
    // Institutional *.gov.cn mailboxes are published on purpose.
    const severity: PrivacySeverity = /\.gov\.cn$/i.test(s.slice(at + 1, b)) ? 'low' : 'high';
    yield { kind: 'email', severity, start: a, end: b };
  }
}

function* landlines(ctx: Ctx): Generator<Candidate> {
  // Area code 010/02X (8-digit numbers) or 0[3-9]XX (7-8 digits), with a separator or
  // parentheses so bare 0-led serials are not read as phones; optional extension.
  const re = /(?:\((0(?:10|2\d|[3-9]\d\d))\) ?|(0(?:10|2\d|[3-9]\d\d))[- ])([2-9]\d{6,7})(?:(?:-|转)\d{1,5})?/g;
  const accept = (m: RegExpExecArray): boolean => {
    const area = m[1] ?? m[2];
    if (area.length === 3 && m[3].length !== 8) return false;
    return isolated(ctx.s, m.index, m.index + m[0].length) && !inCodeContext(ctx, m.index);
  };
  for (const [start, end] of matches(ctx.s, re, accept)) yield { kind: 'landline', severity: 'low', start, end };
}

function* passports(ctx: Ctx): Generator<Candidate> {
  // Passport-shaped strings (E12345678) are also product and project codes, so require a label.
  const re = /(?:[CE][A-HJ-NP-Z]\d{7}|[CEG]\d{8})/g;
  const accept = (m: RegExpExecArray): boolean =>
    isolated(ctx.s, m.index, m.index + m[0].length) &&
    (PASSPORT_LABEL.test(labelBefore(ctx.s, m.index)) || PASSPORT_LABEL.test(ctx.tables.headerAt(m.index) ?? ''));
  for (const [start, end] of matches(ctx.s, re, accept)) yield { kind: 'passport', severity: 'high', start, end };
}

function resolveOverlaps(candidates: Candidate[], length: number): Candidate[] {
  const ordered = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || PRIORITY[b.kind] - PRIORITY[a.kind] || a.start - b.start,
  );
  const taken = new Uint8Array(length);
  const kept: Candidate[] = [];
  for (const c of ordered) {
    if (taken.subarray(c.start, c.end).some((x) => x === 1)) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}
