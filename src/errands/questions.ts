/**
 * Questions errands put to whoever delegated them — approve this payment, confirm what errand
 * understood, answer the model — held until someone answers through an API (`errand mcp`, `errand
 * serve`, a program using the library). Each is answered at most once: a second answer is refused and
 * changes nothing, so an approval clicked twice (two tabs, a retried call) never runs an action twice.
 */
import { randomBytes } from 'node:crypto';
import { ErrandError } from '../errors.js';
import { type Answer, type Approver, askedInChinese, type Question } from '../guard/index.js';

/** A question an errand is waiting on, whole, for whoever watches it (the console, an API client). */
export interface PendingQuestion {
  id: string;
  errandId: string;
  askedAt: number;
  question: Question;
}

/** A question as a caller reads it, with what exactly will happen when it is an approval. */
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
  /** `cancelled`: withdrawn because its errand was cancelled while it waited. */
  state: 'pending' | 'answered' | 'cancelled';
  /** Once answered: the answer and who gave it. */
  answer?: Answer;
}

/** What changed on the board: a question asked, answered, or withdrawn (its errand was cancelled). */
export type QuestionNotice =
  | { type: 'asked'; pending: PendingQuestion }
  | { type: 'answered'; id: string; errandId: string; answer: Answer }
  | { type: 'withdrawn'; id: string; errandId: string };

/** A reply to a question: yes or no to an approval or confirmation, words to a question. */
export interface Reply {
  approved?: boolean;
  text?: string;
}

/** How a surface tells its caller to answer, in the names its own input uses. */
export interface ReplyWording {
  /** e.g. `send {"approved": true} to go ahead or {"approved": false} to decline` */
  yesNo: string;
  /** e.g. `send {"text": "…"}` */
  words: string;
}

const JSON_WORDING: ReplyWording = {
  yesNo: 'send {"approved": true} to go ahead or {"approved": false} to decline',
  words: 'send {"text": "…"}',
};

interface Held {
  pending: PendingQuestion;
  state: QuestionView['state'];
  answer?: Answer;
  settle?: (answer: Answer) => void;
}

/** How many questions no longer waiting are remembered, so that a late answer is refused by name. */
const REMEMBERED = 10_000;

/**
 * The questions of every errand a service runs, waiting and past. Each errand gets an approver that
 * puts its question here and waits; the first answer settles it, every later one is refused with
 * CONFLICT, and cancelling the errand withdraws it.
 */
export class QuestionBoard {
  readonly #held = new Map<string, Held>();
  readonly #listeners = new Set<(notice: QuestionNotice) => void>();
  readonly #wording: ReplyWording;

  constructor(options: { wording?: ReplyWording } = {}) {
    this.#wording = options.wording ?? JSON_WORDING;
  }

  /** The approver one errand asks through: each question waits here until it is answered or the errand is cancelled. */
  approver(errandId: string): Approver {
    return { ask: (question, signal) => this.#ask(errandId, question, signal) };
  }

  /**
   * Holds a question an errand asked elsewhere (a worker, through the queue) under its own id, until it
   * is answered here or `signal` withdraws it.
   */
  relay(asked: PendingQuestion, signal: AbortSignal): Promise<Answer> {
    return this.#ask(asked.errandId, asked.question, signal, asked);
  }

  #ask(errandId: string, question: Question, signal?: AbortSignal, asked?: PendingQuestion): Promise<Answer> {
    if (signal?.aborted) return Promise.reject(new ErrandError('CANCELLED', 'The errand was cancelled.'));
    const pending: PendingQuestion = asked ?? {
      id: `q_${randomBytes(8).toString('hex')}`,
      errandId,
      askedAt: Date.now(),
      question,
    };
    return new Promise<Answer>((resolve, reject) => {
      const held: Held = { pending, state: 'pending' };
      const onAbort = () => {
        if (held.state !== 'pending') return;
        held.state = 'cancelled';
        held.settle = undefined;
        this.#tell({ type: 'withdrawn', id: pending.id, errandId });
        reject(new ErrandError('CANCELLED', 'The errand was cancelled while it waited for an answer.'));
      };
      held.settle = (answer) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(answer);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#keep(held);
      this.#tell({ type: 'asked', pending });
    });
  }

  /** The questions waiting for an answer: one errand's, or every errand's, oldest first. */
  pending(errandId?: string): PendingQuestion[] {
    return [...this.#held.values()]
      .filter((h) => h.state === 'pending' && (errandId === undefined || h.pending.errandId === errandId))
      .map((h) => h.pending);
  }

  /** One errand's questions as a caller reads them: those waiting first, then those answered or withdrawn. */
  views(errandId: string): QuestionView[] {
    const mine = [...this.#held.values()].filter((h) => h.pending.errandId === errandId);
    return [...mine.filter((h) => h.state === 'pending'), ...mine.filter((h) => h.state !== 'pending')].map(
      viewOf,
    );
  }

  /**
   * Answers a question once. Refused with NOT_FOUND for a question this errand never asked, CONFLICT
   * when it was answered already or withdrawn, INVALID_INPUT when the reply does not fit it.
   */
  answer(errandId: string, id: string, reply: Reply, by: string): QuestionView {
    const held = this.#held.get(id);
    if (!held || held.pending.errandId !== errandId)
      throw new ErrandError(
        'NOT_FOUND',
        `Errand ${errandId} has no question "${id.slice(0, 64)}"; its status lists the questions it asked.`,
      );
    if (held.state === 'answered') {
      const a = held.answer!;
      const how = a.approved === undefined ? `answered "${a.text}"` : a.approved ? 'approved' : 'declined';
      throw new ErrandError(
        'CONFLICT',
        `Question ${id} was already answered (${how} by ${a.by}); nothing was done again.`,
        { answered: a },
      );
    }
    if (held.state === 'cancelled' || !held.settle)
      throw new ErrandError(
        'CONFLICT',
        `Question ${id} no longer waits for an answer: its errand was cancelled, and nothing was done.`,
      );
    const answer = toAnswer(held.pending, reply, by, this.#wording);
    const settle = held.settle;
    held.settle = undefined;
    held.state = 'answered';
    held.answer = answer;
    settle(answer);
    this.#tell({ type: 'answered', id, errandId, answer });
    return viewOf(held);
  }

  /** Calls `listener` with every change on the board until the returned function is called. */
  subscribe(listener: (notice: QuestionNotice) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #keep(held: Held): void {
    this.#held.set(held.pending.id, held);
    if (this.#held.size <= REMEMBERED) return;
    for (const [id, h] of this.#held)
      if (h.state !== 'pending') {
        this.#held.delete(id);
        return;
      }
  }

  #tell(notice: QuestionNotice): void {
    for (const listener of this.#listeners) listener(notice);
  }
}

function viewOf(held: Held): QuestionView {
  const { id, errandId, question: q } = held.pending;
  const base = {
    id,
    errandId,
    kind: q.kind,
    state: held.state,
    ...(held.answer ? { answer: held.answer } : {}),
  };
  switch (q.kind) {
    case 'approval':
      return {
        ...base,
        text: q.text ?? `${q.action.app}.${q.action.tool}?`,
        reason: q.reason,
        withinMandate: q.withinMandate,
        action: { app: q.action.app, tool: q.action.tool, input: q.action.input },
      };
    case 'confirm':
      return { ...base, text: q.text, lines: q.lines };
    case 'question':
      return { ...base, text: q.text };
  }
}

function toAnswer(pending: PendingQuestion, reply: Reply, by: string, wording: ReplyWording): Answer {
  const { id, question } = pending;
  const text = reply.text?.trim();
  if (question.kind === 'question') {
    if (!text)
      throw new ErrandError('INVALID_INPUT', `Question ${id} needs an answer in words: ${wording.words}.`);
    return { text, by };
  }
  if (typeof reply.approved !== 'boolean')
    throw new ErrandError('INVALID_INPUT', `Question ${id} needs a yes or no: ${wording.yesNo}.`);
  const zh = askedInChinese(question);
  const said = text || (reply.approved ? (zh ? '同意' : 'yes') : zh ? '不同意' : 'no');
  return { text: said, approved: reply.approved, by };
}
