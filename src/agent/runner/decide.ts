import {
  APICallError,
  type LanguageModelV3CallOptions,
  type LanguageModelV3Content,
  type LanguageModelV3Prompt,
  type LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { type ErrorBody, ErrandError } from '../../errors.js';
import { reportedImageTokens } from '../../models/vision.js';
import type { ResolvedModel } from '../../models/registry.js';
import { costOf } from '../../models/pricing.js';
import { countTokens } from '../../models/tokens.js';
import { collectStream } from './collect.js';
import type { ProposedCall, Usage } from '../events.js';
import type { AnyTool, Toolset } from '../toolset.js';

/** How hard to retry a provider that fails. */
export interface RetryPolicy {
  retries: number;
  baseMs: number;
  /** Give up on one model call after this long. */
  timeoutMs: number;
  /**
   * Retries after a call that timed out (at most `retries`): a model that never answers should fail in
   * about twice the timeout, not once per retry.
   */
  timeoutRetries: number;
}

/** The retry policy an errand gets unless it says otherwise. */
export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseMs: 1000, timeoutMs: 90_000, timeoutRetries: 1 };

/** Why a model call failed, as far as retrying is concerned. */
type Failure = 'timeout' | 'refused-local' | 'other';

/** A tool call that passed every check and can be acted on. */
export interface ValidCall {
  callId: string;
  tool: AnyTool;
  input: Record<string, unknown>;
}

/** What one model turn amounts to. */
export type Decided =
  | { type: 'calls'; text: string; proposed: ProposedCall[]; calls: ValidCall[] }
  | {
      type: 'invalid';
      text: string;
      proposed: ProposedCall[];
      problems: Map<string, string>;
      problem: string;
    }
  | { type: 'text_only'; text: string };

/** One answered model call. */
export interface ModelReply {
  content: LanguageModelV3Content[];
  usage: Usage;
  latencyMs: number;
  /** What the model thought before it answered, when the provider shows it (never sent to the person). */
  reasoning: string;
}

/** Output tokens a reply may spend on its answer, before any reasoning budget. */
const ANSWER_TOKENS = 2048;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ErrandError('CANCELLED', 'The errand was cancelled.'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new ErrandError('CANCELLED', 'The errand was cancelled.'));
      },
      { once: true },
    );
  });
}

/** True when a connection was refused somewhere in an error's chain of causes. */
function refused(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e = err; e instanceof Error && !seen.has(e); e = e.cause) {
    seen.add(e);
    if ((e as NodeJS.ErrnoException).code === 'ECONNREFUSED') return true;
    if (e instanceof AggregateError && e.errors.some(refused)) return true;
  }
  return false;
}

function classify(
  err: unknown,
  model: ResolvedModel,
  timeoutMs: number,
): { error: ErrorBody; retryable: boolean; failure: Failure } {
  if (model.local && refused(err)) {
    const { baseURL, baseUrlEnv, start } = model.local;
    return {
      error: {
        code: 'MODEL_UNAVAILABLE',
        message: `Nothing is listening at ${baseURL} for ${model.ref} (connection refused). Start the ${model.provider} server (${start}), or set ${baseUrlEnv} to the address it listens on.`,
      },
      retryable: false,
      failure: 'refused-local',
    };
  }
  if (APICallError.isInstance(err)) {
    const status = err.statusCode;
    const retryable = err.isRetryable || status === 429 || (status !== undefined && status >= 500);
    const hint =
      status === 401 || status === 403
        ? ' Check the API key.'
        : status === 404
          ? ' Check the model name.'
          : '';
    return {
      error: {
        code: 'MODEL_UNAVAILABLE',
        message: `${model.ref} answered ${status ?? 'an error'}: ${err.message}.${hint}`,
      },
      retryable,
      failure: 'other',
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  const timeout = err instanceof Error && (err.name === 'TimeoutError' || /timed? ?out/i.test(message));
  return {
    error: {
      code: 'MODEL_UNAVAILABLE',
      message: timeout
        ? `${model.ref} did not answer in time (${Math.round(timeoutMs / 100) / 10} s per call). Check that the provider is up; a slow model may need a longer limit (errand run --model-timeout <seconds>).`
        : `${model.ref} failed: ${message}`,
    },
    retryable: true,
    failure: timeout ? 'timeout' : 'other',
  };
}

/**
 * One model call with backoff for provider failures (429, 5xx, timeouts, network). Each attempt and
 * failure is reported through the callbacks so the journal can record it.
 */
export async function callModel(
  model: ResolvedModel,
  prompt: LanguageModelV3Prompt,
  tools: Pick<Toolset, 'forModel'>,
  options: {
    signal: AbortSignal;
    retry: RetryPolicy;
    onAttempt(attempt: number): void;
    onFailure(attempt: number, error: ErrorBody, retryInMs: number | null): void;
  },
): Promise<ModelReply & { attempt: number }> {
  for (let attempt = 1; ; attempt++) {
    options.onAttempt(attempt);
    const started = performance.now();
    const call = callSignal(options.signal);
    const timer = setTimeout(() => call.timeOut(), options.retry.timeoutMs);
    try {
      const plan = model.reasoning;
      const callOptions: LanguageModelV3CallOptions = {
        prompt,
        tools: tools.forModel(),
        toolChoice: { type: 'auto' },
        // Reasoning counts against the output limit (OpenAI, DeepSeek); Anthropic adds the budget itself.
        maxOutputTokens: ANSWER_TOKENS + (plan && model.provider !== 'anthropic' ? plan.budgetTokens : 0),
        ...(plan?.providerOptions ? { providerOptions: plan.providerOptions } : {}),
        abortSignal: call.signal,
      };
      const result = plan?.stream
        ? await collectStream(model.model, callOptions)
        : await model.model.doGenerate(callOptions);
      clearTimeout(timer);
      const reasoning = reasoningText(result.content);
      const { outputTokens, reasoningTokens } = outputTokensOf(result.usage, reasoning);
      const inputTokens = result.usage.inputTokens.total ?? 0;
      const cached = cachedTokensOf(result.usage);
      const images = reportedImageTokens(result.usage);
      return {
        content: result.content,
        usage: {
          inputTokens,
          outputTokens,
          ...(cached > 0 ? { cachedInputTokens: cached } : {}),
          ...(reasoningTokens > 0 ? { reasoningTokens } : {}),
          ...(images > 0 ? { imageTokens: images } : {}),
          // Reasoning is billed as output, and it is part of outputTokens here.
          ...costOf(model.price, inputTokens, outputTokens, cached),
        },
        latencyMs: performance.now() - started,
        reasoning,
        attempt,
      };
    } catch (err) {
      clearTimeout(timer);
      if (options.signal.aborted) throw new ErrandError('CANCELLED', 'The errand was cancelled.');
      const { error, retryable, failure } = classify(err, model, options.retry.timeoutMs);
      const retries =
        failure === 'timeout'
          ? Math.min(options.retry.retries, options.retry.timeoutRetries)
          : options.retry.retries;
      const retryInMs = retryable && attempt <= retries ? options.retry.baseMs * 2 ** (attempt - 1) : null;
      options.onFailure(attempt, error, retryInMs);
      if (retryInMs === null) throw new ErrandError(error.code, error.message);
      await sleep(retryInMs, options.signal);
    }
  }
}

/** The reasoning a reply shows (Anthropic thinking, DeepSeek reasoning_content, OpenAI summaries). */
function reasoningText(content: LanguageModelV3Content[]): string {
  return content
    .filter((c) => c.type === 'reasoning')
    .map((c) => (c as { text: string }).text)
    .join('\n')
    .trim();
}

/**
 * A reply's output tokens with its reasoning in them, and how many of them were reasoning: as the
 * provider counts them (`completion_tokens_details.reasoning_tokens`, `output_tokens_details`), or, when
 * it shows its thinking but does not count it, the shown thinking's own tokens. A provider that counts
 * reasoning apart from its output total still has it billed as output.
 */
export function outputTokensOf(
  usage: LanguageModelV3Usage,
  reasoning = '',
): { outputTokens: number; reasoningTokens: number } {
  const total = usage.outputTokens.total ?? 0;
  const counted = usage.outputTokens.reasoning;
  const reasoningTokens = counted ?? (reasoning ? Math.min(total, countTokens(reasoning)) : 0);
  const text = usage.outputTokens.text;
  return {
    outputTokens: Math.max(total, text !== undefined ? text + reasoningTokens : 0),
    reasoningTokens,
  };
}

/**
 * Input tokens a provider served from its prompt cache: OpenAI's `cached_tokens` and Anthropic's cache
 * reads as the AI SDK maps them, or DeepSeek's `prompt_cache_hit_tokens`, which only its raw usage has.
 */
export function cachedTokensOf(usage: LanguageModelV3Usage): number {
  const read = usage.inputTokens.cacheRead ?? 0;
  if (read > 0) return read;
  const raw = usage.raw as { prompt_cache_hit_tokens?: unknown } | undefined;
  return typeof raw?.prompt_cache_hit_tokens === 'number' ? raw.prompt_cache_hit_tokens : 0;
}

/** The signal model calls get: aborted by the errand's own signal, or by one call's time limit. */
interface CallSignal {
  signal: AbortSignal;
  /** Aborts the call under way; the next call gets a fresh signal. */
  timeOut(): void;
}

const callSignals = new WeakMap<AbortSignal, CallSignal>();

/**
 * One controller for an errand's model calls, made once and listening once to the errand's signal,
 * rather than a controller and a listener for every call; a call that times out spends it, and the
 * next call gets a new one.
 */
function callSignal(errand: AbortSignal): CallSignal {
  const known = callSignals.get(errand);
  if (known && !known.signal.aborted) return known;
  const controller = new AbortController();
  const made: CallSignal = {
    signal: controller.signal,
    timeOut: () => controller.abort(new DOMException('The model call timed out', 'TimeoutError')),
  };
  if (errand.aborted) controller.abort(errand.reason);
  else errand.addEventListener('abort', () => controller.abort(errand.reason), { once: true });
  callSignals.set(errand, made);
  return made;
}

/** Checks a model turn: known tools, parseable arguments that fit their schema. */
export function decide(content: LanguageModelV3Content[], tools: Toolset): Decided {
  const text = content
    .filter((c) => c.type === 'text')
    .map((c) => (c as { text: string }).text)
    .join('')
    .trim();
  const rawCalls = content.filter((c) => c.type === 'tool-call') as {
    toolCallId: string;
    toolName: string;
    input: string;
  }[];
  if (rawCalls.length === 0) return { type: 'text_only', text };
  const proposed: ProposedCall[] = [];
  const calls: ValidCall[] = [];
  const problems = new Map<string, string>();
  for (const raw of rawCalls) {
    let input: unknown;
    try {
      input = raw.input.trim() === '' ? {} : JSON.parse(raw.input);
    } catch {
      input = raw.input;
      problems.set(
        raw.toolCallId,
        `The arguments of ${raw.toolName} are not valid JSON: ${raw.input.slice(0, 200)}`,
      );
    }
    proposed.push({ callId: raw.toolCallId, tool: raw.toolName, input });
    if (problems.has(raw.toolCallId)) continue;
    const tool = tools.get(raw.toolName);
    if (!tool) {
      problems.set(
        raw.toolCallId,
        `There is no tool named "${raw.toolName}". Use one of the tools you were given.`,
      );
      continue;
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      problems.set(raw.toolCallId, `The arguments of ${raw.toolName} must be a JSON object.`);
      continue;
    }
    const checked = checkInput(tool, input as Record<string, unknown>);
    if (typeof checked === 'string') {
      problems.set(raw.toolCallId, checked);
      continue;
    }
    calls.push({ callId: raw.toolCallId, tool, input: checked });
  }
  if (problems.size > 0) {
    return { type: 'invalid', text, proposed, problems, problem: [...problems.values()].join(' ') };
  }
  return { type: 'calls', text, proposed, calls };
}

/**
 * The input to act on — a built-in's parsed input, with its defaults filled in (a `finish` without the
 * optional evidence has an empty list) — or what is wrong with it.
 */
function checkInput(tool: AnyTool, input: Record<string, unknown>): Record<string, unknown> | string {
  if (tool.kind === 'builtin') {
    const parsed = tool.parse.safeParse(input);
    if (parsed.success) return parsed.data as Record<string, unknown>;
    return `Invalid arguments for ${tool.name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`;
  }
  const validate = tool.validate();
  if (!validate || validate(input)) return input;
  const errors = (validate.errors ?? [])
    .slice(0, 3)
    .map(
      (e) =>
        `${e.instancePath || 'input'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
    );
  return `Invalid arguments for ${tool.name}: ${errors.join('; ')}. Fix them to match the tool's schema.`;
}
