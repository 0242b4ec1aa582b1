// Tables of the disclosure module (政府信息), shared with the portal and search.
import type { Generated } from 'kysely';

export type DisclosureAttribute = 'proactive' | 'on_request' | 'withheld';
export type ItemStatus = 'draft' | 'submitted' | 'returned' | 'published' | 'withdrawn';
export type ItemType = 'general' | 'normative' | 'policy' | 'interpretation' | 'penalty';
export type Validity = 'valid' | 'amended' | 'repealed' | 'expired';

export interface InfoItemsTable {
  id: Generated<number>;
  area_id: number;
  unit_id: number;
  /** 索引号: unit code–year–serial, unique. */
  index_no: string;
  doc_number: string;
  title: string;
  item_type: ItemType;
  category_code: string;
  topic_code: string | null;
  /** Sanitised HTML (never raw user markup). */
  body_html: string;
  body_text: string;
  written_on: string | null;
  /** The day the information was formed or changed: the disclosure clock starts here. */
  formed_on: string;
  published_on: string | null;
  published_at: string | null;
  attribute: DisclosureAttribute;
  withheld_basis: string | null;
  attribute_reason: string | null;
  status: ItemStatus;
  /** Working days allowed from formed_on (20 by default, 7 for 行政处罚). */
  disclosure_days: number;
  due_date: string | null;
  validity: Validity | null;
  valid_until: string | null;
  replaced_by_id: number | null;
  /** For interpretations: the policy document interpreted. */
  policy_item_id: number | null;
  interp_form: string | null;
  needs_interpretation: number;
  interp_exempt_reason: string | null;
  /** on_request / withheld items come up for re-review on this date. */
  next_review_on: string | null;
  /** Privacy scan decisions: hits kept by the reviewer with reasons. */
  privacy_json: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  /** 历史信息导入: where a historic item came from (its 发布日期 is the original one); null for items signed off here. */
  imported_from?: string | null;
}

export interface IndexSerialsTable { unit_id: number; year: number; last: number }

export interface ItemAttachmentsTable {
  id: Generated<number>;
  item_id: number;
  file_name: string;
  mime: string;
  size: number;
  storage_key: string;
  sha256: string;
  text: string;
  created_at: string;
}

export interface ItemHistoryTable {
  id: Generated<number>;
  item_id: number;
  at: string;
  actor_label: string;
  action: string;
  note: string | null;
  snapshot_json: string | null;
}

export interface CategoriesTable {
  id: Generated<number>;
  area_id: number;
  tree: 'catalog' | 'topic';
  code: string;
  name: string;
  parent_code: string | null;
  sort: number;
}

export interface GazetteIssuesTable {
  id: Generated<number>;
  area_id: number;
  year: number;
  number: number;
  title: string;
  published_on: string | null;
  status: 'draft' | 'published';
}
export interface GazetteEntriesTable { issue_id: number; item_id: number; sort: number }

export interface CollectionsTable {
  id: Generated<number>;
  area_id: number;
  slug: string;
  name: string;
  description: string;
  sort: number;
}
export interface CollectionItemsTable { collection_id: number; item_id: number; sort: number }

export interface DisclosureTables {
  info_items: InfoItemsTable;
  index_serials: IndexSerialsTable;
  item_attachments: ItemAttachmentsTable;
  item_history: ItemHistoryTable;
  categories: CategoriesTable;
  gazette_issues: GazetteIssuesTable;
  gazette_entries: GazetteEntriesTable;
  collections: CollectionsTable;
  collection_items: CollectionItemsTable;
}
