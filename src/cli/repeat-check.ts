import { describeWrite, startedWrites } from '../agent/interrupted.js';
import type { Journal } from '../agent/journal.js';

const RESULT = {
  done: 'done',
  failed: 'failed',
  unknown: 'result unknown: it may or may not have happened',
} as const;

/**
 * Nothing is repeated silently: when the last errand asked in exactly these
 * words was interrupted after it had started a write, this says what it started and how to look, and
 * the run stops unless the person passes --again. Returns that message, or null to go on.
 */
export function interruptedRepeat(journal: Journal, request: string): string | null {
  const [last] = journal.list(1, { request });
  if (last?.status !== 'interrupted') return null;
  const writes = startedWrites(journal.events(last.id));
  if (writes.length === 0) return null;
  const when = new Date(last.createdAt).toISOString().replace('T', ' ').slice(0, 16);
  return [
    `errand: this same request was interrupted before it finished (errand ${last.id}, started ${when} UTC), after it had started:`,
    ...writes.map((w) => `  ${describeWrite(w)} — ${RESULT[w.result]}`),
    `Running it again could do ${writes.length === 1 ? 'this' : 'these'} a second time. Finish it instead with \`errand resume ${last.id}\` (nothing it did is done again; \`errand show ${last.id}\` shows what it did); to run the request anew anyway, add --again.`,
  ].join('\n');
}
