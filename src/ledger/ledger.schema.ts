// Input schemas of the ledger module (forms and JSON API share them).
import { z } from 'zod';
import { intId, isoDate, oneOf, optionalText, strictNumberInput, text } from '../lib/validate.js';
import { SETTABLE_STATUSES } from './ledger-rules.js';
import { PARTICIPATION_TARGETS } from '../decisions/public.js';

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
export const optionalDate = (label: string) => z.preprocess(blank, isoDate(label).optional());
const optionalMultiline = (label: string, max: number) => z.preprocess(blank, text(label, { max, multiline: true }).optional());

export const measureInput = z.object({
  content: text('工作举措', { max: 2000, multiline: true }),
  timeLimit: optionalMultiline('时限要求', 500),
  leader: optionalText('单位分管领导', 40),
  section: optionalText('责任科室', 60),
  dueDate: optionalDate('到期日'),
  anchorDate: optionalDate('起算日期'),
  status: z.preprocess((v) => blank(v) ?? 'not_started', oneOf('状态', SETTABLE_STATUSES)),
  completedOn: optionalDate('完成日期'),
});
export type MeasureInput = z.output<typeof measureInput>;

/** The part of a measure a unit may update at any time, also after submission. */
export const measureStatusInput = z.object({
  status: z.preprocess((v) => blank(v) ?? 'not_started', oneOf('状态', SETTABLE_STATUSES)),
  completedOn: optionalDate('完成日期'),
});

export const progressInput = z.object({
  onDate: optionalDate('进展日期'),
  note: text('进展情况', { max: 2000, multiline: true }),
});

export const evidenceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('item'), itemId: intId('政府信息编号'), label: optionalText('说明', 200) }),
  z.object({
    kind: z.literal('url'),
    url: text('链接', { max: 500 }).refine((s) => /^https?:\/\/[^\s]+$/i.test(s), '链接应以 http:// 或 https:// 开头'),
    label: optionalText('说明', 200),
  }),
  z.object({
    kind: z.literal('participation'),
    target: oneOf('记录类型', PARTICIPATION_TARGETS),
    targetId: intId('记录编号'),
    label: optionalText('说明', 200),
  }),
], { error: '请选择佐证材料类型' });

export const commentInput = z.object({ body: text('意见', { max: 2000, multiline: true }) });
export const optionalCommentInput = z.object({ comment: optionalMultiline('意见', 2000) });
export const requiredCommentInput = z.object({ comment: text('意见', { max: 2000, multiline: true }) });

export const createInput = z.object({ planId: intId('工作方案'), unitId: z.preprocess(blank, intId('单位').optional()) });

export const reminderDaysInput = z.object({
  reminderDays: z.preprocess((v) => strictNumberInput(v, true), z.number({ error: '提前提醒天数必须是数字' }).int('提前提醒天数必须是整数').min(0, '提前提醒天数不能为负数').max(30, '提前提醒天数不能超过30')),
});

export const contactInput = z.object({
  userId: intId('用户'),
  email: z.preprocess(blank, text('电子邮箱', { max: 200 }).refine((s) => /^[^\s<>@,;:"]+@[^\s<>@,;:"]+\.[^\s<>@,;:"]+$/.test(s), '电子邮箱格式不正确').optional()),
});

export const rectificationInput = z.object({
  status: oneOf('整改状态', ['pending', 'in_progress', 'done']),
  note: optionalMultiline('整改情况', 2000),
  completedOn: optionalDate('完成日期'),
});

export const dutyOverrideInput = z.object({
  dutyId: intId('牵头事项'),
  taskSeq: z.preprocess((v) => strictNumberInput(v, true), z.number({ error: '任务序号必须是数字' }).int('任务序号必须是整数').positive('任务序号必须是正整数')),
  mode: oneOf('操作', ['add', 'remove']),
});
