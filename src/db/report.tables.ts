// Tables of the report module (政府信息公开工作年度报告). Owned by src/report.
import type { Generated } from 'kysely';

/** 本级: what the body itself received and did; 汇总: the sum over the units under it (itself included). */
export type ReportScope = '本级' | '汇总';
/** draft 草稿 → signed_off 单位已审签 → filed 已备案 → published 已公开. */
export type ReportStatus = 'draft' | 'signed_off' | 'filed' | 'published';

export interface ReportAnnualTable {
  id: Generated<number>;
  area_id: number;
  unit_id: number;
  year: number;
  scope: ReportScope;
  status: ReportStatus;
  /** The version being drafted; 1 until the first correction of a published report. */
  version: number;
  /** Table 2 figures entered by the unit (null: not entered yet). */
  permits: number | null;
  penalties: number | null;
  coercions: number | null;
  /** 行政事业性收费 in 万元 as a decimal string with at most 4 decimals (exact), e.g. "12.5". */
  fees_wan: string | null;
  figures_source: string;
  /** 一、总体情况: the unit's own text after the generated figures. */
  overview_text: string;
  /** 五、存在的主要问题及改进情况. */
  problems_text: string;
  /** 六、其他需要报告的事项: free text. */
  other_text: string;
  /** { [checkId]: explanation } for UNCERTAIN checks (printed in 六). */
  explanations_json: string;
  /** What the correction in this version changes (versions > 1). */
  change_note: string;
  signed_off_at: string | null;
  signed_off_by: string | null;
  filed_at: string | null;
  filed_by: string | null;
  published_at: string | null;
  /** The CST date the first version was published (timeliness is judged on it). */
  first_published_on: string | null;
  created_at: string;
  updated_at: string;
  /** The last check run: FAILs, and UNCERTAINs without a written explanation. */
  check_fails: Generated<number>;
  check_unexplained: Generated<number>;
  checked_at: string | null;
}

/** Every published version, frozen: the public page and JSON show the newest, older ones stay readable. */
export interface ReportVersionsTable {
  id: Generated<number>;
  report_id: number;
  version: number;
  published_at: string;
  published_on: string;
  published_by: string;
  change_note: string;
  /** The full report (tables, sections, checks) as published. */
  snapshot_json: string;
}

/** Last year's published figures for years before the platform, entered once per body and year. */
export interface ReportPriorFiguresTable {
  id: Generated<number>;
  area_id: number;
  unit_id: number;
  /** The year the figures are OF (the report year minus one). */
  year: number;
  scope: ReportScope;
  /** { "<table-3 column>": number } of 四、结转下年度继续办理. */
  carry_over_json: string;
  normative_in_force: number;
  rules_in_force: number;
  source: string;
  /** Last year's 第五部分 (for the similarity check), '' if not entered. */
  problems_text: Generated<string>;
  entered_by: string;
  created_at: string;
}

export interface ReportTables {
  report_annual: ReportAnnualTable;
  report_versions: ReportVersionsTable;
  report_prior_figures: ReportPriorFiguresTable;
}
