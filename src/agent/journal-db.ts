import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ErrandError, toErrandError } from '../errors.js';
import type { JournalRecord } from '../guard/audit-verify.js';
import { isBusy, sleepSync } from '../sqlite.js';
import type { EventRow, JournalStore, SqlParam } from './journal-store.js';
import { ownerGone } from './owner.js';

/** The journal's tables: the errand list, every event in one chain, and the chain's signed head. */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS errands (
  id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, request TEXT NOT NULL, model TEXT NOT NULL,
  status TEXT NOT NULL, outcome TEXT, head TEXT, events INTEGER NOT NULL DEFAULT 0, owner TEXT
);
CREATE TABLE IF NOT EXISTS events (
  errand_id TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL, type TEXT NOT NULL,
  data TEXT NOT NULL, hash TEXT NOT NULL, g INTEGER NOT NULL UNIQUE, prev TEXT NOT NULL,
  PRIMARY KEY (errand_id, seq)
);
CREATE TABLE IF NOT EXISTS journal_head (
  id INTEGER PRIMARY KEY CHECK (id = 1), g INTEGER NOT NULL, hash TEXT NOT NULL, ref TEXT NOT NULL,
  mac TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS errands_by_status ON errands (status);`;

/** How long one process waits for another's write before it retries, and how often it retries. */
const BUSY_TIMEOUT_MS = 10_000;
const OPEN_RETRIES = 20;

/** Turns a SQLite or file-system failure on the journal into one sentence with what to do. */
export function journalError(err: unknown, file: string): ErrandError {
  if (err instanceof ErrandError) return err;
  const code = (err as { code?: string }).code ?? '';
  const message = (err as Error).message ?? String(err);
  const folder = dirname(file);
  if (
    code.startsWith('SQLITE_CORRUPT') ||
    code === 'SQLITE_NOTADB' ||
    /malformed|not a database/i.test(message)
  )
    return new ErrandError(
      'JOURNAL_DAMAGED',
      `The journal ${file} is damaged (${message}). Move it aside (mv ${file} ${file}.damaged) and errand will start a new journal; keep the damaged file if you need to look into it.`,
    );
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return new ErrandError(
      'HOME_UNUSABLE',
      `errand's home ${folder} is a file, not a folder: set ERRAND_HOME to a folder (errand creates it) or move the file away.`,
    );
  if (/^(EACCES|EPERM|EROFS|ENOENT)$/.test(code) || /^SQLITE_(CANTOPEN|READONLY|PERM|AUTH)/.test(code))
    return new ErrandError(
      'HOME_UNUSABLE',
      `errand cannot write its journal in ${folder} (${message}): make that folder writable, or set ERRAND_HOME to a folder you own.`,
    );
  if (isBusy(err))
    return new ErrandError(
      'STORAGE_FAILED',
      `The journal ${file} stayed locked by other errand processes for too long; nothing was written. Try again.`,
    );
  const wrapped = toErrandError(err);
  return wrapped.code === 'INTERNAL'
    ? new ErrandError('STORAGE_FAILED', `Could not use the journal ${file}: ${message}`)
    : wrapped;
}

/**
 * Opens the journal's database for several processes at once: WAL, a busy timeout, and retries for
 * the moments (creating the file, switching to WAL) that SQLite does not wait through by itself.
 */
export function openJournalDb(file: string, options: { readonly?: boolean } = {}): Database.Database {
  if (file !== ':memory:' && !options.readonly) {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (err) {
      throw journalError(err, file);
    }
  }
  for (let attempt = 0; ; attempt++) {
    let db: Database.Database | undefined;
    try {
      db = new Database(file, {
        timeout: BUSY_TIMEOUT_MS,
        readonly: options.readonly ?? false,
        fileMustExist: options.readonly ?? false,
      });
      if (options.readonly) {
        db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
      } else {
        if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.exec(SCHEMA);
      }
      return db;
    } catch (err) {
      db?.close();
      if (isBusy(err) && attempt < OPEN_RETRIES) {
        sleepSync(20 + Math.random() * 30 * (attempt + 1));
        continue;
      }
      throw journalError(err, file);
    }
  }
}

/** Runs a write transaction that takes the write lock first (BEGIN IMMEDIATE), retrying while busy. */
export function writeTransaction<T>(db: Database.Database, file: string, work: () => T): T {
  const tx = db.transaction(work);
  for (let attempt = 0; ; attempt++) {
    try {
      return tx.immediate();
    } catch (err) {
      if (isBusy(err) && attempt < OPEN_RETRIES) {
        sleepSync(10 + Math.random() * 20 * (attempt + 1));
        continue;
      }
      throw journalError(err, file);
    }
  }
}

/** A journal kept in a SQLite file: one writer at a time by SQLite's own lock, owners checked in /proc. */
export class SqliteStore implements JournalStore {
  readonly kind = 'sqlite';
  readonly db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(
    readonly where: string,
    options: { readonly?: boolean } = {},
  ) {
    this.db = openJournalDb(where, options);
  }

  get open(): boolean {
    return this.db.open;
  }

  #sql(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  get<T>(sql: string, params: SqlParam[] = []): T | undefined {
    return this.#sql(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, params: SqlParam[] = []): T[] {
    return this.#sql(sql).all(...params) as T[];
  }

  run(sql: string, params: SqlParam[] = []): number {
    return this.#sql(sql).run(...params).changes;
  }

  insertEvents(rows: EventRow[]): void {
    const insert = this.#sql(
      'INSERT INTO events (errand_id, seq, at, type, data, hash, g, prev) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const r of rows) insert.run(r.errandId, r.seq, r.at, r.type, r.data, r.hash, r.g, r.prev);
  }

  write<T>(work: () => T): T {
    return writeTransaction(this.db, this.where, work);
  }

  snapshot<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  ownerGone(owner: string): boolean {
    return ownerGone(owner);
  }

  failure(err: unknown): ErrandError {
    return journalError(err, this.where);
  }

  exportTo(file: string): void {
    this.#sql('VACUUM INTO ?').run(file);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Writes a journal's record into a new SQLite file (what `errand audit export` hands on). */
export function writeSqliteCopy(file: string, record: JournalRecord): void {
  const db = new Database(file, { fileMustExist: false });
  try {
    db.exec(SCHEMA);
    db.transaction(() => {
      const event = db.prepare(
        'INSERT INTO events (errand_id, seq, at, type, data, hash, g, prev) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const r of record.rows) event.run(r.errandId, r.seq, r.at, r.type, r.data, r.hash, r.g, r.prev);
      const errand = db.prepare(
        'INSERT INTO errands (id, created_at, request, model, status, outcome, head, events, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const e of record.errands)
        errand.run(e.id, e.createdAt, e.request, e.model, e.status, e.outcome, e.head, e.events, e.owner);
      const cp = record.checkpoint;
      if (cp)
        db.prepare('INSERT INTO journal_head (id, g, hash, ref, mac) VALUES (1, ?, ?, ?, ?)').run(
          cp.g,
          cp.hash,
          cp.ref,
          cp.mac,
        );
    })();
  } finally {
    db.close();
  }
}
