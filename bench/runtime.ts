// npm run bench:runtime — errand's own overhead per step, journal included, against the AI SDK's bare
// tool loop (generateText with tools and stopWhen) on the same workload, measured in the same run:
// a scripted model with no latency, tools called in process on the same world.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateText, jsonSchema, stepCountIs, tool } from 'ai';
import { Journal } from '../src/agent/journal.js';
import { runErrand } from '../src/agent/runner.js';
import { inProcessConnectors } from '../src/connectors/in-process.js';
import { useModel } from '../src/models/registry.js';
import { call, finish, ScriptedModel, type Turn } from '../src/models/testing.js';
import { mcpTools, World } from '../src/world/index.js';
import { measure, row, summarise } from './stats.js';

const STEPS = 20;
const RUNS = 40;

const world = World.open({ seed: 1 });
const snapshot = world.snapshot();
const script = (): Turn[] => [
  ...Array.from({ length: STEPS - 1 }, (_, i) => ({
    calls: [call('pay_list_transactions', { limit: 1 + i })],
  })),
  { calls: [finish('done')] },
];

const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'errand-bench-')), 'errand.db'));
const connectors = inProcessConnectors(world);
const runErrandOnce = async () => {
  world.restore(snapshot);
  const { report } = await runErrand({
    task: {
      request: 'bench',
      profile: { name: 'bench', language: 'en' },
      model: 'scripted:bench',
      limits: { maxSteps: STEPS + 5 },
    },
    model: useModel(new ScriptedModel(script())),
    connectors,
    journal,
  });
  if (report.steps !== STEPS || report.status !== 'finished')
    throw new Error(`errand run went wrong: ${JSON.stringify(report.error)}`);
};

// The same tools, as AI SDK tools whose execute calls the same world.
const tools = Object.fromEntries(
  world.apps.flatMap((app) =>
    mcpTools(app).map((t) => [
      `${app.name}_${t.name}`,
      tool({
        description: t.description,
        inputSchema: jsonSchema<Record<string, unknown>>(t.inputSchema as never),
        execute: async (input: Record<string, unknown>) => {
          const result = world.call(app.name, t.name, input);
          return result.ok ? result.data : { error: result.error };
        },
      }),
    ]),
  ),
);
const runSdkOnce = async () => {
  world.restore(snapshot);
  const result = await generateText({
    model: new ScriptedModel(script()),
    prompt: 'bench',
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
};

// Alternate the two, so drift on a busy machine affects both alike.
const errandTimes: number[] = [];
const sdkTimes: number[] = [];
for (let i = 0; i < RUNS + 5; i++) {
  const e = await measure(runErrandOnce, 1, 0);
  const s = await measure(runSdkOnce, 1, 0);
  if (i >= 5) {
    errandTimes.push(e.median);
    sdkTimes.push(s.median);
  }
}
const errand = summarise(errandTimes);
const sdk = summarise(sdkTimes);

const perStep = (s: typeof errand) => ({
  ...s,
  median: s.median / STEPS,
  p90: s.p90 / STEPS,
  min: s.min / STEPS,
});
console.log(
  `errand bench:runtime — ${STEPS} steps per errand, ${RUNS} errands each, scripted model, tools in process`,
);
console.log(row('errand runner (journal, guard, context)', perStep(errand), 'us'));
console.log(row('AI SDK generateText + tools + stopWhen', perStep(sdk), 'us'));
console.log(
  `ratio errand / AI SDK (median per step): ${(errand.median / sdk.median).toFixed(2)}   target ≤ 1.00`,
);
journal.close();
world.close();
