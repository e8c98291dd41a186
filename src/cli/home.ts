import { homedir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../agent/journal.js';

/** Where errand keeps its journal and recipes: $ERRAND_HOME, else ~/.errand. */
export function errandHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.ERRAND_HOME || join(homedir(), '.errand');
}

/** Opens the journal in errand's home. */
export function openJournal(env: NodeJS.ProcessEnv = process.env): Journal {
  return new Journal(join(errandHome(env), 'errand.db'));
}
