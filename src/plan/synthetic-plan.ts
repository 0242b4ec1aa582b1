// Generates plans in the messy export format of the 2022 Linzi plan, with the clean tasks they
// encode: for benchmarks (1000 tasks) and for property tests that the parser recovers exactly
// what was written, whatever the page layout, shifts and line wrapping. Deterministic per seed.
import type { PlanTask, PlanUnit } from './plan-types.js';

export type SyntheticPlan = { text: string; tasks: PlanTask[] };

const mulberry32 = (seed: number) => () => {
  let t = (seed = (seed + 0x6d2b79f5) | 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const DOMAINS = ['紧扣经济发展大局深化公开', '紧扣维护社会和谐稳定深化公开', '紧扣提高实效深化公开', '紧扣夯实基础深化公开',
  '紧扣任务落实强化保障措施', '聚焦重点领域深化公开', '聚焦政策解读回应关切', '聚焦平台建设提升质效'];
// Every area ends like a heading (…公开, …建设, …解读): see splitGluedHeading.
const AREAS = ['加强优化营商环境信息公开', '精细化公开疫情防控信息', '高质量公开民生保障信息', '推进行政决策公开透明',
  '推进政策集中统一公开', '推进政策精细化解读', '规范开展政府信息公开', '加强公开平台建设', '扎实推进基层政务公开',
  '加强重大战略实施信息公开', '规范化公开公共企事业单位信息', '加强财政预决算信息公开'];
const VERBS = ['做好', '加强', '深化', '持续推进', '严格落实', '探索建立', '健全完善', '规范开展'];
const OBJECTS = ['重大建设项目批准和实施信息公开', '财政预决算信息公开', '行政规范性文件集中公开', '政策解读材料同步发布',
  '政府网站信息公开专栏建设', '依申请公开答复规范化', '政务新媒体监督管理', '基层政务公开标准目录'];
const TAILS = ['及时回应社会关切，增强公开实效', '明确责任分工，确保按时完成', '定期开展自查，发现问题及时整改',
  '加强协调配合，形成工作合力', '集中公开相关信息，方便群众查询'];
const TIMES = ['长期坚持', '按季度公开', '信息形成或者变更之日起20个工作日内公开', '年底前', '6月底前', '疫情防控期间',
  '2022年8月底前完成'];

const r = (name: string, group = false): PlanUnit => ({ name, role: 'responsible', group });
const UNITS: { text: string; units: PlanUnit[] }[] = [
  { text: '区政府办公室', units: [r('区政府办公室')] },
  { text: '区财政局、区发改局', units: [r('区财政局'), r('区发改局')] },
  { text: '区卫健局、临淄医保分局', units: [r('区卫健局'), r('临淄医保分局')] },
  { text: '各镇、街道，区政府各部门单位', units: [r('各镇、街道', true), r('区政府各部门单位', true)] },
  { text: '区科技局及相关部门单位', units: [r('区科技局'), r('相关部门单位', true)] },
  {
    text: '区司法局牵头，行政规范性文件起草部门具体落实',
    units: [{ name: '区司法局', role: 'lead', group: false }, { name: '行政规范性文件起草部门', role: 'implementing', group: true }],
  },
  {
    text: '区市场监管局牵头、有关职能部门落实',
    units: [{ name: '区市场监管局', role: 'lead', group: false }, { name: '有关职能部门', role: 'implementing', group: true }],
  },
  { text: '各镇、街道', units: [r('各镇、街道', true)] },
];

type Layout = 'five' | 'six' | 'seven';

/** Builds the clean tasks: domains of ~12 tasks, areas of 2–7, shared units/time runs. */
const buildTasks = (count: number, rand: () => number): PlanTask[] => {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const tasks: PlanTask[] = [];
  let domainIndex = -1;
  let domainLeft = 0;
  let areaLeft = 0;
  let area = '';
  let areaIndex = 0;
  let withAreas = true;
  let unit = UNITS[0];
  let time = TIMES[0];
  for (let seq = 1; seq <= count; seq++) {
    const newDomain = domainLeft === 0;
    if (newDomain) {
      domainIndex = (domainIndex + 1) % DOMAINS.length;
      domainLeft = 8 + Math.floor(rand() * 10);
      withAreas = rand() > 0.15;
      areaLeft = 0;
    }
    if (areaLeft === 0) {
      areaIndex = (areaIndex + 1 + Math.floor(rand() * (AREAS.length - 1))) % AREAS.length;
      area = withAreas ? AREAS[areaIndex] : '';
      areaLeft = 2 + Math.floor(rand() * 6);
    }
    if (newDomain || rand() < 0.4) unit = pick(UNITS);
    if (newDomain || rand() < 0.4) time = pick(TIMES);
    tasks.push({
      seq, domain: DOMAINS[domainIndex], area,
      requirement: `${pick(VERBS)}${pick(OBJECTS)}，${pick(TAILS)}（第${seq}项）`,
      units: unit.units, unitsText: unit.text, timeLimit: time,
    });
    domainLeft--;
    areaLeft--;
  }
  return tasks;
};

/** Inserts line-wrap spaces the way a narrow Word column does: every 22–30 characters. */
const wrap = (text: string, rand: () => number, first = 22): string => {
  if (rand() > 0.3) return text;
  let out = '';
  let next = first + Math.floor(rand() * 8);
  for (const [i, ch] of [...text].entries()) {
    if (i === next && /[\u4e00-\u9fff]/.test(ch)) { out += ' '; next += 22 + Math.floor(rand() * 8); }
    out += ch;
  }
  return out;
};

const breakName = (text: string, rand: () => number): string => {
  if (rand() > 0.3 || text.length < 4) return text;
  const at = 2 + Math.floor(rand() * (text.length - 3));
  return /[\u4e00-\u9fff]/.test(text[at - 1]) && /[\u4e00-\u9fff]/.test(text[at]) ? `${text.slice(0, at)} ${text.slice(at)}` : text;
};

const renderPage = (page: PlanTask[], before: PlanTask | null, rand: () => number): string[] => {
  const layout: Layout = (['five', 'six', 'seven'] as const)[Math.floor(rand() * 3)];
  const lines: string[] = [];
  let prev = before;
  for (const [i, t] of page.entries()) {
    const top = i === 0;
    const sameDomain = prev !== null && prev.domain === t.domain;
    const areaChanged = !sameDomain || prev?.area !== t.area;
    const domainCell = top || !sameDomain ? breakName(t.domain, rand) : '';
    const unitsCell = top || !sameDomain || prev?.unitsText !== t.unitsText ? breakName(t.unitsText, rand) : '';
    const timeCell = top || !sameDomain || prev?.timeLimit !== t.timeLimit ? t.timeLimit.replace(/(\d+)(个|年)/, '$1 $2') : '';
    const req = wrap(t.requirement, rand);
    let cells: string[];
    if (layout === 'five') {
      // No area column: a new area's heading is glued in front of the requirement.
      const glue = t.area !== '' && areaChanged && !(top && sameDomain && prev?.area === t.area);
      cells = [String(t.seq), domainCell, glue ? `${t.area} ${req}` : req, unitsCell, timeCell];
    } else {
      const areaCell = t.area !== '' && (top || areaChanged) ? breakName(t.area, rand) : '';
      cells = [String(t.seq), domainCell, areaCell, req, unitsCell, timeCell];
      if (layout === 'seven') {
        cells.push('');
        // Shifted cells, as rows 10–12 and 33 of the 2022 plan: content lands in the 7th cell.
        if (unitsCell !== '' && timeCell === '' && rand() < 0.5) { cells[6] = unitsCell; cells[4] = ''; }
        else if (timeCell !== '' && unitsCell === '' && rand() < 0.5) { cells[6] = timeCell; cells[5] = ''; }
      }
      // Missing merged cells, as rows 50 and 53: everything moves left.
      if (domainCell === '' && areaCell === '' && rand() < 0.15) {
        const k = rand() < 0.5 ? 1 : 2;
        cells = [cells[0], ...cells.slice(1 + k), ...Array<string>(k).fill('')];
      }
    }
    const line = cells.join('\t');
    // Now and then a cell's second line becomes a line of its own (a multi-line cell).
    const lastFilled = cells.reduce((acc, c, idx) => (c !== '' ? idx : acc), 0);
    const split = cells[lastFilled];
    const at = [...split].findIndex((ch, k) => k >= split.length >> 1 && /[\u4e00-\u9fff]/.test(ch) && /[\u4e00-\u9fff]/.test(split[k - 1]));
    if (lastFilled > 1 && at > 0 && rand() < 0.05) {
      const head = [...cells.slice(0, lastFilled), split.slice(0, at)].join('\t');
      lines.push(head, [split.slice(at), ...cells.slice(lastFilled + 1)].join('\t'));
    } else {
      lines.push(line);
    }
    prev = t;
  }
  return lines;
};

/**
 * A synthetic plan of `count` tasks in the export format (notice, body, 附件1 in pages of 6–9
 * rows with restated page tops, 附件2, 附件3), and the tasks a correct parser must return.
 */
export const generateSyntheticPlan = (count: number, seed = 1): SyntheticPlan => {
  const rand = mulberry32(seed);
  const tasks = buildTasks(count, rand);
  const out = [
    '临政办字〔2022〕 99 号', '', '## 临淄区人民政府办公室关于印发 2022 年临淄区政务公开工作方案的通知', '',
    '临淄区人民政府办公室', '', '2022 年 6 月 23 日', '', '# 2022年临淄区政务公开工作方案', '',
    '附件 1', '', '## 2022 年全区政务公开重点工作任务分解表', '', '序号\t工作任务\t工作要求\t责任单位\t时限要求',
  ];
  for (let i = 0; i < tasks.length;) {
    const size = 6 + Math.floor(rand() * 4);
    out.push(...renderPage(tasks.slice(i, i + size), i > 0 ? tasks[i - 1] : null, rand), '');
    i += size;
  }
  out.push('附件 2', '', '## 区直部门牵头重点公开工作清单', '', '部门\t牵头公开内容\t要 求',
    '区财政局\t财政预决算信息\t指导、督促各部门单位依法公开财政预决算信息', '',
    '附件 3', '', '## 政务公开工作任务台账（示例）', '', '序号\t工作任务\t工作举措\t时限要求\t单位分管 领导\t责任科室', '');
  return { text: out.join('\n'), tasks };
};
