// Which tasks of the plan fall under a lead department's content area (附件2 牵头公开内容).
//
// The plan does not link 附件2 to 附件1, so the mapping is derived and can be corrected:
// 1. The duty's content is reduced to its key terms: quotes and brackets dropped, generic endings
//    (相关信息, 有关信息, 信息, 进展情况, 情况) cut, then split at 、 — so "“双随机、一公开”监管相关信息"
//    gives 双随机 + 一公开 + 监管, and "规划计划" stays one term.
// 2. A task matches when every term occurs in its 工作要求 or sub-area, compared with brackets,
//    quotes and spaces removed (so "各类规划（计划）" contains 规划计划).
// 3. The admin adds or removes task links on /console/ledger-settings (lead_duty_tasks, mode
//    add/remove); those corrections always win over the automatic match.

const STRIP = /[\s“”"‘’'「」『』《》〈〉（）()【】[\]]/g;
const ENDINGS = /(相关信息|有关信息|进展情况|相关情况|信息|情况)$/;

export const normaliseForMatch = (s: string): string => s.normalize('NFKC').replace(STRIP, '');

/** The terms that must all occur in a task for the duty to cover it. */
export function dutyTerms(content: string): string[] {
  let core = normaliseForMatch(content);
  // Cut generic endings repeatedly ("进展情况" after "实项目", "相关信息" after "监管").
  for (let i = 0; i < 3 && ENDINGS.test(core) && core.replace(ENDINGS, '').length >= 2; i++) core = core.replace(ENDINGS, '');
  return core.split(/[、，,和及与]/).map((t) => t.trim()).filter((t) => t.length >= 2);
}

export type TaskText = { id: number; requirement: string; sub_area: string };

export function matchDutyToTasks(content: string, tasks: readonly TaskText[]): number[] {
  const terms = dutyTerms(content);
  if (terms.length === 0) return [];
  return tasks.filter((t) => {
    const text = normaliseForMatch(`${t.sub_area}${t.requirement}`);
    return terms.every((term) => text.includes(term));
  }).map((t) => t.id);
}

export type DutyOverride = { duty_id: number; task_id: number; mode: 'add' | 'remove' };

/** Task ids per duty: the automatic match corrected by the admin's overrides. */
export function dutyTaskMap(
  duties: readonly { id: number; content: string }[],
  tasks: readonly TaskText[],
  overrides: readonly DutyOverride[],
): Map<number, { taskIds: number[]; auto: Set<number> }> {
  const out = new Map<number, { taskIds: number[]; auto: Set<number> }>();
  for (const d of duties) {
    const auto = new Set(matchDutyToTasks(d.content, tasks));
    const ids = new Set(auto);
    for (const o of overrides) {
      if (o.duty_id !== d.id) continue;
      if (o.mode === 'add') ids.add(o.task_id);
      else ids.delete(o.task_id);
    }
    out.set(d.id, { taskIds: [...ids].sort((a, b) => a - b), auto });
  }
  return out;
}
