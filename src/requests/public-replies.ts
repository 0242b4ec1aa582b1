// 公开答复库: closed requests whose unit released the reply to all. The portal shows the redacted
// summary written by staff, the decision type, the body and the dates — never applicant data.
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { scanPersonalData } from '../disclosure/public.js';
import type { Db } from '../db/schema.js';
import { actorLabel, type Ctx } from '../lib/context.js';
import { AppError, fail, notFound } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { parseInput, text } from '../lib/validate.js';
import { findUnit, listUnitsInArea } from '../org/public.js';
import { decisionLabel } from './labels.js';
import { findRequest, requireWriter } from './requests.service.js';

export const PUBLIC_PAGE_SIZE = 20;

/** Staff mark a closed request's reply as releasable to all, with a summary free of personal data. */
export async function publishReply(ctx: Ctx, id: number, input: unknown): Promise<void> {
  const raw = (input ?? {}) as Record<string, unknown>;
  const v = parseInput(z.object({ summary: text('公开摘要', { min: 5, max: 1000, multiline: true }) }), { summary: raw.summary });
  // Released files to show with it: `files` (API, ids) or one `publicFile_<id>` checkbox per file (form).
  const chosen = new Set<number>(Array.isArray(raw.files) ? raw.files.filter((x): x is number => Number.isInteger(x) && (x as number) > 0) : []);
  for (const k of Object.keys(raw)) { const m = /^publicFile_(\d{1,10})$/.exec(k); if (m && raw[k]) chosen.add(Number(m[1])); }
  if (raw.files !== undefined && (!Array.isArray(raw.files) || raw.files.length !== chosen.size)) throw new AppError('invalid', 'validation_failed', '答复文件无效', { files: '请以文件编号列表指定要公开的答复文件' });
  const row = await findRequest(ctx, id);
  requireWriter(ctx, row.area_id, [row.unit_id, row.handling_unit_id]);
  if (row.state !== 'closed' || !row.decision) throw fail('wrong_status', '只有已办结的申请可以列入公开答复库');
  const personal = [row.applicant_name, row.applicant_id_number, row.applicant_phone, row.applicant_email, row.applicant_address, row.applicant_contact, row.applicant_legal_rep]
    .filter((x): x is string => !!x && x.trim().length >= 2);
  const found = personal.find((p) => v.summary.includes(p.trim()));
  const hits = scanPersonalData(v.summary);
  if (found || hits.length) {
    throw new AppError('invalid', 'validation_failed', '公开摘要含有个人信息', { summary: found ? '公开摘要含有申请人的个人信息，请删除后再公开' : `公开摘要含有个人信息（${hits.map((h) => h.kind).join('、')}），请删除后再公开` });
  }
  const files = chosen.size ? await ctx.db.selectFrom('info_request_files').select(['id', 'file_name', 'text']).where('request_id', '=', id).where('role', '=', 'reply').where('id', 'in', [...chosen]).execute() : [];
  for (const fid of chosen) {
    const f = files.find((x) => x.id === fid);
    const problem = !f ? '答复文件不存在'
      : f.text === null ? `「${f.file_name}」无法自动检查个人信息（PDF、图片），不能列入公开答复库`
      : personal.some((p) => f.text!.includes(p.trim())) ? `「${f.file_name}」含有申请人的个人信息，不能向社会公开`
      : scanPersonalData(f.text).length ? `「${f.file_name}」含有个人信息，不能向社会公开` : null;
    if (problem) throw new AppError('invalid', 'validation_failed', problem, { files: problem });
  }
  await ctx.db.transaction().execute(async (tx) => {
    const exists = await tx.selectFrom('info_request_public_replies').select('request_id').where('request_id', '=', id).executeTakeFirst();
    if (exists) await tx.updateTable('info_request_public_replies').set({ summary: v.summary }).where('request_id', '=', id).execute();
    else await tx.insertInto('info_request_public_replies').values({ request_id: id, area_id: row.area_id, summary: v.summary, published_on: todayCst(), published_by: actorLabel(ctx.actor), created_at: nowIso() }).execute();
    await tx.deleteFrom('info_request_public_reply_files').where('request_id', '=', id).execute();
    if (chosen.size) await tx.insertInto('info_request_public_reply_files').values([...chosen].map((fileId) => ({ request_id: id, file_id: fileId }))).execute();
    await writeAudit(tx, ctx, { action: 'request.public_reply', entity: 'info_request', entityId: id, areaId: row.area_id, after: { summary: v.summary, files: [...chosen] } });
  });
}

export type PublicReply = { id: number; summary: string; unitName: string; decision: string; receivedOn: string | null; decidedOn: string | null; publishedOn: string; files?: { id: number; fileName: string; size: number }[] };

/** Only what the portal may show: no applicant field is ever selected here. */
function publicRows(db: Db, areaId: number) {
  return db.selectFrom('info_request_public_replies as p').innerJoin('info_requests as r', 'r.id', 'p.request_id')
    .select(['p.request_id as id', 'p.summary', 'p.published_on', 'r.unit_id', 'r.decision', 'r.received_on', 'r.decided_on'])
    .where('p.area_id', '=', areaId).where('r.state', '=', 'closed');
}

export async function listPublicReplies(db: Db, areaId: number, page: number): Promise<{ rows: PublicReply[]; total: number }> {
  const units = new Map((await listUnitsInArea(db, areaId)).map((u) => [u.id, u.id === areaId ? `${u.name}人民政府` : u.name]));
  const [rows, total] = await Promise.all([
    publicRows(db, areaId).orderBy('p.published_on', 'desc').orderBy('p.request_id', 'desc').limit(PUBLIC_PAGE_SIZE).offset((page - 1) * PUBLIC_PAGE_SIZE).execute(),
    db.selectFrom('info_request_public_replies').select((eb) => eb.fn.countAll<number>().as('n')).where('area_id', '=', areaId).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ id: r.id, summary: r.summary, unitName: units.get(r.unit_id) ?? '', decision: decisionLabel(r.decision ?? ''), receivedOn: r.received_on, decidedOn: r.decided_on, publishedOn: r.published_on })),
    total: Number(total.n),
  };
}

export async function publicReply(db: Db, areaId: number, id: number): Promise<PublicReply> {
  const r = id > 0 ? await publicRows(db, areaId).where('p.request_id', '=', id).executeTakeFirst() : undefined;
  if (!r) throw notFound('答复');
  const unit = await findUnit(db, r.unit_id);
  const files = await publicFilesOf(db, r.id);
  return { id: r.id, summary: r.summary, unitName: unit ? (unit.id === areaId ? `${unit.name}人民政府` : unit.name) : '', decision: decisionLabel(r.decision ?? ''), receivedOn: r.received_on, decidedOn: r.decided_on, publishedOn: r.published_on, files };
}

/** The files chosen for the public reply (never the applicant's attachments, never a file not chosen). */
export async function publicFilesOf(db: Db, requestId: number) {
  const rows = await db.selectFrom('info_request_public_reply_files as p').innerJoin('info_request_files as f', 'f.id', 'p.file_id')
    .select(['f.id', 'f.file_name', 'f.size']).where('p.request_id', '=', requestId).where('f.request_id', '=', requestId).where('f.role', '=', 'reply').orderBy('f.id').execute();
  return rows.map((f) => ({ id: f.id, fileName: f.file_name, size: f.size }));
}

/** A file of a public reply, for the portal download; null unless the reply is public and the file was chosen. */
export async function publicReplyFile(db: Db, areaId: number, requestId: number, fileId: number): Promise<{ fileName: string; mime: string; storageKey: string } | null> {
  const r = requestId > 0 ? await publicRows(db, areaId).where('p.request_id', '=', requestId).executeTakeFirst() : undefined;
  if (!r || !(await publicFilesOf(db, requestId)).some((f) => f.id === fileId)) return null;
  const f = await db.selectFrom('info_request_files').select(['file_name', 'mime', 'storage_key']).where('id', '=', fileId).executeTakeFirst();
  return f ? { fileName: f.file_name, mime: f.mime, storageKey: f.storage_key } : null;
}
