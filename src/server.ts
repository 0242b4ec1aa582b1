// Starts one server process: config → database → bootstrap → HTTP.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './config/config.js';
import { openDatabase } from './db/connect.js';
import { bootstrap, printDemoAccounts, sharedSessionSecret } from './bootstrap.js';
import { buildApp } from './app/app.js';
import { allJobs } from './app/modules.js';
import { startScheduler } from './jobs/jobs.js';

export async function startServer(opts: { demo: boolean }): Promise<void> {
  const t0 = performance.now();
  let config = loadConfig();
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, backgroundCheckpoint: true });
  const { demo, notes } = await bootstrap(handle, { demo: opts.demo, plan: opts.demo, log: (l) => console.log(l) });
  // Without SESSION_SECRET, every node behind the load balancer must sign cookies alike: the secret is in the database.
  if (!process.env.SESSION_SECRET) config = { ...config, sessionSecret: await sharedSessionSecret(handle, config.sessionSecret) };
  const app = await buildApp({ config, handle });
  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  console.log(`Gongkai 已启动：http://${config.host}:${port}/  （工作台 /console，数据库 ${handle.dialect}，启动用时 ${Math.round(performance.now() - t0)} ms）`);
  // Marks the data dir as in use (`gongkai restore` refuses it while this process lives).
  const pidFile = join(config.dataDir, 'gongkai.pid');
  writeFileSync(pidFile, String(process.pid));
  printDemoAccounts(demo);
  for (const n of notes) console.log(n);
  const stopJobs = startScheduler(handle.db, handle.dialect, allJobs(), (l) => console.log(l));
  const stop = async () => {
    stopJobs();
    rmSync(pidFile, { force: true });
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
