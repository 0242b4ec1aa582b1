// `npx gongkai …`: every operator task that can be scripted.
import { Command } from 'commander';
import { registerCoreCommands } from './core.commands.js';
import { registerCalendarCommands } from '../calendar/calendar.commands.js';
import { registerDisclosureCommands } from '../disclosure/disclosure.commands.js';
import { registerLedgerCommands } from '../ledger/ledger.commands.js';
import { registerPlanCommands } from '../plan/plan.commands.js';
import { registerSearchCommands } from '../search/search.commands.js';
import { reportCliError } from './cli-context.js';
import { registerAuditCommands } from '../audit/audit.commands.js';
import { registerAuthCommands } from '../auth/auth.commands.js';

const program = new Command();
program.name('gongkai').description('Gongkai 政务公开平台命令行').showHelpAfterError();
registerCoreCommands(program);
registerCalendarCommands(program);
registerPlanCommands(program);
registerLedgerCommands(program);
registerDisclosureCommands(program);
registerSearchCommands(program);
registerAuditCommands(program);
registerAuthCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  reportCliError(err);
}
