import type { ScreenConnector } from '../../connectors/browser/connector.js';
import type { ErrorBody } from '../../errors.js';
import type { Approver, Guard } from '../../guard/types.js';
import type { ResolvedModel } from '../../models/registry.js';
import type {
  ErrandEvent,
  Evidence,
  WaitCondition,
  JournalEvent,
  Outcome,
  PlanItem,
  Usage,
} from '../events.js';
import type { Journal } from '../journal.js';
import type { TaskSpec } from '../task.js';
import type { Toolset } from '../toolset.js';
import type { RetryPolicy } from './decide.js';
import type { Replay } from './replay.js';
import type { AnswerReader } from './widen.js';
import type { History } from './history.js';
import type { ObservationStore } from './observe.js';
import type { PersonWorld } from '../../person/index.js';
import type { Tokenizer } from '../../models/tokens.js';

/** Everything one running errand holds. */
export interface RunState {
  errandId: string;
  task: TaskSpec;
  tools: Toolset;
  /**
   * GUI mode: the apps' own tools, never offered to the model, that the requests a screen sends are read
   * as, so the guard, the ledger and the journal see a page's write as the tool call it is.
   */
  backstage?: Toolset;
  /** GUI mode with a model that sees: the screens, whose screenshot goes with every turn. */
  screens?: ScreenConnector;
  model: ResolvedModel;
  guard: Guard;
  approver: Approver;
  journal: Journal;
  signal: AbortSignal;
  retry: RetryPolicy;
  /** Random per errand: fences app data so app text cannot pose as instructions. */
  marker: string;
  /** Tokens of one app result shown before it is cut. */
  observationBudget: number;
  /** Tokens of history kept before older results are compacted. */
  contextBudget: number;
  /** Counts tokens as the errand's model does (Qwen's for a Qwen model, else o200k). */
  tokenizer: Tokenizer;
  actionTimeoutMs: number;
  now: () => string;
  mandateText: string;
  /** The system message, built once before the first turn and sent unchanged on every turn. */
  system?: string;
  /** The person's own world, for find_people; undefined when errand was given none. */
  person: PersonWorld | undefined;
  startedAt: number;
  step: number;
  usage: Usage;
  plan: PlanItem[];
  history: History;
  store: ObservationStore;
  /** Calls already made this errand, by signature, to stop repeats of failed or finished writes. */
  attempts: Map<string, { ok: boolean; error?: ErrorBody; count: number }>;
  loopStrikes: number;
  invalidStreak: number;
  /** Keep the model's reasoning text in the journal. */
  keepReasoning: boolean;
  /** This errand's events as journalled, in order: the report is built from them without reading them back. */
  events: JournalEvent[];
  /** The world's clock (epoch ms), for waits; an errand without one cannot wait. */
  clock?: () => number;
  /** Reads the person's answers to questions with their request, to widen what errand may do. */
  readAnswer?: AnswerReader;
  /** When the errand is resumed: what its journal already holds, taken instead of done again. */
  replay?: Replay;
}

/** How one step of the loop ended. */
export type StepEnd =
  | { type: 'continue' }
  | { type: 'finish'; outcome: Outcome; summary: string; evidence: Evidence[] }
  | { type: 'fail'; error: ErrorBody }
  | { type: 'cancel'; reason: string }
  | { type: 'wait'; until: WaitCondition; deadlineAt: number };

/** Appends an event to the errand's journal; `durable` when something is about to depend on it. */
export function record(state: RunState, event: ErrandEvent, durable = false): void {
  const replayed = state.replay?.take(event);
  state.events.push(replayed ?? state.journal.append(state.errandId, event, durable));
}

/** Sends read_more's schema from the next turn on, once a result was cut or compacted (it costs nothing before). */
export function offerReadMore(state: RunState): void {
  if (state.tools.offer('read_more'))
    record(state, { type: 'tools.opened', step: state.step, tools: ['read_more'], by: 'cut' });
}
