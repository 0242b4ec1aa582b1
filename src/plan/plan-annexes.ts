// 附件2 (lead departments and what they lead) and 附件3 (the ledger's column names).
import type { LeadDuty } from './plan-types.js';
import { collectRows, normalizedCells, splitCells } from './table-lines.js';

// Column names never contain meaningful spaces: "单位分管 领导" is a wrapped 单位分管领导.
const columnName = (cell: string): string => cell.replace(/[\s\u3000]+/g, '');

const findHeader = (lines: readonly string[], from: number, test: (names: string[]) => boolean): number => {
  for (let i = from; i < lines.length; i++) {
    const cells = splitCells(lines[i]);
    if (cells.length >= 2 && test(cells.map(columnName))) return i;
  }
  return -1;
};

const isLeadHeader = (names: string[]): boolean =>
  /部门|单位/.test(names[0] ?? '') && names.some((n) => n.includes('牵头')) && names.some((n) => n.includes('要求'));

/** 部门 | 牵头公开内容 | 要求; an empty 部门 cell means the same department as the row above. */
export const parseLeadDuties = (lines: readonly string[], from = 0): LeadDuty[] => {
  const header = findHeader(lines, from, isLeadHeader);
  if (header < 0) return [];
  const { rows } = collectRows(lines, header, {
    isRowStart: (cells) => cells.length >= 3,
    isHeader: (cells) => isLeadHeader(cells.map(columnName)),
  });
  const duties: LeadDuty[] = [];
  let unit = '';
  for (const row of rows) {
    const [unitCell = '', content = '', ...rest] = normalizedCells(row.cells);
    if (unitCell !== '') unit = unitCell;
    const requirement = rest.filter((c) => c !== '').join('');
    if (content === '' && requirement === '') continue;
    duties.push({ unit, content, requirement });
  }
  return duties;
};

const isLedgerHeader = (names: string[]): boolean =>
  names.includes('序号') && names.some((n) => /工作举措|具体举措|工作措施/.test(n));

/** The column names of the 工作任务台账 template, e.g. 序号 … 单位分管领导, 责任科室. */
export const parseLedgerColumns = (lines: readonly string[], from = 0): string[] => {
  const header = findHeader(lines, from, isLedgerHeader);
  if (header < 0) return [];
  return splitCells(lines[header]).map(columnName).filter((c) => c !== '');
};
