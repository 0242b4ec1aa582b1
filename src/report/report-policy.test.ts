// Who may read, edit, sign off and file an annual report: every role against a unit's report and the district's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../db/schema.js';
import { anonymous, systemActor } from '../lib/context.js';
import { AREA, outcome, userActor as user } from '../test-support/actors.js';
import { canActAsReportOffice, canSignOffReport, requireReportOffice, requireReportReader, requireReportSignOff, requireReportWriter, seesAllReports } from './report-policy.js';

const finance = { id: 10, area_id: AREA, kind: '部门' };
const district = { id: AREA, area_id: AREA, kind: '区' };
const otherArea = { id: 99, area_id: 98, kind: '部门' };

test('reading: whoever may read the body; others get 404, anonymous callers 401', () => {
  assert.equal(outcome(() => requireReportReader(user('unit_operator'), finance)), 'ok');
  assert.equal(outcome(() => requireReportReader(user('unit_operator', 11), finance)), '404');
  assert.equal(outcome(() => requireReportReader(user('auditor'), finance)), 'ok');
  assert.equal(outcome(() => requireReportReader(user('admin'), otherArea)), '404');
  assert.equal(outcome(() => requireReportReader(anonymous, finance)), '401');
  assert.equal(outcome(() => requireReportReader(systemActor(), otherArea)), 'ok');
});

test('editing: the area admin every body, unit roles their own unit, never the auditor', () => {
  assert.equal(outcome(() => requireReportWriter(user('admin'), finance)), 'ok');
  assert.equal(outcome(() => requireReportWriter(user('admin'), district)), 'ok');
  assert.equal(outcome(() => requireReportWriter(user('admin'), otherArea)), '403 只能编辑本单位的年度报告');
  assert.equal(outcome(() => requireReportWriter(user('unit_operator'), finance)), 'ok');
  assert.equal(outcome(() => requireReportWriter(user('unit_reviewer'), finance)), 'ok');
  assert.equal(outcome(() => requireReportWriter(user('unit_operator', 11), finance)), '403 只能编辑本单位的年度报告');
  assert.equal(outcome(() => requireReportWriter(user('unit_operator'), district)), '403 只能编辑本单位的年度报告');
  assert.equal(outcome(() => requireReportWriter(user('auditor'), finance)), '403 审计员只能查看，不能修改');
  assert.equal(outcome(() => requireReportWriter(anonymous, finance)), '401');
  assert.equal(outcome(() => requireReportWriter(systemActor(), finance)), 'ok');
});

test('单位审签: the unit’s reviewer, the office for the district government’s report', () => {
  assert.equal(outcome(() => requireReportSignOff(user('unit_reviewer'), finance)), 'ok');
  assert.equal(outcome(() => requireReportSignOff(user('unit_operator'), finance)), '403 只有本单位审核人可以审签年度报告');
  assert.equal(outcome(() => requireReportSignOff(user('unit_reviewer', 11), finance)), '403 只有本单位审核人可以审签年度报告');
  assert.equal(outcome(() => requireReportSignOff(user('admin'), finance)), '403 只有本单位审核人可以审签年度报告');
  assert.equal(outcome(() => requireReportSignOff(user('admin'), district)), 'ok');
  assert.equal(outcome(() => requireReportSignOff(user('admin', 2, 2), district)), '403 区政府报告由政务公开办审签');
  assert.equal(outcome(() => requireReportSignOff(user('unit_reviewer'), district)), '403 区政府报告由政务公开办审签');
  assert.equal(outcome(() => requireReportSignOff(systemActor(), district)), 'ok');
  assert.equal(outcome(() => requireReportSignOff(anonymous, district)), '401');
  assert.deepEqual([canSignOffReport(user('unit_reviewer'), finance), canSignOffReport(user('admin'), finance), canSignOffReport(systemActor(), finance)], [true, false, false]);
});

test('备案 and 公开 are the office’s; the inbox shows every body to the admin and the auditor', () => {
  assert.equal(outcome(() => requireReportOffice(user('admin'))), 'ok');
  assert.equal(outcome(() => requireReportOffice(user('unit_reviewer'))), '403 只有政务公开办管理员可以执行此操作');
  assert.equal(outcome(() => requireReportOffice(user('auditor'))), '403 只有政务公开办管理员可以执行此操作');
  assert.equal(outcome(() => requireReportOffice(systemActor())), 'ok');
  assert.deepEqual((['admin', 'auditor', 'unit_operator', 'unit_reviewer'] as Role[]).map((r) => [canActAsReportOffice(user(r)), seesAllReports(user(r))]),
    [[true, true], [false, true], [false, false], [false, false]]);
  assert.deepEqual([canActAsReportOffice(systemActor()), seesAllReports(systemActor())], [false, false]);
});
