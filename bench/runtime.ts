// npm run bench:runtime — errand's own overhead per step, with the guard in the loop, against the AI
// SDK's bare tool loop (generateText with tools and stopWhen) on the same workload, measured in the
// same run: a scripted model with no latency, tools called in process on the same world. errand runs
// as production does: the person's world read for the guard, intents given (as the offline reader
// gives them), MandateGuard on every call, the journal on disk. The workload reads, and makes the
// writes the intents allow: a transfer, a message, an order and its payment.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateText, jsonSchema, stepCountIs, tool } from 'ai';
import { Journal } from '../src/agent/journal.js';
import { runErrand } from '../src/agent/runner.js';
import { inProcessConnectors } from '../src/connectors/in-process.js';
import { trustedContext } from '../src/connectors/sandbox.js';
import { type IntentSet, MandateGuard, mandateSchema, unattended } from '../src/guard/index.js';
import { useModel } from '../src/models/registry.js';
import { call, finish, ScriptedModel, type Turn } from '../src/models/testing.js';
import { mcpTools, World } from '../src/world/index.js';
import { measure, row, summarise } from './stats.js';

const STEPS = 20;
/** `estimated` makes the scripted model estimate tokens from the prompt, as the bench did before. */
const USAGE = process.env.BENCH_USAGE ?? 'given';
const RUNS = 100;

const world = World.open({ seed: 1, persona: 'liming' });
const snapshot = world.snapshot();
const request = '给王芳转50元，告诉张伟我晚点到，再从川味小馆点一份宫保鸡丁送到公司，40元以内';
const intents: IntentSet = {
  intents: [
    { id: 'i1', said: '给王芳转50元', kind: 'transfer', to: 'p_wangfang', amountFen: 5000 },
    { id: 'i2', said: '告诉张伟我晚点到', kind: 'message', to: ['p_zhangwei'] },
    {
      id: 'i3',
      said: '从川味小馆点一份宫保鸡丁送到公司，40元以内',
      kind: 'order',
      app: 'food',
      merchantName: '川味小馆',
      items: [{ names: ['宫保鸡丁'], quantity: 1 }],
      address: 'addr_liming_office',
      budgetFen: 4000,
    },
  ],
  budgetFen: null,
  understood: request,
  source: 'reader',
};
const mandate = mandateSchema.parse({});

// The order's payment request and total, as the world will report them: learned once on a fork.
const order = (() => {
  const fork = world.fork();
  const placed = fork.call('food', 'place_order', {
    restaurant_id: 'r_chuanwei',
    address_id: 'addr_liming_office',
    items: [{ dish_id: 'd_chuanwei_gongbao', quantity: 1 }],
    idempotency_key: 'bench',
  });
  fork.close();
  if (!placed.ok) throw new Error(`the bench order cannot be placed: ${placed.error.message}`);
  const data = placed.data as {
    payment_request_id: string;
    total: { amount: number };
    payee_account_id: string;
  };
  return { request: data.payment_request_id, total: data.total.amount, payee: data.payee_account_id };
})();

// Each turn says its token counts, so the scripted model does not estimate them by serialising the
// prompt and every tool on each call: that is the fake model's work, not either loop's.
const usage = USAGE === 'estimated' ? undefined : { input: 1000, output: 50 };
const script = (): Turn[] => {
  const calls = [
    call('chat_list_contacts'),
    call('pay_get_balance'),
    call('food_search_restaurants', { query: '川味' }),
    call('food_get_menu', { restaurant_id: 'r_chuanwei' }),
    call('pay_transfer', { to_account_id: 'p_wangfang', amount_fen: 5000, memo: '午饭钱' }),
    call('chat_send_message', { to: 'p_zhangwei', text: '我晚点到' }),
    call('food_list_addresses'),
    call('food_place_order', {
      restaurant_id: 'r_chuanwei',
      address_id: 'addr_liming_office',
      items: [{ dish_id: 'd_chuanwei_gongbao', quantity: 1 }],
    }),
    call('pay_pay_request', {
      request_id: order.request,
      amount_fen: order.total,
      payee_account_id: order.payee,
    }),
  ];
  const reads = Array.from({ length: STEPS - 1 - calls.length }, (_, i) =>
    i % 2 === 0
      ? call('pay_list_transactions', { limit: 1 + i })
      : call('chat_read_messages', { conversation: 'p_zhangwei', limit: 1 + i }),
  );
  return [...[...calls, ...reads].map((c) => ({ calls: [c], usage })), { calls: [finish('done')], usage }];
};

const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'errand-bench-')), 'errand.db'));
const connectors = inProcessConnectors(world);
// The person's world the guard checks against, read as the CLI reads it before an errand starts (the
// world is restored to the same state each run, so once is enough; its cost is shown apart).
trustedContext(world, request); // the catalogue's names are read once per seed: warm it first
const readStarted = performance.now();
const trusted = trustedContext(world, request);
const readMs = performance.now() - readStarted;
let lastErrand = '';
const runErrandOnce = async () => {
  world.restore(snapshot);
  const { errandId, report } = await runErrand({
    task: {
      request,
      profile: { name: '李明', language: 'zh', personId: 'p_liming' },
      model: 'scripted:bench',
      mandate,
      limits: { maxSteps: STEPS + 5 },
    },
    model: useModel(new ScriptedModel(script())),
    connectors,
    journal,
    guard: new MandateGuard(mandate, trusted, () => world.now),
    trusted,
    intents,
    approver: unattended('deny'),
  });
  if (report.steps !== STEPS || report.status !== 'finished')
    throw new Error(`errand run went wrong: ${JSON.stringify(report.error)}`);
  lastErrand = errandId;
};

// The same tools, as AI SDK tools whose execute calls the same world — writes with an idempotency key
// from the call id, as errand's connector adds one, so both loops do the same work in the apps.
const tools = Object.fromEntries(
  world.apps.flatMap((app) =>
    mcpTools(app).map((t, i) => {
      const write = app.tools[i]!.effect.kind !== 'read';
      return [
        `${app.name}_${t.name}`,
        tool({
          description: t.description,
          inputSchema: jsonSchema<Record<string, unknown>>(t.inputSchema as never),
          execute: async (input: Record<string, unknown>, { toolCallId }) => {
            const result = world.call(
              app.name,
              t.name,
              write ? { ...input, idempotency_key: `sdk-${toolCallId}` } : input,
            );
            return result.ok ? result.data : { error: result.error };
          },
        }),
      ];
    }),
  ),
);
const runSdkOnce = async () => {
  world.restore(snapshot);
  const result = await generateText({
    model: new ScriptedModel(script()),
    prompt: request,
    tools: {
      ...tools,
      finish: tool({
        description: 'finish',
        inputSchema: jsonSchema<Record<string, unknown>>({ type: 'object' }),
      }),
    },
    stopWhen: stepCountIs(STEPS + 5),
  });
  if (result.steps.length !== STEPS) throw new Error(`AI SDK loop ran ${result.steps.length} steps`);
  const failed = result.steps.flatMap((s) =>
    s.content.filter((c) => c.type === 'tool-result' && (c.output as { error?: unknown })?.error),
  );
  if (failed.length)
    throw new Error(`AI SDK loop: a call failed: ${JSON.stringify(failed[0]).slice(0, 300)}`);
};

/** Wall and CPU milliseconds of one run; CPU time moves less when other work shares the machine. */
async function timed(fn: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const wall = (await measure(fn, 1, 0)).median;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

// Alternate the two, so drift on a busy machine affects both alike.
const errandRuns: { wall: number; cpu: number }[] = [];
const sdkRuns: { wall: number; cpu: number }[] = [];
for (let i = 0; i < RUNS + 5; i++) {
  const e = await timed(runErrandOnce);
  const s = await timed(runSdkOnce);
  if (i >= 5) {
    errandRuns.push(e);
    sdkRuns.push(s);
  }
}
const errand = summarise(errandRuns.map((r) => r.wall));
const sdk = summarise(sdkRuns.map((r) => r.wall));
const errandCpu = summarise(errandRuns.map((r) => r.cpu));
const sdkCpu = summarise(sdkRuns.map((r) => r.cpu));

// The guard decided on every call and let the intended writes through: counted from the journal.
journal.flush();
const events = journal.events(lastErrand);
const writes = new Set(
  events.flatMap((e) => (e.type === 'action.proposed' && e.effect.kind !== 'read' ? [e.callId] : [])),
);
const decided = events.filter((e) => e.type === 'action.decided');
const writesAllowed = decided.filter(
  (e) => e.type === 'action.decided' && e.decision === 'allow' && writes.has(e.callId),
).length;
if (writesAllowed !== 4 || decided.length !== STEPS - 1)
  throw new Error(`the guard decided ${decided.length} calls and allowed ${writesAllowed} writes`);

const perStep = (s: typeof errand) => ({
  ...s,
  median: s.median / STEPS,
  p90: s.p90 / STEPS,
  min: s.min / STEPS,
});
console.log(
  `errand bench:runtime — ${STEPS} steps per errand (${writesAllowed} writes the intents allow, the rest reads), ${RUNS} errands each, scripted model, tools in process`,
);
console.log(row('errand runner (guard, intents, journal)', perStep(errand), 'us'));
console.log(row('AI SDK generateText + tools + stopWhen', perStep(sdk), 'us'));
console.log(row('  errand, CPU time', perStep(errandCpu), 'us'));
console.log(row('  AI SDK, CPU time', perStep(sdkCpu), 'us'));
console.log(
  `(outside the loop: reading the person's world for the guard took ${readMs.toFixed(1)} ms, once per errand in the CLI)`,
);
console.log(
  `ratio errand / AI SDK (median per step): ${(errand.median / sdk.median).toFixed(2)} wall, ${(errandCpu.median / sdkCpu.median).toFixed(2)} CPU   target ≤ 1.00`,
);
journal.close();
world.close();
