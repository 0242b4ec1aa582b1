// Tables of the qa module (政策问答): clause index, curated entries, feedback, asked questions,
// lexicon extensions and the consultation channel (留言咨询).
import type { Generated } from 'kysely';

export interface QaClausesTable {
  id: Generated<number>;
  area_id: number;
  item_id: number;
  article: number;
  label: string;
  /** Parent path joined by ' > ', e.g. '第二章 申请条件 > 第七条'. */
  path: string;
  text: string;
  seq: number;
  /** info_items.updated_at when split: a changed item is re-split. */
  item_version: string;
}

export type QaEntryStatus = 'draft' | 'review' | 'published' | 'suspended';
export interface QaEntriesTable {
  id: Generated<number>;
  area_id: number;
  question: string;
  answer: string;
  /** Alternative phrasings, one per line. */
  alt_questions: string;
  /** Topic names, separated by '、'. */
  topics: string;
  audience: string;
  form: string;
  owner_unit_id: number | null;
  reviewer_id: number | null;
  reviewed_on: string | null;
  next_review_on: string | null;
  status: QaEntryStatus;
  /** Why it left the public side (a cited document no longer valid). */
  suspended_reason: string | null;
  from_item_id: number | null;
  from_message_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface QaEntrySourcesTable {
  entry_id: number;
  item_id: number;
  article: number;
  sort: number;
}

export interface QaFeedbackTable {
  id: Generated<number>;
  area_id: number;
  question: string;
  entry_id: number | null;
  item_id: number | null;
  article: number | null;
  verdict: 'useful' | 'useless' | 'error';
  created_at: string;
}

export interface QaQueriesTable {
  id: Generated<number>;
  area_id: number;
  question: string;
  abstained: number;
  top_entry_id: number | null;
  asked_at: string;
}

export interface QaLexiconTable {
  id: Generated<number>;
  area_id: number;
  /** 'synonym': term → expansions; 'word': a dictionary word (expansions empty). */
  kind: 'synonym' | 'word';
  term: string;
  expansions: string;
  created_at: string;
}

export type QaMessageStatus = 'new' | 'assigned' | 'answered' | 'closed';
export interface QaMessagesTable {
  id: Generated<number>;
  area_id: number;
  question: string;
  /** Private: never shown publicly. */
  contact_name: string;
  contact: string;
  /** The unit the asker named (if known). */
  unit_id: number | null;
  assigned_unit_id: number | null;
  assignee_id: number | null;
  status: QaMessageStatus;
  received_on: string;
  due_on: string;
  /** The asker agreed that question and reply may be published (with personal data removed). */
  consent: number;
  reply: string | null;
  replied_at: string | null;
  replied_by: number | null;
  public_question: string | null;
  public_reply: string | null;
  published: number;
  escalated_at: string | null;
  created_at: string;
}

/** An image (图解) or video of an entry, public only while the entry is published. */
export interface QaEntryMediaTable {
  id: Generated<number>;
  entry_id: number;
  area_id: number;
  kind: 'image' | 'video';
  format: 'png' | 'jpg' | 'svg' | 'mp4' | 'webm';
  mime: string;
  file_name: string;
  size: number;
  /** Random file name under <data dir>/uploads/qa/. */
  storage_key: string;
  sha256: string;
  /** The required text alternative: 文字说明 of an image, 文字稿/内容摘要 of a video. */
  description: string;
  sort: number;
  created_by: number | null;
  created_at: string;
}

export interface QaTables {
  qa_clauses: QaClausesTable;
  qa_entries: QaEntriesTable;
  qa_entry_sources: QaEntrySourcesTable;
  qa_feedback: QaFeedbackTable;
  qa_queries: QaQueriesTable;
  qa_lexicon: QaLexiconTable;
  qa_messages: QaMessagesTable;
  qa_entry_media: QaEntryMediaTable;
}
