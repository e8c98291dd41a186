import { ErrandError } from '../errors.js';
import { call, finish, type ModelView, PolicyModel, type Turn } from '../models/scripted.js';
import type { Recipe } from './format.js';
import { fill, isEmpty, type Scope } from './template.js';

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

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

const ID_KEYS = ['order_id', 'transaction_id', 'message_id', 'id'];
/** Tools that only look: their results are not evidence that anything was done. */
const READ_VERBS = /^[a-z]+_(get|quote|search|list|route|read|find|view)_?/;

function evidenceOf(tool: string, output: unknown): { app: string; kind: string; id: string } | undefined {
  const obj = output as Record<string, unknown> | undefined;
  const inner = (obj?.event as Record<string, unknown> | undefined) ?? obj;
  const key = ID_KEYS.find((k) => typeof inner?.[k] === 'string');
  if (!key) return undefined;
  const [app, ...rest] = tool.split('_');
  return { app: app!, kind: rest.join('_'), id: inner![key] as string };
}

/**
 * Replays a recipe as a model that needs no model: each turn is the recipe's next tool call, with its
 * input filled from the parameters and earlier results. It goes through the same runner, guard and
 * journal as any model, and costs zero tokens.
 */
export function recipeModel(steps: { recipe: Recipe; params: Record<string, unknown> }[]): PolicyModel {
  const plans = steps.map((s) => ({ recipe: s.recipe, params: resolveParams(s.recipe, s.params) }));
  const policy = (view: ModelView): Turn => {
    const summaries: string[] = [];
    const evidence: { app: string; kind: string; id: string }[] = [];
    for (const [p, { recipe, params }] of plans.entries()) {
      const scope: Scope = { params, steps: {} };
      for (const [i, step] of recipe.steps.entries()) {
        const id = `recipe-${p}-${i}`;
        if ('check' in step) {
          if (step.when && isEmpty(fill(step.when, scope))) continue;
          const value = Number(fill(step.check, scope));
          const most = Number(fill(step.atMost, scope));
          if (!(value <= most))
            return { calls: [finish(String(fill(step.message, scope)), evidence, 'blocked')] };
          continue;
        }
        if ('call' in step && step.when && isEmpty(fill(step.when, scope))) continue;
        const seen = view.results.find((r) => r.callId === id);
        if (!seen) {
          const tool = 'call' in step ? step.call : step.find;
          return { calls: [{ ...call(tool, fill(step.input, scope)), id }] };
        }
        if (seen.isError) {
          const why = typeof seen.output === 'string' ? seen.output : JSON.stringify(seen.output);
          return { calls: [finish(`${recipe.title}: stopped — ${why.slice(0, 300)}`, evidence, 'blocked')] };
        }
        if ('find' in step) {
          const items = ((seen.output as Record<string, unknown>)?.[step.in] ?? []) as Record<
            string,
            unknown
          >[];
          const wanted = Object.entries(step.where).map(
            ([k, t]) => [k, String(fill(t, scope)).toLowerCase()] as const,
          );
          const found = items.filter((item) =>
            wanted.every(([k, v]) => String(item[k] ?? '').toLowerCase() === v),
          );
          if (found.length !== 1) {
            return {
              calls: [
                finish(
                  `${recipe.title}: found ${found.length} matches for ${wanted.map(([, v]) => v).join(' ')}, so it stopped.`,
                  evidence,
                  'blocked',
                ),
              ],
            };
          }
          scope.steps[step.as] = found[0]![step.pick];
          continue;
        }
        if (step.as) scope.steps[step.as] = seen.output;
        const e = evidenceOf(step.call, seen.output);
        if (e && !READ_VERBS.test(step.call)) evidence.push(e);
      }
      summaries.push(String(fill(recipe.outcome, scope)));
    }
    return { calls: [finish(summaries.join(' '), evidence, 'done')] };
  };
  // A recipe asks no model: every turn costs zero tokens.
  return new PolicyModel(
    (view) => ({ ...(policy(view) as { calls: [] }), usage: { input: 0, output: 0 } }),
    steps.map((s) => s.recipe.id).join('+'),
  );
}
