// `gongkai` commands of the plan module.
import type { Command } from 'commander';

export function registerPlanCommands(program: Command): void {
  void program;
}
