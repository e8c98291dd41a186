import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../src/agent/events.js';
import { resolveModel } from '../src/models/registry.js';
import { countTokens } from '../src/models/tokens.js';
import {
  anthropicThinkingRecording,
  deepseekReasonerRecording,
  encryptedReasoning,
  openAiResponsesRecording,
  qwenThinkingStream,
  REASONING_TURNS,
  REASONING_USAGE,
  REDACTED_THINKING,
  thinkingSignature,
} from './fixtures/reasoning-recordings.js';
import { runInProcess } from './support/agent.js';
import { type ReplayServer, startReplayServer } from './support/replay-server.js';

/**
 * Reasoning models in a multi-step tool loop, replayed over real HTTP from recorded replies. What errand
 * sends is checked against each provider's documented rules for reasoning and tool use, and the usage,
 * cost and energy against the recording and the providers' list prices.
 */
const servers: ReplayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function replay(
  recording: { body?: unknown; events?: unknown[] }[],
  env: Record<string, string>,
  baseEnv: string,
) {
  const server = await startReplayServer(recording);
  servers.push(server);
  return { server, env: { ...env, [baseEnv]: `${server.url}/v1` } };
}

/** Usage priced by hand from a list price (USD per million tokens): reasoning is billed as output. */
function listCost(price: { input: number; cached: number; output: number }): number {
  return REASONING_TURNS.reduce(
    (usd, t) =>
      usd +
      ((t.usage[0] - t.usage[2]) * price.input + t.usage[2] * price.cached + t.usage[1] * price.output) / 1e6,
    0,
  );
}

function responded(events: JournalEvent[]) {
  return events.filter((e) => e.type === 'model.responded' && e.step > 0) as Extract<
    JournalEvent,
    { type: 'model.responded' }
  >[];
}

function requested(events: JournalEvent[]) {
  return events.filter((e) => e.type === 'model.requested') as Extract<
    JournalEvent,
    { type: 'model.requested' }
  >[];
}

/** Sampling parameters a reasoning model does not take (they are ignored or refused). */
const SAMPLING = [
  'temperature',
  'top_p',
  'top_k',
  'presence_penalty',
  'frequency_penalty',
  'logprobs',
  'top_logprobs',
];

describe('deepseek-reasoner (DeepSeek thinking mode)', () => {
  async function run(options: { keepReasoning?: boolean } = {}) {
    const { server, env } = await replay(
      deepseekReasonerRecording(),
      { DEEPSEEK_API_KEY: 'k' },
      'DEEPSEEK_BASE_URL',
    );
    // deepseek-chat asked to think is DeepSeek's reasoner model.
    const model = resolveModel('deepseek:deepseek-chat', env, { reasoning: 'high' });
    const result = await runInProcess(model.model, '给王芳转20元', { model, ...options });
    return { server, model, ...result };
  }

  it('sends what DeepSeek documents for thinking with tool calls, and counts the reasoning', async () => {
    const { server, model, report, journal, errandId, world } = await run();
    expect(model.ref).toBe('deepseek:deepseek-reasoner');
    expect(report).toMatchObject({ status: 'finished', outcome: 'done' });
    expect(server.requests).toHaveLength(3);
    for (const [n, { path, body }] of server.requests.entries()) {
      expect(path).toBe('/v1/chat/completions');
      // Thinking mode is the reasoner model; it takes none of the sampling parameters.
      expect(body.model).toBe('deepseek-reasoner');
      for (const p of SAMPLING) expect(body, p).not.toHaveProperty(p);
      // max_tokens counts the chain of thought too (DeepSeek: default 32K, at most 64K).
      expect(body.max_tokens).toBeGreaterThan(4096);
      expect(body.max_tokens).toBeLessThanOrEqual(65_536);
      // reasoning_content travels only on assistant messages.
      for (const m of body.messages)
        if (m.role !== 'assistant') expect(m, `${m.role} message`).not.toHaveProperty('reasoning_content');
      // "Between two user messages, if the model performed a tool call, the assistant's reasoning_content
      // must be passed back to the API in all subsequent requests" — verbatim, with its tool calls.
      const assistants = body.messages.filter((m: any) => m.role === 'assistant');
      expect(assistants).toHaveLength(n);
      assistants.forEach((m: any, i: number) => {
        expect(m.tool_calls.map((c: any) => c.id)).toEqual(REASONING_TURNS[i]!.calls.map((c) => c.id));
        expect(m.reasoning_content).toBe(REASONING_TURNS[i]!.thinking);
      });
      // Every tool call is answered, by id, before anything else is said.
      body.messages.forEach((m: any, i: number) => {
        if (m.role !== 'assistant') return;
        const answers = body.messages.slice(i + 1, i + 1 + m.tool_calls.length);
        expect(answers.map((a: any) => [a.role, a.tool_call_id])).toEqual(
          m.tool_calls.map((c: any) => ['tool', c.id]),
        );
      });
    }
    // Usage: reasoning tokens per step in the journal, in the totals, priced as output.
    const steps = responded(journal.events(errandId));
    expect(steps.map((e) => e.usage.reasoningTokens)).toEqual(REASONING_TURNS.map((t) => t.reasoning));
    expect(steps.every((e) => e.reasoning === undefined)).toBe(true);
    expect(requested(journal.events(errandId)).every((e) => e.reasoning === 'high')).toBe(true);
    expect(report.usage).toMatchObject({
      inputTokens: REASONING_USAGE.input,
      outputTokens: REASONING_USAGE.output,
      cachedInputTokens: REASONING_USAGE.cached,
      reasoningTokens: REASONING_USAGE.reasoning,
    });
    // deepseek-reasoner's list price: $0.55 in, $0.14 cached, $2.19 out per million tokens.
    expect(report.usage.costUsd).toBeCloseTo(listCost({ input: 0.55, cached: 0.14, output: 2.19 }), 10);
    // Energy counts every output token, reasoning included (large model: 0.5 Wh per 1,000 output tokens).
    expect(report.usage.energyWh).toBeCloseTo(
      (REASONING_USAGE.output * 0.5) / 1000 + (REASONING_USAGE.input * 0.5 * 0.1) / 1000,
      10,
    );
    world.close();
  });

  it('keeps what the model thought in the journal only when the config says so', async () => {
    const { journal, errandId, world } = await run({ keepReasoning: true });
    expect(responded(journal.events(errandId)).map((e) => e.reasoning)).toEqual(
      REASONING_TURNS.map((t) => t.thinking),
    );
    world.close();
  });
});

describe('o4-mini (OpenAI Responses API, reasoning items)', () => {
  it('passes each reasoning item back with the function call it led to, and counts the reasoning', async () => {
    const { server, env } = await replay(
      openAiResponsesRecording('o4-mini'),
      { OPENAI_API_KEY: 'k' },
      'OPENAI_BASE_URL',
    );
    const model = resolveModel('openai:o4-mini', env, { reasoning: 'medium' });
    const { report, journal, errandId, world } = await runInProcess(model.model, '给王芳转20元', { model });
    expect(report).toMatchObject({ status: 'finished', outcome: 'done' });
    expect(server.requests).toHaveLength(3);
    for (const [n, { path, body }] of server.requests.entries()) {
      expect(path).toBe('/v1/responses');
      expect(body.model).toBe('o4-mini');
      expect(body.reasoning).toMatchObject({ effort: 'medium' });
      for (const p of SAMPLING) expect(body, p).not.toHaveProperty(p);
      // Nothing is stored at OpenAI, so reasoning must come back encrypted to be replayed.
      expect(body.store).toBe(false);
      expect(body.include).toContain('reasoning.encrypted_content');
      // Reasoning models take instructions as a developer message.
      expect(body.input[0].role).toBe('developer');
      // Reasoning counts against max_output_tokens: room is left for it.
      expect(body.max_output_tokens).toBeGreaterThan(2048);
      const items = body.input.filter((i: any) => i.type === 'reasoning' || i.type === 'function_call');
      // Each earlier turn: its reasoning item (same id, same encrypted content), then its function calls.
      const expected = REASONING_TURNS.slice(0, n).flatMap((t, i) => [
        ['reasoning', `rs_${i}`, encryptedReasoning(i)],
        ...t.calls.map((c) => ['function_call', c.id, c.name]),
      ]);
      expect(
        items.map((i: any) =>
          i.type === 'reasoning' ? [i.type, i.id, i.encrypted_content] : [i.type, i.call_id, i.name],
        ),
      ).toEqual(expected);
      // A reasoning item is followed by the output it led to (the turn's message or function call), never
      // by a tool output or a new input: OpenAI refuses a reasoning item "without its required following item".
      body.input.forEach((item: any, i: number) => {
        if (item.type !== 'reasoning') return;
        const next = body.input[i + 1];
        expect(next?.type === 'function_call' || next?.role === 'assistant', JSON.stringify(next)).toBe(true);
      });
      // Every function call has its output, by call_id, after it.
      for (const call of body.input.filter((i: any) => i.type === 'function_call')) {
        const at = body.input.indexOf(call);
        expect(
          body.input.findIndex((i: any) => i.type === 'function_call_output' && i.call_id === call.call_id),
        ).toBeGreaterThan(at);
      }
    }
    const steps = responded(journal.events(errandId));
    expect(steps.map((e) => e.usage.reasoningTokens)).toEqual(REASONING_TURNS.map((t) => t.reasoning));
    expect(report.usage).toMatchObject({
      inputTokens: REASONING_USAGE.input,
      outputTokens: REASONING_USAGE.output,
      cachedInputTokens: REASONING_USAGE.cached,
      reasoningTokens: REASONING_USAGE.reasoning,
    });
    // o4-mini's list price: $1.10 in, $0.275 cached, $4.40 out per million tokens.
    expect(report.usage.costUsd).toBeCloseTo(listCost({ input: 1.1, cached: 0.275, output: 4.4 }), 10);
    world.close();
  });
});

describe('Claude with extended thinking', () => {
  it('sends thinking blocks back with their signatures during tool use, and counts the thinking', async () => {
    const { server, env } = await replay(
      anthropicThinkingRecording('claude-sonnet-4-5'),
      { ANTHROPIC_API_KEY: 'k' },
      'ANTHROPIC_BASE_URL',
    );
    const model = resolveModel('anthropic:claude-sonnet-4-5', env, { reasoning: 'medium' });
    const { report, journal, errandId, world } = await runInProcess(model.model, '给王芳转20元', { model });
    expect(report).toMatchObject({ status: 'finished', outcome: 'done' });
    expect(server.requests).toHaveLength(3);
    for (const [n, { path, body }] of server.requests.entries()) {
      expect(path).toBe('/v1/messages');
      // Thinking: enabled with a budget of at least 1,024 tokens, below max_tokens.
      expect(body.thinking.type).toBe('enabled');
      expect(body.thinking.budget_tokens).toBeGreaterThanOrEqual(1024);
      expect(body.max_tokens).toBeGreaterThan(body.thinking.budget_tokens);
      // Thinking is incompatible with temperature, top_k, top_p and forced tool use.
      for (const p of SAMPLING) expect(body, p).not.toHaveProperty(p);
      expect(body.tool_choice === undefined || body.tool_choice.type === 'auto').toBe(true);
      const assistants = body.messages.filter((m: any) => m.role === 'assistant');
      expect(assistants).toHaveLength(n);
      assistants.forEach((m: any, i: number) => {
        // During tool use, the thinking blocks go back unmodified (text and signature; redacted data as
        // given), first in the assistant message, before its text and tool use.
        const thinking = m.content.filter(
          (b: any) => b.type === 'thinking' || b.type === 'redacted_thinking',
        );
        expect(m.content.slice(0, thinking.length)).toEqual(thinking);
        expect(
          thinking.map((b: any) => (b.type === 'thinking' ? [b.thinking, b.signature] : [b.data])),
        ).toEqual([
          [REASONING_TURNS[i]!.thinking, thinkingSignature(i)],
          ...(i === 1 ? [[REDACTED_THINKING]] : []),
        ]);
        // Thinking blocks cannot be cache breakpoints.
        for (const b of thinking) expect(b).not.toHaveProperty('cache_control');
        // Every tool use is answered in the next message.
        const next = body.messages[body.messages.indexOf(m) + 1];
        const uses = m.content.filter((b: any) => b.type === 'tool_use').map((b: any) => b.id);
        expect(uses).toEqual(REASONING_TURNS[i]!.calls.map((c) => `toolu_${c.id}`));
        expect(next.role).toBe('user');
        expect(
          next.content.filter((b: any) => b.type === 'tool_result').map((b: any) => b.tool_use_id),
        ).toEqual(uses);
      });
    }
    // Anthropic bills thinking inside output_tokens without saying how much: errand counts the thinking it
    // was shown (the redacted part cannot be counted), within the output.
    const steps = responded(journal.events(errandId));
    expect(steps.map((e) => e.usage.reasoningTokens)).toEqual(
      REASONING_TURNS.map((t) => countTokens(t.thinking)),
    );
    for (const [i, e] of steps.entries())
      expect(e.usage.reasoningTokens).toBeLessThanOrEqual(REASONING_TURNS[i]!.usage[1]);
    expect(report.usage).toMatchObject({
      inputTokens: REASONING_USAGE.input,
      outputTokens: REASONING_USAGE.output,
      cachedInputTokens: REASONING_USAGE.cached,
    });
    // claude-sonnet-4-5's list price: $3 in, $0.30 cache reads, $15 out per million tokens.
    expect(report.usage.costUsd).toBeCloseTo(listCost({ input: 3, cached: 0.3, output: 15 }), 10);
    world.close();
  });
});

describe('Qwen thinking on DashScope (served only streamed)', () => {
  it('switches thinking on in the body, reads the streamed reply whole, and counts the reasoning', async () => {
    const { server, env } = await replay(
      qwenThinkingStream('qwen-plus'),
      { DASHSCOPE_API_KEY: 'k' },
      'QWEN_BASE_URL',
    );
    const model = resolveModel('qwen:qwen-plus', env, { reasoning: 'medium' });
    const { report, journal, errandId, world } = await runInProcess(model.model, '给王芳转20元', { model });
    expect(report).toMatchObject({ status: 'finished', outcome: 'done' });
    expect(server.requests).toHaveLength(3);
    for (const [n, { body }] of server.requests.entries()) {
      // enable_thinking is not an OpenAI parameter: it goes in the body beside them, with the budget.
      expect(body).toMatchObject({ model: 'qwen-plus', enable_thinking: true, thinking_budget: 4096 });
      // DashScope's thinking mode answers only streamed; the usage comes in the last chunk when asked for.
      expect(body.stream).toBe(true);
      expect(body.stream_options).toEqual({ include_usage: true });
      // Qwen's reasoning is not part of the context: it is never sent back.
      expect(JSON.stringify(body.messages)).not.toContain('reasoning_content');
      const assistants = body.messages.filter((m: any) => m.role === 'assistant');
      expect(
        assistants.map((m: any) => m.tool_calls.map((c: any) => [c.id, JSON.parse(c.function.arguments)])),
      ).toEqual(REASONING_TURNS.slice(0, n).map((t) => t.calls.map((c) => [c.id, c.args])));
    }
    const steps = responded(journal.events(errandId));
    expect(steps.map((e) => e.usage.reasoningTokens)).toEqual(REASONING_TURNS.map((t) => t.reasoning));
    expect(report.usage).toMatchObject({
      inputTokens: REASONING_USAGE.input,
      outputTokens: REASONING_USAGE.output,
      reasoningTokens: REASONING_USAGE.reasoning,
    });
    // qwen-plus's list price: $0.40 in (no cache discount listed), $1.20 out per million tokens.
    expect(report.usage.costUsd).toBeCloseTo(listCost({ input: 0.4, cached: 0.4, output: 1.2 }), 10);
    world.close();
  });

  it('turns thinking off explicitly by default, and answers unstreamed', async () => {
    const model = resolveModel('qwen:qwen-plus', { DASHSCOPE_API_KEY: 'k' });
    expect(model.reasoning).toMatchObject({
      level: 'off',
      providerOptions: { qwen: { enable_thinking: false } },
    });
    expect(model.reasoning?.stream).toBeUndefined();
  });
});
