// How audit records read on the page: local time (Asia/Shanghai, the platform's zone) and Chinese action names.

const FMT = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** "2026-12-01 09:30:05" in Beijing time for an ISO instant; the input unchanged when it is not one. */
export function formatLocal(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(FMT.formatToParts(d).map((p) => [p.type, p.value]));
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return `${parts.year}-${parts.month}-${parts.day} ${hour}:${parts.minute}:${parts.second}`;
}

/** The UTC instant at which a Beijing-time calendar day starts (for date filters). */
export const localDayStartUtc = (day: string): string => new Date(`${day}T00:00:00+08:00`).toISOString();
/** The UTC instant at which the Beijing-time day after `day` starts. */
export const localDayEndUtc = (day: string): string => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86400_000).toISOString();

/** Chinese names of the recorded actions (the code stays visible beside unknown ones). */
export const ACTION_LABELS: Record<string, string> = {
  'personal_data.read': '查看个人信息',
  'auth.login': '登录', 'auth.logout': '退出登录', 'auth.login_failed': '登录失败', 'auth.locked': '账号临时锁定',
  'auth.login_refused': '拒绝登录（锁定中）', 'auth.ip_throttled': '来源地址被限制登录', 'auth.password_ok_totp_due': '密码正确，待动态验证码',
  'auth.totp_failed': '动态验证码错误', 'auth.totp_enable': '启用双因素认证', 'auth.totp_disable': '关闭双因素认证',
  'auth.password_change': '修改密码', 'auth.session_revoke': '结束登录会话',
  'token.create': '创建访问令牌', 'token.revoke': '撤销访问令牌',
  'user.create': '新增用户', 'user.update': '修改用户', 'user.reset_password': '重置密码', 'user.contact': '修改联系方式',
  'unit.create': '新增单位', 'unit.update': '修改单位',
  'audit.purge': '按保存期限清理审计记录',
  'calendar.import': '导入节假日安排', 'calendar.override.add': '新增本地调整', 'calendar.override.remove': '删除本地调整',
  'plan.import': '导入工作方案', 'plan.copy': '复制工作方案', 'plan.task.assign': '分配任务单位',
  'category.create': '新增栏目', 'category.rename': '栏目改名',
  'collection.create': '新建特色主题', 'collection.update': '修改特色主题', 'collection.delete': '删除特色主题', 'collection.add_item': '主题加入信息', 'collection.remove_item': '主题移除信息',
  'gazette.create': '新建公报', 'gazette.publish': '发布公报', 'gazette.unpublish': '撤销发布公报', 'gazette.entry.add': '公报加入文件', 'gazette.entry.move': '公报调整顺序', 'gazette.entry.remove': '公报移除文件',
  'ledger.create': '新建台账', 'ledger.sync_rows': '同步台账任务', 'ledger.request_review': '提交单位审核', 'ledger.reviewer_return': '单位审核退回',
  'ledger.submit': '报送台账', 'ledger.return': '退回台账', 'ledger.accept': '通过台账', 'ledger.reopen': '重新打开台账', 'ledger.guidance': '牵头部门指导意见',
  'ledger.import': '导入台账', 'ledger.measure.add': '新增工作举措', 'ledger.measure.update': '修改工作举措', 'ledger.measure.delete': '删除工作举措', 'ledger.measure.status': '更新举措状态', 'ledger.measure.due_recomputed': '时限调整后重算举措到期日',
  'ledger.progress.add': '填写进展', 'ledger.evidence.add': '添加佐证材料', 'ledger.evidence.remove': '删除佐证材料', 'ledger.tracking': '台账跟踪',
  'ledger.assessment_scheme': '修改考核方案', 'ledger.lookback.generate': '生成回头看', 'ledger.rectification.update': '更新整改', 'ledger.settings.lead_duty': '设置牵头职责', 'ledger.settings.reminder_days': '设置提醒天数',
  'item.create': '政府信息：新建', 'item.update': '政府信息：修改', 'item.submit': '政府信息：提交审核', 'item.recall': '政府信息：撤回提交', 'item.return': '政府信息：退回修改',
  'item.publish': '政府信息：保密审查并签发', 'item.unpublish': '政府信息：撤销发布', 'item.reopen': '政府信息：重新编辑', 'item.refuse': '政府信息：退文', 'item.exempt': '政府信息：免于解读',
  'item.privacy.mask': '政府信息：遮盖个人信息', 'item.privacy.keep': '政府信息：保留个人信息', 'item.attachment.add': '政府信息：上传附件', 'item.attachment.remove': '政府信息：删除附件',
  'item.validity.amend': '政府信息：被修改', 'item.validity.repeal': '政府信息：被废止', 'item.validity.expire': '政府信息：有效期届满', 'item.validity.extend': '政府信息：修改有效期', 'item.validity.replaces': '政府信息：修改或废止其他文件',
  'item.review.keep': '政府信息：复核维持', 'item.review.convert': '政府信息：复核转主动公开', 'item.interp.due': '政府信息：解读期限更新',
  'item.import.historic': '政府信息：导入历史信息',
  // Issue 19: every module's actions read in Chinese (src/audit/audit-labels.test.ts scans the sources for codes).
  'plan.update': '修改方案信息', 'plan.task.edit': '修改方案任务', 'plan.task.unassign': '取消指定任务单位', 'ledger.urge': '催报',
  'request.create': '依申请公开：登记申请', 'request.submit_online': '依申请公开：网上提交申请', 'request.confirm': '依申请公开：确认收到',
  'request.assigned': '依申请公开：交办', 'request.handed_back': '依申请公开：退回交办',
  'request.event.correction_requested': '依申请公开：告知补正', 'request.event.correction_received': '依申请公开：收到补正',
  'request.event.consultation_started': '依申请公开：征求第三方意见', 'request.event.consultation_ended': '依申请公开：第三方意见结束',
  'request.event.extended': '依申请公开：延期答复', 'request.event.replied': '依申请公开：答复',
  'request.fee_notice': '依申请公开：发出收费通知', 'request.fee_paid': '依申请公开：缴费', 'request.replied': '依申请公开：逾期未缴费终止',
  'request.letter': '依申请公开：出具答复书', 'request.delivered': '依申请公开：送达', 'request.search_record': '依申请公开：检索记录',
  'request.reply_file': '依申请公开：上传答复文件', 'request.public_reply': '依申请公开：发布到答复库', 'request.number_template': '依申请公开：设置申请编号规则', 'request.consultation_letter': '依申请公开：发出征求意见函', 'request.consultation_answer': '依申请公开：登记第三方答复', 'request.proactive_draft': '依申请公开：转主动公开（生成草稿）', 'request.proactive_link': '依申请公开：关联已有主动公开草稿',
  'request.appeal.create': '复议诉讼：登记', 'request.appeal.conclude': '复议诉讼：办结',
  'report.create': '年度报告：新建', 'report.update': '年度报告：修改', 'report.sign_off': '年度报告：审签', 'report.file': '年度报告：备案',
  'report.publish': '年度报告：公开', 'report.reopen': '年度报告：退回草稿', 'report.correct': '年度报告：更正', 'report.prior_figures': '年度报告：录入上年数据',
  'report.deadlines': '年度报告：设置报送期限',
  'decision.create': '重大行政决策：列入目录', 'decision.adjust': '重大行政决策：调整', 'decision.stage': '重大行政决策：完成环节', 'decision.terminate': '重大行政决策：终止',
  'decisions.settings': '重大行政决策：设置',
  'consultation.create': '征求意见：发起', 'consultation.comment': '征求意见：收到意见', 'consultation.record_comment': '征求意见：登记来信意见',
  'consultation.moderate': '征求意见：审核意见', 'consultation.moderate_group': '征求意见：整组审核意见', 'consultation.regroup': '征求意见：重新归组',
  'consultation.dispose': '征求意见：登记采纳情况', 'consultation.dispose_group': '征求意见：整组登记采纳情况',
  'consultation.publish_report': '征求意见：公布反馈报告', 'consultation.report_item': '征求意见：反馈报告登记为政府信息',
  'meeting.create': '列席：发起', 'meeting.signup': '列席：报名', 'meeting.draw': '列席：抽选', 'meeting.choose': '列席：确定人选', 'meeting.opinion': '列席：登记意见',
  'open_day.create': '政府开放日：发起', 'open_day.signup': '政府开放日：报名', 'open_day.cancel': '政府开放日：取消报名', 'open_day.attendance': '政府开放日：登记到场',
  'qa.entry.create': '政策问答：新建条目', 'qa.entry.update': '政策问答：修改条目', 'qa.entry.phrasing': '政策问答：条目增加问法', 'qa.entry.review': '政策问答：条目送审', 'qa.entry.published': '政策问答：发布条目',
  'qa.entry.draft': '政策问答：条目退回草稿', 'qa.entry.suspend': '政策问答：暂停条目', 'qa.feedback': '政策问答：收到反馈', 'qa.lexicon.add': '政策问答：新增词条', 'qa.lexicon.update': '政策问答：修改词条', 'qa.lexicon.delete': '政策问答：删除词条',
  'qa.entry.media.add': '政策问答：添加图解/视频', 'qa.entry.media.remove': '政策问答：删除图解/视频',
  'participant_notice.phoned': '参与通知：已电话通知', 'meeting.update': '列席：修改会议安排', 'open_day.update': '政府开放日：修改活动安排',
  'qa.reply_days': '留言咨询：设置答复期限', 'qa.message.create': '留言咨询：收到留言', 'qa.message.assign': '留言咨询：交办', 'qa.message.reply': '留言咨询：答复',
  'qa.message.escalate': '留言咨询：逾期督办',
  'site.identity': '网站标识：修改', 'site.office': '政府信息公开工作机构：修改', 'site.guide': '政府信息公开指南：生成新版本', 'site.columns': '网站自查：设置栏目',
  'site.checks': '网站自查：设置检查项', 'site.dictionary': '用词检查：修改词表', 'site.check': '网站自查：运行',
};

export const ENTITY_LABELS: Record<string, string> = {
  user: '用户', login: '登录', unit: '单位', api_token: '访问令牌', audit_log: '审计日志', info_item: '政府信息', plan: '工作方案', plan_task: '方案任务',
  plan_lead_duty: '牵头职责', ledger: '台账', ledger_measure: '工作举措', ledger_rectification: '整改', ledger_job: '台账任务', calendar_year: '节假日年度',
  calendar_override: '本地调整', category: '栏目', collection: '特色主题', gazette_issue: '公报', setting: '设置',
  settings: '设置', consultation: '征求意见', consultation_comment: '公众意见', consultation_group: '意见分组', decision: '重大行政决策', guide: '公开指南',
  info_request: '依申请公开', info_request_appeal: '复议诉讼', meeting: '列席', meeting_signup: '列席报名', open_day: '政府开放日', open_day_signup: '开放日报名',
  participant_notice: '参与通知', qa_entry: '问答条目', qa_feedback: '问答反馈', qa_lexicon: '问答词条', qa_message: '留言', report_annual: '年度报告', report_prior_figures: '上年数据',
  site_check_run: '网站自查',
};

export const actionLabel = (a: string) => ACTION_LABELS[a] ?? a;
export const entityLabel = (e: string) => ENTITY_LABELS[e] ?? e;

const FIELD_LABELS: Record<string, string> = {
  title: '标题', status: '状态', attribute: '公开属性', displayName: '姓名', display_name: '姓名', role: '角色', unitId: '所属单位', unit: '单位', disabled: '停用',
  name: '名称', code: '代码', kind: '类型', username: '用户名', user: '用户', content: '内容', note: '说明', label: '说明', url: '链接', reason: '理由',
  scope: '权限范围', module: '限定模块', expiresAt: '到期时间', validity: '有效性', valid_until: '有效期至', doc_number: '文号', published_on: '发布日期',
  due_date: '期限', tokensRevoked: '撤销的令牌数', mustChangePassword: '须修改密码', reason_code: '原因',
};
export const fieldLabel = (k: string) => FIELD_LABELS[k] ?? k;

export type DiffRow = { field: string; before: string | null; after: string | null };

const show = (v: unknown): string => {
  if (v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
};

/** Field-by-field changes between the recorded before/after JSON (only what differs; every field of a one-sided record). */
export function auditDiff(beforeJson: string | null, afterJson: string | null): DiffRow[] {
  const parse = (j: string | null): unknown => { if (j === null) return undefined; try { return JSON.parse(j); } catch { return j; } };
  const b = parse(beforeJson);
  const a = parse(afterJson);
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(b) && !isObj(a)) {
    if (b === undefined && a === undefined) return [];
    return [{ field: '内容', before: b === undefined ? null : show(b), after: a === undefined ? null : show(a) }];
  }
  const bo = isObj(b) ? b : {};
  const ao = isObj(a) ? a : {};
  const keys = [...new Set([...Object.keys(bo), ...Object.keys(ao)])];
  return keys
    .filter((k) => JSON.stringify(bo[k]) !== JSON.stringify(ao[k]) || !isObj(b) || !isObj(a))
    .map((k) => ({ field: fieldLabel(k), before: k in bo ? show(bo[k]) : null, after: k in ao ? show(ao[k]) : null }));
}
