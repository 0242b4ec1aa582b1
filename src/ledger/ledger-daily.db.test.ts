// A working day in the ledger console (issue 19): Beijing time everywhere, Post/Redirect/Get with a
// one-time message, the approval comment on an accepted ledger, and empty ledgers on the dashboard.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS, type Agent } from '../test-support/harness.js';
import { setNowForTests } from '../lib/time.js';
import { notifyUsers } from '../notify/notify.js';
import { createLedgerHarness, fillLedger, rowsOf, type LedgerHarness } from './ledger-test-setup.js';
import * as svc from './ledger.service.js';

/** Follows a 303 like a browser: GET the location with the same cookies. */
async function follow(a: Agent, res: { statusCode: number; headers: Record<string, unknown> }) {
  assert.equal(res.statusCode, 303, 'a successful form POST redirects');
  return a.get(String(res.headers.location));
}

describe('ledger console: a working day', () => {
  let h: LedgerHarness;
  let op: Agent;
  let rv: Agent;
  let admin: Agent;
  let ledger = 0;
  before(async () => {
    // 15:27 UTC is 23:27 in Beijing, the same day; 16:30 UTC is already the next day in Beijing.
    setNowForTests(new Date('2022-06-20T15:27:00Z'));
    h = await createLedgerHarness();
    op = await h.login(USERS.operator.username);
    rv = await h.login(USERS.reviewer.username);
    admin = await h.login(USERS.admin.username);
    ledger = await fillLedger(h, '区财政局');
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('notifications and 报送历史 show Beijing time, not UTC', async () => {
    const user = await h.tdb.db.selectFrom('users').select('id').where('username', '=', USERS.operator.username).executeTakeFirstOrThrow();
    await notifyUsers(h.tdb.db, [user.id], { kind: 'test', title: '深夜通知', body: '正文', link: null, areaId: h.areaId });
    const page = await op.get('/console/notifications');
    assert.match(page.body, /2022-06-20 23:27/);
    assert.doesNotMatch(page.body, /2022-06-20 15:27/);

    await svc.requestReview(h.sys, ledger);
    await svc.submitLedger(h.sys, ledger, {});
    const hist = await op.get(`/console/ledgers/${ledger}/history`);
    assert.match(hist.body, /2022-06-20 23:27/);
    assert.doesNotMatch(hist.body, /UTC/);
  });

  test('every successful form POST answers 303 with a one-time message; a reload does not post twice', async () => {
    const m = await h.tdb.db.selectFrom('ledger_measures').select('id').where('ledger_id', '=', ledger).orderBy('id').executeTakeFirstOrThrow();
    const url = `/console/ledgers/${ledger}/measures/${m.id}`;
    await op.get(url);
    const post = await op.request('POST', `${url}/progress`, { form: { note: '已印发通知' } });
    assert.equal(post.statusCode, 303);
    assert.equal(String(post.headers.location).split('#')[0], url);
    const page = await follow(op, post);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /已添加进展/);
    // The message is shown once; reloading the GET page neither repeats it nor adds the note again.
    const reload = await op.get(url);
    assert.doesNotMatch(reload.body, /已添加进展/);
    const notes = await h.tdb.db.selectFrom('ledger_progress').select('id').where('measure_id', '=', m.id).execute();
    assert.equal(notes.length, 1);

    // A failed POST re-renders the form with the field error and the input kept (no redirect).
    const bad = await op.request('POST', `${url}/progress`, { form: { note: '', onDate: '2022-02-30' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /gk-error-summary/);
    assert.match(bad.body, /2022-02-30/);

    // Evidence, 报送/审核: each redirects to a GET page.
    const ev = await op.request('POST', `${url}/evidence`, { form: { kind: 'url', url: 'https://www.linzi.gov.cn/a.html', urlLabel: '专栏' } });
    assert.match((await follow(op, ev)).body, /已添加佐证材料/);
    await admin.get(`/console/ledgers/${ledger}/review`);
    const ret = await admin.request('POST', `/console/ledgers/${ledger}/return`, { form: { comment: '请补充公开栏目' } });
    assert.match((await follow(admin, ret)).body, /台账已退回/);
    await rv.get(`/console/ledgers/${ledger}`);
    const sub = await rv.request('POST', `/console/ledgers/${ledger}/submit`, { form: { submitComment: '已补充' } });
    assert.match((await follow(rv, sub)).body, /已报送政务公开办/);
    // The flash cookie is signed: a forged one is ignored rather than shown.
    const forged = await op.get(url, { cookie: `${op.cookieHeader()}; gk_flash=${encodeURIComponent('<script>x</script>')}` });
    assert.doesNotMatch(forged.body, /&lt;script&gt;x/);
  });

  test('an accepted ledger shows the approval comment, not the stale 退回意见', async () => {
    await admin.get(`/console/ledgers/${ledger}/review`);
    const acc = await admin.request('POST', `/console/ledgers/${ledger}/accept`, { form: { comment: '同意，请按期推进' } });
    const page = await follow(admin, acc);
    assert.match(page.body, /台账已审核通过/);
    const own = await op.get(`/console/ledgers/${ledger}`);
    assert.match(own.body, /同意，请按期推进/);
    assert.doesNotMatch(own.body, /请补充公开栏目/);
    // The history keeps the returned version with its comment.
    assert.match((await op.get(`/console/ledgers/${ledger}/history`)).body, /请补充公开栏目/);
  });

  test('units whose ledger has no measure count as 未开始填报 on the dashboard', async () => {
    // 住建局's ledger is generated but empty; 财政局 has measures.
    await svc.createLedger(h.sys, { planId: h.planId, unitId: await h.unitId('区住建局') });
    const d = await admin.get(`/api/v1/ledgers/dashboard?plan=${h.planId}`);
    const buckets = Object.fromEntries((d.json().data.buckets as { key: string; count: number }[]).map((b) => [b.key, b.count]));
    const units = d.json().data.units as unknown[];
    assert.equal(buckets.drafting, 0, '财政局 is accepted, 住建局 is empty');
    assert.equal(buckets.none, units.length - 1);
    assert.equal(buckets.accepted, 1);
    assert.ok((await rowsOf(h, ledger)).length > 0);
  });
});
