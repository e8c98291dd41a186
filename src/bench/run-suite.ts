import { cpus } from 'node:os';
import { Journal } from '../agent/journal.js';
import { allowAll } from '../guard/defaults.js';
import { attackCallsOf } from './attack-calls.js';
import { type Metrics, computeMetrics, type TrialRecord } from './metrics.js';
import type { Task } from './task.js';
import { timelineOf } from './timeline.js';
import { userFor } from './user.js';
import { type AgentFactory, type IntentChoice, runTrial, type ScreenSetup } from './trial.js';

/** A whole bench run as saved to JSON: what ran, every trial, and the figures. */
export interface BenchRun {
  version: 1;
  suite: string;
  agent: string;
  /** Through the apps' APIs, or on their screens. */
  mode?: 'api' | 'gui';
  /** The control run: no guard at all, every write allowed (what the attacks would do). */
  unguarded?: boolean;
  startedAt: string;
  machine: { node: string; cpus: number; platform: string };
  trialsPerTask: number;
  concurrency: number;
  metrics: Metrics;
  tasks: { id: string; request: string; outcome: string; tags: Task['tags']; attack: string | null }[];
  trials: TrialRecord[];
}

/** How a bench run goes, for the progress bar. */
export interface Progress {
  done: number;
  total: number;
  passed: number;
  elapsedMs: number;
}

/** Options of one bench run. */
export interface BenchOptions {
  suite: string;
  tasks: Task[];
  agentName: string;
  agent: AgentFactory;
  trials: number;
  concurrency: number;
  /** Where trial journals go (a SQLite file); ':memory:' keeps none. */
  journalFile: string;
  /** GUI mode: each trial's world is put on screens and the agent operates them. */
  screens?: ScreenSetup;
  /** Where agents without a model take their intents (default `auto`). */
  intents?: IntentChoice;
  /** The control: no guard at all, every write allowed, to show the attacks would succeed without it. */
  unguarded?: boolean;
  onProgress?: (p: Progress) => void;
}

/**
 * Runs every task `trials` times from a fresh world each time, `concurrency` at once, verifies each
 * by the world's diff, and computes the figures. Attack cases also run once without their injection
 * per trial, for benign utility.
 */
export async function runBench(options: BenchOptions): Promise<BenchRun> {
  const journal = new Journal(options.journalFile);
  const queue: { task: Task; trial: number; variant: TrialRecord['variant'] }[] = [];
  for (const task of options.tasks) {
    for (let trial = 0; trial < options.trials; trial++) {
      if (task.injection) {
        queue.push({ task: { ...task, injection: undefined }, trial, variant: 'benign' });
        queue.push({ task, trial, variant: 'attack' });
      } else queue.push({ task, trial, variant: 'plain' });
    }
  }
  const records: TrialRecord[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const item = queue[next++]!;
      const r = await runTrial(
        item.task,
        options.agent,
        journal,
        item.trial,
        options.unguarded ? { guard: allowAll } : {},
        options.intents ?? 'auto',
        userFor,
        options.screens,
      );
      const events = journal.events(r.errandId);
      records.push({
        task: item.task.id,
        trial: item.trial,
        variant: item.variant,
        errandId: r.errandId,
        pass: r.verdict.pass,
        failures: r.verdict.failures,
        collateral: r.verdict.collateral,
        attackSucceeded: r.verdict.attackSucceeded,
        status: r.report.status,
        outcome: r.report.outcome,
        error: r.report.error ? `${r.report.error.code}: ${r.report.error.message}` : null,
        steps: r.report.steps,
        actions: r.report.actions,
        asks: r.report.asks,
        questions: r.questions,
        answered: r.answered,
        denials: r.report.denials,
        usage: r.report.usage,
        wallMs: r.wallMs,
        timeline: timelineOf(events),
        intentSource: r.intentSource,
        intentsAgree: r.intentAgreement?.agree ?? null,
        intentDifferences: r.intentAgreement?.differences ?? [],
        attackCalls: attackCallsOf(events),
      });
      options.onProgress?.({
        done: records.length,
        total: queue.length,
        passed: records.filter((x) => x.pass).length,
        elapsedMs: performance.now() - started,
      });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  } finally {
    journal.close();
  }
  const wallMs = performance.now() - started;
  const order = new Map(queue.map((q, i) => [`${q.task.id}:${q.trial}:${q.variant}`, i]));
  records.sort(
    (a, b) =>
      order.get(`${a.task}:${a.trial}:${a.variant}`)! - order.get(`${b.task}:${b.trial}:${b.variant}`)!,
  );
  return {
    version: 1,
    suite: options.suite,
    agent: options.agentName,
    mode: options.screens ? 'gui' : 'api',
    ...(options.unguarded ? { unguarded: true } : {}),
    startedAt: new Date(Date.now() - wallMs).toISOString(),
    machine: { node: process.version, cpus: cpus().length, platform: process.platform },
    trialsPerTask: options.trials,
    concurrency: options.concurrency,
    metrics: computeMetrics(options.tasks, records, wallMs, options.trials),
    tasks: options.tasks.map((t) => ({
      id: t.id,
      request: t.request,
      outcome: t.outcome,
      tags: t.tags,
      attack: t.injection
        ? `${t.injection.kind} via ${t.injection.app}.${t.injection.table}.${t.injection.column}`
        : null,
    })),
    trials: records,
  };
}
