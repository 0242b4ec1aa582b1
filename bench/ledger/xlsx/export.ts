// Times a district-wide ledger export: 200 units × 63 tasks × 3 measures, one sheet
// per unit, with both exceljs writers. Run: node --import tsx bench/ledger/xlsx/export.ts
import { exportLedgerWorkbook, exportLedgerWorkbookStreamed } from '../../../src/ledger/xlsx/ledger-export.js';
import type { LedgerSheet } from '../../../src/ledger/xlsx/ledger-layout.js';

const UNITS = Number(process.env.UNITS ?? 200);
const TASKS = 63;
const MEASURES = 3;
const ROUNDS = Number(process.env.ROUNDS ?? 2);

// Text lengths close to the real plan: tasks ~40 chars, measures ~60, time limits ~15.
const task = (n: number): string => `第${n}项 紧扣提高实效深化公开，推进行政决策公开透明，适时更新完善权责清单并按要求公开`;
const measure = (n: number, k: number): string =>
  `举措${k}：对照任务${n}逐项梳理本单位承担的公开事项，明确责任科室和完成时限，在政府网站信息公开专栏及时发布并做好解读回应`;

const district = (): LedgerSheet[] =>
  Array.from({ length: UNITS }, (_, u) => ({
    unitName: `临淄区第${u + 1}部门单位`,
    planTitle: '2022年全区政务公开重点工作任务分解表',
    rows: Array.from({ length: TASKS }, (_, t) => ({
      seq: t + 1,
      task: task(t + 1),
      measures: Array.from({ length: MEASURES }, (_, k) => ({
        measure: measure(t + 1, k + 1),
        timeLimit: k === 0 ? '6月底前' : '信息形成或者变更之日起20个工作日内公开',
        leader: '张三',
        section: '办公室',
        status: '进行中' as const,
        dueDate: '2022-06-30',
      })),
    })),
  }));

const time = async (label: string, run: () => Promise<Buffer>): Promise<void> => {
  for (let r = 1; r <= ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    const buf = await run();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    // CPU time as well: on a shared machine wall-clock time swings with other load.
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const mb = (buf.length / 1024 / 1024).toFixed(2);
    const heap = (process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0);
    console.log(`${label.padEnd(10)} round ${r}: ${s.toFixed(2)} s wall, ${cpuS.toFixed(2)} s cpu, ${mb} MB, heap ${heap} MB`);
  }
};

const sheets = district();
const rows = sheets.reduce((n, s) => n + s.rows.reduce((k, r) => k + r.measures.length, 0), 0);
console.log(`${UNITS} units × ${TASKS} tasks × ${MEASURES} measures = ${rows} data rows (target ≤ 5 s)`);
await time('in-memory', () => exportLedgerWorkbook(sheets));
await time('streaming', () => exportLedgerWorkbookStreamed(sheets));
