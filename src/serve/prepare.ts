import type { Sandbox } from '../connectors/sandbox.js';
import { ErrandError } from '../errors.js';
import { type PreparedRun, prepareErrand as prepareRun } from '../errands/prepare.js';
import type { ResolvedModel } from '../models/registry.js';
import { clean } from '../person/index.js';
import type { Recipe } from '../recipes/format.js';
import type { StartRequest } from './start-request.js';

/** Finds the model for a `provider:model` reference, or the server's default when none is given. */
export type ModelResolver = (ref: string | undefined) => ResolvedModel | undefined;

/** An errand ready to run, less what the service adds (journal, approver, signal, id). */
export type PreparedErrand = PreparedRun & {
  /** How errand will go about it, in a sentence: "running errand's recipes with no model (…)". */
  note: string;
};

/**
 * Readies an errand started over the API exactly as `errand run` and `errand mcp` do (one
 * `prepareErrand` for all three); with no model and a reader that is not sure, the refusal says what
 * it understood and what is missing.
 */
export function prepareErrand(
  start: StartRequest,
  sandbox: Sandbox,
  deps: { models: ModelResolver; learned: Recipe[] },
): PreparedErrand {
  const request = clean(start.request).trim();
  const model = deps.models(start.model);
  const prepared = prepareRun(
    {
      request,
      mandate: start.mandate,
      model,
      maxSteps: start.maxSteps,
      confirm: start.confirm,
      learned: deps.learned,
    },
    sandbox,
    sandbox.connectors,
  );
  if (prepared.kind === 'unsure')
    throw new ErrandError(
      'INVALID_INPUT',
      `No model is configured, so errand tried its built-in recipes, and it is not sure what you want. Understood: ${prepared.understood}. Missing: ${prepared.missing.join('; ')}. Say it more precisely, or choose a model.`,
      { understood: prepared.understood, missing: prepared.missing },
    );
  const note =
    prepared.recipes !== undefined
      ? `Running errand's recipes with no model (${prepared.recipes}).`
      : `Running with ${prepared.run.model.ref}.`;
  return { ...prepared.run, note };
}
