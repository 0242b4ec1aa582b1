// Shapes produced by the plan-document parser. Plain data, no behaviour, so the storage layer
// and the time-limit rule parser can depend on them without pulling in the parser.

/** lead = "X牵头"; implementing = the units after "…牵头，Y落实"; responsible = plain list. */
export type UnitRole = 'lead' | 'implementing' | 'responsible';

export type PlanUnit = {
  /** The unit or group as written, spaces from line wrapping removed (e.g. 区发改局, 各镇、街道). */
  name: string;
  role: UnitRole;
  /** True for a collective such as 各镇、街道 or 有关职能部门 that must be expanded to members later. */
  group: boolean;
};

export type PlanTask = {
  /** The 序号 printed in the table. */
  seq: number;
  /** 工作任务, first level (e.g. 紧扣经济发展大局深化公开). */
  domain: string;
  /** 工作任务, second level (e.g. 加强优化营商环境信息公开); '' where the document gives none. */
  area: string;
  /** 工作要求. */
  requirement: string;
  units: PlanUnit[];
  /** The 责任单位 cell as effective for this row (after continuation), normalised. */
  unitsText: string;
  /** 时限要求 as free text (normalised whitespace); '' where the document gives none. */
  timeLimit: string;
};

export type LeadDuty = {
  /** 部门: the lead department. */
  unit: string;
  /** 牵头公开内容: the content area it leads. */
  content: string;
  /** 要求: what it must guide and supervise. */
  requirement: string;
};

export type PlanWarning = {
  /** The task's 序号 (or, for lines outside a numbered row, the 序号 of the row before). */
  row: number;
  message: string;
};

export type PlanMeta = {
  /** e.g. 临政办字〔2022〕16号; null when the text has no document number. */
  docNumber: string | null;
  /**
   * The plan's own title (e.g. 2022年临淄区政务公开工作方案), not the cover notice's title:
   * it is the name units cite and the one printed on the ledger.
   */
  title: string | null;
  /** The cover notice's title (…关于印发…的通知), kept for the record. */
  noticeTitle: string | null;
  issuer: string | null;
  /** YYYY-MM-DD. */
  issuedOn: string | null;
  year: number | null;
};

export type ParsedPlan = {
  plan: PlanMeta;
  tasks: PlanTask[];
  leadDuties: LeadDuty[];
  ledgerColumns: string[];
  warnings: PlanWarning[];
};
