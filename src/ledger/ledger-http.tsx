// Request helpers shared by the ledger module's routes.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Child } from '#jsx/jsx-runtime';
import { AppError } from '../lib/errors.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { intParam, pageMeta, sendHtml } from '../web/http.js';
import { takeFlash } from '../web/flash.js';
import { csrfDeferred, verifyCsrfToken } from '../web/multipart-csrf.js';
import type { UploadedFile } from './ledger.service.js';

type Req = FastifyRequest;
type Reply = FastifyReply;

export async function renderPage(req: Req, reply: Reply, title: string, body: Child, status = 200) {
  const meta = pageMeta(req, reply, title);
  // The one-time message left by the POST that redirected here (Post/Redirect/Get).
  const flash = takeFlash(req, reply);
  const notice = flash ? <div class="gk-notice" role="status">{flash}</div> : null;
  return { meta, send: (content: (csrf: string) => Child) => sendHtml(reply, <ConsoleLayout meta={meta}>{notice}{body}{content(meta.csrf ?? '')}</ConsoleLayout>, status) };
}

export { redirectWithFlash } from '../web/flash.js';

export const fieldErrors = (err: unknown): Record<string, string> | null => {
  if (!(err instanceof AppError) || err.kind !== 'invalid') return null;
  return Object.keys(err.fields).length ? err.fields : { _: err.message };
};
export const remap = (fields: Record<string, string>, map: Record<string, string>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [map[k] ?? k, v]));
export const planQuery = (req: Req): number | null => {
  const v = (req.query as Record<string, string>).plan;
  return v ? intParam(v) : null;
};
export const params = (req: Req) => req.params as Record<string, string>;
export const id = (req: Req, name = 'id') => intParam(params(req)[name]);

export function sendXlsx(reply: Reply, file: { buffer: Buffer; fileName: string }) {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(file.buffer);
}

/** Reads a multipart request: text fields and at most one file. */
export async function readMultipart(req: Req, reply?: Reply): Promise<{ fields: Record<string, string>; file?: UploadedFile }> {
  const fields: Record<string, string> = {};
  let file: UploadedFile | undefined;
  if (!req.isMultipart()) throw new AppError('unsupported_media', 'multipart_required', '请以 multipart/form-data 上传文件');
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      if (!file && part.filename) file = { fileName: part.filename, mime: part.mimetype, data };
    } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
  }
  // The token travelled in the body (see src/web/multipart-csrf.ts): check it before anything is used.
  if (csrfDeferred(req)) {
    if (!reply) throw new AppError('forbidden', 'csrf_invalid', '页面已过期或来源无效，请刷新页面后重试');
    await verifyCsrfToken(req, reply, fields._csrf);
  }
  return { fields, file };
}

