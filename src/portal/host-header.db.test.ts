// Issue 17 finding 6: feeds, the sitemap and robots.txt (publicly cacheable) take their absolute links
// from PUBLIC_BASE_URL, never from a forged Host or X-Forwarded-Host header.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { actorCtx, draftAs, submitAndPublish } from '../disclosure/items.fixtures.js';

describe('absolute links ignore the Host header', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
    const [op, rev] = await Promise.all([actorCtx(h, USERS.operator.username), actorCtx(h, USERS.reviewer.username)]);
    const id = await draftAs(op, { title: '主机头测试文件' });
    await submitAndPublish(op, rev, id);
  });
  after(async () => { await h.close(); });

  for (const url of ['/feed.xml', '/sitemap.xml', '/robots.txt']) {
    test(`${url} uses PUBLIC_BASE_URL with a forged Host`, async () => {
      const r = await h.app.inject({ method: 'GET', url, headers: { host: 'evil.example', 'x-forwarded-host': 'evil2.example', 'x-forwarded-proto': 'https' } });
      assert.equal(r.statusCode, 200);
      assert.doesNotMatch(r.body, /evil/);
      assert.match(r.body, /http:\/\/localhost\//);
    });
  }
});
