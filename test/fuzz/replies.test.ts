import type { LanguageModelV3Content, LanguageModelV3Prompt } from '@ai-sdk/provider';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../src/agent/events.js';
import { Journal } from '../../src/agent/journal.js';
import { runErrand } from '../../src/agent/runner.js';
import { decide } from '../../src/agent/runner/decide.js';
import type { BuiltinName } from '../../src/agent/runner/builtins.js';
import { type AnyTool, Toolset } from '../../src/agent/toolset.js';
import { inProcessConnectors } from '../../src/connectors/in-process.js';
import { trustedContext } from '../../src/connectors/sandbox.js';
import { ERROR_CODES } from '../../src/errors.js';
import { planReasoning } from '../../src/models/reasoning.js';
import { useModel } from '../../src/models/registry.js';
import { type ScriptedCall, ScriptedModel, type Turn } from '../../src/models/scripted.js';
import { type Snapshot, World } from '../../src/world/index.js';
import { MandateGuard, mandateSchema, unattended } from '../../src/guard/index.js';
import { LIMING, readerIntents } from '../support/agent.js';
import { KNOWN_KEYWORDS, keywordsOf, schemaArb } from './schema-arb.js';

/**
 * Every reply the offered tools' schemas allow is handled. Replies are generated from the tools' own JSON
 * schemas — every tool, random valid arguments, optional fields present or absent, whitespace around the
 * JSON and inside strings, several calls in one reply, text with the calls, reasoning before them, an
 * empty reply, text alone — with a fresh seed each run, and played through the real runner against a
 * real world. Whatever they are, the runner must never fail with INTERNAL: a reply ends in a typed
 * outcome, or acts, or gets a repair message; and the thread it sends back stays whole.
 *
 * Replay a run with ERRAND_REPLIES_SEED=<seed>.
 */
const SEED = process.env.ERRAND_REPLIES_SEED
  ? Number(process.env.ERRAND_REPLIES_SEED)
  : Math.floor(Math.random() * 2 ** 31);
const DECIDE_RUNS = Number(process.env.ERRAND_REPLIES_RUNS ?? 3000);
const ERRANDS = Number(process.env.ERRAND_REPLIES_ERRANDS ?? 80);
const BUILTINS: BuiltinName[] = [
  'update_plan',
  'ask_user',
  'finish',
  'read_more',
  'open_apps',
  'search_tools',
  'find_people',
];
const REQUEST = '帮我从川味小馆点一份宫保鸡丁送到公司，再告诉王芳我中午不回去吃饭';

let world: World;
let start: Snapshot;
let tools: Toolset;
let journal: Journal;
let examples: string[];
const tally = {
  replies: 0,
  calls: 0,
  empty: 0,
  textOnly: 0,
  acted: 0,
  repaired: 0,
  finished: 0,
  failed: 0,
  /** App calls that succeeded, and actions the guard refused or asked about. */
  succeeded: 0,
  refused: 0,
  /** Typed errors the apps and the guard answered with, by code. */
  codes: {} as Record<string, number>,
};

beforeAll(async () => {
  console.log(`replies fuzz: seed ${SEED} (replay with ERRAND_REPLIES_SEED=${SEED})`);
  world = World.open({ seed: 1 });
  start = world.snapshot();
  tools = await Toolset.build(inProcessConnectors(world), BUILTINS);
  journal = new Journal(':memory:');
  // Ids the tools' descriptions give as examples (r_chuanwei, p_wangfang …) and the world's own records'
  // ids, so that calls reach real restaurants, dishes, people and addresses, not only NOT_FOUND.
  const text = [...tools.tools.values()].map((t) => JSON.stringify(t.schema)).join(' ');
  const described = (text.match(/\b[a-z]{1,5}_[a-z0-9_]{3,}\b/g) ?? []).filter((id) => !tools.get(id));
  const tables = world.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
    name: string;
  }[];
  const records = tables.flatMap(({ name }) => {
    const columns = world.db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[];
    if (!columns.some((c) => c.name === 'id')) return [];
    return (world.db.prepare(`SELECT id FROM "${name}" LIMIT 40`).all() as { id: unknown }[])
      .map((r) => r.id)
      .filter((id): id is string => typeof id === 'string');
  });
  examples = [...new Set([...described, ...records])];
});

afterAll(() => {
  console.log(`replies fuzz: ${JSON.stringify(tally)}`);
  journal?.close();
  world?.close();
});

type Reply = { reasoning?: string; text?: string; calls: { tool: string; args: unknown; raw: string }[] };

function tool(name: string): AnyTool {
  return tools.get(name)!;
}

/** JSON as models write it: compact, pretty, padded with spaces and newlines. */
const layout = fc.constantFrom(
  (v: unknown) => JSON.stringify(v),
  (v: unknown) => JSON.stringify(v, null, 2),
  (v: unknown) => ` \n${JSON.stringify(v, null, '\t')}\n `,
  // Spaces after every comma and colon, on one line (only the layout has newlines: strings escape theirs).
  (v: unknown) => JSON.stringify(v, null, 1).replace(/\n\s*/g, ' '),
);

function callArb(): fc.Arbitrary<Reply['calls'][number]> {
  return fc
    .constantFrom(...tools.tools.keys())
    .chain((name) =>
      fc
        .tuple(schemaArb(tool(name).schema as never, examples), layout)
        .map(([args, write]) => ({ tool: name, args, raw: write(args) })),
    );
}

const words = fc.oneof(
  fc.constantFrom('先查一下菜单。', 'Let me check.', '  \n', '好的', ' 下单 \n\n'),
  fc.string({ maxLength: 30 }),
);

function replyArb(): fc.Arbitrary<Reply> {
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record(
        { reasoning: words, text: words, calls: fc.array(callArb(), { minLength: 1, maxLength: 3 }) },
        { requiredKeys: ['calls'] },
      ) as fc.Arbitrary<Reply>,
    },
    { weight: 1, arbitrary: fc.constant({ calls: [] as Reply['calls'] }) },
    {
      weight: 1,
      arbitrary: fc.record(
        { reasoning: words, text: words, calls: fc.constant([] as Reply['calls']) },
        { requiredKeys: ['calls'] },
      ) as fc.Arbitrary<Reply>,
    },
  );
}

function contentOf(reply: Reply, turn: number): LanguageModelV3Content[] {
  return [
    ...(reply.reasoning !== undefined ? [{ type: 'reasoning' as const, text: reply.reasoning }] : []),
    ...(reply.text !== undefined ? [{ type: 'text' as const, text: reply.text }] : []),
    ...reply.calls.map((c, i) => ({
      type: 'tool-call' as const,
      toolCallId: `call_${turn}_${i}`,
      toolName: c.tool,
      input: c.raw,
    })),
  ];
}

describe('every reply the tools allow', () => {
  it('knows every keyword the tool schemas use', () => {
    const used = new Set<string>();
    for (const t of tools.tools.values()) keywordsOf(t.schema, used);
    expect([...used].filter((k) => !KNOWN_KEYWORDS.has(k))).toEqual([]);
    expect(tools.tools.size).toBeGreaterThan(50);
  });

  it('is taken as valid calls, with the defaults applied', () => {
    fc.assert(
      fc.property(replyArb(), (reply) => {
        const decided = decide(contentOf(reply, 0), tools);
        const text = (reply.text ?? '').trim();
        if (reply.calls.length === 0) {
          expect(decided).toEqual({ type: 'text_only', text });
          return;
        }
        if (decided.type !== 'calls')
          throw new Error(`a valid reply was refused: ${JSON.stringify(decided)}`);
        expect(decided.text).toBe(text);
        expect(decided.calls.map((c) => c.tool.name)).toEqual(reply.calls.map((c) => c.tool));
        decided.calls.forEach((c, i) => {
          const t = tool(reply.calls[i]!.tool);
          // A built-in's input is the schema's parse: its defaults (finish's evidence []) filled in.
          const want = t.kind === 'builtin' ? t.parse.parse(reply.calls[i]!.args) : reply.calls[i]!.args;
          expect(c.input).toEqual(want);
        });
      }),
      { seed: SEED, numRuns: DECIDE_RUNS },
    );
  });

  it('runs through the runner with no INTERNAL error: a typed outcome, an action or a repair each time', async () => {
    const finishArb = schemaArb(tools.get('finish')!.schema as never, examples);
    await fc.assert(
      fc.asyncProperty(
        fc.array(replyArb(), { minLength: 1, maxLength: 5 }),
        finishArb,
        fc.boolean(),
        fc.constantFrom('none', 'deny', 'auto'),
        async (replies, finishArgs, sign, guarded) => {
          world.restore(start);
          const turns: Turn[] = replies.map((r, t) => ({
            ...(r.reasoning !== undefined ? { reasoning: r.reasoning } : {}),
            ...(sign && r.reasoning !== undefined ? { signature: `sig-${t}` } : {}),
            ...(r.text !== undefined ? { text: r.text } : {}),
            calls: r.calls.map((c, i): ScriptedCall => ({ tool: c.tool, rawInput: c.raw, id: `c${t}_${i}` })),
          }));
          turns.push({ reasoning: 'done', calls: [{ tool: 'finish', input: finishArgs, id: 'c_finish' }] });
          const model = new ScriptedModel(turns);
          const trusted = trustedContext(world, REQUEST);
          // Half the errands meet errand's own guard, with the reader's intents, answering asks by policy.
          const mandate = mandateSchema.parse({ budgetFen: 5000 });
          const guard =
            guarded === 'none'
              ? {}
              : {
                  guard: new MandateGuard(mandate, trusted, () => world.now),
                  intents: readerIntents(REQUEST, world),
                  approver: unattended(guarded),
                };
          const { errandId } = await runErrand({
            task: { request: REQUEST, profile: LIMING, model: 'scripted:script', mandate },
            model: { ...useModel(model), reasoning: planReasoning('scripted', 'script', 'medium') },
            connectors: inProcessConnectors(world),
            journal,
            trusted,
            ...guard,
            retry: { retries: 0, baseMs: 1, timeoutMs: 5000 },
          });
          const events = journal.events(errandId);
          const internal = events.filter((e) => JSON.stringify(e).includes('"code":"INTERNAL"'));
          if (internal.length)
            throw new Error(
              `INTERNAL error for replies ${JSON.stringify(turns)}: ${JSON.stringify(internal)}`,
            );
          for (const e of events) {
            if (e.type === 'action.failed') tally.codes[e.error.code] = (tally.codes[e.error.code] ?? 0) + 1;
            if (e.type === 'action.finished') tally.succeeded++;
            if (e.type === 'action.decided' && e.decision !== 'allow') tally.refused++;
            if (
              process.env.ERRAND_REPLIES_SHOW &&
              e.type === 'action.failed' &&
              e.error.code === 'INVALID_INPUT'
            )
              console.log(e.error.message);
          }
          checkOutcome(events);
          checkEachReply(events, replies);
          for (const prompt of model.seen.map((o) => o.prompt)) checkThread(prompt, sign);
        },
      ),
      { seed: SEED, numRuns: ERRANDS },
    );
    // A run that played nothing cannot pass.
    expect(tally.acted).toBeGreaterThan(ERRANDS);
    expect(tally.repaired).toBeGreaterThan(0);
  }, 300_000);
});

/** The errand ends in a typed outcome: finished, or failed with a code from errand's table (not INTERNAL). */
function checkOutcome(events: JournalEvent[]): void {
  const last = events.at(-1)!;
  if (last.type === 'task.finished') {
    tally.finished++;
    return;
  }
  if (last.type !== 'task.failed') throw new Error(`the errand ended with ${last.type}`);
  tally.failed++;
  expect(Object.keys(ERROR_CODES)).toContain(last.error.code);
  expect(['LIMIT_REACHED', 'MODEL_OUTPUT_INVALID']).toContain(last.error.code);
}

/** Each reply with calls is acted on (never refused as invalid); each reply without gets a repair message. */
function checkEachReply(events: JournalEvent[], replies: Reply[]): void {
  events.forEach((e, i) => {
    if (e.type !== 'model.responded' || e.step === 0) return;
    const end = events.findIndex(
      (x, j) => j > i && (x.type === 'model.requested' || x.type.startsWith('task.')),
    );
    const after = events.slice(i + 1, end < 0 ? undefined : end);
    const repaired = after.some((x) => x.type === 'model.output_invalid');
    const reply = replies[e.step - 1];
    tally.replies++;
    if (e.calls.length === 0) {
      if (reply) tally[reply.text?.trim() ? 'textOnly' : 'empty']++;
      expect(repaired, `step ${e.step}: a reply with no call must get a repair message`).toBe(true);
    } else {
      tally.calls += e.calls.length;
      tally.acted++;
      if (repaired) throw new Error(`step ${e.step}: valid calls were refused: ${JSON.stringify(after)}`);
    }
    if (repaired) tally.repaired++;
  });
}

/**
 * The thread sent back is whole: no empty assistant message; every call answered by its result in the
 * next message; reasoning only before the calls it led to, with the provider's metadata (a signature) kept.
 */
function checkThread(prompt: LanguageModelV3Prompt, signed: boolean): void {
  prompt.forEach((m, i) => {
    if (m.role !== 'assistant') return;
    expect(m.content.length, 'an empty assistant message').toBeGreaterThan(0);
    const calls = m.content.filter((p) => p.type === 'tool-call');
    const reasoning = m.content.filter((p) => p.type === 'reasoning');
    if (reasoning.length) {
      expect(calls.length, 'reasoning sent back without the calls it led to').toBeGreaterThan(0);
      expect(m.content[0]!.type).toBe('reasoning');
      if (signed) for (const r of reasoning) expect(r.providerOptions?.scripted).toHaveProperty('signature');
    }
    for (const c of calls)
      expect(typeof c.input === 'object' && c.input !== null && !Array.isArray(c.input)).toBe(true);
    if (calls.length === 0) return;
    const next = prompt[i + 1];
    expect(next?.role).toBe('tool');
    const answered =
      next?.role === 'tool' ? next.content.map((p) => (p as { toolCallId: string }).toolCallId) : [];
    expect(answered).toEqual(calls.map((c) => c.toolCallId));
  });
}
