// SQL for a request's stored files and its published reply (read by the console pages through the services).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db, Dialect } from '../db/schema.js';

export const requestFiles = (db: Db, requestId: number) =>
  db.selectFrom('info_request_files').select(['id', 'file_name', 'size', 'role']).where('request_id', '=', requestId).orderBy('id').execute();
export const findRequestFile = (db: Db, requestId: number, fileId: number) =>
  db.selectFrom('info_request_files').selectAll().where('id', '=', fileId).where('request_id', '=', requestId).executeTakeFirst();
export const findPublicReply = (db: Db, requestId: number) =>
  db.selectFrom('info_request_public_replies').selectAll().where('request_id', '=', requestId).executeTakeFirst();

/** Shorter register queries cannot use the trigram indexes: they match the 申请编号 only (a bounded LIKE: the page stops at its 50th hit). */
export const REGISTER_TEXT_MIN = 3;

/** A LIKE pattern matching `term` literally anywhere (`%`, `_` and `\` typed by the user are escaped with `\`). */
export const likeContains = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The register's text filter `q`: `term` (trimmed, non-empty) as a literal substring of the 申请编号 or the description,
 * case-insensitive for Latin letters, on both engines the same rows as `number LIKE '%term%' OR description LIKE
 * '%term%'`. Index-backed from REGISTER_TEXT_MIN characters: SQLite's FTS5 trigram table (info_requests_fts) yields
 * the candidates and the LIKE rechecks them (trigram folds more letters than SQLite's ASCII-only LIKE); PostgreSQL's
 * pg_trgm GIN indexes serve LIKE/ILIKE directly (Bitmap Or of both). Shorter terms match the number only.
 * Applicant data (name, identity, contact, address) is never searched.
 */
export function registerTextFilter(dialect: Dialect, term: string): Expression<SqlBool> {
  const pat = likeContains(term);
  const short = [...term].length < REGISTER_TEXT_MIN;
  if (dialect === 'postgres') {
    // ILIKE only when case can matter (SQLite's LIKE folds ASCII letters only): plain LIKE is several times cheaper per
    // row, which counts where rows are rechecked (the capped count of a common term, terms under 3 characters).
    const op = sql.raw(/[A-Za-z]/.test(term) ? 'ILIKE' : 'LIKE');
    return short ? sql<SqlBool>`info_requests.number ${op} ${pat}` : sql<SqlBool>`(info_requests.number ${op} ${pat} OR info_requests.description ${op} ${pat})`;
  }
  const numberLike = sql<SqlBool>`info_requests.number LIKE ${pat} ESCAPE '\\'`;
  if (short) return numberLike;
  const phrase = `"${term.replace(/"/g, '""')}"`;
  return sql<SqlBool>`(info_requests.id IN (SELECT rowid FROM info_requests_fts WHERE info_requests_fts MATCH ${phrase}) AND (${numberLike} OR info_requests.description LIKE ${pat} ESCAPE '\\'))`;
}

/**
 * Locks the request row until the end of the transaction (PostgreSQL `SELECT … FOR UPDATE`): every writer of a request's
 * events takes it first, so concurrent writers of the same request queue up and each reads the events committed before
 * it (the next seq, the clock state, the open letters). SQLite needs nothing: its write transactions start with
 * BEGIN IMMEDIATE and hold the database's single write lock from the first statement.
 */
export async function lockRequestRow(tx: Db, dialect: Dialect, requestId: number): Promise<void> {
  if (dialect !== 'postgres') return;
  await tx.selectFrom('info_requests').select('id').where('id', '=', requestId).forUpdate().execute();
}
