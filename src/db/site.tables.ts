// Tables of the site module (src/site): 政府信息公开指南 versions, self-inspection runs, column settings.
import type { Generated } from 'kysely';

/** One version of a body's generated 政府信息公开指南: a new row whenever the facts it is made of change. */
export interface SiteGuideVersionsTable {
  id: Generated<number>;
  unit_id: number;
  version: number;
  /** sha256 of content_json. */
  hash: string;
  content_json: string;
  /** 更新日期 shown on the guide. */
  updated_on: string;
  created_at: string;
}

/** One self-inspection (网站自查) per area and day; a re-run on the same day replaces it. */
export interface SiteCheckRunsTable {
  id: Generated<number>;
  area_id: number;
  run_on: string;
  run_at: string;
  /** 'job' | 'console' | 'cli'. */
  trigger: string;
  fails: number;
  vetoes: number;
  results_json: string;
}

/** A column's type (update rule), owner and expected update frequency; absent = defaults by category. */
export interface SiteColumnsTable {
  area_id: number;
  category_code: string;
  /** 'news' (动态/要闻, 2 weeks) | 'notice' (通知公告, 6 months) | 'policy' (政策文件, 6 months) | 'other'. */
  column_type: string;
  owner_unit_id: number | null;
  /** Expected update frequency in days (null: no expectation). */
  frequency_days: number | null;
}

/** A 用词检查 hit (its message) a reviewer confirmed when signing the item off. */
export interface SiteWordingConfirmationsTable { item_id: number; hit: string; confirmed_at: string }

export interface SiteTables {
  site_wording_confirmations: SiteWordingConfirmationsTable;
  site_guide_versions: SiteGuideVersionsTable;
  site_check_runs: SiteCheckRunsTable;
  site_columns: SiteColumnsTable;
}
