import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal } from '../src/agent/journal.js';
import { auditKey } from '../src/cli/home.js';
import { ErrandQueue } from '../src/errands/queue.js';
import { World } from '../src/world/index.js';
import { type RecordedCall, chatTurns } from './fixtures/recordings.js';
import { cliCommand, runCli } from './support/cli.js';
import { freshDatabase, type TestPostgres, testPostgres } from './support/postgres.js';

let server: TestPostgres | undefined;
beforeAll(async () => {
  server = await testPostgres();
}, 60_000);
afterAll(async () => server?.stop());

/**
 * An OpenAI-compatible model that waits until 18:00, then tells Anna, then finishes citing the message
 * id the app returned (read from the tool result it was sent, as a model would).
 */
async function waitingModel(options: { holdTurns?: boolean } = {}): Promise<{
  url: string;
  asked: () => number;
  close: () => Promise<void>;
}> {
  let asked = 0;
  const held: (() => void)[] = [];
  const http = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => {
      raw += d;
    });
    req.on('end', () => {
      asked++;
      const body = JSON.parse(raw) as {
        messages: { role: string; content: unknown }[];
        tools?: { function: { name: string } }[];
      };
      const said = JSON.stringify(body.messages);
      let call: RecordedCall;
      if (body.tools?.some((t) => t.function.name === 'declare_intents'))
        call = {
          name: 'declare_intents',
          args: {
            intents: [
              { id: 'i1', kind: 'message', to: ['p_anna'], said: 'tell Anna: leaving the office now' },
            ],
            budgetFen: null,
            understood: 'At 6pm, tell Anna you are leaving the office.',
          },
        };
      else if (!said.includes('wait_for') || !/"role":"tool"/.test(said))
        call = { name: 'wait_for', args: { until: { kind: 'time', at: '18:00' }, deadline_minutes: 600 } };
      else if (!/msg_\d+/.test(said))
        call = { name: 'chat_send_message', args: { to: 'p_anna', text: 'leaving the office now' } };
      else
        call = {
          name: 'finish',
          args: {
            outcome: 'done',
            summary: 'Told Anna at 6pm.',
            evidence: [{ app: 'chat', kind: 'message', id: /msg_\d+/.exec(said)![0] }],
          },
        };
      // Held: the model is still thinking about its first move (until the errand gives up on it).
      if (options.holdTurns && call.name !== 'declare_intents') {
        held.push(() => res.destroy());
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(chatTurns('deepseek-chat', [call], [1000], asked)[0]!.body));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    asked: () => asked,
    close: () =>
      new Promise((resolve) => {
        for (const drop of held) drop();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

const exited = (p: ChildProcess) =>
  new Promise<void>((resolve) =>
    p.exitCode !== null || p.signalCode ? resolve() : p.once('exit', () => resolve()),
  );

/** Anna's messages from Sam in the world's own table, with when they were sent. */
function toldAnna(world: string): { text: string; sent_at: number }[] {
  const db = new Database(world, { readonly: true });
  const rows = db
    .prepare(
      "SELECT text, sent_at FROM chat_messages WHERE conversation_id = 'cv_sam_anna' AND sender_id = 'p_sam' AND text LIKE '%leaving%'",
    )
    .all() as { text: string; sent_at: number }[];
  db.close();
  return rows;
}

/** A Postgres journal and queue, a world file, a model, and Sam's errand queued for workers. */
async function scene(model: Awaited<ReturnType<typeof waitingModel>>) {
  const home = mkdtempSync(join(tmpdir(), 'errand-queue-waits-'));
  const db = await freshDatabase(server!.url);
  const world = join(home, 'world.db');
  World.open({ seed: 1, file: world }).close();
  const env = {
    ...process.env,
    ERRAND_HOME: home,
    HOME: home,
    DEEPSEEK_API_KEY: 'test-key',
    DEEPSEEK_BASE_URL: model.url,
  };
  const queue = await ErrandQueue.open(db, { supervise: false });
  await queue.send({
    errandId: 'e-wait-anna',
    start: {
      request: 'At 6pm tell Anna: leaving the office now',
      model: 'deepseek:deepseek-chat',
      world: { kind: 'file', file: world, seed: 1, persona: 'sam' },
      approve: 'auto',
    },
  });
  const journal = new Journal(db, { auditKey: auditKey(home) });
  return {
    home,
    db,
    world,
    queue,
    journal,
    status: () => journal.list(1, { id: 'e-wait-anna' })[0]?.status,
    worker: () => {
      const { command, args } = cliCommand(['worker', '--db', db, '--sweep', '1']);
      return spawn(command, args, { env, stdio: ['ignore', 'ignore', 'ignore'] });
    },
  };
}

describe('a queued errand that waits', () => {
  it('holds no worker while it waits, outlives the worker that started it, and is woken by another when due', async () => {
    const model = await waitingModel();
    const { home, db, world, queue, journal, status, worker } = await scene(model);
    await queue.close();
    const first = worker();
    let second: ChildProcess | undefined;
    try {
      await expect.poll(status, { timeout: 90_000, interval: 250 }).toBe('waiting');
      // Waiting holds nothing: several sweeps look at it, find it not due, and leave it be.
      await new Promise((r) => setTimeout(r, 3_000));
      expect(status()).toBe('waiting');
      expect(toldAnna(world)).toEqual([]);
      expect(model.asked()).toBe(2);
      // The worker that began it dies; the clock reaches 18:00 while no worker runs.
      first.kill('SIGKILL');
      await exited(first);
      const w = World.open({ file: world });
      w.advance(Date.parse('2026-11-30T18:01:00+08:00') - w.now);
      w.close();
      second = worker();
      await expect.poll(status, { timeout: 90_000, interval: 250 }).toBe('finished');
    } finally {
      first.kill('SIGKILL');
      second?.kill('SIGTERM');
      await Promise.all([exited(first), ...(second ? [exited(second)] : [])]);
      await model.close();
    }
    expect(journal.list(1, { id: 'e-wait-anna' })[0]?.outcome).toBe('done');
    const told = toldAnna(world);
    expect(told).toHaveLength(1);
    expect(told[0]!.sent_at).toBeGreaterThanOrEqual(Date.parse('2026-11-30T18:00:00+08:00'));
    const types = journal.events('e-wait-anna').map((e) => e.type);
    expect(types.indexOf('task.waiting')).toBeLessThan(types.indexOf('wait.ended'));
    expect(types.filter((t) => t === 'wait.ended')).toHaveLength(1);
    // The model was asked to declare the intents and for one turn before the wait, twice after it:
    // no turn was asked again.
    expect(model.asked()).toBe(4);
    journal.close();
    const audit = await runCli(['audit', 'verify', '--db', db], { env: { ERRAND_HOME: home, HOME: home } });
    expect(audit.stdout).toMatch(/audit chain intact/);
  }, 240_000);

  it('is cancelled through the queue while its model thinks, and while it waits, doing nothing more', async () => {
    // While the model thinks: the worker running it hears of the cancel and stops the model call.
    const thinking = await waitingModel({ holdTurns: true });
    const a = await scene(thinking);
    const one = a.worker();
    try {
      await expect
        .poll(() => a.journal.events('e-wait-anna').at(-1)?.type, { timeout: 90_000, interval: 250 })
        .toBe('model.requested');
      expect(a.status()).toBe('running');
      await a.queue.cancel('e-wait-anna');
      await expect.poll(a.status, { timeout: 30_000, interval: 250 }).toBe('cancelled');
    } finally {
      one.kill('SIGTERM');
      await exited(one);
      await thinking.close();
      await a.queue.close();
    }
    expect(toldAnna(a.world)).toEqual([]);
    a.journal.close();

    // While it waits (no worker holds it): the next sweep takes it up only to end it.
    const patient = await waitingModel();
    const b = await scene(patient);
    const two = b.worker();
    try {
      await expect.poll(b.status, { timeout: 90_000, interval: 250 }).toBe('waiting');
      await b.queue.cancel('e-wait-anna');
      await expect.poll(b.status, { timeout: 30_000, interval: 250 }).toBe('cancelled');
      // The clock reaching 18:00 now changes nothing: nobody is told.
      const w = World.open({ file: b.world });
      w.advance(Date.parse('2026-11-30T18:01:00+08:00') - w.now);
      w.close();
      await new Promise((r) => setTimeout(r, 3_000));
      expect(b.status()).toBe('cancelled');
    } finally {
      two.kill('SIGTERM');
      await exited(two);
      await patient.close();
      await b.queue.close();
    }
    expect(toldAnna(b.world)).toEqual([]);
    expect(patient.asked()).toBe(2);
    b.journal.close();
  }, 240_000);
});
