// Notices to 列席 attendees and 开放日 sign-ups on both engines, through a fake SMTP relay: e-mail to those whose
// contact holds an address (date, place, what to bring, their own name — nobody else's data), a 请电话通知 task
// for staff otherwise; exactly once per person and event; changes of the arrangements told once per change.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { actorCtx } from '../disclosure/items.fixtures.js';
import type { Ctx } from '../lib/context.js';
import { setNowForTests } from '../lib/time.js';
import { configureMail, deliverOutbox } from '../notify/notify.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { inbox } from './dashboard.service.js';
import { markPhoned, noticesFor, tellParticipant } from './notices.service.js';
import * as p from './participation.service.js';
import { emailOf, meetingNotice } from './pure/notices.js';

const at = (d: string) => setNowForTests(new Date(`${d}T04:00:00Z`));
type Mail = { rcpt: string[]; subject: string; body: string };

/** A relay that keeps every message (recipients, decoded subject and base64 body). */
function fakeRelay(mails: Mail[]): net.Server {
  return net.createServer((sock) => {
    let data = false;
    let buf = '';
    let cur: { rcpt: string[]; lines: string[] } = { rcpt: [], lines: [] };
    sock.write('220 ok\r\n');
    sock.on('data', (c) => {
      buf += c.toString();
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (data) {
          if (line !== '.') { cur.lines.push(line); continue; }
          data = false;
          const blank = cur.lines.indexOf('');
          const headers = cur.lines.slice(0, blank);
          const subj = headers.find((h) => h.startsWith('Subject:')) ?? '';
          const subject = subj.replace(/^Subject:\s*/, '').replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b: string) => Buffer.from(b, 'base64').toString('utf8'));
          mails.push({ rcpt: cur.rcpt, subject, body: Buffer.from(cur.lines.slice(blank + 1).join(''), 'base64').toString('utf8') });
          cur = { rcpt: [], lines: [] };
          sock.write('250 ok\r\n');
          continue;
        }
        if (line.startsWith('RCPT')) cur.rcpt.push(line);
        if (line === 'DATA') { data = true; sock.write('354 go\r\n'); } else if (line === 'QUIT') { sock.end('221 bye\r\n'); } else sock.write(line.startsWith('EHLO') ? '250 hi\r\n' : '250 ok\r\n');
      }
    });
  });
}

describe('notices to 列席 attendees and 开放日 sign-ups', () => {
  let h: Harness;
  let admin: Ctx;
  let smtp: net.Server;
  const mails: Mail[] = [];
  const anon = () => ({ ...h.ctx, actor: { kind: 'anonymous' as const, areaId: null } });
  const deliver = async () => {
    const before = mails.length;
    await deliverOutbox(h.tdb.db);
    return mails.slice(before);
  };
  before(async () => {
    at('2026-12-01');
    h = await createHarness();
    admin = await actorCtx(h, USERS.admin.username);
    smtp = fakeRelay(mails);
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    configureMail({ host: '127.0.0.1', port: (smtp.address() as net.AddressInfo).port, from: 'gongkai@example.cn' });
  });
  after(async () => {
    configureMail(null);
    setNowForTests(null);
    smtp.close();
    await h.close();
  });

  test('e-mail address found in a free-text contact', () => {
    assert.equal(emailOf('13900000002 / Wang.Wu@example.com.cn'), 'Wang.Wu@example.com.cn');
    assert.equal(emailOf('13900000002'), null);
    assert.equal(emailOf('微信 wang@'), null);
  });

  test('列席: the selected are told once — e-mail with date, place and what to bring and nobody else\'s data, or 请电话通知', async () => {
    at('2026-12-01');
    const m = await p.createMeeting(admin, { title: '区政府常务会议（停车管理办法）', meetingOn: '2026-12-20', signupOpensOn: '2026-12-01', signupClosesOn: '2026-12-10', seats: 3, rules: '人工遴选', place: '区政府三楼第一会议室', bring: '本人身份证和报名编号' });
    const people = [['张三', 'zs@example.cn'], ['李四', '13900000001'], ['王五', '13900000002 / ww@example.cn'], ['赵六', 'zl@example.cn']] as const;
    const ids: number[] = [];
    for (const [name, contact] of people) ids.push((await p.signUpForMeeting(anon(), m.id, { name, contact, category: 'public', reason: '住在附近' })).id);
    assert.equal((await deliver()).length, 0, 'signing up for a meeting sends nothing yet');
    at('2026-12-11');
    await p.chooseAttendees(admin, m.id, { ids: ids.slice(0, 3).join(','), reason: '兼顾各方代表' });

    const rows = await noticesFor(h.tdb.db, 'meeting', m.id);
    assert.deepEqual(rows.map((r) => [r.signup_id, r.event, r.channel]), [[ids[0], 'selected', 'email'], [ids[1], 'selected', 'phone'], [ids[2], 'selected', 'email']]);
    const sent = await deliver();
    assert.equal(sent.length, 2);
    const byTo = new Map(sent.map((x) => [x.rcpt.join(), x]));
    for (const [i, to] of [[0, 'zs@example.cn'], [2, 'ww@example.cn']] as const) {
      const mail = byTo.get(`RCPT TO:<${to}>`);
      assert.ok(mail, `${to} mailed: ${[...byTo.keys()].join(' ')}`);
      assert.match(mail.subject, /列席会议通知：区政府常务会议/);
      assert.match(mail.body, new RegExp(`^${people[i]![0]}：`));
      assert.match(mail.body, /会议日期：2026-12-20/);
      assert.match(mail.body, /会议地点：区政府三楼第一会议室/);
      assert.match(mail.body, /请携带：本人身份证和报名编号/);
      assert.match(mail.body, new RegExp(`报名编号：${ids[i]}`));
      for (const [j, [name, contact]] of people.entries()) {
        if (j === i) continue;
        assert.ok(!mail.body.includes(name) && !mail.body.includes(contact.split(' ')[0]!), `${to}'s mail names nobody else (${name})`);
      }
    }
    // 李四 has a phone number only: staff see 请电话通知 with the number and the text to read out.
    const a = await h.login(USERS.admin.username);
    const page = await a.get(`/console/meetings/${m.id}`);
    assert.match(page.body, /请电话通知：13900000001/);
    assert.match(page.body, /会议地点：区政府三楼第一会议室/);
    const phoneRow = rows.find((r) => r.channel === 'phone')!;
    assert.equal((await inbox(admin)).find((e) => /待电话通知/.test(e.label))?.count, 1);
    const done = await a.request('POST', `/console/meeting-notices/${phoneRow.id}/phoned?m=${m.id}`, { form: {} });
    assert.equal(done.statusCode, 200, done.body.slice(0, 300));
    assert.match(done.body, /已登记为电话通知/);
    await assert.rejects(markPhoned(admin, phoneRow.id), { code: 'wrong_status' });
    await assert.rejects(markPhoned(await actorCtx(h, USERS.operator.username), phoneRow.id), { status: 403 });
    assert.equal((await inbox(admin)).find((e) => /待电话通知/.test(e.label)), undefined);

    // Exactly once: the same event again (a retry, a second node) tells nobody twice.
    const mm = await p.getMeeting(h.tdb.db, m.id);
    const again = await h.tdb.db.transaction().execute((tx) => tellParticipant(tx, { areaId: mm.area_id, target: 'meeting', targetId: m.id, signup: { id: ids[0]!, contact: 'zs@example.cn' }, event: 'selected', text: meetingNotice('selected', { id: m.id, title: m.title, meetingOn: m.meeting_on, place: m.place, bring: m.bring, method: 'manual' }, { id: ids[0]!, name: '张三' }, null) }));
    assert.equal(again, null);
    await assert.rejects(p.chooseAttendees(admin, m.id, { ids: String(ids[3]), reason: '再选' }), { code: 'draw_done' });
    assert.equal((await deliver()).length, 0, 'nothing sent twice');
    assert.equal((await noticesFor(h.tdb.db, 'meeting', m.id)).length, 3);

    // A change of the arrangements: each selected person told once per change; an unchanged save tells nobody.
    await p.updateMeeting(admin, m.id, { meetingOn: '2026-12-21', place: '区政府三楼第二会议室', bring: '本人身份证和报名编号' });
    await p.updateMeeting(admin, m.id, { meetingOn: '2026-12-21', place: '区政府三楼第二会议室', bring: '本人身份证和报名编号' });
    const changed = await deliver();
    assert.equal(changed.length, 2);
    assert.ok(changed.every((x) => /会议日期：2026-12-21/.test(x.body) && /第二会议室/.test(x.body) && /安排有变更/.test(x.body)));
    await p.updateMeeting(admin, m.id, { meetingOn: '2026-12-20', place: '区政府三楼第二会议室', bring: '本人身份证和报名编号' });
    assert.equal((await deliver()).length, 2, 'a second change is told again');
    const all = await noticesFor(h.tdb.db, 'meeting', m.id);
    assert.equal(all.filter((r) => r.event === 'changed').length, 6);
    assert.ok(all.every((r) => r.signup_id !== ids[3]), '赵六 (not selected) is never told');
    await assert.rejects(p.updateMeeting(admin, m.id, { meetingOn: '2026-12-09' }), (e: { fields: Record<string, string> }) => !!e.fields.meetingOn);

    // The notice records are staff-only: anonymous 401, a unit role 404 (meetings are the office's).
    assert.equal((await h.agent().get(`/api/v1/meetings/${m.id}/notices`)).statusCode, 401);
    assert.equal((await (await h.login(USERS.operator.username)).get(`/api/v1/meetings/${m.id}/notices`)).statusCode, 404);
    const staffApi = (await a.get(`/api/v1/meetings/${m.id}/notices`)).json().data;
    assert.equal(staffApi.length, 9);
    assert.ok(!JSON.stringify(staffApi).includes('13900000001') && !JSON.stringify(staffApi).includes('张三'), 'the API list carries no names or contacts');
    // Nothing of this reaches the public page.
    const pub = await h.agent().get(`/meetings/${m.id}`);
    assert.match(pub.body, /区政府三楼第二会议室/);
    for (const [name, contact] of people) { assert.ok(!pub.body.includes(name)); assert.ok(!pub.body.includes(contact)); }
    assert.doesNotMatch(pub.body, /请电话通知/);
  });

  test('开放日: confirmed, waiting, cancelled (and the one who moves up), changed — each person once per event', async () => {
    at('2026-12-01');
    const d = await p.createOpenDay(admin, { title: '走进区财政局', unit: '区财政局', heldOn: '2026-12-15', place: '区财政局一楼大厅', capacity: 1, signupClosesOn: '2026-12-10', bring: '身份证' });
    const first = await p.signUpForOpenDay(anon(), d.id, { name: '刘一', contact: 'liu@example.cn' });
    const second = await p.signUpForOpenDay(anon(), d.id, { name: '陈二', contact: '13800000002' });
    const third = await p.signUpForOpenDay(anon(), d.id, { name: '孙三', contact: 'sun@example.cn' });
    assert.deepEqual([first.status, second.status, third.status], ['confirmed', 'waiting', 'waiting']);
    let sent = await deliver();
    assert.deepEqual(sent.map((x) => x.rcpt.join()).sort(), ['RCPT TO:<liu@example.cn>', 'RCPT TO:<sun@example.cn>']);
    const liu = sent.find((x) => x.rcpt.join().includes('liu'))!;
    assert.match(liu.subject, /报名确认/);
    assert.match(liu.body, /活动日期：2026-12-15/);
    assert.match(liu.body, /地点：区财政局一楼大厅/);
    assert.match(liu.body, /请携带：身份证/);
    assert.match(liu.body, /\n区财政局\n/, 'signed by the host unit');
    const sun = sent.find((x) => x.rcpt.join().includes('sun'))!;
    assert.match(sun.body, /候补名单（第2位）/);
    for (const x of sent) for (const other of ['陈二', '13800000002', ...(x === liu ? ['孙三', 'sun@'] : ['刘一', 'liu@'])]) assert.ok(!x.body.includes(other), `no ${other} in ${x.rcpt}`);

    // Staff cancel 刘一: she is told; 陈二 moves up and is told (by phone: no e-mail address).
    const op = await actorCtx(h, USERS.operator.username);
    assert.equal(await p.cancelOpenDaySignup(op, first.id), second.id);
    sent = await deliver();
    assert.equal(sent.length, 1);
    assert.match(sent[0]!.subject, /报名取消/);
    assert.deepEqual(sent[0]!.rcpt, ['RCPT TO:<liu@example.cn>']);
    let rows = await noticesFor(h.tdb.db, 'open_day', d.id);
    assert.deepEqual(rows.map((r) => [r.signup_id, r.event, r.channel]), [
      [first.id, 'confirmed', 'email'], [second.id, 'waiting', 'phone'], [third.id, 'waiting', 'email'], [second.id, 'confirmed', 'phone'], [first.id, 'cancelled', 'email'],
    ]);
    assert.match(rows[3]!.message, /已确认/);
    await assert.rejects(p.cancelOpenDaySignup(op, first.id), { code: 'wrong_status' });

    // A change of place: the confirmed and the waiting are told, the cancelled are not; once per change.
    await p.updateOpenDay(op, d.id, { heldOn: '2026-12-15', place: '区财政局三楼报告厅', bring: '身份证' });
    sent = await deliver();
    assert.deepEqual(sent.map((x) => x.rcpt.join()), ['RCPT TO:<sun@example.cn>']);
    assert.match(sent[0]!.body, /地点：区财政局三楼报告厅/);
    rows = await noticesFor(h.tdb.db, 'open_day', d.id);
    assert.deepEqual(rows.filter((r) => r.event === 'changed').map((r) => [r.signup_id, r.channel]), [[second.id, 'phone'], [third.id, 'email']]);
    await p.updateOpenDay(op, d.id, { heldOn: '2026-12-15', place: '区财政局三楼报告厅', bring: '身份证' });
    assert.equal((await noticesFor(h.tdb.db, 'open_day', d.id)).length, rows.length, 'an unchanged save tells nobody');
    await assert.rejects(p.updateOpenDay(await actorCtx(h, USERS.otherOperator.username), d.id, { heldOn: '2026-12-16', place: 'x' }), { status: 403 });

    // The host unit's operator sees the phone tasks on the 工作台 and in the API (without the text or contact).
    assert.equal((await inbox(op)).find((e) => /待电话通知/.test(e.label))?.count, 3);
    assert.ok((await noticesFor(h.tdb.db, 'open_day', d.id)).filter((r) => r.channel === 'email').every((r) => r.mailState === 'sent'), 'the relay took every e-mail');
    const a = await h.login(USERS.operator.username);
    const api = (await a.get(`/api/v1/open-days/${d.id}/notices`)).json().data;
    assert.equal(api.length, rows.length);
    assert.ok(!JSON.stringify(api).includes('13800000002'));
    const page = await a.get(`/console/open-days/${d.id}`);
    assert.match(page.body, /请电话通知：13800000002/);
  });

  test('an e-mail that fails after its retries becomes a call for staff', async () => {
    at('2026-12-01');
    const admin2 = admin;
    const d = await p.createOpenDay(admin2, { title: '走进区住建局', unit: '区住建局', heldOn: '2026-12-18', place: '区住建局大厅', capacity: 5, signupClosesOn: '2026-12-12' });
    await p.signUpForOpenDay(anon(), d.id, { name: '吴九', contact: 'wu@bounce.example.cn' });
    const before = (await inbox(admin2)).find((e) => /待电话通知/.test(e.label))?.count ?? 0;
    const refuse = async () => { throw new Error('550 mailbox unavailable'); };
    for (let i = 0; i < 3; i++) await deliverOutbox(h.tdb.db, 50, refuse);
    const [n] = await noticesFor(h.tdb.db, 'open_day', d.id);
    assert.equal(n!.channel, 'email');
    assert.equal(n!.mailState, 'failed');
    assert.equal(n!.needsCall, true);
    assert.equal((await inbox(admin2)).find((e) => /待电话通知/.test(e.label))?.count, before + 1);
    const a = await h.login(USERS.admin.username);
    assert.match((await a.get(`/console/open-days/${d.id}`)).body, /邮件发送失败，请电话通知：wu@bounce\.example\.cn/);
    await markPhoned(admin2, n!.id);
    assert.equal((await inbox(admin2)).find((e) => /待电话通知/.test(e.label))?.count ?? 0, before);
    // A mail still waiting (or sent) is not a call.
    await p.signUpForOpenDay(anon(), d.id, { name: '郑十', contact: 'zheng@example.cn' });
    const waiting = (await noticesFor(h.tdb.db, 'open_day', d.id)).find((r) => r.name === '郑十')!;
    assert.equal(waiting.mailState, 'pending');
    await assert.rejects(markPhoned(admin2, waiting.id), { code: 'wrong_status' });
  });
});
