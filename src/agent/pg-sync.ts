import { createRequire } from 'node:module';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** One statement's answer from Postgres. */
export interface PgResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

/** A failure Postgres (or the way to it) reported: its SQLSTATE or socket code, and its message. */
export class PgFailure extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * The thread that talks to Postgres. It is plain JavaScript in a string so that it runs the same from
 * the sources (tsx, vitest) and from the built package, and it loads `pg` from the path the main
 * thread resolved. It answers one statement at a time: the main thread waits for each answer.
 */
const THREAD = `
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
pg.types.setTypeParser(20, (v) => Number(v));
const { port, signal, url, owner } = workerData;
// Nothing may end this thread but close: the main thread sleeps until it answers.
let failure = null;
process.on('uncaughtException', (err) => { failure = String(err && err.stack || err); });
process.on('unhandledRejection', (err) => { failure = String(err && err.stack || err); });
let client = null;
async function connected() {
  if (client) return client;
  const c = new pg.Client({ connectionString: url, application_name: 'errand', keepAlive: true });
  c.on('error', () => { if (client === c) client = null; });
  await c.connect();
  // While this connection lives its process is alive: others check this lock to know (see ownerGone).
  if (owner) await c.query('SELECT pg_advisory_lock_shared(hashtextextended($1, 0))', [owner]);
  client = c;
  return c;
}
function answer(message) {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}
port.on('message', async (m) => {
  if (m.op === 'close') {
    const c = client;
    client = null;
    try { if (c) await c.end(); } catch {}
    answer({ ok: true });
    port.close();
    return;
  }
  try {
    const c = await connected();
    const r = await c.query(m.sql, m.params);
    answer({ ok: true, rows: r.rows ?? [], rowCount: r.rowCount ?? 0 });
  } catch (err) {
    if (client && !client._connected) client = null;
    answer({ ok: false, message: String(err && err.message || err), code: String(err && err.code || ''), failure });
  }
});
`;

/** How long one statement may take before errand gives up on the database. */
const ANSWER_TIMEOUT_MS = 60_000;

/**
 * A synchronous Postgres connection: each query is handed to a thread that runs `pg`, and this
 * thread sleeps (Atomics.wait) until the answer comes back. The journal is synchronous everywhere it
 * is used, so this keeps one Journal API over SQLite and Postgres.
 */
/** The thread that talks to Postgres, and why it ended, once it has. */
interface PgThread {
  worker: Worker;
  port: MessagePort;
  exited: string | null;
}

export class SyncPg {
  #thread: PgThread | undefined;
  readonly #signal = new Int32Array(new SharedArrayBuffer(4));
  readonly #url: string;
  readonly #owner: string | undefined;
  #open = true;

  /** `owner`, when given, is held as a shared advisory lock for as long as the connection lives. */
  constructor(url: string, owner?: string) {
    this.#url = url;
    this.#owner = owner;
  }

  /** The thread, started when first needed and again after one was lost. */
  #started(): PgThread {
    if (this.#thread) return this.#thread;
    const { port1, port2 } = new MessageChannel();
    const pgPath = createRequire(import.meta.url).resolve('pg');
    const worker = new Worker(THREAD, {
      eval: true,
      // Not the parent's flags: `--input-type=module` (node -e) would make this script a module.
      execArgv: [],
      workerData: { port: port2, signal: this.#signal, url: this.#url, owner: this.#owner, pgPath },
      transferList: [port2],
    });
    worker.unref();
    const thread: PgThread = { worker, port: port1, exited: null };
    // A thread that dies fails the query it was asked, not the process; the next query starts another.
    worker.on('error', (err) => {
      thread.exited = String(err);
    });
    worker.on('exit', (code) => {
      thread.exited ??= `exit code ${code}`;
    });
    this.#thread = thread;
    return thread;
  }

  get open(): boolean {
    return this.#open;
  }

  /** Runs one statement (`$1`-style parameters) and waits for its answer. */
  query(sql: string, params: unknown[] = []): PgResult {
    const answer = this.#ask({ op: 'query', sql, params }) as
      | { ok: true; rows: Record<string, unknown>[]; rowCount: number }
      | { ok: false; message: string; code: string };
    if (!answer.ok) throw new PgFailure(answer.message, answer.code);
    return { rows: answer.rows, rowCount: answer.rowCount };
  }

  #ask(message: object): unknown {
    if (!this.#open) throw new PgFailure('the connection to Postgres is closed', 'CLOSED');
    const thread = this.#started();
    Atomics.store(this.#signal, 0, 0);
    thread.port.postMessage(message);
    const waited = Atomics.wait(this.#signal, 0, 0, ANSWER_TIMEOUT_MS);
    const reply = receiveMessageOnPort(thread.port);
    if (!reply) {
      // Start afresh next time: a new thread, a new connection (the server rolls back what was open).
      this.#thread = undefined;
      thread.port.close();
      void thread.worker.terminate();
      throw new PgFailure(
        waited === 'timed-out'
          ? `Postgres did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`
          : `the thread that talks to Postgres stopped (${thread.exited ?? waited})`,
        'TIMEOUT',
      );
    }
    return reply.message;
  }

  /** Ends the connection and its thread. */
  close(): void {
    if (!this.#open) return;
    try {
      if (this.#thread) this.#ask({ op: 'close' });
    } finally {
      this.#open = false;
      const thread = this.#thread;
      this.#thread = undefined;
      thread?.port.close();
      void thread?.worker.terminate();
    }
  }
}
