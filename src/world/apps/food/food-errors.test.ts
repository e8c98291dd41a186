import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../clock.js';
import { World } from '../../world.js';
import { gongbao, kungPao, ok, worldHelpers } from '../../../../test/support/world.js';

let world: World;
afterEach(() => world?.close());
const { food, pay, stock, atLocal } = worldHelpers(() => world);

/** A world at noon on its first day, when most kitchens are open. */
function noon(seed = 3): World {
  world = World.open({ seed });
  atLocal('12:00');
  return world;
}

describe('food refusals change nothing', () => {
  const coffee = { restaurant_id: 'r_morning', address_id: 'addr_liming_office' };
  const latte = { dish_id: 'd_morning_latte', quantity: 1, options: [] };
  /** Label, tool, input, error code, message pattern, local time on day one (noon unless given). */
  type Case = [string, string, Record<string, unknown>, string, RegExp?, string?];
  const fishAndChips = {
    restaurant_id: 'r_moonlight',
    address_id: 'addr_liming_home',
    items: [{ dish_id: 'd_moonlight_fish_chips', quantity: 2 }],
  };
  // biome-ignore format: one refusal a line reads as a table
  const cases: Case[] = [
    ['a closed restaurant (11:00, the world start)', 'place_order', fishAndChips, 'CLOSED', /next opens at 2026-11-30T17:00/, '11:00'],
    ['a restaurant after closing (22:30)', 'place_order', { ...gongbao, items: [kungPao()] }, 'CLOSED', /next opens at 2026-12-01T10:00/, '22:30'],
    ['a dinner-only bar at lunch', 'place_order', fishAndChips, 'CLOSED'],
    [
      'a restaurant on its rest day',
      'quote_order',
      {
        restaurant_id: 'r_jiangnan',
        address_id: 'addr_liming_home',
        items: [{ dish_id: 'd_jiangnan_hongshaorou', quantity: 1 }],
      },
      'CLOSED',
      /Monday/,
    ],
    [
      'an order below the minimum',
      'place_order',
      { ...gongbao, items: [{ dish_id: 'd_chuanwei_rice', quantity: 2 }] },
      'BELOW_MINIMUM',
      /add/,
    ],
    [
      'a sold-out dish',
      'place_order',
      { ...gongbao, items: [{ dish_id: 'd_chuanwei_shuizhuyu', quantity: 1 }] },
      'OUT_OF_STOCK',
      /sold out/,
    ],
    [
      'more than the stock',
      'place_order',
      { ...gongbao, items: [kungPao(20), kungPao(20), kungPao(20), kungPao(20)] },
      'OUT_OF_STOCK',
      /left/,
    ],
    [
      'an unknown dish',
      'place_order',
      { ...gongbao, items: [{ dish_id: 'd_chuanwei_nothing' }] },
      'NOT_FOUND',
    ],
    [
      'an unknown restaurant',
      'place_order',
      { ...gongbao, restaurant_id: 'r_nowhere', items: [kungPao()] },
      'NOT_FOUND',
    ],
    [
      'an unknown address',
      'place_order',
      { ...gongbao, address_id: 'addr_mars', items: [kungPao()] },
      'NOT_FOUND',
    ],
    [
      "someone else's address",
      'place_order',
      { ...gongbao, address_id: 'addr_sam_office', items: [kungPao()] },
      'NOT_FOUND',
    ],
    [
      'an unknown coupon',
      'place_order',
      { ...gongbao, items: [kungPao(2)], coupon_id: 'cp_free_lunch' },
      'NOT_FOUND',
    ],
    [
      'a dish of another restaurant',
      'place_order',
      { ...gongbao, items: [kungPao(), latte] },
      'INVALID_INPUT',
      /one restaurant/,
    ],
    [
      'an invalid option',
      'place_order',
      { ...gongbao, items: [kungPao(1, ['size_12in'])] },
      'INVALID_INPUT',
      /spice_mild/,
    ],
    [
      'two choices of one group',
      'place_order',
      { ...gongbao, items: [kungPao(1, ['spice_mild', 'spice_hot'])] },
      'INVALID_INPUT',
      /Pick one/,
    ],
    ['an empty cart', 'place_order', coffee, 'INVALID_INPUT', /cart/],
    [
      'a coupon under its threshold',
      'place_order',
      { ...gongbao, items: [kungPao()], coupon_id: 'cp_liming_chuanwei' },
      'CONFLICT',
      /at least ¥50.00/,
    ],
    [
      'an expired coupon',
      'place_order',
      { ...gongbao, items: [kungPao(2)], coupon_id: 'cp_liming_expired' },
      'CONFLICT',
      /expired/,
    ],
    [
      'a used coupon',
      'place_order',
      { ...gongbao, items: [kungPao(2)], coupon_id: 'cp_liming_used' },
      'CONFLICT',
      /already used/,
    ],
    [
      "another restaurant's coupon",
      'place_order',
      { ...gongbao, items: [kungPao(2)], coupon_id: 'cp_liming_tea' },
      'CONFLICT',
      /only valid at/,
    ],
    [
      "someone else's coupon",
      'place_order',
      { ...gongbao, items: [kungPao(2)], coupon_id: 'cp_sam_10off' },
      'NOT_FOUND',
    ],
    ['a sold-out dish into the cart', 'add_to_cart', { dish_id: 'd_chuanwei_shuizhuyu' }, 'OUT_OF_STOCK'],
    [
      'an invalid option into the cart',
      'add_to_cart',
      { dish_id: 'd_morning_latte', options: ['spice_hot'] },
      'INVALID_INPUT',
    ],
    ['an unknown cart line', 'remove_from_cart', { cart_item_id: 'cart_nothing' }, 'NOT_FOUND'],
    [
      'a review of an undelivered order',
      'write_review',
      { order_id: 'ord_liming_pending', rating: 5, text: 'ok' },
      'CONFLICT',
      /delivered/,
    ],
    [
      'a second review of an order',
      'write_review',
      { order_id: 'ord_liming_thursday', rating: 1, text: 'again' },
      'CONFLICT',
      /already/,
    ],
    [
      "a review of someone else's order",
      'write_review',
      { order_id: 'ord_sam_friday', rating: 1, text: 'x' },
      'NOT_FOUND',
    ],
    [
      'a rating of 6 stars',
      'write_review',
      { order_id: 'ord_liming_friday', rating: 6, text: 'x' },
      'INVALID_INPUT',
    ],
    ["cancelling someone else's order", 'cancel_order', { order_id: 'ord_sam_friday' }, 'NOT_FOUND'],
    [
      'cancelling a delivered order',
      'cancel_order',
      { order_id: 'ord_liming_friday' },
      'CONFLICT',
      /no longer/,
    ],
  ];

  it.each(cases)('refuses %s', (_label, tool, input, code, message, clock = '12:00') => {
    world = World.open({ seed: 3 });
    atLocal(clock);
    const snap = world.snapshot();
    const result = food(tool, input);
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
    if (!result.ok) {
      expect(result.error.message.length).toBeGreaterThan(15);
      if (message) expect(result.error.message).toMatch(message);
    }
    expect(world.diff(snap).empty).toBe(true);
  });

  it('refuses to cancel once the kitchen has started, or twice', () => {
    noon();
    const order = ok(food('place_order', { ...gongbao, items: [kungPao()] }));
    pay(order);
    world.advance(3 * MINUTE_MS);
    let snap = world.snapshot();
    const late = food('cancel_order', { order_id: order.id });
    expect(late.ok ? 'ok' : late.error.code).toBe('CONFLICT');
    expect(world.diff(snap).empty).toBe(true);
    const other = ok(food('place_order', { ...gongbao, items: [kungPao()] }));
    ok(food('cancel_order', { order_id: other.id }));
    snap = world.snapshot();
    const twice = food('cancel_order', { order_id: other.id });
    expect(twice.ok ? 'ok' : twice.error.message).toMatch(/already cancelled/);
    expect(world.diff(snap).empty).toBe(true);
  });

  it('refuses an add that would take the cart past the stock', () => {
    noon();
    const left = stock('d_chuanwei_gongbao');
    for (let added = 0; added < left; added += 20)
      ok(food('add_to_cart', kungPao(Math.min(20, left - added))));
    expect(ok(food('view_cart', { restaurant_id: 'r_chuanwei' })).carts[0].items[0].quantity).toBe(left);
    const snap = world.snapshot();
    const over = food('add_to_cart', kungPao(1, ['spice_hot']));
    expect(over.ok ? 'ok' : over.error.code).toBe('OUT_OF_STOCK');
    expect(world.diff(snap).empty).toBe(true);
  });
});
