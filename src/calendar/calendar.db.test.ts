import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { runCli } from '../test-support/cli.js';
import { createTestDb, type TestDb } from '../db/test-db.js';

const HOLIDAY_CN_2027 = JSON.stringify({
  year: 2027,
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '春节', date: '2027-02-05', isOffDay: true },
    { name: '春节', date: '2027-02-08', isOffDay: true },
    { name: '春节', date: '2027-02-20', isOffDay: false },
  ],
}, null, 2);

describe('calendar in the console, API and store', () => {
  let h: Harness;
  let admin: Agent;
  let operator: Agent;
  before(async () => {
    h = await createHarness();
    admin = await h.login(USERS.admin.username);
    operator = await h.login(USERS.operator.username);
  });
  after(async () => { await h.close(); });

  test('the calculator explains a deadline across the 2022 Spring Festival', async () => {
    const r = await operator.get('/console/calendar?year=2022&start=2022-01-28&days=3');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /到期日：<strong>2022-02-07<\/strong>/);
    assert.match(r.body, /2022-01-29<\/td><td>第1个工作日/);
    assert.match(r.body, /跳过（春节）/);
    assert.match(r.body, /国务院办公厅关于2022年部分节假日安排的通知/);
  });

  test('bad calculator input gets field messages', async () => {
    const r = await operator.get('/console/calendar?start=2022/6/23&days=-1');
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /起算日期格式应为 YYYY-MM-DD/);
    assert.match(r.body, /工作日数至少为1/);
    const api = await operator.get('/api/v1/calendar/add-working-days?start=2022-02-30&days=5');
    assert.equal(api.statusCode, 400);
    assert.ok(api.json().error.fields.start);
  });

  test('a year without data computes on weekends and warns; importing its notice (holiday-cn) removes the warning', async () => {
    const before = await operator.get('/api/v1/calendar/add-working-days?start=2026-12-31&days=1');
    assert.deepEqual(before.json().data.warnings, ['2027年节假日安排尚未录入']);
    assert.equal(before.json().data.due, '2027-01-01');
    const page = await admin.get('/console/calendar?year=2027');
    assert.match(page.body, /以下年度的节假日安排尚未录入：<\/strong>2027年/);

    const denied = await operator.request('POST', '/console/calendar/import', { form: { file: HOLIDAY_CN_2027 } });
    assert.equal(denied.statusCode, 403);
    await admin.get('/console/calendar');
    const posted = await admin.request('POST', '/console/calendar/import', { form: { file: HOLIDAY_CN_2027 } });
    assert.equal(posted.statusCode, 303, posted.body.slice(0, 500));
    const r = await admin.get(String(posted.headers.location));
    assert.match(r.body, /已导入 2027 年，共 4 个日期/);
    const afterImport = await operator.get('/api/v1/calendar/add-working-days?start=2026-12-31&days=1');
    assert.equal(afterImport.json().data.due, '2027-01-04');
    assert.deepEqual(afterImport.json().data.warnings, []);
    const audit = await h.tdb.db.selectFrom('audit_log').selectAll().where('action', '=', 'calendar.import').execute();
    assert.equal(audit.length, 1);
  });

  test('a malformed calendar file is rejected with line numbers and nothing is imported', async () => {
    const bad = '{"year":2028,"days":[\n{"name":"元旦","date":"2028-01-01","isOffDay":true},\n{"name":"春节","date":"2028-02-30","isOffDay":true},\n{"name":"元旦","date":"2028-01-01","isOffDay":false}\n]}';
    await admin.get('/console/calendar');
    const r = await admin.request('POST', '/console/calendar/import', { form: { file: bad } });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /第3行/);
    assert.match(r.body, /第4行/);
    const rows = await h.tdb.db.selectFrom('calendar_days').select('date').where('year', '=', 2028).execute();
    assert.equal(rows.length, 0);
    assert.equal((await h.tdb.db.selectFrom('calendar_years').select('year').where('year', '=', 2028).execute()).length, 0);
  });

  test('a local override (district extra day off) changes deadlines and is audited', async () => {
    const base = await operator.get('/api/v1/calendar/add-working-days?start=2022-03-01&days=1');
    assert.equal(base.json().data.due, '2022-03-02');
    await admin.get('/console/calendar');
    const r = await admin.request('POST', '/console/calendar/overrides', { form: { from: '2022-03-02', to: '2022-03-03', kind: 'off', name: '区级临时停工', source: '临政发〔2022〕1号' } });
    assert.equal(r.statusCode, 303);
    assert.match((await admin.get(String(r.headers.location))).body, /已保存 2 天本地调整/);
    const after = await operator.get('/api/v1/calendar/add-working-days?start=2022-03-01&days=1');
    assert.equal(after.json().data.due, '2022-03-04');
    assert.equal(after.json().data.skipped[0].reason, '区级临时停工');
    const bad = await admin.request('POST', '/console/calendar/overrides', { form: { from: '2022-03-07', kind: 'work', name: '上班', source: 'x' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /本来就是工作日/);
    const audit = await h.tdb.db.selectFrom('audit_log').select('action').where('action', '=', 'calendar.override.add').execute();
    assert.equal(audit.length, 1);
  });
});

describe('calendar CLI', () => {
  let tdb: TestDb;
  before(async () => { tdb = await createTestDb(); await tdb.close(); });
  after(async () => { await tdb.destroy().catch(() => {}); });

  test('add-working-days, is-working-day, --stdin, rule and import', () => {
    assert.equal(runCli(tdb, ['calendar', 'add-working-days', '2022-09-30', '1']).out.trim(), '2022-10-08');
    const ex = runCli(tdb, ['calendar', 'add-working-days', '2022-09-30', '1', '--explain']).out;
    assert.match(ex, /2022-10-01 跳过 国庆节/);
    assert.equal(runCli(tdb, ['calendar', 'is-working-day', '2022-10-08']).out.trim(), 'true');
    const s = runCli(tdb, ['calendar', 'add-working-days', '--stdin'], '2022-09-30 1\n2022-01-28 3\n2022-02-30 2\n');
    assert.deepEqual(s.out.trim().split('\n').slice(0, 2), ['2022-10-08', '2022-02-07']);
    assert.match(s.out.trim().split('\n')[2]!, /^错误：/);
    assert.equal(s.code, 2);
    const w = runCli(tdb, ['calendar', 'is-working-day', '--stdin'], '2022-01-29\n2022-01-31\n');
    assert.equal(w.out, 'true\nfalse\n');
    const rule = JSON.parse(runCli(tdb, ['calendar', 'rule', '2022年8月 底前', '--year', '2022']).out);
    assert.deepEqual(rule.map((x: { kind: string; date: string }) => [x.kind, x.date]), [['by', '2022-08-31']]);
  });
});
