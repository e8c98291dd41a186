import type { ErrorBody } from '../errors.js';
import type { TrustedContext } from '../guard/grounding.js';
import type { IntentSet } from '../guard/intents.js';
import type { Effect } from '../world/tool.js';
import type { TaskSpec } from './task.js';
import type { ReasoningLevel } from '../models/reasoning.js';

/** Tokens, cost and energy of one model call or a whole errand. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens the provider reported as read from its prompt cache (part of `inputTokens`). */
  cachedInputTokens?: number;
  /** Output tokens the model spent reasoning before it answered (part of `outputTokens`, billed as output). */
  reasoningTokens?: number;
  /** Input tokens the provider reported as images (screenshots in GUI mode; part of `inputTokens`). */
  imageTokens?: number;
  /** Estimated cost in US dollars from the price table. */
  costUsd: number;
  /** Estimated energy in watt-hours from the per-token figure for the model's size. */
  energyWh: number;
}

/** One item of the checklist the model keeps. */
export interface PlanItem {
  step: string;
  status: 'pending' | 'in_progress' | 'done';
}

/** A tool call as the model proposed it. */
export interface ProposedCall {
  callId: string;
  tool: string;
  input: unknown;
}

/** What the guard decided about one action. */
export type Decision = 'allow' | 'ask' | 'deny';

/** Evidence in app state that the need is met. */
export interface Evidence {
  app: string;
  kind: string;
  id: string;
  detail?: string;
}

/**
 * How an errand ended, as errand judged it: `done` only when everything asked was carried out,
 * `partial` when some of it was, `blocked` or `refused` when it could not or should not be done.
 */
export type Outcome = 'done' | 'partial' | 'blocked' | 'refused';

/** A write that was started and whose result never reached the journal: it may or may not have happened. */
export interface UnknownWrite {
  step: number;
  callId: string;
  tool: string;
  app: string;
  input: unknown;
  idempotencyKey: string | null;
}

/** Every event of an errand, in the order it happened. The journal stores these; everything reads them. */
export type ErrandEvent =
  | {
      /** Written with the errand's entry in the list, so the list can be checked against the chain. */
      type: 'task.created';
      request: string;
      model: string;
      /** The process that runs the errand (see agent/owner.ts). */
      owner: string | null;
    }
  | {
      type: 'task.started';
      task: TaskSpec;
      tools: { name: string; app: string; effect: Effect }[];
      /** What the guard was told it may trust (the person's contacts and addresses), for audit and learning. */
      trusted?: TrustedContext;
      /** The marker that fenced app data in this errand's context. */
      marker?: string;
      /** How to reach the same apps again to resume the errand after a crash (set by the CLI). */
      origin?: ErrandOrigin;
    }
  | {
      type: 'intents.derived';
      /** What the person asked for, as every write will be checked against it. */
      intents: IntentSet;
      /** The same, one line an intent, in the person's language. */
      lines: string[];
      /** Intents whose actions will be asked about, and why (a person the request never named…). */
      doubts: { id: string; doubt: string }[];
    }
  | { type: 'intents.confirmed'; approved: boolean; answer: string; by: string }
  | {
      /**
       * The person's answer to a question, read with the request like the request itself: what it added
       * to what errand may do. Only the person's own answers widen anything (never the model's words).
       */
      type: 'intents.widened';
      step: number;
      /** The ask_user call the answer came back to. */
      callId: string;
      answer: string;
      /** The intents added (ids as the guard holds them). */
      intents: IntentSet;
      /** The same, one line an intent, in the person's language. */
      lines: string[];
    }
  | {
      type: 'model.requested';
      step: number;
      attempt: number;
      messages: number;
      tools: number;
      /** How hard the model was asked to think (absent when it does not). */
      reasoning?: ReasoningLevel;
    }
  | {
      type: 'model.responded';
      step: number;
      attempt: number;
      text: string;
      /** What the model thought, kept only when the config says so (model.keepReasoning). */
      reasoning?: string;
      calls: ProposedCall[];
      usage: Usage;
      latencyMs: number;
      model: string;
    }
  | { type: 'model.failed'; step: number; attempt: number; error: ErrorBody; retryInMs: number | null }
  | { type: 'model.output_invalid'; step: number; problem: string; repair: string }
  | {
      type: 'action.proposed';
      step: number;
      callId: string;
      tool: string;
      app: string;
      input: unknown;
      effect: Effect;
      /** For a write: what it does in the person's words ("转账 ¥50.00 给 妈妈（刘秀英）"), for receipts. */
      words?: string;
    }
  | { type: 'action.decided'; step: number; callId: string; decision: Decision; reason: string; by: string }
  | { type: 'action.started'; step: number; callId: string; idempotencyKey: string | null }
  | { type: 'action.finished'; step: number; callId: string; output: unknown; durationMs: number }
  | { type: 'action.failed'; step: number; callId: string; error: ErrorBody; durationMs: number }
  | {
      type: 'observation';
      step: number;
      callId: string;
      /** What the model saw, when it is not simply the output fenced with the errand's marker. */
      text: string | null;
      truncated: boolean;
      handle: string | null;
    }
  | {
      /** Something the person should know: an app's warning about a write, or a write that did not happen. */
      type: 'warning';
      step: number;
      callId: string;
      text: string;
    }
  | { type: 'content.flagged'; step: number; callId: string; source: string; kinds: string[] }
  | { type: 'plan.updated'; step: number; plan: PlanItem[] }
  | {
      /** App tools whose schemas the model is sent from now on (tools load on demand). */
      type: 'tools.opened';
      step: number;
      tools: string[];
      /** Why: the intents or request at the start, the model's open_apps or search_tools, a call to it, or a cut result (read_more). */
      by: 'start' | 'open_apps' | 'search_tools' | 'call' | 'cut';
    }
  | { type: 'question.asked'; step: number; callId: string; question: string; answer: string; by: string }
  | {
      /** The errand waits for something in the world, until a deadline on the world's clock. */
      type: 'wait.started';
      step: number;
      callId: string;
      until: WaitCondition;
      /** World time (epoch ms) the wait began and gives up. */
      startedAt: number;
      deadlineAt: number;
    }
  | {
      type: 'wait.ended';
      step: number;
      callId: string;
      /** What ended it: the thing waited for, or the deadline. */
      how: 'event' | 'deadline';
      /** World time (epoch ms) it was seen, and what was seen. */
      at: number;
      detail: string;
    }
  | { type: 'reflection'; step: number; text: string }
  | {
      type: 'context.compacted';
      step: number;
      observations: number;
      /** The history's size in tokens before and after. */
      tokensBefore: number;
      tokensAfter: number;
    }
  | {
      type: 'task.finished';
      /** The outcome as judged from the journal and the apps' state. */
      outcome: Outcome;
      /** What the model said the outcome was, when it differs. */
      claimed?: Outcome;
      /** Intents not carried out, in the person's words. */
      missing?: string[];
      /** Evidence the model cited that this errand did not make. */
      unsupported?: string[];
      summary: string;
      evidence: Evidence[];
      usage: Usage;
      steps: number;
    }
  | { type: 'task.failed'; error: ErrorBody; usage: Usage; steps: number }
  | { type: 'task.cancelled'; reason: string; usage: Usage; steps: number }
  | {
      /**
       * Another process took up an interrupted errand to finish it (errand resume): the events before
       * this one are replayed, not redone; what follows is new.
       */
      type: 'task.resumed';
      owner: string | null;
      /** Writes whose result was not in the journal: settled by asking the app with the same key. */
      unknown: number;
    }
  | {
      /**
       * The errand waits for the world and holds no process: `errand resume` (or a serving process)
       * takes it up again once the thing waited for has happened or the deadline has passed.
       */
      type: 'task.waiting';
      until: WaitCondition;
      deadlineAt: number;
      usage: Usage;
      steps: number;
    }
  | {
      /** The errand's process ended without ending the errand; written by whoever noticed. */
      type: 'task.interrupted';
      reason: string;
      unknown: UnknownWrite[];
      usage: Usage;
      steps: number;
    };

/**
 * Where an errand acted, so that `errand resume` can reach the same apps: a world kept in a file, a
 * world server, or (not resumable) a world in memory; with the config file that named other servers.
 */
export interface ErrandOrigin {
  world:
    | { kind: 'file'; file: string; seed: number; persona: string }
    | { kind: 'url'; url: string; persona?: string }
    | { kind: 'memory' }
    | { kind: 'none' };
  config?: string;
  approve?: 'ask' | 'auto' | 'deny';
  /** The person was asked to confirm what errand understood (errand run --confirm). */
  confirm?: boolean;
  /** The recipes (with their parameters) it ran or offered: a resumed errand uses the same. */
  plan?: { recipe: unknown; params: Record<string, unknown> }[];
}

/** What an errand can wait for in the world. */
export type WaitCondition =
  | { kind: 'order_status'; order_id: string; status: string[] }
  | { kind: 'reply'; from: string }
  | { kind: 'invitation_answer'; event_id: string; person_id: string }
  | { kind: 'time'; at: string };

/** An event as the journal keeps it: numbered and timed. */
export type JournalEvent = ErrandEvent & { seq: number; at: number };

/** The names of the events that end an errand. */
export const TERMINAL_EVENTS = [
  'task.finished',
  'task.failed',
  'task.cancelled',
  'task.interrupted',
  'task.waiting',
] as const;

/** Adds two usages. */
export function addUsage(a: Usage, b: Usage): Usage {
  const cached = (a.cachedInputTokens ?? 0) + (b.cachedInputTokens ?? 0);
  const reasoning = (a.reasoningTokens ?? 0) + (b.reasoningTokens ?? 0);
  const images = (a.imageTokens ?? 0) + (b.imageTokens ?? 0);
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    ...(cached > 0 ? { cachedInputTokens: cached } : {}),
    ...(reasoning > 0 ? { reasoningTokens: reasoning } : {}),
    ...(images > 0 ? { imageTokens: images } : {}),
    costUsd: a.costUsd + b.costUsd,
    energyWh: a.energyWh + b.energyWh,
  };
}

/** No usage at all. */
export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, costUsd: 0, energyWh: 0 };
