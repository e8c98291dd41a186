import { ErrandError } from '../errors.js';
import { writeSqliteCopy } from './journal-db.js';
import { type EventRow, type JournalStore, readRecord, type SqlParam } from './journal-store.js';
import { PgFailure, SyncPg } from './pg-sync.js';

/**
 * The journal's tables on Postgres: the same columns as on SQLite, with `rowid` made explicit (it
 * orders errands created in the same millisecond) and times as BIGINT.
 */
const PG_SCHEMA = `
CREATE TABLE IF NOT EXISTS errands (
  id TEXT PRIMARY KEY, created_at BIGINT NOT NULL, request TEXT NOT NULL, model TEXT NOT NULL,
  status TEXT NOT NULL, outcome TEXT, head TEXT, events INTEGER NOT NULL DEFAULT 0, owner TEXT,
  rowid BIGSERIAL
);
CREATE TABLE IF NOT EXISTS events (
  errand_id TEXT NOT NULL, seq INTEGER NOT NULL, at BIGINT NOT NULL, type TEXT NOT NULL,
  data TEXT NOT NULL, hash TEXT NOT NULL, g BIGINT NOT NULL UNIQUE, prev TEXT NOT NULL,
  PRIMARY KEY (errand_id, seq)
);
CREATE TABLE IF NOT EXISTS journal_head (
  id INTEGER PRIMARY KEY CHECK (id = 1), g BIGINT NOT NULL, hash TEXT NOT NULL, ref TEXT NOT NULL,
  mac TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS errands_by_status ON errands (status);`;

/** True for a `--db` value that names a Postgres database rather than a file. */
export function isPostgresUrl(where: string): boolean {
  return /^postgres(ql)?:\/\//i.test(where);
}

/** The URL with its password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the Postgres URL given';
  }
}

/** `?` parameters as Postgres's `$1`, `$2`, … (the journal's SQL has no `?` inside strings). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const ROWS_PER_INSERT = 1000;

/**
 * A journal kept in Postgres, for several machines at once. Writers are serialised by a lock on the
 * head table taken first in every write transaction, so the chain never forks; reads that must agree
 * run in one repeatable-read snapshot. Each process holds an advisory lock on its owner name for as
 * long as its connection lives, which is how another machine tells that an errand's process has died.
 */
export class PgStore implements JournalStore {
  readonly kind = 'postgres';
  readonly where: string;
  readonly #pg: SyncPg;
  readonly #sql = new Map<string, string>();
  #inTransaction = false;

  constructor(url: string, owner: string) {
    this.where = redactUrl(url);
    this.#pg = new SyncPg(url, owner);
    try {
      this.#pg.query('BEGIN');
      this.#pg.query("SELECT pg_advisory_xact_lock(hashtextextended('errand journal schema', 0))");
      this.#pg.query(PG_SCHEMA);
      this.#pg.query('COMMIT');
    } catch (err) {
      this.#pg.close();
      throw this.failure(err);
    }
  }

  get open(): boolean {
    return this.#pg.open;
  }

  #query(sql: string, params: SqlParam[] = []) {
    let text = this.#sql.get(sql);
    if (text === undefined) {
      text = numbered(sql);
      this.#sql.set(sql, text);
    }
    return this.#pg.query(text, params);
  }

  get<T>(sql: string, params: SqlParam[] = []): T | undefined {
    return this.#query(sql, params).rows[0] as T | undefined;
  }

  all<T>(sql: string, params: SqlParam[] = []): T[] {
    return this.#query(sql, params).rows as T[];
  }

  run(sql: string, params: SqlParam[] = []): number {
    return this.#query(sql, params).rowCount;
  }

  insertEvents(rows: EventRow[]): void {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + ROWS_PER_INSERT);
      const values = chunk.map(
        (_, j) => `(${[1, 2, 3, 4, 5, 6, 7, 8].map((k) => `$${j * 8 + k}`).join(', ')})`,
      );
      this.#pg.query(
        `INSERT INTO events (errand_id, seq, at, type, data, hash, g, prev) VALUES ${values.join(', ')}`,
        chunk.flatMap((r) => [r.errandId, r.seq, r.at, r.type, r.data, r.hash, r.g, r.prev]),
      );
    }
  }

  write<T>(work: () => T): T {
    // Every writer takes this lock before reading the head, so two never extend the same head (one round trip).
    return this.#within('BEGIN; LOCK TABLE journal_head IN SHARE ROW EXCLUSIVE MODE', work);
  }

  snapshot<T>(work: () => T): T {
    return this.#within('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work);
  }

  /** Runs `work` in one transaction begun by `begin`, or in the one already open. */
  #within<T>(begin: string, work: () => T): T {
    if (this.#inTransaction) return work();
    try {
      this.#inTransaction = true;
      this.#pg.query(begin);
      const result = work();
      this.#pg.query('COMMIT');
      return result;
    } catch (err) {
      this.#rollback();
      throw this.failure(err);
    } finally {
      this.#inTransaction = false;
    }
  }

  #rollback(): void {
    try {
      if (this.#pg.open) this.#pg.query('ROLLBACK');
    } catch {
      // The connection is gone: Postgres has rolled the transaction back already.
    }
  }

  ownerGone(owner: string): boolean {
    const row = this.get<{ gone: boolean }>(
      'SELECT CASE WHEN pg_try_advisory_lock(hashtextextended(?, 0)) THEN pg_advisory_unlock(hashtextextended(?, 0)) ELSE false END AS gone',
      [owner, owner],
    );
    return row?.gone === true;
  }

  failure(err: unknown): ErrandError {
    if (err instanceof ErrandError) return err;
    const code = err instanceof PgFailure ? err.code : ((err as { code?: string }).code ?? '');
    const message = (err as Error).message ?? String(err);
    const at = this.where;
    if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ECONNRESET|57P01|57P03)$/.test(code))
      return new ErrandError(
        'STORAGE_FAILED',
        `errand cannot reach the Postgres journal at ${at} (${message}): check --db (or ERRAND_DB) and that the server is running.`,
      );
    if (code === '28P01' || code === '28000')
      return new ErrandError(
        'STORAGE_FAILED',
        `Postgres refused errand's login at ${at} (${message}): check the user and password in --db.`,
      );
    if (code === '3D000')
      return new ErrandError(
        'STORAGE_FAILED',
        `The database in ${at} does not exist (${message}): create it (createdb) or name another in --db.`,
      );
    if (code === 'TIMEOUT' || code === 'CLOSED')
      return new ErrandError(
        'STORAGE_FAILED',
        `The Postgres journal at ${at} stopped answering (${message}).`,
      );
    return new ErrandError('STORAGE_FAILED', `Could not use the Postgres journal at ${at}: ${message}`);
  }

  exportTo(file: string): void {
    writeSqliteCopy(file, readRecord(this));
  }

  close(): void {
    if (this.#pg.open) this.#pg.close();
  }
}
