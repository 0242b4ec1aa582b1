// The daily tracking job around 国庆节 2022: overdue marking, reminders exactly once per rule,
// in-app notifications, and e-mail through the outbox (delivered by SMTP when configured).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { USERS } from '../test-support/harness.js';
import { setNowForTests } from '../lib/time.js';
import { runJob } from '../jobs/jobs.js';
import { allJobs } from '../app/modules.js';
import { configureMail } from '../notify/notify.js';
import { runLedgerTracking } from './ledger-tracking.js';
import * as svc from './ledger.service.js';
import { createLedgerHarness, rowsOf, type LedgerHarness, followRedirect } from './ledger-test-setup.js';

describe('tracking job: overdue and reminders', () => {
  let h: LedgerHarness;
  let ledgerId = 0;
  const m: Record<string, number> = {};
  const mail: string[] = [];
  let smtp: net.Server;
  before(async () => {
    setNowForTests(new Date('2022-09-20T02:00:00Z'));
    h = await createLedgerHarness();
    // 区住建局: task 2 (20 working days), task 3 (2022年9月30日前), task 4 (长期坚持).
    ledgerId = await svc.createLedger(h.sys, { planId: h.planId, unitId: await h.unitId('区住建局') });
    const [r2, r3, r4] = await rowsOf(h, ledgerId);
    m.sep30 = await svc.addMeasure(h.sys, ledgerId, r3!.id, { content: '集中公开现行有效的行政规范性文件' });
    m.oct1 = await svc.addMeasure(h.sys, ledgerId, r4!.id, { content: '组织培训', dueDate: '2022-10-01' });
    m.done = await svc.addMeasure(h.sys, ledgerId, r3!.id, { content: '已完成的举措', status: 'done', completedOn: '2022-09-19' });
    m.none = await svc.addMeasure(h.sys, ledgerId, r2!.id, { content: '没有到期日的举措' });
    const op = await h.tdb.db.selectFrom('users').select('id').where('username', '=', USERS.otherOperator.username).executeTakeFirstOrThrow();
    await h.tdb.db.insertInto('user_contacts').values({ user_id: op.id, email: 'zj-op@example.cn', updated_at: '2022-09-01T00:00:00Z' }).execute();
    // A fake SMTP relay that accepts everything.
    smtp = net.createServer((sock) => {
      let data = false;
      let buf = '';
      sock.write('220 ok\r\n');
      sock.on('data', (c) => {
        buf += c.toString();
        let i: number;
        while ((i = buf.indexOf('\r\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (data) { if (line === '.') { data = false; sock.write('250 ok\r\n'); } continue; }
          if (line.startsWith('RCPT')) mail.push(line);
          if (line === 'DATA') { data = true; sock.write('354 go\r\n'); } else if (line === 'QUIT') { sock.end('221 bye\r\n'); } else sock.write(line.startsWith('EHLO') ? '250 hi\r\n' : '250 ok\r\n');
        }
      });
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  });
  after(async () => {
    configureMail(null);
    setNowForTests(null);
    smtp.close();
    await h.close();
  });

  const measure = (id: number) => h.tdb.db.selectFrom('ledger_measures').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const notes = (username: string) => h.tdb.db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.user_id')
    .select(['notifications.title', 'notifications.kind', 'notifications.body']).where('users.username', '=', username).orderBy('notifications.id').execute();
  const run = async (day: string) => {
    setNowForTests(new Date(`${day}T01:00:00Z`));
    const first = await runLedgerTracking(h.sys, day);
    const second = await runLedgerTracking(h.sys, day);
    assert.deepEqual(second.reminders, { before: 0, due: 0, overdue: 0 }, `rerun on ${day} sends nothing`);
    assert.equal(second.notified, 0);
    return first;
  };

  test('deadlines: 9/30 stays (a working Friday); 10/1 moves past 国庆节 to the make-up Saturday 10/8', async () => {
    assert.equal((await measure(m.sep30!)).deadline, '2022-09-30');
    const oct = await measure(m.oct1!);
    assert.equal(oct.due_date, '2022-10-01');
    assert.equal(oct.deadline, '2022-10-08');
  });

  test('3 working days before, on the day, and once overdue — each exactly once, reruns included', async () => {
    assert.deepEqual((await run('2022-09-26')).reminders, { before: 0, due: 0, overdue: 0 });
    assert.deepEqual((await run('2022-09-27')).reminders, { before: 1, due: 0, overdue: 0 }, '9/30 − 3 working days');
    assert.deepEqual((await run('2022-09-28')).reminders, { before: 1, due: 0, overdue: 0 }, '10/8 − 3 working days, 国庆 not counted');
    assert.deepEqual((await run('2022-09-29')).reminders, { before: 0, due: 0, overdue: 0 });
    assert.deepEqual((await run('2022-09-30')).reminders, { before: 0, due: 1, overdue: 0 });
    const oct1 = await run('2022-10-01');
    assert.deepEqual(oct1.reminders, { before: 0, due: 0, overdue: 1 }, 'the 9/30 measure, overdue on the first day after');
    assert.equal(oct1.markedOverdue, 1);
    assert.equal((await measure(m.sep30!)).status, 'overdue');
    assert.equal((await measure(m.oct1!)).status, 'not_started', 'not overdue during the holiday: its deadline is 10/8');
    assert.deepEqual((await run('2022-10-07')).reminders, { before: 0, due: 0, overdue: 0 });
    assert.deepEqual((await run('2022-10-08')).reminders, { before: 0, due: 1, overdue: 0 });
    assert.deepEqual((await run('2022-10-09')).reminders, { before: 0, due: 0, overdue: 1 });
    assert.equal((await measure(m.oct1!)).status, 'overdue');
    assert.equal((await measure(m.done!)).status, 'done');
    assert.equal((await measure(m.none!)).status, 'not_started');
    const keys = await h.tdb.db.selectFrom('ledger_reminders').select(['measure_id', 'rule', 'due_date']).orderBy('id').execute();
    assert.equal(keys.length, 6);
    assert.ok(!keys.some((k) => k.measure_id === m.done || k.measure_id === m.none));
  });

  test('who is told: operators before and on the day; reviewers and the office once overdue', async () => {
    const op = await notes(USERS.otherOperator.username);
    assert.deepEqual(op.map((n) => n.kind), ['ledger.reminder.before', 'ledger.reminder.before', 'ledger.reminder.due', 'ledger.reminder.due']);
    assert.match(op[0]!.body, /序号3：集中公开现行有效的行政规范性文件（期限 2022-09-30）/);
    const rv = await notes(USERS.otherReviewer.username);
    assert.deepEqual(rv.map((n) => n.kind), ['ledger.reminder.overdue', 'ledger.reminder.overdue']);
    assert.match(rv[0]!.title, /区住建局有1项工作举措已逾期/);
    const admin = await notes(USERS.admin.username);
    assert.equal(admin.filter((n) => n.kind === 'ledger.reminder.overdue').length, 2);
    assert.match(admin.find((n) => n.kind === 'ledger.reminder.overdue')!.body, /区住建局：1项/);
    assert.equal((await notes(USERS.operator.username)).length, 0, 'another unit hears nothing');
    // E-mail: without SMTP the messages wait in the outbox, visible to the admin.
    const box = await h.tdb.db.selectFrom('outbox').selectAll().execute();
    assert.equal(box.length, 4);
    assert.ok(box.every((b) => b.status === 'pending' && b.to_addr === 'zj-op@example.cn'));
    const admin$ = await h.login(USERS.admin.username);
    const page = await admin$.get('/console/outbox');
    assert.match(page.body, /未配置 SMTP/);
    assert.match(page.body, /zj-op@example.cn/);
    // A message claimed by a deliverer (cut off mid-send, or being sent now) is shown as such, not as waiting.
    await h.tdb.db.updateTable('outbox').set({ status: 'sending', attempts: 1 }).where('id', '=', box[0]!.id).execute();
    const sending = (await admin$.get('/console/outbox')).body;
    assert.match(sending, /发送中（第1次）/);
    assert.match(sending, /待发 3 封，发送中 1 封，/);
    await h.tdb.db.updateTable('outbox').set({ status: 'pending', attempts: 0 }).where('id', '=', box[0]!.id).execute();
    // The unread count shows in the navigation of every console page; marking read clears it.
    const zj = await h.login(USERS.otherOperator.username);
    for (const path of ['/console', '/console/items', '/console/plans']) {
      const other = await zj.get(path);
      assert.match(other.body, /<a href="\/console\/notifications"[^>]*>通知（4条未读）<\/a>/, path);
      // Once in the navigation (the 工作台 home is a to-do inbox now, not a second grid of the same links).
      assert.equal(other.body.split('href="/console/notifications"').length, 2, `notifications links on ${path}`);
    }
    const list = await zj.get('/console/notifications');
    assert.match(list.body, /通知（4条未读）/);
    const read = await followRedirect(zj, await zj.request('POST', '/console/notifications/read', { form: { all: '1' } }));
    assert.match(read.body, /已将 4 条通知标为已读/);
    assert.match(read.body, /通知（0条未读）/);
    assert.doesNotMatch((await zj.get('/console/items')).body, /条未读/);
  });

  test('with SMTP configured the job delivers the outbox', async () => {
    configureMail({ host: '127.0.0.1', port: (smtp.address() as net.AddressInfo).port, from: 'gongkai@example.cn' });
    const job = allJobs().find((j) => j.name === 'ledger-tracking');
    assert.ok(job, 'registered with the scheduler');
    const summary = await runJob(h.tdb.db, h.tdb.dialect, job);
    assert.match(summary ?? '', /邮件 发送4 失败0/);
    assert.equal(mail.length, 4);
    assert.ok((await h.tdb.db.selectFrom('outbox').select('status').execute()).every((b) => b.status === 'sent'));
  });

  test('a configurable lead time: 0 turns the advance reminder off', async () => {
    const admin = await h.login(USERS.admin.username);
    await admin.get('/console/ledger-settings');
    const bad = await admin.request('POST', '/console/ledger-settings/reminders', { form: { reminderDays: '-2' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /提前提醒天数不能为负数/);
    assert.equal((await admin.request('POST', '/console/ledger-settings/reminders', { form: { reminderDays: '0' } })).statusCode, 303);
    const [, r3] = await rowsOf(h, ledgerId);
    setNowForTests(new Date('2022-10-10T01:00:00Z'));
    await svc.addMeasure(h.sys, ledgerId, r3!.id, { content: '新举措', dueDate: '2022-09-30' });
    // Due 9/30, already past on 10/10: stored as 逾期 at once, reminded once.
    assert.deepEqual((await run('2022-10-10')).reminders, { before: 0, due: 0, overdue: 1 });
  });
});
