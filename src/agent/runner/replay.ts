import type { LanguageModelV3Content } from '@ai-sdk/provider';
import type { ErrandEvent, JournalEvent } from '../events.js';

type Of<T extends JournalEvent['type']> = Extract<JournalEvent, { type: T }>;

/** Events a resumed run does not produce again: they are about the process, not the errand. */
const NOT_REPLAYED = new Set(['task.created', 'task.interrupted', 'task.resumed']);

/**
 * What an interrupted errand's journal already holds, for a resumed run to take instead of doing it
 * again. The runner runs from the start; each event it would record is matched against the journal's
 * (by type, step and call) and taken from there when it is already written. Nothing that has a result
 * in the journal is done again: model turns are read back, the person's answers are not asked again,
 * and an action's recorded result is used instead of calling the app. An action started with no result
 * is called again with the same idempotency key, so the app answers with the first result if it had
 * acted. Events are matched rather than read strictly in order because reads run in parallel and their
 * results were journaled in whatever order they came back.
 */
export class Replay {
  readonly #events: JournalEvent[];
  readonly #taken: boolean[];
  #first = 0;

  constructor(events: readonly JournalEvent[]) {
    this.#events = events.filter((e) => !NOT_REPLAYED.has(e.type));
    this.#taken = this.#events.map(() => false);
  }

  /** True once every journaled event has been taken. */
  get done(): boolean {
    return this.#first >= this.#events.length;
  }

  /** Events of the journal that the resumed run has not produced (none, when it ran as before). */
  get left(): JournalEvent[] {
    return this.#events.filter((_e, i) => !this.#taken[i]);
  }

  #index(type: string, step?: number, callId?: string): number {
    for (let i = this.#first; i < this.#events.length; i++) {
      if (this.#taken[i]) continue;
      const e = this.#events[i]! as JournalEvent & { step?: number; callId?: string };
      if (e.type !== type) continue;
      if (step !== undefined && e.step !== step) continue;
      if (callId !== undefined && e.callId !== callId) continue;
      return i;
    }
    return -1;
  }

  #take(i: number): JournalEvent {
    this.#taken[i] = true;
    while (this.#first < this.#events.length && this.#taken[this.#first]) this.#first++;
    return this.#events[i]!;
  }

  /** The journal's copy of an event the run is about to record, taken; undefined when it is new. */
  take(event: ErrandEvent): JournalEvent | undefined {
    if (this.done) return undefined;
    const e = event as { step?: number; callId?: string };
    const i = this.#index(event.type, e.step, e.callId);
    return i < 0 ? undefined : this.#take(i);
  }

  /** Looks ahead for an event without taking it. */
  find<T extends JournalEvent['type']>(type: T, step?: number, callId?: string): Of<T> | undefined {
    const i = this.#index(type, step, callId);
    return i < 0 ? undefined : (this.#events[i] as Of<T>);
  }

  /**
   * The model's recorded answer for a step, when the journal has one (a turn already paid for), with
   * the requests and failures that led to it taken. Without one, the step's requests and failures are
   * taken too (they happened) and the model is asked again.
   */
  modelTurn(step: number): { responded: Of<'model.responded'>; before: JournalEvent[] } | null {
    const responded = this.find('model.responded', step);
    const before: JournalEvent[] = [];
    const limit = responded ? this.#events.indexOf(responded) : this.#events.length;
    for (let i = this.#first; i < limit; i++) {
      const e = this.#events[i]!;
      if (this.#taken[i] || (e.type !== 'model.requested' && e.type !== 'model.failed')) continue;
      if (e.step === step) before.push(this.#take(i));
    }
    return responded ? { responded, before } : null;
  }

  /** The model's answer as the provider gave it, rebuilt from its journal record. */
  static content(e: Of<'model.responded'>): LanguageModelV3Content[] {
    const content: LanguageModelV3Content[] = e.text ? [{ type: 'text', text: e.text }] : [];
    for (const c of e.calls)
      content.push({
        type: 'tool-call',
        toolCallId: c.callId,
        toolName: c.tool,
        // Arguments that were not JSON are journaled as the text the model sent.
        input: typeof c.input === 'string' ? c.input : JSON.stringify(c.input),
      });
    return content;
  }
}
