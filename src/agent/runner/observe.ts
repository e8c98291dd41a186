import type { ErrorBody } from '../../errors.js';

/** The full text of results that were cut or compacted, by handle, for `read_more`. */
export class ObservationStore {
  readonly #texts = new Map<string, string>();

  put(handle: string, text: string): void {
    this.#texts.set(handle, text);
  }

  /** A slice of a stored result, or undefined for an unknown handle. */
  read(handle: string, offset: number, budget: number): string | undefined {
    const text = this.#texts.get(handle);
    if (text === undefined) return undefined;
    const slice = text.slice(offset, offset + budget);
    const rest = text.length - offset - slice.length;
    return rest > 0
      ? `${slice}\n[${rest} more characters: read_more with handle "${handle}" and offset ${offset + slice.length}]`
      : slice;
  }
}

/** App output as the model sees it: fenced as untrusted data, cut to a budget with a handle to read on. */
export interface Observation {
  text: string;
  /** The app's whole answer as text, before fencing and cutting. */
  body: string;
  truncated: boolean;
  handle: string | null;
}

/** Fences app content with the errand's marker so the model can tell data from instructions. */
export function fence(marker: string, source: string, body: string): string {
  // App text cannot close the fence early: any marker-like text inside is defused.
  const safe = body.replaceAll('⟦', '[').replaceAll('⟧', ']');
  return `⟦data:${marker} from=${source}⟧\n${safe}\n⟦/data:${marker}⟧`;
}

/** Turns a tool's data or error into what the model sees. */
export function observe(
  store: ObservationStore,
  options: { marker: string; source: string; handle: string; budget: number },
  result: { ok: true; data: unknown } | { ok: false; error: ErrorBody },
): Observation {
  const body = result.ok
    ? typeof result.data === 'string'
      ? result.data
      : JSON.stringify(result.data)
    : `ERROR ${result.error.code}: ${result.error.message}`;
  if (body.length <= options.budget) {
    return { text: fence(options.marker, options.source, body), body, truncated: false, handle: null };
  }
  store.put(options.handle, body);
  const cut = `${body.slice(0, options.budget)}\n[cut: showing ${options.budget} of ${body.length} characters; call read_more with handle "${options.handle}" and offset ${options.budget} for more]`;
  return { text: fence(options.marker, options.source, cut), body, truncated: true, handle: options.handle };
}
