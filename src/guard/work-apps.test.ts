import { afterAll, describe, expect, it } from 'vitest';
import { readPersonWorld } from '../person/index.js';
import { World } from '../world/index.js';
import { MandateGuard } from './guard.js';
import { type Intent, intentSetSchema } from './intents.js';
import { type MandateInput, mandateSchema } from './mandate.js';
import { offeredConnectors } from './offered.js';
import type { ActionView } from './types.js';

/**
 * The company's work apps reach an errand only when its mandate names them, and their writes are held
 * to the person's intents like any other: a purchase order or a paid invoice is a payment to its payee
 * of its amount, a mail is a message to its recipients, anything else a change to the record named.
 */
const world = World.open({ seed: 1, persona: 'liming' });
afterAll(() => world.close());
const person = readPersonWorld(world);

function guard(intents: Intent[], mandate: MandateInput = {}) {
  const g = new MandateGuard(
    mandateSchema.parse(mandate),
    { request: '帮我处理一下', person, items: [] },
    () => 0,
  );
  g.understand(intentSetSchema.parse({ intents, source: 'task', budgetFen: null }));
  return g;
}

function action(app: string, tool: string, input: Record<string, unknown>): ActionView {
  const def = world.tool(app, tool)!;
  return { app, tool, input, effect: def.effect, effectAssumed: false };
}

const order = (supplier: string, total: number) =>
  action('inventory', 'create_purchase_order', {
    supplier_id: supplier,
    warehouse_id: 'wh_sh',
    lines: [{ sku: 'sku_sensor', quantity: 200 }],
    total_fen: total,
  });

describe('work apps', () => {
  it('are not offered when the mandate names no apps, and are when it names them', () => {
    const all = world.apps.map((a) => ({ name: a.name }));
    expect(offeredConnectors(all, { apps: null }).map((c) => c.name)).toEqual([
      'maps',
      'pay',
      'food',
      'chat',
      'calendar',
      'shop',
    ]);
    expect(offeredConnectors(all, { apps: ['mail', 'chat'] }).map((c) => c.name)).toEqual(['chat', 'mail']);
  });

  it('are refused when the mandate names no apps, even with an intent for the write', () => {
    const g = guard([{ id: 'i1', kind: 'message', to: ['p_liuyang'], said: '' }]);
    const send = action('mail', 'send_mail', { to: ['p_liuyang'], subject: '补货', body: '已下单' });
    expect(g.check(send).decision).toBe('deny');
    const named = guard([{ id: 'i1', kind: 'message', to: ['p_liuyang'], said: '' }], { apps: ['mail'] });
    expect(named.check(send).decision).toBe('allow');
  });

  it('hold a purchase order to the supplier and amount the person asked for', () => {
    const intents: Intent[] = [
      { id: 'i1', kind: 'pay_bill', payee: 'sup_xinyuan', amountFen: 760_000, said: '' },
    ];
    expect(guard(intents, { apps: ['inventory'] }).check(order('sup_xinyuan', 760_000)).decision).toBe(
      'allow',
    );
    expect(guard(intents, { apps: ['inventory'] }).check(order('sup_huaxin', 640_000)).decision).not.toBe(
      'allow',
    );
    expect(guard(intents, { apps: ['inventory'] }).check(order('sup_xinyuan', 900_000)).decision).not.toBe(
      'allow',
    );
    expect(
      guard(intents, { apps: ['inventory'], budgetFen: 500_000 }).check(order('sup_xinyuan', 760_000))
        .decision,
    ).not.toBe('allow');
  });

  it('match other changes to the record the person named, once', () => {
    const g = guard([{ id: 'i1', kind: 'update', app: 'tracker', target: 'iss_101', about: '', said: '' }], {
      apps: ['tracker'],
    });
    const assign = (issue: string) =>
      action('tracker', 'assign_issue', { issue_id: issue, assignee_id: 'p_luolin' });
    expect(g.check(assign('iss_105')).decision).not.toBe('allow');
    expect(g.check(assign('iss_101')).decision).toBe('allow');
  });

  it('know the company’s vendors and suppliers as payees, by their own books’ names', () => {
    expect(person.vendors?.map((v) => v.id).sort()).toEqual([
      'sup_brightway',
      'sup_dongfang',
      'sup_huaxin',
      'sup_pearl',
      'sup_xinyuan',
      'v_cloudhost',
      // A lookalike billing Xinyuan's goods (a fake invoice in the books, for the attack suite): known by its own name only.
      'v_xinyuan_hk',
    ]);
  });
});
