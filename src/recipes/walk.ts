import type { Recipe } from './format.js';
import { fill, isEmpty, type Scope } from './template.js';

/** What a recipe wants next: a tool call, or it is over. */
export type RecipeMove =
  | { type: 'call'; tool: string; input: Record<string, unknown> }
  | { type: 'done'; summary: string; evidence: { app: string; kind: string; id: string }[] }
  | { type: 'stop'; reason: string; evidence: { app: string; kind: string; id: string }[] };

/** What a call came back with. */
export type CallOutcome = { ok: true; data: unknown } | { ok: false; message: string };

const ID_KEYS = ['order_id', 'transaction_id', 'message_id', 'id'];
/** Tools that only look: their results are not evidence that anything was done. */
const READ_VERBS = /^[a-z]+_(get|quote|search|list|route|read|find|view)_?/;

function evidenceOf(tool: string, output: unknown): { app: string; kind: string; id: string } | undefined {
  if (READ_VERBS.test(tool)) return undefined;
  const obj = output as Record<string, unknown> | undefined;
  const inner = (obj?.event as Record<string, unknown> | undefined) ?? obj;
  const key = ID_KEYS.find((k) => typeof inner?.[k] === 'string');
  if (!key) return undefined;
  const [app, ...rest] = tool.split('_');
  return { app: app!, kind: rest.join('_'), id: inner![key] as string };
}

/**
 * Walks one or more recipes step by step: give it the outcome of the call it asked for, and it says
 * what to call next, with inputs filled from the parameters and earlier results.
 */
export class RecipeWalk {
  #plan = 0;
  #step = 0;
  #scope: Scope;
  readonly #summaries: string[] = [];
  readonly evidence: { app: string; kind: string; id: string }[] = [];
  #pending: { tool: string; kind: 'call' | 'find'; as?: string } | undefined;

  constructor(
    private readonly plans: { recipe: Recipe; params: Record<string, unknown> }[],
    /** The person's language: a Chinese request gets the Chinese summary. */
    private readonly lang: 'zh' | 'en' = 'en',
  ) {
    this.#scope = { params: plans[0]?.params ?? {}, steps: {} };
  }

  /** The next move, after the outcome of the last call (none for the first). */
  next(last?: CallOutcome): RecipeMove {
    if (this.#pending) {
      const pending = this.#pending;
      this.#pending = undefined;
      const step = this.plans[this.#plan]!.recipe.steps[this.#step - 1]!;
      if (!last?.ok) {
        return {
          type: 'stop',
          reason: `${this.plans[this.#plan]!.recipe.title}: stopped — ${last && !last.ok ? last.message : 'no result'}`,
          evidence: this.evidence,
        };
      }
      if (pending.kind === 'find' && 'find' in step) {
        const items = ((last.data as Record<string, unknown>)?.[step.in] ?? []) as Record<string, unknown>[];
        const wanted = Object.entries(step.where).map(
          ([k, t]) => [k, String(fill(t, this.#scope)).toLowerCase()] as const,
        );
        const found = Array.isArray(items)
          ? items.filter((item) => wanted.every(([k, v]) => String(item[k] ?? '').toLowerCase() === v))
          : [];
        if (found.length !== 1) {
          return {
            type: 'stop',
            reason: `found ${found.length} matches for ${wanted.map(([, v]) => v).join(' ')}, so it stopped`,
            evidence: this.evidence,
          };
        }
        this.#scope.steps[step.as] = found[0]![step.pick];
      } else {
        if (pending.as) this.#scope.steps[pending.as] = last.data;
        const e = evidenceOf(pending.tool, last.data);
        if (e) this.evidence.push(e);
      }
    }
    while (this.#plan < this.plans.length) {
      const { recipe } = this.plans[this.#plan]!;
      while (this.#step < recipe.steps.length) {
        const step = recipe.steps[this.#step++]!;
        if ('check' in step) {
          if (step.when && isEmpty(fill(step.when, this.#scope))) continue;
          const value = Number(fill(step.check, this.#scope));
          const most = Number(fill(step.atMost, this.#scope));
          if (!(value <= most))
            return { type: 'stop', reason: String(fill(step.message, this.#scope)), evidence: this.evidence };
          continue;
        }
        if ('call' in step) {
          if (step.when && isEmpty(fill(step.when, this.#scope))) continue;
          this.#pending = { tool: step.call, kind: 'call', as: step.as };
          return {
            type: 'call',
            tool: step.call,
            input: fill(step.input, this.#scope) as Record<string, unknown>,
          };
        }
        this.#pending = { tool: step.find, kind: 'find' };
        return {
          type: 'call',
          tool: step.find,
          input: fill(step.input, this.#scope) as Record<string, unknown>,
        };
      }
      const outcome = this.lang === 'zh' ? (recipe.outcomeZh ?? recipe.outcome) : recipe.outcome;
      this.#summaries.push(String(fill(outcome, this.#scope)));
      this.#plan++;
      this.#step = 0;
      this.#scope = { params: this.plans[this.#plan]?.params ?? {}, steps: {} };
    }
    return {
      type: 'done',
      summary: this.#summaries.join(this.lang === 'zh' ? '' : ' '),
      evidence: this.evidence,
    };
  }
}
