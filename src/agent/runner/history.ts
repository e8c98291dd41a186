import type {
  LanguageModelV3Content,
  LanguageModelV3Message,
  LanguageModelV3ToolResultOutput,
} from '@ai-sdk/provider';
import type { ProposedCall } from '../events.js';
import { type Tokenizer, tokenizer } from '../../models/tokens.js';
import type { ObservationStore } from './observe.js';

/** One tool result to add to the history. */
export interface ResultPart {
  callId: string;
  toolName: string;
  output: LanguageModelV3ToolResultOutput;
  /** The app's whole answer, when the output shows it in lean or cut form. */
  data?: unknown;
}

const KEEP_RECENT_TOOL_MESSAGES = 2;
/** Results shorter than this many tokens are never compacted: the summary would be as long. */
const COMPACT_BELOW = 100;

function outputText(output: LanguageModelV3ToolResultOutput): string {
  return 'value' in output && typeof output.value === 'string' ? output.value : JSON.stringify(output);
}

/** How many tokens a message puts in front of the model (its text, calls and results). */
function sizeOf(message: LanguageModelV3Message, tok: Tokenizer): number {
  if (typeof message.content === 'string') return tok.count(message.content);
  let n = 0;
  for (const part of message.content) {
    if (part.type === 'text' || part.type === 'reasoning') n += tok.count(part.text);
    else if (part.type === 'tool-call') n += tok.count(`${part.toolName}${JSON.stringify(part.input ?? {})}`);
    else if (part.type === 'tool-result') n += tok.count(`${part.toolName}${outputText(part.output)}`);
    else n += 100;
  }
  return n;
}

/**
 * The conversation the model sees after the system message. As it grows past a budget, older
 * app results are replaced by a short summary and a handle: compacted, never silently dropped.
 */
export class History {
  readonly messages: LanguageModelV3Message[] = [];
  #compactions = 0;
  /** Running size in tokens, kept as messages are added so each step does not re-measure the whole history. */
  #tokens = 0;
  readonly #tok: Tokenizer;

  private push(message: LanguageModelV3Message): void {
    this.messages.push(message);
    this.#tokens += sizeOf(message, this.#tok);
  }

  constructor(
    request: string,
    images: { mediaType: string; data: string }[] = [],
    tok: Tokenizer = tokenizer('o200k'),
  ) {
    this.#tok = tok;
    this.push({
      role: 'user',
      content: [
        { type: 'text', text: request },
        ...images.map((img) => ({ type: 'file' as const, mediaType: img.mediaType, data: img.data })),
      ],
    });
  }

  /**
   * Adds the model's reply as it will be sent back: its text and calls, and — when `sendBack` and the
   * reply called tools — its reasoning with the provider's metadata (signatures, encrypted items), in the
   * order the model gave them. A reply with nothing to send back (an empty reply) adds nothing: some
   * providers refuse an empty assistant message.
   */
  addAssistant(
    text: string,
    calls: ProposedCall[],
    reply: LanguageModelV3Content[] = [],
    sendBack = false,
  ): void {
    type Part = Exclude<Extract<LanguageModelV3Message, { role: 'assistant' }>['content'][number], string>;
    const content: Part[] = [];
    const textPart = text ? [{ type: 'text' as const, text }] : [];
    const byId = new Map(calls.map((c) => [c.callId, c]));
    const callPart = (c: ProposedCall, meta?: Record<string, unknown>): Part => ({
      type: 'tool-call',
      toolCallId: c.callId,
      toolName: c.tool,
      // A provider takes only an object as a call's input; the repair message quotes what was wrong.
      input: c.input !== null && typeof c.input === 'object' && !Array.isArray(c.input) ? c.input : {},
      ...(meta ? { providerOptions: meta as never } : {}),
    });
    const keepReasoning = sendBack && calls.length > 0;
    for (const part of reply) {
      if (part.type === 'reasoning' && keepReasoning) {
        content.push({
          type: 'reasoning',
          text: part.text,
          ...(part.providerMetadata ? { providerOptions: part.providerMetadata } : {}),
        });
      } else if (part.type === 'text') {
        content.push(...textPart.splice(0));
      } else if (part.type === 'tool-call' && byId.has(part.toolCallId)) {
        content.push(callPart(byId.get(part.toolCallId)!, part.providerMetadata));
        byId.delete(part.toolCallId);
      }
    }
    content.push(...textPart, ...[...byId.values()].map((c) => callPart(c)));
    if (content.length === 0) return;
    this.push({ role: 'assistant', content });
  }

  addToolResults(parts: ResultPart[]): void {
    if (parts.length === 0) return;
    this.push({
      role: 'tool',
      content: parts.map((p) => ({
        type: 'tool-result' as const,
        toolCallId: p.callId,
        toolName: p.toolName,
        output: p.output,
        // The app's whole answer, for scripted models in tests and the bench, which read data rather than
        // text. Providers read only their own key of providerOptions: this never goes on the wire.
        ...(p.data !== undefined ? { providerOptions: { errand: { data: p.data as never } } } : {}),
      })),
    });
  }

  addUser(text: string): void {
    this.push({ role: 'user', content: [{ type: 'text', text }] });
  }

  /** Size of the history in tokens. */
  tokens(): number {
    return this.#tokens;
  }

  /** Replaces older results with summaries until the history fits the budget; returns what it did. */
  compact(
    budget: number,
    store: ObservationStore,
  ): { observations: number; before: number; after: number } | null {
    const before = this.tokens();
    if (before <= budget) return null;
    const toolMessages = this.messages.filter((m) => m.role === 'tool');
    const older = toolMessages.slice(0, Math.max(0, toolMessages.length - KEEP_RECENT_TOOL_MESSAGES));
    let observations = 0;
    let total = before;
    for (const message of older) {
      if (message.role !== 'tool') continue;
      for (const part of message.content) {
        if (part.type !== 'tool-result' || total <= budget * 0.6) continue;
        const text = outputText(part.output);
        const size = this.#tok.count(text);
        if (size < COMPACT_BELOW || text.startsWith('[compacted')) continue;
        const handle = `c${++this.#compactions}`;
        store.put(handle, text);
        const summary = `[compacted: an earlier result of ${part.toolName}, ${size} tokens, began: ${text
          .slice(0, 160)
          .replace(/\s+/g, ' ')}… — read_more with handle "${handle}" for all of it]`;
        part.output = { type: 'text', value: summary };
        total -= size - this.#tok.count(summary);
        observations++;
      }
    }
    if (observations === 0) return null;
    this.#tokens = this.messages.reduce((n, m) => n + sizeOf(m, this.#tok), 0);
    return { observations, before, after: this.#tokens };
  }
}
