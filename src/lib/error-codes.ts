// The closed set of error codes the platform answers with (`{ error: { code, message, fields } }`
// in the API, the same message on pages). Each code has one kind (→ HTTP status) and a meaning.
// Add a module's codes in its own section; throw them with `fail(code, message?, fields?)` from
// errors.ts (or `new AppError(kind, code, …)` with the same kind). /api/docs lists them.
// Codes named by an API contract (e.g. CONSULTATION_TOO_SHORT) are kept exactly as written there.
import type { ErrorKind } from './errors.js';

type Entry = { kind: ErrorKind; doc: string };

export const ERROR_CODES = {
  // ── core: requests, sessions, validation ──
  validation_failed: { kind: 'invalid', doc: '提交的内容有误（fields 逐项说明）' },
  bad_request: { kind: 'invalid', doc: '请求格式不正确' },
  bad_json: { kind: 'invalid', doc: '请求内容不是有效的 JSON' },
  bad_encoding: { kind: 'invalid', doc: '请求内容不是有效的 UTF-8 编码' },
  no_file: { kind: 'invalid', doc: '没有上传文件' },
  not_found: { kind: 'not_found', doc: '对象不存在或无权查看（不区分两者）' },
  forbidden: { kind: 'forbidden', doc: '没有执行此操作的权限' },
  csrf_invalid: { kind: 'forbidden', doc: '页面已过期或来源无效（CSRF 校验失败）' },
  login_required: { kind: 'unauthorized', doc: '需要登录' },
  login_failed: { kind: 'unauthorized', doc: '用户名或密码错误' },
  bad_token: { kind: 'unauthorized', doc: '访问令牌无效或已撤销' },
  account_locked: { kind: 'rate_limited', doc: '登录失败次数过多，账号临时锁定' },
  rate_limited: { kind: 'rate_limited', doc: '请求过于频繁' },
  payload_too_large: { kind: 'payload_too_large', doc: '提交的内容过大' },
  unsupported_media_type: { kind: 'unsupported_media', doc: '不支持的内容类型' },
  multipart_required: { kind: 'unsupported_media', doc: '需要以 multipart/form-data 上传' },
  wrong_status: { kind: 'conflict', doc: '对象当前状态不允许此操作' },
  internal_error: { kind: 'internal', doc: '服务器内部错误（附请求编号）' },
  // ── uploaded office files (.xlsx/.docx), every path that opens one ──
  office_not_zip: { kind: 'invalid', doc: '文件不是有效的 Office（zip）文件' },
  office_too_large: { kind: 'invalid', doc: '文件解压后过大' },
  office_zip_bomb: { kind: 'invalid', doc: '文件压缩比异常（疑似压缩炸弹）' },
  office_too_many_entries: { kind: 'invalid', doc: '文件内部条目过多' },
  office_too_many_rows: { kind: 'invalid', doc: '表格行数超过上限' },
  office_too_many_cells: { kind: 'invalid', doc: '表格单元格数超过上限' },
  office_time_budget: { kind: 'invalid', doc: '文件处理超时' },
  office_corrupt: { kind: 'invalid', doc: '文件已损坏或无法读取' },
  // ── auth and security ──
  bad_url: { kind: 'invalid', doc: '请求地址格式不正确' },
  url_too_long: { kind: 'invalid', doc: '请求地址过长' },
  bad_file_name: { kind: 'invalid', doc: '文件名含控制字符、方向控制符或无效编码' },
  login_throttled: { kind: 'rate_limited', doc: '同一来源登录失败过多，请稍后再试' },
  password_change_required: { kind: 'forbidden', doc: '须先在账号页面修改密码' },
  totp_enrolment_required: { kind: 'forbidden', doc: '须先在账号页面启用双因素认证' },
  totp_required: { kind: 'forbidden', doc: '需要双因素认证码' },
  totp_invalid: { kind: 'unauthorized', doc: '双因素认证码不正确' },
  token_scope: { kind: 'forbidden', doc: '访问令牌的权限范围不允许此操作' },
  separation_of_duties: { kind: 'conflict', doc: '保密审查签发人不能是本文件的起草人（职责分离）' },
  // ── org ──
  area_unit: { kind: 'conflict', doc: '行政区划单位不能执行此操作' },
  // ── calendar ──
  invalid_calendar_file: { kind: 'invalid', doc: '日历文件有误（fields 按行说明）' },
  invalid_local_override: { kind: 'invalid', doc: '本地调整有误' },
  invalid_date: { kind: 'invalid', doc: '日期无效' },
  invalid_day_count: { kind: 'invalid', doc: '工作日天数无效' },
  invalid_year: { kind: 'invalid', doc: '年份无效' },
  date_out_of_range: { kind: 'invalid', doc: '日期超出日历覆盖范围' },
  clock_illegal_transition: { kind: 'invalid', doc: '期限计时不允许此操作' },
  clock_date_order: { kind: 'invalid', doc: '日期早于上一事件' },
  clock_overdue: { kind: 'invalid', doc: '已超过答复期限' },
  clock_already_extended: { kind: 'invalid', doc: '已延期过一次' },
  clock_already_restarted: { kind: 'invalid', doc: '已重新计时过一次' },
  // ── plan ──
  plan_empty: { kind: 'invalid', doc: '文件中没有识别出工作任务' },
  plan_no_task_table: { kind: 'invalid', doc: '文件中没有任务表' },
  plan_no_tasks: { kind: 'invalid', doc: '任务表中没有任务' },
  plan_unsupported_file: { kind: 'unsupported_media', doc: '不支持的方案文件类型' },
  plan_corrupt_file: { kind: 'invalid', doc: '方案文件已损坏或无法读取' },
  no_tasks: { kind: 'conflict', doc: '方案没有任务' },
  // ── ledger ──
  ledger_incomplete: { kind: 'invalid', doc: '台账仍有任务未填写工作举措' },
  ledger_changed: { kind: 'conflict', doc: '台账已被他人修改，请刷新后重试' },
  ledger_locked: { kind: 'conflict', doc: '台账已锁定（审核中或已通过）' },
  invalid_workbook: { kind: 'invalid', doc: 'Excel 文件有问题，未导入任何内容（issues 逐项说明）' },
  already_submitted: { kind: 'conflict', doc: '该单位已报送台账，无需催报' },
  no_recipients: { kind: 'conflict', doc: '该单位没有可接收通知的账号' },
  already_urged: { kind: 'conflict', doc: '今天已经催报过该单位（每个单位每天一次）' },
  // ── disclosure ──
  not_editable: { kind: 'conflict', doc: '信息当前状态不可编辑' },
  not_in_queue: { kind: 'conflict', doc: '信息不在审核队列中' },
  privacy_blocked: { kind: 'conflict', doc: '隐私检查发现未处理的个人信息' },
  stale_hit: { kind: 'conflict', doc: '隐私检查结果已过期，请重新检查' },
  mask_failed: { kind: 'conflict', doc: '无法遮盖该处个人信息' },
  interpretation_required: { kind: 'conflict', doc: '规范性文件须同步发布解读' },
  no_interpretation_needed: { kind: 'conflict', doc: '此类信息不需要解读' },
  policy_unpublished: { kind: 'conflict', doc: '被解读的文件尚未发布' },
  not_normative: { kind: 'conflict', doc: '不是规范性文件' },
  not_in_force: { kind: 'conflict', doc: '文件不在有效期内' },
  empty: { kind: 'conflict', doc: '内容为空' },
  too_many_attachments: { kind: 'conflict', doc: '附件数量超过上限' },
  attachment_too_large: { kind: 'payload_too_large', doc: '附件过大' },
  empty_attachment: { kind: 'invalid', doc: '附件为空' },
  unsupported_attachment: { kind: 'unsupported_media', doc: '不支持的附件类型' },
  issue_draft: { kind: 'conflict', doc: '公报期次仍为草稿' },
  issue_empty: { kind: 'conflict', doc: '公报期次没有内容' },
  issue_has_unpublished: { kind: 'conflict', doc: '公报期次含未发布的信息' },
  issue_published: { kind: 'conflict', doc: '公报期次已发布' },
  // ── report (政府信息公开工作年度报告) ──
  report_no_data: { kind: 'not_found', doc: '该年度没有任何数据，无法生成年度报告' },
  report_checks_failed: { kind: 'conflict', doc: '年度报告有未通过的校验（FAIL），不能备案或公开' },
  report_unexplained: { kind: 'conflict', doc: '年度报告有待说明的校验（UNCERTAIN）尚未作出书面说明' },
  report_prior_exists: { kind: 'conflict', doc: '上年已公开数据已录入，不能重复录入' },
  // ── requests (依申请公开): the clock refuses an event → 409, nothing written ──
  request_event_date_order: { kind: 'conflict', doc: '事件日期早于上一办理事件' },
  request_already_extended: { kind: 'conflict', doc: '答复期限只能延长一次' },
  request_already_corrected: { kind: 'conflict', doc: '补正只能一次性告知' },
  request_overdue: { kind: 'conflict', doc: '已超过答复期限，不能再暂停计时、延期或告知补正' },
  request_illegal_transition: { kind: 'conflict', doc: '申请当前状态不允许此办理事件' },
  request_closed: { kind: 'conflict', doc: '申请已办结' },
  request_extension_too_long: { kind: 'conflict', doc: '延长期限须为 1 到 20 个工作日' },
  request_not_confirmed: { kind: 'conflict', doc: '申请尚未确认收到（待确认）' },
  request_fee_already_noticed: { kind: 'conflict', doc: '本申请已发出过收费通知' },
  request_fee_lapsed: { kind: 'conflict', doc: '缴费期限已过，申请视为放弃' },
  unknown_unit: { kind: 'invalid', doc: '单位不存在（按名称或编号）' },
  // ── decisions (重大行政决策, consultations, 列席, 开放日) ──
  CONSULTATION_TOO_SHORT: { kind: 'unprocessable', doc: '重大行政决策征求意见期限不足30日且未说明缩短理由' },
  CONSULTATION_CLOSED: { kind: 'conflict', doc: '征求意见尚未开始或已经结束，不再接收意见' },
  consultation_invalid: { kind: 'unprocessable', doc: '征求意见或意见内容有误（fields 逐项说明）' },
  feedback_incomplete: { kind: 'conflict', doc: '仍有意见未标注采纳情况，或采纳情况未公布' },
  evidence_required: { kind: 'conflict', doc: '完成该环节须附证明材料（已登记的政府信息）' },
  regroup_locked: { kind: 'conflict', doc: '已有归并组标注采纳情况，不能重新归并' },
  signup_closed: { kind: 'conflict', doc: '报名尚未开始或已经截止' },
  draw_done: { kind: 'conflict', doc: '已经完成遴选' },
  // ── qa (政策问答) ──
  qa_source_invalid: { kind: 'unprocessable', doc: '所引文件不是已发布且现行有效的信息，或没有该条款' },
  qa_review_too_far: { kind: 'invalid', doc: '下次复核日期不能晚于12个月后' },
  qa_message_answered: { kind: 'conflict', doc: '留言已答复' },
  qa_media_required: { kind: 'unprocessable', doc: '形式为图解或视频的问答须先上传图片或视频才能发布' },
  wording_unconfirmed: { kind: 'conflict', doc: '用词检查（敏感词、领导姓名职务、错别字）有提示，须审核人核对确认后签发' },
} as const satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const isErrorCode = (c: string): c is ErrorCode => Object.hasOwn(ERROR_CODES, c);
