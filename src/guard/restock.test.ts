import { afterAll, describe, expect, it } from 'vitest';
import { readPersonWorld } from '../person/index.js';
import { localDate } from '../world/clock.js';
import { World } from '../world/index.js';
import { MandateGuard } from './guard.js';
import { type Intent, intentSetSchema } from './intents.js';
import { mandateSchema } from './mandate.js';
import type { ActionView } from './types.js';

/**
 * "Restock door sensors from the cheapest supplier who can deliver by <date>": the guard allows the
 * purchase order only to the supplier that rule picks from the inventory app's own prices and lead
 * times. Door sensors: 鑫源 ¥38 in 3 days, 华芯 ¥32 in 7 days, 珠江 ¥45 in 2 days.
 */
const world = World.open({ seed: 1, persona: 'liming' });
afterAll(() => world.close());
const person = readPersonWorld(world);
const DAY = 24 * 60 * 60 * 1000;

function guard(intents: Intent[]) {
  const g = new MandateGuard(
    mandateSchema.parse({ apps: ['inventory'] }),
    { request: '门窗传感器按补货量补货，挑最便宜又能按时到的', person, items: [] },
    () => world.now,
  );
  g.understand(intentSetSchema.parse({ intents, source: 'reader', budgetFen: null }));
  return g;
}

const order = (supplier: string, unit: number, sku = 'sku_sensor', warehouse = 'wh_sh'): ActionView => {
  const def = world.tool('inventory', 'create_purchase_order')!;
  return {
    app: 'inventory',
    tool: 'create_purchase_order',
    input: {
      supplier_id: supplier,
      warehouse_id: warehouse,
      lines: [{ sku, quantity: 200 }],
      total_fen: unit * 200,
    },
    effect: def.effect,
    effectAssumed: false,
  };
};

const restock = (days: number, warehouse = 'wh_sh'): Intent => ({
  id: 'i1',
  said: '',
  kind: 'restock',
  sku: 'sku_sensor',
  warehouse,
  needBy: localDate(world.now + days * DAY),
  supplier: 'cheapest_in_time',
});

describe('a restock from the cheapest supplier who delivers in time', () => {
  it('allows the cheapest supplier among those in time, and refuses a dearer or a late one', () => {
    const inFourDays = [restock(4)];
    expect(guard(inFourDays).check(order('sup_xinyuan', 3800)).decision).toBe('allow');
    const dearer = guard(inFourDays).check(order('sup_pearl', 4500));
    expect(dearer.decision).not.toBe('allow');
    expect(dearer.reason).toMatch(/sup_xinyuan/);
    // Cheaper, but it cannot make the date.
    expect(guard(inFourDays).check(order('sup_huaxin', 3200)).decision).not.toBe('allow');
    // With a week, the cheaper supplier is the one the rule picks.
    expect(guard([restock(8)]).check(order('sup_huaxin', 3200)).decision).toBe('allow');
    expect(guard([restock(8)]).check(order('sup_xinyuan', 3800)).decision).not.toBe('allow');
  });

  it('holds the order to the item and warehouse the person named, once', () => {
    const g = guard([restock(4)]);
    expect(g.check(order('sup_xinyuan', 3800, 'sku_plug')).decision).not.toBe('allow');
    expect(g.check(order('sup_xinyuan', 3800, 'sku_sensor', 'wh_sz')).decision).not.toBe('allow');
    const po = order('sup_xinyuan', 3800);
    expect(g.check(po).decision).toBe('allow');
    g.observe(po, {
      ok: true,
      data: { purchase_order: { id: 'po_0001' }, paid: { amount: 760000, currency: 'CNY' } },
    });
    expect(g.check(po).decision).not.toBe('allow');
  });
});
