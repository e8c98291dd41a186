import type { PersonWorld } from '../person/index.js';

/** What the guard trusts: the person's own words and world, and the names of what can be bought. */
export interface TrustedContext {
  /** The person's request, word for word. */
  request: string;
  /** The person's contacts, groups, billers and saved addresses. */
  person: PersonWorld;
  /**
   * What can be bought, by id and name (dishes, products, restaurants), so an order line can be
   * checked against what the person asked for. Optional: without it the guard learns names from what
   * errand reads.
   */
  items?: { id: string; names: string[]; priceFen?: number }[];
}

/** Every string anywhere in a value. */
export function stringsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, into);
  return into;
}

/**
 * The ids a write's result names at its top level — the object it made (`id`, `order_id`) and what
 * that object links to directly (`payment_request_id`, `payee_account_id`, `payee`) — leaving out
 * any the call itself named. Nested values (the attendees of an event one answered, the members of a
 * group) and free text are other people's things, not this errand's creations.
 */
export function createdIds(input: unknown, output: unknown): string[] {
  if (!output || typeof output !== 'object' || Array.isArray(output)) return [];
  const given = stringsIn(input);
  const ids: string[] = [];
  for (const [key, value] of Object.entries(output as Record<string, unknown>)) {
    if (/^(id|payee|\w+_id)$/.test(key) && typeof value === 'string') ids.push(value);
    // The object a write returns whole ({ event: { id } }) is the thing it made.
    const inner =
      value && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>).id
        : undefined;
    if (typeof inner === 'string') ids.push(inner);
  }
  return ids.filter((value) => !given.has(value));
}

/** An amount the app reported as paid in its output (`paid`, `amount`, `total` as a Money value). */
export function reportedAmount(output: unknown): number | undefined {
  if (!output || typeof output !== 'object') return undefined;
  const obj = output as Record<string, unknown>;
  for (const key of ['paid', 'amount', 'total']) {
    const v = obj[key] as { amount?: unknown; currency?: unknown } | undefined;
    if (v && typeof v === 'object' && Number.isInteger(v.amount) && typeof v.currency === 'string')
      return v.amount as number;
  }
  return undefined;
}
