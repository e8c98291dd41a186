import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../agent/journal.js';
import { newWorldToken } from '../world/index.js';

/** Where errand keeps its journal, audit key and recipes: $ERRAND_HOME, else ~/.errand. */
export function errandHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.ERRAND_HOME || join(homedir(), '.errand');
}

/** The key that signs the audit chain, made once per home and readable only by its owner. */
export function auditKey(home: string): Buffer {
  const file = join(home, 'audit.key');
  if (!existsSync(file)) {
    mkdirSync(home, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

/** Opens the journal in errand's home, with its signed audit chain. */
export function openJournal(env: NodeJS.ProcessEnv = process.env): Journal {
  const home = errandHome(env);
  return new Journal(join(home, 'errand.db'), { auditKey: auditKey(home) });
}

/** The world server's admin token as stored in errand's home, and whether it was made just now. */
export interface StoredToken {
  token: string;
  file: string;
  created: boolean;
}

/** The token for `errand world serve`, made once per home and readable only by its owner. */
export function worldToken(home: string): StoredToken {
  const file = join(home, 'world-token');
  let created = false;
  if (!existsSync(file)) {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    writeFileSync(file, `${newWorldToken()}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  }
  return { token: readFileSync(file, 'utf8').trim(), file, created };
}
