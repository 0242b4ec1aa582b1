// Public intake (/requests/new) and the private 查询码 lookup (/requests/status). Applicant data is
// stored for the office and the handling unit only; the applicant gets a 查询码 (50 bits) whose
// sha256 is stored, and sees only the request's progress with it — never personal data.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { getCalendar } from '../calendar/public.js';
import { cleanFileName, inspectAttachment } from '../disclosure/public.js';
import type { Db } from '../db/schema.js';
import { actorLabel, type Ctx } from '../lib/context.js';
import { AppError, invalid } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { oneOf, optionalText, parseInput, text } from '../lib/validate.js';
import { actorArea, listUnitsInArea } from '../org/public.js';
import { creditCodeProblem, normaliseId, residentIdProblem } from './identity.js';
import { replayClock, STATE_LABELS, type RequestState } from './request-events.js';
import { toStored } from './requests.service.js';
import { decisionLabel } from './labels.js';

export const ORG_TYPES = ['commercial', 'research', 'social', 'legal_service', 'other_org'] as const;
export const ORG_TYPE_LABELS: Record<(typeof ORG_TYPES)[number], string> = {
  commercial: '商业企业', research: '科研机构', social: '社会公益组织', legal_service: '法律服务机构', other_org: '其他组织',
};
export const ID_TYPES = ['居民身份证', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '护照', '外国人永久居留身份证', '其他'] as const;
export const FORMATS = { paper: '纸质', electronic: '电子' } as const;
export const DELIVERIES = { post: '邮寄', email: '电子邮件', pickup: '当面领取', online: '网上获取' } as const;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 5;
/** 查询码 lookups per IP per 10 minutes (submissions: config.requestSubmitRateLimit per hour). */
export const LOOKUP_LIMIT = 20;

// 查询码: 10 characters of Crockford's base32 (no I, L, O, U) = 50 bits, shown as XXXXX-XXXXX.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function newQueryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b & 31]!);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}
export const normaliseCode = (s: string) => s.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
export const hashCode = (code: string) => createHash('sha256').update(`gongkai-request:${normaliseCode(code)}`).digest('hex');

const PHONE = /^[+\d][\d\s-]{5,19}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const formSchema = z.object({
  applicantType: oneOf('申请人类型', ['natural', 'org']),
  orgType: z.string().optional(),
  name: text('姓名或名称', { max: 100 }),
  idType: z.string().optional(),
  idNumber: z.string().optional(),
  creditCode: z.string().optional(),
  legalRep: z.string().optional(),
  contact: z.string().optional(),
  phone: text('联系电话', { max: 20 }).refine((s) => PHONE.test(s), '联系电话格式不正确'),
  email: optionalText('电子邮箱', 120),
  address: optionalText('通信地址', 200),
  postcode: optionalText('邮政编码', 6),
  unit: text('受理机关', { max: 12 }),
  description: text('所需信息的名称、文号或其他特征性描述', { max: 4000, multiline: true }),
  purpose: optionalText('用途', 500),
  format: oneOf('获取信息的载体形式', ['paper', 'electronic']),
  delivery: oneOf('获取信息的方式', ['post', 'email', 'pickup', 'online']),
}).superRefine((v, c) => {
  const issue = (path: string, message: string) => c.addIssue({ code: 'custom', path: [path], message });
  if (v.applicantType === 'natural') {
    if (!v.idType || !(ID_TYPES as readonly string[]).includes(v.idType)) issue('idType', '请选择证件类型');
    if (!v.idNumber?.trim()) issue('idNumber', '请填写证件号码');
    else if (v.idType === '居民身份证') { const p = residentIdProblem(v.idNumber); if (p) issue('idNumber', p); }
    else if (v.idNumber.trim().length > 40) issue('idNumber', '证件号码不能超过40个字符');
  } else {
    if (!v.orgType || !(ORG_TYPES as readonly string[]).includes(v.orgType)) issue('orgType', '请选择组织类型');
    if (!v.creditCode?.trim()) issue('creditCode', '请填写统一社会信用代码');
    else { const p = creditCodeProblem(v.creditCode); if (p) issue('creditCode', p); }
    if (!v.legalRep?.trim()) issue('legalRep', '请填写法定代表人或主要负责人');
    else if (v.legalRep.trim().length > 60) issue('legalRep', '法定代表人不能超过60个字符');
    if (!v.contact?.trim()) issue('contact', '请填写联系人');
    else if (v.contact.trim().length > 60) issue('contact', '联系人不能超过60个字符');
  }
  if (v.email && !EMAIL.test(v.email)) issue('email', '电子邮箱格式不正确');
  if (v.delivery === 'email' && !v.email) issue('email', '选择电子邮件方式获取的，请填写电子邮箱');
  if (v.delivery === 'post' && !v.address) issue('address', '选择邮寄方式获取的，请填写通信地址');
  if (v.postcode && !/^\d{6}$/.test(v.postcode)) issue('postcode', '邮政编码应为6位数字');
  if (v.description.length < 5) issue('description', '请具体描述所需信息（至少5个字）');
});

export type UploadedFile = { fileName: string; data: Buffer };

/** The bodies a request can be addressed to: the district government and its units. */
export async function addressees(db: Db, areaId: number) {
  const units = await listUnitsInArea(db, areaId);
  return units.filter((u) => u.id === areaId || u.kind === '区直部门' || u.kind === '镇' || u.kind === '街道' || u.kind === '其他')
    .map((u) => ({ id: u.id, name: u.id === areaId ? `${u.name}人民政府` : u.name }));
}

export const requestsUploads = (dataDir: string) => join(dataDir, 'uploads', 'requests');

/** A released file of the request behind this 查询码 (the code is the only key: no file URL works without it). */
export async function releasedFileByCode(db: Db, code: string, fileId: number, dataDir: string): Promise<{ fileName: string; mime: string; path: string } | null> {
  const s = await statusByCode(db, code);
  if (!s || !s.releasedFiles.some((f) => f.id === fileId)) return null;
  const f = await db.selectFrom('info_request_files').select(['file_name', 'mime', 'storage_key']).where('id', '=', fileId).where('request_id', '=', s.requestId).where('role', '=', 'reply').executeTakeFirst();
  return f ? { fileName: f.file_name, mime: f.mime, path: join(requestsUploads(dataDir), f.storage_key) } : null;
}

/** Checks and stores an online request; returns the 查询码 (shown once). Writes nothing on any error. */
export async function submitOnline(ctx: Ctx, body: Record<string, string>, files: UploadedFile[], dataDir: string): Promise<{ id: number; queryCode: string }> {
  const v = parseInput(formSchema, body);
  const areaId = await actorArea(ctx);
  const bodies = await addressees(ctx.db, areaId);
  const unit = bodies.find((b) => String(b.id) === v.unit);
  if (!unit) throw invalid({ unit: '请选择受理机关' });
  const real = files.filter((f) => f.fileName || f.data.length);
  if (real.length > MAX_FILES) throw invalid({ files: `最多上传${MAX_FILES}个附件` });
  const checked: { fileName: string; data: Buffer; mime: string; text: string }[] = [];
  for (const f of real) {
    const fileName = cleanFileName(f.fileName) || '附件';
    if (f.data.length > MAX_FILE_BYTES) throw new AppError('payload_too_large', 'attachment_too_large', `附件「${fileName}」超过 10 MB`, { files: `附件「${fileName}」超过 10 MB` });
    try {
      const { mime, text: t } = await inspectAttachment(fileName, f.data);
      checked.push({ fileName, data: f.data, mime, text: t });
    } catch (err) {
      if (err instanceof AppError) throw new AppError(err.kind, err.code, err.message, { files: err.message });
      throw err;
    }
  }
  const queryCode = newQueryCode();
  const today = todayCst();
  const at = nowIso();
  const dir = requestsUploads(dataDir);
  const written: string[] = [];
  try {
    for (const f of checked) {
      await mkdir(dir, { recursive: true });
      const key = randomBytes(16).toString('hex');
      await writeFile(`${join(dir, key)}.part`, f.data, { flag: 'wx' });
      await rename(`${join(dir, key)}.part`, join(dir, key));
      written.push(key);
    }
    const id = await ctx.db.transaction().execute(async (tx) => {
      const natural = v.applicantType === 'natural';
      const { id } = await tx.insertInto('info_requests').values({
        area_id: areaId, unit_id: unit.id, handling_unit_id: unit.id === areaId ? null : unit.id, number: null, channel: 'online',
        state: 'pending_confirmation', applicant_type: natural ? 'natural' : v.orgType!, applicant_name: v.name,
        applicant_id_type: natural ? v.idType! : '统一社会信用代码',
        applicant_id_number: natural ? (v.idType === '居民身份证' ? normaliseId(v.idNumber!) : v.idNumber!.trim()) : normaliseId(v.creditCode!),
        applicant_legal_rep: natural ? null : v.legalRep!.trim(), applicant_contact: natural ? null : v.contact!.trim(),
        applicant_phone: v.phone, applicant_email: v.email ?? null,
        applicant_address: v.address ? (v.postcode ? `${v.address}（邮编 ${v.postcode}）` : v.address) : null,
        description: v.description, purpose: v.purpose ?? null, format: v.format, delivery: v.delivery,
        submitted_on: today, received_on: null, due_on: null, consultation_until: null, decision: null, decided_on: null, on_time: null, working_days: null,
        query_code_hash: hashCode(queryCode), created_by: '网上申请', created_at: at, updated_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('info_request_events').values({
        request_id: id, seq: 1, type: 'submitted', on_date: today, days: null, outcome: null, note: '网上提交（待双方确认后为收到申请日期）',
        data_json: null, actor_label: actorLabel(ctx.actor), created_at: at,
      }).execute();
      for (const [i, f] of checked.entries()) {
        await tx.insertInto('info_request_files').values({
          request_id: id, role: 'application', file_name: f.fileName, mime: f.mime, size: f.data.length, storage_key: written[i]!,
          sha256: createHash('sha256').update(f.data).digest('hex'), text: f.text || null, created_at: at,
        }).execute();
      }
      await writeAudit(tx, ctx, { action: 'request.submit_online', entity: 'info_request', entityId: id, areaId, after: { unit: unit.name, applicantType: v.applicantType, files: checked.length } });
      return id;
    });
    return { id, queryCode };
  } catch (err) {
    for (const key of written) await rm(join(dir, key), { force: true });
    throw err;
  }
}

export type PublicStatus = {
  number: string | null; unitName: string; submittedOn: string; receivedOn: string | null; state: RequestState; stateLabel: string;
  due: string | null; decidedOn: string | null; resultLabel: string | null; steps: { on: string; label: string }[];
  /** The reply letter, when the office delivered it 网上获取 (through this page). */
  onlineLetterId: number | null;
  /** Files released with that reply (those uploaded by the time of the online delivery, i.e. after its privacy review). */
  releasedFiles: { id: number; fileName: string; size: number }[];
  requestId: number;
};

const STEP_LABELS: Record<string, string> = {
  submitted: '提交申请', received: '确认收到（收到申请日期）', correction_requested: '告知补正', correction_received: '收到补正材料',
  consultation_started: '征求第三方或有关机关意见（暂停计时）', consultation_ended: '恢复计时', extended: '延长答复期限',
  fee_notice: '发出收费通知（暂停计时）', fee_paid: '已缴费（恢复计时）', replied: '作出答复', delivered: '送达答复',
};

/** What the holder of a 查询码 sees: progress only, no applicant data, no description. */
export async function statusByCode(db: Db, code: string): Promise<PublicStatus | null> {
  const c = normaliseCode(code);
  if (!/^[0-9A-Z]{10}$/.test(c)) return null;
  const row = await db.selectFrom('info_requests').select(['id', 'area_id', 'unit_id', 'number', 'submitted_on', 'received_on', 'decision', 'decided_on'])
    .where('query_code_hash', '=', hashCode(c)).executeTakeFirst();
  if (!row) return null;
  const [events, bodies, online] = await Promise.all([
    db.selectFrom('info_request_events').selectAll().where('request_id', '=', row.id).orderBy('seq').execute(),
    addressees(db, row.area_id),
    db.selectFrom('info_request_deliveries').select(['letter_id', 'created_at']).where('request_id', '=', row.id).where('method', '=', 'online').orderBy('id').executeTakeFirst(),
  ]);
  const released = online ? await db.selectFrom('info_request_files').select(['id', 'file_name', 'size']).where('request_id', '=', row.id).where('role', '=', 'reply')
    .where('created_at', '<=', online.created_at).orderBy('id').execute() : [];
  const calendar = await getCalendar(db, row.area_id);
  const r = replayClock(calendar, events.map(toStored), todayCst());
  return {
    number: row.number, unitName: bodies.find((b) => b.id === row.unit_id)?.name ?? '', submittedOn: row.submitted_on, receivedOn: row.received_on,
    state: r.state, stateLabel: STATE_LABELS[r.state], due: r.due, decidedOn: row.decided_on,
    resultLabel: row.decision ? decisionLabel(row.decision) : null,
    steps: events.filter((e) => STEP_LABELS[e.type]).map((e) => ({ on: e.on_date, label: STEP_LABELS[e.type]! })),
    onlineLetterId: online?.letter_id ?? null, requestId: row.id,
    releasedFiles: released.map((f) => ({ id: f.id, fileName: f.file_name, size: f.size })),
  };
}
