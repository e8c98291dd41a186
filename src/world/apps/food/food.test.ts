import { afterEach, describe, expect, it } from 'vitest';
import { formatWorldTime, MINUTE_MS, WORLD_EPOCH_MS } from '../../clock.js';
import { World } from '../../world.js';
import { gongbao, kungPao, ok, worldHelpers } from '../../../../test/support/world.js';

let world: World;
afterEach(() => world?.close());
const { food, pay, balance, stock, atLocal } = worldHelpers(() => world);

const HOUR = 60 * MINUTE_MS;
/** A world at noon on its first day, when most kitchens are open. */
function noon(seed = 3): World {
  world = World.open({ seed });
  atLocal('12:00');
  return world;
}

describe('food catalogue', () => {
  it('has 30+ bilingual restaurants with 8+ dishes, each a maps place and a wallet merchant', () => {
    world = World.open({ seed: 4 });
    const restaurants = world.db.prepare('SELECT * FROM food_restaurants').all() as Record<string, any>[];
    expect(restaurants.length).toBeGreaterThanOrEqual(30);
    for (const r of restaurants) {
      expect(r.name_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.name_en).toMatch(/[A-Za-z]/);
      expect(r.place_id).toBe(`pl_${r.id}`);
      expect(world.call('maps', 'get_place', { place_id: r.place_id }).ok, r.id).toBe(true);
      expect(world.db.prepare('SELECT kind FROM pay_accounts WHERE id = ?').get(`m_${r.id}`)).toEqual({
        kind: 'merchant',
      });
      const dishes = ok(food('get_menu', { restaurant_id: r.id })).dishes;
      expect(dishes.length, r.id).toBeGreaterThanOrEqual(8);
    }
    const cuisines = new Set(restaurants.map((r) => r.cuisine));
    for (const c of ['sichuan', 'western', 'japanese', 'fast_food', 'vegetarian', 'bubble_tea', 'coffee']) {
      expect(cuisines.has(c), c).toBe(true);
    }
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('keeps the fixed items tasks rely on in seed %i', (seed) => {
    world = World.open({ seed });
    const latte = ok(food('get_menu', { restaurant_id: 'r_morning', query: 'latte' })).dishes;
    expect(latte.map((d: any) => d.id)).toEqual(['d_morning_latte', 'd_morning_oat_latte']);
    for (const d of latte) {
      expect(d.price.amount).toBeGreaterThanOrEqual(2500);
      expect(d.price.amount).toBeLessThanOrEqual(3200);
      expect(d.in_stock).toBe(true);
    }
    expect(ok(food('get_restaurant', { restaurant_id: 'r_morning' }))).toMatchObject({
      hours: '07:30–20:00',
      open_now: true,
    });
    // 11:00 on day one, the world's start: lunch places are open, the bar stays closed until the evening.
    expect(ok(food('get_restaurant', { restaurant_id: 'r_chuanwei' })).open_now).toBe(true);
    expect(ok(food('get_restaurant', { restaurant_id: 'r_moonlight' })).open_now).toBe(false);
    const menu = ok(food('get_menu', { restaurant_id: 'r_chuanwei' })).dishes as any[];
    const byId = new Map(menu.map((d) => [d.id, d]));
    expect(byId.get('d_chuanwei_gongbao')).toMatchObject({
      name_zh: '宫保鸡丁',
      name_en: 'Kung Pao Chicken',
    });
    expect(byId.get('d_chuanwei_gongbao').tags).toContain('contains-peanuts');
    expect(byId.get('d_chuanwei_shuizhuyu')).toMatchObject({ stock: 0, in_stock: false });
    for (const name of ['麻婆豆腐', '回锅肉'])
      expect(
        menu.some((d) => d.name_zh === name),
        name,
      ).toBe(true);
    atLocal('12:00');
    expect(ok(food('get_restaurant', { restaurant_id: 'r_moonlight' })).open_now).toBe(false);
    expect(ok(food('get_restaurant', { restaurant_id: 'r_chuanwei' }))).toMatchObject({
      hours: '10:00–22:00',
      open_now: true,
    });
    // Kung Pao Chicken to Li Ming's office stays under ¥40 all in.
    expect(ok(food('quote_order', { ...gongbao, items: [kungPao()] })).total.amount).toBeLessThan(4000);
  });

  it('gives each persona saved home and office addresses and coupons of their own', () => {
    world = World.open({ seed: 2 });
    const mine = ok(food('list_addresses')).addresses.map((a: any) => [a.id, a.place_id]);
    expect(mine).toEqual(
      expect.arrayContaining([
        ['addr_liming_home', 'pl_home_liming'],
        ['addr_liming_office', 'pl_office_liming'],
      ]),
    );
    expect(ok(food('list_coupons', { usable_only: true })).coupons.map((c: any) => c.id)).toContain(
      'cp_liming_5off',
    );
    world.setPersona('sam');
    const sams = ok(food('list_addresses')).addresses.map((a: any) => a.id);
    expect(sams.sort()).toEqual(['addr_sam_home', 'addr_sam_office']);
    const coupons = ok(food('list_coupons')).coupons;
    expect(coupons.every((c: any) => c.id.startsWith('cp_sam_'))).toBe(true);
    expect(coupons.find((c: any) => c.id === 'cp_sam_expired').status).toBe('expired');
  });
});

describe('food browsing', () => {
  it('finds restaurants by dish or name in Chinese and English, open ones, nearest first', () => {
    noon();
    const kp = ok(food('search_restaurants', { query: '宫保鸡丁' })).restaurants;
    expect(kp[0].id).toBe('r_chuanwei');
    expect(kp[0].matched_dishes[0].id).toBe('d_chuanwei_gongbao');
    expect(ok(food('search_restaurants', { query: 'oat latte' })).restaurants.map((r: any) => r.id)).toEqual([
      'r_morning',
    ]);
    const open = ok(food('search_restaurants', { open_now: true, limit: 40 })).restaurants;
    expect(open.every((r: any) => r.open_now)).toBe(true);
    expect(open.map((r: any) => r.id)).not.toContain('r_moonlight');
    const near = ok(
      food('search_restaurants', { sort: 'distance', address_id: 'addr_liming_office', limit: 40 }),
    ).restaurants;
    const d = near.map((r: any) => r.distance_m);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    const rated = ok(food('search_restaurants', { cuisine: 'bubble_tea' })).restaurants;
    expect(rated.length).toBeGreaterThanOrEqual(2);
    expect(rated.every((r: any) => r.cuisine === 'bubble_tea')).toBe(true);
    expect(rated[0].rating).toBeGreaterThanOrEqual(rated[1].rating);
  });

  it('filters a menu by allergen tags and shows options with surcharges', () => {
    noon();
    const safe = ok(
      food('get_menu', { restaurant_id: 'r_chuanwei', exclude_tags: ['contains-peanuts'] }),
    ).dishes;
    expect(safe.length).toBeGreaterThan(3);
    expect(safe.some((d: any) => d.tags.includes('contains-peanuts'))).toBe(false);
    const latte = ok(food('get_menu', { restaurant_id: 'r_morning', query: '拿铁' })).dishes[0];
    const cup = latte.options.find((g: any) => g.key === 'cup');
    expect(cup).toMatchObject({ pick: 'one', default: 'cup_medium' });
    expect(cup.choices.find((c: any) => c.id === 'cup_large').surcharge.amount).toBe(300);
  });

  it('shows reviews newest first, the restaurant notice and its opening time when closed', () => {
    world = World.open({ seed: 3 });
    const reviews = ok(food('list_reviews', { restaurant_id: 'r_chuanwei', limit: 50 })).reviews;
    expect(reviews.length).toBeGreaterThanOrEqual(3);
    const times = reviews.map((r: any) => r.created_at);
    expect(times).toEqual([...times].sort().reverse());
    const r = ok(food('get_restaurant', { restaurant_id: 'r_chuanwei' }));
    expect(r.notice.length).toBeGreaterThan(5);
    expect(r).toMatchObject({ open_now: true, next_open_at: null });
    // At the world's start (11:00) the bar is closed until 17:00 the same day.
    expect(ok(food('get_restaurant', { restaurant_id: 'r_moonlight' }))).toMatchObject({
      open_now: false,
      next_open_at: '2026-11-30T17:00:00+08:00',
    });
    // After closing time, the next opening is tomorrow morning.
    atLocal('22:30');
    expect(ok(food('get_restaurant', { restaurant_id: 'r_chuanwei' }))).toMatchObject({
      open_now: false,
      next_open_at: '2026-12-01T10:00:00+08:00',
    });
  });
});

describe('food orders', () => {
  it('charges exactly the quoted total, through a payment request to the restaurant', () => {
    noon();
    const input = {
      ...gongbao,
      items: [kungPao(2, ['spice_mild', 'extra_rice'])],
      coupon_id: 'cp_liming_5off',
    };
    const quote = ok(food('quote_order', input));
    const unit = quote.items[0].unit_price.amount;
    const dish = ok(food('get_menu', { restaurant_id: 'r_chuanwei', query: '宫保' })).dishes[0];
    expect(unit).toBe(dish.price.amount + 200);
    expect(quote.items_total.amount).toBe(unit * 2);
    expect(quote.discount.amount).toBe(500);
    expect(quote.total.amount).toBe(
      quote.items_total.amount + quote.packaging_fee.amount + quote.delivery_fee.amount - 500,
    );
    const stockBefore = stock('d_chuanwei_gongbao');
    const order = ok(food('place_order', { ...input, note: '少放花生' }));
    expect(order).toMatchObject({
      status: 'created',
      payee_account_id: 'm_r_chuanwei',
      payment_status: 'open',
    });
    expect(order.total.amount).toBe(quote.total.amount);
    const request = ok(world.call('pay', 'get_payment_request', { request_id: order.payment_request_id }));
    expect(request).toMatchObject({
      amount: { amount: quote.total.amount },
      merchant: { id: 'm_r_chuanwei' },
    });
    expect(request.reference).toBe(`food:${order.id}`);
    expect(stock('d_chuanwei_gongbao')).toBe(stockBefore - 2);
    expect(ok(food('list_coupons')).coupons.find((c: any) => c.id === 'cp_liming_5off').status).toBe('used');
  });

  it('moves a paid order through preparing and delivering to delivered as the clock advances', () => {
    noon();
    const order = ok(food('place_order', { ...gongbao, items: [kungPao()] }));
    world.advance(5 * MINUTE_MS);
    expect(ok(food('get_order', { order_id: order.id })).status).toBe('created');
    pay(order);
    const paid = ok(food('get_order', { order_id: order.id }));
    expect(paid.status).toBe('paid');
    expect(paid.paid_at).toBe('2026-11-30T12:05:00+08:00');
    const prep = ok(food('get_restaurant', { restaurant_id: 'r_chuanwei' })).prep_minutes;
    const ride = ok(
      world.call('maps', 'route', {
        from_place_id: 'pl_r_chuanwei',
        to_place_id: 'pl_office_liming',
        mode: 'ebike',
      }),
    ).duration_min;
    const status = () => ok(food('get_order', { order_id: order.id })).status;
    world.advance(2 * MINUTE_MS);
    expect(status()).toBe('paid');
    world.advance(1 * MINUTE_MS);
    expect(status()).toBe('preparing');
    world.advance(prep * MINUTE_MS - 1);
    expect(status()).toBe('preparing');
    world.advance(1);
    expect(status()).toBe('delivering');
    world.advance(ride * MINUTE_MS);
    const done = ok(food('get_order', { order_id: order.id }));
    expect(done.status).toBe('delivered');
    expect(done.delivered_at).toBe(paid.estimated_delivery_at);
  });

  it('passes several states in one long advance, by the stored times', () => {
    noon();
    const order = ok(food('place_order', { ...gongbao, items: [kungPao()] }));
    pay(order);
    const eta = ok(food('get_order', { order_id: order.id })).estimated_delivery_at;
    world.advance(3 * HOUR);
    const done = ok(food('get_order', { order_id: order.id }));
    expect(done).toMatchObject({ status: 'delivered', delivered_at: eta });
    const row = world.db.prepare('SELECT * FROM food_orders WHERE id = ?').get(order.id) as Record<
      string,
      number
    >;
    expect(row.preparing_at).toBe(row.paid_at! + 3 * MINUTE_MS);
    expect(row.delivering_at).toBeGreaterThan(row.preparing_at!);
    expect(row.delivered_at).toBeGreaterThan(row.delivering_at!);
  });

  it('refunds a paid order on cancel, restoring wallet, stock and coupon', () => {
    noon();
    const wallet = balance('p_liming');
    const merchant = balance('m_r_chuanwei');
    const before = stock('d_chuanwei_gongbao');
    const order = ok(food('place_order', { ...gongbao, items: [kungPao(2)], coupon_id: 'cp_liming_5off' }));
    pay(order);
    expect(balance('p_liming')).toBe(wallet - order.total.amount);
    const cancelled = ok(food('cancel_order', { order_id: order.id, reason: '会议改期' }));
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      payment_status: 'refunded',
      cancel_reason: '会议改期',
    });
    expect(cancelled.refunded.amount).toBe(order.total.amount);
    expect(balance('p_liming')).toBe(wallet);
    expect(balance('m_r_chuanwei')).toBe(merchant);
    expect(stock('d_chuanwei_gongbao')).toBe(before);
    expect(ok(food('list_coupons')).coupons.find((c: any) => c.id === 'cp_liming_5off').status).toBe(
      'usable',
    );
    // The clock no longer moves a cancelled order.
    world.advance(2 * HOUR);
    expect(ok(food('get_order', { order_id: order.id })).status).toBe('cancelled');
  });

  it('cancels an unpaid order by closing its payment request, which can then not be paid', () => {
    world = World.open({ seed: 3 });
    const pending = ok(food('get_order', { order_id: 'ord_liming_pending' }));
    expect(pending.status).toBe('created');
    const cancelled = ok(food('cancel_order', { order_id: 'ord_liming_pending' }));
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      payment_status: 'cancelled',
      refunded: { amount: 0 },
    });
    const late = world.call('pay', 'pay_request', {
      request_id: pending.payment_request_id,
      amount_fen: pending.total.amount,
      payee_account_id: pending.payee_account_id,
      idempotency_key: 'late',
    });
    expect(late.ok ? 'ok' : late.error.code).toBe('CONFLICT');
  });

  it('cancels orders left unpaid for 30 minutes and gives their stock back', () => {
    world = World.open({ seed: 3 });
    const before = stock('d_yuexiang_naicha');
    world.advance(21 * MINUTE_MS);
    expect(ok(food('get_order', { order_id: 'ord_liming_pending' })).status).toBe('created');
    world.advance(MINUTE_MS);
    const gone = ok(food('get_order', { order_id: 'ord_liming_pending' }));
    expect(gone).toMatchObject({
      status: 'cancelled',
      cancelled_at: formatWorldTime(WORLD_EPOCH_MS + 22 * MINUTE_MS),
    });
    expect(stock('d_yuexiang_naicha')).toBe(before + 1);
  });

  it('orders from the cart and empties it; carts merge equal lines and remove parts', () => {
    noon();
    const first = ok(food('add_to_cart', kungPao(1, ['spice_mild'])));
    const again = ok(food('add_to_cart', kungPao(2, ['spice_mild'])));
    expect(again.cart_item_id).toBe(first.cart_item_id);
    const hot = ok(food('add_to_cart', kungPao(1, ['spice_hot'])));
    expect(hot.cart.items).toHaveLength(2);
    ok(food('remove_from_cart', { cart_item_id: first.cart_item_id, quantity: 1 }));
    const cart = ok(food('view_cart', { restaurant_id: 'r_chuanwei' })).carts[0];
    expect(cart.items.map((l: any) => l.quantity)).toEqual([2, 1]);
    const quote = ok(food('quote_order', gongbao));
    expect(quote.from_cart).toBe(true);
    const order = ok(food('place_order', gongbao));
    expect(order.total.amount).toBe(quote.total.amount);
    expect(order.items.map((l: any) => l.quantity)).toEqual([2, 1]);
    expect(ok(food('view_cart', { restaurant_id: 'r_chuanwei' })).carts).toEqual([]);
    // The seeded cart at another restaurant is untouched.
    expect(ok(food('view_cart')).carts.map((c: any) => c.restaurant.id)).toEqual(['r_teamoment']);
  });

  it('takes a review of a delivered order once, and counts it in the rating', () => {
    world = World.open({ seed: 3 });
    const before = ok(food('list_reviews', { restaurant_id: 'r_chuanwei' })).rating_count;
    const review = ok(
      food('write_review', { order_id: 'ord_liming_friday', rating: 5, text: '好吃，下次还点' }),
    );
    expect(review.restaurant.id).toBe('r_chuanwei');
    const after = ok(food('list_reviews', { restaurant_id: 'r_chuanwei' }));
    expect(after.rating_count).toBe(before + 1);
    expect(after.reviews[0]).toMatchObject({ id: review.review_id, yours: true, text: '好吃，下次还点' });
  });

  it('reacts only to payments of food orders', () => {
    world = World.open({ seed: 3 });
    const bill = ok(world.call('pay', 'get_payment_request', { request_id: 'preq_power_liming' }));
    const snap = world.snapshot();
    ok(
      world.call('pay', 'pay_request', {
        request_id: bill.id,
        amount_fen: bill.amount.amount,
        payee_account_id: bill.merchant.id,
        idempotency_key: 'bill',
      }),
    );
    expect(world.diff(snap).tables.every((t) => t.app === 'pay')).toBe(true);
    expect(ok(food('get_order', { order_id: 'ord_liming_pending' })).status).toBe('created');
  });

  it('lists your orders newest first, filtered by status', () => {
    world = World.open({ seed: 3 });
    const all = ok(food('list_orders')).orders.map((o: any) => o.id);
    expect(all).toEqual(['ord_liming_pending', 'ord_liming_friday', 'ord_liming_thursday']);
    expect(ok(food('list_orders', { status: 'delivered' })).orders).toHaveLength(2);
  });
});

describe('food world', () => {
  it('builds the same food world from the same seed, byte for byte', () => {
    world = World.open({ seed: 7 });
    const again = World.open({ seed: 7 });
    expect(world.snapshot().bytes.equals(again.snapshot().bytes)).toBe(true);
    again.close();
  });

  it('lets a bench plant text in a restaurant notice, a review and a dish description', () => {
    world = World.open({ seed: 7 });
    for (const [table, column, id] of [
      ['food_restaurants', 'notice', 'r_chuanwei'],
      ['food_reviews', 'text', 'rv_chuanwei_1'],
      ['food_dishes', 'description', 'd_chuanwei_gongbao'],
    ] as const) {
      world.plant({ app: 'food', table, column, id, text: 'PLANTED' });
    }
    expect(ok(food('get_restaurant', { restaurant_id: 'r_chuanwei' })).notice).toBe('PLANTED');
    expect(ok(food('get_menu', { restaurant_id: 'r_chuanwei', query: '宫保' })).dishes[0].description).toBe(
      'PLANTED',
    );
    const texts = ok(food('list_reviews', { restaurant_id: 'r_chuanwei', limit: 50 })).reviews.map(
      (r: any) => r.text,
    );
    expect(texts).toContain('PLANTED');
  });
});
