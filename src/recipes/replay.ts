import { ErrandError } from '../errors.js';
import { call, finish, type ModelView, PolicyModel, type Turn } from '../models/scripted.js';
import type { Recipe } from './format.js';
import { RecipeWalk } from './walk.js';

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One line of an order: an object of ids, counts and option lists ({dish_id, quantity}). */
function isLine(v: unknown): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v).every(
      (x) =>
        typeof x === 'string' ||
        (Number.isInteger(x) && (x as number) > 0) ||
        (Array.isArray(x) && x.every((y) => typeof y === 'string')),
    )
  );
}

/** Checks and completes a recipe's parameters: defaults filled, types checked, nothing missing. */
export function resolveParams(recipe: Recipe, given: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(recipe.params)) {
    const value = given[name] ?? spec.default;
    if (value === undefined || value === null) {
      if (!spec.optional) problems.push(`${name} is missing (${spec.description})`);
      continue;
    }
    const ok =
      spec.type === 'integer' || spec.type === 'fen'
        ? Number.isInteger(value) && (value as number) >= 0
        : spec.type === 'ids'
          ? Array.isArray(value) && value.every((v) => typeof v === 'string')
          : spec.type === 'lines'
            ? Array.isArray(value) && value.length > 0 && value.every(isLine)
            : spec.type === 'time'
              ? typeof value === 'string' && TIME.test(value)
              : typeof value === 'string';
    if (!ok) problems.push(`${name} should be ${spec.type}, got ${JSON.stringify(value)}`);
    out[name] = value;
  }
  for (const name of Object.keys(given))
    if (!(name in recipe.params)) problems.push(`${recipe.id} has no parameter ${name}`);
  if (problems.length)
    throw new ErrandError('INVALID_INPUT', `Cannot run recipe ${recipe.id}: ${problems.join('; ')}.`);
  return out;
}

/**
 * Replays a recipe as a model that needs no model: each turn is the recipe's next tool call, with its
 * input filled from the parameters and earlier results. It goes through the same runner, guard and
 * journal as any model, and costs zero tokens.
 */
export function recipeModel(steps: { recipe: Recipe; params: Record<string, unknown> }[]): PolicyModel {
  const plans = steps.map((s) => ({ recipe: s.recipe, params: resolveParams(s.recipe, s.params) }));
  const policy = (view: ModelView): Turn => {
    // Walk from the start each turn, feeding the results the runner has shown so far.
    const walk = new RecipeWalk(plans, /[\u3400-\u9fff]/.test(view.request) ? 'zh' : 'en');
    let move = walk.next();
    for (let i = 0; move.type === 'call'; i++) {
      const seen = view.results.find((r) => r.callId === `recipe-${i}`);
      if (!seen) return { calls: [{ ...call(move.tool, move.input), id: `recipe-${i}` }] };
      move = walk.next(
        seen.isError
          ? {
              ok: false,
              message: (typeof seen.output === 'string' ? seen.output : JSON.stringify(seen.output)).slice(
                0,
                300,
              ),
            }
          : { ok: true, data: seen.output },
      );
    }
    return {
      calls: [
        finish(
          move.type === 'done' ? move.summary : move.reason,
          move.evidence,
          move.type === 'done' ? 'done' : 'blocked',
        ),
      ],
    };
  };
  // A recipe asks no model: every turn costs zero tokens.
  return new PolicyModel(
    (view) => ({ ...(policy(view) as { calls: [] }), usage: { input: 0, output: 0 } }),
    steps.map((s) => s.recipe.id).join('+'),
    'recipe',
  );
}
