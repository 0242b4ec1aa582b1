import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { blockers, problemsCheck, runChecks, table3Checks, table4Checks, type Check } from './report-checks.js';
import { addTables, diffTables, emptyTable3, parseFeeWan, SECTION_TITLES, TABLE3_COLUMNS, TABLE3_ROWS } from './report-format.js';
import { buildReport, type ReportInput } from './report-generate.js';
import { goodInput, LAST_YEAR_PROBLEMS, setRow } from './report.fixtures.js';
import { bigramJaccard } from './similarity.js';

const checksOf = (i: ReportInput) => runChecks(buildReport(i), i, i.texts.problems);
const byId = (cs: Check[], id: string) => {
  const c = cs.find((x) => x.id === id);
  assert.ok(c, `check ${id} exists`);
  return c;
};
const failing = (cs: Check[]) => cs.filter((c) => c.status !== 'PASS').map((c) => `${c.id}:${c.status}`);

describe('annual report checks', () => {
  test('a consistent report passes every check; table 3 has exactly 39 sum checks plus the cell check', () => {
    const cs = checksOf(goodInput());
    assert.deepEqual(failing(cs), []);
    const t3 = cs.filter((c) => /^t3\.(balance|results|row)\./.test(c.id));
    assert.equal(t3.length, 39);
    assert.equal(cs.filter((c) => c.id.startsWith('t3.balance.')).length, 7);
    assert.equal(cs.filter((c) => c.id.startsWith('t3.results.')).length, 7);
    assert.equal(cs.filter((c) => c.id.startsWith('t3.row.')).length, 25);
    assert.equal(cs.filter((c) => c.id.startsWith('t4.row.')).length, 3);
    assert.equal(new Set(cs.map((c) => c.id)).size, cs.length, 'ids unique');
  });

  test('一 + 二 = （七）总计 + 四 per column fails on the column that does not balance', () => {
    const i = goodInput();
    setRow(i.table3, '四、结转下年度继续办理', [1, 1, 0, 0, 0, 1]); // one commercial request too many carried out
    const cs = table3Checks(i);
    assert.equal(byId(cs, 't3.balance.commercial').status, 'FAIL');
    assert.equal(byId(cs, 't3.balance.total').status, 'FAIL');
    assert.equal(byId(cs, 't3.balance.natural').status, 'PASS');
    const c = byId(cs, 't3.balance.commercial');
    assert.match(c.message, /商业企业/);
    assert.deepEqual(c.cells.map((x) => x.value), [3, 0, 3, 1]);
  });

  test('the 21 result rows must sum to （七）总计', () => {
    const i = goodInput();
    i.table3['（七）总计'].自然人 = 12;
    i.table3['（七）总计'].总计 = 16;
    const cs = table3Checks(i);
    assert.equal(byId(cs, 't3.results.natural').status, 'FAIL');
    assert.equal(byId(cs, 't3.results.total').status, 'FAIL');
    assert.equal(byId(cs, 't3.results.research').status, 'PASS');
    assert.equal(byId(cs, 't3.results.natural').cells.length, 22);
  });

  test('a request counted in the wrong applicant column while the total still balances fails the row check', () => {
    const i = goodInput();
    // The column totals still balance vertically for 总计, but 自然人 is short by one on row 一.
    i.table3['一、本年新收政府信息公开申请数量'].自然人 = 9;
    const cs = table3Checks(i);
    assert.equal(byId(cs, 't3.row.01').status, 'FAIL');
    assert.match(byId(cs, 't3.row.01').message, /一、本年新收政府信息公开申请数量/);
    assert.equal(byId(cs, 't3.row.02').status, 'PASS');
    // every one of the 25 rows is checked: break the last
    i.table3['四、结转下年度继续办理'].总计 = 5;
    assert.equal(byId(table3Checks(i), 't3.row.25').status, 'FAIL');
  });

  test('a blank, negative or fractional cell fails; 0 written as 0 passes', () => {
    const i = goodInput();
    assert.equal(byId(table3Checks(i), 't3.cells').status, 'PASS');
    (i.table3['（三）不予公开/1.属于国家秘密'] as Record<string, unknown>).自然人 = null;
    (i.table3['（六）其他处理/3.其他'] as Record<string, unknown>).其他 = -1;
    (i.table3['（一）予以公开'] as Record<string, unknown>).科研机构 = 0.5;
    const c = byId(table3Checks(i), 't3.cells');
    assert.equal(c.status, 'FAIL');
    assert.equal(c.cells.length, 3);
    assert.ok(c.cells.some((x) => x.ref === '表三｜（三）不予公开/1.属于国家秘密｜自然人' && x.value === null));
    const t4 = goodInput();
    (t4.table4.行政复议 as Record<string, unknown>).结果纠正 = '/';
    assert.equal(byId(table4Checks(t4), 't4.cells').status, 'FAIL');
  });

  test('table 4: 维持 + 纠正 + 其他 + 尚未审结 = 总计 for each of the three rows', () => {
    for (const [row, id] of [['行政复议', 't4.row.1'], ['行政诉讼/未经复议直接起诉', 't4.row.2'], ['行政诉讼/复议后起诉', 't4.row.3']] as const) {
      const i = goodInput();
      i.table4[row].总计 += 1;
      const cs = table4Checks(i);
      assert.equal(byId(cs, id).status, 'FAIL', id);
      assert.equal(cs.filter((c) => c.status === 'FAIL').length, 1);
    }
  });

  test('cross-year: 二 must equal last year\'s 四 per column; without last year\'s figures it is UNCERTAIN', () => {
    const i = goodInput();
    i.prior!.carryOver!.自然人 = 3;
    i.prior!.carryOver!.总计 = 3;
    const c = byId(checksOf(i), 'cross.carry_over');
    assert.equal(c.status, 'FAIL');
    assert.match(c.message, /自然人、总计/);
    const none = byId(checksOf(goodInput({ prior: null })), 'cross.carry_over');
    assert.equal(none.status, 'UNCERTAIN');
  });

  test('cross-year 现行有效 = 上年 + 制发 − 废止 is UNCERTAIN (never FAIL) with the explaining documents', () => {
    const i = goodInput({ normative: { issued: 3, repealed: 1, inForce: 13 }, normativeDocs: [{ id: 7, title: '关于住房保障的通知', docNumber: '临住建发〔2020〕3号', what: '2022-03-01 撤回后重新发布' }] });
    const c = byId(checksOf(i), 'cross.normative_in_force');
    assert.equal(c.status, 'UNCERTAIN');
    assert.match(c.message, /相差1件/);
    assert.ok(c.cells.some((x) => x.ref.includes('关于住房保障的通知')));
    // a body that can make 规章 is checked for 规章 too
    const r = goodInput({ rules: { issued: 1, repealed: 0, inForce: 4 } });
    r.prior!.rulesInForce = 3;
    assert.equal(byId(checksOf(r), 'cross.rules_in_force').status, 'PASS');
    r.prior!.rulesInForce = 1;
    assert.equal(byId(checksOf(r), 'cross.rules_in_force').status, 'UNCERTAIN');
  });

  test('the six section titles of the 2021 format, in order; the 2019 template fails', () => {
    const i = goodInput();
    const doc = buildReport(i);
    assert.deepEqual(doc.sections.map((s) => s.title), [...SECTION_TITLES]);
    const swapped = { ...doc, sections: [doc.sections[0]!, doc.sections[2]!, doc.sections[1]!, ...doc.sections.slice(3)] };
    assert.equal(byId(runChecks(swapped, i, i.texts.problems), 'format.sections').status, 'FAIL');
    const old = { ...doc, sections: doc.sections.map((s, k) => (k === 3 ? { ...s, title: '四、因政府信息公开申请行政复议、提起行政诉讼情况' } : s)) };
    assert.equal(byId(runChecks(old, i, i.texts.problems), 'format.sections').status, 'FAIL');
  });

  test('the report year must be consistent in the title, the data and the text', () => {
    const i = goodInput({ sourceYears: { requests: 2021, disclosure: 2022, ledger: 2022 } });
    const c = byId(checksOf(i), 'format.year');
    assert.equal(c.status, 'FAIL');
    assert.match(c.message, /依申请公开数据年度/);
    const j = goodInput();
    const doc = buildReport(j);
    assert.equal(byId(runChecks({ ...doc, title: '区住建局2021年政府信息公开工作年度报告' }, j, j.texts.problems), 'format.year').status, 'FAIL');
    const k = goodInput();
    k.prior!.year = 2020;
    assert.equal(byId(checksOf(k), 'format.year').status, 'FAIL');
  });

  test('第五部分 must be substantive: empty, “无”, too short and near-copies of last year fail; the similarity is reported', () => {
    assert.equal(problemsCheck('', null).status, 'FAIL');
    assert.equal(problemsCheck('无', null).status, 'FAIL');
    assert.equal(problemsCheck('  无。 ', null).status, 'FAIL');
    assert.equal(problemsCheck('信息发布不够及时。', null).status, 'FAIL');
    const copied = LAST_YEAR_PROBLEMS.replace('较为单一', '比较单一').replace('下一步', '2023年');
    const c = problemsCheck(copied, LAST_YEAR_PROBLEMS);
    assert.equal(c.status, 'FAIL');
    assert.match(c.message, /几乎相同/);
    const fresh = problemsCheck(goodInput().texts.problems, LAST_YEAR_PROBLEMS);
    assert.equal(fresh.status, 'PASS');
    const sim = fresh.cells.find((x) => x.ref.includes('相似度'))!.value as number;
    assert.ok(sim < 0.3, `unrelated texts are not similar (${sim})`);
  });

  test('table 2: entered figures missing, negative or fees with more than 4 decimals fail; fewer penalties than published is UNCERTAIN', () => {
    assert.equal(byId(checksOf(goodInput({ entered: { permits: null, penalties: 8, coercions: 0, feesWan: '1', source: '' } })), 't2.cells').status, 'FAIL');
    assert.equal(byId(checksOf(goodInput({ entered: { permits: 1, penalties: -1, coercions: 0, feesWan: '1', source: '' } })), 't2.cells').status, 'FAIL');
    assert.equal(byId(checksOf(goodInput({ entered: { permits: 1, penalties: 8, coercions: 0, feesWan: '1.23456', source: '' } })), 't2.cells').status, 'FAIL');
    assert.equal(byId(checksOf(goodInput({ entered: { permits: 1, penalties: 2, coercions: 0, feesWan: '0', source: '' } })), 't2.penalties_published').status, 'UNCERTAIN');
  });

  test('UNCERTAIN without a written explanation and any FAIL block filing; explanations are printed in 六', () => {
    const i = goodInput({ prior: null });
    const cs = checksOf(i);
    const b = blockers(cs, {});
    assert.equal(b.fails.length, 0);
    assert.deepEqual(b.unexplained.map((c) => c.id).sort(), ['cross.carry_over', 'cross.normative_in_force']);
    const ex = { 'cross.carry_over': '2021年度依申请公开在本平台上线前办理，上年结转数据见纸质台账。', 'cross.normative_in_force': '上年现行有效件数未在平台录入。' };
    assert.equal(blockers(cs, ex).unexplained.length, 0);
    const doc = buildReport({ ...i, explanations: ex, uncertainLabels: { 'cross.carry_over': '上年结转核对' } });
    const six = doc.sections[5]!.paragraphs.join('\n');
    assert.match(six, /上年结转核对：2021年度依申请公开在本平台上线前办理/);
    assert.match(six, /上年现行有效件数未在平台录入/);
  });
});

describe('annual report generator', () => {
  test('the narratives of 三 and 四 are written from the table numbers', () => {
    const i = goodInput();
    const doc = buildReport(i);
    const s3 = doc.sections[2]!.paragraphs.join('');
    assert.match(s3, /^2022年，本机关新收政府信息公开申请15件（其中自然人10件，法人或其他组织5件），上年结转2件。/);
    assert.match(s3, /本年度办结15件，其中予以公开8件，部分公开2件，不予公开1件，无法提供3件，不予处理1件，其他处理0件；结转下年度继续办理2件。/);
    i.table3['（一）予以公开'].自然人 = 6;
    i.table3['（一）予以公开'].总计 = 9;
    assert.match(buildReport(i).sections[2]!.paragraphs.join(''), /予以公开9件/);
    const s4 = doc.sections[3]!.paragraphs.join('');
    assert.match(s4, /本机关因政府信息公开申请引起行政复议2件，其中结果维持1件，结果纠正0件，其他结果0件，尚未审结1件/);
    assert.match(s4, /行政诉讼1件（未经复议直接起诉1件，复议后起诉0件）/);
  });

  test('table 2 labels exactly as the format; 规章 zero with a note where the body cannot make them; scope declared', () => {
    const doc = buildReport(goodInput());
    assert.deepEqual(Object.keys(doc.table2), ['规章', '行政规范性文件', '行政许可', '行政处罚', '行政强制', '行政事业性收费']);
    assert.deepEqual(doc.table2.规章, { 本年制发件数: 0, 本年废止件数: 0, 现行有效件数: 0 });
    assert.equal(doc.table2.行政事业性收费!['本年收费金额（单位：万元）'], 12.3456);
    assert.ok(doc.table2Notes.some((n) => n.includes('无规章制定权')));
    assert.match(doc.sections[0]!.paragraphs[0]!, /统计范围为区住建局本级/);
    const sum = buildReport(goodInput({ scope: '汇总', unitName: '临淄区' }));
    assert.match(sum.sections[0]!.paragraphs[0]!, /汇总/);
    assert.match(sum.sections[2]!.paragraphs[0]!, /^2022年，全区新收/);
    assert.equal(doc.title, '区住建局2022年政府信息公开工作年度报告');
  });

  test('table 3 keeps the 25 rows and 7 columns of the format', () => {
    const doc = buildReport(goodInput());
    assert.deepEqual(Object.keys(doc.table3), [...TABLE3_ROWS]);
    for (const r of TABLE3_ROWS) assert.deepEqual(Object.keys(doc.table3[r]), [...TABLE3_COLUMNS]);
  });
});

describe('report helpers', () => {
  test('fees: at most 4 decimals, normalised', () => {
    assert.equal(parseFeeWan('12.5000'), '12.5');
    assert.equal(parseFeeWan('0'), '0');
    assert.equal(parseFeeWan('007.1'), '7.1');
    assert.equal(parseFeeWan('1.23456'), null);
    assert.equal(parseFeeWan('-1'), null);
    assert.equal(parseFeeWan('十'), null);
    assert.equal(parseFeeWan(''), null);
  });
  test('bigram Jaccard', () => {
    assert.equal(bigramJaccard('政务公开', '政务公开'), 1);
    assert.equal(bigramJaccard('政务公开', '天气晴朗'), 0);
    assert.ok(Math.abs(bigramJaccard('政务公开工作', '政务公开') - 3 / 5) < 1e-9);
    assert.equal(bigramJaccard('2021年政务公开', '2022年政务公开'), 1, 'digits are ignored');
  });
  test('adding and diffing tables', () => {
    const a = emptyTable3();
    a['（一）予以公开'].自然人 = 2;
    const b = emptyTable3();
    b['（一）予以公开'].自然人 = 3;
    const sum = addTables(emptyTable3(), a);
    addTables(sum, b);
    assert.equal(sum['（一）予以公开'].自然人, 5);
    assert.deepEqual(diffTables(a, b), [{ cell: '（一）予以公开｜自然人', a: 2, b: 3 }]);
  });
});

describe('annual report .docx', () => {
  test('the .docx holds the same tables with merged headers (gridSpan / vMerge) and the format labels', async () => {
    const { reportDocx } = await import('./report-docx.js');
    const JSZip = (await import('jszip')).default;
    const doc = buildReport(goodInput());
    const buf = await reportDocx(doc);
    const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const t of [...SECTION_TITLES, '申请人情况', '法人或其他组织', '1.属于国家秘密', '（七）总计', '四、结转下年度继续办理', '未经复议直接起诉', '复议后起诉', '本年收费金额（单位：万元）', doc.title]) {
      assert.ok(text.includes(t), t);
    }
    assert.match(xml, /<w:gridSpan w:val="7"\/>[\s\S]*?申请人情况/);
    assert.match(xml, /<w:gridSpan w:val="5"\/>[\s\S]*?法人或其他组织/);
    assert.match(xml, /<w:gridSpan w:val="10"\/>[\s\S]*?行政诉讼/);
    assert.ok((xml.match(/<w:vMerge w:val="restart"\/>/g) ?? []).length >= 8, 'row-spanning header cells');
    assert.match(xml, /<w:tblHeader\/>/, 'header rows repeat on each page');
    assert.match(xml, /w:w="11906" w:h="16838"/, 'A4');
    assert.ok(text.includes('12.3456'));
  });
});

test('一、总体情况 reports the consultations held, their comments and published feedback; nothing when none were held', () => {
  const base = goodInput();
  const withConsult = buildReport({ ...base, overview: { ...base.overview, consultations: { held: 3, comments: 41, feedbackPublished: 2 } } });
  assert.match(withConsult.sections[0]!.paragraphs.join(''), /公开征求意见3次，收到意见41条，已公布意见采纳情况2次/);
  const none = buildReport({ ...base, overview: { ...base.overview, consultations: { held: 0, comments: 0, feedbackPublished: 0 } } });
  assert.doesNotMatch(none.sections[0]!.paragraphs.join(''), /公众参与/);
});
