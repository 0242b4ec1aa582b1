// Tables of the requests module (依申请公开, src/requests). Created by its migrations
// (src/requests/requests.migrations.ts). The clock's truth is `info_request_events`; the
// `due_on`, `state`, `on_time` and `working_days` columns of `info_requests` are a cache that
// every event write recomputes from the whole event list (so lists and dashboards can filter).
import type { Generated } from 'kysely';

export interface InfoRequestsTable {
  id: Generated<number>;
  area_id: number;
  /** The body the request is addressed to (the district government or a unit): it reports it in table 3. */
  unit_id: number;
  /** The unit handling it (assigned by the office); null until assigned. */
  handling_unit_id: number | null;
  /** 申请编号, e.g. 临淄依申〔2022〕0001号; null while waiting for confirmation. */
  number: string | null;
  /** online | in_person | post | fax | email | oral */
  channel: string;
  /** pending_confirmation | running | awaiting_correction | paused | closed (cache of the event list). */
  state: string;
  applicant_type: string;
  applicant_name: string;
  applicant_id_type: string | null;
  applicant_id_number: string | null;
  applicant_contact: string | null;
  /** 法定代表人 of an organisation applicant. */
  applicant_legal_rep: string | null;
  applicant_phone: string | null;
  applicant_email: string | null;
  applicant_address: string | null;
  description: string;
  purpose: string | null;
  /** paper | electronic */
  format: string | null;
  /** post | email | pickup | online */
  delivery: string | null;
  /** The day the request arrived (before art. 31 confirmation). */
  submitted_on: string;
  /** 收到申请日期 (art. 31); null while waiting for confirmation. */
  received_on: string | null;
  due_on: string | null;
  /** While consulting (paused): the 15th working day, when the clock resumes without an answer. */
  consultation_until: string | null;
  decision: string | null;
  decided_on: string | null;
  on_time: number | null;
  /** Working days from receipt to the reply (calendar of the area), cached at close. */
  working_days: number | null;
  query_code_hash: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface InfoRequestEventsTable {
  id: Generated<number>;
  request_id: number;
  seq: number;
  /** received | correction_requested | correction_received | consultation_started | consultation_ended | extended | replied | … */
  type: string;
  on_date: string;
  days: number | null;
  outcome: string | null;
  note: string | null;
  data_json: string | null;
  actor_label: string;
  created_at: string;
}

/** 申请编号 series: one row per area and year; `template` e.g. `临淄依申〔{year}〕{seq:4}号`. */
export interface InfoRequestSeriesTable {
  area_id: number;
  year: number;
  template: string;
  last_seq: number;
}

/** 信息处理费 notices (art. 42). */
export interface InfoRequestFeesTable {
  id: Generated<number>;
  request_id: number;
  /** per_request | per_volume */
  method: string;
  quantity: number;
  amount_yuan: number;
  noticed_on: string;
  pay_by: string;
  paid_on: string | null;
  created_at: string;
}

/** 行政复议 / 行政诉讼 register (the source of table 4). */
export interface InfoRequestAppealsTable {
  id: Generated<number>;
  area_id: number;
  /** The respondent body (counted in its table 4). */
  unit_id: number;
  request_id: number | null;
  /** review | litigation_direct | litigation_after_review */
  kind: string;
  filed_on: string;
  /** upheld | corrected | other | pending */
  result: string;
  concluded_on: string | null;
  case_number: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** Files of a request: `application` (the applicant's attachments), `reply` (released with the reply). */
export interface InfoRequestFilesTable {
  id: Generated<number>;
  request_id: number;
  role: string;
  file_name: string;
  mime: string;
  size: number;
  storage_key: string;
  sha256: string;
  text: string | null;
  created_at: string;
}

/** 答复书 / 告知书: the rendered text is kept, so a later template version never changes an issued letter. */
export interface InfoRequestLettersTable {
  id: Generated<number>;
  request_id: number;
  /** reply (答复书/告知书) */
  kind: string;
  template: string;
  template_version: number;
  /** 文号, e.g. 临淄依申答〔2022〕1号 */
  doc_number: string;
  decision: string | null;
  issued_on: string;
  input_json: string;
  title: string;
  paragraphs_json: string;
  created_by: string;
  created_at: string;
}
export interface InfoRequestLetterSeriesTable { area_id: number; year: number; last_seq: number }
/** 征求意见函 文号 counter per area and sending year. */
export type InfoRequestConsultationSeriesTable = InfoRequestLetterSeriesTable;
/** How the reply reached the applicant; relief periods run from `delivered_on`. */
export interface InfoRequestDeliveriesTable {
  id: Generated<number>;
  request_id: number;
  letter_id: number | null;
  /** post | email | pickup | online */
  method: string;
  delivered_on: string;
  tracking_number: string | null;
  note: string | null;
  created_by: string;
  created_at: string;
}

/** 公开答复库: what the portal shows of a closed request (the summary is written redacted by staff). */
export interface InfoRequestPublicRepliesTable { request_id: number; area_id: number; summary: string; published_on: string; published_by: string; created_at: string }

/** E-mailed download links: sha256 of the token, the letter, and when the link stops working. */
export interface InfoRequestDownloadsTable { token_hash: string; request_id: number; letter_id: number; expires_at: string; created_at: string }

/** 征求意见函 (arts. 32, 34): one per consulted party; the party's details never leave the console. */
export interface InfoRequestConsultationsTable {
  id: Generated<number>;
  request_id: number;
  area_id: number;
  /** seq of the consultation_started event whose pause this letter belongs to. */
  event_seq: number;
  /** third_party | agency */
  party_kind: string;
  party_name: string;
  party_address: string | null;
  party_contact: string | null;
  /** What information the party is consulted on, and why. */
  matter: string;
  /** 文号, e.g. 临淄依申征〔2022〕1号 */
  doc_number: string;
  sent_on: string;
  /** The 15th working day after sending. */
  answer_due: string;
  answered_on: string | null;
  /** consent | objection */
  answer: string | null;
  answer_note: string | null;
  template: string;
  template_version: number;
  title: string;
  paragraphs_json: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Art. 44: the draft information item proposed from requests by several applicants for the same information. */
export interface InfoRequestProactiveItemsTable { request_id: number; item_id: number; created_by: string; created_at: string }

/** 公开答复库: released files shown with the public reply (checked free of personal data when chosen). */
export interface InfoRequestPublicReplyFilesTable { request_id: number; file_id: number }

export interface RequestsTables {
  info_request_public_reply_files: InfoRequestPublicReplyFilesTable;
  info_request_consultations: InfoRequestConsultationsTable;
  info_request_proactive_items: InfoRequestProactiveItemsTable;
  info_request_downloads: InfoRequestDownloadsTable;
  info_request_public_replies: InfoRequestPublicRepliesTable;
  info_request_letters: InfoRequestLettersTable;
  info_request_letter_series: InfoRequestLetterSeriesTable;
  info_request_consultation_series: InfoRequestConsultationSeriesTable;
  info_request_deliveries: InfoRequestDeliveriesTable;
  info_request_files: InfoRequestFilesTable;
  info_requests: InfoRequestsTable;
  info_request_events: InfoRequestEventsTable;
  info_request_series: InfoRequestSeriesTable;
  info_request_fees: InfoRequestFeesTable;
  info_request_appeals: InfoRequestAppealsTable;
}
