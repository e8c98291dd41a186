import type { MacroTool } from '../agent/toolset.js';
import type { Recipe } from './format.js';
import { resolveParams } from './replay.js';
import { RecipeWalk } from './walk.js';

const JSON_TYPES: Record<Recipe['params'][string]['type'], Record<string, unknown>> = {
  string: { type: 'string' },
  integer: { type: 'integer', minimum: 0 },
  fen: { type: 'integer', minimum: 0, description: 'fen (1 yuan = 100 fen)' },
  time: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}' },
  id: { type: 'string' },
  ids: { type: 'array', items: { type: 'string' } },
  lines: {
    type: 'array',
    minItems: 1,
    items: { type: 'object', description: 'One line, such as {"dish_id": "d_…", "quantity": 1}.' },
  },
};

/**
 * Recipes offered to a model as tools: one call runs the whole recipe (each of its calls still goes
 * through the guard), so a known errand costs one short model turn instead of many. `suggested`
 * carries the parameters the offline matcher read from the request, shown to the model as a hint.
 */
export function recipeTools(
  recipes: { recipe: Recipe; suggested?: Record<string, unknown> }[],
): Omit<MacroTool, 'validate'>[] {
  // A request may use one recipe twice (accept one invitation, decline another): one tool, every reading.
  const byId = new Map<string, { recipe: Recipe; suggested: Record<string, unknown>[] }>();
  for (const { recipe, suggested } of recipes) {
    const entry = byId.get(recipe.id) ?? { recipe, suggested: [] };
    if (suggested) entry.suggested.push(suggested);
    byId.set(recipe.id, entry);
  }
  return [...byId.values()].map(({ recipe, suggested }) => ({
    kind: 'macro' as const,
    name: `recipe_${recipe.id.replace(/[^a-zA-Z0-9_]/g, '_')}`.slice(0, 64),
    description: `${recipe.title}. ${recipe.description}${suggested.length ? ` errand's offline reader suggests, from the request: ${suggested.map((s) => JSON.stringify(s)).join('; then ')} — check these, and write any message text as the person would say it.` : ''}`,
    schema: {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries(recipe.params).map(([name, p]) => [
          name,
          { ...JSON_TYPES[p.type], description: p.description },
        ]),
      ),
      required: Object.entries(recipe.params)
        .filter(([, p]) => !p.optional && p.default === undefined)
        .map(([name]) => name),
      additionalProperties: false,
    },
    start: (input: Record<string, unknown>) => {
      let walk: RecipeWalk;
      try {
        walk = new RecipeWalk([{ recipe, params: resolveParams(recipe, input) }]);
      } catch (err) {
        const reason = (err as Error).message;
        return { next: () => ({ type: 'stop' as const, reason }) };
      }
      return {
        next: (last?: { ok: true; data: unknown } | { ok: false; message: string }) => {
          const move = walk.next(last);
          return move.type === 'call'
            ? move
            : move.type === 'done'
              ? { type: 'done' as const, summary: move.summary, evidence: move.evidence }
              : { type: 'stop' as const, reason: move.reason };
        },
      };
    },
  }));
}
