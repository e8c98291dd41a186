import { context, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { JournalEvent, Usage } from '../agent/events.js';
import { ERRAND, GENAI, modelNames } from './genai.js';

/**
 * Turns one errand's journal events, in order, into spans: one `invoke_agent errand` span for the
 * errand, a `chat <model>` span under it for every model call (the planner's included) and an
 * `execute_tool <tool>` span for every action the model proposed, timed by the journal's own clock.
 * The journal stays the source of truth; the spans are a view of it that other tools can read.
 */
export class ErrandSpans {
  #root: Span | undefined;
  #model = { provider: 'unknown', model: 'unknown' };
  readonly #calls = new Map<string, Span>();
  readonly #tools = new Map<string, Span>();
  #ended = false;

  constructor(
    private readonly tracer: Tracer,
    private readonly errandId: string,
  ) {}

  /** True once the errand's last event has closed its span. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Takes the errand's next event. */
  event(e: JournalEvent): void {
    if (this.#ended) return;
    const root = this.#rootAt(e);
    switch (e.type) {
      case 'task.created':
        this.#setModel(e.model);
        break;
      case 'task.started':
        this.#setModel(e.task.model);
        break;
      case 'intents.derived':
        root.addEvent('intents.derived', { [ERRAND.intents]: e.lines.length }, e.at);
        break;
      case 'model.requested':
        this.#calls.set(
          `${e.step}:${e.attempt}`,
          this.#child(`chat ${this.#model.model}`, SpanKind.CLIENT, e.at, {
            [GENAI.operation]: 'chat',
            [GENAI.provider]: this.#model.provider,
            [GENAI.system]: this.#model.provider,
            [GENAI.requestModel]: this.#model.model,
            [ERRAND.step]: e.step,
            [ERRAND.attempt]: e.attempt,
          }),
        );
        break;
      case 'model.responded': {
        const span = this.#take(this.#calls, `${e.step}:${e.attempt}`);
        span?.setAttributes({
          [GENAI.responseModel]: modelNames(e.model).model,
          [GENAI.finishReasons]: [e.calls.length ? 'tool_calls' : 'stop'],
          [ERRAND.latencyMs]: Math.round(e.latencyMs),
          ...usageAttributes(e.usage),
        });
        span?.end(e.at);
        break;
      }
      case 'model.failed': {
        const span = this.#take(this.#calls, `${e.step}:${e.attempt}`);
        span?.setAttribute(GENAI.errorType, e.error.code);
        span?.setStatus({ code: SpanStatusCode.ERROR, message: e.error.message });
        span?.end(e.at);
        break;
      }
      case 'action.proposed':
        this.#tools.set(
          e.callId,
          this.#child(`execute_tool ${e.tool}`, SpanKind.INTERNAL, e.at, {
            [GENAI.operation]: 'execute_tool',
            [GENAI.toolName]: e.tool,
            [GENAI.toolCallId]: e.callId,
            [GENAI.toolType]: 'function',
            [ERRAND.app]: e.app,
            [ERRAND.effect]: e.effect.kind,
            [ERRAND.step]: e.step,
          }),
        );
        break;
      case 'action.decided': {
        const span = this.#tools.get(e.callId);
        span?.setAttributes({ [ERRAND.decision]: e.decision, [ERRAND.decidedBy]: e.by });
        // A refused action never runs: its span ends with the verdict.
        if (e.decision !== 'allow') this.#take(this.#tools, e.callId)?.end(e.at);
        break;
      }
      case 'action.finished':
        this.#take(this.#tools, e.callId)?.end(e.at);
        break;
      case 'action.failed': {
        const span = this.#take(this.#tools, e.callId);
        span?.setAttribute(GENAI.errorType, e.error.code);
        span?.setStatus({ code: SpanStatusCode.ERROR, message: e.error.message });
        span?.end(e.at);
        break;
      }
      case 'task.finished':
      case 'task.failed':
      case 'task.cancelled':
      case 'task.interrupted':
        this.#end(e);
        break;
      default:
        break;
    }
  }

  #setModel(ref: string): void {
    this.#model = modelNames(ref);
    this.#root?.setAttributes({
      [GENAI.provider]: this.#model.provider,
      [GENAI.system]: this.#model.provider,
      [GENAI.requestModel]: this.#model.model,
    });
  }

  #rootAt(e: JournalEvent): Span {
    if (!this.#root) {
      this.#root = this.tracer.startSpan('invoke_agent errand', {
        kind: SpanKind.INTERNAL,
        startTime: e.at,
        attributes: {
          [GENAI.operation]: 'invoke_agent',
          [GENAI.agentName]: 'errand',
          [GENAI.conversationId]: this.errandId,
          [ERRAND.id]: this.errandId,
        },
      });
    }
    return this.#root;
  }

  #child(name: string, kind: SpanKind, at: number, attributes: Record<string, string | number>): Span {
    const parent = trace.setSpan(context.active(), this.#root!);
    return this.tracer.startSpan(name, { kind, startTime: at, attributes }, parent);
  }

  #take(spans: Map<string, Span>, key: string): Span | undefined {
    const span = spans.get(key);
    spans.delete(key);
    return span;
  }

  #end(e: Ending): void {
    // Whatever was still open (a call cut short by cancelling) ends with the errand.
    for (const span of [...this.#calls.values(), ...this.#tools.values()]) span.end(e.at);
    this.#calls.clear();
    this.#tools.clear();
    const root = this.#root!;
    const status = e.type.slice('task.'.length);
    root.setAttributes({
      [ERRAND.status]: status,
      [ERRAND.steps]: e.steps,
      ...usageAttributes(e.usage),
      ...(e.type === 'task.finished' ? { [ERRAND.outcome]: e.outcome } : {}),
    });
    if (e.type === 'task.failed') {
      root.setAttribute(GENAI.errorType, e.error.code);
      root.setStatus({ code: SpanStatusCode.ERROR, message: e.error.message });
    }
    root.end(e.at);
    this.#ended = true;
  }
}

/** The events that end an errand. */
type Ending = Extract<
  JournalEvent,
  { type: 'task.finished' | 'task.failed' | 'task.cancelled' | 'task.interrupted' }
>;

function usageAttributes(usage: Usage): Record<string, number> {
  return {
    [GENAI.inputTokens]: usage.inputTokens,
    [GENAI.outputTokens]: usage.outputTokens,
    ...(usage.cachedInputTokens !== undefined ? { [GENAI.cacheReadTokens]: usage.cachedInputTokens } : {}),
    ...(usage.reasoningTokens ? { [ERRAND.reasoningTokens]: usage.reasoningTokens } : {}),
    [ERRAND.costUsd]: usage.costUsd,
    [ERRAND.energyWh]: usage.energyWh,
  };
}
