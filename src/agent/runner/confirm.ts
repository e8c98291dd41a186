import type { IntentSet } from '../../guard/index.js';
import type { PersonWorld } from '../../person/index.js';
import { planIntents } from './understand.js';
import { record, type RunState, type StepEnd } from './state.js';
import { addUsage } from '../events.js';

/**
 * The intents a resumed errand's planner already declared, with the planner's turns (and their cost)
 * taken from the journal rather than asked again.
 */
function replayedPlan(state: RunState): IntentSet | undefined {
  const derived = state.replay?.find('intents.derived');
  if (!state.replay || !derived) return undefined;
  for (let turn = state.replay.modelTurn(0); turn; turn = state.replay.modelTurn(0)) {
    state.events.push(...turn.before);
    record(state, turn.responded);
    state.usage = addUsage(state.usage, turn.responded.usage);
    const invalid = state.replay.find('model.output_invalid', 0);
    if (invalid) record(state, invalid);
  }
  return derived.intents;
}

/** Where an errand's intents come from: given (the reader, a task file), or a planner model call. */
export interface Understanding {
  intents?: IntentSet;
  person: PersonWorld | undefined;
  /** Ask the person to confirm the intents before anything runs. */
  confirm: boolean;
}

/**
 * Works out what the person asked for before anything runs — given, or from the planner — hands it to
 * the guard, journals it in the person's words, and with `confirm` asks the person to confirm it.
 */
export async function understand(state: RunState, how: Understanding): Promise<StepEnd> {
  const guard = state.guard;
  if (!guard.understand) return { type: 'continue' };
  const empty: PersonWorld = {
    me: { id: '', name: state.task.profile.name, language: state.task.profile.language },
    contacts: [],
    groups: [],
    billers: [],
    addresses: [],
  };
  const set = replayedPlan(state) ?? how.intents ?? (await planIntents(state, how.person ?? empty));
  const reading = guard.understand(set);
  // Durable: a resumed errand holds the person to what it understood the first time.
  record(state, { type: 'intents.derived', intents: set, ...reading }, true);
  if (how.confirm) {
    state.journal.flush();
    const zh = state.task.profile.language === 'zh';
    const confirmed = state.replay?.find('intents.confirmed');
    const answer = confirmed
      ? { approved: confirmed.approved, text: confirmed.answer, by: confirmed.by }
      : await state.approver.ask(
          {
            kind: 'confirm',
            lines: reading.lines,
            text: zh ? 'errand 理解的是这些，照这样做吗？' : 'This is what errand understood. Go ahead?',
          },
          state.signal,
        );
    record(
      state,
      {
        type: 'intents.confirmed',
        approved: answer.approved === true,
        answer: answer.text,
        by: answer.by,
      },
      true,
    );
    if (!answer.approved)
      return {
        type: 'cancel',
        reason: zh
          ? '你没有确认 errand 的理解，所以什么都没做。'
          : 'You did not confirm what errand understood, so it did nothing.',
      };
    guard.understand({ ...set, source: 'person' });
  }
  state.mandateText = guard.describe?.() ?? state.mandateText;
  return { type: 'continue' };
}
