// Cold start time and idle resident memory of the server, beside a bare Fastify "hello" process
// started the same way (the baseline). Usage: node --import tsx bench/startup/run.ts [runs]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[2] ?? 3);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUp(url: string, t0: number): Promise<number> {
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return performance.now() - t0;
    } catch { /* not listening yet */ }
    await sleep(10);
  }
}
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function measure(args: string[], env: NodeJS.ProcessEnv, port: number) {
  const t0 = performance.now();
  const p = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: 'ignore' });
  const ms = await waitUp(`http://127.0.0.1:${port}/`, t0);
  await sleep(3000);
  const rss = rssMb(p.pid!);
  p.kill('SIGTERM');
  await new Promise((r) => p.once('exit', r));
  return { ms, rss };
}

const hello = join(mkdtempSync(join(tmpdir(), 'gk-hello-')), 'hello.mjs');
writeFileSync(hello, `import Fastify from '${join(process.cwd(), 'node_modules/fastify/fastify.js')}';const a=Fastify();a.get('/',async()=>'ok');await a.listen({port:Number(process.env.PORT),host:'127.0.0.1'});`);

const rows: string[] = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'gk-start-'));
  const first = await measure(['bin/gongkai.js', 'serve'], { GONGKAI_DATA_DIR: dir }, 3900 + i);
  const warm = await measure(['bin/gongkai.js', 'serve'], { GONGKAI_DATA_DIR: dir }, 3950 + i);
  const base = await measure([hello], {}, 3990 + i);
  rows.push(`run ${i + 1}: first start (migrate + calendar + plan + demo accounts) ${first.ms.toFixed(0)} ms, rss ${first.rss.toFixed(1)} MB | warm start ${warm.ms.toFixed(0)} ms, idle rss ${warm.rss.toFixed(1)} MB | baseline fastify hello ${base.ms.toFixed(0)} ms, rss ${base.rss.toFixed(1)} MB`);
  rmSync(dir, { recursive: true, force: true });
}
console.log(rows.join('\n'));
