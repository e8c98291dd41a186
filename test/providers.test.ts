import { afterEach, describe, expect, it } from 'vitest';
import { costOf } from '../src/models/pricing.js';
import { resolveModel } from '../src/models/registry.js';
import { anthropicRecording, openAiRecording, RATE_LIMITED, RECORDED_USAGE } from './fixtures/recordings.js';
import { runInProcess } from './support/agent.js';
import { type ReplayServer, startReplayServer } from './support/replay-server.js';

/** One contract for every provider adapter: the same recorded errand, replayed over real HTTP. */
const servers: ReplayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const PROVIDERS = [
  {
    ref: 'deepseek:deepseek-chat',
    env: 'DEEPSEEK',
    key: 'DEEPSEEK_API_KEY',
    wire: 'openai',
    path: '/v1/chat/completions',
    priced: true,
  },
  {
    ref: 'qwen:qwen-plus',
    env: 'QWEN',
    key: 'DASHSCOPE_API_KEY',
    wire: 'openai',
    path: '/v1/chat/completions',
    priced: true,
  },
  {
    ref: 'ollama:qwen2.5:7b',
    env: 'OLLAMA',
    key: null,
    wire: 'openai',
    path: '/v1/chat/completions',
    priced: true,
  },
  {
    ref: 'openai:gpt-4o-mini',
    env: 'OPENAI',
    key: 'OPENAI_API_KEY',
    wire: 'openai',
    path: '/v1/chat/completions',
    priced: true,
  },
  {
    ref: 'anthropic:claude-haiku-4-5',
    env: 'ANTHROPIC',
    key: 'ANTHROPIC_API_KEY',
    wire: 'anthropic',
    path: '/v1/messages',
    priced: true,
  },
] as const;

describe.each(PROVIDERS)('provider $ref', (p) => {
  async function replay(extra: { status?: number; body: unknown }[] = []) {
    const modelId = p.ref.slice(p.ref.indexOf(':') + 1);
    const recording =
      p.wire === 'anthropic'
        ? anthropicRecording(modelId)
        : openAiRecording(modelId, p.env === 'DEEPSEEK' ? 'deepseek' : 'openai');
    const server = await startReplayServer([...extra, ...recording]);
    servers.push(server);
    const env = { [`${p.env}_BASE_URL`]: `${server.url}/v1`, ...(p.key ? { [p.key]: 'test-key' } : {}) };
    return { server, model: resolveModel(p.ref, env) };
  }

  it('runs the recorded errand: tool calls in, tool results out, usage and cost counted', async () => {
    const { server, model } = await replay();
    const { report, world } = await runInProcess(model.model, '给王芳转20元', { model });
    expect(report).toMatchObject({ status: 'finished', outcome: 'done', failedActions: 0 });
    expect(report.receipts[0]).toMatchObject({ app: 'pay', amount: '¥20.00' });
    expect(report.usage).toMatchObject({
      inputTokens: RECORDED_USAGE.input,
      outputTokens: RECORDED_USAGE.output,
      cachedInputTokens: RECORDED_USAGE.cached,
    });
    // Cache reads are priced at the model's cached rate, below its input rate.
    if (model.price.cachedInput !== undefined) {
      const full = costOf(model.price, RECORDED_USAGE.input, RECORDED_USAGE.output);
      expect(report.usage.costUsd).toBeLessThan(full.costUsd);
    }
    expect(report.usage.costUsd).toBeGreaterThanOrEqual(0);
    expect(report.usage.energyWh).toBeGreaterThan(0);
    expect(server.requests.map((r) => r.path)).toEqual([p.path, p.path, p.path]);
    const second = JSON.stringify(server.requests[1]!.body);
    // The first turn's tool result goes back in the provider's own format.
    expect(second).toContain(p.wire === 'anthropic' ? '"tool_result"' : '"tool_call_id":"call_01"');
    expect(second).toContain('pay_transfer');
    if (p.key) expect(JSON.stringify(server.requests[0]!.headers)).toContain('test-key');
    // The system message and the tools go out byte-identical on every turn, so the provider can cache them.
    const prefix = (b: any) => JSON.stringify([b.system ?? b.messages[0], b.tools]);
    expect(prefix(server.requests[2]!.body)).toBe(prefix(server.requests[1]!.body));
    if (p.wire === 'anthropic') expect(JSON.stringify(server.requests[1]!.body)).toContain('"cache_control"');
    world.close();
  });

  it('backs off on a rate limit and goes on', async () => {
    const { model } = await replay([RATE_LIMITED]);
    const { report, journal, errandId } = await runInProcess(model.model, '给王芳转20元', { model });
    expect(report.status).toBe('finished');
    const failed = journal.events(errandId).filter((e) => e.type === 'model.failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ error: { code: 'MODEL_UNAVAILABLE' }, retryInMs: 1 });
  });
});

describe('model references', () => {
  it('names the missing key', () => {
    expect(() => resolveModel('deepseek:deepseek-chat', {})).toThrow(/set DEEPSEEK_API_KEY/);
    expect(() => resolveModel('anthropic:claude-haiku-4-5', {})).toThrow(/set ANTHROPIC_API_KEY/);
  });

  it('refuses unknown providers and malformed references clearly', () => {
    expect(() => resolveModel('acme:big', {})).toThrow(/Unknown model provider "acme"/);
    expect(() => resolveModel('deepseek', {})).toThrow(/write provider:model/);
  });

  it('prices known models and counts local ones as free', () => {
    expect(resolveModel('deepseek:deepseek-chat', { DEEPSEEK_API_KEY: 'k' }).price).toMatchObject({
      known: true,
      input: 0.27,
    });
    expect(resolveModel('ollama:qwen2.5:7b', {}).price).toMatchObject({
      known: true,
      input: 0,
      size: 'small',
    });
    expect(resolveModel('zhipu:glm-unknown', { ZHIPU_API_KEY: 'k' }).price.known).toBe(false);
  });
});
