import type Database from 'better-sqlite3';
import type { ToolContext } from '../../tool.js';
import { advanceOrders, placeOrder, setPaid } from './orders.js';
import { getAddress, type LineRequest, priceLines } from './service.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * Orders the personas placed before the world starts, fixed across seeds so tasks can name them:
 * one returnable (delivered days ago), one past the 7-day return window, and one paid but not shipped.
 */
const PAST_ORDERS: { id: string; buyer: string; address: string; items: LineRequest[]; paidAgo: number }[] = [
  {
    id: 'sord_liming_earbuds',
    buyer: 'p_liming',
    address: 'saddr_liming_home',
    items: [{ product_id: 'pr_wireless_earbuds', quantity: 1 }],
    paidAgo: 3 * DAY + 26 * HOUR,
  },
  {
    id: 'sord_liming_book',
    buyer: 'p_liming',
    address: 'saddr_liming_office',
    items: [{ product_id: 'pr_to_live', quantity: 1 }],
    paidAgo: 20 * DAY,
  },
  {
    id: 'sord_liming_scarf',
    buyer: 'p_liming',
    address: 'saddr_liming_home',
    items: [{ product_id: 'pr_wool_scarf', variant_id: 'pv_wool_scarf_camel', quantity: 1 }],
    paidAgo: HOUR / 2,
  },
  {
    id: 'sord_sam_slippers',
    buyer: 'p_sam',
    address: 'saddr_sam_home',
    items: [{ product_id: 'pr_slippers', variant_id: 'pv_slippers_42', quantity: 1 }],
    paidAgo: 2 * DAY + 26 * HOUR,
  },
  {
    id: 'sord_sam_oat_milk',
    buyer: 'p_sam',
    address: 'saddr_sam_office',
    items: [{ product_id: 'pr_oat_milk', quantity: 2 }],
    paidAgo: 15 * DAY,
  },
];

/** What Li Ming left in his cart: a cart is rarely empty, and an errand must not order it by mistake. */
const CART = [{ owner: 'p_liming', product_id: 'pr_dark_chocolate', quantity: 2, ago: 2 * DAY }];

/**
 * Plays the past orders through the same rules as live ones (stock taken, clock ships and delivers).
 * They were paid by bank card before the world began, so the wallet's history stays the person's own.
 */
export function seedHistory(db: Database.Database, now: number, nextId: (prefix: string) => string): void {
  for (const past of PAST_ORDERS) {
    const paidAt = now - past.paidAgo;
    const ctx: ToolContext = { db, now: paidAt - 5 * 60_000, me: past.buyer, nextId, emit: () => {} };
    const lines = priceLines(db, past.items);
    const address = getAddress(db, past.buyer, past.address);
    placeOrder(ctx, { lines, address, clearCart: false, id: past.id, bankCard: true });
    setPaid(db, past.id, paidAt);
  }
  advanceOrders(db, now);
  const cart = db.prepare('INSERT INTO shop_cart_items VALUES (?, ?, ?, ?, ?)');
  for (const c of CART) cart.run(c.owner, c.product_id, '', c.quantity, now - c.ago);
}
