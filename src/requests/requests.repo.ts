// SQL for a request's stored files and its published reply (read by the console pages through the services).
import type { Db } from '../db/schema.js';

export const requestFiles = (db: Db, requestId: number) =>
  db.selectFrom('info_request_files').select(['id', 'file_name', 'size', 'role']).where('request_id', '=', requestId).orderBy('id').execute();
export const findRequestFile = (db: Db, requestId: number, fileId: number) =>
  db.selectFrom('info_request_files').selectAll().where('id', '=', fileId).where('request_id', '=', requestId).executeTakeFirst();
export const findPublicReply = (db: Db, requestId: number) =>
  db.selectFrom('info_request_public_replies').selectAll().where('request_id', '=', requestId).executeTakeFirst();
