import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';

/** A streamed reply read to its end, in the shape of a generated one. */
export interface Collected {
  content: LanguageModelV3Content[];
  usage: LanguageModelV3Usage;
}

const NO_USAGE: LanguageModelV3Usage = {
  inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

/**
 * Calls a model streamed and reads the whole reply: for a provider that serves a mode only streamed
 * (DashScope's Qwen thinking). Reasoning, text and tool calls come out in the order they began, as a
 * generated reply would have them; a stream that reports an error fails the call like any provider error.
 */
export async function collectStream(
  model: LanguageModelV3,
  options: LanguageModelV3CallOptions,
): Promise<Collected> {
  const { stream } = await model.doStream(options);
  const content: LanguageModelV3Content[] = [];
  const open = new Map<string, { type: 'text' | 'reasoning'; text: string }>();
  let usage = NO_USAGE;
  const reader = stream.getReader();
  for (;;) {
    const { done, value: part } = await reader.read();
    if (done) break;
    switch (part.type) {
      case 'text-start':
      case 'reasoning-start': {
        const kind = part.type === 'text-start' ? 'text' : 'reasoning';
        const item: { type: 'text' | 'reasoning'; text: string } = { type: kind, text: '' };
        open.set(`${kind}:${part.id}`, item);
        content.push(item as LanguageModelV3Content);
        break;
      }
      case 'text-delta':
      case 'reasoning-delta': {
        const kind = part.type === 'text-delta' ? 'text' : 'reasoning';
        let item = open.get(`${kind}:${part.id}`);
        if (!item) {
          item = { type: kind, text: '' };
          open.set(`${kind}:${part.id}`, item);
          content.push(item as LanguageModelV3Content);
        }
        item.text += part.delta;
        break;
      }
      case 'tool-call':
        content.push({
          type: 'tool-call',
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          input: part.input,
        });
        break;
      case 'finish':
        usage = part.usage;
        break;
      case 'error':
        throw part.error;
      default:
        break;
    }
  }
  return { content, usage };
}
