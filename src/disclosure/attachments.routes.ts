// Attachment downloads. Public for published proactive items; otherwise only for staff who can read the
// item; everyone else gets 404 (an unpublished item's files must not be discoverable).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app/module.js';
import { notFound } from '../lib/errors.js';
import { openAttachment } from './attachments.service.js';
import { idParam } from './route-helpers.js';

export async function attachmentRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get('/attachments/:id', async (req, reply) => {
    const { attachment, path } = await openAttachment(req.ctx, idParam(req), deps.config.dataDir);
    const st = await stat(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw notFound('附件');
      throw err;
    });
    // Always a download, never rendered in the site's origin (a crafted file cannot run as a page).
    const disposition = 'attachment';
    return reply
      .header('content-type', attachment.mime)
      .header('content-length', String(st.size))
      .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(attachment.file_name)}`)
      // Withdrawal must take effect at once, and staff-only files must not sit in shared caches.
      .header('cache-control', 'private, no-cache')
      .send(createReadStream(path));
  });
}
