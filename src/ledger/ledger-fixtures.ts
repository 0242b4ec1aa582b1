// Plans written straight into the tables, for tests and the browser test: small, exact and independent of
// the plan parser (ledger-linzi.db.test.ts and the benchmark use the real importer). Not used by the app.
import { readFileSync } from 'node:fs';
import { parseTimeLimit } from '../calendar/deadline-rules.js';
import type { Db, TaskUnitRole } from '../db/schema.js';
import { nowIso } from '../lib/time.js';
import { findGroup } from '../plan/unit-groups.js';

export type FixtureTask = {
  seq: number;
  domain: string;
  subArea?: string;
  requirement: string;
  timeLimit: string;
  /** Unit names; a group is given as { group: 'towns_streets' | 'district_departments' | other, name }. */
  units: ({ name: string; role?: TaskUnitRole } | { group: string; name: string; role?: TaskUnitRole })[];
};
export type FixturePlan = {
  year: number;
  title: string;
  docNumber?: string;
  submissionDue: string | null;
  tasks: FixtureTask[];
  duties: { unit: string; content: string; requirement: string }[];
};


export async function seedPlan(db: Db, areaId: number, p: FixturePlan): Promise<{ planId: number; taskIds: Map<number, number> }> {
  const units = await db.selectFrom('units').select(['id', 'name']).where('area_id', '=', areaId).execute();
  const unitId = (name: string) => units.find((u) => u.name === name)?.id ?? null;
  const at = nowIso();
  return db.transaction().execute(async (tx) => {
    const planId = (await tx.insertInto('plans').values({
      area_id: areaId, year: p.year, doc_number: p.docNumber ?? `测试〔${p.year}〕1号`, title: p.title, issuer: '临淄区人民政府办公室', issued_on: `${p.year}-06-23`,
      submission_due: p.submissionDue, ledger_columns_json: JSON.stringify(['序号', '工作任务', '工作举措', '时限要求', '单位分管领导', '责任科室']),
      copied_from_plan_id: null, created_at: at, updated_at: at,
    }).returning('id').executeTakeFirstOrThrow()).id;
    const taskIds = new Map<number, number>();
    for (const t of p.tasks) {
      const parsed = parseTimeLimit(t.timeLimit, p.year);
      const id = (await tx.insertInto('plan_tasks').values({
        plan_id: planId, seq: t.seq, domain: t.domain, sub_area: t.subArea ?? '', requirement: t.requirement,
        units_text: t.units.map((u) => u.name).join('、'), time_limit: t.timeLimit, rules_json: JSON.stringify(parsed.rules),
        warnings_json: JSON.stringify(parsed.warnings), carried_from_task_id: null,
      }).returning('id').executeTakeFirstOrThrow()).id;
      taskIds.set(t.seq, id);
      let sort = 0;
      for (const u of t.units) {
        const isGroup = 'group' in u;
        await tx.insertInto('plan_task_units').values({
          task_id: id, unit_id: isGroup ? null : unitId(u.name), name: u.name, role: u.role ?? 'responsible',
          is_group: isGroup ? 1 : 0, group_code: isGroup ? u.group : null, sort: sort++,
        }).execute();
      }
    }
    let seq = 1;
    for (const d of p.duties) {
      await tx.insertInto('plan_lead_duties').values({ plan_id: planId, seq: seq++, unit_id: unitId(d.unit), unit_name: d.unit, content: d.content, requirement: d.requirement }).execute();
    }
    return { planId, taskIds };
  });
}

/** Four tasks: a fixed date, a working-days rule, a date just before 国庆节, and a group task; two lead duties. */
export const SMALL_PLAN: FixturePlan = {
  year: 2022,
  title: '2022年临淄区政务公开工作方案',
  submissionDue: '2022-06-30',
  tasks: [
    { seq: 1, domain: '紧扣经济发展大局深化公开', subArea: '加强优化营商环境信息公开', requirement: '加大重点民生领域的部门联合“双随机、一公开”监管信息公开力度', timeLimit: '6月底前', units: [{ name: '区财政局' }] },
    { seq: 2, domain: '紧扣经济发展大局深化公开', subArea: '加强重大战略实施信息公开', requirement: '做好乡村振兴政策、工作进展方面的信息公开，及时发布本地区有关资金使用情况和分配结果', timeLimit: '信息形成或者变更之日起20个工作日内公开', units: [{ name: '区财政局' }, { name: '区住建局' }] },
    { seq: 3, domain: '紧扣提高实效深化公开', subArea: '推进政策集中统一公开', requirement: '在区政府网站政府信息公开专栏集中公开所有现行有效的行政规范性文件', timeLimit: '2022年9月30日前', units: [{ name: '区司法局', role: 'lead' }, { name: '区住建局', role: 'implementing' }] },
    { seq: 4, domain: '紧扣任务落实强化保障措施', requirement: '各级各部门单位年内组织政务公开培训不少于1次', timeLimit: '长期坚持', units: [{ group: 'district_departments', name: '区政府各部门单位' }] },
  ],
  duties: [
    { unit: '区司法局', content: '行政规范性文件', requirement: '指导、监督区政府工作部门规范性文件的统一公布工作' },
    { unit: '区市场监管局', content: '“双随机、一公开”监管相关信息', requirement: '指导、督促有关部门依法按时公开随机抽查事项清单' },
  ],
};

type Golden = { plan: { year: number; title: string; docNumber: string }; tasks: { seq: number; domain: string; area: string; requirement: string; timeLimit: string; units: { name: string; role: TaskUnitRole; group: boolean }[] }[]; leadDuties: { unit: string; content: string; requirement: string }[] };

/** The 63 tasks and 13 lead duties of the Linzi 2022 plan, from the plan parser's golden file. */
export function linziPlan(): FixturePlan {
  const g = JSON.parse(readFileSync(new URL('../plan/fixtures/linzi-2022.golden.json', import.meta.url), 'utf8')) as Golden;
  return {
    year: g.plan.year, title: g.plan.title, docNumber: g.plan.docNumber, submissionDue: `${g.plan.year}-06-30`,
    tasks: g.tasks.map((t) => ({
      seq: t.seq, domain: t.domain, subArea: t.area, requirement: t.requirement, timeLimit: t.timeLimit,
      units: t.units.map((u) => (u.group ? { group: findGroup(u.name)?.code ?? 'to_assign', name: u.name, role: u.role } : { name: u.name, role: u.role })),
    })),
    duties: g.leadDuties,
  };
}
