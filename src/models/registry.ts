import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { ErrandError } from '../errors.js';
import { type ModelPrice, priceOf } from './pricing.js';

/** An OpenAI-compatible provider errand knows by name. */
interface Preset {
  baseURL: string;
  /** Environment variable holding the API key; undefined for local servers that need none. */
  keyEnv?: string;
  /** A note for the error message when the key is missing. */
  where?: string;
  /** For a server on this machine: how a person starts it, said when nothing answers. */
  start?: string;
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
  ollama: { baseURL: 'http://127.0.0.1:11434/v1', start: 'ollama serve' },
  lmstudio: { baseURL: 'http://127.0.0.1:1234/v1', start: 'lms server start' },
  vllm: { baseURL: 'http://127.0.0.1:8000/v1', start: 'vllm serve <model>' },
  llamacpp: { baseURL: 'http://127.0.0.1:8080/v1', start: 'llama-server -m <model.gguf>' },
};

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

/** Builds a model from `provider:model`, with keys and base URLs from the environment. */
export function resolveModel(ref: string, env: NodeJS.ProcessEnv = process.env): ResolvedModel {
  const { provider, modelId } = parseModelRef(ref);
  const baseUrlEnv = `${provider.toUpperCase()}_BASE_URL`;
  const baseOverride = env[baseUrlEnv];
  let model: LanguageModelV3;
  let local: LocalServer | undefined;
  if (provider === 'openai') {
    model = createOpenAI({ apiKey: key(env, 'OPENAI_API_KEY', provider), baseURL: baseOverride }).chat(
      modelId,
    );
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
    }).chatModel(modelId);
    if (preset.start) local = { baseURL: baseOverride ?? preset.baseURL, baseUrlEnv, start: preset.start };
  }
  return { ref, provider, modelId, model, price: priceOf(provider, modelId), ...(local ? { local } : {}) };
}

/** Wraps a model object (a scripted model, or one built in code) with its price. */
export function useModel(
  model: LanguageModelV3,
  provider = model.provider,
  modelId = model.modelId,
): ResolvedModel {
  return { ref: `${provider}:${modelId}`, provider, modelId, model, price: priceOf(provider, modelId) };
}
