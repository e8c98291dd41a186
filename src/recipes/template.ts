/** Values a template can read: parameters by name, and earlier results under `steps`. */
export interface Scope {
  params: Record<string, unknown>;
  steps: Record<string, unknown>;
}

const WHOLE = /^\{\{\s*([\w.-]+)\s*\}\}$/;
const PART = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** Reads a dotted path: "budget_fen" (a parameter) or "steps.order.total.amount". */
export function lookup(path: string, scope: Scope): unknown {
  const [head, ...rest] = path.split('.');
  let value: unknown = head === 'steps' ? scope.steps : scope.params[head!];
  for (const key of head === 'steps' ? rest : rest)
    value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

/** Fills templates in a value: a whole "{{x}}" keeps x's type; "{{x}}" inside text is written in. */
export function fill(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) return lookup(whole[1]!, scope);
    return value.replace(PART, (_m, path: string) => {
      const v = lookup(path, scope);
      return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, scope));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const filled = fill(v, scope);
      if (filled !== undefined) out[k] = filled; // an absent optional parameter leaves the field out
    }
    return out;
  }
  return value;
}

/** True when a template gives nothing: undefined, null, '' or an empty list. */
export function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}
