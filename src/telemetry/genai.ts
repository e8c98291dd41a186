/**
 * Attribute names from OpenTelemetry's GenAI semantic conventions (development status), written out
 * here rather than imported from the conventions' incubating entry, which is not meant to be depended on.
 */
export const GENAI = {
  operation: 'gen_ai.operation.name',
  provider: 'gen_ai.provider.name',
  /** The older name of `gen_ai.provider.name`, still read by most back ends. */
  system: 'gen_ai.system',
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  cacheReadTokens: 'gen_ai.usage.cache_read.input_tokens',
  finishReasons: 'gen_ai.response.finish_reasons',
  agentName: 'gen_ai.agent.name',
  conversationId: 'gen_ai.conversation.id',
  toolName: 'gen_ai.tool.name',
  toolCallId: 'gen_ai.tool.call.id',
  toolType: 'gen_ai.tool.type',
  errorType: 'error.type',
} as const;

/**
 * errand's own attributes, for what the conventions do not name: cost and energy, the guard's verdict,
 * the judged outcome.
 */
export const ERRAND = {
  id: 'errand.id',
  costUsd: 'errand.usage.cost_usd',
  energyWh: 'errand.usage.energy_wh',
  /** Output tokens spent reasoning (part of gen_ai.usage.output_tokens). */
  reasoningTokens: 'errand.usage.reasoning_tokens',
  outcome: 'errand.outcome',
  status: 'errand.status',
  steps: 'errand.steps',
  step: 'errand.step',
  attempt: 'errand.model.attempt',
  latencyMs: 'errand.model.latency_ms',
  app: 'errand.app',
  effect: 'errand.effect',
  decision: 'errand.guard.decision',
  decidedBy: 'errand.guard.decided_by',
  intents: 'errand.intents',
} as const;

/** Splits errand's `provider:model` reference into the two names the conventions use. */
export function modelNames(ref: string): { provider: string; model: string } {
  const at = ref.indexOf(':');
  return at <= 0
    ? { provider: ref || 'unknown', model: ref }
    : { provider: ref.slice(0, at), model: ref.slice(at + 1) };
}
