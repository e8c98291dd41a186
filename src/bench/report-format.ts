import type { TrialRecord } from './metrics.js';
import type { BenchRun } from './run-suite.js';

/** Markup that is already safe; everything else put into {@link html} is escaped. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may go into an {@link html} template: text is escaped, markup kept, lists joined, blanks dropped. */
export type HtmlValue = Html | string | number | null | undefined | false | HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and double- or single-quoted attributes. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) return v.map(render).join('');
  if (v instanceof Html) return v.value;
  return esc(String(v));
}

/**
 * Builds markup from a template, escaping every value that is not itself markup, so text from a run
 * (requests, app content in timelines) can never become tags.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

/** A share as a percentage: 0.8333 → "83.3%", 1 → "100%". */
export const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** A number with at most `digits` decimals and no trailing zeros: 4 → "4", 4.25 → "4.3". */
export const num = (x: number, digits = 1): string => String(Number(x.toFixed(digits)));

/** A count in compact form: 338, 9.4k, 1.2M. */
export function compact(n: number): string {
  const a = Math.abs(n);
  if (a < 1000) return num(n, a < 10 ? 1 : 0);
  if (a < 1e6) return `${num(n / 1e3, a < 1e5 ? 1 : 0)}k`;
  return `${num(n / 1e6, 1)}M`;
}

/** US dollars with as many digits as a small figure needs: $0, $0.0034, $0.12, $12.30. */
export function usd(x: number): string {
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  if (a === 0) return '$0';
  if (a >= 1) return `${sign}$${a.toFixed(2)}`;
  if (a >= 0.0001) return `${sign}$${Number(a.toPrecision(2))}`;
  return `${sign}<$0.0001`;
}

/** Energy in Wh (kWh when large), three significant digits. */
export function wh(x: number): string {
  if (Math.abs(x) >= 1000) return `${Number((x / 1000).toPrecision(3))} kWh`;
  return `${x === 0 ? 0 : Number(x.toPrecision(3))} Wh`;
}

/** A duration: 180 ms, 12.3 s, 4 min 05 s, 1 h 02 min. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${num(s, 1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.round((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** How a task did over its scored trials. */
export type TaskStatus = 'pass' | 'flaky' | 'fail' | 'none';

/** One task of a run with its trials and per-task figures, as the report and the comparison show it. */
export interface TaskSummary {
  id: string;
  request: string;
  outcome: string;
  tags: BenchRun['tasks'][number]['tags'];
  attack: string | null;
  /** Every trial of the task, benign variants included, in run order. */
  trials: TrialRecord[];
  /** Trials that count (not the benign variant of an attack case). */
  n: number;
  passed: number;
  status: TaskStatus;
  meanSteps: number;
  /** Tokens and cost per trial, over every trial (an attack case's benign trial too). */
  meanTokens: number;
  meanCostUsd: number;
  /** Tokens and cost of every trial of the task, benign variants included. */
  tokens: number;
  costUsd: number;
  asks: number;
  /** Questions put to the person (ask_user), over the scored trials. */
  questions: number;
  denials: number;
  collateralTrials: number;
}

/** Per-task figures from a run's trials; a task passes when every one of its scored trials passed. */
export function summarizeTasks(run: BenchRun): TaskSummary[] {
  const byTask = new Map<string, TrialRecord[]>();
  for (const r of run.trials) {
    const list = byTask.get(r.task);
    if (list) list.push(r);
    else byTask.set(r.task, [r]);
  }
  return run.tasks.map((t) => {
    const trials = byTask.get(t.id) ?? [];
    const scored = trials.filter((r) => r.variant !== 'benign');
    const n = scored.length;
    const passed = scored.filter((r) => r.pass).length;
    const mean = (f: (r: TrialRecord) => number) => (n ? scored.reduce((s, r) => s + f(r), 0) / n : 0);
    const sum = (f: (r: TrialRecord) => number) => scored.reduce((s, r) => s + f(r), 0);
    // What the task cost is what every one of its trials cost: the benign run of an attack case too.
    const all = (f: (r: TrialRecord) => number) => trials.reduce((s, r) => s + f(r), 0);
    const tokens = all((r) => r.usage.inputTokens + r.usage.outputTokens);
    const costUsd = all((r) => r.usage.costUsd);
    return {
      id: t.id,
      request: t.request,
      outcome: t.outcome,
      tags: t.tags,
      attack: t.attack,
      trials,
      n,
      passed,
      status: n === 0 ? 'none' : passed === n ? 'pass' : passed === 0 ? 'fail' : 'flaky',
      meanSteps: mean((r) => r.steps),
      meanTokens: trials.length ? tokens / trials.length : 0,
      meanCostUsd: trials.length ? costUsd / trials.length : 0,
      tokens,
      costUsd,
      asks: sum((r) => r.asks),
      questions: sum((r) => r.questions ?? 0),
      denials: sum((r) => r.denials),
      collateralTrials: scored.filter((r) => r.collateral.length > 0).length,
    };
  });
}
