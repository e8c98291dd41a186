import type { Command } from 'commander';
import type { JournalEvent } from '../agent/events.js';
import { buildReport } from '../agent/report.js';
import { shortArgs } from '../agent/report.js';
import { describeWrite } from '../agent/interrupted.js';
import { join } from 'node:path';
import { type Journal, verifyJournalFile } from '../agent/journal.js';
import type { AuditCheck } from '../guard/audit.js';
import { checkForErrand } from '../guard/audit-verify.js';
import { auditKey, errandHome, openJournal, readKeyFile } from './home.js';

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
        : report.status === 'interrupted'
          ? `interrupted: ${report.summary}`
          : report.status;
  lines.push(`Outcome: ${end}`);
  for (const w of report.unknown)
    lines.push(`  ? step ${w.step} ${describeWrite(w)} was started; its result never reached the journal`);
  lines.push(
    chain.ok
      ? `Audit chain: intact (${chain.events} events, signed)`
      : `Audit chain: BROKEN — ${chain.problems.join('; ')}`,
  );
  return lines.join('\n');
}

/** How one check reads: a line saying what was checked and whether it holds, then each change found. */
function printCheck(subject: string, check: AuditCheck): void {
  if (check.ok) {
    process.stdout.write(
      `✔ ${subject}: audit chain intact (${check.events} events${check.errands > 1 ? ` in ${check.errands} errands` : ''}, ${check.signed ? 'signed' : 'NOT signed: anyone could recompute it'})\n`,
    );
    return;
  }
  process.stdout.write(
    `✗ ${subject}: audit chain broken — the journal was changed after it was written\n${check.problems.map((p) => `  - ${p}`).join('\n')}\n`,
  );
  process.exitCode = 2;
}

/** `errand audit verify [id]`: one errand, or with no id the whole journal (here or a copy with --journal). */
function verifyCommand(id: string | undefined, flags: { journal?: string; key?: string }): void {
  if (flags.journal) {
    const key = flags.key ? readKeyFile(flags.key) : auditKey(errandHome());
    const all = verifyJournalFile(flags.journal, key);
    printCheck(
      id ? `${id} in ${flags.journal}` : `journal ${flags.journal}`,
      id ? checkForErrand(all, id) : all,
    );
    return;
  }
  const journal = openJournal();
  try {
    const [subject, check] = id ? errandCheck(journal, id) : ['journal', journal.verifyAll()];
    printCheck(subject, check);
  } finally {
    journal.close();
  }
}

/** One errand's check; an id no longer in the list may belong to an errand removed from it. */
function errandCheck(journal: Journal, id: string): [string, AuditCheck] {
  try {
    const errandId = journal.resolve(id);
    return [errandId, journal.verify(errandId)];
  } catch (err) {
    const all = journal.verifyAll();
    const removed = all.findings.filter((f) => f.errands.some((e) => e.startsWith(id)));
    if (removed.length === 0) throw err;
    return [id, { ...all, ok: false, findings: removed, problems: removed.map((f) => f.message) }];
  }
}

/** `errand audit verify [id]`, `errand audit show <id>` and `errand audit export <file>`. */
export function registerAuditCommands(program: Command): void {
  const audit = program
    .command('audit')
    .description('Check, read and export the tamper-evident audit log of errands');
  audit
    .command('verify')
    .description(
      'Find any change to the journal: edited, deleted, inserted or reordered events, a cut end, a removed errand, a changed status',
    )
    .argument('[id]', 'one errand (id or unique prefix); with none, the whole journal')
    .option(
      '--journal <file>',
      'check this journal file (an export, or a copy) instead of the one in errand’s home',
    )
    .option('--key <file>', 'the audit key that signed it (default: the key in errand’s home)')
    .action((id: string | undefined, flags: { journal?: string; key?: string }) => verifyCommand(id, flags));
  audit
    .command('export')
    .description('Write a consistent copy of the whole journal to a new file, to keep or check elsewhere')
    .argument('<file>', 'the new file')
    .action((file: string) => {
      const journal = openJournal();
      try {
        journal.exportTo(file);
        const check = verifyJournalFile(file, auditKey(errandHome()));
        process.stdout.write(
          `Exported ${check.events} events of ${check.errands} errands to ${file}.\nCheck it anywhere with: errand audit verify --journal ${file} --key <a copy of ${join(errandHome(), 'audit.key')}>\n`,
        );
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
