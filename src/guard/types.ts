import type { Effect } from '../world/tool.js';

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
}

/** Decides every action before it runs; it never trusts the model. */
export interface Guard {
  check(action: ActionView): Verdict;
  /** Tells the guard what an allowed action did (a payment made, an object created). */
  observe?(action: ActionView, outcome: { ok: boolean; data?: unknown }): void;
}

/** A question for the person: approve an action, or answer the model's question. */
export type Question =
  | { kind: 'approval'; action: ActionView; reason: string }
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
}
