/**
 * The crash drill shared by `test/crash-resume.test.ts` and `bench/crash.ts`: a core errand runs in a
 * real `errand run` process on a world kept in a file (errand's recipes drive it: a scripted model, no
 * LLM), is killed with SIGKILL at a chosen point (the process kills itself through errand's fault
 * injection, `ERRAND_FAULT_SIGKILL_AT`), is taken up by `errand resume --all` (itself maybe killed
 * again), and its world and journal are compared with the same errand run without interruption.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { JournalEvent } from '../src/agent/events.js';
import { Journal } from '../src/agent/journal.js';
import { loadSuite } from '../src/bench/load.js';
import type { Task } from '../src/bench/task.js';
import { taskWorld } from '../src/bench/trial.js';

/**
 * How to start errand's CLI: from source through tsx (what the tests check), or the built `bin/errand.js`
 * (`ERRAND_CRASH_BUILT=1`: quicker to start, for the full sweep after `npm run build`).
 */
function cliCommand(args: string[]): { command: string; args: string[] } {
  if (process.env.ERRAND_CRASH_BUILT === '1')
    return {
      command: process.execPath,
      args: [fileURLToPath(new URL('../bin/errand.js', import.meta.url)), ...args],
    };
  const entry = fileURLToPath(new URL('../test/support/errand-cli.ts', import.meta.url));
  const tsx = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
  return { command: process.execPath, args: ['--import', tsx, entry, ...args] };
}

/** The core suite's errands on the personal apps (what the drill has always run; the work packs are not in it). */
export function coreTasks(): Task[] {
  return loadSuite(new URL('../tasks', import.meta.url).pathname, 'personal');
}

/** A small seeded generator, so a drill's random choices can be replayed from its printed seed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

/** Shuffles a copy of a list with a seeded generator. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** One errand's files: its own errand home (journal, key), world file and config. */
export interface Trial {
  task: Task;
  dir: string;
  home: string;
  world: string;
  config: string;
}

/** Makes a fresh home and world file for a task (the world as the bench starts it: clock moved, text planted). */
export function prepareTrial(task: Task, dir: string): Trial {
  rmSync(dir, { recursive: true, force: true });
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  const world = join(dir, 'world.db');
  const w = taskWorld(task);
  writeFileSync(world, w.snapshot().bytes);
  w.close();
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      sandbox: { seed: task.seed, persona: task.persona, file: world },
      mandate: task.mandate,
    }),
  );
  return { task, dir, home, world, config };
}

/** How one process ended. */
export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the errand CLI in a trial's home; `env` adds fault injection. */
export function errandProcess(trial: Trial, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ended> {
  const { command, args: argv } = cliCommand(args);
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      env: {
        ...process.env,
        ERRAND_HOME: trial.home,
        HOME: trial.home,
        ERRAND_MODEL: '',
        ERRAND_FAULT_SIGKILL_AT: '',
        ERRAND_FAULT_TRACE: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** `errand run` of the trial's request, as a person would type it, with no model (errand's recipes). */
export function runArgs(trial: Trial): string[] {
  return ['run', '--json', '--approve', 'deny', '--config', trial.config, trial.task.request];
}

/** Runs the errand with no fault and counts the fault points it passed (the kill points there are). */
export async function baseline(trial: Trial): Promise<{ ended: Ended; points: string[] }> {
  const trace = join(trial.dir, 'points.txt');
  writeFileSync(trace, '');
  const ended = await errandProcess(trial, runArgs(trial), { ERRAND_FAULT_TRACE: trace });
  const points = readFileSync(trace, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' ')[1]!);
  return { ended, points };
}

/** The world's state as a person could check it: every app table's rows, and the writes' first results. */
export function worldState(file: string): Record<string, string> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    const state: Record<string, string> = {};
    for (const t of tables) {
      // Idempotency keys name the errand that wrote: two runs differ in them and in nothing else.
      const sql =
        t === 'world_idempotency'
          ? 'SELECT app, tool, result FROM world_idempotency ORDER BY app, tool, result'
          : `SELECT * FROM "${t}" ORDER BY rowid`;
      state[t] = JSON.stringify(db.prepare(sql).all());
    }
    return state;
  } finally {
    db.close();
  }
}

/** The effects a person could see twice, counted in the world. */
export const EFFECT_TABLES = {
  payments: 'pay_transactions',
  messages: 'chat_messages',
  foodOrders: 'food_orders',
  shopOrders: 'shop_orders',
  events: 'calendar_events',
  invitations: 'calendar_attendees',
} as const;

/** How many of each effect the world holds. */
export function effectCounts(file: string): Record<keyof typeof EFFECT_TABLES, number> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(
      Object.entries(EFFECT_TABLES).map(([k, t]) => [
        k,
        (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n,
      ]),
    ) as Record<keyof typeof EFFECT_TABLES, number>;
  } finally {
    db.close();
  }
}

/** Opens a trial's journal with its audit key. */
export function trialJournal(trial: Trial): Journal {
  const key = Buffer.from(readFileSync(join(trial.home, 'audit.key'), 'utf8').trim(), 'hex');
  return new Journal(join(trial.home, 'errand.db'), { auditKey: key });
}

/** What the journal says of a trial once it is over. */
export interface JournalFacts {
  errands: { id: string; status: string; outcome: string | null }[];
  auditOk: boolean;
  auditProblems: string[];
  /** Writes whose result the journal records more than once, by idempotency key. */
  doubleResults: string[];
  /** Writes journaled as done (action.finished of a non-read), by tool. */
  writesDone: string[];
  events: JournalEvent[];
  resumes: number;
}

/** Reads a trial's journal: its errands, whether its audit chain holds, and every write it records. */
export function journalFacts(trial: Trial): JournalFacts {
  const journal = trialJournal(trial);
  try {
    const errands = journal.list(100).map((e) => ({ id: e.id, status: e.status, outcome: e.outcome }));
    const check = journal.verifyAll();
    const events = errands.flatMap((e) => journal.events(e.id));
    const proposed = new Map<string, Extract<JournalEvent, { type: 'action.proposed' }>>();
    const keyOf = new Map<string, string | null>();
    const results = new Map<string, number>();
    const writesDone: string[] = [];
    for (const e of events) {
      if (e.type === 'action.proposed') proposed.set(`${e.step}:${e.callId}`, e);
      if (e.type === 'action.started') keyOf.set(`${e.step}:${e.callId}`, e.idempotencyKey);
      if (e.type === 'action.finished' || e.type === 'action.failed') {
        const id = `${e.step}:${e.callId}`;
        const p = proposed.get(id);
        if (!p || p.effect.kind === 'read') continue;
        const key = keyOf.get(id) ?? id;
        results.set(key, (results.get(key) ?? 0) + 1);
        if (e.type === 'action.finished') writesDone.push(p.tool);
      }
    }
    return {
      errands,
      auditOk: check.ok,
      auditProblems: check.problems,
      doubleResults: [...results].filter(([, n]) => n > 1).map(([k]) => k),
      writesDone,
      events,
      resumes: events.filter((e) => e.type === 'task.resumed').length,
    };
  } finally {
    journal.close();
  }
}

/** How one drill (kill at some points, resume until the errand ends) compared with the uninterrupted run. */
export interface DrillResult {
  task: string;
  kills: { at: number; point: string }[];
  killedAsPlanned: boolean;
  sameWorld: boolean;
  differentTables: string[];
  duplicates: number;
  lost: number;
  auditOk: boolean;
  auditProblems: string[];
  sameOutcome: boolean;
  doubleResults: string[];
  resumeExit: (number | null)[];
}

/**
 * Runs a trial's errand killed at `kills[0]`, then resumes it — each resume killed at the next of
 * `kills` (counted in that process), the last one left to finish — and compares with the baseline.
 */
export async function drill(
  trial: Trial,
  kills: number[],
  points: string[],
  base: { world: Record<string, string>; effects: Record<string, number>; outcome: string | null },
): Promise<DrillResult> {
  const first = await errandProcess(trial, runArgs(trial), { ERRAND_FAULT_SIGKILL_AT: String(kills[0]) });
  const killedAsPlanned = first.signal === 'SIGKILL';
  const done: { at: number; point: string }[] = killedAsPlanned
    ? [{ at: kills[0]!, point: points[kills[0]! - 1] ?? '?' }]
    : [];
  const resumeExit: (number | null)[] = [];
  const resume = async (at?: number) => {
    const ended = await errandProcess(
      trial,
      ['resume', '--all', '--json'],
      at ? { ERRAND_FAULT_SIGKILL_AT: String(at) } : {},
    );
    resumeExit.push(ended.signal ? null : ended.code);
    return ended.signal === 'SIGKILL';
  };
  // Each later kill counts the points of the resuming process; one that finishes first is not killed.
  let finished = false;
  for (const at of kills.slice(1)) {
    if (await resume(at)) done.push({ at, point: `resume point ${at}` });
    else {
      finished = true;
      break;
    }
  }
  if (!finished) await resume();
  const world = worldState(trial.world);
  const differentTables = Object.keys({ ...world, ...base.world }).filter((t) => world[t] !== base.world[t]);
  const effects = effectCounts(trial.world);
  const duplicates = Object.entries(effects).reduce(
    (n, [k, v]) => n + Math.max(0, v - (base.effects[k] ?? 0)),
    0,
  );
  const facts = journalFacts(trial);
  const lost = facts.errands.filter((e) => e.status !== 'finished' && e.status !== 'failed').length;
  return {
    task: trial.task.id,
    kills: done,
    killedAsPlanned,
    sameWorld: differentTables.length === 0,
    differentTables,
    duplicates,
    lost,
    auditOk: facts.auditOk,
    auditProblems: facts.auditProblems,
    sameOutcome: facts.errands.length === 1 && facts.errands[0]!.outcome === base.outcome,
    doubleResults: facts.doubleResults,
    resumeExit,
  };
}
