import type { z } from 'zod';

/** The parts of a zod schema's definition that say where keys and nested values live. */
interface SchemaDef {
  type: string;
  innerType?: unknown;
  in?: unknown;
  out?: unknown;
  options?: unknown[];
  shape?: Record<string, unknown>;
  valueType?: unknown;
  element?: unknown;
}

function defOf(schema: unknown): SchemaDef | undefined {
  return (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
}

/** The object schemas a value at `path` may be checked against: wrappers unwrapped, unions spread. */
function objectsAt(schema: unknown, path: readonly PropertyKey[]): SchemaDef[] {
  const def = defOf(schema);
  if (!def) return [];
  if (def.innerType) return objectsAt(def.innerType, path);
  if (def.type === 'pipe') return [...objectsAt(def.in, path), ...objectsAt(def.out, path)];
  if (def.type === 'union') return (def.options ?? []).flatMap((o) => objectsAt(o, path));
  if (path.length === 0) return def.type === 'object' ? [def] : [];
  const [head, ...rest] = path;
  if (def.type === 'object') return objectsAt(def.shape?.[String(head)], rest);
  if (def.type === 'record') return objectsAt(def.valueType, rest);
  if (def.type === 'array') return objectsAt(def.element, rest);
  return [];
}

/** The keys a schema knows for the object at `path` (empty when it cannot tell). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  return [...new Set(objectsAt(schema, path).flatMap((o) => Object.keys(o.shape ?? {})))];
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, '');
}

function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/**
 * The candidate a mistyped word most likely meant — the same but for case, `_` or `-`
 * (`budget_fen` → `budgetFen`), its start (`timeout` → `timeoutSeconds`), or a letter or two off
 * (`fod` → `food`) — or undefined.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const w = squash(word);
  if (!w) return undefined;
  const exact =
    candidates.find((c) => squash(c) === w) ??
    (w.length >= 4 ? candidates.find((c) => squash(c).startsWith(w)) : undefined);
  if (exact) return exact;
  let best: { candidate: string; d: number } | undefined;
  for (const candidate of candidates) {
    const d = distance(w, squash(candidate));
    if (d <= Math.max(1, Math.floor(w.length / 4)) && (!best || d < best.d)) best = { candidate, d };
  }
  return best?.candidate;
}

type Issue = z.core.$ZodIssue;

/**
 * The issues of the union branch the input most likely meant: not one that refused its shape outright
 * (`false` when an object was given), then the one with the fewest complaints; paths made whole.
 */
function flatten(issue: Issue, base: readonly PropertyKey[] = []): Issue[] {
  const path = [...base, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ ...issue, path }];
  const outright = (branch: Issue[]) =>
    branch.filter((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'))
      .length;
  const best = [...issue.errors].sort((a, b) => outright(a) - outright(b) || a.length - b.length)[0]!;
  return best.flatMap((i) => flatten(i, path));
}

/**
 * A one-line, readable account of what is wrong with an input, for people and models. Unknown keys
 * are named with their path; given the schema, each gets a did-you-mean when one is obvious.
 */
export function formatZodError(error: z.ZodError, schema?: z.ZodType): string {
  const at = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join('.') : 'input');
  return error.issues
    .flatMap((issue) => flatten(issue))
    .flatMap((issue) => {
      if (issue.code !== 'unrecognized_keys') return [`${at(issue.path)}: ${issue.message}`];
      const known = schema ? keysAt(schema, issue.path) : [];
      return issue.keys.map((key) => {
        const guess = didYouMean(key, known);
        return `${at([...issue.path, key])}: unknown key${guess ? ` (did you mean ${at([...issue.path, guess])}?)` : ''}`;
      });
    })
    .slice(0, 5)
    .join('; ');
}

/** JSON with object keys sorted and undefined left out: the same value always gives the same text. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
