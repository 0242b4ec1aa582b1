// Chinese labels of the requests module.
import { APPLICANT_COLUMN, decisionRow, DECISION_CODES, type ApplicantType, type DecisionCode } from './table3.js';

export const APPLICANT_LABELS: Record<ApplicantType, string> = { ...APPLICANT_COLUMN, other_org: '其他组织' };

/** "不予公开：保护第三方合法权益" from the table-3 row of the decision. */
export function decisionLabel(code: string): string {
  if (!(DECISION_CODES as readonly string[]).includes(code)) return code;
  return decisionRow(code as DecisionCode).split('/').map((s) => s.replace(/^（[一二三四五六七]）|^\d+\./, '')).join('：');
}

export const EVENT_LABELS: Record<string, string> = {
  submitted: '提交申请', received: '收到申请（开始计时）', correction_requested: '告知补正', correction_received: '收到补正材料（重新计时）',
  consultation_started: '征求意见（暂停计时）', consultation_ended: '征求意见结束（恢复计时）', extended: '延长答复期限',
  fee_notice: '发出收费通知（暂停计时）', fee_paid: '缴纳信息处理费（恢复计时）', replied: '答复（办结）', assigned: '交办承办单位', handed_back: '承办单位退回',
};

export const CLOCK_STEP_LABELS: Record<string, string> = {
  start: '开始计时', pause: '暂停计时', resume: '恢复计时', restart: '补正后重新计时', extend: '延期', close: '结束计时',
};
