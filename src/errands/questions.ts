/**
 * Questions errands put to whoever delegated them — approve this payment, confirm what errand
 * understood, answer the model — held until someone answers through an API. Each is answered at most
 * once: a second answer is refused and changes nothing, so an action never runs twice because an
 * approval was sent twice.
 */
import { ErrandError } from '../errors.js';
import type { Answer, Approver, Question } from '../guard/index.js';

/** A question as a caller sees it, with what exactly will happen when it is an approval. */
export interface QuestionView {
  id: string;
  errandId: string;
  kind: Question['kind'];
  /** The question in the person's words: "转账 ¥50.00 给 妈妈（刘秀英）？". */
  text: string;
  /** For an approval: why the guard asks (the rule), and whether it is inside the mandate. */
  reason?: string;
  withinMandate?: boolean;
  /** For an approval: the action that runs on yes — app, tool and its exact input (payee, amount, items…). */
  action?: { app: string; tool: string; input: Record<string, unknown> };
  /** For a confirmation: what errand understood, one line each. */
  lines?: string[];
  state: 'pending' | 'answered' | 'cancelled';
  /** Once answered: the answer and who gave it. */
  answer?: Answer;
}

/** What a caller answers: yes or no to an approval or confirmation, words to a question. */
export interface Reply {
  approve?: boolean;
  text?: string;
}

interface Held {
  view: QuestionView;
  resolve?: (answer: Answer) => void;
}

function viewOf(id: string, errandId: string, q: Question): QuestionView {
  switch (q.kind) {
    case 'approval':
      return {
        id,
        errandId,
        kind: q.kind,
        text: q.text ?? `${q.action.app}.${q.action.tool}?`,
        reason: q.reason,
        withinMandate: q.withinMandate,
        action: { app: q.action.app, tool: q.action.tool, input: q.action.input },
        state: 'pending',
      };
    case 'confirm':
      return { id, errandId, kind: q.kind, text: q.text, lines: q.lines, state: 'pending' };
    case 'question':
      return { id, errandId, kind: q.kind, text: q.text, state: 'pending' };
  }
}

/** The questions of every errand a service runs, pending and answered. */
export class Questions {
  readonly #held = new Map<string, Held>();
  readonly #listeners = new Set<(view: QuestionView) => void>();
  #next = 0;

  /** The approver one errand asks through: each question waits here until it is answered or the errand ends. */
  approverFor(errandId: string): Approver {
    return {
      ask: (question, signal) =>
        new Promise<Answer>((resolve, reject) => {
          const id = `q${++this.#next}`;
          const held: Held = { view: viewOf(id, errandId, question), resolve };
          this.#held.set(id, held);
          const cancel = () => {
            if (held.view.state !== 'pending') return;
            held.view.state = 'cancelled';
            held.resolve = undefined;
            reject(new ErrandError('CANCELLED', 'The errand was cancelled while it waited for an answer.'));
          };
          if (signal?.aborted) cancel();
          else signal?.addEventListener('abort', cancel, { once: true });
          this.#tell(held.view);
        }),
    };
  }

  /** The questions of one errand, oldest first. */
  of(errandId: string): QuestionView[] {
    return [...this.#held.values()].filter((h) => h.view.errandId === errandId).map((h) => h.view);
  }

  /**
   * Answers a question once. Refused with NOT_FOUND for a question this errand never asked, CONFLICT
   * when it was already answered (or its errand ended), INVALID_INPUT when the reply does not fit it.
   */
  answer(errandId: string, id: string, reply: Reply, by: string): QuestionView {
    const held = this.#held.get(id);
    if (!held || held.view.errandId !== errandId)
      throw new ErrandError(
        'NOT_FOUND',
        `Errand ${errandId} has no question "${id}"; its status lists the ones it asked.`,
      );
    const { view } = held;
    if (view.state === 'answered')
      throw new ErrandError(
        'CONFLICT',
        `Question ${id} was already answered (${view.answer?.approved === undefined ? 'answered' : view.answer.approved ? 'approved' : 'declined'} by ${view.answer?.by}); nothing was done again.`,
      );
    if (view.state === 'cancelled' || !held.resolve)
      throw new ErrandError('CONFLICT', `Question ${id} no longer waits for an answer: its errand ended.`);
    const answer = toAnswer(view, reply, by);
    const resolve = held.resolve;
    held.resolve = undefined;
    view.state = 'answered';
    view.answer = answer;
    resolve(answer);
    this.#tell(view);
    return view;
  }

  /** Calls `listener` whenever a question is asked or answered; returns the unsubscribe. */
  subscribe(listener: (view: QuestionView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #tell(view: QuestionView): void {
    for (const listener of this.#listeners) listener(view);
  }
}

function toAnswer(view: QuestionView, reply: Reply, by: string): Answer {
  if (view.kind === 'question') {
    if (!reply.text?.trim())
      throw new ErrandError('INVALID_INPUT', `Question ${view.id} asks for words: answer it with text.`);
    return { text: reply.text.trim(), by };
  }
  if (typeof reply.approve !== 'boolean')
    throw new ErrandError(
      'INVALID_INPUT',
      `Question ${view.id} asks for a yes or no: answer it with approve true or false.`,
    );
  const said = reply.text?.trim();
  return {
    text: said || (reply.approve ? 'Approved.' : 'Declined.'),
    approved: reply.approve,
    by,
  };
}
