/** Document categories of the synthetic corpus, with their Chinese labels (信息公开目录 style). */
export const CATEGORIES = {
  notice: '通知',
  plan: '实施方案',
  publicity: '公示',
  interpretation: '政策解读',
  announcement: '公告',
  report: '工作总结',
  penalty: '行政处罚决定书',
  budget: '预决算公开',
} as const;

export type Category = keyof typeof CATEGORIES;
