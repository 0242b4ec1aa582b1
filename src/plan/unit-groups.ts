// Collective names used in 责任单位 cells. A task assigned to a group is assigned to every member,
// so each group carries how it expands: to all towns and streets, to all district departments,
// or to members the 政务公开办 must pick (to_assign) because the plan names them by function.

export type GroupExpansion = 'towns_streets' | 'district_departments' | 'to_assign';

export type KnownGroup = {
  code: string;
  /** The spelling used in the 2022 plan. */
  name: string;
  /** Other spellings seen in plans of other years and districts. */
  aliases: readonly string[];
  expansion: GroupExpansion;
};

export const knownGroups: readonly KnownGroup[] = [
  {
    code: 'towns_streets', name: '各镇、街道', expansion: 'towns_streets',
    aliases: ['各镇街道', '各镇（街道）', '各镇、街道办事处', '各镇人民政府、街道办事处', '各乡镇、街道', '各乡镇（街道）'],
  },
  {
    code: 'district_departments', name: '区政府各部门单位', expansion: 'district_departments',
    aliases: ['区政府各部门', '区政府各部门（单位）', '区直各部门', '区直各部门单位', '区直各部门（单位）', '各部门单位'],
  },
  // "各" = every functional department: expands like the district departments.
  { code: 'functional_departments', name: '各职能部门', expansion: 'district_departments', aliases: ['各有关职能部门'] },
  { code: 'relevant_functional_departments', name: '有关职能部门', expansion: 'to_assign', aliases: ['相关职能部门'] },
  { code: 'relevant_units', name: '相关部门单位', expansion: 'to_assign', aliases: ['有关部门单位', '有关部门', '相关部门', '相关单位', '有关单位'] },
  { code: 'normative_document_drafters', name: '行政规范性文件起草部门', expansion: 'to_assign', aliases: ['规范性文件起草部门'] },
  { code: 'major_decision_undertakers', name: '重大行政决策承办部门单位', expansion: 'to_assign', aliases: ['重大行政决策承办部门', '重大行政决策承办单位'] },
  { code: 'business_environment_index_leads', name: '营商环境评价指标区牵头部门', expansion: 'to_assign', aliases: ['营商环境评价指标牵头部门'] },
];

const byName = new Map<string, KnownGroup>();
for (const g of knownGroups) {
  byName.set(g.name, g);
  for (const a of g.aliases) byName.set(a, g);
}

/** The known group a unit name denotes, if any. */
export const findGroup = (name: string): KnownGroup | undefined => byName.get(name.replace(/\s+/g, ''));

/**
 * Matches "各镇、街道" and its variants inside a longer cell, so the splitter keeps it whole:
 * its 、 joins the two halves of one collective, it does not separate two units.
 */
export const TOWNS_STREETS_PATTERN = /各(?:乡镇|镇|乡)(?:人民政府)?(?:[、，,和及与]|（)?(?:各)?街道(?:办事处)?）?/g;

// A name that denotes a set rather than one body: quantifier first (各/有关/相关…), "X各Y"
// (区政府各部门单位), or a functional description ending in 部门/单位/机构 (…起草部门).
const GROUP_PREFIX = /^(?:各|有关|相关|其他|所属|下属|全区|涉及)/;
const GROUP_SUFFIX = /(?:部门|单位|部门单位|机构|主体|企业)$/;

export const looksLikeGroup = (name: string): boolean =>
  findGroup(name) !== undefined || GROUP_PREFIX.test(name) || /.各./.test(name) || GROUP_SUFFIX.test(name);
