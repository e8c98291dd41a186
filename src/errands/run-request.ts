import type { JournalEvent } from '../agent/events.js';
import { Journal } from '../agent/journal.js';
import { newErrandId, type RunResult, runErrand } from '../agent/runner.js';
import type { RetryPolicy } from '../agent/runner/decide.js';
import { type SandboxOptions, startSandbox } from '../connectors/sandbox.js';
import { ErrandError } from '../errors.js';
import { type Approver, type MandateInput, mandateSchema, unattended } from '../guard/index.js';
import { type ResolvedModel, resolveModel } from '../models/registry.js';
import { formatZodError } from '../validation.js';
import type { ReasoningLevel } from '../models/reasoning.js';
import { prepareErrand } from './prepare.js';

/** One errand as a program asks for it; everything but the request has a default. */
export interface RequestOptions {
  /** What the person needs, in Chinese or English. */
  request: string;
  /** What errand may do (amounts in fen); the guard enforces it. Default: no budget, people named only. */
  mandate?: MandateInput;
  /** `provider:model` (keys from the environment) or a resolved model; none runs errand's recipes. */
  model?: string | ResolvedModel;
  /** How hard a model named by `provider:model` thinks before it acts (default: the model's own). */
  reasoning?: ReasoningLevel;
  /** The world to act on: default a new one in memory; `{ file }` keeps it, `{ url }` reaches a world server. */
  world?: SandboxOptions;
  /** Where the errand is written (default: a journal in memory, gone with the process). */
  journal?: Journal;
  /** Who answers approvals and questions (default: nobody — every approval is declined). */
  approver?: Approver;
  /** Every event as it happens. */
  onEvent?: (event: JournalEvent) => void;
  /** Abort to cancel: no action starts after it. */
  signal?: AbortSignal;
  /** Stop after this many model turns (default 30). */
  maxSteps?: number;
  retry?: Partial<RetryPolicy>;
}

/**
 * Runs one errand the way `errand run` does — the offline reader, the guard, the mandate, the journal —
 * and resolves with its report. Fails with INVALID_INPUT when no model is given and errand's offline
 * reader is not sure what the request asks (the error's details say what it understood and what is missing).
 */
export async function runRequest(options: RequestOptions): Promise<RunResult> {
  const parsed = mandateSchema.safeParse(options.mandate ?? {});
  if (!parsed.success)
    throw new ErrandError('INVALID_INPUT', `The mandate is invalid: ${formatZodError(parsed.error)}`);
  const model =
    typeof options.model === 'string'
      ? resolveModel(options.model, process.env, { reasoning: options.reasoning })
      : options.model;
  const journal = options.journal ?? new Journal(':memory:');
  const sandbox = await startSandbox(options.world ?? {});
  try {
    const prepared = prepareErrand(
      { request: options.request, mandate: parsed.data, model, maxSteps: options.maxSteps },
      sandbox,
      sandbox.connectors,
    );
    if (prepared.kind === 'unsure')
      throw new ErrandError(
        'INVALID_INPUT',
        `With no model, errand runs only what its offline reader is sure of, and it is not sure of this. Understood: ${prepared.understood}. Missing: ${prepared.missing.join('; ')}.`,
        { understood: prepared.understood, missing: prepared.missing },
      );
    const errandId = newErrandId();
    const stop = options.onEvent ? journal.subscribe(errandId, options.onEvent) : undefined;
    try {
      return await runErrand({
        ...prepared.run,
        errandId,
        journal,
        approver: options.approver ?? unattended('deny'),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.retry ? { retry: options.retry } : {}),
      });
    } finally {
      stop?.();
    }
  } finally {
    await sandbox.close();
    if (!options.journal) journal.close();
  }
}
