import Database from 'better-sqlite3';
import { localDate } from '../../src/world/clock.js';
import type { World } from '../../src/world/index.js';

/** The data of a successful call, or a thrown error with its code: for tests that expect success. */
export function ok(result: ReturnType<World['call']>): Record<string, any> {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data as Record<string, any>;
}

/**
 * Small helpers for app tests over the world a test currently holds: calls with fresh idempotency
 * keys for writes, paying an order, reading a balance or stock, and moving the clock to a local time.
 */
export function worldHelpers(current: () => World) {
  let keys = 0;
  return {
    /** Calls a food tool; writes get a fresh idempotency key. */
    food(tool: string, input: Record<string, unknown> = {}): ReturnType<World['call']> {
      const world = current();
      const def = world.tool('food', tool);
      return world.call(
        'food',
        tool,
        def?.effect.kind === 'read' ? input : { ...input, idempotency_key: `k${++keys}` },
      );
    },
    /** Pays an order's payment request, exactly as it asks. */
    pay(order: Record<string, any>): Record<string, any> {
      return ok(
        current().call('pay', 'pay_request', {
          request_id: order.payment_request_id,
          amount_fen: order.total.amount,
          payee_account_id: order.payee_account_id,
          idempotency_key: `pay${++keys}`,
        }),
      );
    },
    balance(id: string): number {
      return (
        current().db.prepare('SELECT balance FROM pay_accounts WHERE id = ?').get(id) as { balance: number }
      ).balance;
    },
    stock(dishId: string): number {
      return (
        current().db.prepare('SELECT stock FROM food_dishes WHERE id = ?').get(dishId) as { stock: number }
      ).stock;
    },
    /** Moves the clock to local `HH:MM` on the world's first day (fails if that is already past). */
    atLocal(clock: string): void {
      const world = current();
      world.advance(Date.parse(`${localDate(world.now)}T${clock}:00+08:00`) - world.now);
    },
  };
}

/** 宫保鸡丁 from 川味小馆 to Li Ming's office: the order most food tests place. */
export const gongbao = { restaurant_id: 'r_chuanwei', address_id: 'addr_liming_office' };
export const kungPao = (quantity = 1, options: string[] = []) => ({
  dish_id: 'd_chuanwei_gongbao',
  quantity,
  options,
});

/** Transfers to `to` (default Wang Fang) in a world file's own table, in fen: what the world says was paid. */
export function transfersIn(worldFile: string, to = 'p_wangfang'): number[] {
  const db = new Database(worldFile, { readonly: true });
  const rows = db
    .prepare("SELECT amount FROM pay_transactions WHERE kind = 'transfer' AND to_id = ?")
    .all(to) as { amount: number }[];
  db.close();
  return rows.map((r) => r.amount);
}
