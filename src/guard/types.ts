import type { Effect } from '../world/tool.js';
import type { IntentSet } from './intents.js';

/** A proposed action as the guard sees it: which app and tool, with what input and effect. */
export interface ActionView {
  app: string;
  tool: string;
  input: Record<string, unknown>;
  effect: Effect;
  /** True when the effect was not declared by the app and was assumed. */
  effectAssumed: boolean;
}

/** The guard's verdict on one action, with a reason a person can read. */
export interface Verdict {
  decision: 'allow' | 'ask' | 'deny';
  reason: string;
  /**
   * For `ask`: true when the action is inside the mandate and only needs a yes (a payment above the
   * approval threshold); false when it is outside what the person said (a payee named only in app
   * text). An unattended `auto` policy approves only the first kind.
   */
  withinMandate?: boolean;
}

/** Decides every action before it runs; it never trusts the model. */
export interface Guard {
  check(action: ActionView): Verdict;
  /** Tells the guard what an allowed action did (a payment made, an object created). */
  observe?(action: ActionView, outcome: { ok: boolean; data?: unknown }): void;
  /** Names the kinds of instruction-like text in app content; empty when it reads as data. */
  inspect?(source: string, text: string): string[];
  /** The mandate in words, for the model's context. */
  describe?(): string;
  /**
   * Takes what the person asked for: from then on every write must match it. Returns it in the
   * person's words, one line an intent, and the intents whose actions will be asked about, and why.
   */
  understand?(intents: IntentSet): { lines: string[]; doubts: { id: string; doubt: string }[] };
  /**
   * Widens the intents by what the person said in answer to a question (read like the request, never
   * from the model or an app). Returns what was added, one line an intent, in the person's words.
   */
  widen?(extra: IntentSet, words: string): { added: IntentSet['intents']; lines: string[] };
  /** Which of the person's intents were carried out and which were not, in their words. */
  progress?(): { done: string[]; missing: string[] };
  /** Puts an action as a question a person can answer, in their language. */
  phrase?(action: ActionView): string;
}

/** A question for the person: approve an action, confirm what errand understood, or answer the model. */
export type Question =
  | {
      kind: 'approval';
      action: ActionView;
      reason: string;
      withinMandate: boolean;
      /** The action in the person's words: "转账 ¥50.00 给 妈妈（刘秀英）？" */
      text?: string;
      /** The person's language, for whoever answers. */
      lang?: 'zh' | 'en';
    }
  | { kind: 'confirm'; lines: string[]; text: string }
  | { kind: 'question'; text: string };

/** The person's answer. `approved` is set for approvals. */
export interface Answer {
  text: string;
  approved?: boolean;
  /** Who answered: `person`, `policy:deny`, `policy:auto` ... */
  by: string;
}

/** Whoever answers questions: a person at the CLI, a policy for unattended runs, an API callback. */
export interface Approver {
  ask(question: Question, signal?: AbortSignal): Promise<Answer>;
  /** True when nobody is there to answer: every answer is a standing policy (the model is told so). */
  readonly unattended?: boolean;
}
