// Query-string input of the portal's list pages.
import { z } from 'zod';
import { ITEM_TYPES, VALIDITIES } from '../search/public.js';
import { strictNumberInput } from '../lib/validate.js';

const first = (v: unknown) => {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' && x.trim() === '' ? undefined : x;
};
const opt = <T extends z.ZodType>(s: T) => z.preprocess(first, s.optional());
const code = (label: string) => opt(z.string().max(40, `${label}无效`).regex(/^[\w.-]+$/, `${label}无效`));
// Strict numbers (issue 17): "0x10", "1e1", "[1]" are not page numbers.
const int = (label: string, min: number, max: number) =>
  z.preprocess((v) => { const x = first(v); return x === undefined ? undefined : strictNumberInput(x); },
    z.number({ error: `${label}无效` }).int(`${label}无效`).min(min, `${label}无效`).max(max, `${label}无效`).optional());

export const MAX_LIST_PAGE = 2000;
export const LIST_PAGE_SIZE = 20;

export const listQuery = z.object({
  category: code('分类'),
  topic: code('主题'),
  unit: int('发布机构', 1, 2_147_483_647),
  year: int('年份', 1949, 2200),
  type: opt(z.enum(ITEM_TYPES, { error: '信息类型无效' })),
  validity: opt(z.enum(VALIDITIES, { error: '有效性无效' })),
  page: int('页码', 1, MAX_LIST_PAGE),
}).strip();
export type ListQuery = z.output<typeof listQuery>;

export const LIST_LABELS = { category: '分类', topic: '主题', unit: '发布机构', year: '年份', type: '信息类型', validity: '有效性', page: '页码' };
