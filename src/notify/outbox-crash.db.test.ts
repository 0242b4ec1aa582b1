// Mail exactly-once across a crash (issue 18): a deliverer killed after the relay accepted a message
// but before marking it sent leaves it claimed; after the claim's lease the next deliverer sends it
// again with the same Message-ID (so the receiving side can drop the duplicate), records the attempt,
// and nothing is sent a third time.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { createTestDb, type TestDb } from '../db/test-db.js';
import { setNowForTests } from '../lib/time.js';
import { configureMail, deliverOutbox, OUTBOX_LEASE_MS, queueMail } from './notify.js';

describe('outbox across a crash between SMTP "accepted" and marking sent', () => {
  let tdb: TestDb;
  let relay: net.Server;
  let port = 0;
  /** Each message the relay accepted (250 after DATA): its Message-ID header. */
  const accepted: string[] = [];
  /** Set while the child runs: the relay kills it when it says QUIT, i.e. after "250 accepted", before the mark. */
  let killOnQuit: ChildProcess | null = null;

  before(async () => {
    tdb = await createTestDb();
    relay = net.createServer((sock) => {
      let data = false;
      let buf = '';
      let message = '';
      sock.write('220 ok\r\n');
      sock.on('error', () => {});
      sock.on('data', (c) => {
        buf += c.toString();
        let i: number;
        while ((i = buf.indexOf('\r\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (data) {
            if (line === '.') {
              data = false;
              accepted.push(/^Message-ID: (.*)$/m.exec(message)?.[1] ?? '(none)');
              sock.write('250 queued\r\n');
            } else message += `${line}\n`;
            continue;
          }
          if (line === 'DATA') { data = true; sock.write('354 go\r\n'); }
          else if (line === 'QUIT') {
            if (killOnQuit) { killOnQuit.kill('SIGKILL'); killOnQuit = null; } else sock.end('221 bye\r\n');
          } else sock.write(line.startsWith('EHLO') ? '250 hi\r\n' : '250 ok\r\n');
        }
      });
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
    port = (relay.address() as net.AddressInfo).port;
  });
  after(async () => {
    setNowForTests(null);
    configureMail(null);
    relay.close();
    await tdb.destroy();
  });

  test('the killed deliverer leaves the message claimed; after the lease it is resent once with the same Message-ID', async () => {
    await tdb.db.transaction().execute((tx) => queueMail(tx, { areaId: null, to: 'applicant@example.cn', subject: '答复书已送达', body: '您的申请已答复。' }));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/notify/fixtures/deliver.ts', tdb.databaseUrl ?? '-', tdb.dataDir, String(port)],
      { env: { ...process.env, GONGKAI_LOCK_TTL_MS: '300' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => { out += d; });
    child.stderr!.on('data', (d) => { out += d; });
    killOnQuit = child;
    const signal = await new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, sig) => r(sig)));
    assert.equal(signal, 'SIGKILL', `the deliverer was killed mid-send: ${out}`);
    assert.equal(accepted.length, 1, 'the relay accepted the message once');
    const firstId = accepted[0]!;
    assert.match(firstId, /^<outbox-\d+-\d+@example\.cn>$/);
    let row = await tdb.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.status, 'sending', 'claimed, not marked sent');
    assert.equal(row.attempts, 1);

    // A restart within the lease: the claim might belong to a live sender, so nothing is sent.
    configureMail({ host: '127.0.0.1', port, from: 'gongkai@example.cn' });
    assert.deepEqual(await deliverOutbox(tdb.db), { sent: 0, failed: 0 });
    assert.equal(accepted.length, 1);

    // Past the lease: sent again, same Message-ID, the attempt counted and the interruption noted.
    setNowForTests(new Date(Date.now() + OUTBOX_LEASE_MS + 1000));
    assert.deepEqual(await deliverOutbox(tdb.db), { sent: 1, failed: 0 });
    assert.deepEqual(accepted, [firstId, firstId]);
    row = await tdb.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 2);
    assert.match(row.last_error ?? '', /中断.*相同 Message-ID/);

    // And never a third time.
    assert.deepEqual(await deliverOutbox(tdb.db), { sent: 0, failed: 0 });
    assert.equal(accepted.length, 2);
  });
});
