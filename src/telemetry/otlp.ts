import type { Tracer } from '@opentelemetry/api';
import { ErrandError } from '../errors.js';

/** Spans on their way out: a tracer, and a way to send what is buffered before the process ends. */
export interface Tracing {
  tracer: Tracer;
  /** Where spans go (the OTLP/HTTP traces URL). */
  url: string;
  /** Sends every span ended so far. */
  flush(): Promise<void>;
  /** Sends what is left and stops; waits at most `timeoutMs` for a collector that does not answer. */
  shutdown(timeoutMs?: number): Promise<void>;
}

/**
 * The OTLP/HTTP traces URL the environment names, following the OpenTelemetry SDK's variables:
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as it is, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`;
 * undefined when neither is set (tracing is off), or when `OTEL_SDK_DISABLED=true`.
 */
export function tracesUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const url = traces || (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ErrandError(
      'CONFIG_INVALID',
      `OTEL_EXPORTER_OTLP_${traces ? 'TRACES_' : ''}ENDPOINT is not a URL: write it as http://host:4318.`,
    );
  }
  if (!['http:', 'https:'].includes(parsed.protocol))
    throw new ErrandError(
      'CONFIG_INVALID',
      `errand sends traces over OTLP/HTTP only; the endpoint must start with http:// or https://.`,
    );
  return url;
}

/**
 * Starts exporting spans over OTLP/HTTP (JSON) when the environment names an endpoint, and returns
 * undefined otherwise: with no endpoint nothing of the SDK is even loaded. Headers such as an API key
 * come from `OTEL_EXPORTER_OTLP_HEADERS`, read by the exporter itself and never logged by errand.
 */
export async function startTracing(
  env: NodeJS.ProcessEnv = process.env,
  service = 'errand',
): Promise<Tracing | undefined> {
  const url = tracesUrl(env);
  if (!url) return undefined;
  const [{ TracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ]);
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME?.trim() || service }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({ url, timeoutMillis: 5000 }),
        scheduledDelayMillis: 1000,
      }),
    ],
  });
  const bounded = (work: Promise<void>, ms: number) =>
    Promise.race([work, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);
  return {
    tracer: provider.getTracer('errand', '0.1.0'),
    url,
    flush: () => provider.forceFlush(),
    shutdown: (timeoutMs = 5000) => bounded(provider.shutdown(), timeoutMs),
  };
}
