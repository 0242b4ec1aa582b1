// The permission matrix for information items: each role against each page, API and action.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import type { Ctx } from '../lib/context.js';
import { addAttachment } from './attachments.service.js';
import { actorCtx, closeHarness, draftAs, submitAndPublish } from './items.fixtures.js';
import { submitItem } from './workflow.service.js';

type Role = keyof typeof USERS | 'anonymous';

describe('permission matrix for information items', () => {
  let h: Harness;
  const agents = {} as Record<Role, Agent>;
  let op: Ctx;
  let rev: Ctx;
  let draft: number;
  let published: number;
  let draftAttachment: number;
  let publicAttachment: number;
  before(async () => {
    h = await createHarness();
    for (const [k, u] of Object.entries(USERS)) agents[k as Role] = await h.login(u.username);
    agents.anonymous = h.agent();
    [op, rev] = await Promise.all([actorCtx(h, USERS.operator.username), actorCtx(h, USERS.reviewer.username)]);
    draft = await draftAs(op, { title: '财政局草稿' });
    draftAttachment = await addAttachment(op, draft, { fileName: '草稿附件.txt', data: Buffer.from('内部草稿') }, h.tdb.dataDir);
    published = await draftAs(op, { title: '财政局已发布' });
    publicAttachment = await addAttachment(op, published, { fileName: '公开附件.txt', data: Buffer.from('公开内容') }, h.tdb.dataDir);
    await submitAndPublish(op, rev, published);
  });
  after(async () => { await closeHarness(h); });

  const pages: [string | (() => string), Partial<Record<Role, number>>][] = [
    ['/console/items', { admin: 200, auditor: 200, operator: 200, reviewer: 200, otherOperator: 200, anonymous: 303 }],
    ['/console/items/new', { admin: 200, auditor: 403, operator: 200, reviewer: 200, otherOperator: 200, anonymous: 303 }],
    [() => `/console/items/${draft}`, { admin: 200, auditor: 200, operator: 200, reviewer: 200, otherOperator: 404, otherReviewer: 404, anonymous: 303 }],
    [() => `/console/items/${draft}/edit`, { admin: 200, auditor: 403, operator: 200, reviewer: 200, otherOperator: 404, anonymous: 303 }],
    [() => `/console/items/${published}/edit`, { admin: 409, operator: 409 }],
    [() => `/api/v1/items/${draft}`, { admin: 200, auditor: 200, operator: 200, reviewer: 200, otherOperator: 404, otherReviewer: 404, anonymous: 401 }],
    ['/api/v1/items', { admin: 200, auditor: 200, operator: 200, otherOperator: 200, anonymous: 401 }],
    ['/console/items/review-queue', { admin: 200, auditor: 200, operator: 200, reviewer: 200, anonymous: 303 }],
    ['/console/items/categories', { admin: 200, auditor: 200, operator: 200, anonymous: 303 }],
    ['/console/compliance', { admin: 200, auditor: 200, operator: 403, reviewer: 403, otherOperator: 403, anonymous: 303 }],
    ['/api/v1/compliance', { admin: 200, auditor: 200, operator: 403, reviewer: 403, anonymous: 401 }],
    ['/console/gazette', { admin: 200, auditor: 200, operator: 403, reviewer: 403, anonymous: 303 }],
    ['/console/items/999999', { admin: 404, operator: 404 }],
    ['/console/items/abc', { admin: 404 }],
    [() => `/attachments/${draftAttachment}`, { anonymous: 404, otherOperator: 404, operator: 200, auditor: 200, admin: 200 }],
    [() => `/attachments/${publicAttachment}`, { anonymous: 200, otherOperator: 200, operator: 200 }],
    ['/attachments/999999', { anonymous: 404, admin: 404 }],
  ];
  for (const [url, expected] of pages) {
    test(`GET ${typeof url === 'string' ? url : url.toString().replace(/^\(\) => /, '')}`, async () => {
      const u = typeof url === 'string' ? url : url();
      for (const [role, status] of Object.entries(expected)) {
        const r = await agents[role as Role].get(u);
        assert.equal(r.statusCode, status, `${role} GET ${u}`);
      }
    });
  }

  test('lists: unit users see only their unit; the admin and the auditor the whole area', async () => {
    await draftAs(await actorCtx(h, USERS.otherOperator.username), { title: '住建局草稿' });
    const titles = async (role: Role) => ((await agents[role].get('/api/v1/items')).json().data as { title: string }[]).map((x) => x.title).sort();
    assert.deepEqual(await titles('operator'), ['财政局草稿', '财政局已发布'].sort());
    assert.deepEqual(await titles('otherOperator'), ['住建局草稿']);
    assert.deepEqual(await titles('admin'), ['住建局草稿', '财政局草稿', '财政局已发布'].sort());
    assert.deepEqual(await titles('auditor'), ['住建局草稿', '财政局草稿', '财政局已发布'].sort());
    const page = await agents.otherOperator.get('/console/items');
    assert.doesNotMatch(page.body, /财政局草稿/);
  });

  test('workflow actions per role: operators submit, reviewers sign off; the auditor and other units change nothing', async () => {
    const fresh = async () => draftAs(op);
    const call = async (role: Role, id: number, action: string, json: unknown = {}) => {
      await agents[role].get('/console/items');
      return (await agents[role].request('POST', `/api/v1/items/${id}/${action}`, { json })).statusCode;
    };
    const matrix: [string, Partial<Record<Role, number>>, unknown?][] = [
      ['submit', { auditor: 403, otherOperator: 404, otherReviewer: 404, operator: 200 }],
      ['submit', { reviewer: 200 }],
      ['submit', { admin: 200 }],
    ];
    for (const [action, expected] of matrix) {
      const id = await fresh();
      for (const [role, status] of Object.entries(expected)) assert.equal(await call(role as Role, id, action), status, `${role} ${action}`);
    }
    const signoff = { confidentialityChecked: true, attribute: 'proactive' };
    for (const [role, status] of [['operator', 403], ['auditor', 403], ['otherReviewer', 404], ['reviewer', 200]] as const) {
      const id = await fresh();
      await submitItem(op, id);
      assert.equal(await call(role, id, 'publish', signoff), status, `${role} publish`);
    }
    const id = await fresh();
    await submitItem(op, id);
    assert.equal(await call('operator', id, 'return', { comment: '请补充' }), 403);
    assert.equal(await call('admin', id, 'return', { comment: '请补充' }), 200);
    assert.ok([401, 403].includes(await call('anonymous', id, 'submit')), 'anonymous cannot submit');
    assert.equal((await h.tdb.db.selectFrom('info_items').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'returned');
    const pub = await fresh();
    await submitAndPublish(op, rev, pub);
    assert.equal(await call('operator', pub, 'unpublish', { reason: 'x' }), 403);
    assert.equal(await call('auditor', pub, 'unpublish', { reason: 'x' }), 403);
    assert.equal(await call('reviewer', pub, 'unpublish', { reason: '内容有误' }), 200);
  });

  test('the console form of another unit cannot be posted to (404), and the auditor cannot create (403)', async () => {
    await agents.otherOperator.get('/console/items');
    const r = await agents.otherOperator.request('POST', `/console/items/${draft}/edit`, { form: { title: '篡改', body: 'x', attribute: 'proactive' } });
    assert.equal(r.statusCode, 404);
    await agents.auditor.get('/console/items');
    const c = await agents.auditor.request('POST', '/api/v1/items', { json: { title: '审计员', body: 'x', attribute: 'proactive' } });
    assert.equal(c.statusCode, 403);
    const row = await h.tdb.db.selectFrom('info_items').select('title').where('id', '=', draft).executeTakeFirstOrThrow();
    assert.equal(row.title, '财政局草稿');
  });
});
