// JSON API of the requests module (a contract: OA and 12345 systems post requests and clock events).
import { recordPersonalDataRead } from '../audit/public.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { documentApi, intParam } from '../web/http.js';
import { answerConsultation, sendConsultation } from './consultation-letters.js';
import { APPEAL_KINDS, APPEAL_RESULTS, concludeAppeal, createAppeal, listAppeals } from './appeals.js';
import { dashboard, listRequests, parseFilter } from './console.service.js';
import { setNumberTemplate } from './numbering.service.js';
import { API_EVENT_TYPES } from './request-events.js';
import { CHANNELS, addEvent, confirmRequest, createRequest, requestDetail } from './requests.service.js';
import { APPLICANT_TYPES, DECISION_CODES } from './table3.js';

const idOf = (req: FastifyRequest, name = 'id') => intParam((req.params as Record<string, string>)[name]);
const writer = 'admin（全区）, unit_operator, unit_reviewer（本单位）';

export async function requestsApiRoutes(app: FastifyInstance) {
  documentApi({
    method: 'POST', url: '/api/v1/requests', roles: writer,
    summary: '登记政府信息公开申请（工作人员录入即视为已确认收到；网上/传真/电子邮件未填 receivedOn 的进入待确认）→ 201 { id, number, status, due }',
    body: {
      unit: '受理机关：单位名称或编号', channel: CHANNELS.join('|'), receivedOn: 'YYYY-MM-DD（收到申请日期，条例第三十一条）',
      applicant: `{ type: ${APPLICANT_TYPES.join('|')}, name, idType?, idNumber?, contact?, phone?, email?, address? }`,
      description: '所需政府信息的名称、文号或者便于查询的其他特征性描述', purpose: '用途（可选）', format: 'paper|electronic（可选）', delivery: 'post|email|pickup|online（可选）',
    },
  });
  app.post('/api/v1/requests', async (req, reply) => {
    const r = await createRequest(req.ctx, req.body);
    return reply.status(201).send({ ...r, data: r });
  });

  documentApi({
    method: 'POST', url: '/api/v1/requests/{id}/events', roles: writer,
    summary: '登记办理事件（补正、征求意见、延期、答复）→ 200 { status, due（暂停时为 null）, onTime（答复后） }；期限计时不允许的事件 409 且不作任何修改',
    body: { type: API_EVENT_TYPES.join('|'), on: 'YYYY-MM-DD', days: 'integer 1–20（extended）', outcome: `${DECISION_CODES.join('|')}（replied）`, note: 'string?' },
  });
  app.post('/api/v1/requests/:id/events', async (req) => {
    const r = await addEvent(req.ctx, idOf(req), req.body);
    const body = { status: r.status, due: r.due, ...(r.status === 'closed' ? { onTime: r.onTime } : {}) };
    return { ...body, data: body };
  });

  documentApi({ method: 'POST', url: '/api/v1/requests/{id}/confirm', roles: writer, summary: '确认收到网上、传真、电子邮件申请（确认日期即收到申请日期，生成申请编号）', body: { on: 'YYYY-MM-DD' } });
  app.post('/api/v1/requests/:id/confirm', async (req) => {
    const r = await confirmRequest(req.ctx, idOf(req), req.body);
    return { ...r, data: r };
  });

  documentApi({ method: 'GET', url: '/api/v1/requests/{id}', roles: '政务公开办、审计员（全区）；受理或承办单位', summary: '申请详情：编号、状态、答复期限、是否按时、办理事件列表' });
  app.get('/api/v1/requests/:id', async (req) => {
    const full = await requestDetail(req.ctx, idOf(req));
    await recordPersonalDataRead(req.ctx, { entity: 'info_request', entityId: full.row.id, what: '申请人信息（API）', areaId: full.row.area_id });
    const d = full.json;
    return { ...d, data: d };
  });

  documentApi({ method: 'PUT', url: '/api/v1/requests/number-template', roles: 'admin', summary: '设置申请编号规则（如 {area}依申〔{year}〕{seq:4}号）', body: { template: 'string，须含 {seq} 或 {seq:N}' } });
  app.put('/api/v1/requests/number-template', async (req) => {
    await setNumberTemplate(req.ctx, req.body);
    return { data: { ok: true } };
  });
  documentApi({ method: 'GET', url: '/api/v1/requests', roles: '已登录（单位用户只见本单位）', summary: '申请登记列表：筛选 state、due=today|week|overdue、unit、year、q（申请编号或内容的一部分，不足3个字只检索申请编号，此时 meta.qNumberOnly 为 true）、page（meta.total 最多计到 10000，超过时 meta.totalCapped 为 true）' });
  app.get('/api/v1/requests', async (req) => {
    const r = await listRequests(req.ctx, parseFilter(req.query));
    return { data: r.rows, meta: { total: r.total, totalCapped: r.totalCapped, page: r.page, pageSize: r.pageSize, ...(r.numberOnly ? { qNumberOnly: true } : {}) } };
  });
  documentApi({ method: 'GET', url: '/api/v1/requests/dashboard', roles: '已登录', summary: '办理看板：各单位今天到期、本周到期、已逾期、暂停、待确认件数' });
  app.get('/api/v1/requests/dashboard', async (req) => ({ data: await dashboard(req.ctx) }));

  documentApi({ method: 'GET', url: '/api/v1/requests/appeals', roles: 'admin, auditor', summary: '行政复议、行政诉讼台账（?year= 按立案年份）' });
  app.get('/api/v1/requests/appeals', async (req) => {
    const y = (req.query as Record<string, string | undefined>).year;
    return { data: await listAppeals(req.ctx, y && /^\d{4}$/.test(y) ? Number(y) : undefined) };
  });
  documentApi({
    method: 'POST', url: '/api/v1/requests/appeals', roles: 'admin', summary: '登记行政复议或行政诉讼案件（年度报告表四的来源）',
    body: { unit: '被申请（被诉）机关：单位名称或编号', kind: APPEAL_KINDS.join('|'), filedOn: 'YYYY-MM-DD', result: `${APPEAL_RESULTS.join('|')}（默认 pending）`, concludedOn: 'YYYY-MM-DD?', requestId: 'integer?', caseNumber: 'string?', note: 'string?' },
  });
  app.post('/api/v1/requests/appeals', async (req, reply) => reply.status(201).send({ data: { id: await createAppeal(req.ctx, req.body) } }));
  documentApi({ method: 'POST', url: '/api/v1/requests/appeals/{id}/result', roles: 'admin', summary: '登记复议、诉讼结果', body: { result: APPEAL_RESULTS.join('|'), concludedOn: 'YYYY-MM-DD' } });
  app.post('/api/v1/requests/appeals/:id/result', async (req) => {
    await concludeAppeal(req.ctx, idOf(req), req.body);
    return { data: { ok: true } };
  });
  documentApi({ method: 'POST', url: '/api/v1/requests/{id}/consultations', roles: writer, summary: '生成征求意见函并登记发函（第一封暂停计时；对象信息不公开）', body: { sentOn: 'YYYY-MM-DD', partyKind: 'third_party|agency', partyName: 'string', partyAddress: 'string?', partyContact: 'string?', matter: 'string' } });
  app.post('/api/v1/requests/:id/consultations', async (req, reply) => reply.status(201).send({ data: await sendConsultation(req.ctx, intParam((req.params as { id: string }).id), req.body) }));
  documentApi({ method: 'POST', url: '/api/v1/requests/{id}/consultations/{cid}/answer', roles: writer, summary: '登记征求意见函的意见（全部答复后恢复计时）', body: { answeredOn: 'YYYY-MM-DD', answer: 'consent|objection', answerNote: 'string（不同意公开时必填）' } });
  app.post('/api/v1/requests/:id/consultations/:cid/answer', async (req) => {
    const p = req.params as { id: string; cid: string };
    return { data: await answerConsultation(req.ctx, intParam(p.id), intParam(p.cid), req.body) };
  });
}
