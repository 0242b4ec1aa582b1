// The platform's indicators of the self-inspection as the sheet lists them (light: module.ts reads it;
// the checks themselves are in checks.ts and load when a run starts).
export type CheckMeta = { id: string; label: string; veto: boolean; threshold: string };

export const PLATFORM_CHECK_META: CheckMeta[] = [
  { id: 'home-updated', label: '首页更新（A02）', veto: true, threshold: '监测2周内首页有信息更新' },
  { id: 'undated-items', label: '信息发布时间（B19）', veto: false, threshold: '未注明发布时间的信息 = 0（视为不更新）' },
  { id: 'stale-columns', label: '栏目不更新（A03）', veto: true, threshold: '动态、要闻类2周内，通知公告、政策文件类6个月内未更新的栏目累计 ≥ 5个即否决' },
  { id: 'overdue-columns', label: '应更新未更新栏目（A04）', veto: true, threshold: '超过设定更新频率未更新的栏目 ≥ 10个即否决' },
  { id: 'blank-columns', label: '空白栏目（A05）', veto: true, threshold: '有栏目无内容 ≥ 5个即否决' },
  { id: 'broken-links', label: '链接可用性（A11）', veto: false, threshold: '站内链接、图片、附件不可用 = 0' },
  { id: 'external-links', label: '外部链接可用性', veto: false, threshold: '外部链接不可用 = 0（可关闭：离线部署时报告为未检查）' },
  { id: 'wording', label: '严重表述错误（A08、A09）', veto: true, threshold: '敏感词、领导姓名职务错误、错别字（未经审核人确认）= 0' },
  { id: 'normative-validity', label: '规范性文件有效性（B08）', veto: false, threshold: '已公开的行政规范性文件均标注有效性' },
  { id: 'guides', label: '政府信息公开指南要素（C07）', veto: false, threshold: '各机关指南的工作机构、地址、办公时间、电话、传真、电子邮箱齐全' },
];
