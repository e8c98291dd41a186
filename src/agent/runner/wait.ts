import type { LanguageModelV3ToolResultOutput } from '@ai-sdk/provider';
import { formatWorldTime } from '../../world/index.js';
import type { JournalEvent, WaitCondition } from '../events.js';
import type { ValidCall } from './decide.js';
import { record, type RunState, type StepEnd } from './state.js';

const MINUTE_MS = 60_000;

/**
 * True when a request speaks of waiting for something ("送到了再告诉王芳", "if Zhang Wei hasn't answered
 * by 3pm"): such an errand is offered `wait_for`. Others are not, so their tools stay as they were.
 */
export function mayWait(request: string): boolean {
  return (
    /等|送到(了|后|以后|之后)|到了(再|以后|之后)|之后|以后|回复|回我|答复|没回|还没|点前|点以前|的时候|\b(wait|when|once|after|until|repl(y|ies|ied)|answer(s|ed)?|hasn't|haven't|by \d)/i.test(
      request,
    ) ||
    // "At 6pm tell Anna…": a time the errand starts at, said before what to do then.
    /(^|[,;，；]\s*|\band\s+|\bthen\s+)at \d{1,2}(:\d{2})?\s*(am|pm)?\b/i.test(request.trim())
  );
}

const text = (value: string): LanguageModelV3ToolResultOutput => ({ type: 'text', value });
const errorText = (value: string): LanguageModelV3ToolResultOutput => ({ type: 'error-text', value });

/** What a look at the world found: the thing waited for (with what was seen), or not yet. */
type Seen = { met: true; detail: string } | { met: false };

/** Reads one app tool's result (by its model-facing name) for a wait: a wait only looks. */
export type WaitReader = (tool: string, input: Record<string, unknown>) => Promise<unknown>;

/** A reader over an errand's own app tools, outside the journal's actions. */
function readerOf(state: RunState): WaitReader {
  return async (tool, input) => {
    const t = state.tools.get(tool);
    if (t?.kind !== 'app') return undefined;
    const out = await t.connector.callTool(t.tool, input, { timeoutMs: state.actionTimeoutMs });
    return out.ok ? out.data : undefined;
  };
}

/** The world time a wait for `at` ends: HH:MM on the world's current day, or an ISO date-time. */
function timeOf(at: string, now: number): number {
  const hm = /^(\d{1,2}):(\d{2})$/.exec(at.trim());
  if (!hm) return Date.parse(at);
  const day = formatWorldTime(now).slice(0, 10);
  return Date.parse(`${day}T${hm[1]!.padStart(2, '0')}:${hm[2]}:00+08:00`);
}

/** Looks at the world once for the thing waited for. */
async function look(read: WaitReader, until: WaitCondition, since: number, now: number): Promise<Seen> {
  switch (until.kind) {
    case 'order_status': {
      const shop = until.order_id.startsWith('sord_');
      const order = (await read(shop ? 'shop_get_order' : 'food_get_order', {
        order_id: until.order_id,
      })) as { status?: string } | undefined;
      return order?.status && until.status.includes(order.status)
        ? { met: true, detail: `order ${until.order_id} is ${order.status}` }
        : { met: false };
    }
    case 'reply': {
      const chat = (await read('chat_read_messages', { conversation: until.from, limit: 10 })) as
        | { messages?: { sender_id: string; text: string; sent_at: string; id: string }[] }
        | undefined;
      const reply = chat?.messages?.find((m) => m.sender_id === until.from && Date.parse(m.sent_at) >= since);
      return reply
        ? { met: true, detail: `${until.from} replied (${reply.id}, ${reply.sent_at}): ${reply.text}` }
        : { met: false };
    }
    case 'invitation_answer': {
      const event = (await read('calendar_get_event', { event_id: until.event_id })) as
        | { attendees?: { person_id: string; response: string }[] }
        | undefined;
      const who = event?.attendees?.find((a) => a.person_id === until.person_id);
      return who && who.response !== 'needs_action'
        ? { met: true, detail: `${until.person_id} ${who.response} ${until.event_id}` }
        : { met: false };
    }
    case 'time': {
      const at = timeOf(until.at, now);
      return Number.isFinite(at) && now >= at
        ? { met: true, detail: `it is ${formatWorldTime(now)}` }
        : { met: false };
    }
  }
}

/**
 * The `wait_for` built-in. The first time, it journals the wait (durably) and, unless the thing waited
 * for has already happened, ends the errand's run as waiting: no process holds it. When the errand is
 * taken up again its journal is replayed to this call, which looks at the world again and either ends
 * the wait (the event, or the deadline on the world's clock) or waits on.
 */
export async function waitFor(
  state: RunState,
  call: ValidCall,
): Promise<{ output: LanguageModelV3ToolResultOutput; end?: StepEnd }> {
  const input = call.input as { until: WaitCondition; deadline_minutes: number };
  const ended = state.replay?.find('wait.ended', state.step, call.callId);
  const clock = state.clock;
  if (!clock && !ended) return { output: errorText('errand cannot wait here: this world has no clock.') };
  const begun = state.replay?.find('wait.started', state.step, call.callId);
  const now = clock?.() ?? 0;
  const startedAt = begun?.startedAt ?? now;
  const deadlineAt = begun?.deadlineAt ?? startedAt + input.deadline_minutes * MINUTE_MS;
  record(
    state,
    begun ?? {
      type: 'wait.started',
      step: state.step,
      callId: call.callId,
      until: input.until,
      startedAt,
      deadlineAt,
    },
    true,
  );
  let end = ended;
  if (!end) {
    const seen = await look(readerOf(state), input.until, startedAt, now);
    if (seen.met || now >= deadlineAt) {
      record(
        state,
        {
          type: 'wait.ended',
          step: state.step,
          callId: call.callId,
          how: seen.met ? 'event' : 'deadline',
          at: now,
          detail: seen.met ? seen.detail : `the deadline ${formatWorldTime(deadlineAt)} passed`,
        },
        true,
      );
      end = state.events.at(-1) as typeof ended;
    }
  } else record(state, end);
  if (!end) return { output: text('Waiting.'), end: { type: 'wait', until: input.until, deadlineAt } };
  return {
    output: text(
      end.how === 'event'
        ? `The wait is over at ${formatWorldTime(end.at)}: ${end.detail}.`
        : `Nothing came by the deadline (${end.detail}); it is ${formatWorldTime(end.at)}.`,
    ),
  };
}

/**
 * True when a waiting errand should be taken up: the thing it waits for has happened or its deadline
 * has passed (from its journal's last wait, looked at through `read` at world time `now`). A waker asks
 * this first, so a waiting errand is not taken up only to wait on.
 */
export async function waitIsDue(
  events: readonly JournalEvent[],
  read: WaitReader,
  now: number,
): Promise<boolean> {
  const waiting = events.findLast((e) => e.type === 'task.waiting');
  const begun = events.findLast((e) => e.type === 'wait.started');
  if (waiting?.type !== 'task.waiting' || begun?.type !== 'wait.started') return true;
  if (now >= waiting.deadlineAt) return true;
  return (await look(read, waiting.until, begun.startedAt, now)).met;
}
