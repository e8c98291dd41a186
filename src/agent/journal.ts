import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ErrandError, toErrandError } from '../errors.js';
import { type AuditCheck, type AuditRow, chainHash, GENESIS, verifyChain } from '../guard/audit.js';
import { type ErrandEvent, type JournalEvent, TERMINAL_EVENTS } from './events.js';

/** One line of `errand tasks`: an errand and how it stands. */
export interface ErrandSummary {
  id: string;
  createdAt: number;
  request: string;
  model: string;
  status: 'running' | 'finished' | 'failed' | 'cancelled';
  outcome: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS errands (
  id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, request TEXT NOT NULL, model TEXT NOT NULL,
  status TEXT NOT NULL, outcome TEXT, head TEXT, events INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS events (
  errand_id TEXT NOT NULL REFERENCES errands(id), seq INTEGER NOT NULL, at INTEGER NOT NULL, type TEXT NOT NULL,
  data TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (errand_id, seq)
);`;

type Listener = (event: JournalEvent) => void;

/** How long an event may wait in memory before it is written even though nothing depends on it. */
const FLUSH_AFTER_MS = 200;

/**
 * The durable record of every errand: each event is written to SQLite before anything depends on it.
 * The CLI, `show`, the report, the audit and the bench all read it.
 */
export class Journal {
  readonly db: Database.Database;
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #seq = new Map<string, number>();
  readonly #insert: Database.Statement;
  readonly #finish: Database.Statement;
  #pending: { errandId: string; stored: JournalEvent }[] = [];
  #timer: NodeJS.Timeout | undefined;

  /** Signs the audit chain when given (errand's CLI keeps one in its home). */
  readonly #key: Buffer | undefined;
  readonly #heads = new Map<string, string>();
  readonly #head: Database.Statement;

  constructor(file: string, options: { auditKey?: Buffer } = {}) {
    this.#key = options.auditKey;
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    try {
      this.db = new Database(file);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(SCHEMA);
    } catch (err) {
      throw new ErrandError(
        'STORAGE_FAILED',
        `Cannot open the journal at ${file}: ${toErrandError(err).message}`,
      );
    }
    this.#insert = this.db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)');
    this.#head = this.db.prepare('UPDATE errands SET head = ?, events = ? WHERE id = ?');
    this.#finish = this.db.prepare('UPDATE errands SET status = ?, outcome = ? WHERE id = ?');
  }

  /** Starts a new errand record. */
  create(id: string, request: string, model: string, at = Date.now()): void {
    this.db
      .prepare("INSERT INTO errands (id, created_at, request, model, status) VALUES (?, ?, ?, ?, 'running')")
      .run(id, at, request, model);
    this.#seq.set(id, 0);
  }

  /**
   * Appends one event and tells live listeners. Events are written in batches: `durable` (and every
   * terminal event) writes the batch before returning, so whatever depends on an event — an action
   * about to start, a question a person must see — finds it on disk. An event lost from an unwritten
   * batch in a crash is one nothing depended on yet: a model turn to ask again, or the result of an
   * action whose start is on disk and whose idempotency key replays it.
   */
  append(errandId: string, event: ErrandEvent, durable = false): JournalEvent {
    const seq = (this.#seq.get(errandId) ?? this.lastSeq(errandId)) + 1;
    const stored = { ...event, seq, at: Date.now() } as JournalEvent;
    this.#pending.push({ errandId, stored });
    this.#seq.set(errandId, seq);
    const terminal = (TERMINAL_EVENTS as readonly string[]).includes(event.type);
    if (durable || terminal) this.flush();
    else if (!this.#timer) {
      // Readers in other processes (errand show, a console) see events within a fraction of a second.
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        if (this.db.open) this.flush();
      }, FLUSH_AFTER_MS);
      this.#timer.unref();
    }
    for (const listener of this.#listeners.get(errandId) ?? []) listener(stored);
    return stored;
  }

  /** Writes every pending event in one transaction, or none of them. */
  flush(): void {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    try {
      this.db.transaction(() => {
        for (const { errandId, stored } of batch) {
          const { seq, at, ...event } = stored;
          const data = JSON.stringify(event);
          const prev = this.#heads.get(errandId) ?? this.storedHead(errandId).hash ?? GENESIS;
          const hash = chainHash(this.#key, prev, errandId, { seq, at, type: event.type, data });
          this.#insert.run(errandId, seq, at, event.type, data, hash);
          this.#head.run(hash, seq, errandId);
          this.#heads.set(errandId, hash);
          if ((TERMINAL_EVENTS as readonly string[]).includes(event.type)) {
            const status = event.type.split('.')[1];
            const outcome = stored.type === 'task.finished' ? stored.outcome : null;
            this.#finish.run(status, outcome, errandId);
          }
        }
      })();
      this.#pending = [];
    } catch (err) {
      this.#heads.clear(); // the batch is rolled back: read the heads from disk again
      throw new ErrandError(
        'STORAGE_FAILED',
        `Could not write to the journal: ${toErrandError(err).message}`,
      );
    }
  }

  private storedHead(errandId: string): { hash: string | null; events: number } {
    const row = this.db.prepare('SELECT head, events FROM errands WHERE id = ?').get(errandId) as
      | { head: string | null; events: number }
      | undefined;
    return { hash: row?.head ?? null, events: row?.events ?? 0 };
  }

  /** Checks an errand's hash chain: finds any edit, deletion or reordering of its events. */
  verify(errandId: string): AuditCheck {
    this.flush();
    const rows = this.db
      .prepare('SELECT seq, at, type, data, hash FROM events WHERE errand_id = ? ORDER BY rowid')
      .all(errandId) as AuditRow[];
    return verifyChain(this.#key, errandId, rows, this.storedHead(errandId));
  }

  private lastSeq(errandId: string): number {
    const row = this.db.prepare('SELECT MAX(seq) AS seq FROM events WHERE errand_id = ?').get(errandId) as {
      seq: number | null;
    };
    return row.seq ?? 0;
  }

  /** Every event of an errand, in order. */
  events(errandId: string): JournalEvent[] {
    this.flush();
    const rows = this.db
      .prepare('SELECT seq, at, data FROM events WHERE errand_id = ? ORDER BY seq')
      .all(errandId) as { seq: number; at: number; data: string }[];
    return rows.map((r) => ({ ...(JSON.parse(r.data) as ErrandEvent), seq: r.seq, at: r.at }));
  }

  /** Past errands, newest first. */
  list(limit = 50): ErrandSummary[] {
    this.flush();
    const rows = this.db
      .prepare(
        'SELECT id, created_at, request, model, status, outcome FROM errands ORDER BY created_at DESC, rowid DESC LIMIT ?',
      )
      .all(limit) as {
      id: string;
      created_at: number;
      request: string;
      model: string;
      status: string;
      outcome: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      request: r.request,
      model: r.model,
      status: r.status as ErrandSummary['status'],
      outcome: r.outcome,
    }));
  }

  /** Finds an errand by id or unique id prefix. */
  resolve(idOrPrefix: string): string {
    const rows = this.db.prepare('SELECT id FROM errands WHERE id LIKE ? LIMIT 2').all(`${idOrPrefix}%`) as {
      id: string;
    }[];
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
    if (!this.db.open) return;
    this.flush();
    this.db.close();
  }
}
