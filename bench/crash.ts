/**
 * The full crash sweep: for each of a sample of core errands (errand's recipes, no LLM), kill a real
 * `errand run` with SIGKILL at every fault point of its uninterrupted run — each step boundary, while the
 * model thinks, and before, inside and after every write — resume it with `errand resume --all`, and
 * compare the world and journal with the uninterrupted run.
 *
 *   npm run bench:crash [-- --errands 20] [--seed N] [--concurrency 2] [--naive]
 *
 * `--naive` also runs, at each kill point, what a person could do before errands resumed — run the same
 * request again (`--again`) — and counts the effects that doubles. `ERRAND_CRASH_BUILT=1` (after
 * `npm run build`) starts the built CLI, which is quicker.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  baseline,
  coreTasks,
  type DrillResult,
  drill,
  effectCounts,
  errandProcess,
  journalFacts,
  prepareTrial,
  runArgs,
  seededRandom,
  shuffled,
  worldState,
} from './crash-drill.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

const errands = Number(flag('errands') ?? 20);
const seed = Number(flag('seed') ?? Math.floor(Math.random() * 1e9));
const concurrency = Number(flag('concurrency') ?? 2);
const naive = process.argv.includes('--naive');
const root = mkdtempSync(join(tmpdir(), 'errand-crash-sweep-'));

async function pool<T>(items: T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

const started = performance.now();
const random = seededRandom(seed);
const candidates = shuffled(
  coreTasks().filter((t) => t.outcome !== 'refuse'),
  random,
);
type Base = Parameters<typeof drill>[3];
const chosen: { task: (typeof candidates)[number]; points: string[]; base: Base }[] = [];
for (const task of candidates) {
  if (chosen.length >= errands) break;
  const trial = prepareTrial(task, join(root, `${task.id}-base`));
  const { ended, points } = await baseline(trial);
  const facts = journalFacts(trial);
  if (ended.signal || facts.writesDone.length === 0) continue;
  chosen.push({
    task,
    points,
    base: {
      world: worldState(trial.world),
      effects: effectCounts(trial.world),
      outcome: facts.errands[0]?.outcome ?? null,
    },
  });
}
const jobs = chosen.flatMap((c) => c.points.map((point, i) => ({ ...c, at: i + 1, point })));
console.log(
  `crash sweep (seed ${seed}): ${chosen.length} errands, ${jobs.length} kill points${naive ? ', with the naive re-run at each' : ''}`,
);

const results: DrillResult[] = [];
let naiveDuplicates = 0;
let naiveRuns = 0;
let n = 0;
await pool(jobs, concurrency, async (job) => {
  const dir = join(root, `${job.task.id}-${job.at}`);
  const result = await drill(prepareTrial(job.task, dir), [job.at], job.points, job.base);
  results.push(result);
  if (naive) {
    const trial = prepareTrial(job.task, `${dir}-naive`);
    await errandProcess(trial, runArgs(trial), { ERRAND_FAULT_SIGKILL_AT: String(job.at) });
    await errandProcess(trial, [...runArgs(trial).slice(0, -1), '--again', job.task.request]);
    const effects = effectCounts(trial.world);
    naiveDuplicates += Object.entries(effects).reduce(
      (sum, [k, v]) => sum + Math.max(0, v - (job.base.effects[k] ?? 0)),
      0,
    );
    naiveRuns++;
  }
  const bad =
    !result.killedAsPlanned ||
    !result.sameWorld ||
    result.duplicates > 0 ||
    result.lost > 0 ||
    !result.auditOk ||
    !result.sameOutcome ||
    result.doubleResults.length > 0;
  n++;
  if (bad || n % 25 === 0)
    console.log(
      `${n}/${jobs.length} ${job.task.id} @${job.at} ${job.point}${bad ? ` ✗ ${JSON.stringify({ ...result, kills: undefined })}` : ' ✓'}`,
    );
});

const byPoint = new Map<string, number>();
for (const r of results) for (const k of r.kills) byPoint.set(k.point, (byPoint.get(k.point) ?? 0) + 1);
const covered = results.reduce((s, r) => s + r.kills.length, 0);
const sum = (f: (r: DrillResult) => number) => results.reduce((s, r) => s + f(r), 0);
console.log(`\nkill points covered: ${covered} (${[...byPoint].map(([k, v]) => `${k} ${v}`).join(', ')})`);
console.log(`errands: ${chosen.map((c) => c.task.id).join(', ')}`);
console.log(`world differs from the uninterrupted run: ${sum((r) => (r.sameWorld ? 0 : 1))}`);
console.log(`duplicated effects after resume: ${sum((r) => r.duplicates)}`);
if (naive)
  console.log(
    `duplicated effects when the request is run again instead (${naiveRuns} runs): ${naiveDuplicates}`,
  );
console.log(`lost errands: ${sum((r) => r.lost)}`);
console.log(`audit failures: ${sum((r) => (r.auditOk ? 0 : 1))}`);
console.log(`other outcome than uninterrupted: ${sum((r) => (r.sameOutcome ? 0 : 1))}`);
console.log(`not killed where planned: ${sum((r) => (r.killedAsPlanned ? 0 : 1))}`);
console.log(`wall ${((performance.now() - started) / 1000).toFixed(0)} s`);
