/**
 * What a model call costs in money and energy. Prices are public list prices in US dollars per
 * million tokens (checked by hand; providers change them, so treat them as estimates). Energy is an
 * estimate by model size: watt-hours per 1,000 output tokens, with input tokens counted at a tenth
 * of that (prefill is far cheaper per token than decoding). The per-size figures follow published
 * per-query estimates for served models (about 0.3 Wh for a ~500-token answer from a frontier-size
 * model) scaled down roughly with active parameters; they are orders of magnitude, not measurements.
 */
export type SizeClass = 'tiny' | 'small' | 'medium' | 'large';

/** Watt-hours per 1,000 output tokens, by model size. */
export const WH_PER_1K_OUTPUT: Record<SizeClass, number> = {
  tiny: 0.02, // ≤ 4B parameters, e.g. a local 3B model
  small: 0.05, // ≤ 15B, e.g. qwen2.5:7b, llama3.1:8b
  medium: 0.15, // ≤ 80B or a small mixture-of-experts
  large: 0.5, // frontier-size hosted models
};

/** Input tokens cost this fraction of an output token's energy. */
export const INPUT_ENERGY_FACTOR = 0.1;

/** Price and size of one model. */
export interface ModelPrice {
  /** USD per million input tokens. */
  input: number;
  /** USD per million output tokens. */
  output: number;
  /** USD per million input tokens read from the provider's prompt cache; the input price when unlisted. */
  cachedInput?: number;
  size: SizeClass;
}

const PRICES: Record<string, ModelPrice> = {
  'openai:gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6, size: 'medium' },
  'openai:gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10, size: 'large' },
  'openai:gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6, size: 'medium' },
  'openai:gpt-4.1': { input: 2, cachedInput: 0.5, output: 8, size: 'large' },
  'openai:gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2, size: 'medium' },
  'openai:gpt-5': { input: 1.25, cachedInput: 0.125, output: 10, size: 'large' },
  'openai:gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4, size: 'small' },
  // o-series reasoning models: their reasoning tokens are billed as output.
  'openai:o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4, size: 'medium' },
  'openai:o3': { input: 2, cachedInput: 0.5, output: 8, size: 'large' },
  'anthropic:claude-3-5-haiku-latest': { input: 0.8, cachedInput: 0.08, output: 4, size: 'medium' },
  'anthropic:claude-haiku-4-5': { input: 1, cachedInput: 0.1, output: 5, size: 'medium' },
  'anthropic:claude-sonnet-4-5': { input: 3, cachedInput: 0.3, output: 15, size: 'large' },
  'anthropic:claude-opus-4-1': { input: 15, cachedInput: 1.5, output: 75, size: 'large' },
  'deepseek:deepseek-chat': { input: 0.27, cachedInput: 0.07, output: 1.1, size: 'large' },
  'deepseek:deepseek-reasoner': { input: 0.55, cachedInput: 0.14, output: 2.19, size: 'large' },
  'zhipu:glm-4-flash': { input: 0, output: 0, size: 'small' },
  'zhipu:glm-4-plus': { input: 0.7, output: 0.7, size: 'large' },
  'zhipu:glm-4.5-air': { input: 0.11, output: 0.28, size: 'medium' },
  'qwen:qwen-turbo': { input: 0.05, output: 0.2, size: 'small' },
  'qwen:qwen-plus': { input: 0.4, output: 1.2, size: 'medium' },
  'qwen:qwen-max': { input: 1.6, output: 6.4, size: 'large' },
  'moonshot:moonshot-v1-8k': { input: 0.17, output: 0.17, size: 'large' },
  'moonshot:kimi-k2-0905-preview': { input: 0.6, cachedInput: 0.15, output: 2.5, size: 'large' },
};

const LOCAL_PROVIDERS = new Set(['ollama', 'lmstudio', 'vllm', 'llamacpp', 'scripted', 'recipe']);

/** The size class read from a model id such as `qwen2.5:7b` or `Llama-3.1-70B`. */
export function sizeFromId(modelId: string): SizeClass | undefined {
  const m = /(\d+(?:\.\d+)?)\s*b\b/i.exec(modelId.replace(/[-_:]/g, ' '));
  if (!m) return undefined;
  const billions = Number(m[1]);
  if (billions <= 4) return 'tiny';
  if (billions <= 15) return 'small';
  if (billions <= 80) return 'medium';
  return 'large';
}

/** The price and size of a model; local models are free, unknown hosted models have an unknown price. */
export function priceOf(provider: string, modelId: string): ModelPrice & { known: boolean } {
  const listed = PRICES[`${provider}:${modelId}`];
  if (listed) return { ...listed, known: true };
  const size = sizeFromId(modelId) ?? (LOCAL_PROVIDERS.has(provider) ? 'small' : 'large');
  return { input: 0, output: 0, size, known: LOCAL_PROVIDERS.has(provider) };
}

/**
 * Cost in USD and energy in Wh of one call; `cachedTokens` of the input, read from the provider's
 * prompt cache, are priced at the cached rate (energy is counted as for any input: the estimate is too
 * rough to tell them apart).
 */
export function costOf(
  price: ModelPrice,
  inputTokens: number,
  outputTokens: number,
  cachedTokens = 0,
): { costUsd: number; energyWh: number } {
  const perOut = WH_PER_1K_OUTPUT[price.size] / 1000;
  const cached = Math.min(cachedTokens, inputTokens);
  return {
    costUsd:
      ((inputTokens - cached) * price.input +
        cached * (price.cachedInput ?? price.input) +
        outputTokens * price.output) /
      1_000_000,
    energyWh: outputTokens * perOut + inputTokens * perOut * INPUT_ENERGY_FACTOR,
  };
}
