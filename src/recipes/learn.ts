import type { JournalEvent } from '../agent/events.js';
import { ErrandError } from '../errors.js';
import type { IntentSet } from '../guard/index.js';
import { mentions } from '../person/index.js';
import { amountsIn } from './matcher/amounts.js';
import type { Effect } from '../world/tool.js';
import type { Recipe, RecipeStep } from './format.js';

/** One action the errand did, as the journal recorded it. */
interface Done {
  tool: string;
  input: Record<string, unknown>;
  effect: Effect;
  output: unknown;
}

/** A learned recipe: always the whole errand (learning refuses rather than leave a part out). */
export interface Learned {
  recipe: Recipe;
}

const NAME_FIELDS = ['name_zh', 'name_en', 'nickname', 'name', 'title', 'label', 'label_zh', 'label_en'];
const ID_LIKE = /^[a-z][a-z0-9]*_[\w-]+$/i;

/** Every place a value stands in an output: [path, ...]. */
function pathsOf(output: unknown, value: unknown, path: string[] = [], out: string[][] = []): string[][] {
  if (output === value) out.push(path);
  else if (Array.isArray(output)) {
    for (const [i, v] of output.entries()) pathsOf(v, value, [...path, String(i)], out);
  } else if (output && typeof output === 'object')
    for (const [k, v] of Object.entries(output)) pathsOf(v, value, [...path, k], out);
  return out;
}

function actionsOf(events: JournalEvent[]): { request: string; done: Done[] } {
  const start = events.find((e) => e.type === 'task.started');
  const end = events.find((e) => e.type === 'task.finished');
  if (start?.type !== 'task.started')
    throw new ErrandError('NOT_FOUND', 'That errand has no start in the journal.');
  if (end?.type !== 'task.finished' || end.outcome !== 'done') {
    throw new ErrandError('CONFLICT', 'Only an errand that finished with its need met can be learned from.');
  }
  // Recipes look things up outside the journal (the offline matcher reads the world), so their errands
  // hold ids with no lookup to learn from; and they already run again with no model.
  if (start.task.model.startsWith('recipe:')) {
    throw new ErrandError(
      'CONFLICT',
      `That errand was run by errand's recipes (${start.task.model.slice('recipe:'.length)}), not by a model: the same request already runs again with no model, so there is nothing new to learn. Nothing was saved.`,
    );
  }
  const proposed = new Map<string, Extract<JournalEvent, { type: 'action.proposed' }>>();
  const done: Done[] = [];
  for (const e of events) {
    if (e.type === 'action.proposed') proposed.set(e.callId, e);
    if (e.type === 'action.finished') {
      const p = proposed.get(e.callId);
      if (p)
        done.push({
          tool: p.tool,
          input: p.input as Record<string, unknown>,
          effect: p.effect,
          output: e.output,
        });
    }
  }
  return { request: start.task.request, done };
}

/**
 * Turns a successful errand's journal into a recipe. Values the person gave in the request become
 * parameters (with the original as default); ids the errand found by name become lookups by that name;
 * values created by earlier steps stay bound to them. A write carrying anything else — an id or amount
 * that came only from app content — is not called for by the request, so an instruction planted in
 * an app cannot be learned. A recipe is learned whole or not at all: when any action cannot be bound,
 * learning refuses with the reason rather than keep a recipe that would do only part of the errand.
 */
export function learnRecipe(
  events: JournalEvent[],
  errandId: string,
  id: string,
  trusted: { people: { id: string; names: string[] }[] } = { people: [] },
): Learned {
  const { request, done } = actionsOf(events);
  const steps: RecipeStep[] = [];
  const params: Recipe['params'] = {};
  const leftOut: string[] = [];
  const kept: { name: string; output: unknown }[] = [];
  const requestAmounts = new Set(amountsIn(request));
  const finds = new Map<string, string>();
  /** Ids already found by name, so later lookups and calls use the lookup, not the frozen id. */
  const foundValues = new Map<unknown, string>();

  const param = (base: string, type: Recipe['params'][string]['type'], value: unknown): string => {
    const same = Object.entries(params).find(([, p]) => p.default === value && p.type === type);
    if (same) return same[0];
    let name = base.replace(/[^a-z0-9_]/gi, '_').toLowerCase() || 'value';
    for (let i = 2; params[name] && params[name]!.default !== value; i++) name = `${base}_${i}`;
    params[name] = {
      type,
      description: `From the request (“${String(value)}” last time).`,
      optional: false,
      default: value,
    };
    return name;
  };

  /** Finds a read whose listed item has this id and a name the request mentions: a lookup by name. */
  const lookupFor = (value: string, key: string): string | undefined => {
    for (const read of done.filter((d) => d.effect.kind === 'read')) {
      for (const [listKey, list] of Object.entries((read.output ?? {}) as Record<string, unknown>)) {
        if (!Array.isArray(list)) continue;
        for (const item of list as Record<string, unknown>[]) {
          const pick = Object.keys(item).find((k) => item[k] === value);
          const nameField = NAME_FIELDS.find(
            (f) => typeof item[f] === 'string' && mentions(request, item[f] as string),
          );
          if (!pick || !nameField) continue;
          const cacheKey = `${read.tool}:${listKey}:${nameField}:${item[nameField]}`;
          let as = finds.get(cacheKey);
          if (!as) {
            as = `found_${finds.size + 1}`;
            finds.set(cacheKey, as);
            const name = param(`${key.replace(/(_ids?|_account_id)$/, '')}_name`, 'string', item[nameField]);
            steps.push({
              find: read.tool,
              input: bindReadInput(read.input),
              in: listKey,
              where: { [nameField]: `{{${name}}}` },
              pick,
              as,
            });
            foundValues.set(value, as);
          }
          return `{{steps.${as}}}`;
        }
      }
    }
    return undefined;
  };

  const bindReadInput = (input: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(input).map(([k, v]) => {
        if (foundValues.has(v)) return [k, `{{steps.${foundValues.get(v)}}}`];
        return [
          k,
          typeof v === 'string' && v.length >= 2 && request.includes(v) ? `{{${param(k, 'string', v)}}}` : v,
        ];
      }),
    );

  /** Binds one value; undefined when it came from nowhere the person or this errand vouches for. */
  const bind = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) {
      const items = value.map((v) => bind(v, key));
      const dropped = items.filter((v) => v === undefined).length;
      if (dropped) leftOut.push(`${dropped} item(s) of ${key} not named in the request`);
      const keptItems = items.filter((v) => v !== undefined);
      return keptItems.length ? keptItems : undefined;
    }
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const b = bind(v, k);
        if (b === undefined) return undefined;
        out[k] = b;
      }
      return out;
    }
    if (foundValues.has(value)) return `{{steps.${foundValues.get(value)}}}`;
    for (const earlier of kept) {
      const path = pathsOf(earlier.output, value)[0];
      if (path && value !== null && value !== '' && typeof value !== 'boolean')
        return `{{steps.${earlier.name}.${path.join('.')}}}`;
    }
    if (typeof value === 'number') {
      if (requestAmounts.has(value) && /fen|amount|budget/.test(key))
        return `{{${param(key, 'fen', value)}}}`;
      return /fen|amount/.test(key) ? undefined : value;
    }
    if (typeof value === 'string') {
      if (value.length >= 2 && request.includes(value)) return `{{${param(key, 'string', value)}}}`;
      if (ID_LIKE.test(value)) {
        const found = lookupFor(value, key);
        if (found) return found;
        // Someone the person named, known from their own contacts: a parameter, defaulting to them.
        const person = trusted.people.find(
          (p) => p.id === value && p.names.some((n) => mentions(request, n)),
        );
        if (person) return `{{${param(key, 'id', value)}}}`;
        return undefined;
      }
    }
    return value;
  };

  done.forEach((action, i) => {
    if (action.effect.kind === 'read') return;
    const input = bind(action.input, action.tool);
    if (input === undefined) {
      leftOut.push(`${action.tool}: it used a value the request did not give (from app content, or made up)`);
      return;
    }
    const name = `s${i + 1}`;
    steps.push({ call: action.tool, input: input as Record<string, unknown>, as: name });
    kept.push({ name, output: action.output });
  });
  if (leftOut.length) {
    throw new ErrandError(
      'CONFLICT',
      `errand learns a recipe only whole, and part of that errand cannot be learned: ${leftOut.join('; ')}. Nothing was saved: learn from a run of this request that does only what it asks, finding each thing by a name the request gives.`,
    );
  }
  if (!steps.some((s) => 'call' in s)) {
    throw new ErrandError(
      'CONFLICT',
      'Nothing in that errand can be learned: it changed nothing. Nothing was saved.',
    );
  }
  return {
    recipe: {
      id,
      title: request.length > 60 ? `${request.slice(0, 59)}…` : request,
      description: `Learned from errand ${errandId}: ${request}`,
      params,
      steps,
      outcome: 'Done again as learned.',
      source: {
        kind: 'learned',
        errandId,
        request,
        ...(intentsOf(events) ? { intents: intentsOf(events) } : {}),
      },
    },
  };
}

/** What the person asked for in the errand learned from: what the recipe is allowed when it runs again. */
function intentsOf(events: JournalEvent[]): IntentSet | undefined {
  const derived = events.findLast((e) => e.type === 'intents.derived');
  return derived?.type === 'intents.derived' ? derived.intents : undefined;
}
