import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SCHEME, parseScheme, rankUnits, scoreUnit, type UnitFacts } from './assessment-score.js';

const facts = (o: Partial<UnitFacts>): UnitFacts => ({
  unitId: 1, unitName: '区财政局', firstSubmittedOn: '2022-06-28', submissionDue: '2022-06-30',
  measuresTotal: 12, measuresDue: 10, measuresDone: 8, overdue: 1, doneWithEvidence: 4, guidanceRows: null, guidedRows: 0,
  disclosureDue: 0, disclosureOnTime: 0, disclosureLate: 0, disclosureOverdue: 0, ...o,
});

test('each factor is explained and the total renormalises over the factors that apply', () => {
  const s = scoreUnit(facts({}), DEFAULT_SCHEME);
  const by = Object.fromEntries(s.factors.map((f) => [f.key, f]));
  assert.equal(by.timely!.score, 1);
  assert.equal(by.completion!.score, 0.8);
  assert.equal(by.overdue!.score, 0.8);
  assert.equal(by.evidence!.score, 0.5);
  assert.equal(by.guidance!.applies, false);
  assert.match(by.guidance!.explanation, /非牵头部门/);
  // (20·1 + 40·0.8 + 20·0.8 + 10·0.5) / 90 × 100 = 81.1
  assert.equal(s.total, 81.1);
});

test('late and missing submissions, overdue penalty floor, lead guidance', () => {
  const late = scoreUnit(facts({ firstSubmittedOn: '2022-07-05' }), DEFAULT_SCHEME).factors.find((f) => f.key === 'timely')!;
  assert.equal(late.score, 0.5);
  assert.match(late.explanation, /晚于截止日2022-06-30/);
  assert.equal(scoreUnit(facts({ firstSubmittedOn: null }), DEFAULT_SCHEME).factors[0]!.score, 0);
  assert.equal(scoreUnit(facts({ overdue: 9 }), DEFAULT_SCHEME).factors.find((f) => f.key === 'overdue')!.score, 0);
  const lead = scoreUnit(facts({ guidanceRows: 4, guidedRows: 3 }), DEFAULT_SCHEME).factors.find((f) => f.key === 'guidance')!;
  assert.equal(lead.applies, true);
  assert.equal(lead.score, 0.75);
});

test('a unit with no measures earns neither completion nor “no overdue” marks', () => {
  const s = scoreUnit(facts({ firstSubmittedOn: null, measuresTotal: 0, measuresDue: 0, measuresDone: 0, overdue: 0, doneWithEvidence: 0 }), DEFAULT_SCHEME);
  assert.equal(s.total, 0);
  assert.match(s.factors.find((f) => f.key === 'completion')!.explanation, /未填写工作举措/);
});

test('ranking: highest first, ties share a rank', () => {
  const r = rankUnits([
    facts({ unitId: 1, unitName: 'A', overdue: 0 }),
    facts({ unitId: 2, unitName: 'B', overdue: 5 }),
    facts({ unitId: 3, unitName: 'C', overdue: 0 }),
  ], DEFAULT_SCHEME);
  assert.deepEqual(r.map((u) => [u.unitName, u.rank]), [['A', 1], ['C', 1], ['B', 3]]);
});

test('a stored scheme is validated; anything broken falls back to the default', () => {
  assert.deepEqual(parseScheme('not json'), DEFAULT_SCHEME);
  assert.deepEqual(parseScheme(JSON.stringify({ weights: { timely: -1 } })), DEFAULT_SCHEME);
  const s = { weights: { timely: 1, completion: 2, overdue: 3, evidence: 4, guidance: 5, disclosure: 6, annualReport: 7 }, latePartial: 0.25, overduePenalty: 0.1 };
  assert.deepEqual(parseScheme(JSON.stringify(s)), s);
  // A scheme saved before the 年报按时公开 factor existed: that factor weighs 0.
  const six = { ...s, weights: { timely: 1, completion: 2, overdue: 3, evidence: 4, guidance: 5, disclosure: 6 } };
  assert.deepEqual(parseScheme(JSON.stringify(six)), { ...six, weights: { ...six.weights, annualReport: 0 } });
  // A scheme saved before the disclosure factor existed keeps its meaning: that factor weighs 0.
  const old = { weights: { timely: 1, completion: 2, overdue: 3, evidence: 4, guidance: 5 }, latePartial: 0.25, overduePenalty: 0.1 };
  assert.deepEqual(parseScheme(JSON.stringify(old)), { ...old, weights: { ...old.weights, disclosure: 0, annualReport: 0 } });
});

test('信息按时公开: share of due proactive items published in time; not counted while none is due', () => {
  const none = scoreUnit(facts({}), DEFAULT_SCHEME).factors.find((f) => f.key === 'disclosure')!;
  assert.equal(none.applies, false);
  assert.match(none.explanation, /不计此项/);
  const s = scoreUnit(facts({ disclosureDue: 4, disclosureOnTime: 2, disclosureLate: 1, disclosureOverdue: 1 }), DEFAULT_SCHEME);
  const d = s.factors.find((f) => f.key === 'disclosure')!;
  assert.equal(d.score, 0.5);
  assert.equal(d.explanation, '应公开4条，按时2条，超期公开1条，逾期未公开1条（50%）');
  // (20·1 + 40·0.8 + 20·0.8 + 10·0.5 + 10·0.5) / 100 × 100 = 78
  assert.equal(s.total, 78);
});
