// Entry point for plan text: the cover notice, the body, and the three attachments, as exported
// from Word (tab-separated table cells, blank lines between table pages). Pure: text in, data out.
import { NO_TASK_TABLE_MESSAGE, PlanParseError } from './plan-errors.js';
import { parseLeadDuties, parseLedgerColumns } from './plan-annexes.js';
import { parsePlanMeta } from './plan-meta.js';
import type { ParsedPlan } from './plan-types.js';
import { findTaskHeader, parseTaskTable } from './task-table.js';

export type { ParsedPlan } from './plan-types.js';

/**
 * Parses a 政务公开 annual work plan. Throws PlanParseError when the text has no 附件1 task
 * table; rows that cannot be read become warnings and the rest is still returned.
 *
 * @example
 * const { plan, tasks } = parsePlanText(readFileSync('plan.txt', 'utf8'));
 * plan.docNumber // '临政办字〔2022〕16号'
 * tasks.length   // 63
 */
export const parsePlanText = (text: string, opts: { source?: 'text' | 'docx' } = {}): ParsedPlan => {
  const clean = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  if (clean.trim() === '') {
    throw new PlanParseError('plan_empty', `内容为空。${NO_TASK_TABLE_MESSAGE}`);
  }
  const lines = clean.split('\n');
  const header = findTaskHeader(lines);
  if (header < 0) throw new PlanParseError('plan_no_task_table', NO_TASK_TABLE_MESSAGE);

  // A .docx has its merged cells expanded: an empty cell there is empty, not "same as above".
  const table = parseTaskTable(lines, header, { emptyCellsContinue: opts.source !== 'docx' });
  if (table.tasks.length === 0) {
    throw new PlanParseError(
      'plan_no_tasks',
      '附件1任务分解表中没有可识别的任务行（每行应以序号开头，各列之间用制表符分隔）',
    );
  }
  return {
    plan: parsePlanMeta(lines.slice(0, header)),
    tasks: table.tasks,
    leadDuties: parseLeadDuties(lines, table.end),
    ledgerColumns: parseLedgerColumns(lines, table.end),
    warnings: table.warnings,
  };
};
