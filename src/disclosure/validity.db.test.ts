// 行政规范性文件 validity: amend and repeal link new → old, 有效期至 changes, and the expiry job.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { runJob } from '../jobs/jobs.js';
import { allJobs } from '../app/modules.js';
import type { Ctx } from '../lib/context.js';
import { AppError } from '../lib/errors.js';
import { todayCst } from '../lib/time.js';
import { complianceByUnit } from './compliance.service.js';
import { VALIDITY_JOB } from './module.js';
import { actorCtx, closeHarness, draftAs, submitAndPublish } from './items.fixtures.js';
import { addYears } from './item-rules.js';
import { changeValidity, setValidUntil } from './validity.service.js';
import { exemptFromInterpretation } from './workflow.service.js';

const isKind = (kind: string, code?: string) => (e: unknown) => e instanceof AppError && e.kind === kind && (!code || e.code === code);

describe('normative document validity', () => {
  let h: Harness;
  let op: Ctx;
  let rev: Ctx;
  let otherRev: Ctx;
  const item = (id: number) => h.tdb.db.selectFrom('info_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const actions = async (id: number) => (await h.tdb.db.selectFrom('item_history').select('action').where('item_id', '=', id).orderBy('id').execute()).map((x) => x.action);
  /** A published normative document (exempted from interpretation to keep the fixture short). */
  const normative = async (over: Record<string, unknown> = {}) => {
    const id = await draftAs(op, { itemType: 'normative', categoryCode: 'zcwj-gfxwj', title: '临淄区规范性文件', ...over });
    await exemptFromInterpretation(rev, id, { reason: '测试夹具' });
    await submitAndPublish(op, rev, id);
    return id;
  };
  before(async () => {
    h = await createHarness();
    [op, rev, otherRev] = await Promise.all([actorCtx(h, USERS.operator.username), actorCtx(h, USERS.reviewer.username), actorCtx(h, USERS.otherReviewer.username)]);
  });
  after(async () => { await closeHarness(h); });

  test('valid → amended (by a newer document) → repealed; the links and every change are kept', async () => {
    const old = await normative({ title: '临淄区扶持办法（2020年）', docNumber: '临政发〔2020〕1号' });
    const amending = await normative({ title: '关于修改扶持办法的决定', docNumber: '临政发〔2022〕2号' });
    const repealing = await normative({ title: '临淄区扶持办法（2022年）', docNumber: '临政发〔2022〕9号' });
    assert.equal((await item(old)).validity, 'valid');
    await assert.rejects(changeValidity(rev, old, { action: 'amend', reason: '缺新文件' }), isKind('invalid'));
    await changeValidity(rev, old, { action: 'amend', byItemId: amending, reason: '第五条修改' });
    let row = await item(old);
    assert.deepEqual([row.validity, row.replaced_by_id], ['amended', amending]);
    await changeValidity(rev, old, { action: 'repeal', byItemId: repealing, reason: '新办法施行' });
    row = await item(old);
    assert.deepEqual([row.validity, row.replaced_by_id], ['repealed', repealing]);
    await assert.rejects(changeValidity(rev, old, { action: 'amend', byItemId: amending, reason: 'x' }), isKind('conflict', 'not_in_force'));
    assert.deepEqual((await actions(old)).slice(-2), ['validity.amend', 'validity.repeal']);
    assert.ok((await actions(repealing)).includes('validity.replaces'));
    const notes = await h.tdb.db.selectFrom('item_history').select('note').where('item_id', '=', old).where('action', '=', 'validity.repeal').executeTakeFirstOrThrow();
    assert.match(notes.note!, /被《临淄区扶持办法（2022年）》（临政发〔2022〕9号）废止：新办法施行/);
    const agent = await h.login(USERS.reviewer.username);
    const page = await agent.get(`/console/items/${repealing}`);
    assert.match(page.body, /本文件修改或废止了：.*临淄区扶持办法（2020年）.*已废止/);
  });

  test('repeal by decision without a successor; only the unit reviewer or the admin; only published normative documents', async () => {
    const id = await normative();
    await assert.rejects(changeValidity(op, id, { action: 'repeal', reason: 'x' }), isKind('forbidden'));
    await assert.rejects(changeValidity(otherRev, id, { action: 'repeal', reason: 'x' }), isKind('not_found'));
    await assert.rejects(changeValidity(rev, id, { action: 'repeal', reason: '' }), isKind('invalid'));
    await changeValidity(await actorCtx(h, USERS.admin.username), id, { action: 'repeal', reason: '规范性文件清理：予以废止' });
    assert.deepEqual([(await item(id)).validity, (await item(id)).replaced_by_id], ['repealed', null]);
    const general = await draftAs(op);
    await submitAndPublish(op, rev, general);
    await assert.rejects(changeValidity(rev, general, { action: 'repeal', reason: 'x' }), isKind('conflict', 'not_normative'));
    const draft = await draftAs(op, { itemType: 'normative', categoryCode: 'zcwj-gfxwj' });
    await assert.rejects(changeValidity(rev, draft, { action: 'repeal', reason: 'x' }), isKind('conflict', 'wrong_status'));
  });

  test('the expiry job marks documents past 有效期至 as 已失效 (valid through that day), drafts untouched', async () => {
    const today = todayCst();
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
    const past = await normative({ title: '过期的办法', validUntil: yesterday });
    const lastDay = await normative({ title: '今天到期的办法', validUntil: today });
    const extended = await normative({ title: '延期的办法', validUntil: yesterday });
    await setValidUntil(rev, extended, { validUntil: addYears(today, 2), reason: '经评估延长有效期' });
    const draft = await draftAs(op, { itemType: 'normative', categoryCode: 'zcwj-gfxwj', validUntil: yesterday });
    const admin = await actorCtx(h, USERS.admin.username);
    const before = (await complianceByUnit(admin)).find((u) => u.unitName === '区财政局')!;
    assert.ok(before.problems.some((p) => p.itemId === past && p.problem === 'validity_overdue'));
    const job = allJobs().find((j) => j.name === VALIDITY_JOB)!;
    assert.ok(job, 'job registered');
    const summary = await runJob(h.tdb.db, h.tdb.dialect, job);
    assert.match(summary!, /件规范性文件已标记为已失效/);
    assert.equal((await item(past)).validity, 'expired');
    assert.equal((await item(lastDay)).validity, 'valid');
    assert.equal((await item(extended)).validity, 'valid');
    assert.equal((await item(draft)).validity, 'valid');
    assert.equal((await actions(past)).at(-1), 'validity.expire');
    const audit = await h.tdb.db.selectFrom('audit_log').select('actor_label').where('action', '=', 'item.validity.expire').where('entity_id', '=', String(past)).executeTakeFirstOrThrow();
    assert.match(audit.actor_label, /定时任务/);
    assert.equal(await runJob(h.tdb.db, h.tdb.dialect, job), '0 件规范性文件已标记为已失效', 'idempotent');
    const afterJob = (await complianceByUnit(admin)).find((u) => u.unitName === '区财政局')!;
    assert.ok(!afterJob.problems.some((p) => p.itemId === past && p.problem === 'validity_overdue'));
  });
});
