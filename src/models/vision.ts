import type { LanguageModelV3Prompt, LanguageModelV3Usage } from '@ai-sdk/provider';

/**
 * Models that take images, by name as their providers publish them: OpenAI's GPT-4o/4.1/5 and o-series,
 * Claude 3 and later, Gemini, and the open vision models (Qwen-VL, GLM-4V, LLaVA, Llama 3.2 Vision,
 * MiniCPM-V, Pixtral, Gemma 3, Kimi-VL). A text-only model given an image refuses the call or ignores it,
 * so anything not named here gets text only unless the config says `"vision": true`.
 */
const SEES: RegExp[] = [
  /^gpt-4o/,
  /^gpt-4\.1/,
  /^gpt-4-turbo/,
  /^gpt-5/,
  /^o[134](-|$)/,
  /^chatgpt-4o/,
  /^claude-(3|sonnet|opus|haiku-4|[a-z]+-4)/,
  /^gemini/,
  /(^|[/-])qwen[\d.]*-?vl/i,
  /qvq/i,
  /^glm-4(\.\d+)?v/i,
  /llava/i,
  /llama3\.2-vision|llama-3\.2-\d+b-vision|llama-4/i,
  /minicpm-v/i,
  /pixtral/i,
  /gemma-?3/i,
  /kimi-vl|moonshot-v1-[\d]+k-vision/i,
];

/** Whether a model is sent screenshots: what the config says, else what its name says. */
export function seesImages(modelId: string, setting?: boolean): boolean {
  if (setting !== undefined) return setting;
  return SEES.some((p) => p.test(modelId));
}

/** A screenshot for the model: the PNG and the words that say what it is. */
export interface Screenshot {
  png: Uint8Array;
  caption: string;
}

/**
 * The prompt with the latest screenshot after it, as one user message with an image part (the AI SDK's
 * file part, which each provider sends as its own image block). Only the newest screenshot is ever sent:
 * older ones would cost their tokens again on every turn and show a page that is gone.
 */
export function withScreenshot(prompt: LanguageModelV3Prompt, shot: Screenshot): LanguageModelV3Prompt {
  return [
    ...prompt,
    {
      role: 'user',
      content: [
        { type: 'text', text: shot.caption },
        { type: 'file', mediaType: 'image/png', data: shot.png },
      ],
    },
  ];
}

/**
 * The image tokens a provider reports inside the input tokens, when it reports them: DashScope's
 * OpenAI-compatible API (Qwen-VL) as `prompt_tokens_details.image_tokens`, Gemini as the IMAGE modality of
 * `promptTokensDetails`. OpenAI and Anthropic count images in the input without saying how many: 0.
 */
export function reportedImageTokens(usage: LanguageModelV3Usage): number {
  // biome-ignore lint/suspicious/noExplicitAny: the provider's own usage object, as it came
  const raw = usage.raw as any;
  const dashscope = raw?.prompt_tokens_details?.image_tokens;
  if (typeof dashscope === 'number') return dashscope;
  const gemini = raw?.promptTokensDetails;
  if (Array.isArray(gemini))
    return gemini
      .filter((d) => d?.modality === 'IMAGE' && typeof d.tokenCount === 'number')
      .reduce((n: number, d: { tokenCount: number }) => n + d.tokenCount, 0);
  return 0;
}
