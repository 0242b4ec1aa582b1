// `npx gongkai …`: every operator task that can be scripted. Each module adds its commands
// through `commands` in its module.ts; the core commands (database, backup, users, tokens) are here.
import { Command } from 'commander';
import { registerCoreCommands } from '../cli/core.commands.js';
import { reportCliError } from '../cli/cli-context.js';
import { MODULES } from './modules.js';

const program = new Command();
program.name('gongkai').description('Gongkai 政务公开平台命令行').showHelpAfterError();
registerCoreCommands(program);
for (const m of MODULES) m.commands?.(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  reportCliError(err);
}
