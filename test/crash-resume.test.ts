import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
  type Trial,
  worldState,
} from '../bench/crash-drill.js';

/**
 * Real `errand run` processes on ≥20 core errands (errand's recipes: a scripted model, no LLM), each
 * killed with SIGKILL at a random fault point of its uninterrupted run (between steps, while the model
 * thinks, before, inside and after a write), then `errand resume --all` — itself killed once more at
 * one of its first points — and resumed again to the end. The world must end exactly as the
 * uninterrupted run left it: no payment, message, order or event twice, none lost; the errand ends as
 * it would have; the journal's audit chain verifies. A fresh seed each run (printed);
 * `ERRAND_CRASH_SEED=<seed>` replays one. `npm run bench:crash` kills at every point.
 */
const SEED = Number(process.env.ERRAND_CRASH_SEED ?? Math.floor(Math.random() * 1e9));
const ERRANDS = 20;
const root = mkdtempSync(join(tmpdir(), 'errand-crash-'));

/** Runs `work` over items, `n` at a time. */
async function pool<T, R>(items: T[], n: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!, i);
      }
    }),
  );
  return out;
}

describe('an errand killed at any point and resumed does everything once', () => {
  it(`${ERRANDS} core errands, each killed twice (seed ${SEED})`, { timeout: 900_000 }, async () => {
    const random = seededRandom(SEED);
    // Errands that write something: a refusal has nothing to do twice.
    const candidates = shuffled(
      coreTasks().filter((t) => t.outcome !== 'refuse'),
      random,
    );
    const chosen: { trial: Trial; points: string[]; base: Parameters<typeof drill>[3] }[] = [];
    for (let i = 0; chosen.length < ERRANDS && i < candidates.length; i += 4) {
      const batch = candidates.slice(i, i + Math.min(4, ERRANDS - chosen.length + 1));
      const runs = await pool(batch, 2, async (task) => {
        const trial = prepareTrial(task, join(root, `${task.id}-base`));
        const { ended, points } = await baseline(trial);
        const facts = journalFacts(trial);
        return { task, ended, points, facts, trial };
      });
      for (const r of runs) {
        if (chosen.length >= ERRANDS) break;
        if (r.ended.signal || r.facts.writesDone.length === 0) continue;
        chosen.push({
          trial: prepareTrial(r.task, join(root, r.task.id)),
          points: r.points,
          base: {
            world: worldState(r.trial.world),
            effects: effectCounts(r.trial.world),
            outcome: r.facts.errands[0]?.outcome ?? null,
          },
        });
      }
    }
    expect(chosen.length).toBeGreaterThanOrEqual(ERRANDS);

    const results: DrillResult[] = await pool(chosen, 2, (c) => {
      const first = 1 + Math.floor(random() * c.points.length);
      const second = 1 + Math.floor(random() * 3);
      return drill(c.trial, [first, second], c.points, c.base);
    });
    const kills = results.flatMap((r) => r.kills);
    const byPoint = new Map<string, number>();
    for (const k of kills) {
      const name = k.point.startsWith('resume') ? 'in a resume' : k.point;
      byPoint.set(name, (byPoint.get(name) ?? 0) + 1);
    }
    const duplicates = results.reduce((n, r) => n + r.duplicates, 0);
    const lost = results.reduce((n, r) => n + r.lost, 0);
    console.log(
      `crash drill (seed ${SEED}): ${results.length} errands, ${kills.length} kill points covered (${[...byPoint].map(([k, n]) => `${k} ${n}`).join(', ')}); duplicated effects ${duplicates}, lost errands ${lost}, audit ${results.every((r) => r.auditOk) ? 'verifies' : 'FAILS'}`,
    );
    for (const r of results) {
      const label = `${r.task} killed at ${r.kills.map((k) => `${k.at} (${k.point})`).join(', ')} (seed ${SEED})`;
      expect(r.killedAsPlanned, label).toBe(true);
      expect(r.differentTables, label).toEqual([]);
      expect(r.duplicates, label).toBe(0);
      expect(r.lost, label).toBe(0);
      expect(r.auditProblems, label).toEqual([]);
      expect(r.auditOk, label).toBe(true);
      expect(r.sameOutcome, label).toBe(true);
      expect(r.doubleResults, label).toEqual([]);
    }
  });

  it('the check sees duplicates: running the request anew after a kill mid-errand pays twice', {
    timeout: 120_000,
  }, async () => {
    const task = coreTasks().find((t) => t.id === 'core-combo-001')!;
    const base = prepareTrial(task, join(root, 'control-base'));
    const { points } = await baseline(base);
    const before = effectCounts(base.world);
    // Killed just after its last write: everything is done but the errand is not over.
    const trial = prepareTrial(task, join(root, 'control'));
    const lastWrite = points.lastIndexOf('write.after') + 1;
    const killed = await errandProcess(trial, runArgs(trial), { ERRAND_FAULT_SIGKILL_AT: String(lastWrite) });
    expect(killed.signal).toBe('SIGKILL');
    const again = await errandProcess(trial, [...runArgs(trial).slice(0, -1), '--again', task.request]);
    expect(again.code).toBe(0);
    const after = effectCounts(trial.world);
    expect(after.payments).toBe(before.payments + 1);
    expect(after.messages).toBe(before.messages + 1);
  });
});
