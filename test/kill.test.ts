import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../src/agent/events.js';
import { Journal } from '../src/agent/journal.js';
import { openAiRecording } from './fixtures/recordings.js';
import { cliCommand, runCli } from './support/cli.js';
import { startHeldModel } from './support/held-model.js';

/**
 * A real `errand run` is stopped by SIGTERM and by SIGKILL at many points of an errand (check the
 * balance, transfer 20 yuan to 王芳, finish). Afterwards the record must say what happened: cancelled,
 * interrupted or finished; every write whose effect is in the world has its result in the journal or
 * is listed as unknown; and the whole journal verifies.
 */
type Line = JournalEvent | { type: 'report' };
interface Point {
  name: string;
  /** Stop when this line appears on --json output … */
  on?: (e: Line) => boolean;
  /** … or when the model is asked for this turn (0-based) and does not answer. */
  holdModelAt?: number;
  finished?: boolean;
}

const isWrite = (e: Line) => 'step' in e && e.step === 2;
const POINTS: Point[] = [
  { name: 'before the first step', on: (e) => e.type === 'task.started' },
  { name: 'while the model thinks', holdModelAt: 0 },
  { name: 'during a read', on: (e) => e.type === 'action.started' },
  { name: 'between steps', on: (e) => e.type === 'observation' && e.step === 1 },
  { name: 'when the model proposes a write', on: (e) => e.type === 'model.responded' && e.step === 2 },
  { name: 'just before a write', on: (e) => e.type === 'action.decided' && isWrite(e) },
  { name: 'during a write', on: (e) => e.type === 'action.started' && isWrite(e) },
  { name: 'just after a write', on: (e) => e.type === 'action.finished' && isWrite(e) },
  { name: 'while the model thinks after the write', holdModelAt: 2 },
  { name: 'during the report', on: (e) => e.type === 'task.finished', finished: true },
];

const home = mkdtempSync(join(tmpdir(), 'errand-kill-'));
const env = { ERRAND_HOME: home, HOME: home, DEEPSEEK_API_KEY: 'k', ERRAND_MODEL: '' };

interface Outcome {
  point: Point;
  signal: 'SIGTERM' | 'SIGKILL';
  world: string;
  code: number | null;
  exitSignal: string | null;
  stdout: string;
  stopped: boolean;
  pid: number;
}

/** Runs the errand and sends `signal` at `point`; returns how the process ended. */
async function runAndStop(point: Point, signal: 'SIGTERM' | 'SIGKILL', n: number): Promise<Outcome> {
  // The model's last turn is held unless the errand is meant to finish, so the signal always lands first.
  const model = await startHeldModel(
    openAiRecording('deepseek-chat'),
    point.holdModelAt ?? (point.finished ? undefined : 2),
  );
  const world = join(home, `world-${n}.db`);
  const config = join(home, `config-${n}.json`);
  writeFileSync(config, JSON.stringify({ sandbox: { seed: 1, persona: 'liming', file: world } }));
  const { command, args } = cliCommand([
    'run',
    '--json',
    '--again',
    '--approve',
    'auto',
    '--config',
    config,
    '--model',
    'deepseek:deepseek-chat',
    '给王芳转20元',
  ]);
  const child = spawn(command, args, {
    env: { ...process.env, ...env, DEEPSEEK_BASE_URL: `${model.url}/v1` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let buffered = '';
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    child.kill(signal);
  };
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
    buffered += d;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const l of lines) if (point.on?.(JSON.parse(l) as Line)) stop();
  });
  child.stderr.resume();
  if (point.holdModelAt !== undefined) model.held.then(stop);
  const [code, exitSignal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  await model.close();
  return { point, signal, world, code, exitSignal, stdout, stopped, pid: child.pid! };
}

/** Writes the world holds (by idempotency key) that the errand made. */
function worldWrites(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT key FROM world_idempotency WHERE app = 'pay'").all() as { key: string }[]).map(
      // Keys are kept per person: `p_liming:<errand's key>`.
      (r) => r.key.slice(r.key.indexOf(':') + 1),
    );
  } finally {
    db.close();
  }
}

describe('an errand stopped at any point says what happened', () => {
  it('by SIGTERM and by SIGKILL at ten points', { timeout: 240_000 }, async () => {
    const cases = POINTS.flatMap((point) =>
      (['SIGTERM', 'SIGKILL'] as const).map((signal) => ({ point, signal })),
    );
    const outcomes: Outcome[] = [];
    // A few at a time: each waits on the model and the apps as much as it computes.
    for (let i = 0; i < cases.length; i += 4) {
      outcomes.push(
        ...(await Promise.all(cases.slice(i, i + 4).map((c, j) => runAndStop(c.point, c.signal, i + j)))),
      );
    }
    const tasks = await runCli(['tasks', '--json', '--limit', '100'], { env });
    const listed = JSON.parse(tasks.stdout) as { id: string; status: string; outcome: string | null }[];
    const verify = await runCli(['audit', 'verify'], { env });
    expect(verify.stdout).toMatch(/✔ journal: audit chain intact \(\d+ events in 20 errands, signed\)/);
    expect(verify.code).toBe(0);

    const journal = new Journal(join(home, 'errand.db'), {
      auditKey: Buffer.from(readFileSync(join(home, 'audit.key'), 'utf8'), 'hex'),
    });
    const owners = journal.db.prepare('SELECT id, owner FROM errands').all() as {
      id: string;
      owner: string;
    }[];
    const seen: string[] = [];
    for (const o of outcomes) {
      const label = `${o.signal} ${o.point.name}`;
      expect(o.stopped, label).toBe(true);
      if (o.signal === 'SIGTERM') expect([0, 130], label).toContain(o.code);
      else expect(o.exitSignal, label).toBe('SIGKILL');
      // The errand this process ran, by the owner the journal recorded for it.
      const id = owners.find((r) => r.owner.split(':')[1] === String(o.pid))?.id;
      expect(id, label).toBeDefined();
      seen.push(id!);
      const expected = o.point.finished ? 'finished' : o.signal === 'SIGTERM' ? 'cancelled' : 'interrupted';
      expect(listed.find((t) => t.id === id)?.status, label).toBe(expected);
      const events = journal.events(id!);
      // Every write in the world has its result in the journal, or is named as unknown …
      const started = new Map(
        events.flatMap((e) =>
          e.type === 'action.started' && e.idempotencyKey ? [[e.idempotencyKey, e.callId] as const] : [],
        ),
      );
      const finished = new Set(events.flatMap((e) => (e.type === 'action.finished' ? [e.callId] : [])));
      const failed = new Set(events.flatMap((e) => (e.type === 'action.failed' ? [e.callId] : [])));
      const end = events.at(-1);
      const unknown = new Set(end?.type === 'task.interrupted' ? end.unknown.map((u) => u.callId) : []);
      const inWorld = worldWrites(o.world);
      for (const key of inWorld) {
        const callId = started.get(key);
        expect(callId, `${label}: the world has ${key}, the journal never started it`).toBeDefined();
        expect(finished.has(callId!) || unknown.has(callId!), `${label}: ${key} has no result`).toBe(true);
      }
      // … and every write the journal says is done is in the world; one with no result is named.
      for (const [key, callId] of started) {
        if (finished.has(callId)) expect(inWorld, `${label}: ${key} said done`).toContain(key);
        else if (!failed.has(callId)) expect(unknown.has(callId), `${label}: ${key} unaccounted`).toBe(true);
      }
      if (o.point.name === 'just after a write')
        expect(
          events.some((e) => e.type === 'action.finished' && isWrite(e)),
          label,
        ).toBe(true);
    }
    journal.close();
    // Every errand the runs made is accounted for, with no errand left running.
    expect(listed).toHaveLength(20);
    expect(listed.filter((t) => t.status === 'running')).toEqual([]);
    expect(new Set(seen).size).toBe(20);
  });
});
