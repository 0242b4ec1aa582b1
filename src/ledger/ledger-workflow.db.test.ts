// The ledger workflow (operator drafts → unit reviewer submits → office accepts or returns) and the
// permission matrix, through the real console and API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS, type Agent } from '../test-support/harness.js';
import { setNowForTests } from '../lib/time.js';
import { LEAD_USERS, createLedgerHarness, followRedirect, rowsOf, type LedgerHarness } from './ledger-test-setup.js';

describe('ledger workflow and permissions', () => {
  let h: LedgerHarness;
  const agents: Record<string, Agent> = {};
  let finance = 0; // 区财政局's ledger
  let housing = 0; // 区住建局's ledger
  before(async () => {
    setNowForTests(new Date('2022-06-20T02:00:00Z'));
    h = await createLedgerHarness();
    for (const [k, u] of Object.entries(USERS)) agents[k] = await h.login(u.username);
    agents.justice = await h.login(LEAD_USERS.justice.username);
    agents.market = await h.login(LEAD_USERS.market.username);
    agents.anonymous = h.agent();
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('an operator starts the unit ledger: one row per task, groups expanded', async () => {
    const op = agents.operator!;
    const list = await op.get('/console/ledgers');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /开始填报本单位台账/);
    const r = await op.request('POST', '/console/ledgers', { form: { planId: String(h.planId) } });
    assert.equal(r.statusCode, 303);
    finance = Number(/\/console\/ledgers\/(\d+)/.exec(r.headers.location as string)![1]);
    assert.deepEqual((await rowsOf(h, finance)).map((x) => x.seq), [1, 2, 4]);
    // Idempotent: a second start opens the same ledger.
    await op.get('/console/ledgers');
    const again = await op.request('POST', '/console/ledgers', { form: { planId: String(h.planId) } });
    assert.equal(again.headers.location, `/console/ledgers/${finance}`);
    // Cannot start one for another unit.
    const other = await op.request('POST', '/api/v1/ledgers', { json: { planId: h.planId, unitId: await h.unitId('区住建局') } });
    assert.equal(other.statusCode, 403);
    const page = await op.get(`/console/ledgers/${finance}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /序号1/);
  });

  test('measures get due dates from the plan: fixed date, working days from a start date, none for 长期坚持', async () => {
    const op = agents.operator!;
    const [r1, r2, r4] = await rowsOf(h, finance);
    await op.get(`/console/ledgers/${finance}/rows/${r1!.id}/measures/new`);
    const bad = await op.request('POST', `/console/ledgers/${finance}/rows/${r1!.id}/measures/new`, { form: { content: '督促相关职能部门公开年度计划', dueDate: '2022-07-15' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /到期日不能晚于工作方案规定的时限 2022-06-30/);
    assert.match(bad.body, /督促相关职能部门公开年度计划/, 'input kept');
    const ok = await op.request('POST', `/console/ledgers/${finance}/rows/${r1!.id}/measures/new`, { form: { content: '督促相关职能部门公开年度计划', leader: '王副局长', section: '办公室' } });
    assert.equal(ok.statusCode, 303);
    const m1 = await h.tdb.db.selectFrom('ledger_measures').selectAll().where('row_id', '=', r1!.id).executeTakeFirstOrThrow();
    assert.equal(m1.due_date, '2022-06-30');
    assert.equal(m1.due_source, 'rule');
    assert.equal(m1.deadline, '2022-06-30');
    assert.equal(m1.time_limit, '6月底前', 'time limit defaults to the task’s');

    // 20 working days from 2022-05-30: 端午 6/3 is skipped → 2022-06-28.
    const api = await op.request('POST', `/api/v1/ledgers/${finance}/rows/${r2!.id}/measures`, { json: { content: '发布资金分配结果', anchorDate: '2022-05-30' } });
    assert.equal(api.statusCode, 201, api.body);
    const m2 = await h.tdb.db.selectFrom('ledger_measures').selectAll().where('id', '=', api.json().data.id).executeTakeFirstOrThrow();
    assert.equal(m2.due_source, 'anchor');
    assert.equal(m2.due_date, '2022-06-28');
    assert.match(m2.due_note!, /第20个工作日/);

    const m4 = await op.request('POST', `/api/v1/ledgers/${finance}/rows/${r4!.id}/measures`, { json: { content: '组织全员政务公开培训' } });
    assert.equal(m4.statusCode, 201);
    const row4 = await h.tdb.db.selectFrom('ledger_measures').selectAll().where('id', '=', m4.json().data.id).executeTakeFirstOrThrow();
    assert.equal(row4.due_date, null);
    assert.equal(row4.status, 'not_started');
  });

  test('bad form input is refused with the fields named in Chinese and nothing written', async () => {
    const op = agents.operator!;
    const [r1] = await rowsOf(h, finance);
    const before = await h.tdb.db.selectFrom('ledger_measures').select('id').execute();
    await op.get(`/console/ledgers/${finance}/rows/${r1!.id}/measures/new`);
    const cases: [Record<string, string>, RegExp][] = [
      [{ content: '' }, /请填写工作举措/],
      [{ content: 'x'.repeat(2001) }, /工作举措不能超过2000个字符/],
      [{ content: '举措', dueDate: '2022-02-30' }, /到期日不是有效日期/],
      [{ content: '举措', dueDate: '30/06/2022' }, /到期日格式应为 YYYY-MM-DD/],
      [{ content: '举措', status: 'finished' }, /请选择有效的状态/],
      [{ content: '举措', status: 'done', completedOn: '2022-12-01' }, /完成日期不能晚于今天/],
      [{ content: '举措', anchorDate: '2022-06-01' }, /不是“N个工作日内”/],
      [{ content: '举措\u0001' }, /无效字符/],
      [{ content: '举措', leader: '领导\n换行' }, /单位分管领导不能包含换行/],
    ];
    for (const [form, msg] of cases) {
      const r = await op.request('POST', `/console/ledgers/${finance}/rows/${r1!.id}/measures/new`, { form });
      assert.equal(r.statusCode, 400, JSON.stringify(form));
      assert.match(r.body, msg);
      assert.match(r.body, /gk-error-summary/);
    }
    const api = await op.request('POST', `/api/v1/ledgers/${finance}/rows/${r1!.id}/measures`, { json: { content: 42, status: 'done', completedOn: 'tomorrow' } });
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.fields.content, '工作举措必须是文本');
    assert.match(api.json().error.fields.completedOn, /完成日期/);
    const progress = await op.request('POST', `/api/v1/ledgers/${finance}/measures/999999/progress`, { json: { note: 'x' } });
    assert.equal(progress.statusCode, 404);
    const url = await op.request('POST', `/api/v1/ledgers/${finance}/measures/${(await h.tdb.db.selectFrom('ledger_measures').select('id').where('ledger_id', '=', finance).executeTakeFirstOrThrow()).id}/evidence`, { json: { kind: 'url', url: 'javascript:alert(1)' } });
    assert.equal(url.statusCode, 400);
    assert.match(url.json().error.fields.url, /http/);
    assert.equal((await h.tdb.db.selectFrom('ledger_measures').select('id').execute()).length, before.length);
  });

  test('permission matrix: other units, the auditor, the office and lead departments', async () => {
    housing = Number((await agents.otherOperator!.request('POST', '/api/v1/ledgers', { json: { planId: h.planId } })).json().data.id);
    const [fr1] = await rowsOf(h, finance);
    const [hr] = await rowsOf(h, housing);
    const reads: [string, Record<string, number>][] = [
      [`/console/ledgers/${finance}`, { operator: 200, reviewer: 200, admin: 200, auditor: 200, otherOperator: 404, otherReviewer: 404, justice: 404, market: 200, anonymous: 303 }],
      [`/api/v1/ledgers/${finance}`, { operator: 200, admin: 200, auditor: 200, otherOperator: 404, justice: 404, market: 200, anonymous: 401 }],
      [`/console/ledgers/${housing}`, { otherOperator: 200, operator: 404, justice: 200, market: 404, auditor: 200 }],
      [`/console/ledgers/${finance}/export.xlsx`, { operator: 200, auditor: 200, otherOperator: 404 }],
      [`/console/ledgers/${finance}/history`, { operator: 200, admin: 200, market: 403, otherOperator: 404 }],
      ['/console/ledgers', { operator: 200, admin: 200, auditor: 200, anonymous: 303 }],
      ['/console/ledger-dashboard', { admin: 200, auditor: 200, operator: 403, reviewer: 403, justice: 403, anonymous: 303 }],
      ['/api/v1/ledgers/dashboard', { admin: 200, auditor: 200, operator: 403, anonymous: 401 }],
      ['/console/assessment', { admin: 200, auditor: 200, operator: 403 }],
      ['/console/ledger-settings', { admin: 200, auditor: 403, operator: 403 }],
      ['/console/outbox', { admin: 200, auditor: 403, operator: 403 }],
      ['/console/ledgers/export.xlsx', { admin: 200, auditor: 200, operator: 403 }],
      ['/console/notifications', { operator: 200, admin: 200, anonymous: 303 }],
    ];
    for (const [url, expected] of reads) {
      for (const [role, status] of Object.entries(expected)) {
        const r = await agents[role]!.get(url);
        assert.equal(r.statusCode, status, `${role} GET ${url}`);
      }
    }
    // A lead department sees only the rows in its content area.
    const lead = await agents.market!.get(`/api/v1/ledgers/${finance}`);
    assert.deepEqual(lead.json().data.rows.map((r: { seq: number }) => r.seq), [1]);
    assert.equal(lead.json().data.access.mode, 'lead');
    const justice = await agents.justice!.get(`/api/v1/ledgers/${housing}`);
    assert.deepEqual(justice.json().data.rows.map((r: { seq: number }) => r.seq), [3]);

    const count = async () => (await h.tdb.db.selectFrom('ledger_measures').select('id').execute()).length;
    const before = await count();
    const writes: [string, string, unknown, Record<string, number>][] = [
      ['POST', `/api/v1/ledgers/${finance}/rows/${fr1!.id}/measures`, { content: '越权' }, { otherOperator: 404, otherReviewer: 404, auditor: 403, admin: 403, market: 403, justice: 404 }],
      ['POST', `/api/v1/ledgers/${finance}/submit`, {}, { operator: 403, admin: 403, auditor: 403, otherReviewer: 404 }],
      ['POST', `/api/v1/ledgers/${finance}/accept`, {}, { operator: 403, reviewer: 403, auditor: 403, otherOperator: 404, market: 403 }],
      ['POST', `/api/v1/ledgers/${finance}/return`, { comment: 'x' }, { operator: 403, reviewer: 403, auditor: 403 }],
      ['POST', `/api/v1/ledgers/${finance}/rows/${fr1!.id}/guidance`, { body: '越权指导' }, { operator: 403, auditor: 403, admin: 403, justice: 404 }],
      ['POST', `/api/v1/ledgers/${housing}/rows/${hr!.id}/guidance`, { body: '越权指导' }, { market: 404 }],
    ];
    for (const [method, url, json, expected] of writes) {
      for (const [role, status] of Object.entries(expected)) {
        await agents[role]!.get('/console');
        const r = await agents[role]!.request(method as 'POST', url, { json });
        assert.equal(r.statusCode, status, `${role} ${method} ${url}: ${r.body}`);
      }
    }
    // The office cannot accept a draft: wrong state, not wrong role.
    const draft = await agents.admin!.request('POST', `/api/v1/ledgers/${finance}/accept`, { json: {} });
    assert.equal(draft.statusCode, 409);
    assert.equal(await count(), before, 'nothing written');
    // Lead guidance on a row in its content area.
    await agents.market!.get(`/console/ledgers/${finance}`);
    const g = await followRedirect(agents.market!, await agents.market!.request('POST', `/console/ledgers/${finance}/rows/${fr1!.id}/guidance`, { form: { [`guidance_${fr1!.id}`]: '请同步公开抽查结果' } }));
    assert.equal(g.statusCode, 200, g.body);
    assert.match(g.body, /指导意见已提交/);
    const own = await agents.operator!.get(`/console/ledgers/${finance}`);
    assert.match(own.body, /请同步公开抽查结果/);
    const note = await h.tdb.db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.user_id').select(['notifications.title']).where('users.username', '=', USERS.operator.username).where('notifications.kind', '=', 'ledger.guidance').execute();
    assert.equal(note.length, 1);
  });

  test('operator → reviewer → office: submit, return with row comments, resubmit with history, accept', async () => {
    const op = agents.operator!;
    const rv = agents.reviewer!;
    const admin = agents.admin!;
    const [, , r4] = await rowsOf(h, finance);
    // A row without measures blocks the request for review.
    await h.tdb.db.deleteFrom('ledger_measures').where('row_id', '=', r4!.id).execute();
    await op.get(`/console/ledgers/${finance}`);
    const incomplete = await op.request('POST', `/console/ledgers/${finance}/request-review`, { form: {} });
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /序号 4 尚未填写工作举措/);
    await op.request('POST', `/api/v1/ledgers/${finance}/rows/${r4!.id}/measures`, { json: { content: '组织全员政务公开培训', leader: '王副局长', section: '办公室' } });

    await op.get(`/console/ledgers/${finance}`);
    const rr = await followRedirect(op, await op.request('POST', `/console/ledgers/${finance}/request-review`, { form: {} }));
    assert.equal(rr.statusCode, 200);
    assert.match(rr.body, /已提请单位审核人审核/);
    assert.ok((await h.tdb.db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.user_id').select('title').where('users.username', '=', USERS.reviewer.username).execute()).some((n) => /待您审核/.test(n.title)));

    // The reviewer sends it back once, then approves and submits.
    await rv.get(`/console/ledgers/${finance}`);
    const noComment = await rv.request('POST', `/console/ledgers/${finance}/reviewer-return`, { form: { returnComment: '' } });
    assert.equal(noComment.statusCode, 400);
    assert.match(noComment.body, /请填写意见/);
    assert.equal((await followRedirect(rv, await rv.request('POST', `/console/ledgers/${finance}/reviewer-return`, { form: { returnComment: '请补充责任科室' } }))).statusCode, 200);
    assert.equal((await h.tdb.db.selectFrom('ledgers').select('status').where('id', '=', finance).executeTakeFirstOrThrow()).status, 'draft');
    const sub = await followRedirect(rv, await rv.request('POST', `/console/ledgers/${finance}/submit`, { form: { submitComment: '经审核无误' } }));
    assert.equal(sub.statusCode, 200, sub.body);
    let l = await h.tdb.db.selectFrom('ledgers').selectAll().where('id', '=', finance).executeTakeFirstOrThrow();
    assert.equal(l.status, 'submitted');
    assert.ok(l.first_submitted_at);
    const firstSubmitted = l.first_submitted_at;

    // Content is frozen while submitted; progress is not.
    const m = await h.tdb.db.selectFrom('ledger_measures').selectAll().where('ledger_id', '=', finance).orderBy('id').executeTakeFirstOrThrow();
    const frozen = await op.request('PUT', `/api/v1/ledgers/${finance}/measures/${m.id}`, { json: { content: '改动' } });
    assert.equal(frozen.statusCode, 409);
    const prog = await op.request('POST', `/api/v1/ledgers/${finance}/measures/${m.id}/progress`, { json: { note: '已印发通知' } });
    assert.equal(prog.statusCode, 201);

    // The office returns it with a comment on row 1 only.
    const [r1] = await rowsOf(h, finance);
    const review = await admin.get(`/console/ledgers/${finance}/review`);
    assert.equal(review.statusCode, 200);
    const empty = await admin.request('POST', `/console/ledgers/${finance}/return`, { form: { comment: '' } });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /至少一项任务的意见/);
    const ret = await followRedirect(admin, await admin.request('POST', `/console/ledgers/${finance}/return`, { form: { comment: '', [`row_${r1!.id}`]: '举措过于笼统，请写明公开的栏目和时间' } }));
    assert.equal(ret.statusCode, 200, ret.body);
    l = await h.tdb.db.selectFrom('ledgers').selectAll().where('id', '=', finance).executeTakeFirstOrThrow();
    assert.equal(l.status, 'returned');
    assert.equal(l.version, 2);
    const page = await op.get(`/console/ledgers/${finance}`);
    assert.match(page.body, /举措过于笼统/);
    assert.match(page.body, /政务公开办退回意见/);

    // Fix and resubmit (the reviewer may submit directly from 已退回).
    assert.equal((await op.request('PUT', `/api/v1/ledgers/${finance}/measures/${m.id}`, { json: { content: '在“双随机、一公开”专栏公开年度抽查计划，6月25日前完成', leader: '王副局长', section: '办公室' } })).statusCode, 200);
    assert.equal((await rv.request('POST', `/api/v1/ledgers/${finance}/submit`, { json: {} })).statusCode, 200);
    const hist = await rv.get(`/api/v1/ledgers/${finance}/history`);
    assert.deepEqual(hist.json().data.versions.map((v: { version: number; decision: string | null }) => [v.version, v.decision]), [[2, null], [1, 'returned']]);
    const versions = await h.tdb.db.selectFrom('ledger_versions').selectAll().where('ledger_id', '=', finance).orderBy('version').execute();
    assert.match(JSON.parse(versions[0]!.snapshot_json).rows[0].measures[0].content, /^督促相关职能部门/, 'version 1 keeps what was submitted');
    assert.match(JSON.parse(versions[1]!.snapshot_json).rows[0].measures[0].content, /专栏公开年度抽查计划/);
    assert.equal((await h.tdb.db.selectFrom('ledgers').select('first_submitted_at').where('id', '=', finance).executeTakeFirstOrThrow()).first_submitted_at, firstSubmitted);
    const histPage = await op.get(`/console/ledgers/${finance}/history`);
    assert.match(histPage.body, /第1版/);
    assert.match(histPage.body, /举措过于笼统/);

    // Accept.
    await admin.get(`/console/ledgers/${finance}/review`);
    const acc = await followRedirect(admin, await admin.request('POST', `/console/ledgers/${finance}/accept`, { form: { comment: '同意' } }));
    assert.equal(acc.statusCode, 200);
    assert.equal((await h.tdb.db.selectFrom('ledgers').select('status').where('id', '=', finance).executeTakeFirstOrThrow()).status, 'accepted');
    // After acceptance: status updates still allowed, content not; the reviewer may reopen.
    assert.equal((await op.request('PUT', `/api/v1/ledgers/${finance}/measures/${m.id}/status`, { json: { status: 'done', completedOn: '2022-06-20' } })).statusCode, 200);
    assert.equal((await op.request('POST', `/api/v1/ledgers/${finance}/reopen`, { json: { comment: '调整' } })).statusCode, 403);
    assert.equal((await rv.request('POST', `/api/v1/ledgers/${finance}/reopen`, { json: { comment: '需调整举措' } })).statusCode, 200);
    l = await h.tdb.db.selectFrom('ledgers').selectAll().where('id', '=', finance).executeTakeFirstOrThrow();
    assert.equal(l.status, 'draft');
    assert.equal(l.version, 3);

    const actions = (await h.tdb.db.selectFrom('audit_log').select('action').where('entity', '=', 'ledger').where('entity_id', '=', String(finance)).execute()).map((a) => a.action);
    for (const a of ['ledger.create', 'ledger.request_review', 'ledger.reviewer_return', 'ledger.submit', 'ledger.return', 'ledger.accept', 'ledger.reopen', 'ledger.guidance']) assert.ok(actions.includes(a), a);
  });

  test('late and missing submissions are visible at once', async () => {
    setNowForTests(new Date('2022-07-04T02:00:00Z'));
    try {
      // Sessions last 8 hours: log in again on the new day.
      agents.admin = await h.login(USERS.admin.username);
      agents.otherReviewer = await h.login(USERS.otherReviewer.username);
      const r = await agents.admin!.get(`/api/v1/ledgers?plan=${h.planId}`);
      const units = r.json().data.units as { unitName: string; submission: { label: string; late: boolean; missing: boolean } }[];
      assert.equal(units.find((u) => u.unitName === '区财政局')!.submission.label, '按时报送');
      assert.equal(units.find((u) => u.unitName === '区住建局')!.submission.label, '逾期未报送');
      assert.ok(units.find((u) => u.unitName === '区档案馆')!.submission.missing, 'a unit with no ledger at all is missing too');
      const page = await agents.admin!.get('/console/ledger-dashboard');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /逾期未报送：<\/strong>[^<]*区住建局/);
      // 住建局 submits late.
      const hid = housing;
      for (const row of await rowsOf(h, hid)) {
        await h.tdb.db.insertInto('ledger_measures').values({ ledger_id: hid, row_id: row.id, sort: 1, content: '举措', time_limit: '', leader: '', section: '', due_date: null, due_source: null, anchor_date: null, due_note: null, deadline: null, status: 'not_started', completed_on: null, created_at: '2022-07-01T00:00:00Z', updated_at: '2022-07-01T00:00:00Z' }).execute();
      }
      await agents.otherReviewer!.get('/console');
      assert.equal((await agents.otherReviewer!.request('POST', `/api/v1/ledgers/${hid}/submit`, { json: {} })).statusCode, 200);
      const afterRes = await agents.admin!.get('/api/v1/ledgers');
      assert.equal(afterRes.statusCode, 200, afterRes.body);
      const after = afterRes.json().data.units as { unitName: string; submission: { label: string } }[];
      assert.equal(after.find((u) => u.unitName === '区住建局')!.submission.label, '逾期报送');
    } finally {
      setNowForTests(new Date('2022-06-20T02:00:00Z'));
    }
  });
});
