import { describe, expect, it } from 'vitest';
import { World } from '../../world/index.js';
import { buildCatalogue } from './catalogue.js';
import { matchRequest } from './match.js';

/** A world whose tool calls are counted, app.tool → calls. */
function countedWorld(options: { persona?: string } = {}): { world: World; calls: Map<string, number> } {
  const world = World.open({ seed: 1, ...options });
  const calls = new Map<string, number>();
  const call = world.call.bind(world);
  world.call = (app, tool, input) => {
    calls.set(`${app}.${tool}`, (calls.get(`${app}.${tool}`) ?? 0) + 1);
    return call(app, tool, input);
  };
  return { world, calls };
}

describe('buildCatalogue', () => {
  it("holds what Li Ming's world has, read through the apps", () => {
    const cat = buildCatalogue(World.open({ seed: 1 }));
    expect(cat.persona).toEqual({ id: 'liming', personId: 'p_liming', language: 'zh' });
    expect(cat.now).toBe(Date.parse('2026-11-30T11:00:00+08:00'));
    expect(cat.restaurants).toHaveLength(34);
    expect(cat.dishes.length).toBeGreaterThan(250);
    expect(cat.dishes.find((d) => d.id === 'd_chuanwei_gongbao')).toMatchObject({
      restaurantId: 'r_chuanwei',
      priceFen: 3000,
      names: expect.arrayContaining(['宫保鸡丁', 'Kung Pao Chicken']),
    });
    expect(cat.restaurants.find((r) => r.id === 'r_chuanwei')?.names).toEqual([
      '川味小馆',
      'Chuanwei Kitchen',
      '川味',
      'Chuanwei',
    ]);
    expect(cat.contacts.find((c) => c.id === 'p_liuxiuying')).toMatchObject({
      names: ['刘秀英', 'Liu Xiuying', '妈妈'],
      relation: '母亲',
    });
    expect(cat.groups.map((g) => g.id).sort()).toEqual(['grp_liming_family', 'grp_liming_project']);
    expect(cat.foodAddresses.map((a) => [a.id, a.names[0], a.placeId])).toEqual([
      ['addr_liming_home', '家', 'pl_home_liming'],
      ['addr_liming_office', '公司', 'pl_office_liming'],
      ['addr_liming_parents', '爸妈家', 'pl_home_liming_parents'],
    ]);
    expect(cat.shopAddresses.map((a) => a.id)).toEqual(['saddr_liming_home', 'saddr_liming_office']);
    expect(cat.bills.map((b) => [b.id, b.payee, b.amountFen])).toEqual([
      ['preq_0001', 'm_r_yuexiang', 4100],
      ['preq_power_liming', 'm_power', 21934],
      ['preq_mobile_liming', 'm_mobile', 5300],
    ]);
    expect(cat.places.find((p) => p.id === 'pl_hongqiao_station')?.names).toContain('Hongqiao Station');
  });

  it('reads every product past the first page, with its variants', () => {
    const cat = buildCatalogue(World.open({ seed: 1, persona: 'sam' }));
    expect(cat.products).toHaveLength(51);
    expect(cat.products.find((p) => p.id === 'pr_tshirt')?.variants.map((v) => v.id)).toEqual([
      'pv_tshirt_white_m',
      'pv_tshirt_white_l',
      'pv_tshirt_black_m',
      'pv_tshirt_black_l',
    ]);
    expect(cat.products.find((p) => p.id === 'pr_umbrella')).toMatchObject({ priceFen: 5900, variants: [] });
    expect(cat.foodAddresses.map((a) => a.names.slice(0, 2))).toEqual([
      ['家', 'Home'],
      ['公司', 'Office'],
    ]);
  });

  it('reads what never changes once per world, and stock, people and bills every time', () => {
    const { world, calls } = countedWorld();
    buildCatalogue(world);
    const first = new Map(calls);
    calls.clear();
    buildCatalogue(world);
    expect(first.get('maps.search_places')).toBeGreaterThan(0);
    expect(calls.get('maps.search_places')).toBeUndefined();
    expect(calls.get('food.search_restaurants')).toBeUndefined();
    expect(calls.get('shop.get_product')).toBeUndefined();
    expect(calls.get('food.get_menu')).toBe(34);
    for (const tool of [
      'chat.list_contacts',
      'chat.list_conversations',
      'pay.list_payment_requests',
      'shop.search_products',
    ])
      expect(calls.get(tool)).toBeGreaterThan(0);
    // Only read tools: a catalogue changes nothing in the world.
    for (const key of [...first.keys(), ...calls.keys()]) {
      const [app, tool] = key.split('.');
      expect(world.tool(app!, tool!)?.effect.kind).toBe('read');
    }
  });

  it('sees stock sold since the last build', () => {
    const world = World.open({ seed: 1 });
    expect(matchRequest('点一份回锅肉', buildCatalogue(world)).kind).toBe('match');
    const placed = world.call('food', 'place_order', {
      restaurant_id: 'r_chuanwei',
      address_id: 'addr_liming_office',
      items: [{ dish_id: 'd_chuanwei_huiguorou', quantity: 17 }],
      idempotency_key: 'catalogue-test-sell-out',
    });
    expect(placed.ok).toBe(true);
    const result = matchRequest('点一份回锅肉', buildCatalogue(world));
    expect(result).toMatchObject({ kind: 'unsure', missing: [expect.stringContaining('已售罄')] });
  });

  it('sees bills paid since the last build', () => {
    const world = World.open({ seed: 1, persona: 'sam' });
    const before = buildCatalogue(world);
    expect(matchRequest('pay my phone bill', before)).toMatchObject({ kind: 'match' });
    const bill = before.bills.find((b) => b.id === 'preq_mobile_sam')!;
    const paid = world.call('pay', 'pay_request', {
      request_id: bill.id,
      amount_fen: bill.amountFen,
      payee_account_id: bill.payee,
      idempotency_key: 'catalogue-test-pay',
    });
    expect(paid.ok).toBe(true);
    expect(matchRequest('pay my phone bill', buildCatalogue(world))).toMatchObject({
      kind: 'unsure',
      missing: ['There is no open phone bill'],
    });
  });
});
