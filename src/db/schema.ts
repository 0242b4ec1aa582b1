// The one schema type shared by both engines. Timestamps are ISO-8601 strings,
// dates are YYYY-MM-DD strings, booleans are 0/1 integers: identical on SQLite and PostgreSQL.
import type { Generated, Kysely } from 'kysely';
import type { DecisionsTables } from './decisions.tables.js';
import type { DisclosureTables } from './disclosure.tables.js';
import type { LedgerTables } from './ledger.tables.js';
import type { NotifyTables } from './notify.tables.js';
import type { ReportTables } from './report.tables.js';
import type { RequestsTables } from './requests.tables.js';
import type { SearchTables } from './search.tables.js';
import type { QaTables } from './qa.tables.js';
import type { SiteTables } from './site.tables.js';
import type { PlanEditTables } from './plan-edit.tables.js';

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
  /** 1 after creation or an admin reset: the next login must set a new password. */
  must_change_password: Generated<number>;
  password_changed_at: string | null;
  /** Base32 TOTP secret (RFC 6238); enabled once the user confirmed a code. */
  totp_secret: string | null;
  totp_enabled: Generated<number>;
  /** Last accepted TOTP time step: a code is accepted once. */
  totp_last_step: number | null;
  /** sha256 hashes of unused recovery codes. */
  recovery_codes_json: string | null;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token
  user_id: number;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
  /** 1: password accepted, second factor still due (not a login). */
  mfa_pending: Generated<number>;
}

export interface LoginThrottleTable {
  /** `user:<lower-case username>` (known or not) or `ip:<address>`. */
  key: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** 'read' (GET/HEAD only) or 'read_write'. */
  scope: Generated<string>;
  /** Optional: the one API module (/api/v1/<module>/…) the token may call. */
  module: string | null;
  expires_at: string | null;
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
  /** Source address and user agent of the request (null for CLI and jobs). */
  ip: string | null;
  user_agent: string | null;
  /** Hash chain (src/audit/audit-chain.ts): the previous row's hash and sha256(prev_hash + this row). */
  prev_hash: string | null;
  hash: string | null;
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

export interface CalendarYearsTable { year: number; notice: string | null; source: string | null; note: string | null; entered_at: string }
export interface CalendarDaysTable { scope: string; date: string; kind: 'off' | 'work'; name: string; year: number; source: string }

export interface PlansTable {
  id: Generated<number>;
  area_id: number;
  year: number;
  doc_number: string;
  title: string;
  issuer: string;
  issued_on: string | null;
  /** When unit ledgers are due (the Linzi plan: 6月30日). */
  submission_due: string | null;
  ledger_columns_json: string;
  copied_from_plan_id: number | null;
  created_at: string;
  updated_at: string;
}
export interface PlanTasksTable {
  id: Generated<number>;
  plan_id: number;
  seq: number;
  domain: string;
  sub_area: string;
  requirement: string;
  units_text: string;
  time_limit: string;
  rules_json: string;
  warnings_json: string;
  carried_from_task_id: number | null;
}
export type TaskUnitRole = 'lead' | 'implementing' | 'responsible';
export interface PlanTaskUnitsTable {
  id: Generated<number>;
  task_id: number;
  unit_id: number | null;
  name: string;
  role: TaskUnitRole;
  is_group: number;
  group_code: string | null;
  sort: number;
}
export interface PlanTaskAssignmentsTable { task_id: number; unit_id: number; role: TaskUnitRole; source: string }
export interface PlanLeadDutiesTable {
  id: Generated<number>;
  plan_id: number;
  seq: number;
  unit_id: number | null;
  unit_name: string;
  content: string;
  requirement: string;
}

export interface DB extends DisclosureTables, LedgerTables, SearchTables, NotifyTables, RequestsTables, ReportTables, DecisionsTables, QaTables, SiteTables, PlanEditTables {
  calendar_years: CalendarYearsTable;
  calendar_days: CalendarDaysTable;
  plans: PlansTable;
  plan_tasks: PlanTasksTable;
  plan_task_units: PlanTaskUnitsTable;
  plan_task_assignments: PlanTaskAssignmentsTable;
  plan_lead_duties: PlanLeadDutiesTable;
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  job_locks: JobLocksTable;
  login_throttle: LoginThrottleTable;
}

export type Db = Kysely<DB>;
export type Dialect = 'sqlite' | 'postgres';
