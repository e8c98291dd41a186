import type { RunOptions } from '../agent/runner.js';
import type { Sandbox } from '../connectors/sandbox.js';
import { ErrandError } from '../errors.js';
import { MandateGuard, offeredConnectors, type IntentSet } from '../guard/index.js';
import { clean } from '../person/index.js';
import { type ResolvedModel, useModel } from '../models/registry.js';
import type { Recipe } from '../recipes/format.js';
import { planOffline } from '../recipes/offline.js';
import { recipeModel } from '../recipes/replay.js';
import { recipeTools } from '../recipes/tools.js';
import type { StartRequest } from './start-request.js';

/** Finds the model for a `provider:model` reference, or the server's default when none is given. */
export type ModelResolver = (ref: string | undefined) => ResolvedModel | undefined;

/** An errand ready to run, less what the service adds (journal, approver, signal, id). */
export type PreparedErrand = Omit<RunOptions, 'journal' | 'approver' | 'signal' | 'errandId'> & {
  /** How errand will go about it, in a sentence: "running errand's recipes with no model (…)". */
  note: string;
};

/**
 * Readies an errand as `errand run` does: the offline reader reads the request; with no model,
 * errand's recipes run it when the reader is sure (and it is refused, saying what is missing, when
 * not); with a model, matching recipes are offered as tools; the guard holds every write to what the
 * person asked for, within the mandate.
 */
export function prepareErrand(
  start: StartRequest,
  sandbox: Sandbox,
  deps: { models: ModelResolver; learned: Recipe[] },
): PreparedErrand {
  const request = clean(start.request).trim();
  const world = sandbox.host.main;
  let model = deps.models(start.model);
  const plan = planOffline(request, world, deps.learned);
  let macros: ReturnType<typeof recipeTools> | undefined;
  let note: string;
  if (!model) {
    if (plan.kind === 'unsure')
      throw new ErrandError(
        'INVALID_INPUT',
        `No model is configured, so errand tried its built-in recipes, and it is not sure what you want. Understood: ${plan.understood}. Missing: ${plan.missing.join('; ')}. Say it more precisely, or choose a model.`,
        { understood: plan.understood, missing: plan.missing },
      );
    model = useModel(recipeModel(plan.steps));
    note = `Running errand's recipes with no model (${plan.understood}).`;
  } else {
    if (plan.kind === 'run')
      macros = recipeTools(plan.steps.map((s) => ({ recipe: s.recipe, suggested: s.params })));
    note = `Running with ${model.ref}.`;
  }
  // The reader, when sure, says what the person asked for; otherwise the model's planner does.
  const intents: IntentSet | undefined = plan.kind === 'run' ? plan.intents : undefined;
  const trusted = sandbox.trusted(request);
  const recipeRun = model.provider === 'recipe';
  return {
    task: {
      request,
      profile: sandbox.profile,
      model: model.ref,
      mandate: start.mandate,
      limits: { maxSteps: start.maxSteps },
    },
    model,
    connectors: offeredConnectors(sandbox.connectors, start.mandate),
    guard: new MandateGuard(start.mandate, trusted, () => world.now),
    trusted,
    now: sandbox.now,
    macros,
    intents,
    confirm: start.confirm,
    ...(recipeRun
      ? { observationBudget: Number.MAX_SAFE_INTEGER, contextBudget: Number.MAX_SAFE_INTEGER }
      : {}),
    note,
  };
}
