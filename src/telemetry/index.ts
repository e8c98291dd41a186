/** Traces: errands, model calls and tool calls as OpenTelemetry spans, exported over OTLP/HTTP when configured. */
import type { Journal } from '../agent/journal.js';
import { ErrandSpans } from './errand-spans.js';
import type { Tracing } from './otlp.js';

export { ErrandSpans } from './errand-spans.js';
export { ERRAND, GENAI } from './genai.js';
export { startTracing, type Tracing, tracesUrl } from './otlp.js';

/**
 * Follows one errand's events in the journal and makes its spans; call before the errand starts.
 * Returns the function that stops following (the spans end by themselves with the errand's last event).
 */
export function traceErrand(tracing: Tracing | undefined, journal: Journal, errandId: string): () => void {
  if (!tracing) return () => {};
  const spans = new ErrandSpans(tracing.tracer, errandId);
  const stop = journal.subscribe(errandId, (e) => {
    spans.event(e);
    if (spans.ended) stop();
  });
  return stop;
}
