import type { SharedV3ProviderOptions } from '@ai-sdk/provider';
import { ErrandError } from '../errors.js';

/** How hard a model may think before it acts: `--reasoning`, or `model.reasoning` in a config file. */
export const REASONING_LEVELS = ['off', 'low', 'medium', 'high'] as const;
export type ReasoningLevel = (typeof REASONING_LEVELS)[number];

/** How one model thinks for one errand. */
export interface ReasoningPlan {
  level: ReasoningLevel;
  /** The model to call: DeepSeek's thinking is a model of its own (deepseek-reasoner). */
  modelId: string;
  /** Sent with every call, under the provider's key. */
  providerOptions?: SharedV3ProviderOptions;
  /** Output tokens a call may spend on reasoning, added to the answer's own allowance. */
  budgetTokens: number;
  /**
   * The reasoning of a reply that called tools goes back with those calls, as the provider requires:
   * Anthropic thinking blocks with their signatures, OpenAI reasoning items (encrypted) before their
   * function calls, DeepSeek's `reasoning_content` within a tool loop. Qwen's templates and local servers
   * drop it, so it is not sent.
   */
  sendBack: boolean;
  /** OpenAI reasoning models are called through the Responses API, which keeps their reasoning items. */
  api?: 'responses';
  /** The provider serves this only streamed (DashScope's Qwen thinking): the reply is read to its end. */
  stream?: boolean;
}

/** Reasoning tokens one call may spend, by level (Anthropic's minimum budget is 1,024). */
export const REASONING_BUDGET: Record<ReasoningLevel, number> = {
  off: 0,
  low: 1024,
  medium: 4096,
  high: 16_000,
};

/** What errand knows about a model's thinking: whether it can think, and whether it can stop. */
interface Capability {
  /** 'switch': thinks or not as asked; 'always': always thinks; 'never': cannot think. */
  kind: 'switch' | 'always' | 'never';
  /** The level when the person says nothing. */
  default: ReasoningLevel;
  /** Models that can think, for the error sentence when this one cannot. */
  thinkers?: string;
}

function cannot(provider: string, modelId: string, thinkers: string): ErrandError {
  return new ErrandError(
    'CONFIG_INVALID',
    `${provider}:${modelId} cannot think before it acts, so --reasoning can only be off for it. Models that can: ${thinkers}.`,
  );
}

function mustThink(provider: string, modelId: string, least: string): ErrandError {
  return new ErrandError(
    'CONFIG_INVALID',
    `${provider}:${modelId} always thinks before it acts; --reasoning off cannot turn that off (${least}).`,
  );
}

const OPENAI_THINKERS = 'openai:o4-mini, openai:o3, openai:gpt-5-mini, openai:gpt-5';
const ANTHROPIC_THINKERS =
  'anthropic:claude-haiku-4-5, anthropic:claude-sonnet-4-5, anthropic:claude-opus-4-1, anthropic:claude-3-7-sonnet-latest';
const QWEN_THINKERS = 'qwen:qwen-plus, qwen:qwen-turbo, qwen:qwen3-8b, ollama:qwen3:8b, vllm:Qwen/Qwen3-8B';

/** OpenAI o-series and GPT-5 models reason (gpt-5-chat does not), as the AI SDK itself decides. */
function openAiReasons(modelId: string): boolean {
  return (
    /^o\d/.test(modelId) ||
    (/^gpt-(\d+)/.test(modelId) &&
      Number(/^gpt-(\d+)/.exec(modelId)![1]) >= 5 &&
      !/^gpt-5-chat/.test(modelId))
  );
}

/** Claude 3.7 Sonnet and every Claude 4 model can think; earlier ones cannot. */
function claudeThinks(modelId: string): boolean {
  return /claude-3-7|claude-(sonnet|opus|haiku)-[4-9]|claude-[4-9]/.test(modelId);
}

/** Qwen models that think or not per request (Qwen3 hybrids, qwen-plus/turbo/flash on DashScope). */
function qwenHybrid(modelId: string): boolean {
  const id = modelId.toLowerCase();
  if (/instruct-2507|thinking-2507|qwq|qwen-max|qwen2/.test(id)) return false;
  return /qwen3|qwen-plus|qwen-turbo|qwen-flash/.test(id);
}

/** Models that always think whatever they are asked: QwQ, Qwen3 *-thinking-2507, DeepSeek-R1 and its distills. */
function alwaysThinks(modelId: string): boolean {
  return /qwq|thinking-2507|deepseek-r1|-r1\b|r1-distill/i.test(modelId);
}

function capability(provider: string, modelId: string): Capability {
  switch (provider) {
    case 'openai':
      return openAiReasons(modelId)
        ? { kind: /^o\d/.test(modelId) ? 'always' : 'switch', default: 'low' }
        : { kind: 'never', default: 'off', thinkers: OPENAI_THINKERS };
    case 'anthropic':
      return claudeThinks(modelId)
        ? { kind: 'switch', default: 'off' }
        : { kind: 'never', default: 'off', thinkers: ANTHROPIC_THINKERS };
    case 'deepseek':
      return { kind: 'switch', default: modelId === 'deepseek-reasoner' ? 'medium' : 'off' };
    case 'qwen':
    case 'ollama':
    case 'lmstudio':
    case 'vllm':
    case 'llamacpp':
      if (alwaysThinks(modelId)) return { kind: 'always', default: 'medium' };
      return qwenHybrid(modelId)
        ? { kind: 'switch', default: 'off' }
        : { kind: 'never', default: 'off', thinkers: QWEN_THINKERS };
    case 'zhipu':
      // GLM-4.5 and later think unless told not to; errand tells them, unless asked to think.
      return /glm-4\.[5-9]|glm-[5-9]|glm-z1/.test(modelId)
        ? { kind: 'switch', default: 'off' }
        : { kind: 'never', default: 'off', thinkers: 'zhipu:glm-4.5-air, zhipu:glm-4.6' };
    case 'moonshot':
      return /thinking/.test(modelId)
        ? { kind: 'always', default: 'medium' }
        : { kind: 'never', default: 'off', thinkers: 'moonshot:kimi-k2-thinking' };
    case 'scripted':
    case 'recipe':
      return { kind: 'switch', default: 'off' };
    default:
      return { kind: 'never', default: 'off', thinkers: `${OPENAI_THINKERS}, deepseek:deepseek-reasoner` };
  }
}

/**
 * How a model thinks at a level (or at its default): the provider's own switch — OpenAI's reasoning
 * effort, Anthropic's thinking budget, DeepSeek's reasoner model, Qwen's enable_thinking (DashScope) or
 * chat_template_kwargs (vLLM, llama.cpp, LM Studio, Ollama) — or a clear error when the model cannot.
 */
export function planReasoning(provider: string, modelId: string, asked?: ReasoningLevel): ReasoningPlan {
  const cap = capability(provider, modelId);
  const level = asked ?? cap.default;
  if (cap.kind === 'never') {
    if (level !== 'off') throw cannot(provider, modelId, cap.thinkers ?? '');
    return { level, modelId, budgetTokens: 0, sendBack: false };
  }
  const budgetTokens = REASONING_BUDGET[level];
  switch (provider) {
    case 'openai': {
      if (level === 'off' && cap.kind === 'always')
        throw mustThink(provider, modelId, 'the least is --reasoning low');
      // GPT-5 thinks least at "minimal"; GPT-5.1 and later can be told "none".
      const effort =
        level !== 'off'
          ? level
          : /^gpt-5(-mini|-nano)?(-\d{4}-\d\d-\d\d)?$/.test(modelId)
            ? 'minimal'
            : 'none';
      return {
        level,
        modelId,
        api: 'responses',
        // Nothing is kept on OpenAI's side (store: false): each reasoning item comes back encrypted and
        // goes out again with the function call it led to.
        providerOptions: {
          openai: { reasoningEffort: effort, store: false, include: ['reasoning.encrypted_content'] },
        },
        budgetTokens: Math.max(budgetTokens, REASONING_BUDGET.low),
        sendBack: true,
      };
    }
    case 'anthropic':
      return level === 'off'
        ? { level, modelId, budgetTokens: 0, sendBack: true }
        : {
            level,
            modelId,
            providerOptions: { anthropic: { thinking: { type: 'enabled', budgetTokens } } },
            budgetTokens,
            sendBack: true,
          };
    case 'deepseek': {
      // DeepSeek thinks as a model of its own; its thinking has no levels (low and medium are high).
      const named = modelId === 'deepseek-chat' || modelId === 'deepseek-reasoner';
      if (named)
        return {
          level,
          modelId: level === 'off' ? 'deepseek-chat' : 'deepseek-reasoner',
          budgetTokens: level === 'off' ? 0 : REASONING_BUDGET.high,
          sendBack: level !== 'off',
        };
      return {
        level,
        modelId,
        providerOptions: { deepseek: { thinking: { type: level === 'off' ? 'disabled' : 'enabled' } } },
        budgetTokens: level === 'off' ? 0 : REASONING_BUDGET.high,
        sendBack: level !== 'off',
      };
    }
    default: {
      if (level === 'off' && cap.kind === 'always')
        throw mustThink(
          provider,
          modelId,
          'choose a model that can answer without thinking, e.g. a Qwen3 hybrid',
        );
      // Kimi's thinking model, like DeepSeek's, wants its reasoning back within a tool loop.
      if (cap.kind === 'always') return { level, modelId, budgetTokens, sendBack: provider === 'moonshot' };
      if (provider === 'scripted' || provider === 'recipe')
        return { level, modelId, budgetTokens, sendBack: true };
      if (provider === 'zhipu')
        return {
          level,
          modelId,
          providerOptions: { zhipu: { thinking: { type: level === 'off' ? 'disabled' : 'enabled' } } },
          budgetTokens,
          sendBack: false,
        };
      const on = level !== 'off';
      // DashScope reads enable_thinking (and thinking_budget); vLLM, llama.cpp and LM Studio hand
      // chat_template_kwargs to Qwen3's template; Ollama reads reasoning_effort ("none" to stop).
      const body =
        provider === 'qwen'
          ? { enable_thinking: on, ...(on ? { thinking_budget: budgetTokens } : {}) }
          : provider === 'ollama'
            ? { reasoning_effort: on ? level : 'none' }
            : { chat_template_kwargs: { enable_thinking: on } };
      return {
        level,
        modelId,
        providerOptions: { [provider]: body },
        budgetTokens,
        sendBack: false,
        ...(provider === 'qwen' && on ? { stream: true } : {}),
      };
    }
  }
}

/** Parses a reasoning level from a flag or a file, with the levels named when it is not one. */
export function parseReasoningLevel(value: string, where = '--reasoning'): ReasoningLevel {
  const v = value.trim().toLowerCase();
  if ((REASONING_LEVELS as readonly string[]).includes(v)) return v as ReasoningLevel;
  throw new ErrandError('INVALID_INPUT', `${where} takes ${REASONING_LEVELS.join(', ')}, not "${value}".`);
}
