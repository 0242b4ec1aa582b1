// The tiny SMTP client against a fake server on loopback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { buildMessage, sendMail } from './smtp.js';

type Session = { lines: string[]; data: string };

function fakeServer(opts: { rejectRcpt?: boolean } = {}): Promise<{ port: number; sessions: Session[]; close: () => void }> {
  const sessions: Session[] = [];
  const server = net.createServer((sock) => {
    const s: Session = { lines: [], data: '' };
    sessions.push(s);
    let inData = false;
    let buf = '';
    sock.write('220 fake ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') { inData = false; sock.write('250 queued\r\n'); } else s.data += `${line}\n`;
          continue;
        }
        s.lines.push(line);
        const cmd = line.split(' ')[0]!.toUpperCase();
        if (cmd === 'EHLO') sock.write('250-fake\r\n250 AUTH PLAIN\r\n');
        else if (cmd === 'AUTH') sock.write('235 ok\r\n');
        else if (cmd === 'MAIL') sock.write('250 ok\r\n');
        else if (cmd === 'RCPT') sock.write(opts.rejectRcpt ? '550 no such user\r\n' : '250 ok\r\n');
        else if (cmd === 'DATA') { inData = true; sock.write('354 go\r\n'); }
        else if (cmd === 'QUIT') { sock.write('221 bye\r\n'); sock.end(); }
        else sock.write('502 ?\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const port = (server.address() as net.AddressInfo).port;
    resolve({ port, sessions, close: () => server.close() });
  }));
}

test('sends one message with AUTH PLAIN, UTF-8 subject and base64 body', async () => {
  const srv = await fakeServer();
  try {
    await sendMail({ host: '127.0.0.1', port: srv.port, user: 'u', pass: 'p', from: 'gongkai@example.cn' }, { to: 'op@example.cn', subject: '【政务公开平台】3项工作举措即将到期', text: '序号1：督促公开\n请及时办理' });
    const s = srv.sessions[0]!;
    assert.deepEqual(s.lines.map((l) => l.split(' ')[0]), ['EHLO', 'AUTH', 'MAIL', 'RCPT', 'DATA', 'QUIT']);
    assert.equal(s.lines[2], 'MAIL FROM:<gongkai@example.cn>');
    assert.match(s.data, /Subject: =\?UTF-8\?B\?/);
    const body = s.data.split('\n\n')[1]!.replace(/\n/g, '');
    assert.equal(Buffer.from(body, 'base64').toString('utf8'), '序号1：督促公开\n请及时办理');
  } finally {
    srv.close();
  }
});

test('a refused recipient and a closed port are errors, not hangs', async () => {
  const srv = await fakeServer({ rejectRcpt: true });
  try {
    await assert.rejects(sendMail({ host: '127.0.0.1', port: srv.port, from: 'a@b.cn' }, { to: 'x@b.cn', subject: 's', text: 't' }), /550 no such user/);
  } finally {
    srv.close();
  }
  await assert.rejects(sendMail({ host: '127.0.0.1', port: 1, from: 'a@b.cn' }, { to: 'x@b.cn', subject: 's', text: 't' }, 2000));
  await assert.rejects(sendMail({ host: '127.0.0.1', port: 1, from: 'a@b.cn' }, { to: 'bad address', subject: 's', text: 't' }), /收件地址无效/);
});

test('message headers are ASCII-only', () => {
  const m = buildMessage('a@b.cn', { to: 'c@d.cn', subject: '台账', text: '内容' }, new Date('2022-09-27T00:00:00Z'));
  assert.ok(/^[\x00-\x7f]*$/.test(m));
  assert.match(m, /Date: Tue, 27 Sep 2022/);
});
