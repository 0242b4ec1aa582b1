// The closed set of error kinds, mapped centrally to HTTP status, HTML pages and JSON; the codes
// are the closed catalog in error-codes.ts.
import { ERROR_CODES, type ErrorCode } from './error-codes.js';

export type { ErrorCode } from './error-codes.js';
export type ErrorKind =
  | 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict'
  | 'rate_limited' | 'payload_too_large' | 'unsupported_media' | 'deadline_passed' | 'internal' | 'unavailable' | 'unprocessable';

export const ERROR_STATUS: Record<ErrorKind, number> = {
  invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409,
  rate_limited: 429, payload_too_large: 413, unsupported_media: 415, deadline_passed: 409, internal: 500, unavailable: 503, unprocessable: 422,
};

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: ErrorCode;
  readonly fields: Record<string, string>;
  constructor(kind: ErrorKind, code: ErrorCode, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.fields = fields;
  }
  get status(): number {
    return ERROR_STATUS[this.kind];
  }
}

export const notFound = (what = '页面') => new AppError('not_found', 'not_found', `${what}不存在或您无权查看`);
export const forbidden = (msg = '您没有执行此操作的权限') => new AppError('forbidden', 'forbidden', msg);
export const invalid = (fields: Record<string, string>, msg = '提交的内容有误，请按提示修改') =>
  new AppError('invalid', 'validation_failed', msg, fields);
export const conflict = (code: ErrorCode, msg: string) => new AppError('conflict', code, msg);

/** The one way to throw a catalogued code: its kind (and so its HTTP status) comes from the catalog. */
export const fail = (code: ErrorCode, message: string = ERROR_CODES[code].doc, fields: Record<string, string> = {}) =>
  new AppError(ERROR_CODES[code].kind, code, message, fields);
