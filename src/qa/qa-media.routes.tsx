// 图解 / 视频 files: the public download (published entries only), the staff preview, upload and removal.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app/module.js';
import { AppError, notFound } from '../lib/errors.js';
import { MAX_MEDIA_BYTES } from '../lib/media-file.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { formBody, intParam, pageMeta, sendHtml } from '../web/http.js';
import { csrfDeferred, verifyCsrfToken } from '../web/multipart-csrf.js';
import * as media from './media.service.js';

const param = (req: FastifyRequest, name: string) => intParam((req.params as Record<string, string>)[name]);

/**
 * Streams a stored image or video: inline (an <img>/<video> needs it), never sniffed, sandboxed if opened
 * directly (an SVG cannot run anything even if the sanitiser missed something), byte ranges for video
 * seeking, revalidated on every use so a withdrawn entry's files stop at once.
 */
export async function sendMedia(req: FastifyRequest, reply: FastifyReply, m: media.MediaRow, path: string, cache: 'public' | 'private') {
  const st = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw notFound('图解或视频');
    throw err;
  });
  const etag = `"${m.sha256.slice(0, 32)}"`;
  reply
    .header('content-type', m.mime)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox")
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(m.file_name)}`)
    .header('cache-control', `${cache}, no-cache`)
    .header('etag', etag)
    .header('accept-ranges', 'bytes');
  if (req.headers['if-none-match'] === etag) return reply.status(304).send();
  const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''));
  if (range && (range[1] || range[2])) {
    // "a-b", "a-" (to the end) or "-n" (the last n bytes).
    const start = range[1] ? Number(range[1]) : Math.max(0, st.size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), st.size - 1) : st.size - 1;
    if (start > end || start >= st.size) return reply.status(416).header('content-range', `bytes */${st.size}`).send();
    return reply.status(206).header('content-range', `bytes ${start}-${end}/${st.size}`).header('content-length', String(end - start + 1)).send(createReadStream(path, { start, end }));
  }
  return reply.header('content-length', String(st.size)).send(createReadStream(path));
}

/** The one file of an upload form with its text fields (the CSRF token travels in the body, first). */
async function readMediaUpload(req: FastifyRequest, reply: FastifyReply): Promise<{ fields: Record<string, string>; file?: { fileName: string; data: Buffer } }> {
  if (!req.isMultipart()) throw new AppError('unsupported_media', 'multipart_required', '请以 multipart/form-data 上传文件');
  const fields: Record<string, string> = {};
  let file: { fileName: string; data: Buffer } | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_MEDIA_BYTES, files: 1 } })) {
      if (part.type === 'file') {
        // Nothing from the file is used before the token is checked.
        if (csrfDeferred(req)) await verifyCsrfToken(req, reply, fields._csrf);
        const data = await part.toBuffer();
        if (!file) file = { fileName: part.filename, data };
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', 'attachment_too_large', `文件不能超过 ${MAX_MEDIA_BYTES / 1024 / 1024} MB`, { file: `文件不能超过 ${MAX_MEDIA_BYTES / 1024 / 1024} MB` });
    throw err;
  }
  if (csrfDeferred(req)) await verifyCsrfToken(req, reply, fields._csrf);
  return { fields, file };
}

export type MediaFormState = { values: Record<string, string>; errors: Record<string, string> };
type EntryPageFn = (req: FastifyRequest, reply: FastifyReply, id: number, opts: { status: number; notice?: string; mediaForm?: MediaFormState }) => Promise<unknown>;

export async function qaMediaRoutes(app: FastifyInstance, deps: AppDeps, entryPage: EntryPageFn): Promise<void> {
  const dataDir = deps.config.dataDir;
  app.get('/qa/media/:id', async (req, reply) => {
    const { media: m, path } = await media.openPublicMedia(req.ctx.db, param(req, 'id'), dataDir);
    return sendMedia(req, reply, m, path, 'public');
  });
  app.get('/console/qa/entries/:id/media/:mediaId', async (req, reply) => {
    const m = await media.readableMedia(req.ctx, param(req, 'id'), param(req, 'mediaId'));
    return sendMedia(req, reply, m, `${media.mediaDir(dataDir)}/${m.storage_key}`, 'private');
  });
  app.post('/console/qa/entries/:id/media', { config: { csrfInBody: true } }, async (req, reply) => {
    const id = param(req, 'id');
    let fields: Record<string, string> = {};
    try {
      await media.requireMediaWriter(req.ctx, id);
      const up = await readMediaUpload(req, reply);
      fields = up.fields;
      await media.addMedia(req.ctx, id, fields, up.file, dataDir);
      return reply.redirect(`/console/qa/entries/${id}#h-media`, 303);
    } catch (e) {
      if (e instanceof AppError && ['invalid', 'unprocessable', 'unsupported_media', 'payload_too_large', 'conflict'].includes(e.kind)) {
        const errors = Object.keys(e.fields).length ? { ...e.fields } : { file: e.message };
        const status = e.kind === 'invalid' || e.kind === 'unprocessable' ? 400 : e.kind === 'conflict' ? 409 : e.kind === 'payload_too_large' ? 413 : 415;
        return entryPage(req, reply, id, { status, mediaForm: { values: { kind: fields.kind ?? 'image', description: fields.description ?? '' }, errors } });
      }
      throw e;
    }
  });
  app.get('/console/qa/entries/:id/media/:mediaId/delete', async (req, reply) => {
    const id = param(req, 'id');
    const m = await media.readableMedia(req.ctx, id, param(req, 'mediaId'));
    const meta = pageMeta(req, reply, `删除${media.MEDIA_KIND_LABELS[m.kind]}：${m.file_name}`);
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        <p>确定删除{media.MEDIA_KIND_LABELS[m.kind]}“<strong>{m.file_name}</strong>”及其文字说明吗？此操作记入审计日志。</p>
        <form method="post" action={`/console/qa/entries/${id}/media/${m.id}/delete`} class="gk-inline">
          <input type="hidden" name="_csrf" value={meta.csrf!} /><input type="hidden" name="confirm" value="1" />
          <button type="submit" class="gk-button">确定删除</button>
        </form>
        {' '}<a href={`/console/qa/entries/${id}`}>取消</a>
      </ConsoleLayout>
    ));
  });
  app.post('/console/qa/entries/:id/media/:mediaId/delete', async (req, reply) => {
    const id = param(req, 'id');
    const mediaId = param(req, 'mediaId');
    if (formBody(req).confirm !== '1') return reply.redirect(`/console/qa/entries/${id}/media/${mediaId}/delete`, 303);
    try {
      await media.removeMedia(req.ctx, id, mediaId, dataDir);
    } catch (e) {
      if (e instanceof AppError && e.kind === 'conflict') return entryPage(req, reply, id, { status: 409, notice: e.message });
      throw e;
    }
    return reply.redirect(`/console/qa/entries/${id}#h-media`, 303);
  });
}
