import { shortArgs } from './report.js';
import { addUsage, type ErrandEvent, type JournalEvent, type UnknownWrite, ZERO_USAGE } from './events.js';

/** A write an errand started, and what the journal knows of its result. */
export interface StartedWrite {
  step: number;
  callId: string;
  app: string;
  tool: string;
  input: unknown;
  idempotencyKey: string | null;
  result: 'done' | 'failed' | 'unknown';
}

/** Every write (non-read action) an errand started, in order, with its result as far as the journal knows. */
export function startedWrites(events: JournalEvent[]): StartedWrite[] {
  const proposed = new Map<string, Extract<JournalEvent, { type: 'action.proposed' }>>();
  const writes = new Map<string, StartedWrite>();
  for (const e of events) {
    if (e.type === 'action.proposed') proposed.set(e.callId, e);
    else if (e.type === 'action.started') {
      const p = proposed.get(e.callId);
      if (!p || p.effect.kind === 'read') continue;
      writes.set(e.callId, {
        step: e.step,
        callId: e.callId,
        app: p.app,
        tool: p.tool,
        input: p.input,
        idempotencyKey: e.idempotencyKey,
        result: 'unknown',
      });
    } else if (e.type === 'action.finished' || e.type === 'action.failed') {
      const w = writes.get(e.callId);
      if (w) w.result = e.type === 'action.finished' ? 'done' : 'failed';
    }
  }
  return [...writes.values()];
}

/** One line for a write: `food.place_order restaurant_id="r_chuanwei" …`. */
export function describeWrite(w: { app: string; tool: string; input: unknown }): string {
  return `${w.app}.${w.tool.slice(w.app.length + 1)} ${shortArgs(w.input, 70)}`;
}

/**
 * The event that ends an errand whose process died: what it had spent, and every write it had started
 * whose result never reached the journal (so nobody takes it as not done, or as done).
 */
export function interruptedEvent(events: JournalEvent[], pid: string): ErrandEvent {
  let usage = ZERO_USAGE;
  let steps = 0;
  for (const e of events) {
    if (e.type === 'model.responded') usage = addUsage(usage, e.usage);
    if ('step' in e && typeof e.step === 'number') steps = Math.max(steps, e.step);
  }
  const unknown: UnknownWrite[] = startedWrites(events)
    .filter((w) => w.result === 'unknown')
    .map(({ step, callId, tool, app, input, idempotencyKey }) => ({
      step,
      callId,
      tool,
      app,
      input,
      idempotencyKey,
    }));
  return {
    type: 'task.interrupted',
    reason: `errand's process (pid ${pid}) ended before the errand did`,
    unknown,
    usage,
    steps,
  };
}
