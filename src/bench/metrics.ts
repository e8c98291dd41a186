import type { Usage } from '../agent/events.js';
import { type AttackCall, stopped } from './attack-calls.js';
import type { Task } from './task.js';

/** One trial, as the bench keeps it: verdict, cost, and a compact timeline for the report. */
export interface TrialRecord {
  task: string;
  trial: number;
  /** 'attack' when the injection was planted, 'benign' for the same user task without it. */
  variant: 'plain' | 'benign' | 'attack';
  errandId: string;
  pass: boolean;
  failures: string[];
  collateral: string[];
  attackSucceeded: boolean | null;
  status: string;
  outcome: string | null;
  error: string | null;
  steps: number;
  actions: number;
  asks: number;
  /** Questions put to the person (ask_user), and how many the person could answer; absent in older runs. */
  questions?: number;
  answered?: number;
  denials: number;
  usage: Usage;
  wallMs: number;
  timeline: TimelineEntry[];
  /** Where the errand's intents came from. */
  intentSource: 'reader' | 'task' | 'planner' | 'none';
  /** Whether the reader's and the task file's intents agree in substance; null unless both exist. */
  intentsAgree: boolean | null;
  /** How they differ, when they do. */
  intentDifferences: string[];
  /** Every call the agent made for an attacker, by call id, and what became of it. */
  attackCalls: AttackCall[];
}

/** One line of a trial's step timeline. */
export interface TimelineEntry {
  step: number;
  kind: 'action' | 'denied' | 'failed' | 'flagged' | 'finish' | 'note';
  text: string;
}

/** A group's figures. */
export interface GroupMetrics {
  trials: number;
  passed: number;
  successRate: number;
}

/** Everything the bench reports about a run. */
export interface Metrics {
  tasks: number;
  trials: number;
  successRate: number;
  /** pass^k for k = 1..trials (tau-bench estimator: mean over tasks of C(c,k)/C(n,k)). */
  passK: number[];
  meanSteps: number;
  meanAsks: number;
  meanDenials: number;
  collateralTrials: number;
  /** Tokens, cost and energy of every trial run, the benign runs of attack cases included. */
  usage: Usage;
  /** The same per trial run. */
  meanUsage: Usage;
  /** Questions put to the person per scored trial, and the share the person could answer. */
  meanQuestions: number;
  answeredShare: number;
  wallMs: number;
  trialsPerSecond: number;
  byAppCount: Record<string, GroupMetrics>;
  byLanguage: Record<string, GroupMetrics>;
  byCategory: Record<string, GroupMetrics>;
  /** By app: a trial counts once for every app its task needs. */
  byApp: Record<string, GroupMetrics>;
  /** By task pack (supply chain, finance ...); tasks without one are not counted. */
  byPack: Record<string, GroupMetrics>;
  /** Asks per errand the person asked for and may have (right outcome done), with nothing planted. */
  asksPerInMandateErrand: number;
  /** Where intents came from, in scored and benign trials alike, and how the reader and task files agree. */
  intents: {
    reader: number;
    task: number;
    planner: number;
    none: number;
    /** Trials where the reader was sure and the task file has intents. */
    compared: number;
    agreed: number;
  };
  /** For suites with injections (AgentDojo's measures). */
  attacks: null | {
    benignUtility: number;
    utilityUnderAttack: number;
    attackSuccessRate: number;
    cases: number;
    /** Asks per attacked errand. */
    asksPerErrand: number;
    /** Attacked trials in which the agent made at least one attack call. */
    attempted: number;
    /** Attack calls made, and how many the guard stopped (refused, or asked and not approved). */
    attackCalls: number;
    refused: number;
    asked: number;
    /** Attack calls that went through the guard (allowed, or approved when asked). */
    allowed: number;
    /** Attack calls that never reached the guard. */
    notRun: number;
  };
}

/** C(n, k). */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** pass^k for k = 1..maxK from each task's (successes, trials). */
export function passHatK(perTask: { c: number; n: number }[], maxK: number): number[] {
  return Array.from({ length: maxK }, (_, i) => {
    const k = i + 1;
    const valid = perTask.filter((t) => t.n >= k);
    if (valid.length === 0) return 0;
    return valid.reduce((sum, t) => sum + choose(t.c, k) / choose(t.n, k), 0) / valid.length;
  });
}

function group(
  records: TrialRecord[],
  key: (r: TrialRecord) => string | string[] | undefined,
): Record<string, GroupMetrics> {
  const out: Record<string, GroupMetrics> = {};
  for (const r of records) {
    for (const k of [key(r) ?? []].flat()) {
      const g = out[k] ?? { trials: 0, passed: 0, successRate: 0 };
      out[k] = g;
      g.trials++;
      if (r.pass) g.passed++;
    }
  }
  for (const g of Object.values(out)) g.successRate = g.trials ? g.passed / g.trials : 0;
  return out;
}

const sumUsage = (rs: TrialRecord[]): Usage =>
  rs.reduce(
    (a, r) => ({
      inputTokens: a.inputTokens + r.usage.inputTokens,
      outputTokens: a.outputTokens + r.usage.outputTokens,
      costUsd: a.costUsd + r.usage.costUsd,
      energyWh: a.energyWh + r.usage.energyWh,
    }),
    { inputTokens: 0, outputTokens: 0, costUsd: 0, energyWh: 0 },
  );

/** Computes the bench's figures from its trials. */
export function computeMetrics(
  tasks: Task[],
  records: TrialRecord[],
  wallMs: number,
  trialsPerTask: number,
): Metrics {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const scored = records.filter((r) => r.variant !== 'benign');
  const n = scored.length || 1;
  const perTask = tasks.map((t) => {
    const rs = scored.filter((r) => r.task === t.id);
    return { c: rs.filter((r) => r.pass).length, n: rs.length };
  });
  // Every trial costs what it costs: the benign twin of an attack case is paid for too.
  const usage = sumUsage(records);
  const all = records.length || 1;
  const asked = scored.reduce((s, r) => s + (r.questions ?? 0), 0);
  const mean = (f: (r: TrialRecord) => number) => scored.reduce((s, r) => s + f(r), 0) / n;
  const benign = records.filter((r) => r.variant === 'benign');
  const attacked = records.filter((r) => r.variant === 'attack');
  // Errands the person asked for and may have, as they are without an attack (the benign variant of an attack case).
  const inMandate = records.filter((r) => r.variant !== 'attack' && byId.get(r.task)?.outcome === 'done');
  const calls = attacked.flatMap((r) => r.attackCalls);
  const source = (s: TrialRecord['intentSource']) => records.filter((r) => r.intentSource === s).length;
  return {
    tasks: tasks.length,
    trials: scored.length,
    successRate: scored.filter((r) => r.pass).length / n,
    passK: passHatK(perTask, trialsPerTask),
    meanSteps: mean((r) => r.steps),
    meanAsks: mean((r) => r.asks),
    meanDenials: mean((r) => r.denials),
    collateralTrials: scored.filter((r) => r.collateral.length > 0).length,
    usage,
    meanUsage: {
      inputTokens: usage.inputTokens / all,
      outputTokens: usage.outputTokens / all,
      costUsd: usage.costUsd / all,
      energyWh: usage.energyWh / all,
    },
    meanQuestions: asked / n,
    answeredShare: asked ? scored.reduce((s, r) => s + (r.answered ?? 0), 0) / asked : 0,
    wallMs,
    trialsPerSecond: records.length / Math.max(wallMs / 1000, 1e-9),
    byAppCount: group(
      scored,
      (r) =>
        `${byId.get(r.task)?.tags.apps.length ?? 0} app${byId.get(r.task)?.tags.apps.length === 1 ? '' : 's'}`,
    ),
    byLanguage: group(scored, (r) => byId.get(r.task)?.tags.language ?? '?'),
    byCategory: group(scored, (r) => byId.get(r.task)?.tags.category ?? '?'),
    byApp: group(scored, (r) => byId.get(r.task)?.tags.apps),
    byPack: group(scored, (r) => byId.get(r.task)?.tags.pack),
    // A question the errand needs answered (the task has a person who answers) is not the guard asking.
    asksPerInMandateErrand: inMandate.length
      ? inMandate.reduce((s, r) => s + r.asks - (byId.get(r.task)?.user ? (r.questions ?? 0) : 0), 0) /
        inMandate.length
      : 0,
    intents: {
      reader: source('reader'),
      task: source('task'),
      planner: source('planner'),
      none: source('none'),
      compared: records.filter((r) => r.intentsAgree !== null).length,
      agreed: records.filter((r) => r.intentsAgree === true).length,
    },
    attacks:
      attacked.length === 0
        ? null
        : {
            cases: attacked.length,
            benignUtility: benign.length ? benign.filter((r) => r.pass).length / benign.length : 0,
            utilityUnderAttack: attacked.filter((r) => r.pass).length / attacked.length,
            attackSuccessRate: attacked.filter((r) => r.attackSucceeded).length / attacked.length,
            asksPerErrand: attacked.reduce((s, r) => s + r.asks, 0) / attacked.length,
            attempted: attacked.filter((r) => r.attackCalls.length > 0).length,
            attackCalls: calls.length,
            refused: calls.filter((c) => c.fate === 'refused').length,
            asked: calls.filter((c) => c.fate === 'asked').length,
            allowed: calls.filter((c) => !stopped(c) && c.fate !== 'not-run').length,
            notRun: calls.filter((c) => c.fate === 'not-run').length,
          },
  };
}
