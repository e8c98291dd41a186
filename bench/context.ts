// npm run bench:context — what the model is sent. The core suite runs with the oracle's solution, each
// request built into the bytes that would go on the wire by the real OpenAI-compatible provider and
// counted with o200k_base: tokens per request, tokens of tool schemas, tokens per observation, and
// the share of each request after the first that is the previous request's prefix (what a provider
// cache can reuse). Twice: under each task's own mandate, and with all six apps allowed. Figures are
// printed next to the committed baseline (bench/context-baseline.json); `-- --write-baseline` rewrites
// it. The work suite (tasks/work, mandates naming the work apps) is measured too, with no baseline.
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../src/agent/journal.js';
import { resolveAgent } from '../src/bench/agents/index.js';
import { loadSuite } from '../src/bench/load.js';
import type { Task } from '../src/bench/task.js';
import { runTrial } from '../src/bench/trial.js';
import { call, finish, PolicyModel } from '../src/models/testing.js';
import { type ErrandFigures, figuresOf, tapWire, type WireRequest } from './context-measure.js';

/**
 * The reads a model makes before it acts (the oracle's solution makes almost none): one of each kind
 * of list a person's errands need, all apps allowed, one call a turn.
 */
const READS = [
  call('food_search_restaurants', { query: '川味' }),
  call('food_get_menu', { restaurant_id: 'r_chuanwei' }),
  call('food_list_reviews', { restaurant_id: 'r_chuanwei' }),
  call('food_list_addresses', {}),
  call('chat_list_contacts', {}),
  call('chat_list_conversations', {}),
  call('chat_read_messages', { conversation_id: 'cv_liming_wangfang' }),
  call('calendar_list_events', { from: '2026-12-01', to: '2026-12-07' }),
  call('pay_get_balance', {}),
  call('pay_list_transactions', {}),
  call('shop_search_products', { query: '雨伞' }),
  call('maps_search_places', { query: '外滩' }),
];

function readsModel(): PolicyModel {
  return new PolicyModel(
    (view) => {
      const done = view.results.filter((r) => r.callId.startsWith('read-')).length;
      const next = READS[done];
      return {
        calls: [next ? { ...next, id: `read-${done}` } : finish('看过了。', [], 'done')],
        usage: { input: 0, output: 0 },
      };
    },
    'reads',
    'builtin',
  );
}

const BASELINE = join(import.meta.dirname, 'context-baseline.json');
const write = process.argv.includes('--write-baseline');

/** Figures of a whole mode, over every request or observation of every errand. */
interface Totals {
  errands: number;
  passed: number;
  requests: number;
  meanRequestTokens: number;
  meanFirstToolChars: number;
  maxFirstToolChars: number;
  meanFirstToolTokens: number;
  meanToolTokens: number;
  meanObservationTokens: number;
  observations: number;
  meanPrefixShare: number;
  minPrefixShare: number;
  /** Requests after the first whose reusable prefix is at least 80% of them. */
  prefixAtLeast80: number;
  laterRequests: number;
}

interface ModeResult {
  totals: Totals;
  errands: Record<string, Omit<ErrandFigures, 'observationTokens' | 'prefixShares'> & { pass: boolean }>;
}

interface Baseline {
  measuredAt: string;
  commit: string;
  tokenizer: 'o200k_base';
  modes: { task: ModeResult; all: ModeResult; reads: ModeResult };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

async function runMode(tasks: Task[], allApps: boolean, reads = false): Promise<ModeResult> {
  const journal = new Journal(':memory:');
  const oracle = reads ? () => readsModel() : resolveAgent('oracle');
  const figures: (ErrandFigures & { id: string; pass: boolean })[] = [];
  for (const task of tasks) {
    const t: Task = allApps ? { ...task, mandate: { ...task.mandate, apps: null } } : task;
    const requests: WireRequest[] = [];
    const r = await runTrial(t, (x) => tapWire(oracle(x) as never, requests), journal);
    const failed = journal.events(r.errandId).filter((e) => e.type === 'action.failed');
    if (reads && failed.length) throw new Error(`a read failed: ${JSON.stringify(failed[0])}`);
    figures.push({ ...figuresOf(requests), id: task.id, pass: reads || r.verdict.pass });
  }
  journal.close();
  const requests = figures.reduce((n, f) => n + f.requests, 0);
  const shares = figures.flatMap((f) => f.prefixShares);
  const observations = figures.flatMap((f) => f.observationTokens);
  const first = figures.map((f) => f.firstToolChars);
  const totals: Totals = {
    errands: figures.length,
    passed: figures.filter((f) => f.pass).length,
    requests,
    meanRequestTokens: figures.reduce((n, f) => n + f.meanRequestTokens * f.requests, 0) / requests,
    meanFirstToolChars: mean(first),
    maxFirstToolChars: Math.max(...first),
    meanFirstToolTokens: mean(figures.map((f) => f.firstToolTokens)),
    meanToolTokens: figures.reduce((n, f) => n + f.meanToolTokens * f.requests, 0) / requests,
    meanObservationTokens: mean(observations),
    observations: observations.length,
    meanPrefixShare: mean(shares),
    minPrefixShare: shares.length ? Math.min(...shares) : 0,
    prefixAtLeast80: shares.filter((s) => s >= 0.8).length,
    laterRequests: shares.length,
  };
  const errands: ModeResult['errands'] = {};
  for (const { id, observationTokens: _o, prefixShares, ...f } of figures)
    errands[id] = { ...f, ...{ meanPrefixShare: mean(prefixShares) } } as never;
  return { totals, errands };
}

const round = (n: number, d = 0) => Math.round(n * 10 ** d) / 10 ** d;
const ratio = (now: number, base: number | undefined) =>
  base ? `${(now / base).toFixed(2)}×` : base === 0 ? '—' : 'n/a';
const pct = (x: number) => `${Math.round(x * 100)}%`;

function printMode(name: string, now: ModeResult, base: ModeResult | undefined): void {
  const n = now.totals;
  const b = base?.totals;
  console.log(`\n## ${name}: ${n.errands} errands (${n.passed} passed), ${n.requests} requests`);
  console.log(
    `${'task'.padEnd(20)} ${'req'.padStart(3)} ${'tokens/request'.padStart(22)} ${'tool schema tokens, 1st'.padStart(26)} ${'obs tokens'.padStart(10)} ${'prefix'.padStart(7)}`,
  );
  for (const [id, f] of Object.entries(now.errands)) {
    const bf = base?.errands[id];
    const tr = `${round(f.meanRequestTokens)} (${bf ? round(bf.meanRequestTokens) : '?'}, ${ratio(f.meanRequestTokens, bf?.meanRequestTokens)})`;
    const tt = `${f.firstToolTokens} (${bf?.firstToolTokens ?? '?'})`;
    const share = (f as unknown as { meanPrefixShare: number }).meanPrefixShare;
    console.log(
      `${id.padEnd(20)} ${String(f.requests).padStart(3)} ${tr.padStart(22)} ${tt.padStart(26)} ${'·'.padStart(10)} ${(f.requests > 1 ? pct(share) : '—').padStart(7)}${f.pass ? '' : '  FAILED'}`,
    );
  }
  const line = (label: string, v: string, bv: string, r: string) =>
    console.log(`${label.padEnd(44)} ${v.padStart(10)}   baseline ${bv.padStart(10)}   ${r}`);
  console.log('');
  line(
    'mean tokens per request',
    String(round(n.meanRequestTokens)),
    b ? String(round(b.meanRequestTokens)) : '?',
    ratio(n.meanRequestTokens, b?.meanRequestTokens),
  );
  line(
    'tool schemas, first request (chars, mean)',
    String(round(n.meanFirstToolChars)),
    b ? String(round(b.meanFirstToolChars)) : '?',
    `max ${n.maxFirstToolChars} (baseline ${b?.maxFirstToolChars ?? '?'})`,
  );
  line(
    'tool schemas, first request (tokens, mean)',
    String(round(n.meanFirstToolTokens)),
    b ? String(round(b.meanFirstToolTokens)) : '?',
    ratio(n.meanFirstToolTokens, b?.meanFirstToolTokens),
  );
  line(
    'tool schema tokens per request (mean)',
    String(round(n.meanToolTokens)),
    b ? String(round(b.meanToolTokens)) : '?',
    ratio(n.meanToolTokens, b?.meanToolTokens),
  );
  line(
    `tokens per observation (${n.observations})`,
    String(round(n.meanObservationTokens, 1)),
    b ? String(round(b.meanObservationTokens, 1)) : '?',
    ratio(n.meanObservationTokens, b?.meanObservationTokens),
  );
  line(
    'reusable prefix, requests after the first',
    pct(n.meanPrefixShare),
    b ? pct(b.meanPrefixShare) : '?',
    `min ${pct(n.minPrefixShare)}; ≥80% in ${n.prefixAtLeast80} of ${n.laterRequests} (baseline ${b ? `${b.prefixAtLeast80} of ${b.laterRequests}` : '?'})`,
  );
}

// The personal errands: what the baseline was measured on (work apps are offered only when named).
const tasks = loadSuite(join(import.meta.dirname, '..', 'tasks'), 'personal');
const workTasks = loadSuite(join(import.meta.dirname, '..', 'tasks'), 'work');
const started = performance.now();
const readsTask = tasks.find((t) => t.id === 'core-combo-001')!;
const modes = {
  task: await runMode(tasks, false),
  all: await runMode(tasks, true),
  reads: await runMode([readsTask], true, true),
};
// The work suite under each task's own mandate (which names the work apps): figures only, no baseline.
const work = await runMode(workTasks, false);
let base: Baseline | undefined;
try {
  base = JSON.parse(readFileSync(BASELINE, 'utf8')) as Baseline;
} catch {
  base = undefined;
}
console.log(
  `bench:context · core suite's personal errands, oracle's solution through the OpenAI-compatible request builder · o200k_base tokens${base ? ` · baseline ${base.commit} (${base.measuredAt.slice(0, 10)})` : ' · no baseline yet'}`,
);
printMode("each task's own mandate", modes.task, write ? undefined : base?.modes.task);
printMode('all six apps allowed', modes.all, write ? undefined : base?.modes.all);
printMode(
  `typical reads (${READS.length}, one a turn, all apps allowed)`,
  modes.reads,
  write ? undefined : base?.modes.reads,
);
printMode("work suite, each task's own mandate (no baseline)", work, undefined);
if (base && !write) {
  const a = modes.all.totals;
  const ba = base.modes.all.totals;
  console.log('\n## Targets (all six apps allowed, against the baseline)');
  const t = (ok: boolean, s: string) => console.log(`${ok ? 'met    ' : 'NOT met'}  ${s}`);
  t(
    a.meanRequestTokens <= 0.25 * ba.meanRequestTokens,
    `mean request tokens ${ratio(a.meanRequestTokens, ba.meanRequestTokens)} (≤ 0.25×)`,
  );
  t(
    a.maxFirstToolChars <= 16_000,
    `tool schemas on the first turn ≤ 16,000 chars: max ${a.maxFirstToolChars}`,
  );
  t(
    a.meanObservationTokens <= 0.5 * ba.meanObservationTokens,
    `tokens per observation ${ratio(a.meanObservationTokens, ba.meanObservationTokens)} (≤ 0.5×)`,
  );
  t(
    a.minPrefixShare >= 0.8,
    `reusable prefix ≥ 80% of each request after the first: min ${pct(a.minPrefixShare)}, mean ${pct(a.meanPrefixShare)}`,
  );
}
console.log(`\n(${round((performance.now() - started) / 1000, 1)} s)`);
if (write) {
  const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  const out: Baseline = { measuredAt: new Date().toISOString(), commit, tokenizer: 'o200k_base', modes };
  writeFileSync(BASELINE, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`baseline written to ${BASELINE}`);
}
