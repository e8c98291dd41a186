import { existsSync } from 'node:fs';
import { ErrandError } from '../errors.js';
import {
  type AuditCheck,
  type Checkpoint,
  chainHash,
  eventRef,
  GENESIS,
  signCheckpoint,
} from '../guard/audit.js';
import { checkForErrand, verifyRecord } from '../guard/audit-verify.js';
import { type ErrandEvent, type JournalEvent, TERMINAL_EVENTS } from './events.js';
import { interruptedEvent, startedWrites } from './interrupted.js';
import { isOldJournal, migrateOldJournal } from './journal-migrate.js';
import { journalError, SqliteStore, writeTransaction } from './journal-db.js';
import { isPostgresUrl, PgStore } from './journal-pg.js';
import { type EventRow, type JournalStore, readRecord, type SqlParam } from './journal-store.js';
import { currentOwner } from './owner.js';

/** One line of `errand tasks`: an errand and how it stands. */
export interface ErrandSummary {
  id: string;
  createdAt: number;
  request: string;
  model: string;
  status: 'running' | 'finished' | 'failed' | 'cancelled' | 'interrupted' | 'waiting';
  outcome: string | null;
}

type Listener = (event: JournalEvent) => void;
type Pending = { errandId: string; stored: JournalEvent };

/** How long an event may wait in memory before it is written even though nothing depends on it. */
const FLUSH_AFTER_MS = 200;
/** How many ids one status read asks about. */
const STATUS_CHUNK = 500;

const isTerminal = (type: string) => (TERMINAL_EVENTS as readonly string[]).includes(type);

/**
 * The durable record of every errand: each event is written to SQLite (or Postgres, for a journal
 * shared by several machines) before anything depends on it, in one hash chain over the whole journal
 * whose head is signed after every write. Several processes may write to one journal at once. The CLI,
 * `show`, the report, the audit and the bench all read it.
 */
export class Journal {
  readonly store: JournalStore;
  /** The file, or the Postgres URL without its password. */
  readonly file: string;
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #seq = new Map<string, number>();
  #pending: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;
  /** Signs the audit chain when given (errand's CLI keeps one in its home). */
  readonly #key: Buffer | undefined;
  readonly #owner = currentOwner();
  /** Errands this process ran until another took them up: nothing more is written for them here. */
  readonly #lost = new Set<string>();

  /** `where` is a SQLite file (`:memory:` for none) or a `postgres://` URL. */
  constructor(where: string, options: { auditKey?: Buffer } = {}) {
    this.#key = options.auditKey;
    if (isPostgresUrl(where)) {
      this.store = new PgStore(where, this.#owner);
      this.file = this.store.where;
      return;
    }
    const store = new SqliteStore(where);
    this.store = store;
    this.file = where;
    if (isOldJournal(store.db)) {
      const chain = (errandId: string, events: JournalEvent[]) =>
        this.#chain(events.map((stored) => ({ errandId, stored })));
      try {
        writeTransaction(store.db, where, () => migrateOldJournal(store.db, where, this.#key, chain));
      } catch (err) {
        store.close();
        throw journalError(err, where);
      }
    }
  }

  /** The SQLite database of a file journal (for tests and tools that read it directly). */
  get db(): import('better-sqlite3').Database {
    if (!(this.store instanceof SqliteStore))
      throw new ErrandError('INVALID_INPUT', `The journal at ${this.file} is not a SQLite file.`);
    return this.store.db;
  }

  /** Starts a new errand record: its entry in the list and its first event, in one write. */
  create(id: string, request: string, model: string, at = Date.now()): void {
    const stored = { type: 'task.created', request, model, owner: this.#owner, seq: 1, at } as JournalEvent;
    this.#write(() => {
      this.store.run(
        "INSERT INTO errands (id, created_at, request, model, status, owner) VALUES (?, ?, ?, ?, 'running', ?)",
        [id, at, request, model, this.#owner],
      );
      this.#chain([{ errandId: id, stored }]);
    });
    this.#seq.set(id, 1);
  }

  /**
   * Appends one event and tells live listeners. Events are written in batches: `durable` (and every
   * terminal event) writes the batch before returning, so whatever depends on an event — an action
   * about to start, a write's result, a question a person must see — finds it on disk. An event lost
   * from an unwritten batch in a crash is one nothing depended on yet: a model turn to ask again, or a
   * read to make again.
   */
  append(errandId: string, event: ErrandEvent, durable = false): JournalEvent {
    this.#checkOurs(errandId);
    const seq = (this.#seq.get(errandId) ?? this.#lastSeq(errandId)) + 1;
    const stored = { ...event, seq, at: Date.now() } as JournalEvent;
    this.#pending.push({ errandId, stored });
    this.#seq.set(errandId, seq);
    if (durable || isTerminal(event.type)) {
      this.flush();
      this.#checkOurs(errandId);
    } else if (!this.#timer) {
      // Readers in other processes (errand show, a console) see events within a fraction of a second.
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        try {
          if (this.store.open) this.flush();
        } catch {
          // The events stay pending: the next durable write reports the failure to someone who can act.
        }
      }, FLUSH_AFTER_MS);
      this.#timer.unref();
    }
    for (const listener of this.#listeners.get(errandId) ?? []) listener(stored);
    return stored;
  }

  #checkOurs(errandId: string): void {
    if (this.#lost.has(errandId))
      throw new ErrandError(
        'CONFLICT',
        `errand ${errandId} is no longer run by this process (another took it up); nothing more is done for it here.`,
      );
  }

  /** Writes every pending event in one transaction, or none of them. */
  flush(): void {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    let lost: string[] = [];
    this.#write(() => {
      lost = this.#notOurs(batch);
      this.#chain(lost.length ? batch.filter((p) => !lost.includes(p.errandId)) : batch);
    });
    this.#pending = [];
    for (const id of lost) this.#lost.add(id);
  }

  /**
   * Errands of the batch this process no longer runs: another process took them up (a worker whose
   * Postgres connection dropped looked dead for a moment), or marked them interrupted. Their events are
   * dropped, and their runs here stop at their next event.
   */
  #notOurs(batch: Pending[]): string[] {
    const ids = [...new Set(batch.map((p) => p.errandId))];
    return ids.filter((id) => {
      const row = this.store.get<{ owner: string | null; status: string }>(
        'SELECT owner, status FROM errands WHERE id = ?',
        [id],
      );
      return row !== undefined && (row.owner !== this.#owner || row.status === 'interrupted');
    });
  }

  #write(work: () => void): void {
    try {
      this.store.write(work);
    } catch (err) {
      const e = this.store.failure(err);
      throw new ErrandError(e.code, `Could not write to the journal: ${e.message}`);
    }
  }

  /** Links events onto the chain's head, read inside the write transaction so writers never fork it. */
  #chain(batch: Pending[]): void {
    let head = this.#trustedHead();
    const rows: EventRow[] = [];
    const finished: SqlParam[][] = [];
    // Each errand's head is written once a batch, after its last event, not once an event.
    const heads = new Map<string, { hash: string; seq: number }>();
    for (const { errandId, stored: e } of batch) {
      const { seq, at, ...event } = e;
      const row = {
        g: head.g + 1,
        prev: head.ref,
        errandId,
        seq,
        at,
        type: event.type,
        data: JSON.stringify(event),
      };
      const hash = chainHash(this.#key, head.hash, row);
      rows.push({ ...row, hash });
      heads.set(errandId, { hash, seq });
      if (isTerminal(event.type)) {
        const outcome = e.type === 'task.finished' ? e.outcome : null;
        finished.push([event.type.split('.')[1]!, outcome, errandId]);
      }
      head = { g: row.g, hash, ref: eventRef(errandId, seq) };
    }
    this.store.insertEvents(rows);
    for (const [errandId, h] of heads)
      this.store.run('UPDATE errands SET head = ?, events = ? WHERE id = ?', [h.hash, h.seq, errandId]);
    for (const params of finished)
      this.store.run('UPDATE errands SET status = ?, outcome = ? WHERE id = ?', params);
    const cp = signCheckpoint(this.#key, head);
    this.store.run(
      'INSERT INTO journal_head (id, g, hash, ref, mac) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET g = excluded.g, hash = excluded.hash, ref = excluded.ref, mac = excluded.mac',
      [cp.g, cp.hash, cp.ref, cp.mac],
    );
  }

  /**
   * The head to extend, checked against its signature first: a writer that extended a head someone had
   * moved back would sign their cut, so errand refuses to add to a journal whose head is not its own.
   */
  #trustedHead(): { g: number; hash: string; ref: string } {
    const stored = this.store.get<Checkpoint>('SELECT g, hash, ref, mac FROM journal_head WHERE id = 1');
    const changed = (what: string) =>
      new ErrandError(
        'JOURNAL_DAMAGED',
        `The journal ${this.file} was changed outside errand (${what}), so errand will not add to it. \`errand audit verify\` says what changed; then move the file aside (mv ${this.file} ${this.file}.changed) to start a new journal.`,
      );
    if (!stored) {
      if (this.store.get('SELECT 1 FROM events LIMIT 1')) throw changed('its signed head is missing');
      return { g: 0, hash: GENESIS, ref: '' };
    }
    if (signCheckpoint(this.#key, stored).mac !== stored.mac)
      throw changed('its signed head does not match its signature, or it was signed with another audit key');
    return stored;
  }

  /** Reads, with a damaged file turned into a clear error. */
  #read<T>(work: () => T): T {
    try {
      return work();
    } catch (err) {
      throw this.store.failure(err);
    }
  }

  /**
   * Marks as interrupted every running errand whose process has died (or only `errandId`): a chained
   * `task.interrupted` event that lists the writes it started with no result. Returns their ids.
   */
  settle(errandId?: string): string[] {
    const running = this.#read(() =>
      this.store.all<{ id: string; owner: string | null }>(
        `SELECT id, owner FROM errands WHERE status = 'running'${errandId ? ' AND id = ?' : ''}`,
        errandId ? [errandId] : [],
      ),
    );
    const settled: string[] = [];
    // One process runs many errands: ask once per process whether it has died.
    const gone = new Map<string, boolean>();
    const isGone = (owner: string) => {
      let answer = gone.get(owner);
      if (answer === undefined) {
        answer = this.#read(() => this.store.ownerGone(owner));
        gone.set(owner, answer);
      }
      return answer;
    };
    for (const { id, owner } of running) {
      if (!owner || owner === this.#owner || !isGone(owner)) continue;
      if (!this.#headIsOurs()) break; // a changed journal is left as it is, for the audit to name
      try {
        this.#settleOne(id, owner, settled);
      } catch {
        // Cannot write (a full disk, a read-only copy): it reads as running until a writer can mark it.
      }
    }
    return settled;
  }

  #settleOne(id: string, owner: string, settled: string[]): void {
    this.#write(() => {
      const now = this.store.get<{ status: string }>('SELECT status FROM errands WHERE id = ?', [id])!;
      if (now.status !== 'running') return; // another reader got there first
      const events = this.#events(id);
      const seq = (events.at(-1)?.seq ?? 0) + 1;
      const event = interruptedEvent(events, owner.split(':')[1] ?? '?');
      this.#chain([{ errandId: id, stored: { ...event, seq, at: Date.now() } as JournalEvent }]);
      settled.push(id);
    });
  }

  /**
   * Takes up an interrupted errand (or one whose process has died) in this process: marks it running
   * again as ours with a chained `task.resumed` event, in one write, so two processes cannot both take
   * it. Returns its events up to that point, for the runner to replay.
   */
  resume(errandId: string): JournalEvent[] {
    this.flush();
    this.settle(errandId);
    let events: JournalEvent[] = [];
    this.#write(() => {
      const row = this.store.get<{ status: string; owner: string | null }>(
        'SELECT status, owner FROM errands WHERE id = ?',
        [errandId],
      );
      if (!row) throw new ErrandError('NOT_FOUND', `No errand "${errandId}"; \`errand tasks\` lists them.`);
      if (row.status === 'running')
        throw new ErrandError(
          'CONFLICT',
          `errand ${errandId} is still running in process ${row.owner?.split(':')[1] ?? '?'}; it can be resumed only once that process has ended.`,
        );
      if (row.status !== 'interrupted' && row.status !== 'waiting')
        throw new ErrandError(
          'CONFLICT',
          `errand ${errandId} has already ended (${row.status}); only an interrupted or waiting errand can be resumed. \`errand show ${errandId}\` shows how it ended.`,
        );
      events = this.#events(errandId);
      const unknown = startedWrites(events).filter((w) => w.result === 'unknown').length;
      const seq = (events.at(-1)?.seq ?? 0) + 1;
      const stored = { type: 'task.resumed', owner: this.#owner, unknown, seq, at: Date.now() };
      this.store.run("UPDATE errands SET status = 'running', outcome = NULL, owner = ? WHERE id = ?", [
        this.#owner,
        errandId,
      ]);
      this.#chain([{ errandId, stored: stored as JournalEvent }]);
      this.#seq.set(errandId, seq);
    });
    this.#lost.delete(errandId);
    return events;
  }

  /**
   * Errands to take up, oldest first: interrupted ones (and running ones whose process has died), and
   * with `waiting`, those waiting for the world.
   */
  resumable(options: { waiting?: boolean } = {}): string[] {
    this.flush();
    this.settle();
    const statuses = options.waiting ? "('interrupted', 'waiting')" : "('interrupted')";
    return this.#read(() =>
      this.store.all<{ id: string }>(
        `SELECT id FROM errands WHERE status IN ${statuses} ORDER BY created_at, rowid`,
      ),
    ).map((r) => r.id);
  }

  #headIsOurs(): boolean {
    try {
      this.#trustedHead();
      return true;
    } catch {
      return false;
    }
  }

  /** Checks the whole journal's chain: names any edit, deletion, insertion, reordering or cut. */
  verifyAll(): AuditCheck {
    this.flush();
    this.settle();
    return this.#read(() => verifyRecord(this.#key, readRecord(this.store)));
  }

  /** Checks one errand's part of the chain (and what concerns the whole journal, such as its signed head). */
  verify(errandId: string): AuditCheck {
    return checkForErrand(this.verifyAll(), errandId);
  }

  /** Writes a consistent copy of the whole journal to a new file, to verify elsewhere with the key. */
  exportTo(file: string): void {
    if (existsSync(file))
      throw new ErrandError('CONFLICT', `${file} already exists; choose a new file name.`);
    this.flush();
    this.settle();
    this.#read(() => this.store.exportTo(file));
  }

  #lastSeq(errandId: string): number {
    const row = this.#read(() =>
      this.store.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM events WHERE errand_id = ?', [
        errandId,
      ]),
    );
    return row?.seq ?? 0;
  }

  #events(errandId: string): JournalEvent[] {
    const rows = this.store.all<{ seq: number; at: number; data: string }>(
      'SELECT seq, at, data FROM events WHERE errand_id = ? ORDER BY seq',
      [errandId],
    );
    return rows.map((r) => ({ ...(JSON.parse(r.data) as ErrandEvent), seq: r.seq, at: r.at }));
  }

  /**
   * Every event of an errand's run, in order (an errand whose process died is first marked
   * interrupted). Its `task.created` record, which the audit checks the errand list against, is left
   * out unless asked for.
   */
  events(errandId: string, options: { withCreated?: boolean } = {}): JournalEvent[] {
    this.flush();
    this.settle(errandId);
    const events = this.#read(() => this.#events(errandId));
    return options.withCreated ? events : events.filter((e) => e.type !== 'task.created');
  }

  /**
   * Past errands, newest first; `request` keeps only errands asked in exactly those words, `id` only
   * the errand with that id.
   */
  list(limit = 50, filter: { request?: string; id?: string } = {}): ErrandSummary[] {
    this.flush();
    this.settle(filter.id);
    const conditions: [string, SqlParam][] = [];
    if (filter.request !== undefined) conditions.push(['request = ?', filter.request]);
    if (filter.id !== undefined) conditions.push(['id = ?', filter.id]);
    const where = conditions.length ? `WHERE ${conditions.map(([c]) => c).join(' AND ')}` : '';
    return this.#read(() =>
      this.store.all<ErrandSummary>(
        `SELECT id, created_at AS "createdAt", request, model, status, outcome FROM errands ${where} ORDER BY created_at DESC, rowid DESC LIMIT ?`,
        [...conditions.map(([, v]) => v), limit],
      ),
    );
  }

  /** The status of each of these errands the journal has, in a few reads however many there are. */
  statuses(ids: readonly string[]): Map<string, ErrandSummary['status']> {
    const out = new Map<string, ErrandSummary['status']>();
    for (let i = 0; i < ids.length; i += STATUS_CHUNK) {
      const chunk = ids.slice(i, i + STATUS_CHUNK);
      const rows = this.#read(() =>
        this.store.all<{ id: string; status: ErrandSummary['status'] }>(
          `SELECT id, status FROM errands WHERE id IN (${chunk.map(() => '?').join(', ')})`,
          chunk,
        ),
      );
      for (const r of rows) out.set(r.id, r.status);
    }
    return out;
  }

  /** Finds an errand by id or unique id prefix. */
  resolve(idOrPrefix: string): string {
    const rows = this.#read(() =>
      this.store.all<{ id: string }>('SELECT id FROM errands WHERE id LIKE ? LIMIT 2', [`${idOrPrefix}%`]),
    );
    if (rows.length === 0)
      throw new ErrandError('NOT_FOUND', `No errand "${idOrPrefix}"; \`errand tasks\` lists them.`);
    if (rows.length > 1)
      throw new ErrandError('INVALID_INPUT', `"${idOrPrefix}" matches several errands; give more of the id.`);
    return rows[0]!.id;
  }

  /** Calls `listener` with each new event of an errand until the returned function is called. */
  subscribe(errandId: string, listener: Listener): () => void {
    let set = this.#listeners.get(errandId);
    if (!set) {
      set = new Set();
      this.#listeners.set(errandId, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Closes the database. */
  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.store.open) return;
    this.flush();
    this.store.close();
  }
}

/** Verifies a journal file as it is (a copy from another machine, say), with the key that signed it. */
export function verifyJournalFile(file: string, key: Buffer | undefined): AuditCheck {
  if (!existsSync(file)) throw new ErrandError('NOT_FOUND', `There is no journal file ${file}.`);
  let store: SqliteStore | undefined;
  try {
    store = new SqliteStore(file, { readonly: true });
    return verifyRecord(key, readRecord(store));
  } catch (err) {
    const e = journalError(err, file);
    if (e.code !== 'JOURNAL_DAMAGED' && !/no such table|no such column/.test(e.message)) throw e;
    throw new ErrandError(
      'JOURNAL_DAMAGED',
      `${file} is not an errand journal, or it is damaged (${(err as Error).message}): check that it is the file \`errand audit export\` wrote.`,
    );
  } finally {
    store?.close();
  }
}
