// Input of the public search (query string of /search and /api/v1/public/search).
import { z } from 'zod';
import type { ItemType, Validity } from '../db/disclosure.tables.js';
import { strictNumberInput } from '../lib/validate.js';

export const ITEM_TYPES = ['general', 'normative', 'policy', 'interpretation', 'penalty'] as const satisfies readonly ItemType[];
export const VALIDITIES = ['valid', 'amended', 'repealed', 'expired'] as const satisfies readonly Validity[];
export const MAX_QUERY_CHARS = 100;
export const MAX_PAGE = 500;
export const PAGE_SIZE = 10;

/** Query strings may repeat a key (?q=a&q=b): take the first; '' means "not given". */
const first = (v: unknown) => {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' && x.trim() === '' ? undefined : x;
};
const opt = <T extends z.ZodType>(s: T) => z.preprocess(first, s.optional());
// Strict numbers (issue 17): "0x10", "1e1", "[1]" are not numbers here.
const num = <T extends z.ZodType>(s: T) => z.preprocess((v) => { const x = first(v); return x === undefined ? undefined : strictNumberInput(x); }, s.optional());

export const searchInput = z.object({
  q: z.preprocess((v) => first(v) ?? '', z.string({ error: '搜索词必须是文本' }).max(MAX_QUERY_CHARS, `搜索词不能超过${MAX_QUERY_CHARS}个字符`))
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, ' ').trim()),
  category: opt(z.string().max(40, '分类无效').regex(/^[\w.-]+$/, '分类无效')),
  unit: num(z.number({ error: '发布机构无效' }).int('发布机构无效').positive('发布机构无效').max(2_147_483_647, '发布机构无效')),
  year: num(z.number({ error: '年份无效' }).int('年份无效').min(1949, '年份无效').max(2200, '年份无效')),
  validity: opt(z.enum(VALIDITIES, { error: '请选择有效的有效性' })),
  type: opt(z.enum(ITEM_TYPES, { error: '请选择有效的信息类型' })),
  sort: opt(z.enum(['relevance', 'date'], { error: '排序方式无效' })),
  page: num(z.number({ error: '页码无效' }).int('页码无效').min(1, '页码无效').max(MAX_PAGE, `页码不能超过${MAX_PAGE}`)),
}).strip();

export type SearchInput = z.output<typeof searchInput>;
export const SEARCH_LABELS = { q: '搜索词', category: '公开目录', unit: '发布机构', year: '发布年度', validity: '有效性', type: '信息类型', sort: '排序', page: '页码' };
