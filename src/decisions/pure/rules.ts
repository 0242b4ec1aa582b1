// Pure rules of consultations and the decision catalog: periods, statuses, stage order, labels.

/** Calendar days from `from` to `to` with the start day not counted (2026-12-01 → 2026-12-31 = 30). */
export function daysAfter(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const addDays = (d: string, n: number): string =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** 国务院令第713号 第十五条: at least 30 days for a major decision unless a shortening is explained. */
export const MAJOR_DECISION_MIN_DAYS = 30;

export type ConsultationStatus = 'not_open' | 'open' | 'closed';
export function consultationStatus(c: { opens_on: string; closes_on: string }, today: string): ConsultationStatus {
  if (today < c.opens_on) return 'not_open';
  if (today > c.closes_on) return 'closed';
  return 'open';
}
export const CONSULTATION_STATUS_LABELS: Record<ConsultationStatus, string> = { not_open: '尚未开始', open: '正在征求意见', closed: '已结束' };

export const KIND_LABELS = { major_decision: '重大行政决策', normative: '行政规范性文件', other: '其他' } as const;
export const CHANNELS = ['网站', '新媒体', '新闻发布会', '查阅场所', '报刊广播电视'] as const;

export const DISPOSITIONS = ['adopted', 'partly', 'not_adopted', 'out_of_scope'] as const;
export const DISPOSITION_LABELS: Record<(typeof DISPOSITIONS)[number], string> = {
  adopted: '采纳', partly: '部分采纳', not_adopted: '未采纳', out_of_scope: '不属于本次征求范围',
};

/** Reason categories for withholding a comment (the public sees the category, never the text). */
export const WITHHELD_REASONS = {
  pending: '待审核',
  personal_data: '含个人隐私等不宜公开的信息',
  off_topic: '与本次征求意见无关',
  abusive: '含违法或不文明内容',
  advertising: '广告或垃圾信息',
  duplicate_submission: '同一人重复提交',
} as const;
export type WithheldReason = keyof typeof WITHHELD_REASONS;

// ── the decision catalog ──

/** 国务院令第713号 第三条 (一)–(五). */
export const CATEGORY_LABELS: Record<string, string> = {
  '1': '（一）制定有关公共服务、市场监管、社会管理、环境保护等方面的重大公共政策和措施',
  '2': '（二）制定经济和社会发展等方面的重要规划',
  '3': '（三）制定开发利用、保护重要自然资源和文化资源的重大公共政策和措施',
  '4': '（四）决定在本行政区域实施的重大公共建设项目',
  '5': '（五）决定对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项',
};

export const STEP_LABELS = { public: '公众参与', expert: '专家论证', risk: '风险评估', legality: '合法性审查', collective: '集体讨论决定' } as const;
export type StatutoryStep = keyof typeof STEP_LABELS;

export const STAGES = ['planned', 'drafting', 'consultation', 'assessment', 'legality', 'collective', 'published', 'implementing', 'evaluation'] as const;
export type Stage = (typeof STAGES)[number] | 'terminated';
export const STAGE_LABELS: Record<Stage, string> = {
  planned: '拟启动', drafting: '起草', consultation: '征求意见', assessment: '专家论证/风险评估', legality: '合法性审查',
  collective: '集体讨论', published: '决策公布', implementing: '执行', evaluation: '后评估', terminated: '终止',
};
/** The document that proves a stage is done (completing the stage needs it). */
export const STAGE_EVIDENCE: Record<(typeof STAGES)[number], string> = {
  planned: '启动决策的文件', drafting: '决策草案及说明', consultation: '征求意见及采纳情况', assessment: '专家论证意见或风险评估报告',
  legality: '合法性审查意见', collective: '集体讨论决定的会议纪要', published: '决策结果', implementing: '执行情况报告', evaluation: '决策后评估报告',
};

export function nextStage(s: Stage): Stage | null {
  if (s === 'terminated') return null;
  const i = STAGES.indexOf(s);
  return i >= 0 && i < STAGES.length - 1 ? STAGES[i + 1]! : null;
}
