// Reply letters, 检索记录 and delivery: written after the decision is recorded (console or API).
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { queueMail } from '../notify/public.js';
import { writeAudit } from '../audit/public.js';
import { findPublishedItems, itemRefs, WITHHELD_BASIS_CODES, type WithheldBasisCode } from '../disclosure/public.js';
import type { Db } from '../db/schema.js';
import { actorLabel, type Ctx } from '../lib/context.js';
import { AppError, fail } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { isoDate, oneOf, optionalText, parseInput, text } from '../lib/validate.js';
import { findUnit } from '../org/public.js';
import { NEEDS_REASONS, renderLetter, type Letter, type LetterInput, type SearchRecord } from './letters.js';
import { areaShortName } from './numbering.js';
import { replyFileHits } from './reply-files.js';
import { lockRequestRow } from './requests.repo.js';
import { findRequest, loadEvents, loadEventsForWrite, requireWriter, type RequestRow } from './requests.service.js';
import type { DecisionCode } from './table3.js';

export const LETTER_NUMBER_TEMPLATE = '{area}依申答〔{year}〕{seq}号';
export const DELIVERY_METHODS = ['post', 'email', 'pickup', 'online'] as const;

async function appendNote(tx: Db, ctx: Ctx, row: RequestRow, type: string, on: string, note: string | null, data: unknown) {
  const stored = await loadEventsForWrite(tx, ctx.dialect, row.id);
  await tx.insertInto('info_request_events').values({
    request_id: row.id, seq: (stored.at(-1)?.seq ?? 0) + 1, type, on_date: on, days: null, outcome: null, note, data_json: JSON.stringify(data),
    actor_label: actorLabel(ctx.actor), created_at: nowIso(),
  }).execute();
}

const searchSchema = z.object({
  systems: text('检索的系统和档案', { max: 1000, multiline: true }),
  keywords: text('检索关键词', { max: 500 }),
  unitsConsulted: optionalText('询问的单位', 500),
  searchedOn: isoDate('检索日期'),
  staff: text('检索人员', { max: 100 }),
});

/** 检索记录 (required before an unable_not_held letter): systems and archives searched, keywords, units consulted, date, staff. */
export async function recordSearch(ctx: Ctx, id: number, input: unknown): Promise<void> {
  const v = parseInput(searchSchema, input);
  const row = await findRequest(ctx, id);
  requireWriter(ctx, row.area_id, [row.unit_id, row.handling_unit_id]);
  if (row.received_on && v.searchedOn < row.received_on) throw fail('validation_failed', '检索日期不能早于收到申请日期', { searchedOn: '检索日期不能早于收到申请日期' });
  await ctx.db.transaction().execute(async (tx) => {
    await appendNote(tx, ctx, row, 'search_record', v.searchedOn, `检索：${v.keywords}`, v);
    await writeAudit(tx, ctx, { action: 'request.search_record', entity: 'info_request', entityId: id, areaId: row.area_id, after: v });
  });
}

const optionalMulti = (label: string, max: number) => z.preprocess((v) => (v === '' || v === null ? undefined : v), text(label, { max, multiline: true }).optional());
const lines = (s: string | undefined) => (s ?? '').split(/\r?\n/).map((x) => x.trim()).filter(Boolean);

const letterSchema = z.object({
  issuedOn: isoDate('答复日期').optional(),
  reasons: optionalMulti('理由', 4000),
  publishedAt: optionalText('已公开信息的获取途径', 500),
  /** Art. 36(一): the published item — its 索引号, its id or its /items/<id> address. */
  publishedItem: optionalText('已公开的政府信息', 200),
  referral: optionalText('负责公开该信息的机关', 200),
  repeatOf: optionalText('重复申请对应的原申请', 200),
  released: optionalMulti('予以公开的部分', 4000),
  /** One line per withheld part: `内容|依据代码|理由（可选）`. */
  withheld: optionalMulti('不予公开的部分', 4000),
});

export async function reviewBodyFor(db: Db, unitId: number, areaId: number): Promise<string> {
  const [unit, area] = await Promise.all([findUnit(db, unitId), findUnit(db, areaId)]);
  if (unit && unit.id === areaId) {
    const parent = unit.parent_id ? await findUnit(db, unit.parent_id) : undefined;
    return `${parent?.name ?? '上一级'}人民政府`;
  }
  return `${area?.name ?? ''}人民政府`;
}

async function nextLetterNumber(tx: Db, areaId: number, areaName: string, year: number): Promise<string> {
  await tx.insertInto('info_request_letter_series').values({ area_id: areaId, year, last_seq: 0 }).onConflict((oc) => oc.columns(['area_id', 'year']).doNothing()).execute();
  const r = await tx.updateTable('info_request_letter_series').set((eb) => ({ last_seq: eb('last_seq', '+', 1) })).where('area_id', '=', areaId).where('year', '=', year)
    .returning('last_seq').executeTakeFirstOrThrow();
  return LETTER_NUMBER_TEMPLATE.replace('{area}', areaShortName(areaName)).replace('{year}', String(year)).replace('{seq}', String(r.last_seq));
}

/** Writes the reply letter of a closed request from its template: one per request. */
/** The public information item named by 索引号, id or /items/<id> (art. 36(一)); a field message when there is none or several. */
async function publishedItemRef(db: Db, areaId: number, ref: string): Promise<{ id: number; title: string; indexNo: string } | string> {
  const byId = /^(?:.*\/items\/)?(\d{1,10})\/?$/.exec(ref.trim());
  let id: number | undefined = byId ? Number(byId[1]) : undefined;
  if (id === undefined) {
    const found = await findPublishedItems(db, areaId, ref, { limit: 2 });
    if (found.length !== 1) return found.length ? '有多条政府信息与之匹配，请填写索引号' : '没有找到该已公开的政府信息（请填写索引号或网址）';
    id = found[0]!.id;
  }
  const item = (await itemRefs(db, [id])).get(id);
  if (!item || item.areaId !== areaId || !item.isPublic) return '该政府信息不存在或尚未主动公开';
  return { id: item.id, title: item.title, indexNo: item.indexNo };
}

export async function issueLetter(ctx: Ctx, id: number, input: unknown, publicBaseUrl = ''): Promise<{ letterId: number; docNumber: string }> {
  const v = parseInput(letterSchema, input);
  const row = await findRequest(ctx, id);
  requireWriter(ctx, row.area_id, [row.unit_id, row.handling_unit_id]);
  if (row.state !== 'closed' || !row.decision || !row.decided_on) throw fail('wrong_status', '请先登记答复（办理结果和答复日期），再制作答复书');
  const decision = row.decision as DecisionCode;
  const events = await loadEvents(ctx.db, id);
  const fields: Record<string, string> = {};
  if (NEEDS_REASONS.has(decision) && !v.reasons) fields.reasons = '此类答复须写明理由';
  const released = lines(v.released);
  const withheld: { part: string; basis: WithheldBasisCode; reason?: string }[] = [];
  if (decision === 'partial') {
    if (!released.length) fields.released = '部分公开须列明予以公开的部分';
    const parts = lines(v.withheld);
    if (!parts.length) fields.withheld = '部分公开须列明不予公开的部分及各自的依据';
    for (const [n, l] of parts.entries()) {
      const [part, basis, reason] = l.split('|').map((s) => s.trim());
      if (!part || !basis || !(WITHHELD_BASIS_CODES as readonly string[]).includes(basis)) { fields.withheld = `第${n + 1}行应为“内容|依据代码|理由”，依据代码为：${WITHHELD_BASIS_CODES.join('、')}`; break; }
      withheld.push({ part, basis: basis as WithheldBasisCode, reason: reason || undefined });
    }
  }
  let publishedAt = v.publishedAt;
  let publishedItemId: number | undefined;
  if (v.publishedItem) {
    if (decision !== 'disclosed') fields.publishedItem = '只有“予以公开”（已主动公开的）答复可以关联已公开的政府信息';
    else {
      const item = await publishedItemRef(ctx.db, row.area_id, v.publishedItem);
      if (typeof item === 'string') fields.publishedItem = item;
      else {
        publishedItemId = item.id;
        publishedAt = `《${item.title}》（索引号：${item.indexNo}），网址：${publicBaseUrl.replace(/\/$/, '')}/items/${item.id}${v.publishedAt ? `；${v.publishedAt}` : ''}`;
      }
    }
  }
  const searchEvent = [...events].reverse().find((e) => e.type === 'search_record');
  if (decision === 'unable_not_held' && !searchEvent) fields.searchRecord = '“本机关不掌握相关政府信息”须先登记检索记录';
  if (Object.keys(fields).length) throw new AppError('invalid', 'validation_failed', '答复书内容不完整', fields);
  if (await ctx.db.selectFrom('info_request_letters').select('id').where('request_id', '=', id).where('kind', '=', 'reply').executeTakeFirst()) {
    throw fail('wrong_status', '本申请已制作答复书');
  }
  const ext = events.find((e) => e.type === 'extended');
  const [unit, area, reviewBody] = await Promise.all([findUnit(ctx.db, row.unit_id), findUnit(ctx.db, row.area_id), reviewBodyFor(ctx.db, row.unit_id, row.area_id)]);
  const issuedOn = v.issuedOn ?? row.decided_on;
  return ctx.db.transaction().execute(async (tx) => {
    // The request row before anything else (the letter's FK takes a share lock that a later FOR UPDATE would deadlock on).
    await lockRequestRow(tx, ctx.dialect, row.id);
    const docNumber = await nextLetterNumber(tx, row.area_id, area?.name ?? '', Number(issuedOn.slice(0, 4)));
    const li: LetterInput = {
      docNumber, issuedOn, applicantName: row.applicant_name, number: row.number ?? `#${row.id}`, receivedOn: row.received_on ?? row.submitted_on,
      description: row.description, unitName: unit?.name === area?.name ? `${unit?.name}人民政府` : unit?.name ?? '', decision, reviewBody,
      reasons: v.reasons, publishedAt, publishedItemId, referral: v.referral, released, withheld, repeatOf: v.repeatOf,
      searchRecord: searchEvent ? JSON.parse(searchEvent.data_json!) as SearchRecord : undefined,
      extension: ext ? { days: ext.days ?? 0, on: ext.on_date, approver: ext.data_json ? (JSON.parse(ext.data_json) as { approver?: string }).approver : undefined } : null,
      correctionOn: events.find((e) => e.type === 'correction_requested')?.on_date ?? null,
      feeNoticeOn: events.find((e) => e.type === 'fee_notice')?.on_date ?? null,
    };
    const letter = renderLetter(li);
    const { id: letterId } = await tx.insertInto('info_request_letters').values({
      request_id: id, kind: 'reply', template: letter.template, template_version: letter.version, doc_number: docNumber, decision, issued_on: issuedOn,
      input_json: JSON.stringify(li), title: letter.title, paragraphs_json: JSON.stringify({ paragraphs: letter.paragraphs, annex: letter.annex, unitName: li.unitName }),
      created_by: actorLabel(ctx.actor), created_at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow();
    await appendNote(tx, ctx, row, 'letter', issuedOn, `${letter.title} ${docNumber}`, { letterId, docNumber });
    await writeAudit(tx, ctx, { action: 'request.letter', entity: 'info_request', entityId: id, areaId: row.area_id, after: { letterId, docNumber, template: letter.template, version: letter.version } });
    return { letterId, docNumber };
  });
}

export type StoredLetter = { id: number; docNumber: string; issuedOn: string; title: string; unitName: string; paragraphs: string[]; annex: Letter['annex']; template: string; version: number };

export async function lettersOf(db: Db, requestId: number): Promise<StoredLetter[]> {
  const rows = await db.selectFrom('info_request_letters').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
  return rows.map((r) => {
    const b = JSON.parse(r.paragraphs_json) as { paragraphs: string[]; annex: Letter['annex']; unitName: string };
    return { id: r.id, docNumber: r.doc_number, issuedOn: r.issued_on, title: r.title, unitName: b.unitName, paragraphs: b.paragraphs, annex: b.annex, template: r.template, version: r.template_version };
  });
}

export async function letterDocx(l: StoredLetter): Promise<Buffer> {
  const run = (t: string, o: { bold?: boolean; size?: number } = {}) => new TextRun({ text: t, bold: o.bold, size: o.size ?? 32, font: '仿宋_GB2312' });
  const para = (t: string, o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; bold?: boolean; size?: number; indent?: boolean } = {}) =>
    new Paragraph({ alignment: o.align, spacing: { line: 560 }, indent: o.indent ? { firstLine: 640 } : undefined, children: [run(t, o)] });
  const children: (Paragraph | Table)[] = [
    para(l.title, { align: AlignmentType.CENTER, bold: true, size: 44 }),
    para(l.docNumber, { align: AlignmentType.CENTER }),
    ...l.paragraphs.map((t, i) => para(t, { indent: i > 0 })),
    para(l.unitName, { align: AlignmentType.RIGHT }),
    para(l.issuedOn, { align: AlignmentType.RIGHT }),
  ];
  if (l.annex) {
    children.push(para(`附件：${l.annex.title}`, { bold: true }));
    children.push(new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: l.annex.rows.map(([k, v]) => new TableRow({ children: [new TableCell({ children: [para(k, { size: 28 })] }), new TableCell({ children: [para(v, { size: 28 })] })] })),
    }));
  }
  return Packer.toBuffer(new Document({ creator: l.unitName, title: l.title, sections: [{ children }] }));
}

const deliverySchema = z.object({
  method: oneOf('送达方式', DELIVERY_METHODS),
  deliveredOn: isoDate('送达日期'),
  trackingNumber: optionalText('邮件单号', 60),
  note: optionalText('说明', 500),
  privacyChecked: z.union([z.boolean(), z.literal('on'), z.literal('true')]).optional(),
});

/** Records how and when the reply reached the applicant (relief periods run from this date). */
export async function recordDelivery(ctx: Ctx, id: number, input: unknown): Promise<number> {
  const v = parseInput(deliverySchema, input);
  const row = await findRequest(ctx, id);
  requireWriter(ctx, row.area_id, [row.unit_id, row.handling_unit_id]);
  if (v.method === 'post' && !v.trackingNumber) throw fail('validation_failed', '邮寄送达请填写邮件单号', { trackingNumber: '邮寄送达请填写邮件单号' });
  if (v.method === 'email' && !row.applicant_email) throw fail('validation_failed', '申请人没有留电子邮箱', { method: '申请人没有留电子邮箱，不能以电子邮件送达' });
  const [letter] = await lettersOf(ctx.db, id);
  if (!letter) throw fail('wrong_status', '请先制作答复书，再登记送达');
  if (v.deliveredOn < letter.issuedOn) throw fail('validation_failed', '送达日期不能早于答复书日期', { deliveredOn: `送达日期不能早于答复书日期 ${letter.issuedOn}` });
  const thirdParty = (await replyFileHits(ctx.db, row)).hits.filter((h) => !h.own);
  if (thirdParty.length && !v.privacyChecked) {
    throw fail('privacy_blocked', '答复文件中含有第三方个人信息', { privacyChecked: `答复文件中含有第三方个人信息（${thirdParty.length}处），请逐项核对后勾选确认再送达` });
  }
  return ctx.db.transaction().execute(async (tx) => {
    await lockRequestRow(tx, ctx.dialect, row.id); // first: see the letter transaction above
    const { id: deliveryId } = await tx.insertInto('info_request_deliveries').values({
      request_id: id, letter_id: letter.id, method: v.method, delivered_on: v.deliveredOn, tracking_number: v.trackingNumber ?? null, note: v.note ?? null,
      created_by: actorLabel(ctx.actor), created_at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow();
    if (v.method === 'email') {
      // A download link that expires, by e-mail through the outbox; only the token's hash is stored.
      const token = randomBytes(24).toString('base64url');
      const expires = new Date(Date.now() + DOWNLOAD_DAYS * 86400_000).toISOString();
      const issued = nowIso();
      await tx.insertInto('info_request_downloads').values({ token_hash: hashToken(token), request_id: id, letter_id: letter.id, expires_at: expires, created_at: issued }).execute();
      // The files released with the reply (uploaded by now, so after the privacy review above), each behind the same token.
      const files = await tx.selectFrom('info_request_files').select(['id', 'file_name']).where('request_id', '=', id).where('role', '=', 'reply').where('created_at', '<=', issued).orderBy('id').execute();
      const fileLines = files.length ? `\n\n随答复提供的政府信息（同一期限内有效）：\n${files.map((f) => `${f.file_name}：/requests/download/${token}/files/${f.id}`).join('\n')}` : '';
      await queueMail(tx, {
        areaId: row.area_id, to: row.applicant_email!, subject: `${letter.title}（${row.number ?? ''}）`,
        body: `您好：\n\n您提出的政府信息公开申请（申请编号：${row.number ?? ''}）已经答复。请在${expires.slice(0, 10)}前通过以下链接下载${letter.title}：\n/requests/download/${token}${fileLines}\n\n${letter.unitName}`,
      });
    }
    await appendNote(tx, ctx, row, 'delivered', v.deliveredOn, `送达：${{ post: '邮寄', email: '电子邮件', pickup: '当面领取', online: '网上获取' }[v.method]}${v.trackingNumber ? ` ${v.trackingNumber}` : ''}`, { deliveryId, method: v.method });
    await writeAudit(tx, ctx, { action: 'request.delivered', entity: 'info_request', entityId: id, areaId: row.area_id, after: { ...v, thirdPartyHits: thirdParty.length } });
    return deliveryId;
  });
}

export const DOWNLOAD_DAYS = 30;
export const hashToken = (t: string) => createHash('sha256').update(`gongkai-download:${t}`).digest('hex');

/** The letter behind an e-mailed link, or null when unknown or expired. */
export async function letterByToken(db: Db, token: string): Promise<StoredLetter | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const row = await db.selectFrom('info_request_downloads').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row || row.expires_at < nowIso()) return null;
  return (await lettersOf(db, row.request_id)).find((l) => l.id === row.letter_id) ?? null;
}

/**
 * A file released with the reply behind an e-mailed link: only this request's reply files uploaded by the time the
 * link was issued (so after the delivery's privacy review), only while the link is valid; null otherwise.
 */
export async function releasedFileByToken(db: Db, token: string, fileId: number): Promise<{ fileName: string; mime: string; storageKey: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token) || !Number.isInteger(fileId) || fileId <= 0) return null;
  const link = await db.selectFrom('info_request_downloads').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!link || link.expires_at < nowIso()) return null;
  const f = await db.selectFrom('info_request_files').select(['file_name', 'mime', 'storage_key']).where('id', '=', fileId).where('request_id', '=', link.request_id)
    .where('role', '=', 'reply').where('created_at', '<=', link.created_at).executeTakeFirst();
  return f ? { fileName: f.file_name, mime: f.mime, storageKey: f.storage_key } : null;
}

export async function deliveriesOf(db: Db, requestId: number) {
  return db.selectFrom('info_request_deliveries').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
}
