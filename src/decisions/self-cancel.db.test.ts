// A citizen cancels their own 开放日 sign-up from the link in the confirmation e-mail, on both engines: the token
// (256 bits) is stored only as its hash and never in the staff-visible notice text, the page shows the event and
// "您的报名" only, the POST needs CSRF, the waiting list moves up exactly as on a staff cancellation, the audit row
// carries no contact, and a wrong, used or expired link gets a clear Chinese message (404 / 410); rate-limited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../app/app.js';
import { loadConfig } from '../config/config.js';
import { actorCtx } from '../disclosure/items.fixtures.js';
import type { Ctx } from '../lib/context.js';
import { setNowForTests } from '../lib/time.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import * as p from './participation.service.js';

const at = (d: string) => setNowForTests(new Date(`${d}T04:00:00Z`));
const TOKEN_IN = /\/open-days\/cancel\?token=([A-Za-z0-9_-]+)/;

describe('开放日: cancelling one’s own sign-up by the e-mailed link', () => {
  let h: Harness;
  let admin: Ctx;
  const anon = () => ({ ...h.ctx, actor: { kind: 'anonymous' as const, areaId: null } });
  /** The token in the e-mail sent to `addr` (from the outbox, as the relay would send it). */
  const tokenFor = async (addr: string) => {
    const mails = await h.tdb.db.selectFrom('outbox').select(['body']).where('to_addr', '=', addr).orderBy('id').execute();
    const m = mails.map((x) => TOKEN_IN.exec(x.body)).find(Boolean);
    assert.ok(m, `a cancellation link in the mail to ${addr}`);
    return m[1]!;
  };
  const status = async (id: number) => (await h.tdb.db.selectFrom('open_day_signups').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  before(async () => {
    at('2026-12-01');
    h = await createHarness();
    admin = await actorCtx(h, USERS.admin.username);
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('the link cancels once, promotes the waiting list like staff cancellation, shows and audits no personal data', async () => {
    const d = await p.createOpenDay(admin, { title: '走进区档案馆', unit: '区财政局', heldOn: '2026-12-20', place: '区档案馆一楼', capacity: 1, signupClosesOn: '2026-12-15' });
    const a = await p.signUpForOpenDay(anon(), d.id, { name: '欧阳秘密', contact: '13955550001 / ouyang.secret@example.cn' });
    const b = await p.signUpForOpenDay(anon(), d.id, { name: '司马候补', contact: 'sima.wait@example.cn' });
    const c = await p.signUpForOpenDay(anon(), d.id, { name: '电话用户', contact: '13955550003' });
    assert.deepEqual([a.status, b.status, c.status], ['confirmed', 'waiting', 'waiting']);

    const token = await tokenFor('ouyang.secret@example.cn');
    assert.ok(Buffer.from(token, 'base64url').length >= 16, 'at least 128 bits');
    assert.equal(Buffer.from(token, 'base64url').length, 32);
    const stored = await h.tdb.db.selectFrom('decisions_cancel_tokens').selectAll().execute();
    assert.equal(stored.length, 2, 'a token only for sign-ups reachable by e-mail (not the phone-only one)');
    assert.ok(stored.every((t) => t.token_hash !== token && /^[0-9a-f]{64}$/.test(t.token_hash)), 'stored hashed');
    const notices = await h.tdb.db.selectFrom('decisions_notices').select('message').execute();
    assert.ok(notices.every((n) => !n.message.includes(token)), 'the staff-visible notice text never holds the token');
    assert.notEqual(await tokenFor('sima.wait@example.cn'), token, 'one token per sign-up');

    const agent = h.agent();
    const page = await agent.get(`/open-days/cancel?token=${token}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /走进区档案馆/);
    assert.match(page.body, /您的报名/);
    assert.match(page.body, /确认取消报名/);
    assert.equal(page.headers['referrer-policy'], 'no-referrer');
    for (const secret of ['欧阳秘密', 'ouyang.secret', '13955550001', '司马候补', 'sima.wait']) assert.ok(!page.body.includes(secret), `no ${secret} on the page`);
    assert.equal(await status(a.id), 'confirmed', 'GET changes nothing');

    const noCsrf = await h.agent().request('POST', '/open-days/cancel', { form: { token }, withCsrf: false });
    assert.equal(noCsrf.statusCode, 403, 'POST needs the CSRF token');
    assert.equal(await status(a.id), 'confirmed');

    const done = await agent.postForm('/open-days/cancel', { token });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/open-days/${d.id}?sent=cancelled`);
    assert.match((await agent.get(String(done.headers.location))).body, /您的报名已取消/);
    assert.equal(await status(a.id), 'cancelled');
    assert.equal(await status(b.id), 'confirmed', 'the first on the waiting list moves up');
    assert.equal(await status(c.id), 'waiting');
    const events = await h.tdb.db.selectFrom('decisions_notices').select(['signup_id', 'event']).where('target_id', '=', d.id).orderBy('id').execute();
    assert.ok(events.some((e) => e.signup_id === b.id && e.event === 'confirmed'), 'the promoted person is told');
    const bMails = await h.tdb.db.selectFrom('outbox').select('body').where('to_addr', '=', 'sima.wait@example.cn').orderBy('id').execute();
    assert.equal(bMails.length, 2);
    const promotedToken = TOKEN_IN.exec(bMails[1]!.body)?.[1];
    assert.ok(promotedToken, 'the promotion e-mail carries a cancellation link');
    assert.equal((await agent.get(`/open-days/cancel?token=${promotedToken}`)).statusCode, 200);
    assert.ok(events.some((e) => e.signup_id === a.id && e.event === 'cancelled'), 'the canceller is told');
    const audit = await h.tdb.db.selectFrom('audit_log').selectAll().where('action', '=', 'open_day.cancel').execute();
    assert.equal(audit.length, 1);
    const row = JSON.stringify(audit[0]);
    assert.match(row, /self/);
    for (const secret of ['欧阳秘密', 'ouyang', '13955550001', token]) assert.ok(!row.includes(secret), `audit without ${secret}`);

    const again = await agent.get(`/open-days/cancel?token=${token}`);
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /您的报名已取消，此取消链接已失效/);
    assert.doesNotMatch(again.body, /确认取消报名/);
    const replay = await agent.postForm('/open-days/cancel', { token });
    assert.equal(replay.statusCode, 410, 'single use');
    assert.equal(await status(b.id), 'confirmed', 'a replay promotes nobody and cancels nothing');
    assert.equal((await h.tdb.db.selectFrom('audit_log').select('id').where('action', '=', 'open_day.cancel').execute()).length, 1);
  });

  test('wrong links get 404, links of a sign-up staff cancelled or of a past event get 410', async () => {
    const d = await p.createOpenDay(admin, { title: '走进区税务局', unit: '区财政局', heldOn: '2026-12-05', place: '办税大厅', capacity: 5, signupClosesOn: '2026-12-03' });
    const a = await p.signUpForOpenDay(anon(), d.id, { name: '甲', contact: 'jia@example.cn' });
    await p.signUpForOpenDay(anon(), d.id, { name: '乙', contact: 'yi@example.cn' });
    const agent = h.agent();
    for (const bad of ['', 'abc', 'A'.repeat(43), `${'A'.repeat(43)}'--`]) {
      const r = await agent.get(`/open-days/cancel?token=${encodeURIComponent(bad)}`);
      assert.equal(r.statusCode, 404, bad);
      assert.match(r.body, /取消链接无效/);
    }
    await agent.get(`/open-days/${d.id}`);
    assert.equal((await agent.postForm('/open-days/cancel', { token: 'B'.repeat(43) })).statusCode, 404);

    await p.cancelOpenDaySignup(admin, a.id);
    const r = await agent.get(`/open-days/cancel?token=${await tokenFor('jia@example.cn')}`);
    assert.equal(r.statusCode, 410, 'already cancelled by staff');

    const yi = await tokenFor('yi@example.cn');
    at('2026-12-05');
    assert.equal((await agent.get(`/open-days/cancel?token=${yi}`)).statusCode, 200, 'still valid on the day');
    at('2026-12-06');
    try {
      const late = await agent.get(`/open-days/cancel?token=${yi}`);
      assert.equal(late.statusCode, 410);
      assert.match(late.body, /活动已结束/);
      assert.equal((await agent.postForm('/open-days/cancel', { token: yi })).statusCode, 410);
      const rows = await h.tdb.db.selectFrom('open_day_signups').select('status').where('open_day_id', '=', d.id).execute();
      assert.equal(rows.filter((x) => x.status === 'confirmed').length, 1, 'the expired link cancelled nothing');
    } finally {
      at('2026-12-01');
    }
  });

  test('the cancellation page is rate-limited per IP (config.commentRateLimit)', async () => {
    const config = { ...loadConfig({ GONGKAI_DATA_DIR: h.tdb.dataDir, SESSION_SECRET: 'y'.repeat(40) }), commentRateLimit: 2 };
    const app = await buildApp({ config, handle: h.tdb });
    await app.ready();
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await app.inject({ method: 'GET', url: `/open-days/cancel?token=${'C'.repeat(43)}`, remoteAddress: '10.0.0.9' })).statusCode);
      assert.deepEqual(codes, [404, 404, 429]);
    } finally {
      await app.close();
    }
  });
});
