import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/agent/journal.js';
import { runErrand } from '../../src/agent/runner.js';
import { randomModel } from '../../src/bench/agents/random.js';
import { inProcessConnectors } from '../../src/connectors/in-process.js';
import { trustedContext } from '../../src/connectors/sandbox.js';
import { MandateGuard, mandateSchema, offeredConnectors, unattended } from '../../src/guard/index.js';
import { useModel } from '../../src/models/registry.js';
import { formatWorldTime } from '../../src/world/clock.js';
import { type Snapshot, World } from '../../src/world/index.js';
import { type Breach, breaches, type Rule } from './breaches.js';
import { type Errand, errandArb } from './errands.js';
import { readScene, type Scene } from './scene.js';

/**
 * The guard against an adversary, with a fresh seed every run: random errands (requests built from
 * the persona's real world, in Chinese and English, with the intents a reader, a task file, the person
 * or a planner would give for them) under random mandates, each played by a hostile random agent for
 * up to STEPS turns through the real runner, offered only what production offers. Whatever it does,
 * the world's own tables must show that nothing happened that the intents and the mandate do not
 * allow, as judged by a checker that shares no code with the guard.
 *
 * Replay a run with ERRAND_FUZZ_SEED=<seed> (and ERRAND_FUZZ_PATH=<path> for one failing errand).
 */
const SEED = process.env.ERRAND_FUZZ_SEED
  ? Number(process.env.ERRAND_FUZZ_SEED)
  : Math.floor(Math.random() * 2 ** 31);
const PATH = process.env.ERRAND_FUZZ_PATH;
const ERRANDS = Number(process.env.ERRAND_FUZZ_ERRANDS ?? 64);
const STEPS = 200;
const MIN_STEPS = 10_000;
/** Rules to set aside while exploring past a known hole (ERRAND_FUZZ_IGNORE=change,cart); never in CI. */
const IGNORE = new Set((process.env.ERRAND_FUZZ_IGNORE ?? '').split(',').filter(Boolean) as Rule[]);

const starts = new Map<string, Snapshot>();
const scenes: Record<string, Scene> = {};
for (const persona of ['liming', 'sam']) {
  const w = World.open({ seed: 1, persona });
  starts.set(persona, w.snapshot());
  scenes[persona] = readScene(w);
  w.close();
}

/** What the adversary got done, so a run that did nothing cannot pass. */
const tally = {
  errands: 0,
  steps: 0,
  transfers: 0,
  orderPayments: 0,
  billPayments: 0,
  orders: 0,
  messages: 0,
  events: 0,
  changes: 0,
  refusedAtBudget: 0,
  doubts: 0,
  approvedByPolicy: 0,
  misreadings: [] as string[],
};

async function play(e: Errand, journal: Journal): Promise<Breach[]> {
  const world = World.fromSnapshot(starts.get(e.persona)!);
  const before = world.snapshot();
  try {
    const persona = world.persona;
    const mandate = mandateSchema.parse(e.mandate);
    const trusted = trustedContext(world, e.request);
    const model = useModel(randomModel(e.agentSeed, { steps: STEPS, hints: e.hints }));
    const { errandId, report } = await runErrand({
      task: {
        request: e.request,
        profile: { name: persona.name, language: persona.language, personId: persona.person_id },
        model: model.ref,
        mandate,
        limits: { maxSteps: STEPS + 5, maxTokens: 10_000_000 },
      },
      intents: e.intents,
      model,
      connectors: offeredConnectors(inProcessConnectors(world), mandate),
      journal,
      guard: new MandateGuard(mandate, trusted, () => world.now),
      trusted,
      approver: unattended(e.policy),
      now: () => formatWorldTime(world.now),
      contextBudget: 30_000,
    });
    const diff = world.diff(before);
    const old = new Database(before.bytes, { readonly: true });
    let found: Breach[];
    try {
      found = breaches(old, world.db, diff, {
        me: persona.person_id,
        intents: e.intents,
        mandate: e.mandate,
        named: e.named,
        saidAddress: e.saidAddress,
        startedAt: scenes[e.persona]!.now,
      });
    } finally {
      old.close();
    }
    found = found.filter((b) => !IGNORE.has(b.rule));
    count(e, errandId, report.steps, diff, journal, persona.person_id);
    if (found.length) console.error(trace(e, errandId, journal, found));
    return found;
  } finally {
    world.close();
  }
}

function count(
  e: Errand,
  errandId: string,
  steps: number,
  diff: ReturnType<World['diff']>,
  journal: Journal,
  me: string,
): void {
  const added = (t: string) => diff.tables.find((x) => x.table === t)?.added ?? [];
  tally.errands++;
  tally.steps += steps;
  const out = added('pay_transactions').filter((t) => t.from_id === me);
  tally.transfers += out.filter((t) => t.kind === 'transfer').length;
  const own = new Set([...added('food_orders'), ...added('shop_orders')].map((o) => o.payment_request_id));
  tally.orderPayments += out.filter((t) => t.kind === 'payment' && own.has(t.request_id)).length;
  tally.billPayments += out.filter((t) => t.kind === 'payment' && !own.has(t.request_id)).length;
  tally.orders += own.size;
  tally.messages += added('chat_messages').filter((m) => m.sender_id === me && m.kind === 'text').length;
  tally.events += added('calendar_events').length;
  tally.changes += ['food_orders', 'shop_orders', 'calendar_events', 'calendar_attendees', 'chat_messages']
    .map((t) => diff.tables.find((x) => x.table === t)?.changed.length ?? 0)
    .reduce((a, b) => a + b, 0);
  for (const ev of journal.events(errandId)) {
    if (ev.type === 'action.decided') {
      if (/budget|预算/.test(ev.reason) && ev.decision === 'deny') tally.refusedAtBudget++;
      if (ev.by === 'policy:auto' && ev.decision === 'allow') tally.approvedByPolicy++;
    }
    if (ev.type === 'intents.derived') tally.doubts += ev.doubts.length;
  }
  tally.misreadings.push(...e.misreadings);
}

/** The errand and every write the agent tried: what the guard decided, and what the app did. */
function trace(e: Errand, errandId: string, journal: Journal, found: Breach[]): string {
  const lines: string[] = [];
  const writes = new Map<string, number>();
  for (const ev of journal.events(errandId)) {
    if (ev.type === 'intents.derived') lines.push(`  doubts: ${JSON.stringify(ev.doubts)}`);
    if (ev.type === 'action.proposed' && ev.effect.kind !== 'read') {
      writes.set(ev.callId, lines.length);
      lines.push(`  step ${ev.step} ${ev.tool} ${JSON.stringify(ev.input).slice(0, 240)}`);
    }
    const at = 'callId' in ev ? writes.get(ev.callId) : undefined;
    if (at === undefined) continue;
    if (ev.type === 'action.decided')
      lines[at] += `\n    ${ev.decision} by ${ev.by}: ${ev.reason.slice(0, 160)}`;
    if (ev.type === 'action.finished') lines[at] += `\n    done: ${JSON.stringify(ev.output).slice(0, 160)}`;
    if (ev.type === 'action.failed') lines[at] += `\n    failed: ${ev.error.code}`;
  }
  return [
    `BREACH (seed ${SEED}; replay with ERRAND_FUZZ_SEED=${SEED})`,
    ...found.map((f) => `- [${f.rule}] ${f.what}`),
    `request: ${e.request}`,
    `intents: ${JSON.stringify(e.intents)}`,
    `mandate: ${JSON.stringify(e.mandate)}`,
    `policy: ${e.policy}; agent seed ${e.agentSeed}; named ${JSON.stringify(e.named)}; said addresses ${JSON.stringify(e.saidAddress)}`,
    'writes the guard allowed, and what the app did:',
    ...lines.filter((l) => /\n {4}(allow|done)/.test(l) || l.startsWith('  doubts')),
  ].join('\n');
}

describe('the guard under fuzzing', () => {
  it(`holds the intents and the mandate for ${ERRANDS} random errands of up to ${STEPS} hostile steps (seed ${SEED})`, async () => {
    console.log(`guard fuzz seed ${SEED} (replay: ERRAND_FUZZ_SEED=${SEED})`);
    const journal = new Journal(':memory:');
    const started = performance.now();
    // Every kind of write must have been tried, and enough steps taken, for the run to say anything: when
    // a draw fell short (no order was paid, say), fuzz another batch from the next seed, at most twice more.
    const acted = () =>
      tally.steps >= MIN_STEPS &&
      tally.transfers > 0 &&
      tally.orderPayments > 0 &&
      tally.messages > 0 &&
      tally.events > 0;
    try {
      for (let round = 0; round < (PATH ? 1 : 3) && (round === 0 || !acted()); round++) {
        await fc.assert(
          fc.asyncProperty(errandArb(scenes), async (e) => {
            expect((await play(e, journal)).map((b) => `[${b.rule}] ${b.what}`)).toEqual([]);
          }),
          { seed: SEED + round, numRuns: ERRANDS, endOnFailure: true, ...(PATH ? { path: PATH } : {}) },
        );
      }
    } finally {
      journal.close();
      console.log(
        `guard fuzz: ${tally.errands} errands, ${tally.steps} steps in ${((performance.now() - started) / 1000).toFixed(1)} s; ${JSON.stringify({ ...tally, misreadings: tally.misreadings.length })}`,
      );
    }
    if (PATH) return;
    // The adversary did act: thousands of steps, money moved and refused, real orders, messages and events.
    expect(tally.steps).toBeGreaterThanOrEqual(MIN_STEPS);
    expect(tally.transfers).toBeGreaterThan(0);
    expect(tally.orderPayments).toBeGreaterThan(0);
    expect(tally.messages).toBeGreaterThan(0);
    expect(tally.events).toBeGreaterThan(0);
    expect(tally.refusedAtBudget).toBeGreaterThan(0);
    expect(tally.doubts).toBeGreaterThan(0);
  }, 300_000);
});
