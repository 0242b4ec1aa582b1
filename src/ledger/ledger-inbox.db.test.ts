// The office's 工作台 inbox reads the submission overview (submissionList: one query for the ledgers,
// no measure figures) on every load; its numbers follow a submission and a plan change at once and
// agree with the district list.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS, type Agent } from '../test-support/harness.js';
import { setNowForTests } from '../lib/time.js';
import { createLedgerHarness, fillLedger, type LedgerHarness } from './ledger-test-setup.js';
import * as ledgers from './ledger.service.js';
import { findPlan } from '../plan/public.js';

const section = (html: string, key: string) => new RegExp(`<section class="gk-inbox__section" aria-labelledby="inbox-${key}">(.*?)</section>`, 's').exec(html)?.[1] ?? '';
const count = (html: string, key: string) => Number(/<span class="gk-count[^"]*">(\d+)<\/span>/.exec(section(html, key))?.[1] ?? -1);

describe('工作台 inbox: units not submitted', () => {
  let h: LedgerHarness;
  let admin: Agent;
  const notSubmitted = async () => {
    const page = (await admin.get('/console')).body;
    return { n: count(page, 'not-submitted'), html: section(page, 'not-submitted') };
  };
  const fromDistrictList = async () => {
    const plan = (await findPlan(h.tdb.db, h.planId))!;
    return (await ledgers.districtList(h.sys, plan)).filter((e) => !e.submission.submittedOn).map((e) => e.unitName);
  };

  before(async () => {
    setNowForTests(new Date('2022-06-27T02:00:00Z'));
    h = await createLedgerHarness();
    admin = await h.login(USERS.admin.username);
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('the same units as the district list; a submission takes a unit off at once', async () => {
    const first = await notSubmitted();
    const expected = await fromDistrictList();
    assert.ok(expected.length > 2);
    assert.equal(first.n, expected.length);
    for (const name of expected) assert.match(first.html, new RegExp(name));
    const plan = (await findPlan(h.tdb.db, h.planId))!;
    const cheap = await ledgers.submissionList(h.sys, plan);
    const full = await ledgers.districtList(h.sys, plan);
    assert.deepEqual(cheap.map((e) => [e.unitId, e.unitName, e.ledgerId, e.submission]), full.map((e) => [e.unitId, e.unitName, e.ledger?.id ?? null, e.submission]));

    const finance = await fillLedger(h, '区财政局');
    assert.equal((await notSubmitted()).n, expected.length, 'a ledger started but not submitted still counts');
    await ledgers.submitLedger(h.sys, finance, {});
    const after = await notSubmitted();
    assert.equal(after.n, expected.length - 1);
    assert.doesNotMatch(after.html, /区财政局/);
    assert.deepEqual(await fromDistrictList(), expected.filter((n) => n !== '区财政局'));
  });

  test('a unit given a task by the office appears at once (no stale figures)', async () => {
    const before = await notSubmitted();
    const outside = await h.tdb.db.selectFrom('units').select(['id', 'name']).where('area_id', '=', h.areaId).execute();
    const names = await fromDistrictList();
    const newcomer = outside.find((u) => !names.includes(u.name) && u.name !== '区财政局' && !/区$|市$/.test(u.name) && !before.html.includes(u.name));
    assert.ok(newcomer, 'a unit without tasks in the plan');
    const taskUrl = `/console/plans/${h.planId}/tasks/${h.taskIds.get(1)}`;
    await admin.get(taskUrl);
    const r = await admin.request('POST', `${taskUrl}/assign`, { form: { unitId: String(newcomer.id), role: 'implementing' } });
    assert.equal(r.statusCode, 303, r.body.slice(0, 300));
    const now = await notSubmitted();
    assert.equal(now.n, before.n + 1);
    assert.match(now.html, new RegExp(newcomer.name));
  });
});
