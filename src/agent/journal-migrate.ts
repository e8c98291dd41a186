import { createHash, createHmac } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ErrandError } from '../errors.js';
import { SCHEMA } from './journal-db.js';
import type { ErrandEvent, JournalEvent } from './events.js';
import { interruptedEvent } from './interrupted.js';

/** True for a journal written before the one chain (each errand had a chain of its own). */
export function isOldJournal(db: Database.Database): boolean {
  const columns = db.prepare("SELECT name FROM pragma_table_info('events')").all() as { name: string }[];
  return columns.length > 0 && !columns.some((c) => c.name === 'g');
}

interface OldRow {
  seq: number;
  at: number;
  type: string;
  data: string;
  hash: string;
}

interface OldErrand {
  id: string;
  created_at: number;
  request: string;
  model: string;
  status: string;
  outcome: string | null;
  head: string | null;
  events: number;
}

/** The old per-errand link, to check an old journal before its events are carried over. */
function oldHash(key: Buffer | undefined, prev: string, errandId: string, r: Omit<OldRow, 'hash'>): string {
  const text = [prev, errandId, r.seq, r.at, r.type, r.data].join('\u001f');
  return (key ? createHmac('sha256', key) : createHash('sha256')).update(text).digest('hex');
}

function oldChainHolds(key: Buffer | undefined, e: OldErrand, rows: OldRow[]): boolean {
  let prev = 'errand-audit-v1';
  for (const [i, r] of rows.entries()) {
    if (r.seq !== i + 1 || oldHash(key, prev, e.id, r) !== r.hash) return false;
    prev = r.hash;
  }
  return rows.length === e.events && (rows.at(-1)?.hash ?? null) === e.head;
}

/**
 * Carries an old journal into the one chain, inside the caller's write transaction: every old errand's
 * chain is checked first with the same key (a changed one is refused, not laundered into the new
 * chain), then its entry and events are linked in their old order. An old errand still "running" has
 * no known owner: it is marked interrupted.
 */
export function migrateOldJournal(
  db: Database.Database,
  file: string,
  key: Buffer | undefined,
  chain: (errandId: string, events: JournalEvent[]) => void,
): void {
  if (!isOldJournal(db)) return; // another process did it first
  const errands = db.prepare('SELECT * FROM errands ORDER BY created_at, rowid').all() as OldErrand[];
  const rowsOf = db.prepare(
    'SELECT seq, at, type, data, hash FROM events WHERE errand_id = ? ORDER BY rowid',
  );
  const old = errands.map((e) => ({ e, rows: rowsOf.all(e.id) as OldRow[] }));
  const broken = old.find(({ e, rows }) => !oldChainHolds(key, e, rows));
  if (broken)
    throw new ErrandError(
      'JOURNAL_DAMAGED',
      `The journal ${file} is in the old format and errand ${broken.e.id}'s audit chain does not hold (changed, or signed with another key), so errand will not carry it into the new chain: move it aside (mv ${file} ${file}.old) to start a new journal.`,
    );
  db.exec(`DROP INDEX IF EXISTS errands_by_status;
    ALTER TABLE events RENAME TO events_v1; ALTER TABLE errands RENAME TO errands_v1; ${SCHEMA}`);
  const insert = db.prepare(
    "INSERT INTO errands (id, created_at, request, model, status, outcome) VALUES (?, ?, ?, ?, 'running', NULL)",
  );
  for (const { e, rows } of old) {
    insert.run(e.id, e.created_at, e.request, e.model);
    const events: JournalEvent[] = [
      { type: 'task.created', request: e.request, model: e.model, owner: null, seq: 1, at: e.created_at },
      ...rows.map(
        (r, i) => ({ ...(JSON.parse(r.data) as ErrandEvent), seq: i + 2, at: r.at }) as JournalEvent,
      ),
    ];
    if (e.status === 'running') {
      const ended = interruptedEvent(events, '?');
      const reason = 'it was still running when the journal was upgraded, and its process is not known';
      events.push({ ...ended, reason, seq: events.length + 1, at: Date.now() } as JournalEvent);
    }
    chain(e.id, events);
  }
  db.exec('DROP TABLE events_v1; DROP TABLE errands_v1;');
}
