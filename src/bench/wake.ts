import type { Journal } from '../agent/journal.js';
import type { Report } from '../agent/report.js';
import { type WaitReader, waitIsDue } from '../agent/runner.js';
import type { Row, TableDiff, WorldDiff } from '../world/diff.js';
import type { World } from '../world/index.js';

/** How far the world's clock moves at each look, and the most looks before a waiting errand is given up on. */
const TICK_MS = 5 * 60_000;
const MAX_TICKS = 400;

/** Reads one app tool of a world by its model-facing name, as a wait looks at it. */
export function worldReader(world: () => World): WaitReader {
  return async (tool, input) => {
    const app = tool.slice(0, tool.indexOf('_'));
    const out = world().call(app, tool.slice(app.length + 1), input);
    return out.ok ? out.data : undefined;
  };
}

/** How a waiting errand was woken: its last report, how often it waited and how often it was taken up. */
export interface Woken {
  report: Report;
  waits: number;
  wakes: number;
}

/**
 * Takes a waiting errand up again once its wait is due, as `errand resume --all` does: the world's clock
 * moves on in 5-minute steps (contacts reply, riders deliver), and at each step the journal's wait is
 * looked at; when due, `resume` runs the errand again from its journal. `between` runs before each
 * step (a restart drill reopens the journal and the world there).
 */
export async function wakeWhenDue(options: {
  report: Report;
  errandId: string;
  world: () => World;
  journal: () => Journal;
  resume: () => Promise<Report>;
  between?: () => void;
}): Promise<Woken> {
  let { report } = options;
  let waits = report.status === 'waiting' ? 1 : 0;
  let wakes = 0;
  const read = worldReader(options.world);
  for (let tick = 0; report.status === 'waiting' && tick < MAX_TICKS; tick++) {
    options.between?.();
    options.world().advance(TICK_MS);
    if (!(await waitIsDue(options.journal().events(options.errandId), read, options.world().now))) continue;
    wakes++;
    report = await options.resume();
    if (report.status === 'waiting') waits++;
  }
  return { report, waits, wakes };
}

/**
 * The changes a world makes by itself while its clock moves (a pending order times out, a parcel
 * ships): a twin of the trial's start, moved on by the same time with nobody acting in it.
 */
export function background(start: World, movedMs: number): WorldDiff {
  const before = start.snapshot();
  start.advance(movedMs);
  return start.diff(before);
}

const same = (a: Row, b: Row) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A trial's diff less what the world did by itself in the same time: a row added, removed or changed
 * exactly as in the background is not the agent's doing, so it is neither collateral nor credit.
 */
export function withoutBackground(diff: WorldDiff, bg: WorldDiff): WorldDiff {
  const tables = diff.tables
    .map((t): TableDiff => {
      const b = bg.tables.find((x) => x.table === t.table);
      if (!b) return t;
      return {
        ...t,
        added: t.added.filter((r) => !b.added.some((x) => same(x, r))),
        removed: t.removed.filter((r) => !b.removed.some((x) => same(x, r))),
        changed: t.changed.filter((c) => !b.changed.some((x) => x.key === c.key && same(x.after, c.after))),
      };
    })
    .filter((t) => t.added.length + t.removed.length + t.changed.length > 0);
  return { empty: tables.length === 0, tables };
}
