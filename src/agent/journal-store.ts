import type { ErrandError } from '../errors.js';
import type { Checkpoint } from '../guard/audit.js';
import type { ErrandListRow, JournalRecord } from '../guard/audit-verify.js';
import type { AuditRow } from '../guard/audit.js';

/** A value bound into a statement. */
export type SqlParam = string | number | null;

/** One event row of the chain, as stored. */
export interface EventRow {
  errandId: string;
  seq: number;
  at: number;
  type: string;
  data: string;
  hash: string;
  g: number;
  prev: string;
}

/**
 * Where a journal keeps its rows: a SQLite file or a Postgres database. The Journal speaks one SQL
 * both accept (`?` parameters, quoted aliases, `ON CONFLICT` upserts); a store adds what differs —
 * how writers are serialised, how a consistent read is taken, and how it tells that an errand's
 * process has died.
 */
export interface JournalStore {
  readonly kind: 'sqlite' | 'postgres';
  /** The file, or the database URL without its password: for messages. */
  readonly where: string;
  readonly open: boolean;
  get<T>(sql: string, params?: SqlParam[]): T | undefined;
  all<T>(sql: string, params?: SqlParam[]): T[];
  /** Runs a statement; returns how many rows it changed. */
  run(sql: string, params?: SqlParam[]): number;
  /** Inserts chain rows (inside a write). */
  insertEvents(rows: EventRow[]): void;
  /** Runs `work` as the only writer of the journal, all or nothing; failures come back as one sentence. */
  write<T>(work: () => T): T;
  /** Runs reads that see one consistent state. */
  snapshot<T>(work: () => T): T;
  /** True when the process that owns an errand has ended. */
  ownerGone(owner: string): boolean;
  /** A failure of this store as one sentence with what to do. */
  failure(err: unknown): ErrandError;
  /** Writes a SQLite copy of the whole journal, to verify elsewhere. */
  exportTo(file: string): void;
  close(): void;
}

/** Everything the audit checks, read in one consistent snapshot. */
export function readRecord(store: JournalStore): JournalRecord {
  return store.snapshot(() => {
    const rows = store.all<AuditRow>(
      'SELECT g, prev, errand_id AS "errandId", seq, at, type, data, hash FROM events ORDER BY g',
    );
    const errands = store.all<ErrandListRow>(
      'SELECT id, created_at AS "createdAt", request, model, status, outcome, head, events, owner FROM errands ORDER BY created_at, rowid',
    );
    const checkpoint =
      store.get<Checkpoint>('SELECT g, hash, ref, mac FROM journal_head WHERE id = 1') ?? null;
    return { rows, errands, checkpoint };
  });
}
