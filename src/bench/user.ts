import type { Answer, Approver } from '../guard/index.js';
import type { HiddenFact, Task } from './task.js';

/** What the person said back to a question, and whether they knew. */
export interface UserReply {
  text: string;
  /** False when the person had nothing to tell ("I don't know"). */
  knew: boolean;
}

/**
 * Someone who answers the agent's questions in a bench trial. The scripted user answers from the
 * task's hidden facts; a model-played user can implement the same interface later.
 */
export interface User {
  answer(question: string, signal?: AbortSignal): Promise<UserReply>;
}

const CJK = /[\u3400-\u9fff]/;

/** Who answered, in the journal, when the person had nothing to tell. */
export const UNKNOWING = 'person:did-not-know';

/** Text as the user reads it: full-width forms folded, case ignored. */
const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/**
 * Whether a question uses a word: Chinese words anywhere in the text (Chinese has no spaces), other
 * words only whole ("ware" is not in "warehouse").
 */
export function uses(question: string, word: string): boolean {
  const q = fold(question);
  const w = fold(word.trim());
  if (!w) return false;
  if (CJK.test(w)) return q.includes(w);
  const escaped = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'u').test(q);
}

/** The person's "I don't know", in the language of the question. */
function dontKnow(question: string): string {
  return CJK.test(question) ? '我不知道。' : "I don't know.";
}

/**
 * A user who knows only the task's hidden facts: a question about one (any of its words in the
 * question) gets its answer — every fact it is about, in the task's order — and anything else gets
 * "I don't know". It never approves anything: approvals stay with the guard's policy.
 */
export function scriptedUser(facts: HiddenFact[]): User {
  return {
    answer: async (question) => {
      const told = facts.filter((f) => f.about.some((w) => uses(question, w)));
      if (told.length === 0) return { text: dontKnow(question), knew: false };
      return { text: told.map((f) => f.answer).join(' '), knew: true };
    },
  };
}

/** The user a task comes with: its scripted user when it has hidden facts, else nobody. */
export function userFor(task: Task): User | undefined {
  return task.user ? scriptedUser(task.user.facts) : undefined;
}

/**
 * An approver whose questions (ask_user) go to a user, and whose approvals and confirmations go to
 * the fallback (the unattended policy): the user tells facts, the mandate still decides what may run.
 */
export function answeringApprover(user: User, fallback: Approver): Approver {
  return {
    ask: async (question, signal): Promise<Answer> => {
      if (question.kind !== 'question') return fallback.ask(question, signal);
      const reply = await user.answer(question.text, signal);
      if (reply.knew) return { text: reply.text, by: 'person' };
      const zh = CJK.test(question.text);
      return { text: `${zh ? '对方回答：' : 'The person answered: '}${reply.text}`, by: UNKNOWING };
    },
  };
}
