import type { Command } from 'commander';
import { buildReport } from '../agent/report.js';
import { openJournal } from './home.js';
import { intOption } from './options.js';
import { formatReport, LiveRenderer } from './render.js';

/** `errand tasks` lists past errands; `errand show <id>` replays one from the journal. */
export function registerTaskCommands(program: Command): void {
  program
    .command('tasks')
    .description('List past errands, newest first')
    .option('--limit <n>', 'how many', intOption, 20)
    .option('--json', 'machine-readable')
    .action((flags: { limit: number; json?: boolean }) => {
      const journal = openJournal();
      try {
        const rows = journal.list(flags.limit);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(rows)}\n`);
          return;
        }
        if (rows.length === 0) {
          process.stdout.write('No errands yet. Run one with: errand run "<what you need>"\n');
          return;
        }
        for (const r of rows) {
          const when = new Date(r.createdAt).toISOString().replace('T', ' ').slice(0, 16);
          const state = r.status === 'finished' ? (r.outcome ?? 'finished') : r.status;
          const request = r.request.length > 60 ? `${r.request.slice(0, 59)}…` : r.request;
          process.stdout.write(`${r.id}  ${when}  ${state.padEnd(9)}  ${r.model.padEnd(24)}  ${request}\n`);
        }
      } finally {
        journal.close();
      }
    });

  program
    .command('show')
    .description('Replay one errand from the journal: every step, then the report')
    .argument('<id>', 'the errand id (or a unique prefix)')
    .option('--json', 'print the events as JSON lines')
    .action((id: string, flags: { json?: boolean }) => {
      const journal = openJournal();
      try {
        const errandId = journal.resolve(id);
        const events = journal.events(errandId);
        if (flags.json) {
          for (const e of events) process.stdout.write(`${JSON.stringify(e)}\n`);
          return;
        }
        const renderer = new LiveRenderer(process.stdout, false);
        for (const e of events) renderer.event(e);
        process.stdout.write(`${formatReport(buildReport(events, errandId))}\n`);
      } finally {
        journal.close();
      }
    });
}
