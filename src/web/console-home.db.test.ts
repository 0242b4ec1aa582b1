// The 工作台 to-do inbox per role and 催报 once per unit and day (issue 19).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS } from '../test-support/harness.js';
import { setNowForTests } from '../lib/time.js';
import { createLedgerHarness, fillLedger, type LedgerHarness } from '../ledger/ledger-test-setup.js';
import * as ledgers from '../ledger/ledger.service.js';
import { actorCtx, draftAs } from '../disclosure/items.fixtures.js';
import { submitItem } from '../disclosure/workflow.service.js';

/** The text of one inbox section (heading to the end of its <section>). */
const section = (html: string, key: string) => new RegExp(`<section class="gk-inbox__section" aria-labelledby="inbox-${key}">(.*?)</section>`, 's').exec(html)?.[1] ?? '';
const count = (html: string, key: string) => Number(/<span class="gk-count[^"]*">(\d+)<\/span>/.exec(section(html, key))?.[1] ?? -1);

describe('工作台 inbox', () => {
  let h: LedgerHarness;
  let finance = 0;
  before(async () => {
    setNowForTests(new Date('2022-06-27T02:00:00Z'));
    h = await createLedgerHarness();
    finance = await fillLedger(h, '区财政局');
    // Task 1 is due 6/30 (this week); give task 2's measure a deadline already passed.
    const m2 = await h.tdb.db.selectFrom('ledger_measures').innerJoin('ledger_rows', 'ledger_rows.id', 'ledger_measures.row_id').select('ledger_measures.id').where('ledger_rows.ledger_id', '=', finance).where('ledger_rows.seq', '=', 2).executeTakeFirstOrThrow();
    await h.tdb.db.updateTable('ledger_measures').set({ due_date: '2022-06-20', deadline: '2022-06-20', due_source: 'manual' }).where('id', '=', m2.id).execute();
    const op = await actorCtx(h, USERS.operator.username);
    await submitItem(op, await draftAs(op, { title: '待签发的预算公开通知' }));
    await ledgers.requestReview(h.sys, finance);
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('unit roles: overdue and this week’s measures; the reviewer also sees sign-offs and the ledger to review', async () => {
    const op = await h.login(USERS.operator.username);
    const page = (await op.get('/console')).body;
    assert.doesNotMatch(page, /gk-cards/, 'the grid of links is gone');
    assert.equal(count(page, 'overdue'), 1);
    assert.match(section(page, 'overdue'), /序号2：.*到期 2022-06-20/s);
    assert.equal(count(page, 'week'), 1);
    assert.match(section(page, 'week'), /序号1：.*到期 2022-06-30/s);
    assert.equal(section(page, 'signoff'), '', 'an operator signs nothing off');
    const rv = await h.login(USERS.reviewer.username);
    const rpage = (await rv.get('/console')).body;
    assert.equal(count(rpage, 'signoff'), 1);
    assert.match(section(rpage, 'signoff'), /待签发的预算公开通知/);
    assert.equal(count(rpage, 'unit-review'), 1);
    assert.match(section(rpage, 'unit-review'), new RegExp(`/console/ledgers/${finance}`));
    // Another unit sees none of this.
    const other = (await (await h.login(USERS.otherReviewer.username)).get('/console')).body;
    assert.equal(count(other, 'signoff'), 0);
    assert.equal(count(other, 'unit-review'), 0);
  });

  test('the office: ledgers to review, units not submitted with 催报 — once per unit and day', async () => {
    await ledgers.submitLedger(h.sys, finance, {});
    const admin = await h.login(USERS.admin.username);
    let page = (await admin.get('/console')).body;
    assert.equal(count(page, 'office-review'), 1);
    assert.match(section(page, 'office-review'), new RegExp(`/console/ledgers/${finance}/review`));
    const notSubmitted = section(page, 'not-submitted');
    assert.match(notSubmitted, /区住建局/);
    assert.doesNotMatch(notSubmitted, /区财政局/);
    const zj = await h.unitId('区住建局');
    const notes = async () => (await h.tdb.db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.user_id')
      .select('users.username').where('notifications.kind', '=', 'ledger.urge').execute()).map((n) => n.username).sort();
    const urge = await admin.request('POST', '/console/urge', { form: { unitId: String(zj) } });
    assert.equal(urge.statusCode, 303);
    page = (await admin.get(String(urge.headers.location))).body;
    assert.match(page, /已催报区住建局/);
    assert.match(section(page, 'not-submitted'), /区住建局<span class="gk-hint">（[^）]+）<\/span> <span class="gk-tag">今日已催报<\/span>/);
    assert.deepEqual(await notes(), [USERS.otherOperator.username, USERS.otherReviewer.username].sort());
    // Again the same day: refused, nobody told twice.
    const again = await admin.request('POST', '/console/urge', { form: { unitId: String(zj) } });
    assert.equal(again.statusCode, 303);
    assert.match((await admin.get(String(again.headers.location))).body, /今天已经催报过区住建局/);
    assert.equal((await notes()).length, 2);
    // A unit that has submitted needs no 催报; the auditor cannot urge.
    await admin.request('POST', '/console/urge', { form: { unitId: String(await h.unitId('区财政局')) } });
    assert.equal((await notes()).length, 2);
    const auditor = await h.login(USERS.auditor.username);
    const apage = (await auditor.get('/console')).body;
    assert.match(section(apage, 'not-submitted'), /区住建局/);
    assert.doesNotMatch(apage, /action="\/console\/urge"/);
    assert.equal((await auditor.request('POST', '/console/urge', { form: { unitId: String(zj) } })).statusCode, 403);
    // The next day the office may urge again.
    setNowForTests(new Date('2022-06-28T02:00:00Z'));
    const admin2 = await h.login(USERS.admin.username);
    await admin2.get('/console');
    assert.equal((await admin2.request('POST', '/console/urge', { form: { unitId: String(zj) } })).statusCode, 303);
    assert.equal((await notes()).length, 4);
    assert.equal((await h.tdb.db.selectFrom('audit_log').select('id').where('action', '=', 'ledger.urge').execute()).length, 2);
  });
});
