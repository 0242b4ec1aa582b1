// Tables of the ledger module (台账). Owned by src/ledger; created by its migration 20261128_0200.
// `notifications`, `outbox` and `user_contacts` are general infrastructure that the ledger module
// introduced (reminders need them); other modules may write to them through src/ledger/notify.ts.
import type { Generated } from 'kysely';

/** draft 草稿 → review 待单位审核 → submitted 已报送 → accepted 已通过 | returned 已退回. */
export type LedgerStatus = 'draft' | 'review' | 'submitted' | 'accepted' | 'returned';
/** Stored codes of 未开始 / 进行中 / 已完成 / 逾期. */
export type MeasureStatus = 'not_started' | 'in_progress' | 'done' | 'overdue';
/** Where a measure's due date came from: the plan's fixed date, an anchor + working days, or the unit. */
export type DueSource = 'rule' | 'anchor' | 'manual';

export interface LedgersTable {
  id: Generated<number>;
  plan_id: number;
  unit_id: number;
  area_id: number;
  status: LedgerStatus;
  /** The version being drafted; each submission snapshots it into ledger_versions. */
  version: number;
  /** Incremented by every change to the ledger's rows or measures (cache key for its figures). */
  revision: number;
  first_submitted_at: string | null;
  submitted_at: string | null;
  accepted_at: string | null;
  returned_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface LedgerRowsTable {
  id: Generated<number>;
  ledger_id: number;
  task_id: number;
  seq: number;
  /** The unit's role for the task: lead / responsible / implementing. */
  role: string;
}

export interface LedgerMeasuresTable {
  id: Generated<number>;
  ledger_id: number;
  row_id: number;
  sort: number;
  content: string;
  time_limit: string;
  leader: string;
  section: string;
  due_date: string | null;
  due_source: DueSource | null;
  anchor_date: string | null;
  /** How the due date was obtained, in Chinese. */
  due_note: string | null;
  /** due_date moved to the next working day when it falls on a day off (民法典第二百零三条). */
  deadline: string | null;
  status: MeasureStatus;
  completed_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface LedgerProgressTable {
  id: Generated<number>;
  measure_id: number;
  ledger_id: number;
  on_date: string;
  note: string;
  author_id: number | null;
  author_label: string;
  created_at: string;
}

export type EvidenceKind = 'item' | 'url' | 'file' | 'participation';
export interface LedgerEvidenceTable {
  id: Generated<number>;
  measure_id: number;
  ledger_id: number;
  kind: EvidenceKind;
  item_id: number | null;
  url: string | null;
  file_name: string | null;
  storage_key: string | null;
  mime: string | null;
  size: number | null;
  sha256: string | null;
  label: string;
  author_label: string;
  created_at: string;
  /** kind 'participation': the cited record of the decisions module (decision, consultation, meeting, open_day) and its id. */
  target: Generated<string | null>;
  target_id: Generated<number | null>;
}

export interface LedgerVersionsTable {
  id: Generated<number>;
  ledger_id: number;
  version: number;
  submitted_at: string;
  submitted_by: string;
  snapshot_json: string;
  decision: 'accepted' | 'returned' | null;
  decided_at: string | null;
  decided_by: string | null;
  decision_comment: string | null;
}

/** return = the office's comment on a returned version; guidance = a lead department's; unit = the unit reviewer's. */
export type LedgerCommentKind = 'return' | 'guidance' | 'unit';
export interface LedgerCommentsTable {
  id: Generated<number>;
  ledger_id: number;
  row_id: number | null;
  version: number;
  kind: LedgerCommentKind;
  author_id: number | null;
  author_label: string;
  author_unit_id: number | null;
  body: string;
  created_at: string;
}

/** One row per reminder sent: (measure, rule, deadline) is unique, so reruns never send twice. */
export interface LedgerRemindersTable {
  id: Generated<number>;
  measure_id: number;
  rule: 'before' | 'due' | 'overdue';
  due_date: string;
  sent_at: string;
}

/** Admin corrections to the automatic lead-duty ↔ task mapping. */
export interface LeadDutyTasksTable {
  duty_id: number;
  task_id: number;
  mode: 'add' | 'remove';
  created_at: string;
}

export type RectificationStatus = 'pending' | 'in_progress' | 'done';
export interface LedgerRectificationsTable {
  id: Generated<number>;
  plan_id: number;
  unit_id: number;
  area_id: number;
  source_plan_id: number;
  source_measure_id: number;
  task_text: string;
  measure_text: string;
  source_deadline: string | null;
  source_status: string;
  status: RectificationStatus;
  note: string;
  completed_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  area_id: number | null;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  read_at: string | null;
  created_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  area_id: number | null;
  user_id: number | null;
  to_addr: string;
  subject: string;
  body: string;
  /**
   * pending: waiting (or no SMTP configured); sending: claimed by a deliverer (attempt_id) until
   * claimed_until — one still there after its lease was cut off mid-send and is sent again; sent; failed after retries.
   */
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** The deliverer's attempt that claimed the message (notify migration 20261201_2027). */
  attempt_id: Generated<string | null>;
  /** Lease end of that claim (ISO). */
  claimed_until: Generated<string | null>;
}

export interface UserContactsTable {
  user_id: number;
  email: string;
  updated_at: string;
}

export interface LedgerTables {
  ledgers: LedgersTable;
  ledger_rows: LedgerRowsTable;
  ledger_measures: LedgerMeasuresTable;
  ledger_progress: LedgerProgressTable;
  ledger_evidence: LedgerEvidenceTable;
  ledger_versions: LedgerVersionsTable;
  ledger_comments: LedgerCommentsTable;
  ledger_reminders: LedgerRemindersTable;
  lead_duty_tasks: LeadDutyTasksTable;
  ledger_rectifications: LedgerRectificationsTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  user_contacts: UserContactsTable;
  ledger_urges: LedgerUrgesTable;
}

/** 催报: one row per plan, unit and day the office urged the unit to submit. */
export interface LedgerUrgesTable {
  id: Generated<number>;
  plan_id: number;
  unit_id: number;
  on_date: string;
  by_label: string;
  created_at: string;
}
