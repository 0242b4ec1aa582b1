// Files released with a reply, and the privacy review before the reply is sent: personal data found
// in them is listed; the applicant's own data is expected, anyone else's must be checked by staff.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAudit } from '../audit/public.js';
import { cleanFileName, inspectAttachment, scanPersonalData } from '../disclosure/public.js';
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { AppError, fail } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { findRequest, requireWriter, type RequestRow } from './requests.service.js';

export const MAX_REPLY_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_REPLY_FILES = 20;

export async function addReplyFile(ctx: Ctx, id: number, file: { fileName: string; data: Buffer }, dataDir: string): Promise<number> {
  const row = await findRequest(ctx, id);
  requireWriter(ctx, row.area_id, [row.unit_id, row.handling_unit_id]);
  if (!file.fileName && !file.data.length) throw new AppError('invalid', 'no_file', '请选择要上传的文件', { file: '请选择要上传的文件' });
  const fileName = cleanFileName(file.fileName) || '附件';
  let checked: { mime: string; text: string };
  try {
    checked = await inspectAttachment(fileName, file.data);
  } catch (err) {
    if (err instanceof AppError) throw new AppError(err.kind, err.code, err.message, { file: err.message });
    throw err;
  }
  const dir = join(dataDir, 'uploads', 'requests');
  await mkdir(dir, { recursive: true });
  const key = randomBytes(16).toString('hex');
  await writeFile(`${join(dir, key)}.part`, file.data, { flag: 'wx' });
  await rename(`${join(dir, key)}.part`, join(dir, key));
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const n = await tx.selectFrom('info_request_files').select('id').where('request_id', '=', id).where('role', '=', 'reply').execute();
      if (n.length >= MAX_REPLY_FILES) throw fail('too_many_attachments', `每件答复最多 ${MAX_REPLY_FILES} 个文件`);
      const { id: fileId } = await tx.insertInto('info_request_files').values({
        request_id: id, role: 'reply', file_name: fileName, mime: checked.mime, size: file.data.length, storage_key: key,
        sha256: createHash('sha256').update(file.data).digest('hex'), text: checked.text || null, created_at: nowIso(),
      }).returning('id').executeTakeFirstOrThrow();
      await writeAudit(tx, ctx, { action: 'request.reply_file', entity: 'info_request', entityId: id, areaId: row.area_id, after: { fileId, fileName, size: file.data.length } });
      return fileId;
    });
  } catch (err) {
    await rm(join(dir, key), { force: true });
    throw err;
  }
}

export type ReplyFileHit = { fileId: number; fileName: string; kind: string; text: string; own: boolean };

const digits = (s: string | null) => (s ?? '').replace(/[\s-]/g, '').toUpperCase();

/** Personal data in the released files: `own` = the applicant's own ID number, phone or e-mail. */
export async function replyFileHits(db: Db, row: RequestRow): Promise<{ files: { id: number; fileName: string; size: number; scanned: boolean }[]; hits: ReplyFileHit[] }> {
  const files = await db.selectFrom('info_request_files').select(['id', 'file_name', 'size', 'text', 'mime']).where('request_id', '=', row.id).where('role', '=', 'reply').orderBy('id').execute();
  const own = new Set([digits(row.applicant_id_number), digits(row.applicant_phone), (row.applicant_email ?? '').toLowerCase()].filter(Boolean));
  const hits: ReplyFileHit[] = [];
  for (const f of files) {
    for (const h of scanPersonalData(f.text ?? '')) {
      if (h.severity !== 'high') continue;
      const norm = h.kind === 'email' ? h.text.toLowerCase() : digits(h.text);
      hits.push({ fileId: f.id, fileName: f.file_name, kind: h.kind, text: h.text, own: own.has(norm) });
    }
  }
  return { files: files.map((f) => ({ id: f.id, fileName: f.file_name, size: f.size, scanned: f.text !== null || f.mime.startsWith('text/') })), hits };
}
