// `gongkai report annual --year 2022 [--unit 区住建局] [--scope 本级|汇总] [--json | --out 报告.docx]`
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cliError, withDb } from '../cli/cli-context.js';
import { actorArea } from '../org/public.js';
import { TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_ROWS } from './report-format.js';

export async function annualCommand(o: { year: string; unit?: string; scope?: string; json?: boolean; out?: string }): Promise<void> {
  if (o.json && o.out) throw cliError('--json 与 --out 只能选一个');
  if (o.out && !o.out.toLowerCase().endsWith('.docx')) throw cliError('--out 的文件名应以 .docx 结尾');
  await withDb(async (ctx) => {
    const svc = await import('./report.service.js');
    const unit = o.unit ?? String(await actorArea(ctx));
    const c = await svc.getReport(ctx, { year: o.year, unit, scope: o.scope });
    if (o.json) {
      console.log(JSON.stringify(svc.contractJson(c.doc, c.checks, { id: c.row?.id ?? null, status: c.row?.status ?? 'draft' }), null, 2));
      return;
    }
    if (o.out) {
      const path = resolve(o.out);
      if (existsSync(path)) throw cliError(`文件已存在：${path}`);
      const { reportDocx } = await import('./report-docx.js');
      writeFileSync(path, await reportDocx(c.doc));
      console.log(`已生成 ${path}`);
    } else {
      console.log(c.doc.title);
      console.log(`（统计范围：${c.doc.unit}${c.doc.scope}；状态：${c.row ? svc.STATUS_LABELS[c.row.status] : '未保存'}）`);
      for (const s of c.doc.sections) {
        console.log(`\n${s.title}`);
        for (const p of s.paragraphs) console.log(`  ${p}`);
      }
      console.log('\n表三');
      console.log(['', ...TABLE3_COLUMNS].join('\t'));
      for (const r of TABLE3_ROWS) console.log([r, ...TABLE3_COLUMNS.map((col) => c.doc.table3[r][col])].join('\t'));
      console.log('\n表四');
      for (const r of TABLE4_ROWS) console.log([r, ...TABLE4_COLUMNS.map((col) => `${col}${c.doc.table4[r][col]}`)].join('\t'));
    }
    const fails = c.checks.filter((x) => x.status === 'FAIL');
    const unc = c.checks.filter((x) => x.status === 'UNCERTAIN');
    console.error(`校验：通过${c.checks.length - fails.length - unc.length}项，不通过${fails.length}项，待核实${unc.length}项`);
    for (const x of [...fails, ...unc]) console.error(`  ${x.status} ${x.id}：${x.message}`);
  }, '命令行：年度报告');
}
