import type { Context } from 'hono';
import { type SSEMessage, streamSSE } from 'hono/streaming';
import { type JournalEvent, TERMINAL_EVENTS } from '../agent/events.js';
import type { ErrandDesk } from '../errands/index.js';
import { errandEventsOf } from './errand-views.js';

/** How often a quiet stream sends a comment, so proxies and browsers keep it open. */
const KEEP_ALIVE_MS = 15_000;

const isTerminal = (e: JournalEvent) => (TERMINAL_EVENTS as readonly string[]).includes(e.type);

/**
 * Streams one errand over Server-Sent Events: every journal event as `event: errand` with its
 * sequence number as the SSE id, in order and each once (a reconnecting client sends Last-Event-ID
 * and gets only what it missed), the questions it waits on as `question`, their answers as
 * `answered`, and `end` after its last event. Events come from the journal, replayed from disk and
 * then followed live, with no gap between the two.
 */
export function errandEvents(c: Context, desk: ErrandDesk, id: string): Response {
  const after = Number.parseInt(c.req.header('last-event-id') ?? c.req.query('after') ?? '0', 10) || 0;
  errandEventsOf(desk, id); // NOT_FOUND before the stream opens, as a plain error reply
  return streamSSE(c, async (stream) => {
    const queue: SSEMessage[] = [];
    let wake: (() => void) | undefined;
    let last = after;
    let ended = false;
    const push = (message: SSEMessage) => {
      queue.push(message);
      wake?.();
    };
    const journalMessage = (e: JournalEvent): SSEMessage | undefined => {
      if (e.seq <= last) return undefined; // already sent (replayed, then heard live)
      last = e.seq;
      return { event: 'errand', id: String(e.seq), data: JSON.stringify(e) };
    };
    const onEvent = (e: JournalEvent) => {
      const message = journalMessage(e);
      if (message) push(message);
      if (isTerminal(e)) {
        ended = true;
        push({ event: 'end', data: JSON.stringify({ status: e.type.slice('task.'.length) }) });
      }
    };
    // Listen first, then read what is on disk: both happen in one turn of the event loop, so no event
    // can fall between them, and one heard twice is dropped by its sequence number.
    const unsubscribe = desk.journal.subscribe(id, onEvent);
    const unquestion = desk.questions.subscribe((n) => {
      if ((n.type === 'asked' ? n.pending.errandId : n.errandId) !== id) return;
      if (n.type === 'asked') push({ event: 'question', data: JSON.stringify(n.pending) });
      else push({ event: n.type, data: JSON.stringify(n) });
    });
    const unfail = desk.onFailure((failed, failure) => {
      if (failed !== id) return;
      ended = true;
      push({ event: 'failed', data: JSON.stringify(failure) });
      push({ event: 'end', data: JSON.stringify({ status: 'failed' }) });
    });
    for (const e of desk.journal.events(id)) onEvent(e);
    if (!ended)
      for (const p of desk.questions.pending(id)) push({ event: 'question', data: JSON.stringify(p) });
    const failure = desk.failureOf(id);
    if (!ended && failure) {
      ended = true;
      push({ event: 'failed', data: JSON.stringify(failure) });
      push({ event: 'end', data: JSON.stringify({ status: 'failed' }) });
    }
    // An errand that is neither running here nor ended (a process that died and was not yet marked)
    // has nothing more to send.
    if (!ended && !desk.isRunning(id)) {
      ended = true;
      push({ event: 'end', data: JSON.stringify({ status: 'not-running' }) });
    }
    const keepAlive = setInterval(() => push({ event: 'ping', data: '{}' }), KEEP_ALIVE_MS);
    keepAlive.unref();
    const stop = () => {
      clearInterval(keepAlive);
      unsubscribe();
      unquestion();
      unfail();
      wake?.();
    };
    stream.onAbort(stop);
    try {
      while (!stream.aborted) {
        const message = queue.shift();
        if (message) {
          await stream.writeSSE(message);
          if (message.event === 'end') break;
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    } finally {
      stop();
    }
  });
}
