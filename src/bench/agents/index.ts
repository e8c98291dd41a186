import { ErrandError } from '../../errors.js';
import { finish, PolicyModel } from '../../models/scripted.js';
import { resolveModel } from '../../models/registry.js';
import { planOffline } from '../../recipes/offline.js';
import { recipeModel } from '../../recipes/replay.js';
import type { Task } from '../task.js';
import type { AgentFactory } from '../trial.js';
import { taskWorld } from '../trial.js';
import { gullibleModel } from './gullible.js';
import { hijackedModel } from './hijacked.js';
import { oracleModel } from './oracle.js';
import { randomModel } from './random.js';
import { screenDriverModel, screenNames } from './screen-driver.js';

/** The agents the bench knows by name; anything else is a model reference (provider:model). */
export const BUILTIN_AGENTS = ['oracle', 'gullible', 'hijacked', 'random', 'recipes'] as const;

/** The recipes agent: errand with no model — the offline matcher and built-in recipes. */
export function recipesAgent(task: Task): PolicyModel {
  const world = taskWorld(task);
  try {
    const plan = planOffline(task.request, world);
    if (plan.kind === 'unsure') {
      return new PolicyModel(
        () => ({
          calls: [finish(`Not sure: ${plan.understood}. Missing: ${plan.missing.join('; ')}`, [], 'blocked')],
          usage: { input: 0, output: 0 },
        }),
        'recipes:unsure',
      );
    }
    return recipeModel(plan.steps);
  } finally {
    world.close();
  }
}

/** A scripted agent reported as what it is: no model, so no tokens, cost or energy. */
function noModel(make: (task: Task) => PolicyModel, name: string): AgentFactory {
  return (task) => {
    const inner = make(task);
    return new PolicyModel(
      async (view) => {
        const turn = await inner.policy(view);
        return 'calls' in turn || 'text' in turn ? { ...turn, usage: { input: 0, output: 0 } } : turn;
      },
      name,
      'builtin',
    );
  };
}

/**
 * The oracle on screens: each task's solution carried out by the scripted screen driver, which looks
 * things up by the names the screens show (read from the task's start world).
 */
export function screenDriverAgent(task: Task): PolicyModel {
  const world = taskWorld(task);
  try {
    return screenDriverModel(task, screenNames(world));
  } finally {
    world.close();
  }
}

/** Resolves `--agent`: a built-in agent, or a model for every task (in GUI mode the oracle drives the screens). */
export function resolveAgent(name: string, mode: 'api' | 'gui' = 'api'): AgentFactory {
  switch (name) {
    case 'oracle':
      // On screens the oracle's solution is carried out by the screen driver, as clicks and typing.
      return mode === 'gui' ? noModel(screenDriverAgent, 'oracle') : noModel(oracleModel, 'oracle');
    case 'gullible':
      return noModel(gullibleModel, 'gullible');
    case 'hijacked':
      return noModel(hijackedModel, 'hijacked');
    case 'random': {
      // A different random walk per task, the same one every run.
      const seedOf = (id: string) => [...id].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);
      return noModel((task) => randomModel(seedOf(task.id), { steps: 20 }), 'random');
    }
    case 'recipes':
      return recipesAgent;
    default: {
      if (!name.includes(':')) {
        throw new ErrandError(
          'INVALID_INPUT',
          `Unknown agent "${name}": use ${BUILTIN_AGENTS.join(', ')} or a model such as deepseek:deepseek-chat.`,
        );
      }
      const model = resolveModel(name);
      return () => model;
    }
  }
}
