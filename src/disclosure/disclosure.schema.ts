// Input schemas of the disclosure module (zod), with the Chinese field labels the forms and API report.
import { z } from 'zod';
import { intId, isoDate, oneOf, optionalText, strictNumberInput, text } from '../lib/validate.js';
import { WITHHELD_BASIS_CODES } from './pure/legal-basis.js';
import { ATTRIBUTES, INTERP_FORMS, ITEM_STATUSES, ITEM_TYPES } from './labels.js';

export const MAX_BODY_CHARS = 200_000;

/** Form checkboxes send "on"; JSON sends booleans. Absent is false. */
export const checkbox = z.preprocess((v) => v === 'on' || v === '1' || v === 'true' || v === true || v === 1, z.boolean());
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
/** Dates the working calendar can count (2000–2099). */
const dateIn = (label: string) => isoDate(label).refine((s) => s >= '2000-01-01' && s <= '2099-12-31', `${label}应在2000年至2099年之间`);
export const optionalDate = (label: string) => z.preprocess(blankToUndefined, dateIn(label).optional());
const optionalInt = (label: string, min: number, max: number) => z.preprocess((v) => { const b = blankToUndefined(v); return b === undefined ? undefined : strictNumberInput(b); },
  z.number({ error: `${label}必须是数字` }).int(`${label}必须是整数`).min(min, `${label}至少为${min}`).max(max, `${label}不能超过${max}`).optional());
const optionalId = (label: string) => z.preprocess(blankToUndefined, intId(label).optional());
const optionalEnum = <T extends string>(label: string, values: readonly [T, ...T[]]) => z.preprocess(blankToUndefined, oneOf(label, values).optional());

export const ITEM_LABELS: Record<string, string> = {
  unitId: '发布机构', itemType: '信息类型', title: '标题', docNumber: '文号', categoryCode: '公开目录', topicCode: '主题分类',
  writtenOn: '成文日期', formedOn: '信息形成（变更）日期', disclosureDays: '公开时限（工作日）', attribute: '公开属性',
  withheldBasis: '不予公开依据', attributeReason: '认定理由', body: '正文', validUntil: '有效期至',
  needsInterpretation: '需要政策解读', policyItemId: '所解读的政策文件', interpForm: '解读形式',
  confidentialityChecked: '保密审查', publishedOn: '发布日期', nextReviewOn: '下次复核日期', reason: '理由', comment: '退回意见',
  byItemId: '新文件', action: '操作', note: '复核意见', kind: '类型', text: '内容', source: '位置', start: '位置',
  year: '年份', number: '期号', itemRef: '政府信息', sort: '排序', name: '名称', code: '代码', parentCode: '上级', tree: '分类树',
};

/** The disclosure attribute with its legal basis: withheld needs a basis and a reason. */
const attributeFields = {
  attribute: oneOf('公开属性', ATTRIBUTES),
  withheldBasis: optionalEnum('不予公开依据', WITHHELD_BASIS_CODES),
  attributeReason: optionalText('认定理由', 1000),
};
type AttributeInput = { attribute: string; withheldBasis?: string; attributeReason?: string };
function checkAttribute(v: AttributeInput, ctx: z.RefinementCtx) {
  if (v.attribute !== 'withheld') return;
  if (!v.withheldBasis) ctx.addIssue({ code: 'custom', path: ['withheldBasis'], message: '不予公开必须选择法定依据' });
  if (!v.attributeReason) ctx.addIssue({ code: 'custom', path: ['attributeReason'], message: '不予公开必须说明理由' });
}

export const itemInput = z.object({
  unitId: optionalId('发布机构'),
  itemType: z.preprocess((v) => blankToUndefined(v) ?? 'general', oneOf('信息类型', ITEM_TYPES)),
  title: text('标题', { max: 200 }),
  docNumber: optionalText('文号', 100),
  categoryCode: optionalText('公开目录', 40),
  topicCode: optionalText('主题分类', 40),
  writtenOn: optionalDate('成文日期'),
  formedOn: optionalDate('信息形成（变更）日期'),
  disclosureDays: optionalInt('公开时限（工作日）', 1, 60),
  ...attributeFields,
  body: text('正文', { max: MAX_BODY_CHARS, multiline: true }),
  validUntil: optionalDate('有效期至'),
  needsInterpretation: checkbox,
  policyItemId: optionalId('所解读的政策文件'),
  interpForm: optionalEnum('解读形式', INTERP_FORMS),
}).superRefine((v, ctx) => {
  checkAttribute(v, ctx);
  if (v.itemType === 'interpretation') {
    if (!v.policyItemId) ctx.addIssue({ code: 'custom', path: ['policyItemId'], message: '政策解读必须关联所解读的政策文件' });
    if (!v.interpForm) ctx.addIssue({ code: 'custom', path: ['interpForm'], message: '请选择解读形式' });
  }
});
export type ItemInput = z.output<typeof itemInput>;

export const signoffInput = z.object({
  confidentialityChecked: checkbox.refine((b) => b, '签发前必须确认已完成保密审查'),
  ...attributeFields,
  publishedOn: optionalDate('发布日期'),
  nextReviewOn: optionalDate('下次复核日期'),
  /** The reviewer confirmed the 用词检查 hits (signoff-guards.ts). */
  wordingConfirmed: checkbox,
}).superRefine(checkAttribute);
export type SignoffInput = z.output<typeof signoffInput>;

export const reasonInput = z.object({ reason: text('理由', { max: 1000, multiline: true }) });
export const commentInput = z.object({ comment: text('退回意见', { max: 1000, multiline: true }) });

export const maskInput = z.object({
  source: z.enum(['title', 'body'], { error: '附件中的个人信息无法在线遮盖，请删除附件并上传处理后的版本' }),
  start: z.preprocess((v) => strictNumberInput(v), z.number({ error: '位置无效' }).int('位置无效').min(0, '位置无效')),
  text: text('内容', { max: 200 }),
});
export const keepInput = z.object({
  kind: text('类型', { max: 20 }),
  text: text('内容', { max: 200 }),
  reason: text('理由', { max: 500, multiline: true }),
});

export const validityInput = z.object({
  action: z.enum(['amend', 'repeal'], { error: '请选择修改或废止' }),
  byItemId: optionalId('新文件'),
  reason: text('理由', { max: 1000, multiline: true }),
}).superRefine((v, ctx) => {
  if (v.action === 'amend' && !v.byItemId) ctx.addIssue({ code: 'custom', path: ['byItemId'], message: '修改必须指明作出修改的新文件' });
});
export const validUntilInput = z.object({ validUntil: optionalDate('有效期至'), reason: text('理由', { max: 1000, multiline: true }) });

export const reviewKeepInput = z.object({ note: text('复核意见', { max: 1000, multiline: true }), nextReviewOn: optionalDate('下次复核日期') });

export const listQuery = z.object({
  status: optionalEnum('状态', ITEM_STATUSES),
  itemType: optionalEnum('信息类型', ITEM_TYPES),
  attribute: optionalEnum('公开属性', ATTRIBUTES),
  q: optionalText('关键词', 100),
  page: optionalInt('页码', 1, 100000),
});
export type ListQuery = z.output<typeof listQuery>;
