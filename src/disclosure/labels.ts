// Chinese labels for the disclosure module's closed sets (one place, shared by pages, API and CLI).
import type { DisclosureAttribute, ItemStatus, ItemType, Validity } from '../db/disclosure.tables.js';
import { WITHHELD_BASES } from './pure/legal-basis.js';
import type { PrivacyKind } from './pure/privacy-types.js';

export const ATTRIBUTES = ['proactive', 'on_request', 'withheld'] as const satisfies readonly DisclosureAttribute[];
export const ITEM_TYPES = ['general', 'normative', 'policy', 'interpretation', 'penalty'] as const satisfies readonly ItemType[];
export const ITEM_STATUSES = ['draft', 'submitted', 'returned', 'published', 'withdrawn'] as const satisfies readonly ItemStatus[];
export const VALIDITIES = ['valid', 'amended', 'repealed', 'expired'] as const satisfies readonly Validity[];
export const INTERP_FORMS = ['text', 'graphic', 'video', 'qa'] as const;
export type InterpForm = (typeof INTERP_FORMS)[number];

export const ATTRIBUTE_LABELS: Record<DisclosureAttribute, string> = { proactive: '主动公开', on_request: '依申请公开', withheld: '不予公开' };
export const STATUS_LABELS: Record<ItemStatus, string> = { draft: '草稿', submitted: '待审核', returned: '已退回', published: '已发布', withdrawn: '已撤回' };
export const TYPE_LABELS: Record<ItemType, string> = {
  general: '一般政府信息', normative: '行政规范性文件', policy: '其他政策文件', interpretation: '政策解读', penalty: '行政处罚决定',
};
export const VALIDITY_LABELS: Record<Validity, string> = { valid: '有效', amended: '已修改', repealed: '已废止', expired: '已失效' };
export const INTERP_FORM_LABELS: Record<InterpForm, string> = { text: '文字', graphic: '图解', video: '视频', qa: '问答' };
export const PRIVACY_KIND_LABELS: Record<PrivacyKind, string> = {
  id_card: '居民身份证号', mobile: '手机号码', bank_card: '银行卡号', email: '电子邮箱', landline: '固定电话', passport: '护照号码',
  id_card_suspect: '疑似身份证号（校验位不符）',
};
export const BASIS_LABELS: Record<string, string> = Object.fromEntries(WITHHELD_BASES.map((b) => [b.code, `${b.article}：${b.label}`]));

/** A published item that is not proactive is signed off but not public: say so. */
export function statusLabel(item: { status: ItemStatus; attribute: DisclosureAttribute }): string {
  if (item.status === 'published' && item.attribute !== 'proactive') return `已审定（${ATTRIBUTE_LABELS[item.attribute]}，不在门户公开）`;
  return STATUS_LABELS[item.status];
}
