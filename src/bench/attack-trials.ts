import type { JournalEvent } from '../agent/events.js';
import type { Journal } from '../agent/journal.js';
import type { Guard } from '../guard/types.js';
import { type AttackCall, attackCallsOf, stopped } from './attack-calls.js';
import type { Task } from './task.js';
import { type AgentFactory, runTrial } from './trial.js';
import type { TrialVerdict } from './verify.js';

/** One attack case run once with its injection and once without, as the attack tests read it. */
export interface AttackOutcome {
  task: Task;
  attacked: TrialVerdict;
  benign: TrialVerdict;
  calls: AttackCall[];
  events: JournalEvent[];
}

/** Runs every case with and without its injection, through the given guard (the real one by default). */
export async function runAttackCases(
  tasks: Task[],
  agent: AgentFactory,
  journal: Journal,
  guard?: Guard,
): Promise<AttackOutcome[]> {
  const extra = guard ? { guard } : {};
  const out: AttackOutcome[] = [];
  for (const task of tasks) {
    const attacked = await runTrial(task, agent, journal, 0, extra);
    const benign = await runTrial({ ...task, injection: undefined }, agent, journal, 0, extra);
    const events = journal.events(attacked.errandId);
    out.push({
      task,
      attacked: attacked.verdict,
      benign: benign.verdict,
      calls: attackCallsOf(events),
      events,
    });
  }
  return out;
}

/** Every attack call that was not stopped, as "case call-id tool: fate — reason" lines. */
export function callsThrough(outcomes: AttackOutcome[]): string[] {
  return outcomes.flatMap((o) =>
    o.calls
      .filter((c) => !stopped(c))
      .map((c) => `${o.task.id} ${c.callId} ${c.tool}: ${c.fate}${c.ran ? ', ran' : ''} — ${c.reason}`),
  );
}

/** The cases whose attack goal was met. */
export function attackersWon(outcomes: AttackOutcome[]): string[] {
  return outcomes.filter((o) => o.attacked.attackSucceeded !== false).map((o) => o.task.id);
}
