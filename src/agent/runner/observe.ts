import type { ErrorBody } from '../../errors.js';
import type { Tokenizer } from '../../models/tokens.js';
import { type LeanLang, leanText } from './lean.js';
import { receiptOf } from './receipt.js';

/**
 * The head of a text that fits a token budget, cut at a line end where one is near (a table row is
 * read whole or not at all), else inside the line.
 */
export function headWithin(
  text: string,
  budget: number,
  tok: Pick<Tokenizer, 'count' | 'encode' | 'decode'>,
): string {
  if (tok.count(text) <= budget) return text;
  let used = 0;
  let end = 0;
  for (const line of text.split('\n')) {
    const n = tok.count(`${line}\n`);
    if (used + n > budget) break;
    used += n;
    end += line.length + 1;
  }
  if (end > 0) return text.slice(0, end - 1);
  // One line longer than the whole budget: cut inside it, on a character boundary.
  const head = tok.decode(tok.encode(text).slice(0, Math.max(1, budget)));
  return text.slice(0, Math.max(1, head.replace(/\uFFFD+$/, '').length));
}

/** The full text of results that were cut or compacted, by handle, for `read_more`. */
export class ObservationStore {
  readonly #texts = new Map<string, string>();

  put(handle: string, text: string): void {
    this.#texts.set(handle, text);
  }

  /** A slice of a stored result within a token budget, from a character offset; undefined for an unknown handle. */
  read(handle: string, offset: number, budget: number, tok: Tokenizer): string | undefined {
    const text = this.#texts.get(handle);
    if (text === undefined) return undefined;
    const rest = text.slice(offset).replace(/^\n/, '');
    const start = text.length - rest.length;
    const slice = headWithin(rest, budget, tok);
    const left = rest.length - slice.length;
    return left > 0
      ? `${slice}\n[${left} more characters: read_more with handle "${handle}" and offset ${start + slice.length}]`
      : slice;
  }
}

/** App output as the model sees it: lean, fenced as untrusted data, cut to a budget with a handle to read on. */
export interface Observation {
  text: string;
  /** The app's whole answer as JSON text (what the guard inspects), before leaning, fencing and cutting. */
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

/**
 * Turns a tool's data or error into what the model sees: the lean form, cut to a budget of tokens
 * (whole lines) with a handle for `read_more`.
 */
export function observe(
  store: ObservationStore,
  options: {
    marker: string;
    source: string;
    handle: string;
    budget: number;
    tokenizer: Tokenizer;
    /** The person's language: of text an app gives in both, theirs is shown. */
    lang: LeanLang;
    /** The errand's UTC offset: times in it are shown as local times. */
    zone?: string;
    /** A write's arguments: its result is shown as a receipt, without echoing them (receipt.ts). */
    receiptFor?: unknown;
  },
  result: { ok: true; data: unknown } | { ok: false; error: ErrorBody },
): Observation {
  const body = result.ok
    ? typeof result.data === 'string'
      ? result.data
      : JSON.stringify(result.data)
    : `ERROR ${result.error.code}: ${result.error.message}`;
  const shown = result.ok
    ? leanText(
        options.receiptFor === undefined ? result.data : receiptOf(result.data, options.receiptFor),
        options.lang,
        options.zone,
      )
    : body;
  const head = headWithin(shown, options.budget, options.tokenizer);
  if (head.length === shown.length) {
    return { text: fence(options.marker, options.source, shown), body, truncated: false, handle: null };
  }
  store.put(options.handle, shown);
  const total = options.tokenizer.count(shown);
  const cut = `${head}\n[cut: about ${options.tokenizer.count(head)} of ${total} tokens shown; call read_more with handle "${options.handle}" and offset ${head.length} for the rest]`;
  return { text: fence(options.marker, options.source, cut), body, truncated: true, handle: options.handle };
}
