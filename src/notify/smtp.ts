// A minimal SMTP client over node:net / node:tls: EHLO, optional STARTTLS, AUTH PLAIN, one message.
// Enough for reminders to an internal mail relay; anything fancier belongs in a real MTA.
import net from 'node:net';
import tls from 'node:tls';

export type SmtpConfig = { host: string; port: number; user?: string; pass?: string; from: string };
/** `messageId` (without angle brackets): the same for every attempt at one message, so a receiver can drop a resent duplicate. */
export type MailMessage = { to: string; subject: string; text: string; messageId?: string };

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
/** RFC 2047 encoded word for non-ASCII headers. */
const header = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${b64(s)}?=`);
const ADDRESS = /^[^\s<>@,;:"]+@[^\s<>@,;:"]+$/;

export function buildMessage(from: string, m: MailMessage, date = new Date()): string {
  const body = b64(m.text).replace(/.{1,76}/g, '$&\r\n');
  return [
    `From: ${from}`, `To: ${m.to}`, `Subject: ${header(m.subject)}`, `Date: ${date.toUTCString()}`,
    ...(m.messageId ? [`Message-ID: <${m.messageId}>`] : []),
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', body,
  ].join('\r\n');
}

class Conversation {
  #socket: net.Socket;
  #buffer = '';
  #waiters: ((line: { code: number; text: string } | Error) => void)[] = [];
  #pending: { code: number; text: string }[] = [];
  #error: Error | null = null;
  constructor(socket: net.Socket) {
    this.#socket = socket;
    this.#attach(socket);
  }
  #attach(socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.#buffer += chunk;
      let i: number;
      let lines: string[] = [];
      while ((i = this.#buffer.indexOf('\n')) >= 0) {
        const line = this.#buffer.slice(0, i).replace(/\r$/, '');
        this.#buffer = this.#buffer.slice(i + 1);
        lines.push(line);
        // Multi-line replies ("250-…") end with "250 …".
        if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) {
          const reply = { code: Number(line.slice(0, 3)), text: lines.join('\n') };
          lines = [];
          const w = this.#waiters.shift();
          if (w) w(reply);
          else this.#pending.push(reply);
        }
      }
    });
    const fail = (err: Error) => {
      this.#error = err;
      for (const w of this.#waiters.splice(0)) w(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('SMTP 连接已关闭')));
  }
  upgrade(servername: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#socket.removeAllListeners('data');
      this.#socket.removeAllListeners('close');
      this.#socket.removeAllListeners('error');
      const secure = tls.connect({ socket: this.#socket, servername }, () => resolve());
      secure.once('error', reject);
      this.#socket = secure;
      this.#attach(secure);
    });
  }
  read(): Promise<{ code: number; text: string }> {
    const p = this.#pending.shift();
    if (p) return Promise.resolve(p);
    if (this.#error) return Promise.reject(this.#error);
    return new Promise((resolve, reject) => this.#waiters.push((r) => (r instanceof Error ? reject(r) : resolve(r))));
  }
  async command(line: string | null, expect: number[]): Promise<{ code: number; text: string }> {
    if (line !== null) this.#socket.write(`${line}\r\n`);
    const r = await this.read();
    if (!expect.includes(r.code)) throw new Error(`SMTP 服务器拒绝（${line?.split(' ')[0] ?? '连接'}）：${r.text}`);
    return r;
  }
  end() {
    this.#socket.end();
  }
}

/** Sends one message; rejects with a readable error. Times out after `timeoutMs`. */
export async function sendMail(cfg: SmtpConfig, m: MailMessage, timeoutMs = 15_000): Promise<void> {
  if (!ADDRESS.test(m.to)) throw new Error(`收件地址无效：${m.to}`);
  const socket = cfg.port === 465 ? tls.connect({ host: cfg.host, port: cfg.port, servername: cfg.host }) : net.connect({ host: cfg.host, port: cfg.port });
  socket.setTimeout(timeoutMs, () => socket.destroy(new Error('SMTP 连接超时')));
  const c = new Conversation(socket);
  try {
    await c.command(null, [220]);
    let ehlo = await c.command('EHLO gongkai.local', [250]);
    if (cfg.port !== 465 && /STARTTLS/i.test(ehlo.text)) {
      await c.command('STARTTLS', [220]);
      await c.upgrade(cfg.host);
      ehlo = await c.command('EHLO gongkai.local', [250]);
    }
    if (cfg.user) await c.command(`AUTH PLAIN ${b64(`\0${cfg.user}\0${cfg.pass ?? ''}`)}`, [235]);
    await c.command(`MAIL FROM:<${cfg.from}>`, [250]);
    await c.command(`RCPT TO:<${m.to}>`, [250, 251]);
    await c.command('DATA', [354]);
    // Dot-stuffing is unnecessary: the body is base64 and headers never start with a dot.
    await c.command(`${buildMessage(cfg.from, m)}\r\n.`, [250]);
    await c.command('QUIT', [221]).catch(() => undefined);
  } finally {
    c.end();
  }
}
