// Reads one row of the 任务分解表 into its logical cells. The logical order is always
// 序号 | 领域 (domain) | 事项 (area) | 工作要求 | 责任单位 | 时限要求, but exports drop merged cells
// (rows 50, 53 of the 2022 plan), add empty ones (rows 8–16) or omit the area column for a
// whole page (rows 1–7), so each cell's meaning is read from its content first.
import { looksLikeHeading, looksLikeTimeLimit, splitGluedHeading } from './cell-kinds.js';
import { looksLikeUnitList } from './responsible-units.js';
import { normalizeText } from './text-normalize.js';

export type RowLayout = {
  /** False when the block has no separate area column (5 cells), as on the 2022 plan's first page. */
  hasAreaColumn: boolean;
};

/** What a row states itself; undefined = the cell is empty (continue the value above). */
export type RowCells = {
  domain?: string;
  area?: string;
  requirement?: string;
  units?: string;
  timeLimit?: string;
  /** Problems worth a warning; the row is still used. */
  problems: string[];
};

const HEADING_SLOTS = { domain: 1, area: 2 } as const;

/** Parses the cells after the 序号 (cells[0] is the 序号 itself). */
export const classifyRow = (cells: readonly string[], layout: RowLayout): RowCells => {
  const out: RowCells = { problems: [] };
  const filled = cells
    .map((raw, index) => ({ raw, index, text: normalizeText(raw) }))
    .filter((c) => c.index > 0 && c.text !== '');
  if (filled.length === 0) return out;

  // Headings sit in the first cells; the first cell that is not a heading is the requirement.
  const headings: typeof filled = [];
  let req = filled.find((c) => {
    const headingSlot = c.index === HEADING_SLOTS.domain || (layout.hasAreaColumn && c.index === HEADING_SLOTS.area);
    if (headingSlot && looksLikeHeading(c.text) && !looksLikeUnitList(c.text)) {
      headings.push(c);
      return false;
    }
    return true;
  });
  // A short requirement can pass for a heading; if what follows is a unit list or a time
  // limit, or nothing follows, the last "heading" was the requirement after all.
  const reqLooksWrong = req !== undefined && (looksLikeUnitList(req.text) || (req.text.length <= 15 && looksLikeTimeLimit(req.text)));
  if ((req === undefined || reqLooksWrong) && headings.length > 0) {
    req = headings.pop();
  }
  if (req === undefined) return out;

  for (const h of headings) {
    if (h.index === HEADING_SLOTS.domain) out.domain = h.text;
    else out.area = h.text;
  }

  out.requirement = req.text;
  if (out.area === undefined) {
    const glued = splitGluedHeading(req.raw, layout.hasAreaColumn);
    if (glued) {
      out.area = normalizeText(glued.heading);
      out.requirement = glued.rest;
    }
  }

  // After the requirement come 责任单位 then 时限要求; shifted rows put either one further
  // right, so content decides and the position only breaks ties.
  for (const c of filled) {
    if (c.index <= req.index) continue;
    const slot: number = c.index - req.index;
    const kind = looksLikeUnitList(c.text) ? 'units'
      : looksLikeTimeLimit(c.text) ? 'timeLimit'
      : slot === 1 ? 'units' : 'timeLimit';
    if (out[kind] === undefined) out[kind] = c.text;
    else out.problems.push(`多出的单元格「${c.text}」未能归入责任单位或时限要求，已忽略`);
  }
  return out;
};
