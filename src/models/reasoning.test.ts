import { describe, expect, it } from 'vitest';
import { parseReasoningLevel, planReasoning } from './reasoning.js';
import { resolveModel } from './registry.js';

describe('--reasoning, per provider', () => {
  it('asks OpenAI reasoning models for an effort, through the Responses API, keeping nothing at OpenAI', () => {
    const plan = planReasoning('openai', 'o4-mini', 'high');
    expect(plan).toMatchObject({ level: 'high', api: 'responses', sendBack: true });
    expect(plan.providerOptions).toEqual({
      openai: { reasoningEffort: 'high', store: false, include: ['reasoning.encrypted_content'] },
    });
    // o-series think by default (low: cheap), and cannot stop; GPT-5 thinks least at "minimal".
    expect(planReasoning('openai', 'o3').level).toBe('low');
    expect(() => planReasoning('openai', 'o3', 'off')).toThrow(/always thinks.*--reasoning low/);
    expect(planReasoning('openai', 'gpt-5-mini', 'off').providerOptions).toMatchObject({
      openai: { reasoningEffort: 'minimal' },
    });
    // Models that cannot think stay on chat completions and get nothing extra.
    expect(planReasoning('openai', 'gpt-4o-mini')).toEqual({
      level: 'off',
      modelId: 'gpt-4o-mini',
      budgetTokens: 0,
      sendBack: false,
    });
  });

  it('gives Claude a thinking budget, and refuses thinking for a Claude that cannot', () => {
    expect(planReasoning('anthropic', 'claude-haiku-4-5').level).toBe('off');
    for (const [level, budget] of [
      ['low', 1024],
      ['medium', 4096],
      ['high', 16_000],
    ] as const) {
      expect(planReasoning('anthropic', 'claude-sonnet-4-5', level).providerOptions).toEqual({
        anthropic: { thinking: { type: 'enabled', budgetTokens: budget } },
      });
    }
    expect(() => planReasoning('anthropic', 'claude-3-5-haiku-latest', 'low')).toThrow(
      /claude-3-5-haiku-latest cannot think.*anthropic:claude-haiku-4-5/,
    );
  });

  it('switches DeepSeek between its chat and reasoner models, and prices the one it calls', () => {
    const env = { DEEPSEEK_API_KEY: 'k' };
    const thinking = resolveModel('deepseek:deepseek-chat', env, { reasoning: 'low' });
    expect(thinking).toMatchObject({ ref: 'deepseek:deepseek-reasoner', modelId: 'deepseek-reasoner' });
    expect(thinking.price.output).toBe(2.19);
    expect(thinking.reasoning).toMatchObject({ sendBack: true });
    const plain = resolveModel('deepseek:deepseek-reasoner', env, { reasoning: 'off' });
    expect(plain).toMatchObject({ ref: 'deepseek:deepseek-chat', modelId: 'deepseek-chat' });
    // Named as it is, each keeps its own way.
    expect(resolveModel('deepseek:deepseek-reasoner', env).reasoning?.level).not.toBe('off');
    expect(resolveModel('deepseek:deepseek-chat', env).reasoning?.level).toBe('off');
  });

  it("switches Qwen3's thinking through the body: enable_thinking on DashScope, the template's kwargs locally", () => {
    expect(planReasoning('qwen', 'qwen-plus').providerOptions).toEqual({ qwen: { enable_thinking: false } });
    expect(planReasoning('vllm', 'Qwen/Qwen3-8B', 'medium').providerOptions).toEqual({
      vllm: { chat_template_kwargs: { enable_thinking: true } },
    });
    expect(planReasoning('llamacpp', 'qwen3-4b-q4_k_m.gguf').providerOptions).toEqual({
      llamacpp: { chat_template_kwargs: { enable_thinking: false } },
    });
    expect(() => planReasoning('qwen', 'qwen-max', 'high')).toThrow(/qwen:qwen-max cannot think/);
    expect(() => planReasoning('ollama', 'qwen2.5:7b', 'high')).toThrow(/cannot think/);
    expect(() => planReasoning('ollama', 'qwq:32b', 'off')).toThrow(/always thinks/);
  });

  it("switches GLM by its thinking parameter, and knows Kimi's thinking model cannot stop", () => {
    // Models that cannot think are untouched by the default.
    expect(planReasoning('zhipu', 'glm-4-flash')).toMatchObject({ level: 'off', sendBack: false });
    // GLM-4.5 thinks unless told not to: errand tells it, by default.
    expect(planReasoning('zhipu', 'glm-4.5-air').providerOptions).toEqual({
      zhipu: { thinking: { type: 'disabled' } },
    });
    expect(() => planReasoning('moonshot', 'kimi-k2-thinking', 'off')).toThrow(/always thinks/);
    expect(() => planReasoning('moonshot', 'kimi-k2-0905-preview', 'high')).toThrow(/cannot think/);
  });

  it('reads a level and names the levels when it is not one', () => {
    expect(parseReasoningLevel(' High ')).toBe('high');
    expect(() => parseReasoningLevel('max')).toThrow(/--reasoning takes off, low, medium, high, not "max"/);
  });
});
