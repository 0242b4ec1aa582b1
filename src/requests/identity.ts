// Identity checks for the intake form. Pure.
//   居民身份证 (GB 11643-1999): 18 characters, a real birth date, ISO 7064 MOD 11-2 check character.
//   统一社会信用代码 (GB 32100-2015): 18 characters of 0-9 and A-Z without I O S V Z, MOD 31 check character.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Null when valid, else the problem in Chinese. */
export function residentIdProblem(raw: string): string | null {
  const id = raw.trim().toUpperCase();
  if (/^\d{15}$/.test(id)) return '请填写18位居民身份证号码（15位旧号码请换算为18位）';
  if (!/^\d{17}[\dX]$/.test(id)) return '居民身份证号码应为18位，最后一位可以是数字或X';
  if (id[0] === '0') return '居民身份证号码的地址码无效';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date.getTime() > Date.now()) {
    return '居民身份证号码中的出生日期无效';
  }
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  if (ID_CHECK[sum % 11] !== id[17]) return '居民身份证号码校验位不正确，请核对';
  return null;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeProblem(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return '统一社会信用代码应为18位';
  if ([...code].some((c) => !USCC_CHARS.includes(c))) return '统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）';
  const sum = USCC_WEIGHTS.reduce((s, w, i) => s + w * USCC_CHARS.indexOf(code[i]!), 0);
  const check = (31 - (sum % 31)) % 31;
  if (USCC_CHARS[check] !== code[17]) return '统一社会信用代码校验位不正确，请核对';
  return null;
}

export const normaliseId = (s: string) => s.trim().toUpperCase();
