import type { Command } from 'commander';
import { intOption, listOption } from './options.js';

/** The options that choose the sandbox world: whom errand acts for, and which world. */
export function addWorldOptions(command: Command): Command {
  return command
    .option('--persona <id>', 'who errand works for in the sandbox world: liming or sam', 'liming')
    .option('--seed <n>', 'the seed a new sandbox world is built from', intOption, 1)
    .option(
      '--world <url>',
      "act on a running world server (errand world serve prints its URL) instead of errand's own world",
    )
    .option(
      '--fresh-world',
      "act on a new world in memory, forgotten afterwards, instead of errand's own world",
    );
}

/** The options that set the mandate — what errand may do — and the config file that may hold one. */
export function addMandateOptions(command: Command): Command {
  return command
    .option('--budget <yuan>', 'most errand may pay in total, e.g. 40')
    .option('--cap <yuan>', 'most one payment may be')
    .option('--approve-above <yuan>', 'ask before any payment above this')
    .option(
      '--allow-app <apps>',
      'only these apps, comma-separated (may repeat): --allow-app food,pay,chat',
      listOption,
    )
    .option(
      '--allow <ids>',
      'people or accounts errand may always message or pay, comma-separated: --allow p_wangfang,m_power',
      listOption,
    )
    .option('--recipients <who>', 'who errand may message or pay: named (in the request), contacts, or list')
    .option(
      '--config <file>',
      'a config file: MCP servers, sandbox settings, model timeout and a standing mandate (see README)',
    );
}
