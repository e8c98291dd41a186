import { randomBytes } from 'node:crypto';
import { ErrandError } from '../errors.js';
import type { Answer, Approver, Question } from '../guard/index.js';

/** A question an errand is waiting on, for whoever watches it (the console, an API client). */
export interface PendingQuestion {
  id: string;
  errandId: string;
  askedAt: number;
  question: Question;
}

/** What changed on the board: a question asked, answered, or withdrawn (its errand was cancelled). */
export type QuestionNotice =
  | { type: 'asked'; pending: PendingQuestion }
  | { type: 'answered'; id: string; errandId: string; answer: Answer }
  | { type: 'withdrawn'; id: string; errandId: string };

/** A person's reply to a question, as the API takes it. */
export interface Reply {
  approved?: boolean;
  text?: string;
}

interface Waiting {
  pending: PendingQuestion;
  resolve: (answer: Answer) => void;
}

/** How many answered questions are remembered, so that a late second answer is refused by name. */
const REMEMBERED = 10_000;

/**
 * The questions errands wait on, answered over HTTP. Each errand gets an approver that puts its
 * question on the board and waits; the first answer settles it and every later one is refused, so an
 * approval clicked twice (two tabs, a retried request) can never let an action through twice.
 */
export class QuestionBoard {
  readonly #waiting = new Map<string, Waiting>();
  readonly #answered = new Map<string, { errandId: string; answer: Answer }>();
  readonly #listeners = new Set<(notice: QuestionNotice) => void>();

  /** The approver for one errand: its questions wait here until someone answers. */
  approver(errandId: string): Approver {
    return { ask: (question, signal) => this.#ask(errandId, question, signal) };
  }

  #ask(errandId: string, question: Question, signal?: AbortSignal): Promise<Answer> {
    if (signal?.aborted) return Promise.reject(new ErrandError('CANCELLED', 'The errand was cancelled.'));
    const pending: PendingQuestion = {
      id: `q_${randomBytes(8).toString('hex')}`,
      errandId,
      askedAt: Date.now(),
      question,
    };
    return new Promise<Answer>((resolve, reject) => {
      const onAbort = () => {
        if (!this.#waiting.delete(pending.id)) return;
        this.#tell({ type: 'withdrawn', id: pending.id, errandId });
        reject(new ErrandError('CANCELLED', 'The errand was cancelled while it waited for an answer.'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.set(pending.id, {
        pending,
        resolve: (answer) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(answer);
        },
      });
      this.#tell({ type: 'asked', pending });
    });
  }

  /** The questions waiting for an answer: one errand's, or every errand's. */
  pending(errandId?: string): PendingQuestion[] {
    return [...this.#waiting.values()]
      .map((w) => w.pending)
      .filter((p) => errandId === undefined || p.errandId === errandId);
  }

  /**
   * Answers a waiting question, once. A question answered already is refused with CONFLICT and
   * changes nothing; an approval or confirmation needs `approved`, a free question needs `text`.
   */
  answer(errandId: string, questionId: string, reply: Reply): Answer {
    const done = this.#answered.get(questionId);
    if (done && done.errandId === errandId)
      throw new ErrandError(
        'CONFLICT',
        `This question was already answered (${done.answer.approved === undefined ? `"${done.answer.text}"` : done.answer.approved ? 'approved' : 'declined'}); an answer counts once.`,
        { answered: done.answer },
      );
    const waiting = this.#waiting.get(questionId);
    if (!waiting || waiting.pending.errandId !== errandId)
      throw new ErrandError(
        'NOT_FOUND',
        `Errand ${errandId} is not waiting on a question "${questionId}"; its open questions are listed at GET /api/errands/${errandId}.`,
      );
    const answer = toAnswer(waiting.pending.question, reply);
    this.#waiting.delete(questionId);
    this.#answered.set(questionId, { errandId, answer });
    if (this.#answered.size > REMEMBERED) this.#answered.delete(this.#answered.keys().next().value!);
    waiting.resolve(answer);
    this.#tell({ type: 'answered', id: questionId, errandId, answer });
    return answer;
  }

  /** Calls `listener` with every change on the board until the returned function is called. */
  subscribe(listener: (notice: QuestionNotice) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #tell(notice: QuestionNotice): void {
    for (const listener of this.#listeners) listener(notice);
  }
}

function zhQuestion(question: Question): boolean {
  if (question.kind === 'approval' && question.lang) return question.lang === 'zh';
  const text = question.kind === 'approval' ? (question.text ?? question.reason) : question.text;
  return /[\u3400-\u9fff]/.test(text);
}

function toAnswer(question: Question, reply: Reply): Answer {
  const text = reply.text?.trim();
  if (question.kind === 'question') {
    if (!text)
      throw new ErrandError('INVALID_INPUT', 'This question needs an answer in words: send {"text": "…"}.');
    return { text, by: 'person' };
  }
  if (typeof reply.approved !== 'boolean')
    throw new ErrandError(
      'INVALID_INPUT',
      'Say yes or no: send {"approved": true} to go ahead or {"approved": false} to decline.',
    );
  const zh = zhQuestion(question);
  const said = text || (reply.approved ? (zh ? '同意' : 'yes') : zh ? '不同意' : 'no');
  return { text: said, approved: reply.approved, by: 'person' };
}
