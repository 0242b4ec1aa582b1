// Who is acting and on what database: passed to every service method.
import type { Db, Dialect, Role } from '../db/schema.js';

export type Actor = {
  kind: 'user';
  userId: number;
  username: string;
  name: string;
  role: Role;
  unitId: number;
  /** The administrative area this user works in (units of kind 区/市). */
  areaId: number;
  /** Set by the session/token check: only the account page may be used until this is done. */
  mustChangePassword?: boolean;
  mustEnrolTotp?: boolean;
} | { kind: 'system'; label: string; areaId: null } | { kind: 'anonymous'; areaId: null };

export type Ctx = {
  db: Db;
  dialect: Dialect;
  actor: Actor;
  requestId?: string;
  /** Where the request came from (recorded in the audit log). */
  ip?: string | null;
  userAgent?: string | null;
};

export const systemActor = (label = 'system'): Actor => ({ kind: 'system', label, areaId: null });
export const anonymous: Actor = { kind: 'anonymous', areaId: null };

export const actorLabel = (a: Actor): string =>
  a.kind === 'user' ? `${a.name}（${a.username}）` : a.kind === 'system' ? a.label : '匿名';
export const actorId = (a: Actor): number | null => (a.kind === 'user' ? a.userId : null);
