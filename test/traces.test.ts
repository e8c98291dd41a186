import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newErrandId, runErrand } from '../src/agent/runner.js';
import { ErrandDesk, WorldPool } from '../src/errands/index.js';
import { startSandbox } from '../src/connectors/sandbox.js';
import { MandateGuard, mandateSchema } from '../src/guard/index.js';
import { useModel } from '../src/models/registry.js';
import { PolicyModel } from '../src/models/testing.js';
import { startTracing, traceErrand, tracesUrl } from '../src/telemetry/index.js';
import { tempJournal } from './support/agent.js';
import { runCli } from './support/cli.js';
import { startOtlpReceiver } from './support/otlp-receiver.js';
import { lunchPolicy } from './support/policies.js';

const REQUEST = '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('where traces go', () => {
  it('is nowhere unless an OTLP endpoint is configured', async () => {
    expect(tracesUrl({})).toBeUndefined();
    expect(await startTracing({})).toBeUndefined();
    expect(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/' })).toBe(
      'http://127.0.0.1:4318/v1/traces',
    );
    expect(
      tracesUrl({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:9999/traces',
      }),
    ).toBe('http://127.0.0.1:9999/traces');
    expect(
      tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x:1', OTEL_SDK_DISABLED: 'true' }),
    ).toBeUndefined();
    expect(() => tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://127.0.0.1:4317' })).toThrow(/OTLP\/HTTP/);
    expect(() => tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' })).toThrow(/not a URL/);
  });
});

describe('spans of an errand, sent to a local OTLP receiver', () => {
  it('follow the GenAI conventions: one agent span, a chat span per model call, a tool span per action', async () => {
    const receiver = await startOtlpReceiver();
    cleanups.push(receiver.close);
    const sandbox = await startSandbox({ seed: 1 });
    cleanups.push(sandbox.close);
    const tracing = await startTracing({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'errand-test',
    });
    expect(tracing).toBeDefined();
    const journal = tempJournal();
    const errandId = newErrandId();
    traceErrand(tracing, journal, errandId);
    const { report } = await runErrand({
      errandId,
      task: { request: REQUEST, profile: sandbox.profile, model: 'scripted:lunch' },
      model: useModel(new PolicyModel(lunchPolicy(), 'lunch')),
      connectors: sandbox.connectors,
      journal,
      guard: new MandateGuard(
        mandateSchema.parse({ budgetFen: 4000 }),
        sandbox.trusted(REQUEST),
        () => sandbox.world.now,
      ),
      now: sandbox.now,
    });
    expect(report.outcome).toBe('done');
    await tracing!.shutdown();

    const spans = receiver.spans;
    expect(receiver.requests.every((r) => r.contentType?.startsWith('application/json'))).toBe(true);
    const roots = spans.filter((s) => s.name === 'invoke_agent errand');
    expect(roots).toHaveLength(1);
    const root = roots[0]!;
    expect(root.service).toBe('errand-test');
    expect(root.parentSpanId).toBe('');
    expect(root.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'errand',
      'gen_ai.conversation.id': errandId,
      'gen_ai.provider.name': 'scripted',
      'gen_ai.request.model': 'lunch',
      'gen_ai.usage.input_tokens': report.usage.inputTokens,
      'gen_ai.usage.output_tokens': report.usage.outputTokens,
      'errand.outcome': 'done',
      'errand.status': 'finished',
    });
    expect(root.attributes['errand.usage.cost_usd']).toBeCloseTo(report.usage.costUsd, 10);
    // Every other span is a child of the errand's, in the same trace.
    for (const s of spans.filter((x) => x !== root)) {
      expect(s.traceId).toBe(root.traceId);
      expect(s.parentSpanId).toBe(root.spanId);
    }

    // One chat span per model call in the journal (the planner's, step 0, included), with its tokens.
    const events = journal.events(errandId);
    const responded = events.filter((e) => e.type === 'model.responded');
    const chats = spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'chat');
    expect(chats.map((s) => s.attributes['errand.step'])).toEqual(responded.map((e) => e.step));
    expect(responded.map((e) => e.step)).toContain(0);
    chats.forEach((s, i) => {
      const e = responded[i]!;
      expect(s.name).toBe('chat lunch');
      expect(s.kind).toBe(3); // CLIENT
      expect(s.attributes['gen_ai.usage.input_tokens']).toBe(e.usage.inputTokens);
      expect(s.attributes['gen_ai.usage.output_tokens']).toBe(e.usage.outputTokens);
      expect(s.attributes['gen_ai.response.model']).toBe('lunch');
      expect(s.startMs).toBeLessThanOrEqual(s.endMs);
    });
    expect(chats.reduce((n, s) => n + (s.attributes['gen_ai.usage.input_tokens'] as number), 0)).toBe(
      report.usage.inputTokens,
    );

    // One tool span per action the model proposed, with the guard's verdict.
    const proposed = events.filter((e) => e.type === 'action.proposed');
    const tools = spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'execute_tool');
    expect(tools.map((s) => s.attributes['gen_ai.tool.call.id']).sort()).toEqual(
      proposed.map((e) => e.callId).sort(),
    );
    const pay = tools.find((s) => s.name === 'execute_tool pay_pay_request')!;
    expect(pay.attributes).toMatchObject({
      'gen_ai.tool.name': 'pay_pay_request',
      'gen_ai.tool.type': 'function',
      'errand.app': 'pay',
      'errand.effect': 'irreversible',
      'errand.guard.decision': 'allow',
      'errand.guard.decided_by': 'guard',
    });
    // The request's words are not put in spans: they may be private, and back ends keep spans long.
    expect(JSON.stringify(spans)).not.toContain('王芳');
  });

  it('are sent for errands run in the background (errand serve, errand mcp, the library)', async () => {
    const receiver = await startOtlpReceiver();
    cleanups.push(receiver.close);
    const tracing = await startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    const journal = tempJournal();
    const worlds = new WorldPool({ persona: 'liming' });
    cleanups.push(() => worlds.close());
    const desk = new ErrandDesk({ journal, worlds, tracing });
    const { errandId } = await desk.start({ request: '给王芳转20元', approve: 'auto' });
    await desk.ended(errandId);
    expect(desk.status(errandId)).toMatchObject({ status: 'finished', outcome: 'done' });
    await tracing!.shutdown();
    const root = receiver.spans.find((s) => s.name === 'invoke_agent errand');
    expect(root?.attributes).toMatchObject({
      'gen_ai.conversation.id': errandId,
      'errand.status': 'finished',
    });
    expect(receiver.spans.map((s) => s.name)).toContain('execute_tool pay_transfer');
  });

  it('are sent by `errand run` when OTEL_EXPORTER_OTLP_ENDPOINT is set', async () => {
    const receiver = await startOtlpReceiver();
    cleanups.push(receiver.close);
    const home = mkdtempSync(join(tmpdir(), 'errand-traces-'));
    const run = await runCli(['run', '--json', REQUEST], {
      env: {
        ERRAND_HOME: home,
        HOME: home,
        ERRAND_MODEL: '',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer collector-secret',
      },
    });
    expect(run.code).toBe(0);
    const errandId = JSON.parse(run.stdout.trim().split('\n').at(-1)!).errandId as string;
    const root = receiver.spans.find((s) => s.name === 'invoke_agent errand');
    expect(root?.attributes).toMatchObject({
      'gen_ai.conversation.id': errandId,
      'gen_ai.provider.name': 'recipe',
      'errand.outcome': 'done',
    });
    const tools = receiver.spans.filter((s) => s.name.startsWith('execute_tool '));
    expect(tools.map((s) => s.name)).toEqual(
      expect.arrayContaining(['execute_tool food_place_order', 'execute_tool pay_pay_request']),
    );
    // The collector's key went where the collector reads it, and nowhere the person sees.
    expect(receiver.requests[0]!.authorization).toBe('Bearer collector-secret');
    expect(run.stdout + run.stderr).not.toContain('collector-secret');
  });
});
