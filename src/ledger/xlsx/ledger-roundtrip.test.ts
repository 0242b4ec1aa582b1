import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exportLedgerWorkbook, exportLedgerWorkbookStreamed } from './ledger-export.js';
import { importLedgerWorkbook } from './ledger-import.js';
import { LEDGER_STATUSES, type LedgerMeasureRow, type LedgerSheet } from './ledger-layout.js';
import { describe } from './ledger-fixtures.js';

const m = (measure: string, extra: Partial<LedgerMeasureRow> = {}): LedgerMeasureRow => ({
  measure,
  timeLimit: '6月底前',
  leader: '王副局长',
  section: '办公室',
  ...extra,
});

const district: LedgerSheet[] = [
  {
    unitName: '区财政局',
    planTitle: '2022年全区政务公开重点工作任务分解表',
    rows: [
      {
        seq: 3,
        task: '抓好减税降费信息公开',
        measures: [
          m('系统集成、智能推送已出台的各项减税降费政策'),
          m('按季度检查相关职能部门公开情况，对未全面公开的督促整改\n并形成台账', { timeLimit: '按季度' }),
          m('年度总结', { timeLimit: '2022年12月31日前', leader: '', section: '' }),
        ],
      },
      { seq: 6, task: '做好乡村振兴政策信息公开', measures: [] },
      { seq: 12, task: '动态调整收费目录清单', measures: [m('定期更新、在线查询')] },
    ],
  },
  {
    unitName: '区市场监管局',
    rows: [
      {
        seq: 11,
        task: '加大重点民生领域的部门联合“双随机、一公开”监管信息公开力度',
        measures: [
          m('督促区司法局、区文旅局等及时公开“双随机、一公开”年度计划', { timeLimit: '印发通知，督促相关职能部门6月底全部公开到位' }),
          m('指导相关职能部门及时公开检查结果信息', { timeLimit: '按季度检查' }),
        ],
      },
    ],
  },
  { unitName: '稷下街道', rows: [] },
];

test('round trip: export then import gives the same sheets (official six columns)', async () => {
  const r = await importLedgerWorkbook(await exportLedgerWorkbook(district));
  assert.ok(r.ok, r.ok ? '' : describe(r.errors));
  assert.deepEqual(r.sheets, district);
  assert.deepEqual(r.warnings, []);
});

const tracked: LedgerSheet[] = [
  {
    unitName: '区卫健局',
    rows: [
      {
        seq: 13,
        task: '精细化公开疫情防控信息',
        measures: [
          m('长期公示核酸检测机构名单', { status: '已完成', dueDate: '2022-06-30', completedOn: '2022-06-28', progress: '已在专栏公示' }),
          m('持续发布疫情防控进展信息', { status: '进行中', dueDate: '2022-12-31' }),
          m('规范流调信息发布', { status: '逾期' }),
          m('加强协调'),
        ],
      },
      { seq: 29, task: '做好医疗卫生机构信息公开工作', measures: [] },
    ],
  },
];

test('round trip with the extra tracking columns, in-memory and streaming writers', async () => {
  for (const write of [exportLedgerWorkbook, exportLedgerWorkbookStreamed]) {
    const r = await importLedgerWorkbook(await write([...district, ...tracked]));
    assert.ok(r.ok, r.ok ? '' : describe(r.errors));
    assert.deepEqual(r.sheets, [...district, ...tracked]);
  }
});

test('round trip keeps unit names that are not valid sheet names', async () => {
  const sheets: LedgerSheet[] = [
    { unitName: '区发改局/区统计局[合署]', rows: [{ seq: 4, task: '规划计划', measures: [m('公开规划')] }] },
    { unitName: '区发改局/区统计局[合署]', rows: [] },
  ];
  const r = await importLedgerWorkbook(await exportLedgerWorkbook(sheets));
  assert.ok(r.ok, r.ok ? '' : describe(r.errors));
  assert.deepEqual(r.sheets, sheets);
});

// Text as units type it: CJK, ASCII, full-width punctuation, inner spaces and line breaks.
const chars = [...'政务公开信息区局科室举措时限ABCxyz019 ，。、“”（）：；\n-'];
const text = fc
  .array(fc.constantFrom(...chars), { minLength: 1, maxLength: 40 })
  .map((cs) => cs.join('').trim())
  .filter((s) => s !== '');
const optionalText = fc.option(text, { nil: undefined });
const isoDay = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const measureArb = fc.record(
  {
    measure: text,
    timeLimit: fc.oneof(text, fc.constant('')),
    leader: fc.oneof(text, fc.constant('')),
    section: fc.oneof(text, fc.constant('')),
    status: fc.constantFrom(...LEDGER_STATUSES),
    dueDate: isoDay,
    completedOn: isoDay,
    progress: text,
  },
  { requiredKeys: ['measure', 'timeLimit', 'leader', 'section'], noNullPrototype: true },
);
const sheetArb = fc.record({
  unitName: text,
  planTitle: optionalText,
  rows: fc.uniqueArray(
    fc.record(
      { seq: fc.integer({ min: 1, max: 200 }), task: text, measures: fc.array(measureArb, { maxLength: 4 }) },
      { noNullPrototype: true },
    ),
    { selector: (r) => r.seq, maxLength: 6 },
  ),
}, { noNullPrototype: true });

test('round trip property: any ledger survives export and import', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(sheetArb, { minLength: 1, maxLength: 3 }), async (generated) => {
      // fc.option yields an explicit undefined; the importer omits absent keys instead.
      const sheets = generated.map(({ planTitle, ...s }): LedgerSheet => (planTitle ? { ...s, planTitle } : s));
      const r = await importLedgerWorkbook(await exportLedgerWorkbook(sheets));
      assert.ok(r.ok, r.ok ? '' : describe(r.errors));
      assert.deepEqual(r.sheets, sheets);
    }),
    { numRuns: 40 },
  );
});
