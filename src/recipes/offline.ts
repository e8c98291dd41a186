import type { World } from '../world/index.js';
import { BUILTIN_RECIPES } from './builtin.js';
import type { Recipe } from './format.js';
import { buildCatalogue } from './matcher/catalogue.js';
import { matchRequest } from './matcher/match.js';

/** What errand will do with no model: recipes to run, or what it understood and what is missing. */
export type OfflinePlan =
  | {
      kind: 'run';
      steps: { recipe: Recipe; params: Record<string, unknown> }[];
      understood: string;
      confidence: number;
      budgetFen?: number;
    }
  | { kind: 'unsure'; understood: string; missing: string[]; confidence: number };

/** Lower-cases and drops spaces and punctuation, so the same request typed again matches. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * Plans an errand with no model: a learned recipe whose request was exactly this one runs as learned;
 * otherwise the offline matcher picks built-in recipes and reads their parameters from the request.
 */
export function planOffline(request: string, world: World, learned: Recipe[] = []): OfflinePlan {
  const same = learned.find(
    (r) => r.source.kind === 'learned' && normalise(r.source.request) === normalise(request),
  );
  if (same)
    return {
      kind: 'run',
      steps: [{ recipe: same, params: {} }],
      understood: `the recipe ${same.id}, learned from this same request`,
      confidence: 1,
    };
  const match = matchRequest(request, buildCatalogue(world));
  if (match.kind === 'unsure')
    return {
      kind: 'unsure',
      understood: match.understood,
      missing: match.missing,
      confidence: match.confidence,
    };
  const steps = match.steps.map((s) => ({
    recipe: BUILTIN_RECIPES.find((r) => r.id === s.recipe)!,
    params: s.params as Record<string, unknown>,
  }));
  const budgets = steps.map((s) => s.params.budget_fen).filter((b): b is number => typeof b === 'number');
  return {
    kind: 'run',
    steps,
    understood: match.understood,
    confidence: match.confidence,
    ...(budgets.length ? { budgetFen: Math.min(...budgets) } : {}),
  };
}
