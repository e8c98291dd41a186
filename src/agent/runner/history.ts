import type { LanguageModelV3Message, LanguageModelV3ToolResultOutput } from '@ai-sdk/provider';
import type { ProposedCall } from '../events.js';
import type { ObservationStore } from './observe.js';

/** One tool result to add to the history. */
export interface ResultPart {
  callId: string;
  toolName: string;
  output: LanguageModelV3ToolResultOutput;
}

const KEEP_RECENT_TOOL_MESSAGES = 2;
const COMPACT_BELOW = 300;

function outputText(output: LanguageModelV3ToolResultOutput): string {
  return 'value' in output && typeof output.value === 'string' ? output.value : JSON.stringify(output);
}

/** Roughly how many characters a message puts in front of the model, without serialising it. */
function sizeOf(message: LanguageModelV3Message): number {
  if (typeof message.content === 'string') return message.content.length;
  let n = 0;
  for (const part of message.content) {
    if (part.type === 'text') n += part.text.length;
    else if (part.type === 'tool-call') n += part.toolName.length + JSON.stringify(part.input ?? {}).length;
    else if (part.type === 'tool-result') n += part.toolName.length + outputText(part.output).length;
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
  /** Running size, kept as messages are added so each step does not re-measure the whole history. */
  #chars = 0;

  private push(message: LanguageModelV3Message): void {
    this.messages.push(message);
    this.#chars += sizeOf(message);
  }

  constructor(request: string, images: { mediaType: string; data: string }[] = []) {
    this.push({
      role: 'user',
      content: [
        { type: 'text', text: request },
        ...images.map((img) => ({ type: 'file' as const, mediaType: img.mediaType, data: img.data })),
      ],
    });
  }

  addAssistant(text: string, calls: ProposedCall[]): void {
    this.push({
      role: 'assistant',
      content: [
        ...(text ? [{ type: 'text' as const, text }] : []),
        ...calls.map((c) => ({
          type: 'tool-call' as const,
          toolCallId: c.callId,
          toolName: c.tool,
          input: c.input,
        })),
      ],
    });
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
      })),
    });
  }

  addUser(text: string): void {
    this.push({ role: 'user', content: [{ type: 'text', text }] });
  }

  /** Rough size of the history in characters. */
  chars(): number {
    return this.#chars;
  }

  /** Replaces older results with summaries until the history fits the budget; returns what it did. */
  compact(
    budget: number,
    store: ObservationStore,
  ): { observations: number; before: number; after: number } | null {
    const before = this.chars();
    if (before <= budget) return null;
    const toolMessages = this.messages.filter((m) => m.role === 'tool');
    const older = toolMessages.slice(0, Math.max(0, toolMessages.length - KEEP_RECENT_TOOL_MESSAGES));
    let observations = 0;
    let size = before;
    for (const message of older) {
      if (message.role !== 'tool') continue;
      for (const part of message.content) {
        if (part.type !== 'tool-result' || size <= budget * 0.6) continue;
        const text = outputText(part.output);
        if (text.length < COMPACT_BELOW || text.startsWith('[compacted')) continue;
        const handle = `c${++this.#compactions}`;
        store.put(handle, text);
        const summary = `[compacted: an earlier result of ${part.toolName}, ${text.length} characters, began: ${text
          .slice(0, 160)
          .replace(/\s+/g, ' ')}… — read_more with handle "${handle}" for all of it]`;
        part.output = { type: 'text', value: summary };
        size -= text.length - summary.length;
        observations++;
      }
    }
    if (observations === 0) return null;
    this.#chars = this.messages.reduce((n, m) => n + sizeOf(m), 0);
    return { observations, before, after: this.#chars };
  }
}
