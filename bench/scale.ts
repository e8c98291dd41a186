/**
 * Scale-out on Postgres: N errands (errand's recipes, no model; every app call made slow on purpose)
 * queued on one Postgres database and run by 1, 2 and 4 `errand worker` processes; in the 4-worker run
 * one worker is SIGKILLed half-way. Prints errands/s for each, the 1→4 scaling ratio, and — read from
 * the world's own tables by a checker that shares no code with the runner — errands lost and effects
 * duplicated.
 *
 *   npm run bench:scale [-- --errands 1000] [--latency 1000] [--concurrency 4] [--workers 1,2,4] [--no-kill] [--replace]
 *
 * The clock starts once every worker process is up (Node and errand loaded), before the first job.
 *
 * Postgres: ERRAND_BENCH_PG / ERRAND_TEST_PG (a server URL; a database is made per run), else a
 * throwaway cluster from Debian's server binaries.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Journal } from '../src/agent/journal.js';
import { ErrandQueue } from '../src/errands/queue.js';
import { WorldHost } from '../src/world/index.js';
import { cliCommand } from '../test/support/cli.js';
import { startCluster } from '../test/support/postgres.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

const errands = Number(flag('errands') ?? 1000);
const latency = Number(flag('latency') ?? 1000);
const concurrency = Number(flag('concurrency') ?? 4);
const workerCounts = (flag('workers') ?? '1,2,4').split(',').map(Number);
const kill = !process.argv.includes('--no-kill');
/** Start a new worker in place of the killed one, as a supervisor (systemd, Kubernetes) would. */
const replace = process.argv.includes('--replace');

const given = process.env.ERRAND_BENCH_PG || process.env.ERRAND_TEST_PG;
const cluster = given ? undefined : await startCluster();
const server = given ?? cluster!.url;

async function sql(url: string, text: string): Promise<{ rows: Record<string, unknown>[] }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

function worker(home: string, db: string): ChildProcess & { ready: Promise<void> } {
  const { command, args } = cliCommand([
    'worker',
    '--db',
    db,
    '--concurrency',
    String(concurrency),
    '--app-latency',
    String(latency),
  ]);
  const child = spawn(command, args, {
    env: { ...process.env, ERRAND_HOME: home, HOME: home },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ready = new Promise<void>((resolve) => {
    child.stderr!.on('data', (d: Buffer) => {
      const text = String(d);
      if (/taking errands from/.test(text)) resolve();
      else process.stderr.write(`  [worker ${child.pid}] ${text}`);
    });
    child.once('exit', () => resolve());
  });
  return Object.assign(child, { ready });
}

const exited = (p: ChildProcess) =>
  new Promise<void>((resolve) =>
    p.exitCode !== null || p.signalCode ? resolve() : p.once('exit', () => resolve()),
  );

interface Outcome {
  workers: number;
  /** From the first job queued (every worker up) to the last errand finished. */
  seconds: number;
  /** Errands/s while the workers run, from 10% to 90% finished (start-up and the last stragglers left out). */
  steady: number;
  perSecond: number;
  lost: number;
  duplicated: number;
  killed: boolean;
}

/** Counts, in the world's own chat table, how often each errand's message was sent. */
function checkWorld(file: string, codes: string[]): { lost: number; duplicated: number } {
  const db = new Database(file, { readonly: true });
  const texts = (db.prepare('SELECT text FROM chat_messages').all() as { text: string }[]).map((r) => r.text);
  db.close();
  const counts = new Map<string, number>();
  for (const t of texts) {
    const m = /编号 (S[0-9a-f]+-\d+) /.exec(t);
    if (m) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  }
  let lost = 0;
  let duplicated = 0;
  for (const code of codes) {
    const n = counts.get(code) ?? 0;
    if (n === 0) lost++;
    if (n > 1) duplicated += n - 1;
  }
  return { lost, duplicated };
}

async function run(workers: number, withKill: boolean): Promise<Outcome> {
  const name = `errand_scale_${randomBytes(4).toString('hex')}`;
  await sql(server, `CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = url.toString();
  const home = mkdtempSync(join(tmpdir(), 'errand-scale-'));
  const world = join(home, 'world.db');
  WorldHost.open({ seed: 1, file: world }).close();
  const batch = randomBytes(3).toString('hex');
  const codes = Array.from({ length: errands }, (_, i) => `S${batch}-${i}`);
  new Journal(db).close(); // its tables, before anyone counts rows in them
  const queue = await ErrandQueue.open(db, { supervise: false });
  const procs = Array.from({ length: workers }, () => worker(home, db));
  await Promise.all(procs.map((p) => p.ready));
  const started = performance.now();
  for (const [i, code] of codes.entries())
    await queue.send({
      errandId: `e-${batch}-${i}`,
      start: {
        request: `告诉王芳：编号 ${code} 的会议改到明天`,
        world: { kind: 'file', file: world, seed: 1, persona: 'liming' },
        approve: 'auto',
      },
    });
  await queue.close();
  let killed = false;
  let finished = 0;
  let at10: number | undefined;
  let at90: number | undefined;
  const deadline = Date.now() + Math.max(600_000, errands * 2_000);
  while (Date.now() < deadline) {
    const { rows } = await sql(db, "SELECT count(*)::int AS n FROM errands WHERE status = 'finished'");
    finished = Number(rows[0]?.n ?? 0);
    if (at10 === undefined && finished >= errands * 0.1) at10 = performance.now();
    if (at90 === undefined && finished >= errands * 0.9) at90 = performance.now();
    if (finished >= errands) break;
    if (withKill && !killed && finished >= errands / 2) {
      procs[0]!.kill('SIGKILL');
      killed = true;
      console.log(`  killed worker ${procs[0]!.pid} (SIGKILL) at ${finished}/${errands} finished`);
      if (replace) {
        procs.push(worker(home, db));
        console.log('  started a worker in its place');
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = (performance.now() - started) / 1000;
  const steady =
    at10 !== undefined && at90 !== undefined && at90 > at10 ? (errands * 0.8) / ((at90 - at10) / 1000) : 0;
  for (const p of procs) p.kill(p === procs[0] && killed ? 'SIGKILL' : 'SIGTERM');
  await Promise.all(procs.map(exited));
  const { lost, duplicated } = checkWorld(world, codes);
  await sql(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  rmSync(home, { recursive: true, force: true });
  return { workers, seconds, steady, perSecond: finished / seconds, lost, duplicated, killed };
}

console.log(
  `bench:scale — ${errands} errands (recipes, no model), apps answer ${latency} ms late, ${concurrency} errands per worker`,
);
const outcomes: Outcome[] = [];
try {
  for (const n of workerCounts) {
    const withKill = kill && n === Math.max(...workerCounts) && n > 1;
    const o = await run(n, withKill);
    outcomes.push(o);
    console.log(
      `  ${n} worker${n > 1 ? 's' : ' '}: ${o.perSecond.toFixed(2)} errands/s (${o.seconds.toFixed(1)} s; ${o.steady.toFixed(2)}/s from 10% to 90% done)${o.killed ? `, one killed mid-run${replace ? ' and replaced' : ''}` : ''} — lost ${o.lost}, duplicated effects ${o.duplicated}`,
    );
  }
} finally {
  cluster?.stop();
}
const one = outcomes.find((o) => o.workers === 1);
const most = outcomes.at(-1);
if (one && most && most !== one)
  console.log(
    `scaling 1→${most.workers} workers: ${(most.perSecond / one.perSecond).toFixed(2)}× (${(most.steady / one.steady).toFixed(2)}× from 10% to 90% done; target ≥ 3× from 1 to 4)`,
  );
const lost = outcomes.reduce((a, o) => a + o.lost, 0);
const duplicated = outcomes.reduce((a, o) => a + o.duplicated, 0);
console.log(`lost errands ${lost}, duplicated effects ${duplicated} (counted in the world's chat table)`);
process.exitCode = lost || duplicated ? 1 : 0;
