import type Database from 'better-sqlite3';
import { ErrandError } from '../../../errors.js';
import { formatFen } from '../../money.js';
import type { ToolContext } from '../../tool.js';
import { createPaymentRequest, refundRequest } from '../pay/index.js';
import {
  type AddressRow,
  DELIVER_AFTER_MS,
  type OrderItemRow,
  type OrderRow,
  type PricedLine,
  RETURN_WINDOW_MS,
  SHIP_AFTER_MS,
  SHOP_MERCHANT,
  totalsOf,
} from './service.js';

/** Reads one of the person's orders or fails with NOT_FOUND. */
export function getOrder(db: Database.Database, buyerId: string, id: string): OrderRow {
  const row = db.prepare('SELECT * FROM shop_orders WHERE id = ? AND buyer_id = ?').get(id, buyerId) as
    | OrderRow
    | undefined;
  if (!row) throw new ErrandError('NOT_FOUND', `No order "${id}" of yours; see list_orders.`);
  return row;
}

/** The lines of an order. */
export function orderItems(db: Database.Database, orderId: string): OrderItemRow[] {
  return db
    .prepare('SELECT * FROM shop_order_items WHERE order_id = ? ORDER BY line')
    .all(orderId) as OrderItemRow[];
}

function moveStock(db: Database.Database, productId: string, variantId: string | null, delta: number): void {
  db.prepare('UPDATE shop_products SET stock = stock + ? WHERE id = ?').run(delta, productId);
  if (variantId) db.prepare('UPDATE shop_variants SET stock = stock + ? WHERE id = ?').run(delta, variantId);
}

/**
 * Places an order: takes the stock, records the lines, and asks the buyer to pay through the wallet.
 * Only the seeded past orders pass `bankCard`: they were paid outside the wallet, so no request is made.
 */
export function placeOrder(
  ctx: ToolContext,
  order: { lines: PricedLine[]; address: AddressRow; clearCart: boolean; id?: string; bankCard?: boolean },
): OrderRow {
  const totals = totalsOf(order.lines);
  const id = order.id ?? ctx.nextId('sord');
  const request = order.bankCard
    ? null
    : createPaymentRequest(ctx, {
        merchantId: SHOP_MERCHANT.id,
        payerId: ctx.me,
        amount: totals.total,
        reference: `shop:${id}`,
        memo: `优选商城订单 ${id} / ShopMall order ${id}`,
      });
  ctx.db
    .prepare(
      `INSERT INTO shop_orders VALUES (?, ?, ?, 'created', ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL)`,
    )
    .run(
      id,
      ctx.me,
      order.address.id,
      totals.subtotal,
      totals.shipping_fee,
      totals.total,
      order.bankCard ? 'bank_card' : 'wallet',
      request?.id ?? null,
      ctx.now,
    );
  const insertItem = ctx.db.prepare('INSERT INTO shop_order_items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  order.lines.forEach((l, i) => {
    insertItem.run(
      id,
      i + 1,
      l.product.id,
      l.variant?.id ?? null,
      l.product.name_zh,
      l.product.name_en,
      l.variant?.name_zh ?? null,
      l.variant?.name_en ?? null,
      l.unit_price,
      l.quantity,
    );
    moveStock(ctx.db, l.product.id, l.variant?.id ?? null, -l.quantity);
  });
  if (order.clearCart) ctx.db.prepare('DELETE FROM shop_cart_items WHERE owner_id = ?').run(ctx.me);
  return getOrder(ctx.db, ctx.me, id);
}

/**
 * Gives the money back the way it was paid: a wallet payment is refunded (an unpaid request is
 * withdrawn); a bank-card payment goes back to the card, outside the world.
 */
function refund(ctx: ToolContext, order: OrderRow): void {
  if (order.payment_request_id) refundRequest(ctx, order.payment_request_id);
}

/** Cancels an order not yet shipped: the payment is refunded (or its request withdrawn) and stock restored. */
export function cancelOrder(ctx: ToolContext, order: OrderRow): OrderRow {
  if (order.status !== 'created' && order.status !== 'paid') {
    throw new ErrandError(
      'CONFLICT',
      `Order ${order.id} is ${order.status}; only orders not yet shipped (created or paid) can be cancelled.${order.status === 'delivered' ? ' Use request_return instead.' : ''}`,
    );
  }
  refund(ctx, order);
  for (const item of orderItems(ctx.db, order.id)) {
    moveStock(ctx.db, item.product_id, item.variant_id, item.quantity);
  }
  ctx.db
    .prepare("UPDATE shop_orders SET status = 'cancelled', cancelled_at = ? WHERE id = ?")
    .run(ctx.now, order.id);
  return getOrder(ctx.db, order.buyer_id, order.id);
}

/** The last moment a delivered order may be returned. */
export function returnDeadline(order: OrderRow): number | null {
  return order.delivered_at === null ? null : order.delivered_at + RETURN_WINDOW_MS;
}

/** Returns a delivered order within 7 days of delivery and refunds it in full. */
export function returnOrder(ctx: ToolContext, order: OrderRow, reason: string): OrderRow {
  if (order.status !== 'delivered') {
    const hint =
      order.status === 'created' || order.status === 'paid'
        ? ' It has not shipped yet: use cancel_order.'
        : '';
    throw new ErrandError(
      'CONFLICT',
      `Order ${order.id} is ${order.status}; only delivered orders can be returned.${hint}`,
    );
  }
  const deadline = returnDeadline(order) ?? 0;
  if (ctx.now > deadline) {
    throw new ErrandError(
      'CONFLICT',
      `Order ${order.id} was delivered more than 7 days ago; the return window has closed.`,
    );
  }
  refund(ctx, order);
  ctx.db
    .prepare("UPDATE shop_orders SET status = 'returned', returned_at = ?, return_reason = ? WHERE id = ?")
    .run(ctx.now, reason, order.id);
  return getOrder(ctx.db, order.buyer_id, order.id);
}

/** A payment for a shop order settled: the order is paid. Other merchants' payments are ignored. */
export function markPaid(ctx: ToolContext, event: { reference: string; amount: number }): void {
  if (!event.reference.startsWith('shop:')) return;
  const id = event.reference.slice('shop:'.length);
  const order = ctx.db.prepare('SELECT * FROM shop_orders WHERE id = ?').get(id) as OrderRow | undefined;
  if (order?.status !== 'created') return;
  if (order.total !== event.amount) {
    throw new ErrandError(
      'INTERNAL',
      `Payment of ${formatFen(event.amount)} does not match order ${id} total ${formatFen(order.total)}.`,
    );
  }
  setPaid(ctx.db, id, ctx.now);
}

/** Records that an order was paid at a time; the clock ships and delivers it from there. */
export function setPaid(db: Database.Database, id: string, at: number): void {
  db.prepare("UPDATE shop_orders SET status = 'paid', paid_at = ? WHERE id = ? AND status = 'created'").run(
    at,
    id,
  );
}

/** Ships paid orders 2 hours after payment and delivers them 24 hours after shipping. */
export function advanceOrders(db: Database.Database, now: number): void {
  db.prepare(
    "UPDATE shop_orders SET status = 'shipped', shipped_at = paid_at + ? WHERE status = 'paid' AND paid_at + ? <= ?",
  ).run(SHIP_AFTER_MS, SHIP_AFTER_MS, now);
  db.prepare(
    "UPDATE shop_orders SET status = 'delivered', delivered_at = shipped_at + ? WHERE status = 'shipped' AND shipped_at + ? <= ?",
  ).run(DELIVER_AFTER_MS, DELIVER_AFTER_MS, now);
}
