// Pieces of the plan pages: rule labels, unit role labels, the task table.
import type { DeadlineRule } from '../calendar/public.js';

export const ROLE_LABEL: Record<string, string> = { lead: '牵头', implementing: '落实', responsible: '负责' };

export function ruleLabel(r: DeadlineRule): string {
  switch (r.kind) {
    case 'workingDays': return `${r.repeat === 'monthly' && !/^每/.test(r.after) ? '每月' : ''}${r.after}后${r.days}个工作日内`;
    case 'minCalendarDays': return `不少于${r.days}日`;
    case 'by': return `${r.date}前`;
    case 'quarterly': return '按季度';
    case 'monthly': return '按月';
    case 'ongoing': return '长期';
    case 'during': return `${r.condition}`;
    case 'text': return `未识别：${r.text}`;
  }
}

type TaskRow = {
  id: number; seq: number; domain: string; sub_area: string; requirement: string; time_limit: string;
  rules: DeadlineRule[]; warnings: string[]; units: { name: string; role: string; is_group: number }[];
};

export const TaskTable = (p: { tasks: TaskRow[]; caption: string; planId: number }) => {
  const groups: { domain: string; area: string; tasks: TaskRow[] }[] = [];
  for (const t of p.tasks) {
    const last = groups[groups.length - 1];
    if (last && last.domain === t.domain && last.area === t.sub_area) last.tasks.push(t);
    else groups.push({ domain: t.domain, area: t.sub_area, tasks: [t] });
  }
  return (
    <>
      {groups.map((g) => (
        <section>
          <h2>{g.domain}{g.area ? ` · ${g.area}` : ''}</h2>
          <table class="gk-table">
            <caption class="visually-hidden">{p.caption}：{g.domain}{g.area}</caption>
            <thead><tr><th scope="col">序号</th><th scope="col">工作要求</th><th scope="col">责任单位</th><th scope="col">时限要求</th><th scope="col">解析规则</th></tr></thead>
            <tbody>{g.tasks.map((t) => (
              <tr id={`task-${t.seq}`}>
                <td><a href={`/console/plans/${p.planId}/tasks/${t.id}`}>{t.seq}</a></td>
                <td>{t.requirement}</td>
                <td><ul class="gk-list">{t.units.map((u) => <li>{u.name}<span class="gk-tag">{ROLE_LABEL[u.role] ?? u.role}</span>{u.is_group ? <span class="gk-tag">单位组</span> : null}</li>)}</ul></td>
                <td>{t.time_limit || '—'}</td>
                <td>
                  <ul class="gk-list">{t.rules.map((r) => <li class={r.kind === 'text' ? 'gk-tag--late' : undefined}>{ruleLabel(r)}</li>)}</ul>
                  {t.warnings.map((w) => <p class="gk-tag--late">⚠ {w}</p>)}
                </td>
              </tr>
            ))}</tbody>
          </table>
        </section>
      ))}
    </>
  );
};
