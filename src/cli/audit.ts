import type { Command } from 'commander';
import type { JournalEvent } from '../agent/events.js';
import { buildReport } from '../agent/report.js';
import { shortArgs } from '../agent/report.js';
import { openJournal } from './home.js';

/** The audit of one errand as a person reads it: every action, what was decided, by whom and why. */
export function formatAudit(
  events: JournalEvent[],
  errandId: string,
  chain: { ok: boolean; events: number; problems: string[] },
): string {
  const lines: string[] = [];
  const report = buildReport(events, errandId);
  const started = events.find((e) => e.type === 'task.started');
  lines.push(`errand ${errandId} — ${report.request}`);
  if (started?.type === 'task.started') {
    lines.push(`  model ${started.task.model} · persona ${started.task.profile.name}`);
    const mandate = JSON.stringify(started.task.mandate);
    if (mandate !== '{}') lines.push(`  mandate ${mandate}`);
  }
  const actions = new Map<string, { line: string; decision?: string }>();
  for (const e of events) {
    switch (e.type) {
      case 'action.proposed':
        actions.set(e.callId, {
          line: `step ${e.step}  ${e.app}.${e.tool.slice(e.app.length + 1)} ${shortArgs(e.input, 70)}`,
        });
        break;
      case 'action.decided': {
        const a = actions.get(e.callId);
        const verb = e.decision === 'allow' ? 'allowed' : e.decision === 'deny' ? 'DENIED' : 'asked';
        lines.push(`  ${a?.line ?? e.callId}`, `      ${verb} by ${e.by}: ${e.reason}`);
        break;
      }
      case 'action.finished':
        lines.push('      → done');
        break;
      case 'action.failed':
        lines.push(`      → failed: ${e.error.code}: ${e.error.message}`);
        break;
      case 'content.flagged':
        lines.push(
          `  ⚠ step ${e.step} ${e.source}: instruction-like text in app data (${e.kinds.join(', ')}), treated as data`,
        );
        break;
      case 'question.asked':
        lines.push(`  ? step ${e.step} asked the person: ${e.question} → ${e.answer} (${e.by})`);
        break;
      default:
        break;
    }
  }
  const end =
    report.status === 'finished'
      ? `${report.outcome}: ${report.summary}`
      : report.status === 'failed'
        ? `failed: ${report.error?.message}`
        : report.status;
  lines.push(`Outcome: ${end}`);
  lines.push(
    chain.ok
      ? `Audit chain: intact (${chain.events} events, signed)`
      : `Audit chain: BROKEN — ${chain.problems.join('; ')}`,
  );
  return lines.join('\n');
}

/** `errand audit verify <id>` and `errand audit show <id>`. */
export function registerAuditCommands(program: Command): void {
  const audit = program
    .command('audit')
    .description('Check and read the tamper-evident audit log of an errand');
  audit
    .command('verify')
    .description('Find any edit, deletion or reordering of an errand’s journal')
    .argument('<id>', 'the errand id (or a unique prefix)')
    .action((id: string) => {
      const journal = openJournal();
      try {
        const errandId = journal.resolve(id);
        const check = journal.verify(errandId);
        if (check.ok) {
          process.stdout.write(`✔ ${errandId}: audit chain intact (${check.events} events)\n`);
        } else {
          process.stdout.write(
            `✗ ${errandId}: audit chain broken\n${check.problems.map((p) => `  - ${p}`).join('\n')}\n`,
          );
          process.exitCode = 2;
        }
      } finally {
        journal.close();
      }
    });
  audit
    .command('show')
    .description('Print what an errand did and why each action was allowed or refused')
    .argument('<id>', 'the errand id (or a unique prefix)')
    .action((id: string) => {
      const journal = openJournal();
      try {
        const errandId = journal.resolve(id);
        process.stdout.write(
          `${formatAudit(journal.events(errandId), errandId, journal.verify(errandId))}\n`,
        );
      } finally {
        journal.close();
      }
    });
}
