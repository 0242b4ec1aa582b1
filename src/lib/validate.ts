// Boundary validation: one zod schema per input, every bad field reported by name in Chinese.
import { z } from 'zod';
import { invalid } from './errors.js';

// Control characters (except tab/newline), U+FFFD (what broken UTF-8 decodes to) and the bidi embedding/
// override/isolate controls (U+202A–202E, U+2066–2069, U+061C: "report\u202Efdp.exe" shows as "reportexe.pdf")
// are never legitimate input.
const BAD_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd\u202a-\u202e\u2066-\u2069\u061c]/;

/** Whether a text (a label, a file name …) holds characters no field accepts. */
export const hasBadChars = (s: string): boolean => BAD_CHARS.test(s);

/** Why an uploaded file name is refused (control characters, bidi overrides, broken UTF-8, newlines), or null. */
export function fileNameProblem(name: string): string | null {
  if (BAD_CHARS.test(name) || /[\r\n\t]/.test(name)) return '文件名包含无效字符（控制字符、方向控制符或编码错误），请改名后重新上传';
  return null;
}

/**
 * Strict numbers: a JSON number, or a string of plain decimal digits (optionally signed, with a decimal
 * part when `decimals`). z.coerce would read `[1]` as 1, "0x10" as 16, "1e1" as 10 and " 1" as 1.
 */
export function strictNumberInput(v: unknown, decimals = false): unknown {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && (decimals ? /^-?\d{1,15}(\.\d{1,10})?$/ : /^-?\d{1,15}$/).test(v)) return Number(v);
  return Number.NaN;
}

/** An integer field parsed strictly (see strictNumberInput). */
export const strictInt = (message: string) => z.preprocess((v) => strictNumberInput(v), z.number({ error: message }).int(message));

/** A required (or optional) text field with Chinese messages. */
export function text(label: string, opts: { min?: number; max?: number; multiline?: boolean } = {}) {
  const min = opts.min ?? 1;
  const max = opts.max ?? 200;
  return z
    .string({ error: `${label}必须是文本` })
    .transform((s) => (opts.multiline ? s.replace(/\r\n/g, '\n').trim() : s.trim()))
    .pipe(
      z.string()
        .min(min, min <= 1 ? `请填写${label}` : `${label}至少需要${min}个字符`)
        .max(max, `${label}不能超过${max}个字符`)
        .refine((s) => !BAD_CHARS.test(s), `${label}包含无效字符（可能是编码错误）`)
        .refine((s) => opts.multiline || !/[\r\n]/.test(s), `${label}不能包含换行`),
    );
}

export const optionalText = (label: string, max = 200) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), text(label, { max }).optional());

export function intId(label: string) {
  // An empty selection ('') still reads "请选择…" as before.
  return z.preprocess((v) => (v === '' ? 0 : strictNumberInput(v)), z.number({ error: `${label}无效` }).int(`${label}无效`).positive(`请选择${label}`).max(2_147_483_647, `${label}无效`));
}

export function oneOf<T extends string>(label: string, values: readonly [T, ...T[]]) {
  return z.enum(values, { error: `请选择有效的${label}` });
}

export const isoDate = (label: string) =>
  z.string({ error: `请填写${label}` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`).refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, `${label}不是有效日期`);

/** Parses input or throws AppError('invalid') with one Chinese message per bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    if (!fields[key]) fields[key] = issue.code === 'unrecognized_keys' ? '包含无法识别的字段' : issue.message;
  }
  throw invalid(fields);
}
