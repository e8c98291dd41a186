import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal, verifyJournalFile } from '../src/agent/journal.js';
import { type TestPostgres, testPostgres } from './support/postgres.js';

/**
 * One contract for every place a journal can live: the same calls, the same answers, the same
 * refusals, on a SQLite file and on a real Postgres server.
 */
interface Backend {
  name: string;
  /** A new, empty journal location. */
  fresh(): Promise<string>;
  /** Runs SQL on the journal's tables behind errand's back, as someone tampering would. */
  tamper(where: string, sql: string): Promise<void>;
}

const JOURNAL = fileURLToPath(new URL('../src/agent/journal.ts', import.meta.url));
let server: TestPostgres | undefined;
const databases: string[] = [];

const sqlite: Backend = {
  name: 'sqlite',
  fresh: async () => join(mkdtempSync(join(tmpdir(), 'errand-contract-')), 'errand.db'),
  tamper: async (file, sql) => {
    const db = new Database(file);
    db.exec(sql);
    db.close();
  },
};

const postgres: Backend = {
  name: 'postgres',
  fresh: async () => {
    const name = `journal_${randomBytes(5).toString('hex')}`;
    databases.push(name);
    const admin = new pg.Client({ connectionString: server!.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(server!.url);
    url.pathname = `/${name}`;
    return url.toString();
  },
  tamper: async (url, sql) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(sql);
    await c.end();
  },
};

beforeAll(async () => {
  server = await testPostgres();
}, 60_000);
afterAll(async () => {
  if (!server) return;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  await server.stop();
});

/** A child process that opens the journal, runs `body`, prints "ready", then waits to be killed (or exits). */
function child(
  where: string,
  key: Buffer,
  body: string,
  stay: boolean,
): ChildProcess & { ready: Promise<string> } {
  const script = `
    import { Journal } from ${JSON.stringify(JOURNAL)};
    const j = new Journal(${JSON.stringify(where)}, { auditKey: Buffer.from(${JSON.stringify(key.toString('hex'))}, 'hex') });
    ${body}
    process.stdout.write('ready\\n');
    ${stay ? 'setInterval(() => {}, 1000);' : 'j.close();'}`;
  const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const ready = new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('ready')) resolve(out);
    });
    proc.stderr!.on('data', (d) => {
      err += d;
    });
    proc.on('exit', (code) =>
      out.includes('ready') ? resolve(out) : reject(new Error(`child exited ${code}: ${err}`)),
    );
  });
  return Object.assign(proc, { ready });
}

const exited = (p: ChildProcess) =>
  new Promise<void>((resolve) =>
    p.exitCode !== null || p.signalCode ? resolve() : p.once('exit', () => resolve()),
  );

const write = (errandId: string, callId: string) =>
  `j.append(${JSON.stringify(errandId)}, { type: 'action.proposed', step: 1, callId: '${callId}', tool: 'pay_transfer', app: 'pay',
     input: { to_account_id: 'p_wangfang', amount_fen: 2000 }, effect: { kind: 'irreversible' } });
   j.append(${JSON.stringify(errandId)}, { type: 'action.started', step: 1, callId: '${callId}', idempotencyKey: '${errandId}-${callId}' }, true);`;

describe.each([sqlite, postgres])('journal on $name', (backend) => {
  const key = randomBytes(32);
  const open = (where: string) => new Journal(where, { auditKey: key });

  it('keeps every event in order across reopening, lists and resolves errands', async () => {
    const where = await backend.fresh();
    const j = open(where);
    j.create('e-aa1', '给王芳转20元', 'scripted:x', 1000);
    j.create('e-ab2', 'order lunch', 'scripted:y', 2000);
    j.append('e-aa1', { type: 'reflection', step: 1, text: 'a' });
    j.append('e-aa1', { type: 'reflection', step: 2, text: 'b' }, true);
    j.close();
    const again = open(where);
    expect(again.events('e-aa1').map((e) => [e.seq, (e as { text?: string }).text])).toEqual([
      [2, 'a'],
      [3, 'b'],
    ]);
    expect(again.list().map((e) => [e.id, e.status, e.createdAt])).toEqual([
      ['e-ab2', 'running', 2000],
      ['e-aa1', 'running', 1000],
    ]);
    expect(again.list(10, { request: 'order lunch' }).map((e) => e.id)).toEqual(['e-ab2']);
    expect(again.resolve('e-aa')).toBe('e-aa1');
    expect(() => again.resolve('e-a')).toThrow(/matches several errands/);
    expect(() => again.resolve('nope')).toThrow(/No errand "nope"/);
    again.append('e-ab2', {
      type: 'task.finished',
      outcome: 'done',
      summary: 'ok',
      evidence: [],
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, energyWh: 0, calls: 0 },
      steps: 1,
    } as never);
    expect(again.list(1, { id: 'e-ab2' })).toMatchObject([{ status: 'finished', outcome: 'done' }]);
    expect(again.verifyAll()).toMatchObject({ ok: true, errands: 2 });
    expect(again.verify('e-aa1').ok).toBe(true);
    again.close();
  });

  it('writes a batch only on flush (or a durable event), all of it at once', async () => {
    const where = await backend.fresh();
    const writer = open(where);
    const reader = open(where);
    writer.create('e1', 'x', 'scripted:x');
    writer.append('e1', { type: 'reflection', step: 1, text: 'a' });
    writer.append('e1', { type: 'reflection', step: 2, text: 'b' });
    expect(reader.events('e1')).toHaveLength(0);
    writer.flush();
    expect(reader.events('e1').map((e) => e.seq)).toEqual([2, 3]);
    writer.close();
    reader.close();
  });

  it('leaves the errand of a live process running, and settles that of a killed one as interrupted', {
    timeout: 90_000,
  }, async () => {
    const where = await backend.fresh();
    const live = child(where, key, `j.create('e-live', 'x', 'scripted:x');`, true);
    await live.ready;
    const dead = child(
      where,
      key,
      `j.create('e-dead', '给王芳转20元', 'scripted:x'); ${write('e-dead', 'c1')}`,
      true,
    );
    await dead.ready;
    dead.kill('SIGKILL');
    await exited(dead);
    const j = open(where);
    // The dead process's connection (Postgres) or pid (SQLite) is gone a moment after the kill.
    await expect.poll(() => j.list(1, { id: 'e-dead' })[0]?.status, { timeout: 30_000 }).toBe('interrupted');
    expect(j.list(1, { id: 'e-live' })[0]?.status).toBe('running');
    expect(j.events('e-dead').at(-1)).toMatchObject({
      type: 'task.interrupted',
      unknown: [{ callId: 'c1', tool: 'pay_transfer', idempotencyKey: 'e-dead-c1' }],
    });
    expect(j.resumable()).toEqual(['e-dead']);
    expect(() => j.resume('e-live')).toThrow(/still running in process/);
    live.kill('SIGKILL');
    await exited(live);
    await expect.poll(() => j.resumable(), { timeout: 30_000 }).toEqual(['e-live', 'e-dead']);
    expect(j.verifyAll()).toMatchObject({ ok: true, errands: 2 });
    j.close();
  });

  it('lets exactly one taker resume an interrupted errand, and lists waiting ones on request', {
    timeout: 90_000,
  }, async () => {
    const where = await backend.fresh();
    const dead = child(where, key, `j.create('e-int', 'x', 'scripted:x'); ${write('e-int', 'c1')}`, false);
    await dead.ready;
    await exited(dead);
    const j = open(where);
    j.create('e-wait', 'when the food arrives, tell 王芳', 'scripted:x');
    j.append('e-wait', {
      type: 'task.waiting',
      until: { kind: 'time', at: '2026-01-01T12:00:00+08:00' },
      deadlineAt: 5000,
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, energyWh: 0, calls: 0 },
      steps: 1,
    } as never);
    // A process that ended without ending its errand (exit, not kill) is settled too.
    await expect.poll(() => j.resumable(), { timeout: 30_000 }).toEqual(['e-int']);
    expect(j.resumable({ waiting: true }).sort()).toEqual(['e-int', 'e-wait']);
    const events = j.resume('e-int');
    expect(events.map((e) => e.type)).toEqual([
      'task.created',
      'action.proposed',
      'action.started',
      'task.interrupted',
    ]);
    expect(j.list(1, { id: 'e-int' })).toMatchObject([{ status: 'running' }]);
    const other = open(where);
    expect(() => other.resume('e-int')).toThrow(/still running/);
    expect(j.events('e-int').at(-1)).toMatchObject({ type: 'task.resumed', unknown: 1 });
    expect(other.resume('e-wait').at(-1)).toMatchObject({ type: 'task.waiting' });
    expect(() => j.resume('e-none')).toThrow(/No errand "e-none"/);
    expect(j.verifyAll()).toMatchObject({ ok: true, errands: 2 });
    other.close();
    j.close();
  });

  it('writes nothing more for an errand another process took up, and goes on with the others', async () => {
    const where = await backend.fresh();
    const j = open(where);
    j.create('e-mine', 'x', 'scripted:x');
    j.create('e-taken', 'y', 'scripted:x');
    j.append('e-mine', { type: 'reflection', step: 1, text: 'kept' });
    j.append('e-taken', { type: 'reflection', step: 1, text: 'dropped' });
    // As when a worker's connection dropped and another worker resumed this errand meanwhile.
    await backend.tamper(where, "UPDATE errands SET owner = 'another-boot:1:1' WHERE id = 'e-taken'");
    expect(() => j.append('e-taken', { type: 'reflection', step: 2, text: 'dropped too' }, true)).toThrow(
      /no longer run by this process/,
    );
    j.append('e-mine', { type: 'reflection', step: 2, text: 'kept too' }, true);
    const reader = open(where);
    expect(reader.events('e-mine').map((e) => (e as { text?: string }).text)).toEqual(['kept', 'kept too']);
    expect(reader.events('e-taken').filter((e) => e.type === 'reflection')).toEqual([]);
    reader.close();
    j.close();
  });

  it('exports a copy that verifies elsewhere with the key, and not with another', async () => {
    const where = await backend.fresh();
    const j = open(where);
    j.create('e1', 'x', 'scripted:x');
    j.append('e1', { type: 'reflection', step: 1, text: 'a' }, true);
    const file = join(mkdtempSync(join(tmpdir(), 'errand-export-')), 'copy.db');
    j.exportTo(file);
    expect(() => j.exportTo(file)).toThrow(/already exists/);
    expect(verifyJournalFile(file, key)).toMatchObject({ ok: true, errands: 1, events: 2 });
    expect(verifyJournalFile(file, randomBytes(32)).ok).toBe(false);
    j.close();
  });

  it('names an edited event, and refuses to extend a head moved back', async () => {
    const where = await backend.fresh();
    const j = open(where);
    j.create('e1', '给王芳转20元', 'scripted:x');
    j.append('e1', { type: 'reflection', step: 1, text: 'pay 20' }, true);
    j.append('e1', { type: 'reflection', step: 2, text: 'paid' }, true);
    expect(j.verifyAll().ok).toBe(true);
    await backend.tamper(where, `UPDATE events SET data = replace(data, 'pay 20', 'pay 99') WHERE seq = 2`);
    const edited = j.verifyAll();
    expect(edited.ok).toBe(false);
    expect(JSON.stringify(edited.findings)).toMatch(/e1/);
    await backend.tamper(
      where,
      `UPDATE events SET data = replace(data, 'pay 99', 'pay 20') WHERE seq = 2;
       DELETE FROM events WHERE seq = 3; UPDATE journal_head SET g = g - 1`,
    );
    expect(j.verifyAll().ok).toBe(false);
    expect(() => j.append('e1', { type: 'reflection', step: 3, text: 'more' }, true)).toThrow(
      /changed outside errand/,
    );
    j.store.close(); // its refused batch stays unwritten
  });

  it('keeps one unbroken chain while four processes append at once', async () => {
    const where = await backend.fresh();
    open(where).close(); // the tables exist before the writers race
    const body = (n: number) => `
      for (let e = 0; e < 3; e++) {
        const id = 'p${n}-' + e;
        j.create(id, 'x', 'scripted:x');
        for (let i = 0; i < 20; i++) j.append(id, { type: 'reflection', step: i, text: 'p${n}' }, i % 3 === 0);
        j.flush();
      }`;
    const writers = [0, 1, 2, 3].map((n) => child(where, key, body(n), false));
    await Promise.all(writers.map((w) => w.ready));
    await Promise.all(writers.map(exited));
    const j = open(where);
    const check = j.verifyAll();
    // Each errand: created, 20 reflections, and interrupted (its process ended without ending it).
    expect(check).toMatchObject({ ok: true, errands: 12, events: 12 * 22 });
    for (const n of [0, 1, 2, 3])
      for (const e of [0, 1, 2])
        expect(
          j
            .events(`p${n}-${e}`)
            .filter((x) => x.type === 'reflection')
            .map((x) => x.seq),
        ).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    j.close();
  }, 120_000);
});
