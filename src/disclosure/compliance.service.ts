// The district office's compliance view (and ledger evidence): per unit, how proactive items met their
// deadlines, late interpretations and normative documents left in force past their 有效期至.
import { requireAreaReader } from '../auth/policy.js';
import type { Ctx } from '../lib/context.js';
import { todayCst } from '../lib/time.js';
import { actorArea } from '../org/public.js';
import { timeliness } from './item-rules.js';
import { listAreaItems } from './items.repo.js';

export type ComplianceProblem = 'late' | 'overdue' | 'interp_late' | 'interp_overdue' | 'validity_overdue';
export const PROBLEM_LABELS: Record<ComplianceProblem, string> = {
  late: '逾期公开', overdue: '已超期未公开', interp_late: '解读逾期发布', interp_overdue: '解读超期未发布', validity_overdue: '有效期已届满仍标为有效',
};

export type UnitCompliance = {
  unitId: number;
  unitName: string;
  onTime: number;
  late: number;
  pending: number;
  overduePending: number;
  interpretationsOnTime: number;
  interpretationsLate: number;
  validityOverdue: number;
  problems: { itemId: number; indexNo: string; title: string; problem: ComplianceProblem; dueDate: string | null; publishedOn: string | null; validUntil: string | null }[];
};

/**
 * Per unit of the actor's area (admin, auditor, system). `year` limits to items whose information was
 * formed in that year. Interpretations are counted apart from other items. Units without items are listed
 * with zeros, so a silent unit shows up.
 */
export async function complianceByUnit(ctx: Ctx, opts: { year?: number } = {}): Promise<UnitCompliance[]> {
  requireAreaReader(ctx.actor);
  const areaId = await actorArea(ctx);
  const today = todayCst();
  const units = await ctx.db.selectFrom('units').select(['id', 'name'])
    .where((eb) => eb.or([eb('area_id', '=', areaId), eb('id', '=', areaId)])).where('kind', 'not in', ['市']).orderBy('sort').orderBy('id').execute();
  const out = new Map<number, UnitCompliance>(units.map((u) => [u.id, {
    unitId: u.id, unitName: u.name, onTime: 0, late: 0, pending: 0, overduePending: 0,
    interpretationsOnTime: 0, interpretationsLate: 0, validityOverdue: 0, problems: [],
  }]));
  const items = (await listAreaItems(ctx.db, areaId)).filter((i) => !opts.year || i.formed_on.startsWith(`${opts.year}-`));
  for (const i of items) {
    const u = out.get(i.unit_id);
    if (!u) continue;
    const problem = (p: ComplianceProblem) =>
      u.problems.push({ itemId: i.id, indexNo: i.index_no, title: i.title, problem: p, dueDate: i.due_date, publishedOn: i.published_on, validUntil: i.valid_until });
    const t = timeliness(i, today);
    if (i.item_type === 'interpretation') {
      if (t === 'on_time') u.interpretationsOnTime++;
      if (t === 'late' || t === 'overdue') {
        u.interpretationsLate++;
        problem(t === 'late' ? 'interp_late' : 'interp_overdue');
      }
    } else if (t === 'on_time') u.onTime++;
    else if (t === 'late') { u.late++; problem('late'); }
    else if (t === 'pending') u.pending++;
    else if (t === 'overdue') { u.overduePending++; problem('overdue'); }
    if (i.item_type === 'normative' && i.status === 'published' && (i.validity === 'valid' || i.validity === 'amended') && i.valid_until && i.valid_until < today) {
      u.validityOverdue++;
      problem('validity_overdue');
    }
  }
  return [...out.values()];
}
