// What one errand's requests weigh on the wire: every request body as the real OpenAI-compatible
// provider builds it, tokenized with o200k_base.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV3, LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { tokenizer } from '../src/models/tokens.js';

/** A request as it would go on the wire: the chat body's messages and tools. */
export interface WireRequest {
  messages: { role: string; content?: unknown; tool_call_id?: string }[];
  tools?: unknown[];
}

/** One errand's figures. */
export interface ErrandFigures {
  requests: number;
  /** Mean tokens of a request (messages and tool schemas). */
  meanRequestTokens: number;
  /** Tokens of the tool schemas on the first request, and their characters. */
  firstToolTokens: number;
  firstToolChars: number;
  /** Mean tokens of the tool schemas over all requests. */
  meanToolTokens: number;
  /** Tokens of each tool result the model was shown, once each. */
  observationTokens: number[];
  /** For each request after the first: the share of its tokens that is the previous request's prefix. */
  prefixShares: number[];
}

const tok = tokenizer('o200k');

/**
 * The tokens of a request in the order a chat template renders it (system message, tool schemas, then
 * the conversation: Qwen's and Hermes' templates put tools after the system text), one segment each so
 * a change in one segment does not shift the tokens of the others.
 */
function rendered(req: WireRequest): { tokens: number[]; toolTokens: number; toolChars: number } {
  const [first, ...rest] = req.messages;
  const tools = req.tools && req.tools.length > 0 ? JSON.stringify(req.tools) : '';
  const segments = [first ? JSON.stringify(first) : '', tools, ...rest.map((m) => JSON.stringify(m))];
  const tokens = segments.flatMap((s) => tok.encode(s));
  return { tokens, toolTokens: tok.count(tools), toolChars: tools.length };
}

function commonPrefix(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** Measures one errand's requests. */
export function figuresOf(requests: WireRequest[]): ErrandFigures {
  let prev: number[] | undefined;
  let total = 0;
  let toolTotal = 0;
  const seen = new Set<string>();
  const observationTokens: number[] = [];
  const prefixShares: number[] = [];
  let firstToolTokens = 0;
  let firstToolChars = 0;
  requests.forEach((req, i) => {
    const r = rendered(req);
    total += r.tokens.length;
    toolTotal += r.toolTokens;
    if (i === 0) {
      firstToolTokens = r.toolTokens;
      firstToolChars = r.toolChars;
    }
    if (prev) prefixShares.push(commonPrefix(prev, r.tokens) / r.tokens.length);
    prev = r.tokens;
    for (const m of req.messages) {
      if (m.role !== 'tool' || !m.tool_call_id || seen.has(m.tool_call_id)) continue;
      seen.add(m.tool_call_id);
      observationTokens.push(
        tok.count(typeof m.content === 'string' ? m.content : JSON.stringify(m.content)),
      );
    }
  });
  return {
    requests: requests.length,
    meanRequestTokens: requests.length ? total / requests.length : 0,
    firstToolTokens,
    firstToolChars,
    meanToolTokens: requests.length ? toolTotal / requests.length : 0,
    observationTokens,
    prefixShares,
  };
}

const COMPLETION = JSON.stringify({
  id: 'wire',
  object: 'chat.completion',
  created: 0,
  model: 'wire',
  choices: [{ index: 0, message: { role: 'assistant', content: '' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
});

/**
 * Wraps a model so that every call is also built into an OpenAI-compatible request body by the real
 * provider (its fetch answers locally and keeps the body); the wrapped model still decides the turn.
 */
export function tapWire(inner: LanguageModelV3, requests: WireRequest[]): LanguageModelV3 {
  const wire = createOpenAICompatible({
    name: 'wire',
    baseURL: 'http://wire.invalid/v1',
    fetch: async (_url, init) => {
      requests.push(JSON.parse(String(init?.body)) as WireRequest);
      return new Response(COMPLETION, { status: 200, headers: { 'content-type': 'application/json' } });
    },
  }).chatModel('wire');
  return {
    specificationVersion: 'v3',
    provider: inner.provider,
    modelId: inner.modelId,
    supportedUrls: {},
    async doGenerate(options: LanguageModelV3CallOptions) {
      await wire.doGenerate(options);
      return inner.doGenerate(options);
    },
    doStream: () => {
      throw new Error('the wire tap answers with doGenerate only');
    },
  };
}
