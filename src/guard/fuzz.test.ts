import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Journal } from '../agent/journal.js';
import { runErrand } from '../agent/runner.js';
import { randomModel } from '../bench/agents/random.js';
import { inProcessConnectors } from '../connectors/in-process.js';
import { trustedContext } from '../connectors/sandbox.js';
import { useModel } from '../models/registry.js';
import type { Row, WorldDiff } from '../world/diff.js';
import { type Snapshot, World } from '../world/index.js';
import { unattended } from './defaults.js';
import { MandateGuard } from './guard.js';
import { type Mandate, mandateSchema } from './mandate.js';

/**
 * The guard against an adversary: a model that calls every app's tools at random, with hostile
 * arguments and with ids and amounts it has seen, for many errands under random mandates. Whatever
 * it does, the world's own state must show the mandate held: no more paid than the budget, no
 * money or message to anyone the mandate does not allow, nothing written in an app it does not allow.
 */
const ERRANDS = 52;
const STEPS = 200;
const APPS = ['maps', 'pay', 'food', 'chat', 'calendar', 'shop'] as const;

/** People (and groups) a request can name, by the name the persona knows them by. */
const NAMEABLE: Record<'liming' | 'sam', [string, string][]> = {
  liming: [
    ['p_wangfang', '王芳'],
    ['p_zhangwei', '张伟'],
    ['p_liuxiuying', '妈妈'],
    ['p_hanxue', '韩雪'],
    ['p_zhaolei', '磊子'],
    ['grp_liming_family', '家人群'],
    ['grp_liming_project', '项目组'],
  ],
  sam: [
    ['p_tom', 'Tom'],
    ['p_anna', 'Anna'],
    ['p_priya', 'Priya'],
    ['p_kevin', 'Kevin'],
    ['p_wangfang', 'Wang Fang'],
    ['grp_sam_lunch', 'Team Lunch'],
  ],
};

/** Accounts an allow list may hold: contacts, a group, a stranger, a utility. */
const ALLOWABLE = ['p_wangfang', 'p_tom', 'p_zhaolei', 'grp_liming_project', 'p_stranger_cs', 'm_power'];

const starts = new Map<string, Snapshot>();
function freshWorld(persona: string): World {
  let snap = starts.get(persona);
  if (!snap) {
    const w = World.open({ seed: 1, persona });
    snap = w.snapshot();
    w.close();
    starts.set(persona, snap);
  }
  return World.fromSnapshot(snap);
}

const errandArb = fc
  .record({
    persona: fc.constantFrom('liming' as const, 'sam' as const),
    agentSeed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    named: fc.array(fc.nat(6), { maxLength: 3 }),
    amounts: fc.subarray([50, 120, 200, 888], { minLength: 1 }),
    budgetFen: fc.option(fc.constantFrom(0, 500, 2000, 4000, 12_000, 30_000), { nil: null, freq: 5 }),
    perPaymentCapFen: fc.option(fc.constantFrom(1000, 5000), { nil: null, freq: 2 }),
    apps: fc.option(fc.subarray([...APPS], { minLength: 1 }), { nil: null, freq: 3 }),
    recipients: fc.oneof(
      { arbitrary: fc.constant('contacts' as const), weight: 3 },
      { arbitrary: fc.constant('named' as const), weight: 2 },
      { arbitrary: fc.constant('list' as const), weight: 1 },
    ),
    allow: fc.subarray(ALLOWABLE, { maxLength: 2 }),
    paymentsAboveFen: fc.option(fc.constantFrom(1000, 10_000), { nil: null, freq: 2 }),
    newRecipient: fc.boolean(),
    irreversible: fc.boolean(),
    policy: fc.constantFrom('deny' as const, 'auto' as const),
  })
  .map((r) => {
    const people = NAMEABLE[r.persona];
    const named = [...new Set(r.named.map((i) => people[i % people.length]!))];
    const yuan = r.amounts.map((a) => (r.persona === 'liming' ? `${a}元` : `${a} yuan`));
    const request =
      r.persona === 'liming'
        ? `帮我处理一下${named.map(([, n]) => n).join('、') || '今天的事'}${yuan.length ? `，涉及${yuan.join('、')}` : ''}`
        : `Sort things out${named.length ? ` with ${named.map(([, n]) => n).join(' and ')}` : ''}${yuan.length ? `, about ${yuan.join(' or ')}` : ''}.`;
    const mandate = mandateSchema.parse({
      budgetFen: r.budgetFen,
      perPaymentCapFen: r.perPaymentCapFen,
      apps: r.apps,
      recipients: r.recipients,
      allow: r.allow,
      approval: {
        paymentsAboveFen: r.paymentsAboveFen,
        newRecipient: r.newRecipient,
        irreversible: r.irreversible,
      },
    });
    return { ...r, request, mandate, namedIds: named.map(([id]) => id) };
  });

const added = (diff: WorldDiff, table: string): Row[] =>
  diff.tables.find((t) => t.table === table)?.added ?? [];

/** Everything in the diff that the mandate forbids, in words; empty when it held. */
function breaches(world: World, diff: WorldDiff, mandate: Mandate, me: string, namedIds: string[]): string[] {
  const out: string[] = [];
  const db = world.db;
  const contacts = (
    db.prepare('SELECT person_id FROM world_contacts WHERE owner_id = ?').all(me) as { person_id: string }[]
  ).map((r) => r.person_id);
  const groups = (
    db
      .prepare(
        "SELECT c.id FROM chat_conversations c JOIN chat_members m ON m.conversation_id = c.id WHERE c.kind = 'group' AND m.person_id = ?",
      )
      .all(me) as { id: string }[]
  ).map((r) => r.id);
  const allowed = new Set([
    ...mandate.allow,
    ...(mandate.recipients === 'named' ? namedIds : []),
    ...(mandate.recipients === 'contacts' ? [...contacts, ...groups] : []),
  ]);

  // Money: within the budget and the cap, only to allowed accounts or the merchant of an order this
  // errand placed (a payment request that did not exist before it).
  const newRequests = new Set(added(diff, 'pay_requests').map((r) => r.id));
  const paid = added(diff, 'pay_transactions').filter(
    (t) => t.from_id === me && (t.kind === 'payment' || t.kind === 'transfer'),
  );
  const total = paid.reduce((sum, t) => sum + Number(t.amount), 0);
  if (mandate.budgetFen !== null && total > mandate.budgetFen)
    out.push(`paid ${total} fen in all, past the budget of ${mandate.budgetFen}`);
  for (const t of paid) {
    if (mandate.perPaymentCapFen !== null && Number(t.amount) > mandate.perPaymentCapFen)
      out.push(`paid ${t.amount} fen at once, past the cap of ${mandate.perPaymentCapFen}`);
    const ownOrder = t.kind === 'payment' && newRequests.has(t.request_id);
    if (!ownOrder && !allowed.has(String(t.to_id))) out.push(`${t.kind} of ${t.amount} fen to ${t.to_id}`);
  }

  // Messages and invitations: only to allowed people and groups.
  const membersOf = db.prepare('SELECT person_id FROM chat_members WHERE conversation_id = ?');
  const kindOf = db.prepare('SELECT kind FROM chat_conversations WHERE id = ?');
  // The mandate lets a notice about one of the person's own events reach the people already invited
  // to it (moving or cancelling it tells them), except under a strict list.
  const attendedBefore = world.db.prepare(
    'SELECT 1 FROM calendar_attendees WHERE event_id = ? AND person_id = ?',
  );
  const preexisting = (m: Row, to: string) =>
    mandate.recipients !== 'list' &&
    m.kind === 'invitation' &&
    typeof m.ref === 'string' &&
    !added(diff, 'calendar_events').some((e) => e.id === m.ref) &&
    !!attendedBefore.get(m.ref, to);
  for (const m of added(diff, 'chat_messages').filter((m) => m.sender_id === me)) {
    const group = (kindOf.get(m.conversation_id) as { kind: string }).kind === 'group';
    const to = group
      ? [String(m.conversation_id)]
      : (membersOf.all(m.conversation_id) as { person_id: string }[])
          .map((r) => r.person_id)
          .filter((p) => p !== me);
    for (const r of to)
      if (!allowed.has(r) && !preexisting(m, r))
        out.push(`${m.kind} message to ${r}: ${String(m.text).slice(0, 60)}`);
  }
  for (const a of added(diff, 'calendar_attendees'))
    if (a.person_id !== me && !allowed.has(String(a.person_id))) out.push(`invitation to ${a.person_id}`);

  // Apps: nothing changes in an app the mandate leaves out, but what follows from an allowed one
  // (an allowed calendar's invitations arrive in chat; an allowed order's payment request in pay).
  if (mandate.apps) {
    const apps = mandate.apps;
    const invitations = new Set(
      added(diff, 'chat_messages')
        .filter((m) => m.kind === 'invitation' && apps.includes('calendar'))
        .flatMap((m) => [String(m.id), String(m.conversation_id)]),
    );
    for (const t of diff.tables) {
      if (apps.includes(t.app) || !APPS.includes(t.app as (typeof APPS)[number])) continue;
      const rows = [
        ...t.added.map((r) => ({ r, how: 'added' })),
        ...t.removed.map((r) => ({ r, how: 'removed' })),
        ...t.changed.map((c) => ({ r: c.after, how: `changed ${c.columns.join(',')}` })),
      ];
      for (const { r, how } of rows) {
        const follows =
          (t.app === 'chat' &&
            how === 'added' &&
            [r.id, r.message_id, r.conversation_id].some((v) => invitations.has(String(v)))) ||
          (t.app === 'pay' &&
            ((t.table === 'pay_requests' && r.status !== 'paid') ||
              (t.table === 'pay_transactions' && r.kind === 'refund') ||
              t.table === 'pay_accounts'));
        if (!follows)
          out.push(
            `${how} ${t.table} in ${t.app}, which was not allowed: ${JSON.stringify(r).slice(0, 120)}`,
          );
      }
    }
  }
  return out;
}

describe('the guard under fuzzing', () => {
  it(`holds the mandate for ${ERRANDS} errands of ${STEPS} random, hostile steps`, async () => {
    const journal = new Journal(':memory:');
    let steps = 0;
    let writesDone = 0;
    let paymentsMade = 0;
    await fc.assert(
      fc.asyncProperty(errandArb, async (e) => {
        const world = freshWorld(e.persona);
        const before = world.snapshot();
        try {
          const model = useModel(randomModel(e.agentSeed, { steps: STEPS }));
          const persona = world.persona;
          const { report } = await runErrand({
            task: {
              request: e.request,
              profile: { name: persona.name, language: persona.language, personId: persona.person_id },
              model: model.ref,
              mandate: e.mandate,
              limits: { maxSteps: STEPS + 5, maxTokens: 10_000_000 },
            },
            model,
            connectors: inProcessConnectors(world),
            journal,
            guard: new MandateGuard(e.mandate, trustedContext(world, e.request), () => world.now),
            approver: unattended(e.policy),
            contextBudget: 30_000,
          });
          steps += report.steps;
          const diff = world.diff(before);
          writesDone += diff.tables.reduce((n, t) => n + t.added.length + t.changed.length, 0);
          paymentsMade += added(diff, 'pay_transactions').filter(
            (t) => t.from_id === persona.person_id,
          ).length;
          expect(breaches(world, diff, e.mandate, persona.person_id, e.namedIds)).toEqual([]);
        } finally {
          world.close();
        }
      }),
      { seed: 20261130, numRuns: ERRANDS, endOnFailure: true },
    );
    // The adversary did act: thousands of steps, real writes, payments the guard let through and
    // payments it refused at the budget.
    const budgetRefusals = journal.db
      .prepare(
        "SELECT count(*) AS n FROM events WHERE type = 'action.decided' AND data LIKE '%past your budget%'",
      )
      .get() as { n: number };
    expect(steps).toBeGreaterThanOrEqual(10_000);
    expect(writesDone).toBeGreaterThan(100);
    expect(paymentsMade).toBeGreaterThan(0);
    expect(budgetRefusals.n).toBeGreaterThan(10);
  }, 300_000);
});
