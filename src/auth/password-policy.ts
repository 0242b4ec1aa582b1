// The password policy (issue 17, 等保2.0 三级 身份鉴别): at least 12 characters from at least three of
// lower case, upper case, digits and symbols; not containing the username; not a common password
// (data/security/common-passwords.txt, compared after undoing l33t spelling and trailing digits).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  if (!common) {
    const file = fileURLToPath(new URL('../../data/security/common-passwords.txt', import.meta.url));
    common = new Set(readFileSync(file, 'utf8').split('\n').map((l) => l.trim().toLowerCase()).filter((l) => l && !l.startsWith('#')));
  }
  return common;
}

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '0': 'o', '1': 'i', '!': 'i', '3': 'e', '$': 's', '5': 's', '7': 't' };

/** The forms of a password compared with the common list. */
function variants(password: string): string[] {
  const lower = password.toLowerCase();
  const stripped = lower.replace(/[\d\W_]+$/u, '');
  const unleet = (s: string) => [...s].map((c) => LEET[c] ?? c).join('');
  return [lower, stripped, unleet(lower), unleet(lower).replace(/[\d\W_]+$/u, ''), unleet(stripped), lower.replace(/[\W_]/gu, '')].filter(Boolean);
}

export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  return variants(password).some((v) => list.has(v));
}

/** Why the password is not acceptable (a Chinese message), or null when it is. */
export function passwordProblem(password: string, username = ''): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少需要${PASSWORD_MIN_LENGTH}个字符`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码不能超过${PASSWORD_MAX_LENGTH}个字符`;
  if (/[\u0000-\u001f\u007f]/.test(password)) return '密码不能包含控制字符';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  const u = username.trim().toLowerCase();
  if (u.length >= 3 && password.toLowerCase().includes(u)) return '密码不能包含用户名';
  if (isCommonPassword(password)) return '密码过于常见，容易被猜中，请换一个';
  return null;
}
