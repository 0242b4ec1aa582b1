// Starts `gongkai serve` (either entry) and exits as soon as it prints its ready line; prints RSS then.
import { spawn } from 'node:child_process';
const [entry, ...args] = process.argv.slice(2);
const child = spawn(process.execPath, [entry, 'serve', ...args], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
child.stdout.on('data', (b) => {
  if (String(b).includes('Gongkai 已启动')) {
    child.kill('SIGKILL');
    process.exit(0);
  }
});
child.on('exit', (c) => process.exit(c ?? 1));
