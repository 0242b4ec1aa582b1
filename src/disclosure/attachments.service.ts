// Attachments: checked by content, stored under <data dir>/uploads/ with a random key, text kept for
// search and the privacy scan. Unpublished items' attachments do not exist for anyone who cannot read the item.
import { isPublicItem } from './public-rule.js';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Ctx } from '../lib/context.js';
import { AppError, conflict, notFound } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { cleanFileName, inspectAttachment } from './attachment-file.js';
import { recordChange } from './item-history.js';
import { canReadItem, requireItemWriter, requireReadable } from './item-policy.js';
import * as repo from './items.repo.js';

export const uploadsDir = (dataDir: string) => join(dataDir, 'uploads');
const MAX_PER_ITEM = 20;

/** Checked before an upload is read, so a refused caller never gets to send 20 MB. */
export async function requireAttachable(ctx: Ctx, itemId: number): Promise<void> {
  const found = requireReadable(ctx.actor, await repo.findItem(ctx.db, itemId));
  requireItemWriter(ctx.actor, found);
  if (found.status !== 'draft' && found.status !== 'returned') throw conflict('not_editable', '只有草稿或被退回的信息可以修改附件');
}

/** Validates and stores one file for a draft or returned item; nothing is written when it is refused. */
export async function addAttachment(ctx: Ctx, itemId: number, file: { fileName: string; data: Buffer }, dataDir: string): Promise<number> {
  await requireAttachable(ctx, itemId);
  if (!file.fileName && file.data.length === 0) throw new AppError('invalid', 'no_file', '请选择要上传的文件', { file: '请选择要上传的文件' });
  const fileName = cleanFileName(file.fileName) || '附件';
  const { mime, text } = await inspectAttachment(fileName, file.data);
  const key = randomBytes(16).toString('hex');
  const dir = uploadsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const path = join(dir, key);
  await writeFile(`${path}.part`, file.data, { flag: 'wx' });
  await rename(`${path}.part`, path);
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const item = (await repo.findItem(tx, itemId))!;
      if (item.status !== 'draft' && item.status !== 'returned') throw conflict('not_editable', '只有草稿或被退回的信息可以修改附件');
      if ((await repo.listAttachments(tx, itemId)).length >= MAX_PER_ITEM) throw conflict('too_many_attachments', `每条信息最多 ${MAX_PER_ITEM} 个附件`);
      const row = await tx.insertInto('item_attachments').values({
        item_id: itemId, file_name: fileName, mime, size: file.data.length, storage_key: key,
        sha256: createHash('sha256').update(file.data).digest('hex'), text, created_at: nowIso(),
      }).returning('id').executeTakeFirstOrThrow();
      await repo.updateItem(tx, itemId, { updated_at: nowIso() });
      await recordChange(tx, ctx, item, { action: 'attachment.add', note: fileName, after: { attachmentId: row.id, fileName, size: file.data.length, mime } });
      return row.id;
    });
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
}

export async function removeAttachment(ctx: Ctx, itemId: number, attachmentId: number, dataDir: string): Promise<void> {
  const found = requireReadable(ctx.actor, await repo.findItem(ctx.db, itemId));
  requireItemWriter(ctx.actor, found);
  const att = await repo.findAttachment(ctx.db, attachmentId);
  if (!att || att.item_id !== itemId) throw notFound('附件');
  await ctx.db.transaction().execute(async (tx) => {
    const item = (await repo.findItem(tx, itemId))!;
    if (item.status !== 'draft' && item.status !== 'returned') throw conflict('not_editable', '只有草稿或被退回的信息可以修改附件');
    await tx.deleteFrom('item_attachments').where('id', '=', attachmentId).execute();
    await repo.updateItem(tx, itemId, { updated_at: nowIso() });
    await recordChange(tx, ctx, item, { action: 'attachment.remove', note: att.file_name, before: { attachmentId, fileName: att.file_name } });
  });
  // After the commit: a failed commit must not lose the file of a row that still exists.
  await rm(join(uploadsDir(dataDir), att.storage_key), { force: true });
}

/**
 * An attachment for download: anyone for a published proactive item, otherwise only users who can
 * read the item. Everyone else gets 404, never 403 (existence is secret).
 */
export async function openAttachment(ctx: Ctx, attachmentId: number, dataDir: string) {
  const att = await repo.findAttachment(ctx.db, attachmentId);
  const item = att ? await repo.findItem(ctx.db, att.item_id) : undefined;
  if (!att || !item) throw notFound('附件');
  const isPublic = isPublicItem(item);
  if (!isPublic && !canReadItem(ctx.actor, item)) throw notFound('附件');
  return { attachment: att, path: join(uploadsDir(dataDir), att.storage_key) };
}

/** Public URL of an attachment (the portal links here; access is checked on every request). */
export const attachmentUrl = (a: { id: number }) => `/attachments/${a.id}`;
