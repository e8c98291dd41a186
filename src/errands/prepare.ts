/**
 * Turns a person's request into an errand ready to run, the way `errand run` does: the offline reader
 * reads the request (its recipes run it when there is no model, and say what it understood), the
 * guard gets the mandate and what the person's world lets it trust, and the apps errand may use.
 * The CLI, `errand mcp` and the library all start errands through here, so they cannot drift apart.
 */
import type { PersonAnswer, RunOptions } from '../agent/runner.js';
import type { Profile, TaskSpec } from '../agent/task.js';
import type { Sandbox } from '../connectors/sandbox.js';
import type { Connector } from '../connectors/types.js';
import { ErrandError } from '../errors.js';
import { MandateGuard, type Mandate, offeredConnectors } from '../guard/index.js';
import type { IntentSet } from '../guard/intents.js';
import { type ResolvedModel, useModel } from '../models/registry.js';
import { type PersonWorld, readingPersonOnce } from '../person/index.js';
import type { Recipe } from '../recipes/format.js';
import { type OfflinePlan, planOffline, readAnswer } from '../recipes/offline.js';
import { recipeModel } from '../recipes/replay.js';
import { recipeTools } from '../recipes/tools.js';

/** One errand as a person asks for it. */
export interface ErrandSpec {
  /** What the person needs, in Chinese or English. */
  request: string;
  /** Pictures attached to the request, for models that see. */
  images?: TaskSpec['images'];
  /** What errand may do; the guard enforces it. */
  mandate: Mandate;
  /** The model; none runs errand's recipes with no model, when the offline reader is sure. */
  model?: ResolvedModel;
  /** Stop after this many model turns (default 30). */
  maxSteps?: number;
  /** Ask the person to confirm what errand understood before anything runs. */
  confirm?: boolean;
  /** Learned recipes that may run this very request again with no model. */
  learned?: Recipe[];
  /**
   * The recipes to run (no model) or offer (a model), instead of reading the request again: a resumed
   * errand keeps the plan it started with, though the world has changed since.
   */
  plan?: RecipePlan;
}

/** Recipes with their parameters, as the offline reader chose them for a request. */
export type RecipePlan = { recipe: Recipe; params: Record<string, unknown> }[];

/** What a prepared errand needs from whoever runs it: the journal, who answers, and how to cancel. */
export type PreparedRun = Omit<RunOptions, 'journal' | 'approver' | 'signal' | 'errandId'>;

/**
 * An errand ready to run, or why it cannot start: with no model, the offline reader was not sure what
 * the person wants (what it understood, and what is missing).
 */
export type Prepared =
  | {
      kind: 'ready';
      run: PreparedRun;
      /** Set when errand's recipes run it with no model: what the offline reader understood. */
      recipes?: string;
      /** The recipes it runs or offers, kept so that a resumed errand runs the same. */
      plan?: RecipePlan;
    }
  | { kind: 'unsure'; understood: string; missing: string[] };

/** The person's world when errand runs without the sandbox: nobody known yet. */
function emptyPerson(profile: { name: string; language: 'zh' | 'en' }): PersonWorld {
  return {
    me: { id: '', name: profile.name, language: profile.language },
    contacts: [],
    groups: [],
    billers: [],
    addresses: [],
  };
}

/**
 * Prepares an errand in a sandbox (or, with none, on `connectors` alone). `connectors` are every app
 * errand can reach; the mandate decides which of them are offered.
 */
export function prepareErrand(
  spec: ErrandSpec,
  sandbox: Sandbox | undefined,
  connectors: readonly Connector[],
): Prepared {
  // The recipes' matcher, the work reader and the guard each read the person's world: once is enough.
  return sandbox
    ? readingPersonOnce(sandbox.world, () => prepare(spec, sandbox, connectors))
    : prepare(spec, sandbox, connectors);
}

function prepare(spec: ErrandSpec, sandbox: Sandbox | undefined, connectors: readonly Connector[]): Prepared {
  const { request, mandate } = spec;
  let model = spec.model;
  let macros: RunOptions['macros'];
  let intents: IntentSet | undefined;
  let recipes: string | undefined;
  let chosen: RecipePlan | undefined;
  if (sandbox) {
    const plan: OfflinePlan = spec.plan
      ? { kind: 'run', steps: spec.plan, understood: '', confidence: 1, intents: undefined }
      : planOffline(request, sandbox.world, spec.learned ?? []);
    if (plan.kind === 'run') chosen = plan.steps;
    if (!model) {
      if (plan.kind === 'unsure')
        return { kind: 'unsure', understood: plan.understood, missing: plan.missing };
      recipes = plan.understood;
      model = useModel(recipeModel(plan.steps));
    } else if (plan.kind === 'run') {
      macros = recipeTools(plan.steps.map((s) => ({ recipe: s.recipe, suggested: s.params })));
    }
    // The reader, when sure, says what the person asked for; otherwise the model's planner does.
    // A work errand no recipe runs is still read, when the reader is sure of it.
    intents = plan.intents;
  }
  if (!model) {
    throw new ErrandError(
      'CONFIG_INVALID',
      'No model is configured and the sandbox world is off, so there are no recipes to run: pass --model provider:model or set ERRAND_MODEL (for example deepseek:deepseek-chat with DEEPSEEK_API_KEY, or ollama:qwen2.5:7b).',
    );
  }
  const profile: Profile = sandbox?.profile ?? {
    name: 'the user',
    language: /[\u4e00-\u9fff]/.test(request) ? 'zh' : 'en',
    preferences: {},
  };
  const trusted = sandbox?.trusted(request) ?? { request, person: emptyPerson(profile) };
  const guard = new MandateGuard(mandate, trusted, sandbox ? () => sandbox.world.now : Date.now);
  const recipeRun = model.provider === 'recipe';
  return {
    kind: 'ready',
    ...(recipes !== undefined ? { recipes } : {}),
    ...(chosen ? { plan: chosen } : {}),
    run: {
      guard,
      trusted,
      task: {
        request,
        images: spec.images ?? [],
        profile,
        model: model.ref,
        mandate,
        limits: { maxSteps: spec.maxSteps ?? 30 },
      },
      model,
      connectors: offeredConnectors([...connectors], mandate),
      now: sandbox?.now,
      macros,
      intents,
      // The person's answers to errand's questions are read with the request by the same reader.
      ...(sandbox ? { readAnswer: (said: PersonAnswer) => readAnswer(sandbox.world, said) } : {}),
      confirm: spec.confirm === true,
      // A recipe reads nothing it does not need: its results are shown whole.
      ...(recipeRun
        ? { observationBudget: Number.MAX_SAFE_INTEGER, contextBudget: Number.MAX_SAFE_INTEGER }
        : {}),
    },
  };
}
