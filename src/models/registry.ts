import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { ErrandError } from '../errors.js';
import { type ModelPrice, priceOf } from './pricing.js';
import { seesImages } from './vision.js';
import { planReasoning, type ReasoningLevel, type ReasoningPlan } from './reasoning.js';

/** An OpenAI-compatible provider errand knows by name. */
interface Preset {
  baseURL: string;
  /** Environment variable holding the API key; undefined for local servers that need none. */
  keyEnv?: string;
  /** A note for the error message when the key is missing. */
  where?: string;
  /** For a server on this machine: how a person starts it, said when nothing answers. */
  start?: string;
  /** Seconds one model call may take before errand gives up on it (a small model on a CPU is slow). */
  timeoutS?: number;
  /** The server constrains output to a JSON schema (`response_format: json_schema`, a grammar). */
  structuredOutputs?: boolean;
  /** The model sizes the defaults were chosen for. */
  designedFor?: string;
}

/** OpenAI-compatible presets: `--model <name>:<model>`; `<NAME>_BASE_URL` overrides the address. */
export const PRESETS: Record<string, Preset> = {
  deepseek: {
    baseURL: 'https://api.deepseek.com/v1',
    keyEnv: 'DEEPSEEK_API_KEY',
    where: 'platform.deepseek.com',
  },
  zhipu: {
    baseURL: 'https://open.bigmodel.cn/api/paas/v4',
    keyEnv: 'ZHIPU_API_KEY',
    where: 'open.bigmodel.cn',
  },
  qwen: {
    baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    keyEnv: 'DASHSCOPE_API_KEY',
    where: 'the DashScope console',
  },
  moonshot: {
    baseURL: 'https://api.moonshot.cn/v1',
    keyEnv: 'MOONSHOT_API_KEY',
    where: 'platform.moonshot.cn',
  },
  ollama: {
    baseURL: 'http://127.0.0.1:11434/v1',
    start: 'ollama serve',
    timeoutS: 300,
    structuredOutputs: true,
    designedFor:
      '3–14B models with native tool calls (qwen2.5:7b, qwen3:8b, llama3.1:8b), on a CPU or one small GPU',
  },
  lmstudio: {
    baseURL: 'http://127.0.0.1:1234/v1',
    start: 'lms server start',
    timeoutS: 300,
    structuredOutputs: true,
    designedFor: '3–14B GGUF or MLX models with tool use (Qwen2.5/Qwen3 7–14B instruct) on a laptop',
  },
  vllm: {
    baseURL: 'http://127.0.0.1:8000/v1',
    start: 'vllm serve <model> --enable-auto-tool-choice --tool-call-parser hermes',
    timeoutS: 120,
    structuredOutputs: true,
    designedFor:
      '7–32B models on a GPU (Qwen2.5-7B/14B/32B-Instruct); its prefix cache reuses errand’s stable prefix',
  },
  llamacpp: {
    baseURL: 'http://127.0.0.1:8080/v1',
    start: 'llama-server --jinja -m <model.gguf>',
    timeoutS: 300,
    structuredOutputs: true,
    designedFor: '1.5–14B GGUF models (Qwen2.5-7B-Instruct Q4_K_M) on a CPU; --jinja gives native tool calls',
  },
};

/** How long one model call may take for a provider, in seconds: a local server's own default, else none. */
export function presetTimeoutS(provider: string): number | undefined {
  return PRESETS[provider]?.timeoutS;
}

/** Every provider name `--model` accepts. */
export const PROVIDERS = ['openai', 'anthropic', ...Object.keys(PRESETS)];

/** A model ready to call, with what it costs. */
export interface ResolvedModel {
  ref: string;
  provider: string;
  modelId: string;
  model: LanguageModelV3;
  price: ModelPrice & { known: boolean };
  /** For a local server (ollama, lmstudio, vllm, llamacpp): where it was looked for and how to fix that. */
  local?: LocalServer;
  /** How the model thinks before it acts; none for a model errand was handed ready-made. */
  reasoning?: ReasoningPlan;
  /** It takes images: on screens it is sent each page as a marked screenshot besides the text view. */
  vision?: boolean;
}

/** Choices made when a model is resolved. */
export interface ModelChoice {
  /** How hard the model may think; the model's own default when unset. */
  reasoning?: ReasoningLevel;
  /** Whether it takes images; by the model's name when unset. */
  vision?: boolean;
}

/** Where errand looks for a local model server, and what a person can do when nothing answers there. */
export interface LocalServer {
  baseURL: string;
  /** The variable that moves it: OLLAMA_BASE_URL. */
  baseUrlEnv: string;
  /** The command that starts it. */
  start: string;
}

/** Splits `provider:model`; the model id may itself contain colons (`ollama:qwen2.5:7b`). */
export function parseModelRef(ref: string): { provider: string; modelId: string } {
  const at = ref.indexOf(':');
  if (at <= 0 || at === ref.length - 1) {
    throw new ErrandError(
      'CONFIG_INVALID',
      `"${ref}" is not a model reference; write provider:model, e.g. deepseek:deepseek-chat (providers: ${PROVIDERS.join(', ')}).`,
    );
  }
  return { provider: ref.slice(0, at), modelId: ref.slice(at + 1) };
}

function key(env: NodeJS.ProcessEnv, name: string, provider: string, where?: string): string {
  const value = env[name];
  if (!value) {
    throw new ErrandError(
      'CONFIG_INVALID',
      `The ${provider} provider needs an API key: set ${name}${where ? ` (get one at ${where})` : ''}.`,
      { missing: name },
    );
  }
  return value;
}

/**
 * Builds a model from `provider:model`, with keys and base URLs from the environment, thinking as
 * `choice.reasoning` says (DeepSeek's thinking is its reasoner model, so the model called may differ
 * from the one named; the ref then names the one called, and it is priced as that one).
 */
export function resolveModel(
  named: string,
  env: NodeJS.ProcessEnv = process.env,
  choice: ModelChoice = {},
): ResolvedModel {
  const parsed = parseModelRef(named);
  const { provider } = parsed;
  if (provider !== 'openai' && provider !== 'anthropic' && !PRESETS[provider]) {
    throw new ErrandError(
      'CONFIG_INVALID',
      `Unknown model provider "${provider}"; use one of ${PROVIDERS.join(', ')}.`,
    );
  }
  const reasoning = planReasoning(provider, parsed.modelId, choice.reasoning);
  const modelId = reasoning.modelId;
  const ref = modelId === parsed.modelId ? named : `${provider}:${modelId}`;
  const baseUrlEnv = `${provider.toUpperCase()}_BASE_URL`;
  const baseOverride = env[baseUrlEnv];
  let model: LanguageModelV3;
  let local: LocalServer | undefined;
  if (provider === 'openai') {
    const openai = createOpenAI({ apiKey: key(env, 'OPENAI_API_KEY', provider), baseURL: baseOverride });
    model = reasoning.api === 'responses' ? openai.responses(modelId) : openai.chat(modelId);
  } else if (provider === 'anthropic') {
    model = createAnthropic({
      apiKey: key(env, 'ANTHROPIC_API_KEY', provider),
      baseURL: baseOverride,
    }).languageModel(modelId);
  } else {
    const preset = PRESETS[provider];
    if (!preset) {
      throw new ErrandError(
        'CONFIG_INVALID',
        `Unknown model provider "${provider}"; use one of ${PROVIDERS.join(', ')}.`,
      );
    }
    model = createOpenAICompatible({
      name: provider,
      baseURL: baseOverride ?? preset.baseURL,
      apiKey: preset.keyEnv
        ? key(env, preset.keyEnv, provider, preset.where)
        : env[`${provider.toUpperCase()}_API_KEY`],
      includeUsage: true,
      ...(preset.structuredOutputs ? { supportsStructuredOutputs: true } : {}),
    }).chatModel(modelId);
    if (preset.start) local = { baseURL: baseOverride ?? preset.baseURL, baseUrlEnv, start: preset.start };
  }
  return {
    ref,
    provider,
    modelId,
    model,
    price: priceOf(provider, modelId),
    ...(local ? { local } : {}),
    reasoning,
    ...(seesImages(modelId, choice.vision) ? { vision: true } : {}),
  };
}

/** Wraps a model object (a scripted model, or one built in code) with its price. */
export function useModel(
  model: LanguageModelV3,
  provider = model.provider,
  modelId = model.modelId,
): ResolvedModel {
  return { ref: `${provider}:${modelId}`, provider, modelId, model, price: priceOf(provider, modelId) };
}
