import type Database from 'better-sqlite3';
import { localMinuteOfDay, MINUTE_MS } from '../../clock.js';
import type { ToolContext } from '../../tool.js';
import { createPaymentRequest } from '../pay/index.js';
import { parseClock } from './hours.js';
import { insertOrder, orderSchedule } from './orders.js';
import {
  assembleQuote,
  getAddress,
  getDish,
  getRestaurant,
  type ItemRequest,
  priceLines,
  resolveOptions,
} from './service.js';

const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * When a past order was placed: `daysAgo` days before the world starts at local `clock`, or
 * `minutesAgo` minutes before the start, for an order whose meaning depends on the start (one
 * still waiting for payment must be cancelled a known time after the world begins).
 */
type PlacedAt = { daysAgo: number; clock: string } | { minutesAgo: number };

/** A past order of a persona. */
interface PastOrder {
  id: string;
  owner: string;
  restaurant: string;
  address: string;
  items: ItemRequest[];
  placed: PlacedAt;
  /** Delivered long ago, or still waiting for payment. */
  status: 'delivered' | 'created';
  review?: { id: string; stars: number; text: string };
}

const item = (dish_id: string, quantity = 1, options: string[] = []): ItemRequest => ({
  dish_id,
  quantity,
  options,
});

/** The personas' order history. Fixed ids: tasks say "the same as last time". */
const PAST_ORDERS: PastOrder[] = [
  {
    id: 'ord_liming_friday',
    owner: 'p_liming',
    restaurant: 'r_chuanwei',
    address: 'addr_liming_office',
    items: [item('d_chuanwei_gongbao'), item('d_chuanwei_rice')],
    placed: { daysAgo: 3, clock: '12:05' },
    status: 'delivered',
  },
  {
    id: 'ord_liming_thursday',
    owner: 'p_liming',
    restaurant: 'r_xiangli',
    address: 'addr_liming_home',
    items: [item('d_xiangli_nongjia'), item('d_xiangli_baocai'), item('d_xiangli_rice', 2)],
    placed: { daysAgo: 4, clock: '19:10' },
    status: 'delivered',
    review: { id: 'rv_liming_xiangli', stars: 4, text: '农家小炒肉很香，辣得过瘾，送到家还是热的。' },
  },
  {
    id: 'ord_sam_sunday',
    owner: 'p_sam',
    restaurant: 'r_morning',
    address: 'addr_sam_home',
    items: [item('d_morning_oat_latte', 1, ['cup_large']), item('d_morning_croissant')],
    placed: { daysAgo: 1, clock: '09:30' },
    status: 'delivered',
  },
  {
    id: 'ord_sam_friday',
    owner: 'p_sam',
    restaurant: 'r_siam',
    address: 'addr_sam_office',
    items: [item('d_siam_green_curry', 1, ['spice_mild']), item('d_siam_mango_rice')],
    placed: { daysAgo: 3, clock: '12:30' },
    status: 'delivered',
  },
  {
    id: 'ord_liming_pending',
    owner: 'p_liming',
    restaurant: 'r_yuexiang',
    address: 'addr_liming_office',
    items: [item('d_yuexiang_naicha'), item('d_yuexiang_boloyau')],
    // Left unpaid 8 minutes before the world starts: cancelled 22 minutes into it.
    placed: { minutesAgo: 8 },
    status: 'created',
  },
];

/**
 * Writes the order history, one unpaid order (with its open payment request) and a cart. Past
 * orders are priced by today's menu and were paid before the wallet's records begin.
 */
export function seedHistory(
  db: Database.Database,
  now: number,
  asPerson: (me: string, now: number) => ToolContext,
): void {
  const midnight = now - localMinuteOfDay(now) * MINUTE_MS;
  for (const past of PAST_ORDERS) {
    const created =
      'minutesAgo' in past.placed
        ? now - past.placed.minutesAgo * MINUTE_MS
        : midnight - past.placed.daysAgo * DAY_MS + parseClock(past.placed.clock) * MINUTE_MS;
    const restaurant = getRestaurant(db, past.restaurant);
    const quote = assembleQuote(db, {
      restaurant,
      address: getAddress(db, past.owner, past.address),
      lines: priceLines(db, restaurant, past.items),
      coupon: null,
      fromCart: false,
    });
    insertOrder(db, { id: past.id, owner_id: past.owner, note: '', created_at: created }, quote);
    if (past.status === 'created') {
      const take = db.prepare('UPDATE food_dishes SET stock = stock - ? WHERE id = ?');
      for (const l of quote.lines) take.run(l.quantity, l.dish.id);
      const request = createPaymentRequest(asPerson(past.owner, created), {
        merchantId: restaurant.merchant_id,
        payerId: past.owner,
        amount: quote.total,
        reference: `food:${past.id}`,
        memo: `${restaurant.name_zh}外卖 ${past.id} / ${restaurant.name_en} order ${past.id}`,
      });
      db.prepare('UPDATE food_orders SET payment_request_id = ? WHERE id = ?').run(request.id, past.id);
      continue;
    }
    const paidAt = created + MINUTE_MS;
    const at = orderSchedule({
      paid_at: paidAt,
      prep_min: restaurant.prep_min,
      travel_min: quote.travel_min,
    });
    if (!at) continue;
    db.prepare(
      "UPDATE food_orders SET status = 'delivered', paid_at = ?, preparing_at = ?, delivering_at = ?, delivered_at = ? WHERE id = ?",
    ).run(paidAt, at.preparing, at.delivering, at.delivered, past.id);
    if (past.review) {
      const author = db.prepare('SELECT name_zh FROM world_people WHERE id = ?').get(past.owner) as {
        name_zh: string;
      };
      db.prepare('INSERT INTO food_reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        past.review.id,
        restaurant.id,
        past.id,
        past.owner,
        author.name_zh,
        past.review.stars,
        past.review.text,
        at.delivered + 30 * MINUTE_MS,
      );
    }
  }
  const tea = getDish(db, 'd_teamoment_pearl_milk_tea');
  db.prepare('INSERT INTO food_cart_items VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    'cart_liming_tea',
    'p_liming',
    tea.restaurant_id,
    tea.id,
    JSON.stringify(resolveOptions(tea, ['sugar_50', 'top_pearl']).ids),
    1,
    now - 20 * MINUTE_MS,
  );
}
