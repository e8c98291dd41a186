import type Database from 'better-sqlite3';
import { ErrandError } from '../../../errors.js';
import { MINUTE_MS } from '../../clock.js';
import type { WorldEvent } from '../../events.js';
import type { ToolContext } from '../../tool.js';
import { createPaymentRequest, getRequest, refundRequest } from '../pay/index.js';
import type { OptionChoice } from './options.js';
import { buildQuote, type OrderRequest, type Quote } from './service.js';

/** Where an order is in its life. Cancelling is possible only while created or paid. */
export type OrderStatus = 'created' | 'paid' | 'preparing' | 'delivering' | 'delivered' | 'cancelled';

/** The order states in their order, cancelled last. */
export const ORDER_STATUSES = [
  'created',
  'paid',
  'preparing',
  'delivering',
  'delivered',
  'cancelled',
] as const;

/** Minutes from payment until the kitchen starts. */
export const PAY_TO_PREPARE_MIN = 3;
/** Minutes after which an unpaid order is cancelled on its own. */
export const UNPAID_EXPIRY_MIN = 30;

/** An order row. */
export interface OrderRow {
  id: string;
  owner_id: string;
  restaurant_id: string;
  address_id: string;
  place_id: string;
  status: OrderStatus;
  items_total: number;
  packaging_fee: number;
  delivery_fee: number;
  discount: number;
  total: number;
  coupon_id: string | null;
  note: string;
  payment_request_id: string | null;
  distance_m: number;
  prep_min: number;
  travel_min: number;
  created_at: number;
  paid_at: number | null;
  preparing_at: number | null;
  delivering_at: number | null;
  delivered_at: number | null;
  cancelled_at: number | null;
  cancel_reason: string | null;
}

/** One line of an order; `options` is the JSON of the chosen option choices. */
export interface OrderItemRow {
  order_id: string;
  line_no: number;
  dish_id: string;
  name_zh: string;
  name_en: string;
  options: string;
  unit_price: number;
  quantity: number;
  line_total: number;
}

/** Reads one of your orders or fails with NOT_FOUND. */
export function getOrder(db: Database.Database, ownerId: string, id: string): OrderRow {
  const row = db.prepare('SELECT * FROM food_orders WHERE id = ? AND owner_id = ?').get(id, ownerId) as
    | OrderRow
    | undefined;
  if (!row) throw new ErrandError('NOT_FOUND', `No order "${id}" of yours; list them with list_orders.`);
  return row;
}

/** The lines of an order, in order. */
export function orderItems(
  db: Database.Database,
  orderId: string,
): (OrderItemRow & { chosen: OptionChoice[] })[] {
  const rows = db
    .prepare('SELECT * FROM food_order_items WHERE order_id = ? ORDER BY line_no')
    .all(orderId) as OrderItemRow[];
  return rows.map((r) => ({ ...r, chosen: JSON.parse(r.options) as OptionChoice[] }));
}

/** When each later state is (or would be) reached, from the payment time and the stored durations. */
export function orderSchedule(order: Pick<OrderRow, 'paid_at' | 'prep_min' | 'travel_min'>, paidAt?: number) {
  const paid = order.paid_at ?? paidAt;
  if (paid === undefined || paid === null) return null;
  const preparing = paid + PAY_TO_PREPARE_MIN * MINUTE_MS;
  const delivering = preparing + order.prep_min * MINUTE_MS;
  const delivered = delivering + order.travel_min * MINUTE_MS;
  return { preparing, delivering, delivered };
}

/** Writes an order in state `created` with its lines, and stock, coupon and cart effects. */
export function insertOrder(
  db: Database.Database,
  order: { id: string; owner_id: string; note: string; created_at: number },
  quote: Quote,
): void {
  db.prepare(
    `INSERT INTO food_orders (id, owner_id, restaurant_id, address_id, place_id, status, items_total, packaging_fee,
       delivery_fee, discount, total, coupon_id, note, payment_request_id, distance_m, prep_min, travel_min, created_at)
     VALUES (?, ?, ?, ?, ?, 'created', ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
  ).run(
    order.id,
    order.owner_id,
    quote.restaurant.id,
    quote.address.id,
    quote.address.place_id,
    quote.items_total,
    quote.packaging_fee,
    quote.delivery_fee,
    quote.discount,
    quote.total,
    quote.coupon?.id ?? null,
    order.note,
    quote.distance_m,
    quote.restaurant.prep_min,
    quote.travel_min,
    order.created_at,
  );
  const line = db.prepare('INSERT INTO food_order_items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  quote.lines.forEach((l, i) => {
    line.run(
      order.id,
      i + 1,
      l.dish.id,
      l.dish.name_zh,
      l.dish.name_en,
      JSON.stringify(l.options.chosen),
      l.unit_price,
      l.quantity,
      l.line_total,
    );
  });
}

/** Places an order: checks it as a quote would, takes the stock and coupon, and asks for payment. */
export function placeOrder(ctx: ToolContext, request: OrderRequest & { note: string }): OrderRow {
  const quote = buildQuote(ctx, request);
  const id = ctx.nextId('ord');
  insertOrder(ctx.db, { id, owner_id: ctx.me, note: request.note, created_at: ctx.now }, quote);
  const take = ctx.db.prepare('UPDATE food_dishes SET stock = stock - ? WHERE id = ?');
  for (const l of quote.lines) take.run(l.quantity, l.dish.id);
  if (quote.coupon) {
    ctx.db.prepare('UPDATE food_coupons SET used = 1, order_id = ? WHERE id = ?').run(id, quote.coupon.id);
  }
  if (quote.fromCart) {
    ctx.db
      .prepare('DELETE FROM food_cart_items WHERE owner_id = ? AND restaurant_id = ?')
      .run(ctx.me, quote.restaurant.id);
  }
  const request_ = createPaymentRequest(ctx, {
    merchantId: quote.restaurant.merchant_id,
    payerId: ctx.me,
    amount: quote.total,
    reference: `food:${id}`,
    memo: `${quote.restaurant.name_zh}外卖 ${id} / ${quote.restaurant.name_en} order ${id}`,
  });
  ctx.db.prepare('UPDATE food_orders SET payment_request_id = ? WHERE id = ?').run(request_.id, id);
  return getOrder(ctx.db, ctx.me, id);
}

/** Gives back what an order took (stock, coupon, payment) and marks it cancelled. */
function release(ctx: ToolContext, order: OrderRow, reason: string, at: number): void {
  const give = ctx.db.prepare('UPDATE food_dishes SET stock = stock + ? WHERE id = ?');
  for (const item of orderItems(ctx.db, order.id)) give.run(item.quantity, item.dish_id);
  if (order.coupon_id) {
    ctx.db.prepare('UPDATE food_coupons SET used = 0, order_id = NULL WHERE id = ?').run(order.coupon_id);
  }
  if (order.payment_request_id) refundRequest(ctx, order.payment_request_id);
  ctx.db
    .prepare("UPDATE food_orders SET status = 'cancelled', cancelled_at = ?, cancel_reason = ? WHERE id = ?")
    .run(at, reason, order.id);
}

/** Cancels one of your orders while it is created or paid; a paid order is refunded in full. */
export function cancelOrder(
  ctx: ToolContext,
  id: string,
  reason: string,
): { order: OrderRow; refunded: number } {
  const order = getOrder(ctx.db, ctx.me, id);
  if (order.status === 'cancelled') throw new ErrandError('CONFLICT', `Order ${id} is already cancelled.`);
  if (order.status !== 'created' && order.status !== 'paid') {
    throw new ErrandError(
      'CONFLICT',
      `Order ${id} is ${order.status}: the kitchen has started, so it can no longer be cancelled. Contact the restaurant instead.`,
      { status: order.status },
    );
  }
  release(ctx, order, reason, ctx.now);
  const refunded =
    order.payment_request_id && getRequest(ctx.db, order.payment_request_id).status === 'refunded'
      ? order.total
      : 0;
  return { order: getOrder(ctx.db, ctx.me, id), refunded };
}

/** Marks an order paid when the wallet reports its payment request settled. */
export function onPaymentPaid(event: Extract<WorldEvent, { type: 'payment.paid' }>, ctx: ToolContext): void {
  if (!event.reference.startsWith('food:')) return;
  const id = event.reference.slice('food:'.length);
  ctx.db
    .prepare("UPDATE food_orders SET status = 'paid', paid_at = ? WHERE id = ? AND status = 'created'")
    .run(ctx.now, id);
}

/**
 * Moves orders along as the clock advances: unpaid orders expire after 30 minutes; paid ones are
 * prepared 3 minutes after payment, picked up after the restaurant's prep time and delivered after the
 * ebike ride. Each step's time comes from stored times, so one long advance passes several steps.
 */
export function advanceOrders(ctx: ToolContext): void {
  const stale = ctx.db
    .prepare("SELECT * FROM food_orders WHERE status = 'created' AND created_at <= ? ORDER BY id")
    .all(ctx.now - UNPAID_EXPIRY_MIN * MINUTE_MS) as OrderRow[];
  for (const order of stale) {
    release(ctx, order, 'unpaid: cancelled automatically', order.created_at + UNPAID_EXPIRY_MIN * MINUTE_MS);
  }
  const moving = ctx.db
    .prepare("SELECT * FROM food_orders WHERE status IN ('paid', 'preparing', 'delivering') ORDER BY id")
    .all() as OrderRow[];
  const update = ctx.db.prepare(
    'UPDATE food_orders SET status = ?, preparing_at = ?, delivering_at = ?, delivered_at = ? WHERE id = ?',
  );
  for (const order of moving) {
    const at = orderSchedule(order);
    if (!at) continue;
    const reached = (t: number) => (ctx.now >= t ? t : null);
    const preparing = reached(at.preparing);
    const delivering = reached(at.delivering);
    const delivered = reached(at.delivered);
    const status: OrderStatus = delivered
      ? 'delivered'
      : delivering
        ? 'delivering'
        : preparing
          ? 'preparing'
          : 'paid';
    if (status !== order.status) update.run(status, preparing, delivering, delivered, order.id);
  }
}
