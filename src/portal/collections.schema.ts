// Input of the 特色主题 (themed collections) console.
import { z } from 'zod';
import { strictNumberInput, text } from '../lib/validate.js';

export const collectionInput = z.object({
  slug: text('专题标识', { max: 60 }).pipe(z.string().regex(/^[a-z0-9-]+$/, '专题标识只能包含小写字母、数字和连字符')),
  name: text('专题名称', { max: 60 }),
  description: z.preprocess((v) => (v === undefined || v === null ? '' : v), text('专题简介', { min: 0, max: 500, multiline: true })),
  sort: z.preprocess((v) => (v === '' || v === undefined ? 0 : strictNumberInput(v)), z.number({ error: '排序必须是数字' }).int('排序必须是整数').min(0, '排序不能小于0').max(9999, '排序不能超过9999')),
});
export type CollectionInput = z.output<typeof collectionInput>;

export const collectionItemInput = z.object({
  ref: text('信息', { max: 60 }),
  sort: z.preprocess((v) => (v === '' || v === undefined ? 0 : strictNumberInput(v)), z.number({ error: '排序必须是数字' }).int('排序必须是整数').min(0, '排序不能小于0').max(9999, '排序不能超过9999')),
});

export const COLLECTION_LABELS = { slug: '专题标识', name: '专题名称', description: '专题简介', sort: '排序', ref: '信息（索引号或编号）' };
