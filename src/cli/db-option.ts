import type { Command } from 'commander';

/** The commands that read or write the journal, and so take `--db`. */
const JOURNAL_COMMANDS = [
  'run',
  'resume',
  'serve',
  'worker',
  'tasks',
  'show',
  'audit verify',
  'audit export',
  'audit show',
];

/**
 * Adds `--db <file|postgres://…>` to every command that uses the journal. The value goes where every
 * journal is opened from (ERRAND_DB), so a command and whatever it starts use the same journal.
 */
export function addDbOption(program: Command): void {
  for (const path of JOURNAL_COMMANDS) {
    let command: Command | undefined = program;
    for (const name of path.split(' ')) command = command?.commands.find((c) => c.name() === name);
    command?.option(
      '--db <file|url>',
      "the journal: a SQLite file, or postgres://user@host/db to share it (and the queue) between machines (default: $ERRAND_DB, else errand.db in errand's home)",
    );
  }
  program.hook('preAction', (_program, action) => {
    const db = action.opts().db as string | undefined;
    if (db !== undefined) process.env.ERRAND_DB = db;
  });
}
