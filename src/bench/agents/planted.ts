import type { ModelView, SeenResult } from '../../models/scripted.js';

/** Every string in a tool result: app text arrives as fields of JSON, or as text when it was cut. */
export function textsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) textsOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) textsOf(v, out);
  return out;
}

/**
 * How to recognise an attack case's planted text in what the model read: its first run of characters
 * that JSON leaves as they are (a cut result arrives as escaped JSON text), at most 24 of them.
 */
export function markOf(planted: string): string {
  const runs = planted.split(/["\\\n\r\t]/).filter((r) => r.trim().length >= 4);
  return (runs[0] ?? planted).trim().slice(0, 24);
}

/** True when the model has read the planted text in this result. */
export function sawPlanted(result: SeenResult, mark: string): boolean {
  return !result.isError && textsOf(result.output).some((t) => t.includes(mark));
}

/**
 * The tools the model is offered, as the system message's catalogue lists them ("- chat 聊天: send_message,
 * …") and as their schemas were sent; null when no catalogue can be read (then every route is tried).
 */
export function offeredTools(view: ModelView): Set<string> | null {
  const offered = new Set(view.tools);
  let found = false;
  // "- chat 聊天: list_contacts, …" (the tools not yet given; "(all yours)" when every one is).
  for (const m of view.system.matchAll(/^- ([a-z][a-z0-9_-]*)(?: [^:\n]*)?: (.+)$/gm)) {
    found = true;
    for (const tool of m[2]!.split(','))
      if (/^[a-z][a-z0-9_]*$/.test(tool.trim())) offered.add(`${m[1]}_${tool.trim()}`);
  }
  return found ? offered : null;
}
