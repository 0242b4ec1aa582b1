// Mail queued by a CLI command is sent at once (not at a server's next hourly job), and exactly once
// even when two deliverers (the server's job and a CLI run) go at the same moment.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { USERS } from '../test-support/harness.js';
import { spawn } from 'node:child_process';
import type { TestDb } from '../db/test-db.js';
import { setNowForTests } from '../lib/time.js';
import * as svc from '../ledger/ledger.service.js';
import { configureMail, deliverOutbox, notifyUsers } from '../notify/notify.js';
import { createLedgerHarness, rowsOf, type LedgerHarness } from '../ledger/ledger-test-setup.js';

/** Like runCli, but without blocking this process (the fake SMTP relay lives here). */
function runCliAsync(tdb: TestDb, args: string[], extraEnv: Record<string, string>) {
  const env = { ...process.env, GONGKAI_DATA_DIR: tdb.dataDir, SESSION_SECRET: 'y'.repeat(40), ...extraEnv } as NodeJS.ProcessEnv;
  if (tdb.databaseUrl) env.DATABASE_URL = tdb.databaseUrl;
  else delete env.DATABASE_URL;
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const p = spawn(process.execPath, ['bin/gongkai.js', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('CLI mail', () => {
  let h: LedgerHarness;
  const rcpt: string[] = [];
  let smtp: net.Server;
  let port = 0;
  let opId = 0;
  before(async () => {
    setNowForTests(new Date('2022-09-20T02:00:00Z'));
    h = await createLedgerHarness();
    setNowForTests(null);
    const ledgerId = await svc.createLedger(h.sys, { planId: h.planId, unitId: await h.unitId('区住建局') });
    const [, , r4] = await rowsOf(h, ledgerId);
    await svc.addMeasure(h.sys, ledgerId, r4!.id, { content: '组织培训', dueDate: '2022-10-01' });
    opId = (await h.tdb.db.selectFrom('users').select('id').where('username', '=', USERS.otherOperator.username).executeTakeFirstOrThrow()).id;
    await h.tdb.db.insertInto('user_contacts').values({ user_id: opId, email: 'zj-op@example.cn', updated_at: '2022-09-01T00:00:00Z' }).execute();
    // Overdue reminders go to the unit's reviewer.
    const rvId = (await h.tdb.db.selectFrom('users').select('id').where('username', '=', USERS.otherReviewer.username).executeTakeFirstOrThrow()).id;
    await h.tdb.db.insertInto('user_contacts').values({ user_id: rvId, email: 'zj-rv@example.cn', updated_at: '2022-09-01T00:00:00Z' }).execute();
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
          if (line.startsWith('RCPT')) rcpt.push(line);
          if (line === 'DATA') { data = true; sock.write('354 go\r\n'); } else if (line === 'QUIT') { sock.end('221 bye\r\n'); } else sock.write(line.startsWith('EHLO') ? '250 hi\r\n' : '250 ok\r\n');
        }
      });
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    port = (smtp.address() as net.AddressInfo).port;
  });
  after(async () => {
    configureMail(null);
    smtp.close();
    await h.close();
  });

  test('`ledger remind` from the command line sends the reminder mail before it exits, once', async () => {
    const smtpEnv = { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port) };
    {
      const r = await runCliAsync(h.tdb, ['ledger', 'remind', '--date', '2022-10-10'], smtpEnv);
      assert.equal(r.code, 0, r.err);
      const box = await h.tdb.db.selectFrom('outbox').select(['status', 'to_addr']).execute();
      assert.ok(box.length > 0);
      assert.ok(box.every((b) => b.status === 'sent'), JSON.stringify(await h.tdb.db.selectFrom('outbox').selectAll().execute()) + r.err + r.out);
      assert.equal(rcpt.length, box.length);
      assert.ok(rcpt.every((l) => /zj-(op|rv)@example\.cn/.test(l)), rcpt.join('\n'));
      const again = await runCliAsync(h.tdb, ['ledger', 'remind', '--date', '2022-10-10'], smtpEnv);
      assert.equal(again.code, 0, again.err);
      assert.equal(rcpt.length, box.length, 'nothing sent twice');
    }
  });

  test('two deliverers at the same moment send each message once', async () => {
    await h.tdb.db.updateTable('outbox').set({ status: 'failed' }).where('status', '=', 'pending').execute(); // only this test's messages
    const before = rcpt.length;
    await h.tdb.db.transaction().execute((tx) => notifyUsers(tx, [opId, opId], { kind: 'test', title: '测试通知', body: '正文', link: null, areaId: h.areaId }));
    await h.tdb.db.transaction().execute((tx) => notifyUsers(tx, [opId], { kind: 'test', title: '测试通知二', body: '正文', link: null, areaId: h.areaId }));
    configureMail({ host: '127.0.0.1', port, from: 'gongkai@example.cn' });
    const [a, b] = await Promise.all([deliverOutbox(h.tdb.db), deliverOutbox(h.tdb.db)]);
    assert.equal(a.sent + b.sent, 2);
    assert.equal(rcpt.length - before, 2);
  });
});
