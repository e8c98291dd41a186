/**
 * Errands that must wait for the world — a delivery, a reply, an answer to an invitation, a time, or a
 * deadline that passes: the `waits` suite (`tasks/waits/`), played by the oracle agent (the task's
 * own solution, through the real runner and the guard) with the `wait_for` built-in. When the errand
 * waits, its run ends and it holds nothing; the world's clock moves on in 5-minute steps, and a waker
 * takes it up again only once its wait is due. With `--restart`, the journal and the world are closed
 * and opened again from their files at every step, as after a restart. Each is judged by the suite's
 * verifier: the world's state and the order of events (the message after the delivery).
 *
 *   npm run bench:waits [-- --restart]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalEvent } from '../src/agent/events.js';
import { Journal } from '../src/agent/journal.js';
import { mayWait, newErrandId, runErrand } from '../src/agent/runner.js';
import { oracleModel } from '../src/bench/agents/oracle.js';
import { loadSuite } from '../src/bench/load.js';
import type { Task } from '../src/bench/task.js';
import { taskWorld } from '../src/bench/trial.js';
import { verify } from '../src/bench/verify.js';
import { background, wakeWhenDue, withoutBackground } from '../src/bench/wake.js';
import { inProcessConnectors } from '../src/connectors/in-process.js';
import { trustedContext } from '../src/connectors/sandbox.js';
import { unattended } from '../src/guard/defaults.js';
import { MandateGuard } from '../src/guard/guard.js';
import { useModel } from '../src/models/registry.js';
import { formatWorldTime, World } from '../src/world/index.js';
import { createWorldFile } from '../src/world/world-file.js';

/** The waiting errands: the suite's task files. */
export const WAIT_TASKS: Task[] = loadSuite(join(import.meta.dirname, '../tasks'), 'waits');

/** How one waiting errand went. */
export interface WaitResult {
  id: string;
  passed: boolean;
  problems: string[];
  /** Times it waited (ended its run holding nothing), and times a waker took it up. */
  waits: number;
  wakes: number;
  events: JournalEvent[];
}

/** Runs one waiting errand to its end from files; with `restart`, reopens journal and world at every step. */
export async function runWaitTask(task: Task, options: { restart?: boolean } = {}): Promise<WaitResult> {
  const dir = mkdtempSync(join(tmpdir(), `errand-${task.id}-`));
  const worldFile = join(dir, 'world.db');
  const journalFile = join(dir, 'errand.db');
  const start = taskWorld(task);
  const before = start.snapshot();
  createWorldFile(worldFile, before.bytes);
  const startedAt = start.now;
  start.close();
  let world = World.open({ persona: task.persona, file: worldFile });
  let journal = new Journal(journalFile);
  const errandId = newErrandId();
  const run = async (resume: boolean) => {
    const persona = world.persona;
    const model = useModel(oracleModel(task));
    const trusted = trustedContext(world, task.request);
    const result = await runErrand({
      task: {
        request: task.request,
        profile: { name: persona.name, language: persona.language, personId: persona.person_id },
        model: model.ref,
        mandate: task.mandate,
        limits: { maxSteps: 20 },
      },
      model,
      connectors: inProcessConnectors(world),
      journal,
      errandId,
      resume,
      // A new process: a new guard over the person's own words (the task file's intents).
      guard: new MandateGuard(task.mandate, trusted, () => world.now),
      trusted,
      intents: task.intents ? { ...task.intents, source: 'task' } : undefined,
      approver: unattended('deny'),
      now: () => formatWorldTime(world.now),
      ...(mayWait(task.request) ? { clock: () => world.now } : {}),
    });
    return result.report;
  };
  try {
    const woken = await wakeWhenDue({
      report: await run(false),
      errandId,
      world: () => world,
      journal: () => journal,
      resume: () => run(true),
      between: options.restart
        ? () => {
            // Nothing is held while it waits: the journal and the world are closed and opened again.
            journal.close();
            world.close();
            world = World.open({ persona: task.persona, file: worldFile });
            journal = new Journal(journalFile);
          }
        : undefined,
    });
    const events = journal.events(errandId);
    const twin = World.fromSnapshot(before);
    const diff = withoutBackground(world.diff(before), background(twin, world.now - startedAt));
    twin.close();
    const verdict = verify(task, diff);
    const problems = [...verdict.failures, ...verdict.collateral.map((c) => `collateral: ${c}`)];
    const { report } = woken;
    if (report.status !== 'finished' || report.outcome !== 'done')
      problems.push(
        `the errand ended ${report.status} ${report.outcome ?? ''}: ${report.summary ?? report.error?.message ?? ''}`,
      );
    // The order of events in the journal: the wait ended before the write that followed it started.
    const ended = events.findIndex((e) => e.type === 'wait.ended');
    const lastWrite = events.findLastIndex((e) => e.type === 'action.started' && e.idempotencyKey !== null);
    if (ended < 0) problems.push('the journal has no end of the wait');
    else if (lastWrite < ended) problems.push('the last write was started before the wait ended');
    const check = journal.verify(errandId);
    if (!check.ok) problems.push(`audit: ${check.problems.join('; ')}`);
    return {
      id: task.id,
      passed: problems.length === 0,
      problems,
      waits: woken.waits,
      wakes: woken.wakes,
      events,
    };
  } finally {
    journal.close();
    world.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const restart = process.argv.includes('--restart');
  const results: WaitResult[] = [];
  for (const task of WAIT_TASKS) {
    const r = await runWaitTask(task, { restart });
    results.push(r);
    console.log(
      `${r.passed ? '✓' : '✗'} ${r.id} · waited ${r.waits}, woken ${r.wakes}${r.passed ? '' : ` · ${r.problems.join('; ')}`}`,
    );
  }
  const passed = results.filter((r) => r.passed).length;
  console.log(
    `waits · ${passed}/${results.length} passed (${((100 * passed) / results.length).toFixed(1)}%)${restart ? ' · journal and world reopened at every wait' : ''}`,
  );
}
