import type { IntentSet } from '../../guard/intents.js';
import { record, type RunState } from './state.js';

/** What the person answered to one of errand's questions, with the request it belongs to. */
export interface PersonAnswer {
  request: string;
  /** The question as the model put it: it may tell what a bare answer ("200") is about, never more. */
  question: string;
  /** The person's own words. */
  answer: string;
}

/**
 * Reads the person's answer with their request, the way the request was read, into the intents the
 * two say together; undefined when the answer adds nothing errand can read ("不知道", a bare yes).
 */
export type AnswerReader = (answer: PersonAnswer) => IntentSet | undefined;

/**
 * Whether an answer came from whoever gave the request: the person at the terminal or the console
 * (`person`), or the agent that handed the errand over (`mcp:stdio`, `mcp:http`) — it could as well have
 * said it in the request. A policy's reply and "the person did not know" (`person:did-not-know`) are not.
 */
export function givenByRequester(by: string): boolean {
  return by === 'person' || by === 'mcp:stdio' || by === 'mcp:http';
}

/**
 * After the person answered a question: what the answer says, read with the request, widens the
 * guard's intents, journaled as its own event. Only an answer by the person counts: a policy's reply,
 * "the person did not know", and anything the model writes itself ("the user said …") widen nothing.
 * A resumed errand takes the widening from its journal and reads nothing again.
 */
export function widenByAnswer(
  state: RunState,
  read: AnswerReader | undefined,
  callId: string,
  question: string,
  answer: { text: string; by: string },
): void {
  const guard = state.guard;
  if (!guard.widen) return;
  const journaled = state.replay?.find('intents.widened', state.step, callId);
  if (journaled) {
    guard.widen(journaled.intents, `${state.task.request}\n${journaled.answer}`);
    record(state, journaled);
    return;
  }
  if (!givenByRequester(answer.by) || !read) return;
  const extra = read({ request: state.task.request, question, answer: answer.text });
  if (!extra || extra.intents.length === 0) return;
  const { added, lines } = guard.widen(extra, `${state.task.request}\n${answer.text}`);
  if (added.length === 0) return;
  record(
    state,
    {
      type: 'intents.widened',
      step: state.step,
      callId,
      answer: answer.text,
      intents: { ...extra, intents: added, source: 'person' },
      lines,
    },
    true,
  );
}
