// Boundary validation: one zod schema per input, every bad field reported by name in Chinese.
import { z } from 'zod';
import { invalid } from './errors.js';

// Control characters (except tab/newline) and U+FFFD (what broken UTF-8 decodes to) are never legitimate input.
const BAD_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;

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
  return z.coerce.number({ error: `${label}无效` }).int(`${label}无效`).positive(`请选择${label}`).max(2_147_483_647, `${label}无效`);
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
