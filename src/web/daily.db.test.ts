// Small things a new user hit (issue 19): a favicon, the catalog not echoing an unknown category,
// the role shown once in the header, upload forms carrying their CSRF token in the body, not the URL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHarness, TEST_PASSWORD, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { multipartBody } from '../test-support/multipart.js';
import { createUser } from '../org/org.service.js';
import { DEFAULT_PLAN_FILE } from '../bootstrap.js';
import { actorCtx, draftAs } from '../disclosure/items.fixtures.js';

describe('console and portal details', () => {
  let h: Harness;
  let admin: Agent;
  before(async () => {
    h = await createHarness({ extraSetup: async (ctx, areaId) => {
      await createUser(ctx, { username: 't_shenji', displayName: '审计员', role: 'auditor', unitId: areaId, password: TEST_PASSWORD, mustChangePassword: false });
    } });
    admin = await h.login(USERS.admin.username);
  });
  after(async () => { await h.close(); });

  test('a favicon is served and linked: no 404 on every page', async () => {
    const anon = h.agent();
    const ico = await anon.get('/favicon.ico');
    assert.equal(ico.statusCode, 200);
    assert.match(String(ico.headers['content-type']), /image\/svg\+xml/);
    assert.match(ico.body, /<svg/);
    const home = await anon.get('/');
    const href = /<link rel="icon" href="([^"]+)"/.exec(home.body)?.[1];
    assert.ok(href, 'the page links its icon');
    assert.equal((await anon.get(href)).statusCode, 200);
  });

  test('/catalog?category=<unknown> does not echo the slug', async () => {
    const r = await h.agent().get('/catalog?category=nonexistent-zzz');
    assert.equal(r.statusCode, 200);
    assert.doesNotMatch(r.body, /nonexistent-zzz/);
    assert.match(r.body, /不存在的栏目/);
  });

  test('the header shows 审计员（只读） once for a user named after the role', async () => {
    const a = await h.login('t_shenji');
    const page = await a.get('/console');
    assert.match(page.body, /<span>审计员（只读）<\/span>/);
    assert.doesNotMatch(page.body, /审计员（审计员/);
    assert.match((await admin.get('/console')).body, /<span>t_admin（政务公开办管理员）<\/span>/);
  });

  test('upload forms carry the CSRF token in the body; a body token is checked, a missing one refused', async () => {
    const plans = await admin.get('/console/plans');
    assert.doesNotMatch(plans.body, /action="[^"]*_csrf=/, 'no token in a form action');
    const seed = readFileSync(DEFAULT_PLAN_FILE);
    const send = (fields: Record<string, string>) => {
      const { payload, contentType } = multipartBody(fields, { field: 'file', filename: 'linzi-2022.txt', content: seed });
      return admin.request('POST', '/console/plans/preview', { payload, headers: { 'content-type': contentType } });
    };
    assert.equal((await send({})).statusCode, 403, 'no token at all');
    assert.equal((await send({ _csrf: 'forged' })).statusCode, 403, 'a wrong token');
    const ok = await send({ _csrf: admin.csrf });
    assert.equal(ok.statusCode, 200, ok.body.slice(0, 200));
    assert.match(ok.body, /确认导入/);

    const op = await actorCtx(h, USERS.operator.username);
    const id = await draftAs(op);
    const agent = await h.login(USERS.operator.username);
    const item = await agent.get(`/console/items/${id}`);
    assert.doesNotMatch(item.body, /action="[^"]*_csrf=/);
    const up = (fields: Record<string, string>) => {
      const { payload, contentType } = multipartBody(fields, { field: 'file', filename: '说明.txt', content: Buffer.from('附件说明文字') });
      return agent.request('POST', `/console/items/${id}/attachments`, { payload, headers: { 'content-type': contentType } });
    };
    assert.equal((await up({})).statusCode, 403);
    assert.equal((await h.tdb.db.selectFrom('item_attachments').select('id').where('item_id', '=', id).execute()).length, 0);
    assert.equal((await up({ _csrf: agent.csrf })).statusCode, 303);
    assert.equal((await h.tdb.db.selectFrom('item_attachments').select('id').where('item_id', '=', id).execute()).length, 1);
  });
});
