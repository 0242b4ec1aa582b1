// Splits a 责任单位 cell into units with their role: "X牵头，Y落实" makes X the lead and Y the
// implementing units; a plain list makes every unit responsible. Collectives (各镇、街道,
// 有关职能部门…) stay one entry flagged as a group, to be expanded to members later.
import type { PlanTask, PlanUnit, UnitRole } from './plan-types.js';
import { normalizeText } from './text-normalize.js';
import { findGroup, looksLikeGroup, TOWNS_STREETS_PATTERN } from './unit-groups.js';

export { findGroup, knownGroups, looksLikeGroup } from './unit-groups.js';
export type { GroupExpansion, KnownGroup } from './unit-groups.js';

// Endings of the names of single bodies (区发改局, 临淄医保分局, 区档案馆, 金岭回族镇…).
const CONCRETE_SUFFIX =
  /(?:局|办公室|办|委|委员会|中心|馆|院|所|站|队|镇|乡|街道|街道办事处|部|处|科|公司|集团|学校|医院|会|联|团|社|厅|台|行|署|室|园|开发区|园区|政府)$/;

// "牵头" closes the lead clause unless it belongs to a name such as 营商环境评价指标区牵头部门.
const LEAD_MARK = /牵头(?!部门|单位)/;

// Role phrases after a name: 落实, 具体落实相关工作, 配合, 负责…
const ROLE_TAIL = /(?:具体|组织|共同|负责)?(?:落实|实施|执行|配合|参与|负责|承办)(?:相关|有关)?(?:工作|任务)?$/;

// 、，；/ separate units; 及 does too where it joins two names (区科技局及相关部门单位),
// which is when a group word follows it or a unit ending precedes it.
const SEPARATOR = /[、，,；;／/\s]+|及(?=相关|有关|各|其他|所属|下属)|(?<=[局办委室馆院所站队部心])及/;

const NAME_CHARS = /^[\u3400-\u4dbf\u4e00-\u9fff（）()·]{2,30}$/;

export type UnitAnalysis = {
  units: PlanUnit[];
  /** Pieces that do not look like a unit name; non-empty means the cell is probably not a unit list. */
  unrecognised: string[];
};

const isUnitName = (name: string): boolean =>
  findGroup(name) !== undefined || (NAME_CHARS.test(name) && (CONCRETE_SUFFIX.test(name) || looksLikeGroup(name)));

// Keeps parenthesised text and "各镇、街道" whole while splitting on separators.
const splitList = (text: string): string[] => {
  const kept: string[] = [];
  const hold = (s: string) => `\u0001${kept.push(s) - 1}\u0002`;
  const guarded = text
    .replace(TOWNS_STREETS_PATTERN, hold)
    .replace(/（[^（）]*）|\([^()]*\)/g, hold);
  return guarded
    .split(SEPARATOR)
    .map((p) => p.replace(/\u0001(\d+)\u0002/g, (_, i: string) => kept[Number(i)]))
    .map((p) => p.replace(/[。.]+$/, '').trim())
    .filter((p) => p.length > 0);
};

const stripRole = (part: string): string => {
  // Only strip when something is left: a cell reading just "负责" is not a unit.
  const stripped = part.replace(ROLE_TAIL, '');
  return stripped.length > 0 ? stripped : part;
};

type Piece = PlanUnit & { recognised: boolean; raw: string };

// One pass over the cell: clauses by role, pieces by separator, role phrases stripped.
const walk = (text: string): Piece[] => {
  if (text === '') return [];
  const mark = LEAD_MARK.exec(text);
  const clauses: { text: string; role: UnitRole }[] = mark
    ? [
        { text: text.slice(0, mark.index), role: 'lead' },
        { text: text.slice(mark.index + mark[0].length), role: 'implementing' },
      ]
    : [{ text, role: 'responsible' }];
  const pieces: Piece[] = [];
  const seen = new Set<string>();
  for (const clause of clauses) {
    for (const raw of splitList(clause.text)) {
      const stripped = stripRole(raw);
      const recognised = isUnitName(stripped);
      const name = recognised ? stripped : raw;
      if (seen.has(name)) continue;
      seen.add(name);
      pieces.push({ name, role: clause.role, group: recognised && looksLikeGroup(name), recognised, raw });
    }
  }
  return pieces;
};

/** Units of a cell plus the pieces that did not look like units (see looksLikeUnitList). */
export const analyseUnits = (cell: string): UnitAnalysis => {
  const pieces = walk(normalizeText(cell));
  return {
    units: pieces.filter((p) => p.recognised).map(({ name, role, group }) => ({ name, role, group })),
    unrecognised: pieces.filter((p) => !p.recognised).map((p) => p.raw),
  };
};

/**
 * Splits a 责任单位 cell into units and roles. Pieces that do not look like a unit name are
 * kept, in place, as non-group units, so nothing written in the plan is dropped.
 *
 * @example splitResponsibleUnits('区发改局牵头，有关职能部门落实')
 * // [{ name: '区发改局', role: 'lead', group: false },
 * //  { name: '有关职能部门', role: 'implementing', group: true }]
 */
export const splitResponsibleUnits = (cell: string): PlanUnit[] =>
  walk(normalizeText(cell)).map(({ name, role, group }) => ({ name, role, group }));

/** True when every piece of the cell reads as a unit or group name. */
export const looksLikeUnitList = (cell: string): boolean => {
  const { units, unrecognised } = analyseUnits(cell);
  return units.length > 0 && unrecognised.length === 0;
};

export type UnitKindGuess = '区直部门' | '镇' | '街道' | '其他';

export type PlanUnitSummary = {
  name: string;
  kind: UnitKindGuess;
  /** 序号 of the tasks naming the unit, in plan order. */
  taskSeqs: number[];
};

/**
 * Guesses what kind of body a concrete unit is. District branches of city bureaus
 * (临淄生态环境分局, 临淄医保分局) work as district departments, so …分局 counts as 区直部门.
 */
export const guessUnitKind = (name: string): UnitKindGuess => {
  if (/街道(?:办事处)?$/.test(name)) return '街道';
  if (/(?:镇|乡)(?:人民政府)?$/.test(name)) return '镇';
  if (/分局$/.test(name)) return '区直部门';
  if (/^区/.test(name) && CONCRETE_SUFFIX.test(name)) return '区直部门';
  return '其他';
};

/** The distinct concrete (non-group) units named by a parsed plan's tasks, in order of first mention. */
export const listPlanUnits = (plan: { readonly tasks: readonly PlanTask[] }): PlanUnitSummary[] => {
  const byName = new Map<string, PlanUnitSummary>();
  for (const task of plan.tasks) {
    for (const unit of task.units) {
      if (unit.group) continue;
      let entry = byName.get(unit.name);
      if (!entry) {
        entry = { name: unit.name, kind: guessUnitKind(unit.name), taskSeqs: [] };
        byName.set(unit.name, entry);
      }
      if (!entry.taskSeqs.includes(task.seq)) entry.taskSeqs.push(task.seq);
    }
  }
  return [...byName.values()];
};
