import type { ErrorBody } from '../../errors.js';
import type { Approver, Guard } from '../../guard/types.js';
import type { ResolvedModel } from '../../models/registry.js';
import type { ErrandEvent, Evidence, JournalEvent, Outcome, PlanItem, Usage } from '../events.js';
import type { Journal } from '../journal.js';
import type { TaskSpec } from '../task.js';
import type { Toolset } from '../toolset.js';
import type { RetryPolicy } from './decide.js';
import type { History } from './history.js';
import type { ObservationStore } from './observe.js';

/** Everything one running errand holds. */
export interface RunState {
  errandId: string;
  task: TaskSpec;
  tools: Toolset;
  model: ResolvedModel;
  guard: Guard;
  approver: Approver;
  journal: Journal;
  signal: AbortSignal;
  retry: RetryPolicy;
  /** Random per errand: fences app data so app text cannot pose as instructions. */
  marker: string;
  observationBudget: number;
  contextBudget: number;
  actionTimeoutMs: number;
  now: () => string;
  mandateText: string;
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
  /** This errand's events as journalled, in order: the report is built from them without reading them back. */
  events: JournalEvent[];
}

/** How one step of the loop ended. */
export type StepEnd =
  | { type: 'continue' }
  | { type: 'finish'; outcome: Outcome; summary: string; evidence: Evidence[] }
  | { type: 'fail'; error: ErrorBody }
  | { type: 'cancel'; reason: string };

/** Appends an event to the errand's journal; `durable` when something is about to depend on it. */
export function record(state: RunState, event: ErrandEvent, durable = false): void {
  state.events.push(state.journal.append(state.errandId, event, durable));
}
