// 图解 / 视频 of curated entries: images (PNG, JPG, sanitised SVG) and videos (MP4, WebM), checked by their
// bytes (src/lib/media-file.ts), stored under <data dir>/uploads/qa/ with a random key, each with its required
// text alternative (文字说明 of an image, 文字稿 or 内容摘要 of a video). Added and removed only while the
// entry is not published (a change is reviewed with the entry); public only while the entry is published and
// every source is still valid today — a draft's files do not exist for anonymous callers (404).
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { cleanFileName } from '../disclosure/public.js';
import type { Db } from '../db/schema.js';
import type { QaEntryMediaTable } from '../db/qa.tables.js';
import type { Ctx } from '../lib/context.js';
import { AppError, conflict, fail, notFound } from '../lib/errors.js';
import { inspectMedia } from '../lib/media-file.js';
import { nowIso } from '../lib/time.js';
import { oneOf, parseInput, text } from '../lib/validate.js';
import { portalAreaId } from './consult.service.js';
import { checkSources, findEntry, MEDIA_KIND_LABELS, readableEntry } from './entries.service.js';
import { requireEntryWriter } from './qa-policy.js';

export const MAX_MEDIA_PER_ENTRY = 10;
export { MEDIA_KIND_LABELS };
export type MediaRow = Omit<QaEntryMediaTable, 'id'> & { id: number };

export const mediaDir = (dataDir: string) => join(dataDir, 'uploads', 'qa');

export const mediaInput = z.object({
  kind: oneOf('类型', ['image', 'video']),
  description: text('文字说明', { min: 10, max: 3000, multiline: true }),
});

const descriptionMessage = (kind: string) => (kind === 'video' ? '请填写视频的文字稿或内容摘要（至少10个字），看不了视频的人靠它了解内容' : '请填写图片的文字说明（至少10个字），看不见图片的人靠它了解内容');

export const listMedia = (db: Db, entryId: number): Promise<MediaRow[]> =>
  db.selectFrom('qa_entry_media').selectAll().where('entry_id', '=', entryId).orderBy('sort').orderBy('id').execute();

/** Media changes are part of the entry's content: only while it is a draft or in review. */
function requireMediaEditable(e: { status: string }): void {
  if (e.status === 'published') throw conflict('not_editable', '已发布的问答请先退回草稿，再修改图解或视频');
}

/** Checked before the upload is read, so a refused caller never gets to send 50 MB. */
export async function requireMediaWriter(ctx: Ctx, entryId: number): Promise<void> {
  const e = await readableEntry(ctx, entryId);
  requireEntryWriter(ctx.actor, e.owner_unit_id, false);
  requireMediaEditable(e);
}

/** Validates and stores one image or video with its text alternative; nothing is written when it is refused. */
export async function addMedia(ctx: Ctx, entryId: number, raw: Record<string, unknown>, file: { fileName: string; data: Buffer } | undefined, dataDir: string): Promise<number> {
  const e = await readableEntry(ctx, entryId);
  requireEntryWriter(ctx.actor, e.owner_unit_id, false);
  requireMediaEditable(e);
  let input: z.output<typeof mediaInput>;
  try {
    input = parseInput(mediaInput, raw);
  } catch (err) {
    if (err instanceof AppError && err.fields.description) throw new AppError('invalid', 'validation_failed', descriptionMessage(String(raw.kind)), { ...err.fields, description: descriptionMessage(String(raw.kind)) });
    throw err;
  }
  if (!file || (!file.fileName && file.data.length === 0)) throw new AppError('invalid', 'no_file', '请选择要上传的文件', { file: '请选择要上传的文件' });
  const fileName = cleanFileName(file.fileName) || (input.kind === 'image' ? '图解' : '视频');
  const checked = inspectMedia(fileName, file.data, input.kind);
  const key = randomBytes(16).toString('hex');
  const dir = mediaDir(dataDir);
  await mkdir(dir, { recursive: true });
  const path = join(dir, key);
  await writeFile(`${path}.part`, checked.data, { flag: 'wx' });
  await rename(`${path}.part`, path);
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const now = await findEntry(tx, entryId);
      if (!now) throw notFound('问答条目');
      requireMediaEditable(now);
      const existing = await listMedia(tx, entryId);
      if (existing.length >= MAX_MEDIA_PER_ENTRY) throw fail('too_many_attachments', `每条问答最多 ${MAX_MEDIA_PER_ENTRY} 个图解或视频`);
      const row = {
        entry_id: entryId, area_id: e.area_id, kind: checked.kind, format: checked.format, mime: checked.mime, file_name: fileName, size: checked.data.length,
        storage_key: key, sha256: createHash('sha256').update(checked.data).digest('hex'), description: input.description,
        sort: existing.reduce((m, r) => Math.max(m, r.sort), 0) + 1, created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null, created_at: nowIso(),
      };
      const { id } = await tx.insertInto('qa_entry_media').values(row).returning('id').executeTakeFirstOrThrow();
      await tx.updateTable('qa_entries').set({ updated_at: nowIso() }).where('id', '=', entryId).execute();
      const { storage_key: _k, ...audited } = row;
      await writeAudit(tx, ctx, { action: 'qa.entry.media.add', entity: 'qa_entry', entityId: entryId, after: { mediaId: id, ...audited }, areaId: e.area_id });
      return id;
    });
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
}

/** The media row of an entry the actor may read (404 otherwise). */
export async function readableMedia(ctx: Ctx, entryId: number, mediaId: number): Promise<MediaRow> {
  await readableEntry(ctx, entryId);
  const m = await ctx.db.selectFrom('qa_entry_media').selectAll().where('id', '=', mediaId).where('entry_id', '=', entryId).executeTakeFirst();
  if (!m) throw notFound('图解或视频');
  return m;
}

export async function removeMedia(ctx: Ctx, entryId: number, mediaId: number, dataDir: string): Promise<void> {
  const e = await readableEntry(ctx, entryId);
  requireEntryWriter(ctx.actor, e.owner_unit_id, false);
  requireMediaEditable(e);
  const m = await readableMedia(ctx, entryId, mediaId);
  await ctx.db.transaction().execute(async (tx) => {
    const now = await findEntry(tx, entryId);
    if (!now) throw notFound('问答条目');
    requireMediaEditable(now);
    await tx.deleteFrom('qa_entry_media').where('id', '=', mediaId).execute();
    await tx.updateTable('qa_entries').set({ updated_at: nowIso() }).where('id', '=', entryId).execute();
    await writeAudit(tx, ctx, { action: 'qa.entry.media.remove', entity: 'qa_entry', entityId: entryId, before: { mediaId, kind: m.kind, fileName: m.file_name, description: m.description }, areaId: e.area_id });
  });
  // After the commit: a failed commit must not lose the file of a row that still exists.
  await rm(join(mediaDir(dataDir), m.storage_key), { force: true });
}

/**
 * A medium for anonymous download: its entry is published in the portal's area and every source is valid
 * today (the same rule as the entry page); everything else is 404, never 403.
 */
export async function openPublicMedia(db: Db, mediaId: number, dataDir: string): Promise<{ media: MediaRow; path: string }> {
  const m = await db.selectFrom('qa_entry_media').selectAll().where('id', '=', mediaId).executeTakeFirst();
  const e = m ? await findEntry(db, m.entry_id) : undefined;
  if (!m || !e || e.status !== 'published' || e.area_id !== await portalAreaId(db) || m.area_id !== e.area_id) throw notFound('图解或视频');
  if (Object.keys(await checkSources(db, e.area_id, e.sources)).length) throw notFound('图解或视频');
  return { media: m, path: join(mediaDir(dataDir), m.storage_key) };
}
