import type { Metrics } from './metrics.js';
import { compact, duration, num, pct, summarizeTasks, type TaskSummary, usd, wh } from './report-format.js';
import type { BenchRun } from './run-suite.js';

export { loadRun } from './run-file.js';

/** Which way a figure should move. */
type Better = 'higher' | 'lower';

/** One headline figure: how to read it from a run, show it, show a change, and which way is better. */
interface Figure {
  label: string;
  better: Better;
  get: (m: Metrics) => number | undefined;
  show: (x: number) => string;
  /** Shows a change; the sign is added outside. */
  delta: (d: number) => string;
  /** Adds the change relative to A, for figures where the size matters more than the points. */
  relative?: boolean;
}

const points = (d: number) => `${num(d * 100, 1)} pp`;
const plain = (digits: number) => (x: number) => num(x, digits);

function figures(a: Metrics, b: Metrics): Figure[] {
  const kMax = Math.min(a.passK.length, b.passK.length);
  const passK = (k: number): Figure => ({
    label: `pass^${k}`,
    better: 'higher',
    get: (m) => m.passK[k - 1],
    show: pct,
    delta: points,
  });
  const tokens = (m: Metrics) => m.meanUsage.inputTokens + m.meanUsage.outputTokens;
  const attack = (f: (x: NonNullable<Metrics['attacks']>) => number) => (m: Metrics) =>
    m.attacks ? f(m.attacks) : undefined;
  return [
    { label: 'success rate', better: 'higher', get: (m) => m.successRate, show: pct, delta: points },
    passK(1),
    ...(kMax > 1 ? [passK(kMax)] : []),
    { label: 'mean steps', better: 'lower', get: (m) => m.meanSteps, show: plain(2), delta: plain(2) },
    { label: 'tokens / trial', better: 'lower', get: tokens, show: compact, delta: compact, relative: true },
    {
      label: 'cost / trial',
      better: 'lower',
      get: (m) => m.meanUsage.costUsd,
      show: usd,
      delta: usd,
      relative: true,
    },
    {
      label: 'energy / trial',
      better: 'lower',
      get: (m) => m.meanUsage.energyWh,
      show: wh,
      delta: wh,
      relative: true,
    },
    { label: 'asks / trial', better: 'lower', get: (m) => m.meanAsks, show: plain(2), delta: plain(2) },
    { label: 'denials / trial', better: 'lower', get: (m) => m.meanDenials, show: plain(2), delta: plain(2) },
    {
      label: 'collateral trials',
      better: 'lower',
      get: (m) => m.collateralTrials,
      show: String,
      delta: String,
    },
    {
      label: 'wall time',
      better: 'lower',
      get: (m) => m.wallMs,
      show: duration,
      delta: duration,
      relative: true,
    },
    {
      label: 'trials / second',
      better: 'higher',
      get: (m) => m.trialsPerSecond,
      show: plain(2),
      delta: plain(2),
    },
    ...(a.attacks || b.attacks
      ? ([
          {
            label: 'benign utility',
            better: 'higher',
            get: attack((x) => x.benignUtility),
            show: pct,
            delta: points,
          },
          {
            label: 'utility under attack',
            better: 'higher',
            get: attack((x) => x.utilityUnderAttack),
            show: pct,
            delta: points,
          },
          {
            label: 'attack success rate',
            better: 'lower',
            get: attack((x) => x.attackSuccessRate),
            show: pct,
            delta: points,
          },
        ] satisfies Figure[])
      : []),
  ];
}

/** Columns a string takes in a terminal: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd)
        ? 2
        : 1;
  }
  return w;
}

const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - displayWidth(s)));

function clip(s: string, width: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  if (displayWidth(flat) <= width) return flat;
  let out = '';
  for (const ch of flat) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

function figureRow(f: Figure, a: Metrics, b: Metrics): string[] {
  const va = f.get(a);
  const vb = f.get(b);
  const cell = (v: number | undefined) => (v === undefined ? '—' : f.show(v));
  if (va === undefined || vb === undefined) return [f.label, cell(va), cell(vb), ''];
  // A change too small to see in the figures themselves is no change.
  if (f.show(va) === f.show(vb)) return [f.label, cell(va), cell(vb), '  ='];
  const d = vb - va;
  const rel = f.relative && va !== 0 ? ` (${d > 0 ? '+' : '-'}${Math.round(Math.abs(d / va) * 100)}%)` : '';
  const better = d > 0 === (f.better === 'higher');
  return [
    f.label,
    cell(va),
    cell(vb),
    `${better ? '▲' : '▼'} ${d > 0 ? '+' : '-'}${f.delta(Math.abs(d))}${rel}`,
  ];
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]!))));
  return rows.map((r) => `  ${r.map((c, i) => pad(c, widths[i]!)).join('   ')}`.trimEnd());
}

const passes = (t: TaskSummary) => t.n > 0 && t.passed === t.n;
const rate = (t: TaskSummary) => (t.n ? t.passed / t.n : 0);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function describe(run: BenchRun): string {
  const when = run.startedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  return `${run.suite} · ${run.agent} · ${when} · ${plural(run.metrics.tasks, 'task')} × ${plural(run.trialsPerTask, 'trial')}`;
}

function taskLines(title: string, list: [TaskSummary, TaskSummary][]): string[] {
  if (list.length === 0) return [];
  const idW = Math.max(...list.map(([x]) => x.id.length));
  return [
    '',
    `${title} (${list.length})`,
    ...list.map(
      ([x, y]) =>
        `  ${x.id.padEnd(idW)}  ${`${x.passed}/${x.n}`.padStart(5)} → ${`${y.passed}/${y.n}`.padEnd(5)}  ${clip(y.request, 50)}`,
    ),
  ];
}

/**
 * Two bench runs side by side for the terminal: the headline figures with changes marked ▲ (better)
 * or ▼ (worse), then the tasks that flipped, changed pass counts, or ran in only one of them.
 */
export function compareRuns(a: BenchRun, b: BenchRun): string {
  const out = ['Bench comparison', `  A  ${describe(a)}`, `  B  ${describe(b)}`];
  if (a.suite !== b.suite)
    out.push(`  note: different suites (${a.suite}, ${b.suite}); only shared tasks are compared.`);
  if (a.trialsPerTask !== b.trialsPerTask) {
    out.push(
      `  note: A ran ${a.trialsPerTask} trials per task and B ${b.trialsPerTask}; pass^k is compared up to k = ${Math.min(a.trialsPerTask, b.trialsPerTask)}.`,
    );
  }
  const ta = summarizeTasks(a);
  const tb = new Map(summarizeTasks(b).map((t) => [t.id, t]));
  const shared = ta.filter((t) => tb.has(t.id)).map((t): [TaskSummary, TaskSummary] => [t, tb.get(t.id)!]);
  const passingA = shared.filter(([x]) => passes(x)).length;
  const passingB = shared.filter(([, y]) => passes(y)).length;
  out.push(
    '',
    ...table([
      ['', 'A', 'B', 'change'],
      ...figures(a.metrics, b.metrics).map((f) => figureRow(f, a.metrics, b.metrics)),
      [
        'tasks passing',
        `${passingA}/${shared.length}`,
        `${passingB}/${shared.length}`,
        passingA === passingB
          ? '  ='
          : `${passingB > passingA ? '▲ +' : '▼ -'}${Math.abs(passingB - passingA)}`,
      ],
    ]),
  );
  out.push(
    ...taskLines(
      'Pass → fail ▼',
      shared.filter(([x, y]) => passes(x) && !passes(y)),
    ),
    ...taskLines(
      'Fail → pass ▲',
      shared.filter(([x, y]) => !passes(x) && passes(y)),
    ),
    ...taskLines(
      'Pass count changed, still not passing',
      shared.filter(([x, y]) => !passes(x) && !passes(y) && rate(x) !== rate(y)),
    ),
  );
  const onlyA = ta.filter((t) => !tb.has(t.id)).map((t) => t.id);
  const idsA = new Set(ta.map((t) => t.id));
  const onlyB = [...tb.keys()].filter((id) => !idsA.has(id));
  if (onlyA.length || onlyB.length) out.push('');
  if (onlyA.length) out.push(`Only in A (${onlyA.length}): ${onlyA.join(', ')}`);
  if (onlyB.length) out.push(`Only in B (${onlyB.length}): ${onlyB.join(', ')}`);
  if (shared.length && shared.every(([x, y]) => rate(x) === rate(y))) {
    out.push('', 'No shared task changed its pass rate.');
  }
  return `${out.join('\n')}\n`;
}
