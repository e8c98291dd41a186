import {
  APICallError,
  type LanguageModelV3,
  type LanguageModelV3CallOptions,
  type LanguageModelV3Content,
  type LanguageModelV3GenerateResult,
  type LanguageModelV3Prompt,
} from '@ai-sdk/provider';
import { countTokens } from './tokens.js';

/** One tool call a scripted model makes. `rawInput` sends text as is (to test unparseable arguments). */
export interface ScriptedCall {
  tool: string;
  input?: unknown;
  rawInput?: string;
  id?: string;
}

/**
 * One model turn: text and tool calls (after reasoning, for a model that thinks first; `signature` plays a
 * provider's metadata on it, as Anthropic signs thinking), a provider failure, or a call that never answers.
 */
export type Turn =
  | {
      reasoning?: string;
      signature?: string;
      text?: string;
      calls?: ScriptedCall[];
      usage?: { input?: number; output?: number };
    }
  | { fail: { status?: number; message?: string } }
  | { hang: true };

/**
 * A tool result as a policy reads it: the app's data as errand received it (the model itself is shown a
 * lean text form of it), or for an error or a built-in, its text parsed back into data where it was JSON.
 */
export interface SeenResult {
  tool: string;
  callId: string;
  output: unknown;
  isError: boolean;
}

/** What a model sees on one call, made easy to read for a policy. */
export interface ModelView {
  /** 0 for the first call. */
  call: number;
  system: string;
  /** The person's request: the first user message. */
  request: string;
  /** Every user message's text (repair and reflection prompts arrive as user text). */
  userTexts: string[];
  tools: string[];
  /** Every tool result so far, in order. */
  results: SeenResult[];
  /** The newest result of a tool, if any. */
  last(tool?: string): SeenResult | undefined;
  options: LanguageModelV3CallOptions;
}

/** A call to a tool, for scripts: `call('food_place_order', {...})`. */
export function call(tool: string, input: unknown = {}): ScriptedCall {
  return { tool, input };
}

/** The built-in `finish` call, for scripts. */
export function finish(
  summary: string,
  evidence: { app: string; kind: string; id: string; detail?: string }[] = [],
  outcome: 'done' | 'blocked' | 'refused' = 'done',
): ScriptedCall {
  return { tool: 'finish', input: { outcome, summary, evidence } };
}

/**
 * The planner's answer, for scripts: what the request asks for, as intents. errand's planner call offers
 * only the `declare_intents` tool (`view.tools`), so a policy can tell it from the errand's own turns.
 */
export function declareIntents(
  intents: Record<string, unknown>[],
  understood = 'as asked',
  budgetFen: number | null = null,
): ScriptedCall {
  return { tool: 'declare_intents', input: { intents, budgetFen, understood } };
}

/** True when the model is asked for the intents of the request (errand's planner call). */
export function isPlanning(view: Pick<ModelView, 'tools'>): boolean {
  return view.tools.length === 1 && view.tools[0] === 'declare_intents';
}

const FENCE = /⟦data:[0-9a-f]+[^⟧]*⟧\n?([\s\S]*?)\n?⟦\/data:[0-9a-f]+⟧/;

/**
 * Results already parsed, by the output object the history holds: a policy reads every result on every
 * turn, and parsing them all again made a long errand's turns grow with its length.
 */
const parsedOutputs = new WeakMap<object, { value: unknown; isError: boolean }>();

function parseOutput(output: unknown): { value: unknown; isError: boolean } {
  if (!output || typeof output !== 'object') return parseFresh(output);
  let parsed = parsedOutputs.get(output);
  if (!parsed) {
    parsed = parseFresh(output);
    parsedOutputs.set(output, parsed);
  }
  return parsed;
}

function parseFresh(output: unknown): { value: unknown; isError: boolean } {
  const o = output as { type: string; value?: unknown };
  if (o.type === 'json' || o.type === 'error-json')
    return { value: o.value, isError: o.type === 'error-json' };
  const text = String(o.value ?? '');
  const inner = FENCE.exec(text)?.[1] ?? text;
  let value: unknown = inner;
  try {
    value = JSON.parse(inner);
  } catch {
    // not JSON: keep the text
  }
  return { value, isError: o.type === 'error-text' || /^\s*(ERROR|error)\b/.test(text) };
}

/** Builds the policy's view of a prompt. */
export function viewOf(options: LanguageModelV3CallOptions, callIndex: number): ModelView {
  const prompt: LanguageModelV3Prompt = options.prompt;
  const system = prompt
    .filter((m) => m.role === 'system')
    .map((m) => m.content as string)
    .join('\n');
  const userTexts = prompt
    .filter((m) => m.role === 'user')
    .map((m) => (m.content as { type: string; text?: string }[]).map((p) => p.text ?? '').join(''));
  // Read only when a policy asks: a fixed script never looks at the results.
  let results: SeenResult[] | undefined;
  const readResults = (): SeenResult[] => {
    if (results) return results;
    results = [];
    for (const m of prompt) {
      if (m.role !== 'tool') continue;
      for (const part of m.content) {
        if (part.type !== 'tool-result') continue;
        const given = (part.providerOptions?.errand as { data?: unknown } | undefined)?.data;
        const { value, isError } =
          given !== undefined ? { value: given, isError: false } : parseOutput(part.output);
        results.push({ tool: part.toolName, callId: part.toolCallId, output: value, isError });
      }
    }
    return results;
  };
  return {
    call: callIndex,
    system,
    request: userTexts[0] ?? '',
    userTexts,
    tools: (options.tools ?? []).map((t) => t.name),
    get results() {
      return readResults();
    },
    last: (tool) => [...readResults()].reverse().find((r) => !tool || r.tool === tool),
    options,
  };
}

/** Tokens of the tools offered, once per tools array (the runner sends the same array until one opens). */
const toolTokens = new WeakMap<object, number>();

/**
 * What a provider would count for a prompt, with a real tokenizer (o200k_base): the messages and the
 * tool schemas, without errand's own side data, which never goes on the wire.
 */
function promptTokens(options: LanguageModelV3CallOptions): number {
  const tools = options.tools ?? [];
  let t = toolTokens.get(tools);
  if (t === undefined) {
    t = countTokens(JSON.stringify(tools));
    toolTokens.set(tools, t);
  }
  return Math.max(
    1,
    t + countTokens(JSON.stringify(options.prompt, (k, v) => (k === 'providerOptions' ? undefined : v))),
  );
}

abstract class BaseScriptedModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3' as const;
  readonly supportedUrls = {};
  /** Every call's options, for tests that check what the model was shown. */
  readonly seen: LanguageModelV3CallOptions[] = [];

  constructor(
    readonly modelId: string,
    readonly provider = 'scripted',
  ) {}

  protected abstract next(view: ModelView): Turn | Promise<Turn>;

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const view = viewOf(options, this.seen.length);
    this.seen.push(options);
    const turn = await this.next(view);
    if ('hang' in turn) {
      return new Promise((_resolve, reject) => {
        const abort = () => reject(options.abortSignal?.reason ?? new Error('aborted'));
        if (options.abortSignal?.aborted) abort();
        options.abortSignal?.addEventListener('abort', abort, { once: true });
      });
    }
    if ('fail' in turn) {
      const status = turn.fail.status ?? 500;
      throw new APICallError({
        message: turn.fail.message ?? `Scripted provider error ${status}`,
        url: 'scripted://model',
        requestBodyValues: {},
        statusCode: status,
        isRetryable: status === 429 || status >= 500,
      });
    }
    const content: LanguageModelV3Content[] = [];
    if (turn.reasoning !== undefined)
      content.push({
        type: 'reasoning',
        text: turn.reasoning,
        ...(turn.signature ? { providerMetadata: { scripted: { signature: turn.signature } } } : {}),
      });
    if (turn.text) content.push({ type: 'text', text: turn.text });
    (turn.calls ?? []).forEach((c, i) => {
      content.push({
        type: 'tool-call',
        toolCallId: c.id ?? `call_${this.seen.length}_${i}`,
        toolName: c.tool,
        input: c.rawInput ?? JSON.stringify(c.input ?? {}),
      });
    });
    const inputTokens = turn.usage?.input ?? promptTokens(options);
    // Reasoning is part of the output, as every provider bills it.
    const reasoningTokens = countTokens(turn.reasoning ?? '');
    const outputTokens =
      turn.usage?.output ??
      Math.max(
        1,
        countTokens(JSON.stringify(content.filter((c) => c.type !== 'reasoning'))) + reasoningTokens,
      );
    return {
      content,
      finishReason: {
        unified: content.some((c) => c.type === 'tool-call') ? 'tool-calls' : 'stop',
        raw: undefined,
      },
      usage: {
        inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
        outputTokens: {
          total: outputTokens,
          text: outputTokens - Math.min(reasoningTokens, outputTokens),
          reasoning: Math.min(reasoningTokens, outputTokens),
        },
      },
      warnings: [],
    };
  }

  doStream(): never {
    throw new Error('Scripted models answer with doGenerate only.');
  }
}

/** A model that plays a fixed script of turns, one per call; past the end it stops with text only. */
export class ScriptedModel extends BaseScriptedModel {
  readonly #turns: Turn[];

  constructor(turns: Turn[], modelId = 'script') {
    super(modelId);
    this.#turns = [...turns];
  }

  protected next(): Turn {
    return this.#turns.shift() ?? { text: '(the script has ended)' };
  }
}

/** A model whose every turn is a function of what it sees: for adversarial, gullible or looping behaviour. */
export class PolicyModel extends BaseScriptedModel {
  constructor(
    readonly policy: (view: ModelView) => Turn | Promise<Turn>,
    modelId = 'policy',
    provider = 'scripted',
  ) {
    super(modelId, provider);
  }

  protected next(view: ModelView): Turn | Promise<Turn> {
    return this.policy(view);
  }
}
