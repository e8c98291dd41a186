import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../agent/journal.js';
import { newWorldToken } from '../world/index.js';
import { ErrandError } from '../errors.js';

/** Where errand keeps its journal, audit key and recipes: $ERRAND_HOME, else ~/.errand. */
export function errandHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.ERRAND_HOME || join(homedir(), '.errand');
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  ENOENT: 'a folder on its path cannot be made',
};

function homeError(home: string, err: NodeJS.ErrnoException): ErrandError {
  if (err.code === 'ENOTDIR' || err.code === 'EEXIST')
    return new ErrandError(
      'HOME_UNUSABLE',
      `errand's home ${home} is a file, not a folder: set ERRAND_HOME to a folder (errand creates it) or move the file away.`,
    );
  const why = REASONS[err.code ?? ''] ?? err.code ?? err.message;
  return new ErrandError(
    'HOME_UNUSABLE',
    `errand cannot use its home ${home} (${why}): make it a folder you can write, or set ERRAND_HOME to one.`,
  );
}

/** Makes errand's home folder, or says in one sentence why it cannot be used. */
export function ensureHome(home: string): void {
  try {
    if (statSync(home, { throwIfNoEntry: false })?.isFile())
      throw Object.assign(new Error(), { code: 'ENOTDIR' });
    mkdirSync(home, { recursive: true });
  } catch (err) {
    throw homeError(home, err as NodeJS.ErrnoException);
  }
}

/** Reads a key file: 32 bytes written as 64 hex digits. */
export function readKeyFile(file: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new ErrandError(
      'AUDIT_KEY_INVALID',
      `Cannot read the audit key ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`,
    );
  }
  if (!/^[0-9a-f]{64}$/i.test(text))
    throw new ErrandError(
      'AUDIT_KEY_INVALID',
      `${file} is not an errand audit key (64 hex digits); without the right key the journal cannot be checked.`,
    );
  return Buffer.from(text, 'hex');
}

/**
 * The key that signs the audit chain, made once per home and readable only by its owner. Several
 * processes may start at once on a new home: each writes a whole key to its own file and links it into
 * place, so exactly one key wins and nobody reads a half-written one.
 */
export function auditKey(home: string): Buffer {
  const file = join(home, 'audit.key');
  ensureHome(home);
  if (statSync(file, { throwIfNoEntry: false })) return readKeyFile(file);
  try {
    const tmp = join(home, `.audit.key.${process.pid}.${randomBytes(4).toString('hex')}`);
    writeFileSync(tmp, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(tmp);
    }
  } catch (err) {
    throw homeError(home, err as NodeJS.ErrnoException);
  }
  return readKeyFile(file);
}

/**
 * Opens the journal — `--db` / ERRAND_DB (a SQLite file or a postgres:// URL), else the one in errand's
 * home — with the audit key kept in errand's home (every machine sharing a Postgres journal needs a
 * copy of the same key).
 */
export function openJournal(env: NodeJS.ProcessEnv = process.env): Journal {
  const home = errandHome(env);
  const key = auditKey(home);
  return new Journal(env.ERRAND_DB || join(home, 'errand.db'), { auditKey: key });
}

/** The world `errand run` acts on unless told otherwise: kept in errand's home, across errands. */
export function homeWorldFile(env: NodeJS.ProcessEnv = process.env): string {
  const home = errandHome(env);
  ensureHome(home);
  return join(home, 'world.db');
}

/** The world server's admin token as stored in errand's home, and whether it was made just now. */
export interface StoredToken {
  token: string;
  file: string;
  created: boolean;
}

/** The world server token kept in errand's home, if one was ever made (reading never makes one). */
export function storedWorldToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    return readFileSync(join(errandHome(env), 'world-token'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The token for `errand world serve`, made once per home and readable only by its owner. */
export function worldToken(home: string): StoredToken {
  return keptToken(home, 'world-token');
}

/** The token every call to `errand mcp --http` carries, made once per home and readable only by its owner. */
export function mcpToken(home: string): StoredToken {
  return keptToken(home, 'mcp-token');
}

/** The token `errand serve` asks for off loopback, made once per home and shown only then. */
export function serveToken(home: string): StoredToken {
  return keptToken(home, 'serve-token');
}

function keptToken(home: string, name: string): StoredToken {
  const file = join(home, name);
  let created = false;
  if (!existsSync(file)) {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, `${newWorldToken()}\n`, { mode: 0o600, flag: 'wx' });
      created = true;
    } catch (err) {
      // Another process made it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
        throw homeError(home, err as NodeJS.ErrnoException);
    }
  }
  return { token: readFileSync(file, 'utf8').trim(), file, created };
}
