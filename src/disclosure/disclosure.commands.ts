// `gongkai` commands of the disclosure module.
import type { Command } from 'commander';

export function registerDisclosureCommands(program: Command): void {
  void program;
}
