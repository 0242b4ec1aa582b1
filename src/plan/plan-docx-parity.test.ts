// The same plan as a text export and as a Word document reads the same (issue 19): tasks, rules'
// input, warnings, metadata, lead duties and the 台账报送截止 date. The .docx is built from the seed
// text the way Word holds it: one table over all pages, merged cells spread over the rows they cover
// (what a vertical merge means and what html-to-plan-text expands), a cell left empty where the
// text export has nothing to continue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { findSubmissionDue } from './plan.service.js';
import { parsePlanFile, planFileText } from './plan-file.js';
import { parsePlanText } from './plan-text-parser.js';
import type { ParsedPlan } from './plan-types.js';
import { parseTimeLimit } from '../calendar/deadline-rules.js';
import { ruleLabel } from './plan.views.js';

const SEED = readFileSync(new URL('../../data/plans/linzi-2022.txt', import.meta.url), 'utf8');
const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
const row = (cells: string[]) => new TableRow({ children: cells.map(cell) });

/** The seed as a .docx: prose as paragraphs, each tab-separated run of lines as a table; 附件1 rebuilt from what the text means. */
async function seedAsDocx(parsed: ParsedPlan): Promise<Buffer> {
  const lines = SEED.split('\n');
  const header = lines.findIndex((l) => l.startsWith('序号\t工作任务'));
  const annex2 = lines.findIndex((l) => /^附件\s*2/.test(l));
  const children: (Paragraph | Table)[] = [];
  let run: string[][] = [];
  const flush = () => {
    if (run.length) children.push(new Table({ rows: run.map(row) }));
    run = [];
  };
  for (const [i, line] of lines.entries()) {
    if (i >= header && i < annex2) continue;
    if (i === annex2) {
      flush();
      // 附件1: the header, then one table per page; the text's continued cells carry the value above.
      const fromRequirement = new Set(parsed.warnings.filter((w) => /取自工作要求原文/.test(w.message)).map((w) => w.row));
      const pages = new Map<number, string[][]>();
      const seqPage = new Map<number, number>();
      let page = 0;
      for (const l of lines.slice(header + 1, annex2)) {
        if (l.trim() === '') { page++; continue; }
        const m = /^(\d+)\t/.exec(l);
        if (m) seqPage.set(Number(m[1]), page);
      }
      for (const t of parsed.tasks) {
        const p = seqPage.get(t.seq)!;
        if (!pages.has(p)) pages.set(p, []);
        pages.get(p)!.push([String(t.seq), t.domain, t.area, t.requirement, t.unitsText, fromRequirement.has(t.seq) ? '' : t.timeLimit]);
      }
      // One table, as in Word: a table that runs over several pages is still one table.
      const all = [...pages.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, rows]) => rows);
      children.push(new Paragraph(lines[header - 2]!), new Table({ rows: [row(['序号', '工作任务', '工作任务', '工作要求', '责任单位', '时限要求']), ...all.map(row)] }));
    }
    if (line.includes('\t')) run.push(line.split('\t'));
    else {
      flush();
      if (line.trim() !== '') children.push(new Paragraph(line));
    }
  }
  flush();
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

test('the .txt and the .docx of the same plan give the same tasks, warnings and 台账报送截止', async () => {
  const txt = parsePlanText(SEED);
  const buf = await seedAsDocx(txt);
  const docx = await parsePlanFile(buf, '2022年工作方案.docx');
  assert.equal(docx.tasks.length, 63);
  const view = (p: ParsedPlan) => p.tasks.map((t) => ({ seq: t.seq, domain: t.domain, area: t.area, requirement: t.requirement, units: t.unitsText, timeLimit: t.timeLimit }));
  for (const [i, t] of view(docx).entries()) assert.deepEqual(t, view(txt)[i], `task ${t.seq}`);
  assert.deepEqual(docx.warnings, txt.warnings);
  assert.deepEqual(docx.plan, txt.plan);
  assert.deepEqual(docx.leadDuties, txt.leadDuties);
  // 台账报送截止 is read from the document body of either format.
  assert.equal(findSubmissionDue(await planFileText(Buffer.from(SEED)), 2022), '2022-06-30');
  assert.equal(findSubmissionDue(await planFileText(buf), 2022), '2022-06-30');
});

test('parser slips against the seed: 33’s consultation period stays with 33, 59 keeps its 年底前, 8–12 are flagged', () => {
  const txt = parsePlanText(SEED);
  const t = (seq: number) => txt.tasks.find((x) => x.seq === seq)!;
  assert.match(t(33).timeLimit, /征求意见期限不少于30日/);
  assert.equal(t(34).timeLimit, '', '列席 is not a consultation');
  assert.equal(t(35).timeLimit, '', '开放日 is not a consultation');
  assert.equal(t(59).timeLimit, '年底前');
  assert.equal(t(58).timeLimit, '长期坚持');
  // Task 18's monthly rule reads 每月后10个工作日内, not 每月每月后….
  const labels = parseTimeLimit(t(18).timeLimit, 2022).rules.map(ruleLabel);
  assert.ok(labels.includes('每月后10个工作日内'), labels.join('；'));
  assert.ok(!labels.some((l) => l.includes('每月每月')));
  for (const seq of [8, 9, 10, 11, 12, 34, 35]) assert.ok(txt.warnings.some((w) => w.row === seq && /未给出时限要求/.test(w.message)), `task ${seq} flagged`);
});
