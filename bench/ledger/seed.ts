// Benchmark data: the Linzi 2022 plan (63 tasks, imported from data/plans/linzi-2022.txt) assigned to UNITS units, each ledger with 3 measures
// per task in a realistic mix of statuses and deadlines (some done, some overdue, some without a date).
import { readFileSync } from 'node:fs';
import type { DbHandle } from '../../src/db/connect.js';
import { DEFAULT_PLAN_FILE } from '../../src/bootstrap.js';
import { systemActor } from '../../src/lib/context.js';
import { importPlan } from '../../src/plan/plan.service.js';

export const UNITS = Number(process.env.UNITS ?? 200);
export const MEASURES = 3;
export const TODAY = '2022-10-10';

export async function seed(handle: DbHandle, areaId: number): Promise<{ planId: number }> {
  const db = handle.db;
  // The real plan file through the plan module's importer (63 tasks, 13 lead duties).
  const { planId } = await importPlan({ db, dialect: handle.dialect, actor: systemActor('bench') }, readFileSync(DEFAULT_PLAN_FILE), 'linzi-2022.txt');
  const taskIds = new Map((await db.selectFrom('plan_tasks').select(['id', 'seq']).where('plan_id', '=', planId).execute()).map((t) => [t.seq, t.id]));
  const have = await db.selectFrom('units').select(['id']).where('area_id', '=', areaId).where('kind', 'not in', ['区', '市']).execute();
  const at = '2022-06-01T00:00:00.000Z';
  const extra = Array.from({ length: Math.max(0, UNITS - have.length) }, (_, i) => ({ code: `BENCH${i}`, name: `临淄区第${i + 1}基层单位`, kind: '其他' as const, parent_id: areaId, area_id: areaId, sort: 1000 + i, created_at: at }));
  for (let i = 0; i < extra.length; i += 200) await db.insertInto('units').values(extra.slice(i, i + 200)).execute();
  const units = (await db.selectFrom('units').select(['id']).where('area_id', '=', areaId).where('kind', 'not in', ['区', '市']).orderBy('id').execute()).slice(0, UNITS);
  const tasks = [...taskIds.entries()].sort((a, b) => a[0] - b[0]);
  const deadlines = ['2022-06-30', '2022-08-31', '2022-09-30', '2022-10-08', '2022-12-30', null];
  for (const [ui, u] of units.entries()) {
    await db.insertInto('plan_task_assignments').values(tasks.map(([, tid]) => ({ task_id: tid, unit_id: u.id, role: 'responsible', source: 'bench' })))
      .onConflict((oc) => oc.columns(['task_id', 'unit_id']).doNothing()).execute();
    const submitted = ui % 4 !== 0;
    const late = ui % 10 === 1;
    const ledgerId = (await db.insertInto('ledgers').values({
      plan_id: planId, unit_id: u.id, area_id: areaId, status: submitted ? (ui % 3 === 0 ? 'accepted' : 'submitted') : 'draft', version: 1, revision: 0,
      first_submitted_at: submitted ? (late ? '2022-07-05T02:00:00.000Z' : '2022-06-28T02:00:00.000Z') : null, submitted_at: null, accepted_at: null, returned_at: null, created_at: at, updated_at: at,
    }).returning('id').executeTakeFirstOrThrow()).id;
    const rows = await db.insertInto('ledger_rows').values(tasks.map(([seq, tid]) => ({ ledger_id: ledgerId, task_id: tid, seq, role: 'responsible' }))).returning(['id', 'seq']).execute();
    const measures = rows.flatMap((r) => Array.from({ length: MEASURES }, (_, k) => {
      const d = deadlines[(r.seq + k + ui) % deadlines.length]!;
      const done = (r.seq * 7 + k * 3 + ui) % 5 < 2;
      return {
        ledger_id: ledgerId, row_id: r.id, sort: k + 1,
        content: `举措${k + 1}：对照第${r.seq}项任务逐项梳理本单位承担的公开事项，明确责任科室和完成时限，在政府网站信息公开专栏及时发布并做好解读回应`,
        time_limit: k === 0 ? '6月底前' : '信息形成或者变更之日起20个工作日内公开', leader: '张副局长', section: '办公室',
        due_date: d, due_source: d ? ('manual' as const) : null, anchor_date: null, due_note: null, deadline: d,
        status: done ? ('done' as const) : d && d < TODAY ? ('overdue' as const) : ('in_progress' as const), completed_on: done ? '2022-06-20' : null, created_at: at, updated_at: at,
      };
    }));
    for (let i = 0; i < measures.length; i += 400) await db.insertInto('ledger_measures').values(measures.slice(i, i + 400)).execute();
  }
  return { planId };
}

