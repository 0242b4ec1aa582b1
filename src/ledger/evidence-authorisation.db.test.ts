// Issue 17 finding 2: evidence may cite only items the actor may read, and no answer tells whether an id
// exists or is published; the same for the 行政规范性文件 amend/repeal links (history titles, byItemId errors).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS, type Agent } from '../test-support/harness.js';
import type { Ctx } from '../lib/context.js';
import { AppError } from '../lib/errors.js';
import * as svc from './ledger.service.js';
import { createLedgerHarness, rowsOf, type LedgerHarness } from './ledger-test-setup.js';
import { actorCtx, draftAs, submitAndPublish } from '../disclosure/items.fixtures.js';
import { exemptFromInterpretation } from '../disclosure/workflow.service.js';
import { changeValidity } from '../disclosure/validity.service.js';

describe('evidence and validity links respect item visibility (finding 2)', () => {
  let h: LedgerHarness;
  let opA: Ctx; let revA: Ctx; let opB: Ctx; let revB: Ctx; let admin: Ctx;
  let agentB: Agent;
  let ledgerB = 0; let measureB = 0;
  const ids: Record<string, number> = {};
  const normative = async (op: Ctx, rev: Ctx, title: string) => {
    const id = await draftAs(op, { itemType: 'normative', categoryCode: 'zcwj-gfxwj', title });
    await exemptFromInterpretation(rev, id, { reason: '测试夹具' });
    await submitAndPublish(op, rev, id);
    return id;
  };
  before(async () => {
    h = await createLedgerHarness();
    [opA, revA, opB, revB, admin] = await Promise.all([USERS.operator, USERS.reviewer, USERS.otherOperator, USERS.otherReviewer, USERS.admin].map((u) => actorCtx(h, u.username)));
    ids.publicA = await draftAs(opA, { title: '甲单位主动公开的文件' });
    await submitAndPublish(opA, revA, ids.publicA);
    for (const attr of ['withheld', 'on_request'] as const) {
      ids[attr] = await draftAs(opA, { title: `甲单位机密标题${attr}` });
      await submitAndPublish(opA, revA, ids[attr]!);
      await h.tdb.db.updateTable('info_items').set({ attribute: attr }).where('id', '=', ids[attr]!).execute();
    }
    ids.draftA = await draftAs(opA, { title: '甲单位草稿' });
    ids.missing = 999_999;
    ledgerB = await svc.createLedger(h.sys, { planId: h.planId, unitId: await h.unitId('区住建局') });
    const [r1] = await rowsOf(h, ledgerB);
    measureB = await svc.addMeasure(h.sys, ledgerB, r1!.id, { content: '乙单位举措' });
    agentB = await h.login(USERS.otherOperator.username);
    await agentB.get(`/console/ledgers/${ledgerB}/measures/${measureB}`);
  });
  after(async () => { await h.close(); });

  const cite = (itemId: number) => agentB.request('POST', `/api/v1/ledgers/${ledgerB}/measures/${measureB}/evidence`, { json: { kind: 'item', itemId } });

  test("another unit's withheld or on-request item cannot be cited, with the same answer as a missing or draft id", async () => {
    const answers = [];
    for (const key of ['withheld', 'on_request', 'draftA', 'missing'] as const) {
      const r = await cite(ids[key]!);
      assert.equal(r.statusCode, 400, key);
      answers.push(JSON.stringify(r.json().error));
    }
    assert.equal(new Set(answers).size, 1, `identical errors, got ${answers.join(' | ')}`);
    const page = await agentB.get(`/console/ledgers/${ledgerB}/measures/${measureB}`);
    assert.doesNotMatch(page.body, /甲单位机密标题/);
    const rows = await h.tdb.db.selectFrom('ledger_evidence').select('label').where('ledger_id', '=', ledgerB).execute();
    assert.equal(rows.length, 0);
  });

  test("a published proactive item of another unit (public anyway) can be cited", async () => {
    const r = await cite(ids.publicA!);
    assert.equal(r.statusCode, 201);
  });

  test("amend history on B's document does not name A's withheld title; byItemId errors do not reveal existence", async () => {
    const oldA = await normative(opA, revA, '甲单位不公开的规范性文件');
    await h.tdb.db.updateTable('info_items').set({ attribute: 'withheld' }).where('id', '=', oldA).execute();
    const newB = await normative(opB, revB, '乙单位的修改决定');
    await changeValidity(admin, oldA, { action: 'amend', byItemId: newB, reason: '内容调整' });
    const notes = await h.tdb.db.selectFrom('item_history').select('note').where('item_id', '=', newB).execute();
    assert.ok(notes.length > 0);
    for (const n of notes) assert.doesNotMatch(n.note ?? '', /甲单位不公开的规范性文件/);
    const pageB = await (await h.login(USERS.otherReviewer.username)).get(`/console/items/${newB}`);
    assert.equal(pageB.statusCode, 200);
    assert.doesNotMatch(pageB.body, /甲单位不公开的规范性文件/);

    // A's reviewer names B's document (exists, not readable to A) and a missing id: the same 400.
    const oldA2 = await normative(opA, revA, '甲单位另一份规范性文件');
    const newB2 = await normative(opB, revB, '乙单位另一份决定');
    const errOf = async (byItemId: number) => {
      try { await changeValidity(revA, oldA2, { action: 'amend', byItemId, reason: '调整' }); return 'ok'; } catch (e) {
        assert.ok(e instanceof AppError);
        return `${e.status} ${e.code} ${JSON.stringify(e.fields)}`;
      }
    };
    const [a, b] = [await errOf(newB2), await errOf(999_999)];
    assert.match(a, /^400 /);
    assert.equal(a, b);
  });
});
