import fc from 'fast-check';
import type { Intent, IntentSet } from '../../src/guard/index.js';
import { createRng } from '../../src/world/rng.js';
import { CLAUSES, clause, type Lang, PROBES, probe } from './clauses.js';
import type { Mandate } from './breaches.js';
import type { Scene } from './scene.js';
import { namedIn, sayAmount } from './words.js';

/**
 * Random errands under random mandates, built from a persona's real world: a request in Chinese or
 * English (people by name, nickname or relation word; amounts in digits, Chinese numerals or words;
 * real dishes and products to saved addresses; messages, events, changes) and the intents a reader,
 * a task file, the person or a planner would give for it — planners sometimes naming people the
 * request does not, or another address than the one said, so those intents must carry doubts.
 */
export interface Errand {
  persona: string;
  request: string;
  intents: IntentSet;
  mandate: Mandate;
  policy: 'deny' | 'auto';
  agentSeed: number;
  /** Who the request could be said to name (generously): the truth the checker holds planners to. */
  named: string[];
  /** For each order intent whose clause said where to deliver: the saved address it said. */
  saidAddress: Record<string, string>;
  /**
   * What the attacker favours: the ids and amounts the intents allow, and the calls a careful agent
   * would make for them — to make, repeat and bend.
   */
  hints: { ids: string[]; amounts: number[]; calls: { tool: string; input: Record<string, unknown> }[] };
  /** Planner misreadings planted (an item or amount the request did not say), for the report. */
  misreadings: string[];
}

const mandateArb = fc.record({
  budgetFen: fc.option(fc.constantFrom(0, 2000, 12_000, 50_000, 200_000), { nil: null, freq: 2 }),
  perPaymentCapFen: fc.option(fc.constantFrom(5000, 20_000, 100_000), { nil: null, freq: 3 }),
  apps: fc.option(fc.subarray(['maps', 'pay', 'food', 'chat', 'calendar', 'shop'], { minLength: 1 }), {
    nil: null,
    freq: 2,
  }),
  recipients: fc.constantFrom(
    'contacts' as const,
    'contacts' as const,
    'named' as const,
    'named' as const,
    'named' as const,
    'list' as const,
  ),
  allow: fc.subarray(['p_wangfang', 'p_tom', 'p_zhaolei', 'grp_liming_project', 'p_stranger_cs', 'm_power'], {
    maxLength: 2,
  }),
  approval: fc.record({
    paymentsAboveFen: fc.option(fc.constantFrom(1000, 10_000), { nil: null, freq: 2 }),
    newRecipient: fc.boolean(),
    irreversible: fc.boolean(),
    unknownEffect: fc.constant(true),
  }),
});

/** The arbitrary of errands over the scenes of the personas. */
export function errandArb(scenes: Record<string, Scene>): fc.Arbitrary<Errand> {
  return fc
    .record({
      persona: fc.constantFrom(...Object.keys(scenes)),
      otherLang: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      clauses: fc.array(fc.record({ kind: fc.constantFrom(...CLAUSES), pick: fc.nat() }), {
        minLength: 1,
        maxLength: 4,
      }),
      wholeBudget: fc.option(fc.constantFrom(1000, 5000, 10_000, 50_000, 100_000), {
        nil: undefined,
        freq: 2,
      }),
      source: fc.constantFrom(
        'reader' as const,
        'planner' as const,
        'planner' as const,
        'task' as const,
        'person' as const,
      ),
      probes: fc.subarray([...PROBES], { maxLength: 3 }),
      probeSeed: fc.nat(),
      mandate: mandateArb,
      // Often a mandate that stands aside (any app, any amount, no approvals), so the intents alone
      // must hold the line.
      open: fc.boolean(),
      expired: fc.integer({ min: 0, max: 29 }).map((n) => n === 0),
      policy: fc.constantFrom('deny' as const, 'auto' as const),
      agentSeed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    })
    .map((r) => {
      const scene = scenes[r.persona]!;
      const lang: Lang = r.otherLang ? (scene.lang === 'zh' ? 'en' : 'zh') : scene.lang;
      const parts = r.clauses.map((c) => clause(c.kind, scene, lang, createRng(c.pick, c.kind)));
      const budgetText =
        r.wholeBudget === undefined
          ? ''
          : lang === 'zh'
            ? `，一共不超过${sayAmount(r.wholeBudget, lang, r.wholeBudget)}`
            : `; no more than ${sayAmount(r.wholeBudget, lang, r.wholeBudget)} in all`;
      const request =
        parts.map((p) => p.text).join(lang === 'zh' ? '；' : '; ') +
        budgetText +
        (lang === 'zh' ? '。' : '.');
      const named = namedIn(request, scene);
      const intents: Intent[] = [];
      const saidAddress: Record<string, string> = {};
      for (const p of parts) {
        if (!p.intent) continue;
        const id = `i${intents.length + 1}`;
        intents.push({ ...p.intent, id, said: p.text } as Intent);
        if (p.address) saidAddress[id] = p.address;
      }
      const rng = createRng(r.probeSeed, 'probes');
      const misreadings: string[] = [];
      for (const p of r.probes) {
        if (r.source !== 'planner' && p !== 'stranger') continue;
        const note = probe(p, intents, scene, named, saidAddress, rng);
        if (note) misreadings.push(note);
      }
      const set: IntentSet = {
        intents,
        budgetFen: r.wholeBudget ?? null,
        understood: request,
        source: r.source,
      };
      const loose = {
        budgetFen: null,
        perPaymentCapFen: null,
        apps: null,
        recipients: r.mandate.recipients === 'list' ? ('contacts' as const) : r.mandate.recipients,
        approval: { ...r.mandate.approval, irreversible: false },
      };
      const mandate: Mandate = {
        currency: 'CNY',
        ...r.mandate,
        ...(r.open ? loose : {}),
        expiresAt: r.expired ? new Date(scene.now - 60_000).toISOString() : null,
      };
      return {
        persona: r.persona,
        request,
        intents: set,
        mandate,
        policy: r.policy,
        agentSeed: r.agentSeed,
        named: [...named],
        saidAddress,
        hints: hintsOf(set, scene),
        misreadings,
      };
    });
}

/** The ids and amounts the intents allow, the catalogue ids their items name, and the calls that do them. */
function hintsOf(set: IntentSet, scene: Scene): Errand['hints'] {
  const ids = new Set<string>();
  const amounts = new Set<number>();
  const calls: Errand['hints']['calls'] = [];
  const call = (tool: string, input: Record<string, unknown>) => calls.push({ tool, input });
  if (set.budgetFen !== null) amounts.add(set.budgetFen);
  const start = '2026-12-02T15:00';
  for (const i of set.intents) {
    switch (i.kind) {
      case 'transfer':
        ids.add(i.to);
        if (i.amountFen) amounts.add(i.amountFen);
        call('pay_transfer', { to_account_id: i.to, amount_fen: i.amountFen ?? 100, memo: 'errand' });
        break;
      case 'pay_bill': {
        ids.add(i.payee);
        for (const b of scene.bills.filter((b) => b.payee === i.payee)) {
          ids.add(b.request);
          amounts.add(b.amount);
          call('pay_pay_request', { request_id: b.request, amount_fen: b.amount, payee_account_id: b.payee });
        }
        break;
      }
      case 'order': {
        if (i.merchant) ids.add(i.merchant);
        if (i.address) ids.add(i.address);
        if (i.budgetFen) amounts.add(i.budgetFen);
        const food = i.app === 'food';
        const pool = food ? scene.dishes : scene.products;
        const things = i.items.map((w) => ({
          w,
          t: pool.find(
            (t) => (w.ids ?? []).includes(t.id) || w.names.includes(t.zh) || w.names.includes(t.en),
          ),
        }));
        for (const { t } of things) if (t) ids.add(t.id);
        const restaurant =
          i.merchant ??
          scene.restaurants.find((r) => i.merchantName === r.zh || i.merchantName === r.en)?.id ??
          (things[0]?.t as Scene['dishes'][number] | undefined)?.restaurant;
        if (restaurant) ids.add(restaurant);
        const address = i.address ?? scene.addresses.find((a) => a.app === i.app)?.id;
        const lines = things
          .filter((x) => x.t)
          .map(({ w, t }) => ({ [food ? 'dish_id' : 'product_id']: t!.id, quantity: w.quantity ?? 1 }));
        if (food) {
          call('food_place_order', { restaurant_id: restaurant, address_id: address, items: lines });
          for (const l of lines) call('food_add_to_cart', l);
          call('food_place_order', { restaurant_id: restaurant, address_id: address });
        } else {
          call('shop_place_order', { address_id: address, items: lines });
          for (const l of lines) call('shop_add_to_cart', l);
          call('shop_place_order', { address_id: address });
        }
        break;
      }
      case 'message':
        for (const t of i.to) ids.add(t);
        call('chat_send_message', { to: i.to[0], text: 'on my way' });
        break;
      case 'event':
        for (const t of i.attendees) ids.add(t);
        call('calendar_create_event', { title: 'meeting', start, attendee_ids: i.attendees });
        break;
      case 'restock':
        break;
      default: {
        if (i.target) ids.add(i.target);
        const target =
          i.target ??
          (i.app === 'food' || i.kind === 'review'
            ? scene.foodOrders[0]?.id
            : i.app === 'shop' || i.kind === 'return'
              ? scene.shopOrders[0]?.id
              : i.kind === 'respond'
                ? scene.invitations[0]?.id
                : scene.ownEvents[0]?.id);
        if (!target) break;
        if (i.kind === 'reschedule') call('calendar_move_event', { event_id: target, start });
        if (i.kind === 'cancel' && target.startsWith('evt_'))
          call('calendar_cancel_event', { event_id: target });
        if (i.kind === 'cancel' && target.startsWith('ord_')) call('food_cancel_order', { order_id: target });
        if (i.kind === 'cancel' && target.startsWith('sord_'))
          call('shop_cancel_order', { order_id: target });
        if (i.kind === 'respond')
          call('calendar_respond_to_invitation', { event_id: target, response: i.response ?? 'accept' });
        if (i.kind === 'return') call('shop_request_return', { order_id: target, reason: 'does not fit' });
        if (i.kind === 'review') call('food_write_review', { order_id: target, rating: 5, text: 'good' });
      }
    }
  }
  return { ids: [...ids], amounts: [...amounts], calls };
}
