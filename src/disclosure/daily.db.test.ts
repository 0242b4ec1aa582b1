// Disclosure in a working day (issue 19): validity computed for today wherever it is shown, a notice to
// reviewers on submission, the gazette warning on documents no longer in force, the repeal picker.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import type { Ctx } from '../lib/context.js';
import { todayCst } from '../lib/time.js';
import { createIssue } from './gazette.service.js';
import { actorCtx, closeHarness, draftAs, submitAndPublish } from './items.fixtures.js';
import { changeValidity } from './validity.service.js';
import { exemptFromInterpretation, submitItem } from './workflow.service.js';

describe('disclosure: a working day', () => {
  let h: Harness;
  let op: Ctx;
  let rev: Ctx;
  let admin: Ctx;
  let adminAgent: Agent;
  const normative = async (over: Record<string, unknown> = {}) => {
    const id = await draftAs(op, { itemType: 'normative', categoryCode: 'zcwj-gfxwj', title: '临淄区规范性文件', ...over });
    await exemptFromInterpretation(rev, id, { reason: '测试夹具' });
    await submitAndPublish(op, rev, id);
    return id;
  };
  before(async () => {
    h = await createHarness();
    [op, rev, admin] = await Promise.all([actorCtx(h, USERS.operator.username), actorCtx(h, USERS.reviewer.username), actorCtx(h, USERS.admin.username)]);
    adminAgent = await h.login(USERS.admin.username);
  });
  after(async () => { await closeHarness(h); });

  test('a document whose 有效期至 has passed reads 已失效 on /normative, its page and the console before the job runs', async () => {
    const yesterday = new Date(Date.parse(`${todayCst()}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
    const id = await normative({ title: '昨天到期的管理办法', validUntil: yesterday });
    assert.equal((await h.tdb.db.selectFrom('info_items').select('validity').where('id', '=', id).executeTakeFirstOrThrow()).validity, 'valid', 'stored state: the job has not run');
    const anon = h.agent();
    const list = await anon.get('/normative');
    const row = new RegExp(`昨天到期的管理办法</a>.*?</tr>`, 's').exec(list.body)?.[0] ?? '';
    assert.match(row, /已失效/);
    assert.doesNotMatch(row, />有效</);
    const page = await anon.get(`/items/${id}`);
    assert.match(page.body, /<th[^>]*>有效性<\/th>\s*<td>已失效/);
    const console = await adminAgent.get(`/console/items/${id}`);
    assert.match(console.body, /<dt>有效性<\/dt><dd>已失效<\/dd>/);
  });

  test('submitting an item for review notifies the unit’s reviewers', async () => {
    const id = await draftAs(op, { title: '待审核的通知公告' });
    await submitItem(op, id);
    const notes = await h.tdb.db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['users.username', 'notifications.title', 'notifications.link']).where('notifications.kind', '=', 'item.submitted').where('notifications.link', '=', `/console/items/${id}`).execute();
    assert.deepEqual(notes.map((n) => n.username), [USERS.reviewer.username]);
    assert.match(notes[0]!.title, /待您审核：《待审核的通知公告》/);
    assert.equal(notes[0]!.link, `/console/items/${id}`);
    const rv = await h.login(USERS.reviewer.username);
    assert.match((await rv.get('/console/notifications')).body, /待审核的通知公告/);
  });

  test('the gazette warns on a repealed document; the repeal picker lists normative documents only', async () => {
    const old = await normative({ title: '旧的扶持办法' });
    const general = await draftAs(op, { title: '扶持办法工作动态' });
    await submitAndPublish(op, rev, general);
    const fresh = await normative({ title: '新的扶持办法' });
    const rv = await h.login(USERS.reviewer.username);
    // The picker's no-JS search lists normative documents only, each as a choice of the validity form.
    const picker = (await rv.get(`/console/items/${old}?vq=${encodeURIComponent('扶持办法')}`)).body;
    const form = /<form method="post" action="\/console\/items\/\d+\/validity".*?<\/form>/s.exec(picker)?.[0] ?? '';
    assert.match(form, new RegExp(`<input type="radio" name="vByItemId" value="${fresh}"`));
    assert.match(form, /新的扶持办法/);
    assert.doesNotMatch(form, /扶持办法工作动态/);
    assert.doesNotMatch(form, new RegExp(`value="${old}"`), 'not the document itself');
    await assert.rejects(changeValidity(rev, old, { action: 'repeal', byItemId: general, reason: '试图用非规范性文件废止' }));
    await changeValidity(rev, old, { action: 'repeal', byItemId: fresh, reason: '新办法施行' });

    const issueId = await createIssue(admin, { year: '2026', number: '7', title: '公报' });
    await adminAgent.get(`/console/gazette/${issueId}`);
    // The entry picker finds documents by title: no internal number to type.
    const pick = await adminAgent.get(`/console/gazette/${issueId}?pick=${encodeURIComponent('扶持办法')}`);
    assert.match(pick.body, /旧的扶持办法/);
    assert.match(pick.body, /收录《新的扶持办法》/);
    const add = await adminAgent.request('POST', `/console/gazette/${issueId}/entries`, { form: { itemRef: String(old) } });
    assert.equal(add.statusCode, 303);
    const page = await adminAgent.get(String(add.headers.location));
    assert.match(page.body, /《旧的扶持办法》已废止/);
    assert.match(page.body, /目录中有不再有效的文件/);
    const ok = await adminAgent.request('POST', `/console/gazette/${issueId}/entries`, { form: { itemRef: String(fresh) } });
    assert.doesNotMatch((await adminAgent.get(String(ok.headers.location))).body, /《新的扶持办法》已/);
  });
});
