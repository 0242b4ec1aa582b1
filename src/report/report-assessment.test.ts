// The 考核 factor 年报按时公开 (ledger assessment-score), fed by the report module's reportTimeliness.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SCHEME, parseScheme, scoreUnit, type UnitFacts } from '../ledger/assessment-score.js';

const facts = (annualReport: UnitFacts['annualReport']): UnitFacts => ({
  unitId: 1, unitName: '区住建局', firstSubmittedOn: '2022-06-20', submissionDue: '2022-06-30', measuresTotal: 4, measuresDue: 2, measuresDone: 2, overdue: 0, doneWithEvidence: 2,
  guidanceRows: null, guidedRows: 0, disclosureDue: 0, disclosureOnTime: 0, disclosureLate: 0, disclosureOverdue: 0, annualReport,
});
const factor = (f: UnitFacts, s = DEFAULT_SCHEME) => scoreUnit(f, s).factors.find((x) => x.key === 'annualReport')!;

test('年报按时公开: on time 1, late the late share, unpublished after the deadline 0, before the deadline not counted', () => {
  assert.deepEqual([factor(facts({ due: '2023-01-31', publishedOn: '2023-01-20', state: 'on_time' })).score, factor(facts({ due: '2023-01-31', publishedOn: '2023-01-20', state: 'on_time' })).applies], [1, true]);
  const late = factor(facts({ due: '2023-01-31', publishedOn: '2023-02-10', state: 'published_late' }));
  assert.equal(late.score, DEFAULT_SCHEME.latePartial);
  assert.match(late.explanation, /晚于法定期限2023-01-31/);
  const missing = factor(facts({ due: '2023-01-31', publishedOn: null, state: 'overdue' }));
  assert.deepEqual([missing.score, missing.applies], [0, true]);
  assert.equal(factor(facts({ due: '2023-01-31', publishedOn: null, state: 'open' })).applies, false);
  assert.equal(factor(facts(undefined)).applies, false);
  // a late report lowers the total; schemes saved before the factor existed give it weight 0
  assert.ok(scoreUnit(facts({ due: '2023-01-31', publishedOn: null, state: 'overdue' }), DEFAULT_SCHEME).total < scoreUnit(facts({ due: '2023-01-31', publishedOn: '2023-01-20', state: 'on_time' }), DEFAULT_SCHEME).total);
  const old = parseScheme(JSON.stringify({ weights: { timely: 20, completion: 40, overdue: 20, evidence: 10, guidance: 10, disclosure: 10 }, latePartial: 0.5, overduePenalty: 0.2 }));
  assert.equal(old.weights.annualReport, 0);
});
