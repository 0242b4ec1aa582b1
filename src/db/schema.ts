// The one schema type shared by both engines. Timestamps are ISO-8601 strings,
// dates are YYYY-MM-DD strings, booleans are 0/1 integers: identical on SQLite and PostgreSQL.
import type { Generated, Kysely } from 'kysely';

export type UnitKind = '市' | '区' | '区直部门' | '镇' | '街道' | '其他';
export type Role = 'admin' | 'unit_operator' | 'unit_reviewer' | 'auditor';

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: UnitKind;
  parent_id: number | null;
  /** The administrative area (a unit of kind 区 or 市) this unit belongs to; itself for an area. */
  area_id: number | null;
  sort: number;
  created_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  unit_id: number;
  password_hash: string;
  failed_logins: number;
  locked_until: string | null;
  disabled: number;
  created_at: string;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token
  user_id: number;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_label: string;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  area_id: number | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface JobLocksTable {
  name: string;
  owner: string;
  expires_at: string;
}

export interface DB {
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  job_locks: JobLocksTable;
}

export type Db = Kysely<DB>;
export type Dialect = 'sqlite' | 'postgres';
