import type { Evidence, JournalEvent, Outcome } from './events.js';

/** What the guard knows of the person's intents at the end: done, or still missing, in the person's words. */
export interface Progress {
  done: string[];
  missing: string[];
}

/** How an errand really ended, against what the model claimed. */
export interface Judgement {
  outcome: Outcome;
  /** Intents the errand did not carry out, in the person's words. */
  missing: string[];
  /** Evidence the model cited that no write of this errand made. */
  unsupported: string[];
}

/** Every id a successful action of this errand returned (only its writes, by default), at any depth. */
export function effectIds(events: JournalEvent[], reads = false): Set<string> {
  const writes = new Set<string>();
  for (const e of events)
    if (e.type === 'action.proposed' && (reads || e.effect.kind !== 'read')) writes.add(e.callId);
  const ids = new Set<string>();
  const collect = (value: unknown, key = ''): void => {
    if (typeof value === 'string') {
      if (key === 'id' || key.endsWith('_id')) ids.add(value);
    } else if (Array.isArray(value)) for (const v of value) collect(v, key);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) collect(v, k);
  };
  for (const e of events) if (e.type === 'action.finished' && writes.has(e.callId)) collect(e.output);
  return ids;
}

/**
 * Judges the model's claim from the journal and the guard's record, never from the model's words:
 * evidence must be something this errand's own writes made, and "done" means every intent was
 * carried out. A claim of done that falls short is `partial` when something was done, `blocked` when
 * nothing was.
 */
export function judge(
  claimed: Outcome,
  evidence: Evidence[],
  events: JournalEvent[],
  progress: Progress | undefined,
): Judgement {
  const made = effectIds(events);
  // A look-up asks for no change: its evidence is what errand found (a place, a route).
  const lookUp = progress !== undefined && progress.done.length + progress.missing.length === 0;
  const found = lookUp ? effectIds(events, true) : made;
  const unsupported = evidence.filter((e) => !found.has(e.id)).map((e) => `${e.app} ${e.kind} ${e.id}`);
  const missing = progress?.missing ?? [];
  if (claimed !== 'done') return { outcome: claimed, missing, unsupported };
  if (missing.length === 0 && unsupported.length === 0) return { outcome: 'done', missing, unsupported };
  const somethingDone = (progress?.done.length ?? 0) > 0 || made.size > 0;
  return { outcome: somethingDone ? 'partial' : 'blocked', missing, unsupported };
}
