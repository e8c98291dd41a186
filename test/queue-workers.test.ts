import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal } from '../src/agent/journal.js';
import { auditKey } from '../src/cli/home.js';
import { ErrandQueue } from '../src/errands/queue.js';
import { cliCommand, runCli } from './support/cli.js';
import { transfersIn } from './support/world.js';
import { freshDatabase, type TestPostgres, testPostgres } from './support/postgres.js';

let server: TestPostgres | undefined;
beforeAll(async () => {
  server = await testPostgres();
}, 60_000);
afterAll(async () => server?.stop());

/** A real `errand worker` process on the shared queue, with slow apps so errands are caught mid-way. */
function worker(home: string, db: string): ChildProcess {
  const { command, args } = cliCommand(['worker', '--db', db, '--concurrency', '3', '--app-latency', '400']);
  return spawn(command, args, {
    env: { ...process.env, ERRAND_HOME: home, HOME: home },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** An errand's status as errand serve's API reports it. */
async function statusVia(base: string, id: string): Promise<string | undefined> {
  const view = (await (await fetch(`${base}/api/errands/${id}`)).json()) as { summary?: { status?: string } };
  return view.summary?.status;
}

const exited = (p: ChildProcess) =>
  new Promise<void>((resolve) =>
    p.exitCode !== null || p.signalCode ? resolve() : p.once('exit', () => resolve()),
  );

describe('errand workers sharing a Postgres queue', () => {
  it('finish every errand exactly once when one worker is SIGKILLed mid-errand', async () => {
    const home = mkdtempSync(join(tmpdir(), 'errand-workers-'));
    mkdirSync(home, { recursive: true });
    const db = server!.url;
    const world = join(home, 'world.db');
    const codes = Array.from({ length: 12 }, (_, i) => `Q${i}-${Math.random().toString(36).slice(2, 7)}`);
    const queue = await ErrandQueue.open(db, { supervise: false });
    for (const [i, code] of codes.entries())
      await queue.send({
        errandId: `e-q${i}`,
        start: {
          request: `告诉王芳：编号 ${code} 的会议改到明天`,
          world: { kind: 'file', file: world, seed: 1, persona: 'liming' },
          approve: 'auto',
        },
      });
    await queue.close();
    const victim = worker(home, db);
    const survivor = worker(home, db);
    const journal = new Journal(db, { auditKey: auditKey(home) });
    try {
      // Kill the first worker once it has errands running and at least one write started.
      const victimPid = String(victim.pid);
      await expect
        .poll(
          () => {
            const rows = journal.store.all<{ owner: string }>(
              "SELECT e.owner FROM errands e WHERE e.status = 'running' AND EXISTS (SELECT 1 FROM events v WHERE v.errand_id = e.id AND v.type = 'action.started')",
            );
            return rows.some((r) => r.owner.split(':')[1] === victimPid);
          },
          { timeout: 90_000, interval: 100 },
        )
        .toBe(true);
      victim.kill('SIGKILL');
      await exited(victim);
      await expect
        .poll(() => journal.list(100).filter((e) => e.status === 'finished').length, {
          timeout: 90_000,
          interval: 500,
        })
        .toBe(codes.length);
    } finally {
      victim.kill('SIGKILL');
      survivor.kill('SIGTERM');
      await exited(survivor);
    }
    // The world's own state: each message sent exactly once, none lost.
    const w = new Database(world, { readonly: true });
    const texts = (w.prepare('SELECT text FROM chat_messages').all() as { text: string }[]).map(
      (r) => r.text,
    );
    w.close();
    for (const code of codes)
      expect(
        texts.filter((t) => t.includes(code)),
        code,
      ).toHaveLength(1);
    // Some errand was taken over from the dead worker, and the chain holds across it.
    const types = journal.store.all<{ type: string }>('SELECT type FROM events');
    expect(types.filter((t) => t.type === 'task.interrupted').length).toBeGreaterThanOrEqual(1);
    expect(types.filter((t) => t.type === 'task.resumed').length).toBeGreaterThanOrEqual(1);
    journal.close();
    const audit = await runCli(['audit', 'verify', '--db', db], { env: { ERRAND_HOME: home, HOME: home } });
    expect(audit.stdout).toMatch(/audit chain intact \(\d+ events in 12 errands, signed\)/);
  }, 240_000);

  it('queues again, at once, an errand whose worker died after taking its job and before beginning it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'errand-workers-taken-'));
    const db = await freshDatabase(server!.url);
    const world = join(home, 'world.db');
    const queue = await ErrandQueue.open(db, { supervise: false });
    await queue.send({
      errandId: 'e-taken',
      start: {
        request: '告诉王芳：编号 TK1 的会议改到明天',
        world: { kind: 'file', file: world, seed: 1, persona: 'liming' },
        approve: 'auto',
      },
    });
    await queue.close();
    // This worker kills itself the moment it has taken the job: pg-boss holds the job as its.
    const { command, args } = cliCommand(['worker', '--db', db]);
    const victim = spawn(command, args, {
      env: { ...process.env, ERRAND_HOME: home, HOME: home, ERRAND_FAULT_SIGKILL_AT: '1' },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    await exited(victim);
    expect(victim.signalCode).toBe('SIGKILL');
    const journal = new Journal(db, { auditKey: auditKey(home) });
    expect(journal.list(1, { id: 'e-taken' })).toEqual([]);
    const survivor = worker(home, db);
    try {
      await expect
        .poll(() => journal.list(1, { id: 'e-taken' })[0]?.status, { timeout: 90_000, interval: 250 })
        .toBe('finished');
    } finally {
      survivor.kill('SIGTERM');
      await exited(survivor);
    }
    journal.close();
    const w = new Database(world, { readonly: true });
    const sent = w.prepare("SELECT COUNT(*) AS n FROM chat_messages WHERE text LIKE '%TK1%'").get() as {
      n: number;
    };
    w.close();
    expect(sent.n).toBe(1);
    // It was queued again by the survivor (ahead of new errands), not left for the job to expire.
    const admin = new pg.Client({ connectionString: db });
    await admin.connect();
    const jobs = await admin.query(
      "SELECT priority FROM pgboss.job WHERE name = 'errands' AND data->>'errandId' = 'e-taken' ORDER BY created_on",
    );
    await admin.end();
    expect(jobs.rows.map((r) => r.priority)).toEqual([0, 1]);
  }, 240_000);

  it('lets errand serve --db postgres queue an errand that a worker runs, and serve reports it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'errand-serve-queue-'));
    const env = { ...process.env, ERRAND_HOME: home, HOME: home };
    // A journal of its own: this home's audit key did not sign the first test's journal.
    const db = await freshDatabase(server!.url);
    const { command, args } = cliCommand(['serve', '--port', '0', '--db', db]);
    const serve = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    serve.stdout!.on('data', (d) => {
      out += d;
    });
    serve.stderr!.on('data', (d) => {
      out += d;
    });
    let runner: ChildProcess | undefined;
    try {
      await expect.poll(() => out, { timeout: 90_000 }).toMatch(/Errands are queued for errand workers/);
      const base = /console is at (http:\/\/[^/\s]+)\//.exec(out)![1]!;
      // Queued while no worker runs, and cancelled: the worker that takes it up ends it, doing nothing.
      const doomed = (await (
        await fetch(`${base}/api/errands`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ request: '告诉王芳：编号 SQ3 的会议改到明天', approve: 'auto' }),
        })
      ).json()) as { id: string };
      const cancel = await fetch(`${base}/api/errands/${doomed.id}/cancel`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect([cancel.status, await cancel.json()]).toEqual([202, { ok: true, cancelled: true }]);
      runner = worker(home, db);
      const ask = await fetch(`${base}/api/errands`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ request: '告诉王芳：编号 SQ1 的会议改到明天', approve: 'auto' }),
      });
      const started = (await ask.json()) as { id: string; note: string };
      expect(ask.status).toBe(202);
      expect(started.note).toMatch(/Queued for errand's workers/);
      // One that needs the person's approval: the worker's question is shown and answered here.
      const asking = (await (
        await fetch(`${base}/api/errands`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            request: '给王芳转20元',
            approve: 'ask',
            mandate: { approval: { paymentsAboveFen: 1000 } },
          }),
        })
      ).json()) as { id: string; note: string };
      expect(asking.note).toMatch(/asked here/);
      await expect
        .poll(
          async () => {
            const view = (await (await fetch(`${base}/api/errands/${asking.id}`)).json()) as {
              pending: { id: string; question: { kind: string; text?: string } }[];
            };
            return view.pending[0];
          },
          { timeout: 90_000, interval: 500 },
        )
        .toMatchObject({
          question: { kind: 'approval', text: expect.stringMatching(/转账 ¥20\.00 给 王芳/) },
        });
      const pending = (
        (await (await fetch(`${base}/api/errands/${asking.id}`)).json()) as { pending: { id: string }[] }
      ).pending[0]!;
      expect(transfersIn(join(home, 'world.db'))).toEqual([]);
      const answered = await fetch(`${base}/api/errands/${asking.id}/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ questionId: pending.id, approved: true }),
      });
      expect(answered.status).toBe(200);
      await expect
        .poll(() => statusVia(base, asking.id), { timeout: 90_000, interval: 500 })
        .toBe('finished');
      expect(transfersIn(join(home, 'world.db'))).toEqual([2000]);
      // Answered once: a second answer changes nothing.
      const again = await fetch(`${base}/api/errands/${asking.id}/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ questionId: pending.id, approved: true }),
      });
      expect(again.status).toBe(409);
      await expect
        .poll(() => statusVia(base, started.id), { timeout: 90_000, interval: 500 })
        .toBe('finished');
      await expect
        .poll(() => statusVia(base, doomed.id), { timeout: 30_000, interval: 500 })
        .toBe('cancelled');
    } finally {
      serve.kill('SIGTERM');
      runner?.kill('SIGTERM');
      await Promise.all([exited(serve), ...(runner ? [exited(runner)] : [])]);
    }
    const w = new Database(join(home, 'world.db'), { readonly: true });
    const sent = w.prepare("SELECT COUNT(*) AS n FROM chat_messages WHERE text LIKE '%SQ1%'").get() as {
      n: number;
    };
    const cancelled = w.prepare("SELECT COUNT(*) AS n FROM chat_messages WHERE text LIKE '%SQ3%'").get() as {
      n: number;
    };
    w.close();
    expect([sent.n, cancelled.n]).toEqual([1, 0]);
  }, 240_000);

  it('keeps a queued errand’s question across a restart of errand serve: the new server shows it and its answer counts', async () => {
    const home = mkdtempSync(join(tmpdir(), 'errand-serve-restart-'));
    const env = { ...process.env, ERRAND_HOME: home, HOME: home };
    const db = await freshDatabase(server!.url);
    const serve = () => {
      const { command, args } = cliCommand(['serve', '--port', '0', '--db', db]);
      const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
      });
      child.stderr!.on('data', (d) => {
        out += d;
      });
      const base = async () => {
        await expect.poll(() => out, { timeout: 90_000 }).toMatch(/console is at (http:\/\/[^/\s]+)\//);
        return /console is at (http:\/\/[^/\s]+)\//.exec(out)![1]!;
      };
      return { child, base };
    };
    const pending = async (base: string, id: string) =>
      ((await (await fetch(`${base}/api/errands/${id}`)).json()) as { pending: { id: string }[] }).pending;
    const first = serve();
    const runner = worker(home, db);
    let second: ReturnType<typeof serve> | undefined;
    try {
      const base1 = await first.base();
      const started = (await (
        await fetch(`${base1}/api/errands`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            request: '给王芳转20元',
            mandate: { approval: { paymentsAboveFen: 1000 } },
          }),
        })
      ).json()) as { id: string };
      await expect.poll(async () => (await pending(base1, started.id)).length, { timeout: 90_000 }).toBe(1);
      const [asked] = await pending(base1, started.id);
      first.child.kill('SIGTERM');
      await exited(first.child);
      second = serve();
      const base2 = await second.base();
      await expect
        .poll(async () => (await pending(base2, started.id)).map((q) => q.id), { timeout: 30_000 })
        .toEqual([asked!.id]);
      expect(transfersIn(join(home, 'world.db'))).toEqual([]);
      const answered = await fetch(`${base2}/api/errands/${started.id}/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ questionId: asked!.id, approved: true }),
      });
      expect(answered.status).toBe(200);
      await expect
        .poll(() => statusVia(base2, started.id), { timeout: 60_000, interval: 500 })
        .toBe('finished');
    } finally {
      first.child.kill('SIGTERM');
      second?.child.kill('SIGTERM');
      runner.kill('SIGTERM');
      await Promise.all([exited(first.child), exited(runner), ...(second ? [exited(second.child)] : [])]);
    }
    expect(transfersIn(join(home, 'world.db'))).toEqual([2000]);
  }, 240_000);
});
