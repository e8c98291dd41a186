/**
 * A world kept in a SQLite file that several processes share at once (`errand run`s on one home, a
 * world server on a data folder): WAL with a busy timeout so readers never wait and writers queue,
 * every write in one IMMEDIATE transaction so it is whole or absent, and a file that comes into
 * being whole, so a process never opens a half-written world.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ErrandError, toErrandError } from '../errors.js';
import { isBusy, sleepSync } from '../sqlite.js';

/** How long one process waits for another's write before it retries, and how often it retries. */
const BUSY_TIMEOUT_MS = 10_000;
const RETRIES = 20;

/** Turns a failure on a world file into one sentence that says what to do. */
export function worldFileError(err: unknown, file: string): ErrandError {
  if (err instanceof ErrandError) return err;
  const code = (err as { code?: string }).code ?? '';
  const message = (err as Error).message ?? String(err);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return new ErrandError(
      'STORAGE_FAILED',
      `${file} is not an errand world, or it is damaged (${message}): move it aside and errand makes a new one, or run \`errand world reset\`.`,
    );
  if (isBusy(err))
    return new ErrandError(
      'STORAGE_FAILED',
      `The world ${file} stayed locked by other errand processes for too long; nothing was written. Try again.`,
    );
  if (/^(EACCES|EPERM|EROFS|ENOENT)$/.test(code) || /^SQLITE_(CANTOPEN|READONLY|PERM|AUTH)/.test(code))
    return new ErrandError(
      'STORAGE_FAILED',
      `errand cannot keep the world in ${file} (${message}): make its folder writable, or choose another.`,
    );
  return toErrandError(err);
}

/**
 * Brings a world file into being from a seeded database's bytes, unless another process already
 * has: the bytes go to a private file, are synced and switched to WAL there, then linked into place.
 * Exactly one creator wins; nobody ever opens a half-written file.
 */
export function createWorldFile(file: string, bytes: Buffer): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const db = new Database(tmp);
    db.pragma('journal_mode = WAL');
    db.close();
    try {
      linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  } catch (err) {
    throw worldFileError(err, file);
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // never made
    }
  }
}

/** Opens a world file for sharing with other processes: WAL, a busy timeout, every commit synced. */
export function openWorldFile(file: string): Database.Database {
  for (let attempt = 0; ; attempt++) {
    let db: Database.Database | undefined;
    try {
      db = new Database(file, { timeout: BUSY_TIMEOUT_MS, fileMustExist: true });
      // A file from before worlds were shared is switched over once; a new one is made in WAL.
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      // A write the app has answered for survives a power cut, not only a killed process.
      db.pragma('synchronous = FULL');
      const isWorld = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'world_meta'");
      if (!isWorld.get())
        throw new ErrandError(
          'STORAGE_FAILED',
          `${file} is an SQLite file but not an errand world: choose another file, or move it aside.`,
        );
      return db;
    } catch (err) {
      db?.close();
      if (isBusy(err) && attempt < RETRIES) {
        sleepSync(20 + Math.random() * 30 * (attempt + 1));
        continue;
      }
      throw worldFileError(err, file);
    }
  }
}

/**
 * Runs a write in one transaction that takes the write lock first (BEGIN IMMEDIATE), waiting out
 * other processes' writes: it is whole or absent, and two processes never interleave halves.
 */
export function writeTransaction<T>(db: Database.Database, work: () => T): T {
  const tx = db.transaction(work);
  for (let attempt = 0; ; attempt++) {
    try {
      return tx.immediate();
    } catch (err) {
      if (isBusy(err) && attempt < RETRIES) {
        sleepSync(10 + Math.random() * 20 * (attempt + 1));
        continue;
      }
      throw worldFileError(err, db.name);
    }
  }
}

/**
 * The bytes of a shared world as a database that stands alone: a WAL file's header says "WAL", which
 * a copy opened in memory cannot honour, so the copy says "rollback journal" instead (bytes 18-19).
 */
export function standalone(bytes: Buffer): Buffer {
  if (bytes.length > 19 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  return bytes;
}

function tables(db: Database.Database): string[] {
  return (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
}

function columns(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
}

/**
 * Makes a live database hold exactly what a snapshot holds, in one transaction: other processes on
 * the same file see the old state or the new one, and their connections stay good (replacing the
 * file under them would not).
 */
export function replaceContents(db: Database.Database, bytes: Buffer): void {
  const source = new Database(bytes, { readonly: true });
  try {
    const names = tables(db);
    if (tables(source).join() !== names.join())
      throw new ErrandError(
        'CONFLICT',
        'That snapshot is of a world with other tables (another version of errand); it cannot be restored here.',
      );
    writeTransaction(db, () => {
      // Rows come back in table order, not in the order foreign keys would want: check at commit.
      db.pragma('defer_foreign_keys = ON');
      for (const table of names) {
        const cols = columns(db, table);
        const list = cols.map((c) => `"${c}"`).join(', ');
        db.prepare(`DELETE FROM "${table}"`).run();
        const insert = db.prepare(
          `INSERT INTO "${table}" (${list}) VALUES (${cols.map(() => '?').join(', ')})`,
        );
        for (const row of source.prepare(`SELECT ${list} FROM "${table}"`).raw().iterate())
          insert.run(row as unknown[]);
      }
    });
  } finally {
    source.close();
  }
}
