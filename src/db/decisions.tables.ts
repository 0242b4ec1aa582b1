// Tables of the decisions module (src/decisions): 重大行政决策 catalog, consultations and comments,
// 列席 meetings and 政府开放日.
import type { Generated } from 'kysely';

export type ConsultationKind = 'major_decision' | 'normative' | 'other';
export type CommentStatus = 'pending' | 'published' | 'withheld';
export type Disposition = 'adopted' | 'partly' | 'not_adopted' | 'out_of_scope';

export interface ConsultationsTable {
  id: Generated<number>;
  area_id: number;
  unit_id: number;
  decision_id: number | null;
  title: string;
  kind: ConsultationKind;
  opens_on: string;
  closes_on: string;
  shortening_reason: string | null;
  /** Comma-separated channel codes (网站, 新媒体, …). */
  channels: string;
  draft_item_id: number | null;
  explanation_item_id: number | null;
  /** The generated feedback report (采纳情况), frozen at publication. */
  report_json: string | null;
  report_published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  /** Comment counts by status, kept in the transaction of every comment change. */
  n_pending: Generated<number>;
  n_published: Generated<number>;
  n_withheld: Generated<number>;
  /** The information item (disclosure module) registering the published report, once a draft is made. */
  report_item_id: Generated<number | null>;
}

export interface ConsultationCommentsTable {
  id: Generated<number>;
  consultation_id: number;
  received_at: string;
  /** Private: never on a public page. */
  name: string | null;
  /** Private: never on a public page. */
  contact: string | null;
  section: string | null;
  text: string;
  /** Normalised text used for grouping identical and near-identical comments. */
  norm_text: string;
  status: CommentStatus;
  /** What the public sees once published: the verbatim text (personal data masked) or a summary. */
  shown_text: string | null;
  publish_mode: 'verbatim' | 'summary' | null;
  withheld_reason: string | null;
  group_id: number | null;
  disposition: Disposition | null;
  reason: string | null;
  topic: string | null;
  moderated_at: string | null;
  moderated_by: number | null;
  /** 1 when the comment is a line of the public list: published, and the first published member of its group. */
  listed: Generated<number>;
}

export interface ConsultationGroupsTable {
  id: Generated<number>;
  consultation_id: number;
  representative_id: number;
  size: number;
  disposition: Disposition | null;
  reason: string | null;
  topic: string | null;
  disposed_at: string | null;
}

export interface DecisionsTable {
  id: Generated<number>;
  area_id: number;
  year: number;
  name: string;
  /** Art. 3 of 国务院令第713号: '1'…'5' for (一)…(五). */
  category: string;
  decision_body: string;
  lead_unit_id: number;
  supporting_units: string;
  legal_basis: string;
  planned_on: string | null;
  hearing: number;
  /** Comma-separated statutory steps required: public, expert, risk, legality, collective. */
  steps: string;
  status: string;
  status_since: string;
  created_at: string;
  updated_at: string;
}

export interface DecisionEventsTable {
  id: Generated<number>;
  decision_id: number;
  at: string;
  actor_label: string;
  kind: 'create' | 'stage' | 'adjust' | 'terminate';
  from_status: string | null;
  to_status: string | null;
  evidence_item_id: number | null;
  completed_on: string | null;
  reason: string | null;
  before_json: string | null;
  after_json: string | null;
}

export interface MeetingsTable {
  id: Generated<number>;
  area_id: number;
  decision_id: number | null;
  title: string;
  meeting_on: string;
  signup_opens_on: string;
  signup_closes_on: string;
  seats: number;
  /** 遴选办法 as published. */
  rules: string;
  method: 'draw' | 'manual' | null;
  seed: string | null;
  /** The published, sorted list the draw ran over (public ids and masked names). */
  draw_list_json: string | null;
  manual_reason: string | null;
  selected_at: string | null;
  created_at: string;
  /** 会议地点 and what attendees bring (in their notice). */
  place: string | null;
  bring: string | null;
  /** Bumped when date, place or what to bring change after people were told (a new "changed" notice each time). */
  details_version: Generated<number>;
}

export interface MeetingSignupsTable {
  id: Generated<number>;
  meeting_id: number;
  name: string;
  /** Private: never on a public page. */
  contact: string;
  category: string;
  reason: string;
  consent_publish: number;
  selected: number;
  opinion: string | null;
  disposition: Disposition | null;
  disposition_reason: string | null;
  created_at: string;
}

export interface OpenDaysTable {
  id: Generated<number>;
  area_id: number;
  unit_id: number;
  title: string;
  held_on: string;
  place: string;
  capacity: number;
  signup_closes_on: string;
  created_at: string;
  bring: string | null;
  details_version: Generated<number>;
}

export interface OpenDaySignupsTable {
  id: Generated<number>;
  open_day_id: number;
  name: string;
  /** Private: never on a public page. */
  contact: string;
  status: 'confirmed' | 'waiting' | 'cancelled';
  attended: number;
  suggestion: string | null;
  disposition: Disposition | null;
  disposition_reason: string | null;
  created_at: string;
}

/** A notice to a 列席 attendee or 开放日 sign-up: e-mailed through the outbox, or a 请电话通知 task for staff. */
export interface ParticipantNoticesTable {
  id: Generated<number>;
  area_id: number;
  /** Exactly once per person and event. */
  key: string;
  target: 'meeting' | 'open_day';
  target_id: number;
  signup_id: number;
  event: 'selected' | 'confirmed' | 'waiting' | 'cancelled' | 'changed';
  channel: 'email' | 'phone';
  message: string;
  created_at: string;
  /** The e-mail in the notify outbox (e-mail notices); a failed one is phoned instead. */
  outbox_id: number | null;
  /** Phone notices (and failed e-mails): when staff reached the person. */
  done_at: string | null;
  done_by: string | null;
}

/** A self-service cancellation link of a sign-up: only the SHA-256 of the token is kept; it expires after the event. */
export interface CancelTokensTable {
  id: Generated<number>;
  token_hash: string;
  target: 'open_day';
  signup_id: number;
  created_at: string;
  used_at: string | null;
}

export interface DecisionsTables {
  consultations: ConsultationsTable;
  consultation_comments: ConsultationCommentsTable;
  consultation_groups: ConsultationGroupsTable;
  decisions: DecisionsTable;
  decision_events: DecisionEventsTable;
  meetings: MeetingsTable;
  meeting_signups: MeetingSignupsTable;
  open_days: OpenDaysTable;
  open_day_signups: OpenDaySignupsTable;
  decisions_notices: ParticipantNoticesTable;
  decisions_cancel_tokens: CancelTokensTable;
}
